package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
)

// Tallies keep, per organization and year, the quota and the admissions
// that count, updated in the admission's own transaction, so /status
// never scans admissions. A year's tallies are kept in packs
// (tally_codec.go), key year(2) bound: the entries of the codes from
// bound up to the next pack's, the year's first pack from "". A pass over
// a year reads a few runs of contiguous pages: bbolt writes a node
// bigger than a page in one run, where tallies one key each filled
// hundreds of leaves scattered over the file, and the kernel maps 64 KB
// of cached pages around each page read.

// tallyPackLimit is the size past which a pack is split in two, so packs
// hold 8 to 16 KB, about 1,500 to 3,000 tallies. bbolt keeps at least two
// values on a leaf, so a report rewrites two to four packs, 16 to 64 KB,
// where it rewrote a 4 KB page; a year of 60,000 tallies is about 40
// packs, and a lookup steps through one pack at most.
const tallyPackLimit = 16 << 10

// tallyPackFill is what the migration fills a pack to, leaving room for
// the organizations added later.
const tallyPackFill = 12 << 10

func tallyKey(year int, code string) []byte {
	k := make([]byte, 2+len(code))
	binary.BigEndian.PutUint16(k, uint16(year))
	copy(k[2:], code)
	return k
}

// decodeTally reads a tally of the layout before schema 14, one key per
// organization and year.
func decodeTally(v []byte) quota.Tally {
	if len(v) != 8 {
		return quota.Tally{}
	}
	return quota.Tally{Quota: int(binary.BigEndian.Uint32(v)), Admitted: int(binary.BigEndian.Uint32(v[4:]))}
}

// findPack is the pack of the year that holds code or would hold it: the
// last one whose bound is not after it; k is nil when the year has none.
func findPack(c *bolt.Cursor, year int, code []byte) (k, v []byte) {
	seek := make([]byte, 2, 2+len(code))
	binary.BigEndian.PutUint16(seek, uint16(year))
	seek = append(seek, code...)
	k, v = c.Seek(seek)
	if k != nil && bytes.Equal(k, seek) {
		return k, v
	}
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if len(k) < 2 || binary.BigEndian.Uint16(k) != uint16(year) {
		return nil, nil
	}
	return k, v
}

// Tally is the organization's quota and admitted count for a year.
func (tx *Tx) Tally(year int, code string) quota.Tally {
	t, _ := tx.tallyOf(year, []byte(code))
	return t
}

func (tx *Tx) tallyOf(year int, code []byte) (quota.Tally, bool) {
	_, v := findPack(tx.bucket(bucketTallies).Cursor(), year, code)
	c := &tx.packs
	switch {
	case c.index != nil && samePack(c.index.v, v):
	case samePack(c.last, v):
		c.index = newPackIndex(v)
	default:
		c.last = v
		return packLookup(v, code)
	}
	return c.index.lookup(code)
}

// packCache is what a transaction keeps of the packs it looked up in:
// the last one, and the index of the last one looked up in twice.
type packCache struct {
	last  []byte
	index *packIndex
}

func (tx *Tx) updateTally(year int, code string, f func(*quota.Tally)) error {
	tx.touchYear(year)
	tx.packs = packCache{}
	b := tx.bucket(bucketTallies)
	k, v := findPack(b.Cursor(), year, []byte(code))
	if k == nil {
		k = tallyKey(year, "")
	} else {
		k = bytes.Clone(k)
	}
	v, err := packWith(v, []byte(code), f)
	if err != nil {
		return fmt.Errorf("saving the tally of %s for %d in the pack from %q: %w", code, year, k[2:], err)
	}
	if len(v) > tallyPackLimit {
		if left, bound, right, ok := splitPack(v); ok {
			if err := b.Put(append(bytes.Clone(k[:2]), bound...), right); err != nil {
				return fmt.Errorf("saving the tallies of %d from %q: %w", year, bound, err)
			}
			v = left
		}
	}
	if err := b.Put(k, v); err != nil {
		return fmt.Errorf("saving the tally of %s for %d: %w", code, year, err)
	}
	return nil
}

// tallyIter reads a year's tallies in code order, pack after pack.
type tallyIter struct {
	c       *bolt.Cursor
	year    int
	started bool
	done    bool
	p       packIter
	err     error
}

func (tx *Tx) yearTallies(year int) *tallyIter {
	return &tallyIter{c: tx.bucket(bucketTallies).Cursor(), year: year}
}

// next steps to the next tally: code() and tally() read it.
func (it *tallyIter) next() bool {
	for !it.done {
		if it.p.next() {
			return true
		}
		if it.p.err != nil {
			it.err = fmt.Errorf("reading the tallies of %d: %w", it.year, it.p.err)
			it.done = true
			return false
		}
		var k, v []byte
		if it.started {
			k, v = it.c.Next()
		} else {
			it.started = true
			k, v = it.c.Seek(tallyKey(it.year, ""))
		}
		if len(k) < 2 || binary.BigEndian.Uint16(k) != uint16(it.year) {
			it.done = true
			return false
		}
		it.p.reset(v)
	}
	return false
}

func (it *tallyIter) code() []byte       { return it.p.code }
func (it *tallyIter) tally() quota.Tally { return it.p.t }

// tallyFinder finds a year's tallies of codes asked in code order,
// reading along the packs instead of looking each one up.
type tallyFinder struct {
	c      *bolt.Cursor
	year   int
	loaded bool
	none   bool   // the year has no pack
	upper  []byte // the next pack's bound, nil after the year's last pack
	p      packIter
	have   bool // p stands on an entry
}

func (tx *Tx) tallyFinder(year int) *tallyFinder {
	return &tallyFinder{c: tx.bucket(bucketTallies).Cursor(), year: year}
}

// find is the tally of code; ok is false when it has none.
func (m *tallyFinder) find(code string) (quota.Tally, bool) {
	if !m.loaded || (m.upper != nil && code >= string(m.upper)) {
		m.load(code)
	}
	if m.none {
		return quota.Tally{}, false
	}
	for m.have && string(m.p.code) < code {
		m.have = m.p.next()
	}
	if m.have && string(m.p.code) == code {
		return m.p.t, true
	}
	return quota.Tally{}, false
}

func (m *tallyFinder) load(code string) {
	m.loaded = true
	k, v := findPack(m.c, m.year, []byte(code))
	if k == nil {
		m.none = true
		return
	}
	m.p.reset(v)
	m.have = m.p.next()
	m.upper = nil
	if k, _ := m.c.Next(); len(k) >= 2 && binary.BigEndian.Uint16(k) == uint16(m.year) {
		m.upper = bytes.Clone(k[2:])
	}
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
	codes := tx.db.codes.run(year)
	it := tx.yearTallies(year)
	for it.next() {
		if err := f(codes.next(it.code()), it.tally()); err != nil {
			return err
		}
	}
	if it.err != nil {
		return it.err
	}
	codes.done(year)
	return nil
}

// packTallies moves the tallies of schema 13, a key per organization and
// year, into packs, written in order so each year's lie together. A
// file already in packs (its first key a year alone) is left as it is.
func packTallies(tx *Tx) error {
	b := tx.bucket(bucketTallies)
	if k, _ := b.Cursor().First(); len(k) <= 2 {
		return nil
	}
	var packs []keyValue
	var cur keyValue
	var prev []byte
	year := -1
	err := b.ForEach(func(k, v []byte) error {
		if len(k) < 2 {
			return fmt.Errorf("a tally has a short key %x", k)
		}
		y, code := int(binary.BigEndian.Uint16(k)), k[2:]
		switch {
		case y != year:
			if cur.k != nil {
				packs = append(packs, cur)
			}
			cur, prev, year = keyValue{k: tallyKey(y, "")}, nil, y
		case len(cur.v) >= tallyPackFill:
			packs = append(packs, cur)
			cur, prev = keyValue{k: bytes.Clone(k)}, nil
		}
		cur.v = appendTallyEntry(cur.v, prev, code, decodeTally(v))
		prev = append(prev[:0], code...)
		return nil
	})
	if err != nil {
		return err
	}
	if cur.k != nil {
		packs = append(packs, cur)
	}
	return rebuildBucket(tx, bucketTallies, packs)
}

// dailyKey is the committee's count of the day: 0x00 yyyymmdd(4). The
// 0x00 was the end of an organization's code while they had days of
// their own (before schema 7); the committee's code is "".
func dailyKey(d quota.Date) []byte {
	k := make([]byte, 1+4)
	binary.BigEndian.PutUint32(k[1:], d.Key())
	return k
}

func (tx *Tx) addDaily(d quota.Date, delta int) error {
	tx.touchYear(d.Year)
	b := tx.bucket(bucketDaily)
	k := dailyKey(d)
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
	start, end := dailyKey(from), dailyKey(to)
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
	var keep []keyValue
	c := tx.bucket(bucketDaily).Cursor()
	for k, v := c.Seek([]byte{0}); k != nil && k[0] == 0; k, v = c.Next() {
		keep = append(keep, keyValue{bytes.Clone(k), bytes.Clone(v)})
	}
	return rebuildBucket(tx, bucketDaily, keep)
}
