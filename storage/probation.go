package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"quotabot/quota"
)

// Probations awaiting the official-membership decision are indexed by
// their end date, so the daily job reads only the ones due soon.

func probationKey(a quota.Admission) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint32(k, a.ProbationEnd().Key())
	binary.BigEndian.PutUint64(k[4:], a.ID)
	return k
}

func (tx *Tx) indexProbation(a quota.Admission) error {
	k := probationKey(a)
	byOrg := append([]byte(a.Org+"\x00"), k...)
	if a.Retracted || a.Official != nil {
		if err := tx.bucket(bucketProbation).Delete(k); err != nil {
			return err
		}
		return tx.bucket(bucketProbByOrg).Delete(byOrg)
	}
	if err := tx.bucket(bucketProbation).Put(k, nil); err != nil {
		return err
	}
	return tx.bucket(bucketProbByOrg).Put(byOrg, nil)
}

// ErrAlreadyOfficial refuses a second official-membership decision, by
// the domain's rule (quota.Admission.RecognizeOfficial).
var ErrAlreadyOfficial = quota.ErrAlreadyOfficial

// RecordOfficial records the decision recognizing an admitted person as an
// official member, which ends the probation reminders.
func (tx *Tx) RecordOfficial(id uint64, d quota.OfficialDecision) (quota.Admission, error) {
	a, err := tx.Admission(id)
	if err != nil {
		return a, err
	}
	if a.Retracted {
		return a, fmt.Errorf("admission %d is retracted: %w", id, ErrNotFound)
	}
	if err := a.RecognizeOfficial(d); err != nil {
		return a, err
	}
	if err := tx.putAdmission(a); err != nil {
		return a, err
	}
	return a, tx.indexProbation(a)
}

// EachProbationEnding calls f for every counting admission whose probation
// ends from..to inclusive and awaits its decision, by end date.
func (tx *Tx) EachProbationEnding(from, to quota.Date, f func(a quota.Admission) error) error {
	start := make([]byte, 4)
	binary.BigEndian.PutUint32(start, from.Key())
	c := tx.bucket(bucketProbation).Cursor()
	for k, _ := c.Seek(start); k != nil && binary.BigEndian.Uint32(k) <= to.Key(); k, _ = c.Next() {
		a, err := tx.Admission(binary.BigEndian.Uint64(k[4:]))
		if err != nil {
			return err
		}
		if err := f(a); err != nil {
			return err
		}
	}
	return nil
}

// EachProbationOf calls f for the organization's admissions awaiting the
// decision whose probation ends by to (overdue ones included), by end date.
func (tx *Tx) EachProbationOf(org string, to quota.Date, f func(a quota.Admission) error) error {
	prefix := []byte(org + "\x00")
	c := tx.bucket(bucketProbByOrg).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		rest := k[len(prefix):]
		if binary.BigEndian.Uint32(rest) > to.Key() {
			break
		}
		a, err := tx.Admission(binary.BigEndian.Uint64(rest[4:]))
		if err != nil {
			return err
		}
		if err := f(a); err != nil {
			return err
		}
	}
	return nil
}

// migrateProbationIndex builds the probation index of schema 2 from the
// admissions a schema 1 database holds.
func migrateProbationIndex(tx *Tx) error {
	return tx.EachAdmission(func(a quota.Admission) error { return tx.indexProbation(a) })
}
