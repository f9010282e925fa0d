package storage

import (
	"encoding/json"
	"fmt"

	"quotabot/quota"
)

// Streak is the domain's escalation count, persisted by organization.
type Streak = quota.Streak

// Streak reads an organization's streak; zero when none.
func (tx *Tx) Streak(org string) Streak {
	var s Streak
	if v := tx.bucket(bucketStreaks).Get([]byte(org)); v != nil {
		_ = json.Unmarshal(v, &s)
	}
	return s
}

// PutStreak saves an organization's streak.
func (tx *Tx) PutStreak(org string, s Streak) error {
	v, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encoding the streak of %s: %w", org, err)
	}
	if err := tx.bucket(bucketStreaks).Put([]byte(org), v); err != nil {
		return fmt.Errorf("saving the streak of %s: %w", org, err)
	}
	return nil
}

// DeleteStreak ends an organization's streak.
func (tx *Tx) DeleteStreak(org string) error { return tx.bucket(bucketStreaks).Delete([]byte(org)) }

// EachStreak calls f for every organization with a streak.
func (tx *Tx) EachStreak(f func(org string, s Streak) error) error {
	return eachRecord(tx, bucketStreaks, "streak", func(k []byte, s Streak) error { return f(string(k), s) })
}
