package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"quotabot/quota"
)

// Tallies keep, per organization and year, the quota and the admissions
// that count, updated in the admission's own transaction, so /status
// never scans admissions.

func tallyKey(year int, code string) []byte {
	k := make([]byte, 2+len(code))
	binary.BigEndian.PutUint16(k, uint16(year))
	copy(k[2:], code)
	return k
}

func decodeTally(v []byte) quota.Tally {
	if len(v) != 8 {
		return quota.Tally{}
	}
	return quota.Tally{Quota: int(binary.BigEndian.Uint32(v)), Admitted: int(binary.BigEndian.Uint32(v[4:]))}
}

func encodeTally(t quota.Tally) []byte {
	v := make([]byte, 8)
	binary.BigEndian.PutUint32(v, uint32(t.Quota))
	binary.BigEndian.PutUint32(v[4:], uint32(t.Admitted))
	return v
}

// Tally is the organization's quota and admitted count for a year.
func (tx *Tx) Tally(year int, code string) quota.Tally {
	return decodeTally(tx.bucket(bucketTallies).Get(tallyKey(year, code)))
}

func (tx *Tx) updateTally(year int, code string, f func(*quota.Tally)) error {
	tx.touchYear(year)
	b := tx.bucket(bucketTallies)
	k := tallyKey(year, code)
	t := decodeTally(b.Get(k))
	f(&t)
	if err := tx.insert(bucketTallies, k, encodeTally(t)); err != nil {
		return fmt.Errorf("saving the tally of %s for %d: %w", code, year, err)
	}
	return nil
}

// SetQuota sets the organization's quota for a year with no decision
// given; changed is false when it already had that quota. The earlier
// value stays in the quota's history (SetYearQuota).
func (tx *Tx) SetQuota(year int, code string, n int) (changed bool, err error) {
	ch, err := tx.SetYearQuota(year, code, quota.QuotaValue{Quota: n})
	return ch.Changed(), err
}

func yearCodeOf(k []byte) (int, string) { return int(binary.BigEndian.Uint16(k)), string(k[2:]) }

// EachTally calls f for every organization with a tally in the year, in
// code order.
func (tx *Tx) EachTally(year int, f func(code string, t quota.Tally) error) error {
	prefix := tallyKey(year, "")
	c := tx.bucket(bucketTallies).Cursor()
	codes := tx.db.codes.run(year)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := f(codes.next(k[2:]), decodeTally(v)); err != nil {
			return err
		}
	}
	codes.done(year)
	return nil
}

func dailyKey(code string, d quota.Date) []byte {
	k := make([]byte, len(code)+1+4)
	copy(k, code)
	binary.BigEndian.PutUint32(k[len(code)+1:], d.Key())
	return k
}

func (tx *Tx) addDaily(code string, d quota.Date, delta int) error {
	tx.touchYear(d.Year)
	b := tx.bucket(bucketDaily)
	k := dailyKey(code, d)
	n := 0
	if v := b.Get(k); len(v) == 4 {
		n = int(binary.BigEndian.Uint32(v))
	}
	n += delta
	if n <= 0 {
		return b.Delete(k)
	}
	v := make([]byte, 4)
	binary.BigEndian.PutUint32(v, uint32(n))
	return b.Put(k, v)
}

// AdmittedBetween counts the admissions of an organization ("" for the
// whole committee) dated from..to inclusive: the committee's from the
// daily counts, at most a year of keys whatever the number of
// admissions; an organization's from its duplicate keys.
func (tx *Tx) AdmittedBetween(code string, from, to quota.Date) int {
	if code != "" {
		return tx.orgAdmittedBetween(code, from, to)
	}
	c := tx.bucket(bucketDaily).Cursor()
	start, end := dailyKey(code, from), dailyKey(code, to)
	n := 0
	for k, v := c.Seek(start); k != nil && bytes.Compare(k, end) <= 0; k, v = c.Next() {
		if len(v) == 4 {
			n += int(binary.BigEndian.Uint32(v))
		}
	}
	return n
}

// TallyYears lists the years that have a tally, in order, skipping from
// one year to the next without reading its tallies.
func (tx *Tx) TallyYears() []int {
	var out []int
	c := tx.bucket(bucketTallies).Cursor()
	for k, _ := c.First(); len(k) >= 2; {
		y := int(binary.BigEndian.Uint16(k))
		out = append(out, y)
		k, _ = c.Seek(tallyKey(y+1, ""))
	}
	return out
}

// dropOrgDailyCounts removes the daily counts of organizations that
// schemas before 7 kept beside the committee's. The committee's keys
// (code "", so they begin with 0x00) are a few hundred: they are put into
// the bucket made anew, which frees the organizations' pages at once
// instead of deleting their keys one by one.
func dropOrgDailyCounts(tx *Tx) error {
	type count struct{ k, v []byte }
	var keep []count
	c := tx.bucket(bucketDaily).Cursor()
	for k, v := c.Seek([]byte{0}); k != nil && k[0] == 0; k, v = c.Next() {
		keep = append(keep, count{bytes.Clone(k), bytes.Clone(v)})
	}
	if err := tx.tx.DeleteBucket(bucketDaily); err != nil {
		return fmt.Errorf("clearing the daily counts: %w", err)
	}
	b, err := tx.tx.CreateBucket(bucketDaily)
	if err != nil {
		return fmt.Errorf("creating the daily counts: %w", err)
	}
	b.FillPercent = 1.0 // put in order
	for _, kv := range keep {
		if err := b.Put(kv.k, kv.v); err != nil {
			return fmt.Errorf("keeping the daily count %x: %w", kv.k, err)
		}
	}
	return nil
}
