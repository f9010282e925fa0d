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

// dedupeKey indexes a counting admission by what makes it the same
// person's, by the domain's rule: organization, date and
// quota.IdentityKey. It is a key of the index by organization,
// org 0x00 dedupeMark date 0x00 namekey -> id(8), beside the
// organization's other keys there, so that a report reads and writes one
// page of that index for all of them.
func dedupeKey(org string, d quota.Date, name string) []byte {
	return append(dedupePrefix(org, d), quota.IdentityKey(name)...)
}

func dedupePrefix(org string, d quota.Date) []byte {
	return append(dedupeOrgPrefix(org), d.String()+"\x00"...)
}

// dedupeOrgPrefix starts every duplicate key of the organization.
func dedupeOrgPrefix(org string) []byte { return append([]byte(org+"\x00"), dedupeMark) }

// dedupeMark follows the organization in a duplicate key of the index by
// organization, and sorts those keys between the organization's two other
// kinds. An admission's key there is its id, eight bytes numbered from 1
// by the bucket's sequence, whose first byte reaches 0xfe only past
// 1.8e19 admissions; a probation's starts with probationMark (0xff). The
// date that follows the mark makes a duplicate key at least 12 bytes
// after the organization, never the 8 of an admission's.
const dedupeMark = 0xfe

// isAdmissionOrgKey tells an admission's key in the index by organization
// (org 0x00 id(8)) by what follows the prefix org 0x00.
func isAdmissionOrgKey(rest []byte) bool { return len(rest) == 8 && rest[0] < dedupeMark }

// isDedupeOrgKey tells a duplicate key in the index by organization by
// what follows the prefix org 0x00.
func isDedupeOrgKey(rest []byte) bool { return len(rest) > 8 && rest[0] == dedupeMark }

// AddAdmission records an admission and counts it in its organization's
// tally and daily counts. The ID is assigned here. A duplicate returns the
// existing admission with ErrDuplicate.
func (tx *Tx) AddAdmission(a *quota.Admission) error {
	byOrg := tx.bucket(bucketAdmByOrg)
	dk := dedupeKey(a.Org, a.Date, a.Name)
	if v := byOrg.Get(dk); v != nil {
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
	if err := byOrg.Put(dk, u64(id)); err != nil {
		return fmt.Errorf("indexing admission %d: %w", id, err)
	}
	if err := tx.bucket(bucketUsers).Put(reporterKey(a.ReportedBy, id), nil); err != nil {
		return fmt.Errorf("indexing admission %d by reporter: %w", id, err)
	}
	if err := byOrg.Put(orgIDKey(a.Org, id), nil); err != nil {
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
	// duplicate keys in the index by organization, one more index to
	// write per admission otherwise, at a page of its own.
	if err := tx.addDaily(a.Date, delta); err != nil {
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
	if err := tx.bucket(bucketAdmByOrg).Delete(dedupeKey(a.Org, a.Date, a.Name)); err != nil {
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
	byOrg := tx.bucket(bucketAdmByOrg)
	oldKey, newKey := dedupeKey(old.Org, old.Date, old.Name), dedupeKey(next.Org, next.Date, next.Name)
	if !bytes.Equal(oldKey, newKey) {
		if v := byOrg.Get(newKey); v != nil && be64(v) != next.ID {
			return fmt.Errorf("correcting admission %d: %w: %w", next.ID, ErrDuplicate, quota.ErrAdmissionRecorded)
		}
		if err := byOrg.Delete(oldKey); err != nil {
			return fmt.Errorf("unindexing admission %d: %w", next.ID, err)
		}
		if err := byOrg.Put(newKey, u64(next.ID)); err != nil {
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
	c := tx.bucket(bucketUsers).Cursor()
	// The admissions of one message were numbered together, so the batch
	// is the run of this user's keys that ends at the last one; the
	// user's own record sorts before them.
	c.Seek(reporterKey(user, last.ID))
	for k, _ := c.Prev(); k != nil && bytes.HasPrefix(k, prefix) && len(k) == 16; k, _ = c.Prev() {
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
		rest := k[len(prefix):]
		if len(rest) > 0 && rest[0] >= dedupeMark {
			break // the duplicate keys and the probations sort after every admission's
		}
		if !isAdmissionOrgKey(rest) {
			continue
		}
		a, err := tx.Admission(be64(rest))
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
	c := tx.bucket(bucketUsers).Cursor()
	k, _ := c.Seek(i64(user + 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	// The user's own record sorts before the keys of its admissions.
	for ; k != nil && bytes.HasPrefix(k, prefix) && len(k) == 16; k, _ = c.Prev() {
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
	c := tx.bucket(bucketAdmByOrg).Cursor()
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

// oldAdmDedupe is the duplicate index of admissions of schemas before 10,
// a bucket of its own keyed org 0x00 date 0x00 namekey -> id(8), which
// the upgrade to schema 10 moves into the index by organization
// (moveDedupeByOrg).
var oldAdmDedupe = []byte("adm_dedupe")

// rebuildAdmissionIndex writes the duplicate index of schemas before 10
// afresh from the admissions, for a change of its key (schema 4).
func rebuildAdmissionIndex(tx *Tx) error {
	if tx.tx.Bucket(oldAdmDedupe) != nil {
		if err := tx.tx.DeleteBucket(oldAdmDedupe); err != nil {
			return fmt.Errorf("clearing the admission index: %w", err)
		}
	}
	dd, err := tx.tx.CreateBucket(oldAdmDedupe)
	if err != nil {
		return fmt.Errorf("creating the admission index: %w", err)
	}
	return tx.EachAdmission(func(a quota.Admission) error {
		if a.Retracted {
			return nil
		}
		k := []byte(a.Org + "\x00" + a.Date.String() + "\x00" + quota.IdentityKey(a.Name))
		if err := dd.Put(k, u64(a.ID)); err != nil {
			return fmt.Errorf("indexing admission %d: %w", a.ID, err)
		}
		return nil
	})
}

// moveDedupeByOrg moves the duplicate index of schemas before 10 into the
// index by organization, where an organization's admissions and
// probations already were: a report then reads and writes one page for
// the three instead of a page in each of two buckets. As in
// moveProbationsByOrg, the index is written anew with its keys and the
// moved ones in order on full pages, so the file does not grow.
func moveDedupeByOrg(tx *Tx) error {
	old := tx.tx.Bucket(oldAdmDedupe)
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
	err := old.ForEach(func(k, v []byte) error {
		i := bytes.IndexByte(k, 0)
		if i < 0 || len(v) != 8 {
			return fmt.Errorf("an entry of the duplicate index is malformed: %x", k)
		}
		nk := append(append(bytes.Clone(k[:i+1]), dedupeMark), k[i+1:]...)
		keys = append(keys, keyValue{nk, bytes.Clone(v)})
		return nil
	})
	if err != nil {
		return fmt.Errorf("moving the duplicate index: %w", err)
	}
	return rebuildBucket(tx, bucketAdmByOrg, keys, oldAdmDedupe)
}

// orgAdmittedBetween counts the organization's counting admissions dated
// from..to inclusive from its duplicate keys, which are exactly those: a
// few keys for an organization, on the page a report writes anyway.
func (tx *Tx) orgAdmittedBetween(org string, from, to quota.Date) int {
	prefix := dedupeOrgPrefix(org)
	n := 0
	c := tx.bucket(bucketAdmByOrg).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		d, ok := dedupeDate(k[len(prefix):])
		if ok && !d.Before(from) && !to.Before(d) {
			n++
		}
	}
	return n
}

// dedupeDate reads the date that starts a duplicate key after
// dedupeOrgPrefix, as dedupePrefix writes it (quota.Date.String, then 0x00).
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
	v := tx.bucket(bucketAdmByOrg).Get(dedupeKey(org, d, name))
	if v == nil {
		return quota.Admission{}, false
	}
	a, err := tx.Admission(binary.BigEndian.Uint64(v))
	return a, err == nil
}

// AdmissionsOf reads the counting admissions of an organization in a year,
// by date, from its duplicate keys: no other organization's are read.
func (tx *Tx) AdmissionsOf(org string, year int) ([]quota.Admission, error) {
	var out []quota.Admission
	prefix := dedupeOrgPrefix(org)
	suffix := []byte(fmt.Sprintf("/%04d\x00", year))
	c := tx.bucket(bucketAdmByOrg).Cursor()
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
