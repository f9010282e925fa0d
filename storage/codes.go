package storage

import "sync"

// codeTable interns organization codes read from keys, so every code
// storage hands out is a string of its own, never memory of bbolt's
// pages (which the next write may reuse), and a pass over every tally
// allocates nothing once each code has been seen. Codes are few and
// short: 60,000 of them take about a megabyte.
type codeTable struct {
	mu   sync.RWMutex
	m    map[string]string
	runs codeRuns
}

// code is the interned string of b; b itself is not kept.
func (c *codeTable) code(b []byte) string {
	c.mu.RLock()
	s, ok := c.m[string(b)] // a lookup by string(b) does not copy b
	c.mu.RUnlock()
	if ok {
		return s
	}
	s = string(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[s]; ok {
		return old
	}
	if c.m == nil {
		c.m = map[string]string{}
	}
	c.m[s] = s
	return s
}

// codeRuns keeps, per year, the interned codes of the year's tallies in
// key order. A pass over every tally meets the keys in the same order as
// the last one, so each key is compared with the code expected at its
// place, in sequence, instead of looked up in the table: at national
// size the lookups, a cache miss each, were most of a /status. A key
// that differs (an organization added or gone) falls back to the table,
// and the pass that completes leaves the run it read for the next.
type codeRuns struct {
	mu     sync.Mutex
	byYear map[int][]string
}

// codeRun reads one pass's codes, in key order.
type codeRun struct {
	table *codeTable
	old   []string // the last complete pass's, never changed
	fresh []string // this pass's, once it differs from old
	n     int
}

func (c *codeTable) run(year int) *codeRun {
	c.runs.mu.Lock()
	defer c.runs.mu.Unlock()
	return &codeRun{table: c, old: c.runs.byYear[year]}
}

// next is the interned code of the next key.
func (r *codeRun) next(b []byte) string {
	i := r.n
	r.n++
	if r.fresh == nil && i < len(r.old) && r.old[i] == string(b) {
		return r.old[i]
	}
	if r.fresh == nil {
		r.fresh = append(make([]string, 0, max(len(r.old), i+1)), r.old[:i]...)
	}
	s := r.table.code(b)
	r.fresh = append(r.fresh, s)
	return s
}

// done keeps the pass's codes for the next pass over the year; only a
// complete pass calls it.
func (r *codeRun) done(year int) {
	if r.fresh == nil && r.n == len(r.old) {
		return
	}
	codes := r.fresh
	if codes == nil {
		codes = r.old[:r.n:r.n]
	}
	c := r.table
	c.runs.mu.Lock()
	defer c.runs.mu.Unlock()
	if c.runs.byYear == nil {
		c.runs.byYear = map[int][]string{}
	}
	c.runs.byYear[year] = codes
}
