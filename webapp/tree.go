package webapp

import (
	"sort"
	"strings"
	"sync"

	"quotabot/quota"
	"quotabot/storage"
)

// forest is every organization's standing rolled up over its subtree for
// one year and date, with the tree's shape: one pass over the tallies and
// one over the tree, kept until a commit changes a figure or the tree.
type forest struct {
	rolled   map[string]quota.Progress
	children map[string][]string // by code
	roots    []string
}

type forestKey struct {
	gen  uint64
	year int
	on   quota.Date
}

// caches holds what the dashboard computed under a generation of the
// database; an entry of an older generation is never read again.
type caches struct {
	mu      sync.Mutex
	forests map[forestKey]*forest
	names   *nameIndex
}

// maxForests bounds the cache: a few years are asked at a time.
const maxForests = 8

func (s *Server) forest(tx *storage.Tx, c *caller, year int) (*forest, error) {
	on := s.chat.AsOf(year, c.today)
	key := forestKey{gen: c.gen, year: year, on: on}
	s.cache.mu.Lock()
	f, ok := s.cache.forests[key]
	s.cache.mu.Unlock()
	if ok {
		return f, nil
	}
	var own []quota.Progress
	err := s.chat.EachProgress(tx, year, on, func(p quota.Progress, _ int) {
		p.Org = strings.Clone(p.Org)
		own = append(own, p)
	})
	if err != nil {
		return nil, err
	}
	// A year before quotabot has imported totals, not tallies: each
	// organization counts as the chat counts it (quota.CountYear).
	at := make(map[string]int, len(own))
	for i, p := range own {
		at[p.Org] = i
	}
	err = tx.EachPastTotal(year, func(t quota.PastTotal) error {
		if t.Org == "" {
			return nil
		}
		i, ok := at[t.Org]
		if !ok {
			i = len(own)
			own = append(own, quota.Progress{Org: t.Org, Year: year, On: on})
		}
		own[i].Admitted = quota.CountYear(year, own[i].Admitted, t.Admitted, true).Admitted
		return nil
	})
	if err != nil {
		return nil, err
	}
	parent := map[string]string{}
	children := map[string][]string{}
	err = tx.EachChild(func(p, child string) error {
		p, child = strings.Clone(p), strings.Clone(child)
		parent[child] = p
		children[p] = append(children[p], child)
		return nil
	})
	if err != nil {
		return nil, err
	}
	f = &forest{rolled: quota.RollUpAll(year, on, own, func(code string) string { return parent[code] }),
		children: children, roots: tx.Roots()}
	s.cache.mu.Lock()
	if len(s.cache.forests) >= maxForests {
		clear(s.cache.forests)
	}
	s.cache.forests[key] = f
	s.cache.mu.Unlock()
	return f, nil
}

// progressOf is an organization's rolled-up standing; one with no quota
// and no admission anywhere below has none recorded.
func (f *forest) progressOf(code string, year int, on quota.Date) quota.Progress {
	if p, ok := f.rolled[code]; ok {
		return p
	}
	return quota.Progress{Org: code, Year: year, On: on}
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
