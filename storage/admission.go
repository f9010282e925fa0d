package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"time"

	"quotabot/quota"
)

// ErrDuplicate is a record the index already holds for the same person:
// an admission of the same organization and date, or a candidate in the
// same pipeline. The error wraps the domain's reason too
// (quota.ErrAdmissionRecorded, quota.ErrCandidateExists).
var ErrDuplicate = errors.New("already recorded")

// dedupeKey indexes an admission by what makes it the same person's, by
// the domain's rule: organization, date and quota.IdentityKey.
func dedupeKey(org string, d quota.Date, name string) []byte {
	return append(dedupePrefix(org, d), quota.IdentityKey(name)...)
}

func dedupePrefix(org string, d quota.Date) []byte {
	return []byte(org + "\x00" + d.String() + "\x00")
}

// AddAdmission records an admission and counts it in its organization's
// tally and daily counts. The ID is assigned here. A duplicate returns the
// existing admission with ErrDuplicate.
func (tx *Tx) AddAdmission(a *quota.Admission) error {
	dd := tx.bucket(bucketAdmDedupe)
	dk := dedupeKey(a.Org, a.Date, a.Name)
	if v := dd.Get(dk); v != nil {
		if prev, err := tx.Admission(binary.BigEndian.Uint64(v)); err == nil {
			*a = prev
		}
		return fmt.Errorf("%w: %w", ErrDuplicate, quota.ErrAdmissionRecorded)
	}
	b := tx.bucket(bucketAdmissions)
	id, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("numbering an admission: %w", err)
	}
	a.ID = id
	if err := tx.putAdmission(*a); err != nil {
		return err
	}
	if err := dd.Put(dk, u64(id)); err != nil {
		return fmt.Errorf("indexing admission %d: %w", id, err)
	}
	if err := tx.bucket(bucketAdmByUser).Put(append(i64(a.ReportedBy), u64(id)...), nil); err != nil {
		return fmt.Errorf("indexing admission %d by reporter: %w", id, err)
	}
	if err := tx.bucket(bucketAdmByOrg).Put(orgIDKey(a.Org, id), nil); err != nil {
		return fmt.Errorf("indexing admission %d by organization: %w", id, err)
	}
	if err := tx.indexProbation(*a); err != nil {
		return fmt.Errorf("indexing the probation of admission %d: %w", id, err)
	}
	return tx.count(*a, +1)
}

func (tx *Tx) count(a quota.Admission, delta int) error {
	if err := tx.updateTally(a.Date.Year, a.Org, func(t *quota.Tally) { t.Admitted = max(0, t.Admitted+delta) }); err != nil {
		return err
	}
	// The committee's day only: an organization's days are read from its
	// keys in the duplicate index, one more index to write per admission
	// otherwise, at a page of its own.
	if err := tx.addDaily("", a.Date, delta); err != nil {
		return fmt.Errorf("counting admission %d: %w", a.ID, err)
	}
	return nil
}

func (tx *Tx) putAdmission(a quota.Admission) error {
	v, err := encodeAdmission(a)
	if err != nil {
		return err
	}
	if err := tx.bucket(bucketAdmissions).Put(u64(a.ID), v); err != nil {
		return fmt.Errorf("saving admission %d: %w", a.ID, err)
	}
	return nil
}

// Admission reads one admission.
func (tx *Tx) Admission(id uint64) (quota.Admission, error) {
	v := tx.bucket(bucketAdmissions).Get(u64(id))
	if v == nil {
		return quota.Admission{}, fmt.Errorf("admission %d: %w", id, ErrNotFound)
	}
	a, err := decodeAdmission(v)
	if err != nil {
		return a, fmt.Errorf("decoding admission %d: %w", id, err)
	}
	return a, nil
}

// Retract stops an admission counting and keeps it, marked, in the trail.
func (tx *Tx) Retract(id uint64, by int64, at time.Time) (quota.Admission, error) {
	a, err := tx.Admission(id)
	if err != nil {
		return a, err
	}
	if a.Retracted {
		return a, fmt.Errorf("admission %d is already retracted: %w", id, ErrNotFound)
	}
	a.Retracted, a.RetractedBy, a.RetractedAt = true, by, at
	if err := tx.putAdmission(a); err != nil {
		return a, err
	}
	if err := tx.bucket(bucketAdmDedupe).Delete(dedupeKey(a.Org, a.Date, a.Name)); err != nil {
		return a, fmt.Errorf("unindexing admission %d: %w", id, err)
	}
	if err := tx.indexProbation(a); err != nil {
		return a, fmt.Errorf("unindexing the probation of admission %d: %w", id, err)
	}
	if err := tx.addAudit(AuditEntry{What: "admission retracted", ID: id, Org: a.Org, By: by, At: at}); err != nil {
		return a, err
	}
	return a, tx.count(a, -1)
}

// ReplaceAdmission saves a corrected admission over the one with its ID,
// moving it in the indexes and counts its date and name decide, and
// keeps the correction in the audit trail. A correction that makes it the
// same person as another admission of that day returns ErrDuplicate.
func (tx *Tx) ReplaceAdmission(next quota.Admission, c quota.Correction) error {
	old, err := tx.Admission(next.ID)
	if err != nil {
		return err
	}
	if old.Retracted || next.Retracted || old.Org != next.Org {
		return fmt.Errorf("replacing admission %d: %w", next.ID, quota.ErrRetracted)
	}
	dd := tx.bucket(bucketAdmDedupe)
	oldKey, newKey := dedupeKey(old.Org, old.Date, old.Name), dedupeKey(next.Org, next.Date, next.Name)
	if !bytes.Equal(oldKey, newKey) {
		if v := dd.Get(newKey); v != nil && be64(v) != next.ID {
			return fmt.Errorf("correcting admission %d: %w: %w", next.ID, ErrDuplicate, quota.ErrAdmissionRecorded)
		}
		if err := dd.Delete(oldKey); err != nil {
			return fmt.Errorf("unindexing admission %d: %w", next.ID, err)
		}
		if err := dd.Put(newKey, u64(next.ID)); err != nil {
			return fmt.Errorf("indexing admission %d: %w", next.ID, err)
		}
	}
	if old.Date != next.Date {
		// The probation and the counts follow the date.
		gone := old
		gone.Retracted = true
		if err := tx.indexProbation(gone); err != nil {
			return fmt.Errorf("moving the probation of admission %d: %w", next.ID, err)
		}
		if err := tx.count(old, -1); err != nil {
			return err
		}
		if err := tx.count(next, +1); err != nil {
			return err
		}
		if err := tx.indexProbation(next); err != nil {
			return fmt.Errorf("moving the probation of admission %d: %w", next.ID, err)
		}
	}
	if err := tx.putAdmission(next); err != nil {
		return err
	}
	detail := fmt.Sprintf("%s: %q -> %q", c.Field, c.Old, c.New)
	return tx.addAudit(AuditEntry{What: "admission corrected", ID: next.ID, Org: next.Org, By: c.By, At: c.At, Detail: detail})
}

// LastBatchBy is the batch of the latest admission the user reported that
// still counts: every admission of the same message still counting
// (quota.SameBatch), latest first, for /undo.
func (tx *Tx) LastBatchBy(user int64) ([]quota.Admission, error) {
	last, err := tx.LastCountingAdmissionBy(user)
	if err != nil {
		return nil, err
	}
	batch := []quota.Admission{last}
	if last.UpdateID == 0 {
		return batch, nil
	}
	prefix := i64(user)
	c := tx.bucket(bucketAdmByUser).Cursor()
	// The admissions of one message were numbered together, so the batch
	// is the run of this user's keys that ends at the last one.
	c.Seek(append(i64(user), u64(last.ID)...))
	for k, _ := c.Prev(); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		a, err := tx.Admission(be64(k[8:]))
		if err != nil {
			return nil, err
		}
		if !quota.SameBatch(a, last) {
			break
		}
		if !a.Retracted {
			batch = append(batch, a)
		}
	}
	return batch, nil
}

// AllAdmissionsOf lists an organization's admissions dated in the year,
// retracted ones included, in the order they were reported, from the
// index by organization: the audit trail's view, where AdmissionsOf is
// the counting one.
func (tx *Tx) AllAdmissionsOf(org string, year int) ([]quota.Admission, error) {
	var out []quota.Admission
	prefix := []byte(org + "\x00")
	c := tx.bucket(bucketAdmByOrg).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if isProbationOrgKey(k[len(prefix):]) {
			continue
		}
		a, err := tx.Admission(be64(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		if a.Date.Year == year {
			out = append(out, a)
		}
	}
	return out, nil
}

func indexAdmissionsByOrg(tx *Tx) error {
	b := tx.bucket(bucketAdmByOrg)
	return tx.EachAdmission(func(a quota.Admission) error {
		if err := b.Put(orgIDKey(a.Org, a.ID), nil); err != nil {
			return fmt.Errorf("indexing admission %d by organization: %w", a.ID, err)
		}
		return nil
	})
}

// LastCountingAdmissionBy is the latest admission the user reported that
// still counts, for /undo.
func (tx *Tx) LastCountingAdmissionBy(user int64) (quota.Admission, error) {
	prefix := i64(user)
	c := tx.bucket(bucketAdmByUser).Cursor()
	k, _ := c.Seek(i64(user + 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		a, err := tx.Admission(binary.BigEndian.Uint64(k[8:]))
		if err != nil {
			return a, err
		}
		if !a.Retracted {
			return a, nil
		}
	}
	return quota.Admission{}, fmt.Errorf("admissions of user %d: %w", user, ErrNotFound)
}

// EachAdmission calls f for every admission in id order, retracted ones
// included.
func (tx *Tx) EachAdmission(f func(a quota.Admission) error) error {
	return tx.bucket(bucketAdmissions).ForEach(func(k, v []byte) error {
		a, err := decodeAdmission(v)
		if err != nil {
			return fmt.Errorf("decoding admission %x: %w", k, err)
		}
		return f(a)
	})
}

// SimilarAdmissions lists the counting admissions of the organization on
// the date whose names differ from name only in diacritics
// (quota.SimilarName), so a reply can point at a possible typing mistake.
func (tx *Tx) SimilarAdmissions(org string, d quota.Date, name string) ([]quota.Admission, error) {
	var out []quota.Admission
	match := quota.MatcherFor(name)
	prefix := dedupePrefix(org, d)
	c := tx.bucket(bucketAdmDedupe).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if !match.SimilarKey(string(k[len(prefix):])) {
			continue
		}
		a, err := tx.Admission(be64(v))
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// rebuildAdmissionIndex writes the duplicate index afresh from the
// admissions, for a change of its key.
func rebuildAdmissionIndex(tx *Tx) error {
	if err := tx.tx.DeleteBucket(bucketAdmDedupe); err != nil {
		return fmt.Errorf("clearing the admission index: %w", err)
	}
	dd, err := tx.tx.CreateBucket(bucketAdmDedupe)
	if err != nil {
		return fmt.Errorf("creating the admission index: %w", err)
	}
	return tx.EachAdmission(func(a quota.Admission) error {
		if a.Retracted {
			return nil
		}
		if err := dd.Put(dedupeKey(a.Org, a.Date, a.Name), u64(a.ID)); err != nil {
			return fmt.Errorf("indexing admission %d: %w", a.ID, err)
		}
		return nil
	})
}

// orgAdmittedBetween counts the organization's counting admissions dated
// from..to inclusive from its keys in the duplicate index, which holds
// exactly those: a few keys for an organization, on the page a report
// writes anyway.
func (tx *Tx) orgAdmittedBetween(org string, from, to quota.Date) int {
	prefix := []byte(org + "\x00")
	n := 0
	c := tx.bucket(bucketAdmDedupe).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		d, ok := dedupeDate(k[len(prefix):])
		if ok && !d.Before(from) && !to.Before(d) {
			n++
		}
	}
	return n
}

// dedupeDate reads the date at the start of a duplicate key's rest, as
// dedupePrefix writes it (quota.Date.String, then 0x00).
func dedupeDate(rest []byte) (quota.Date, bool) {
	date, _, ok := bytes.Cut(rest, []byte{0})
	if !ok {
		return quota.Date{}, false
	}
	d, err := quota.ParseDate(string(date))
	return d, err == nil
}

// FindAdmission finds the counting admission of the same person
// (quota.SameName) in the same organization on the same date.
func (tx *Tx) FindAdmission(org string, d quota.Date, name string) (quota.Admission, bool) {
	v := tx.bucket(bucketAdmDedupe).Get(dedupeKey(org, d, name))
	if v == nil {
		return quota.Admission{}, false
	}
	a, err := tx.Admission(binary.BigEndian.Uint64(v))
	return a, err == nil
}

// AdmissionsOf reads the counting admissions of an organization in a year,
// by date, from the duplicate index: no other organization's are read.
func (tx *Tx) AdmissionsOf(org string, year int) ([]quota.Admission, error) {
	var out []quota.Admission
	prefix := []byte(org + "\x00")
	suffix := []byte(fmt.Sprintf("/%04d\x00", year))
	c := tx.bucket(bucketAdmDedupe).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		// The key goes on with the date as dd/mm/yyyy: the year follows the month.
		if rest := k[len(prefix):]; len(rest) < 5+len(suffix) || !bytes.HasPrefix(rest[5:], suffix) || len(v) != 8 {
			continue
		}
		a, err := tx.Admission(binary.BigEndian.Uint64(v))
		if err != nil {
			return out, fmt.Errorf("listing the admissions of %s in %d: %w", org, year, err)
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}
