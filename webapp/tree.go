package webapp

import (
	"sort"
	"strings"
	"sync"

	"quotabot/quota"
	"quotabot/storage"
)

// shape is the tree: every organization numbered in code order, its
// parent and children, kept until an organization changes.
type shape struct {
	gen      uint64
	codes    []string // by number, in code order
	index    map[string]int32
	parent   []int32 // -1 at the top
	children map[string][]string
	roots    []string
}

// forest is every organization's standing rolled up over its subtree for
// one year and date, numbered as its shape: one pass over the tallies,
// kept until a commit changes a figure or the tree.
type forest struct {
	shape  *shape
	year   int
	on     quota.Date
	rolled []quota.Counts
}

type forestKey struct {
	gen  uint64
	year int
	on   quota.Date
}

// caches holds what the dashboard computed under a generation of the
// database; an entry of an older generation is never read again.
type caches struct {
	mu        sync.Mutex
	shape     *shape
	forests   map[forestKey]*forest
	summaries map[forestKey]quota.Summary
	names     *nameIndex
}

// maxForests bounds the cache: a few years are asked at a time.
const maxForests = 8

func (s *Server) shape(tx *storage.Tx, c *caller) (*shape, error) {
	s.cache.mu.Lock()
	sh := s.cache.shape
	s.cache.mu.Unlock()
	if sh != nil && sh.gen == c.orgGen {
		return sh, nil
	}
	sh = &shape{gen: c.orgGen, index: map[string]int32{}, children: map[string][]string{}}
	err := tx.EachOrgCode(func(code string) error {
		code = strings.Clone(code)
		sh.index[code] = int32(len(sh.codes))
		sh.codes = append(sh.codes, code)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sh.parent = make([]int32, len(sh.codes))
	for i := range sh.parent {
		sh.parent[i] = -1
	}
	err = tx.EachChild(func(p, child string) error {
		pi, okP := sh.index[p]
		ci, okC := sh.index[child]
		if !okP || !okC {
			return nil // an index entry for a record that is gone
		}
		sh.parent[ci] = pi
		sh.children[sh.codes[pi]] = append(sh.children[sh.codes[pi]], sh.codes[ci])
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, code := range sh.codes {
		if sh.parent[i] < 0 {
			sh.roots = append(sh.roots, code)
		}
	}
	s.cache.mu.Lock()
	s.cache.shape = sh
	s.cache.mu.Unlock()
	return sh, nil
}

func (s *Server) forest(tx *storage.Tx, c *caller, year int) (*forest, error) {
	on := s.chat.AsOf(year, c.today)
	key := forestKey{gen: c.gen, year: year, on: on}
	s.cache.mu.Lock()
	f, ok := s.cache.forests[key]
	s.cache.mu.Unlock()
	if ok {
		return f, nil
	}
	sh, err := s.shape(tx, c)
	if err != nil {
		return nil, err
	}
	own := make([]quota.Counts, len(sh.codes))
	// The tallies come in code order, as the shape is numbered: one walk
	// finds each one's number without a lookup.
	next := 0
	err = s.chat.EachProgress(tx, year, on, func(p quota.Progress, _ int) {
		for next < len(sh.codes) && sh.codes[next] < p.Org {
			next++
		}
		if next < len(sh.codes) && sh.codes[next] == p.Org {
			own[next] = quota.CountsOf(p)
		}
	})
	if err != nil {
		return nil, err
	}
	// A year before quotabot has imported totals, not tallies: each
	// organization counts as the chat counts it (quota.CountYear).
	// A deactivated organization counts in no total from its deactivation
	// on, as in the chat (the tallies above already leave it out).
	inactive := tx.Deactivated()
	err = tx.EachPastTotal(year, func(t quota.PastTotal) error {
		if i, ok := sh.index[t.Org]; ok && inactive.Counts(t.Org, on) {
			own[i].Admitted = int32(quota.CountYear(year, int(own[i].Admitted), t.Admitted, true).Admitted)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	f = &forest{shape: sh, year: year, on: on, rolled: quota.RollUpIndexed(own, sh.parent)}
	s.cache.mu.Lock()
	if len(s.cache.forests) >= maxForests {
		clear(s.cache.forests)
	}
	s.cache.forests[key] = f
	s.cache.mu.Unlock()
	return f, nil
}

// committeeSummary is the committee's standing as /status computes it, kept until
// a figure changes: the first screen and the chart both read it.
func (s *Server) committeeSummary(tx *storage.Tx, c *caller, year int) (quota.Summary, error) {
	key := forestKey{gen: c.gen, year: year, on: s.chat.AsOf(year, c.today)}
	s.cache.mu.Lock()
	sum, ok := s.cache.summaries[key]
	s.cache.mu.Unlock()
	if ok {
		return sum, nil
	}
	sum, err := s.chat.Summary(tx, year, c.today, keepFurthest)
	if err != nil {
		return sum, err
	}
	s.cache.mu.Lock()
	if s.cache.summaries == nil || len(s.cache.summaries) >= maxForests {
		s.cache.summaries = map[forestKey]quota.Summary{}
	}
	s.cache.summaries[key] = sum
	s.cache.mu.Unlock()
	return sum, nil
}

// progressOf is an organization's rolled-up standing.
func (f *forest) progressOf(code string) quota.Progress {
	if i, ok := f.shape.index[code]; ok {
		return f.rolled[i].Progress(code, f.year, f.on)
	}
	return quota.Progress{Org: code, Year: f.year, On: f.on}
}

// nameIndex is every organization's name and code folded for search,
// kept until an organization changes.
type nameIndex struct {
	gen    uint64
	orgs   []indexedOrg // by code
	byCode map[string]int
}

type indexedOrg struct {
	org  quota.Org
	name string // quota.SearchKey of the name
	code string // and of the code
}

func (s *Server) names(tx *storage.Tx, c *caller) (*nameIndex, error) {
	s.cache.mu.Lock()
	idx := s.cache.names
	s.cache.mu.Unlock()
	if idx != nil && idx.gen == c.orgGen {
		return idx, nil
	}
	orgs, err := tx.Orgs()
	if err != nil {
		return nil, err
	}
	idx = &nameIndex{gen: c.orgGen, orgs: make([]indexedOrg, len(orgs))}
	for i, o := range orgs {
		idx.orgs[i] = indexedOrg{org: o, name: quota.SearchKey(o.Name), code: quota.SearchKey(o.Code)}
	}
	sort.Slice(idx.orgs, func(i, j int) bool { return idx.orgs[i].org.Code < idx.orgs[j].org.Code })
	idx.byCode = make(map[string]int, len(idx.orgs))
	for i, o := range idx.orgs {
		idx.byCode[o.org.Code] = i
	}
	s.cache.mu.Lock()
	s.cache.names = idx
	s.cache.mu.Unlock()
	return idx, nil
}

func (o indexedOrg) matches(key string) bool {
	return strings.Contains(o.name, key) || strings.Contains(o.code, key)
}
