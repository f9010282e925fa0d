package storage

import (
	"fmt"
	"time"
)

// LastRun is the scheduled time of the job's last completed run; zero if
// it never ran.
func (db *DB) LastRun(job string) (time.Time, error) {
	var t time.Time
	err := db.View(func(tx *Tx) error {
		v := tx.bucket(bucketJobs).Get([]byte(job))
		if v == nil {
			return nil
		}
		return t.UnmarshalText(v)
	})
	if err != nil {
		return t, fmt.Errorf("reading the last run of %s: %w", job, err)
	}
	return t, nil
}

// SetLastRun records the scheduled time of the job's completed run.
func (db *DB) SetLastRun(job string, scheduled time.Time) error {
	v, err := scheduled.MarshalText()
	if err != nil {
		return fmt.Errorf("encoding the run time of %s: %w", job, err)
	}
	err = db.Update(func(tx *Tx) error { return tx.bucket(bucketJobs).Put([]byte(job), v) })
	if err != nil {
		return fmt.Errorf("recording the run of %s: %w", job, err)
	}
	return nil
}
