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

// probationOrgKey is a probation's key in the index by organization:
// org 0x00 probationMark end(4) id(8), beside the organization's keys of
// every admission (org 0x00 id(8)) and its duplicate keys (dedupeKey), so
// that a report writes one page of that index for all three.
func probationOrgKey(org string, k []byte) []byte {
	return append(append([]byte(org+"\x00"), probationMark), k...)
}

// probationMark follows the organization in a probation's key in the
// index by organization, after the keys of admissions (eight bytes) and
// the duplicate keys (dedupeMark, 0xfe) of the organization; the
// probation keys are told from the others by it and their length.
const probationMark = 0xff

// isProbationOrgKey tells a probation's key from an admission's in the
// index by organization, by what follows the prefix org 0x00.
func isProbationOrgKey(rest []byte) bool { return len(rest) == 13 && rest[0] == probationMark }

func (tx *Tx) indexProbation(a quota.Admission) error {
	k := probationKey(a)
	byOrg := probationOrgKey(a.Org, k)
	if a.Retracted || a.Official != nil {
		if err := tx.bucket(bucketProbation).Delete(k); err != nil {
			return err
		}
		return tx.bucket(bucketAdmByOrg).Delete(byOrg)
	}
	if err := tx.bucket(bucketProbation).Put(k, nil); err != nil {
		return err
	}
	return tx.bucket(bucketAdmByOrg).Put(byOrg, nil)
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
	c := tx.bucket(bucketAdmByOrg).Cursor()
	for k, _ := c.Seek(append(prefix, probationMark)); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		rest := k[len(prefix):]
		if !isProbationOrgKey(rest) {
			continue
		}
		rest = rest[1:]
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

// oldProbByOrg is the bucket the probations by organization had before
// schema 8, keyed org 0x00 end(4) id(8).
var oldProbByOrg = []byte("prob_by_org")

// moveProbationsByOrg moves the index of probations by organization of
// schemas before 8, a bucket of its own (org 0x00 end(4) id(8)), into the
// index by organization. That index is written anew, its keys and the
// moved ones in order on full pages: putting the moved keys among its
// own would split every page of it while the old pages are still held,
// and grew the national file from 164 to 198 MB.
func moveProbationsByOrg(tx *Tx) error {
	old := tx.tx.Bucket(oldProbByOrg)
	if old == nil {
		return nil
	}
	var keys []keyValue
	if err := tx.bucket(bucketAdmByOrg).ForEach(func(k, v []byte) error {
		keys = append(keys, keyValue{bytes.Clone(k), bytes.Clone(v)})
		return nil
	}); err != nil {
		return fmt.Errorf("reading the index by organization: %w", err)
	}
	err := old.ForEach(func(k, _ []byte) error {
		i := bytes.IndexByte(k, 0)
		if i < 0 || len(k)-i-1 != 12 {
			return fmt.Errorf("an entry of the probations by organization is malformed: %x", k)
		}
		keys = append(keys, keyValue{k: probationOrgKey(string(k[:i]), k[i+1:])})
		return nil
	})
	if err != nil {
		return fmt.Errorf("moving the probations by organization: %w", err)
	}
	return rebuildBucket(tx, bucketAdmByOrg, keys, oldProbByOrg)
}
