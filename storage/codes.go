package storage

import "sync"

// codeTable interns organization codes read from keys, so every code
// storage hands out is a string of its own, never memory of bbolt's
// pages (which the next write may reuse), and a pass over every tally
// allocates nothing once each code has been seen. Codes are few and
// short: 60,000 of them take about a megabyte.
type codeTable struct {
	mu sync.RWMutex
	m  map[string]string
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
