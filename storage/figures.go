package storage

import (
	"bytes"
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"

	"quotabot/quota"
)

// Figures over several years or organizations, read from the tallies,
// the quota records and the imported totals for /status, /history, the
// export and the jobs. The rules that combine them are quota's.

// TermPlan adds up the term quotas of the organizations given and their
// yearly quotas inside the term; has is false when none has a term quota.
func (tx *Tx) TermPlan(codes []string, t quota.Term) (plan quota.TermPlan, has bool, err error) {
	plan = quota.TermPlan{Term: t, Yearly: map[int]int{}}
	for _, c := range codes {
		rec, err := tx.TermQuota(c, t)
		switch {
		case err == nil:
			plan.Quota += rec.Current.Quota
			has = true
		case !isNotFound(err):
			return plan, false, err
		}
		for y := t.From; y <= t.To; y++ {
			if q := tx.Tally(y, c).Quota; q > 0 {
				plan.Yearly[y] += q
			}
		}
	}
	return plan, has, nil
}

// TermAdmitted adds up the organizations' figures for the years of the
// term up to the date: named admissions, or a year's imported total.
func (tx *Tx) TermAdmitted(codes []string, t quota.Term, on quota.Date) (int, error) {
	n := 0
	for y := t.From; y <= min(t.To, on.Year); y++ {
		c, err := tx.SubtreeYearCount(y, codes)
		if err != nil {
			return 0, err
		}
		n += c.Admitted
	}
	return n, nil
}

// YearCounts are the figures of each year of the span, for the
// organizations given or, with codes nil, the whole committee.
func (tx *Tx) YearCounts(codes []string, span quota.Term) ([]quota.YearCount, error) {
	counts := make([]quota.YearCount, 0, max(span.Years(), 0))
	for y := span.From; y <= span.To; y++ {
		var c quota.YearCount
		var err error
		if codes == nil {
			c, err = tx.CommitteeYearCount(y)
		} else {
			c, err = tx.SubtreeYearCount(y, codes)
		}
		if err != nil {
			return nil, err
		}
		counts = append(counts, c)
	}
	return counts, nil
}

// EarliestYear is the first year with any figure, a tally or an imported
// total; 0 when there is none.
func (tx *Tx) EarliestYear() int {
	first := 0
	if ys := tx.TallyYears(); len(ys) > 0 {
		first = ys[0]
	}
	if ys := tx.PastTotalYears(); len(ys) > 0 && (first == 0 || ys[0] < first) {
		first = ys[0]
	}
	return first
}

// CurrentTerm is the term with quotas that the year belongs to.
func (tx *Tx) CurrentTerm(year int) (quota.Term, bool) { return quota.CurrentTerm(tx.Terms(), year) }

// TermFigures are one organization's term plan and its admissions of the
// term's years up to the date, from its term quota record already read:
// each year's tally is read once, for its quota and its count.
func (tx *Tx) TermFigures(rec quota.QuotaRecord, on quota.Date) (plan quota.TermPlan, admitted int, err error) {
	t := rec.Term
	plan = quota.TermPlan{Term: t, Quota: rec.Current.Quota, Yearly: map[int]int{}}
	for y := t.From; y <= t.To; y++ {
		tl := tx.Tally(y, rec.Org)
		if tl.Quota > 0 {
			plan.Yearly[y] = tl.Quota
		}
		if y > on.Year {
			continue
		}
		p, ok, err := tx.PastTotal(y, rec.Org)
		if err != nil {
			return plan, 0, err
		}
		admitted += quota.CountYear(y, tl.Admitted, p.Admitted, ok).Admitted
	}
	return plan, admitted, nil
}

// figureGenerations move with the committed changes to one year's figures
// (its tallies, daily counts and imported totals) and to the term quotas.
// Most changes are to this year's tallies: what is read of the other
// years and of the term quotas can be kept while their own generation
// stays, however often Generation moves.
type figureGenerations struct {
	mu    sync.Mutex
	years map[int]uint64
	terms uint64
}

// touchedFigures is what a transaction changed of them.
type touchedFigures struct {
	years map[int]bool
	terms bool
}

// touchYear marks the transaction as changing the figures of the year.
func (tx *Tx) touchYear(year int) {
	tx.touch()
	if tx.db == nil || tx.touchedFigs.years[year] {
		return
	}
	if tx.touchedFigs.years == nil {
		tx.touchedFigs.years = map[int]bool{}
	}
	tx.touchedFigs.years[year] = true
	g := &tx.db.figs
	tx.tx.OnCommit(func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.years == nil {
			g.years = map[int]uint64{}
		}
		g.years[year]++
	})
}

// touchTerms marks the transaction as changing a term quota.
func (tx *Tx) touchTerms() {
	tx.touch()
	if tx.db == nil || tx.touchedFigs.terms {
		return
	}
	tx.touchedFigs.terms = true
	g := &tx.db.figs
	tx.tx.OnCommit(func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.terms++
	})
}

// YearGeneration moves whenever a committed transaction changed a tally,
// a daily count or an imported total of the year: what is read of the
// year alone can be kept under it, when Stable says so.
func (tx *Tx) YearGeneration(year int) uint64 {
	g := &tx.db.figs
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.years[year]
}

// TermQuotaGeneration moves whenever a committed transaction changed a
// term quota, like YearGeneration.
func (tx *Tx) TermQuotaGeneration() uint64 {
	g := &tx.db.figs
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.terms
}

// OrgYear is an organization's tally for a year and its imported total.
type OrgYear struct {
	Tally    quota.Tally
	Total    int
	HasTotal bool
}

// Count is the organization's figure for the year (quota.CountYear).
func (o OrgYear) Count(year int) quota.YearCount {
	return quota.CountYear(year, o.Tally.Admitted, o.Total, o.HasTotal)
}

// YearOf reads the year's tally and imported total of each organization
// given, the codes in code order, by one pass along each bucket: a
// term's figures read thousands of organizations, and a lookup each is a
// walk down the tree each.
func (tx *Tx) YearOf(year int, codes []string) ([]OrgYear, error) {
	totals, err := tx.YearTotalsOf(year, codes)
	if err != nil {
		return nil, err
	}
	out := make([]OrgYear, len(codes))
	for _, p := range totals {
		out[p.At].Total, out[p.At].HasTotal = p.Total, true
	}
	tallies := tx.tallyFinder(year)
	for i, code := range codes {
		out[i].Tally, _ = tallies.find(code)
	}
	return out, nil
}

// HasYear reports whether the year has any figure: a tally or an
// imported total, for any organization.
func (tx *Tx) HasYear(year int) bool {
	prefix := tallyKey(year, "")
	for _, name := range [][]byte{bucketTallies, bucketPastTotals} {
		if k, _ := tx.bucket(name).Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// PlacedTotal is an imported total found for one of the codes asked.
type PlacedTotal struct {
	At    int // its place among the codes
	Total int
}

// YearTotalsOf is the imported totals of the year of the organizations
// given, the codes in code order, for a reader that has the tallies
// already: only those found, in order, since a year with named
// admissions has few.
func (tx *Tx) YearTotalsOf(year int, codes []string) ([]PlacedTotal, error) {
	var out []PlacedTotal
	totals := newMergeCursor(tx.bucket(bucketPastTotals).Cursor(), tallyKey(year, ""))
	for i, code := range codes {
		if v := totals.find(code); v != nil {
			n, err := pastTotalAdmitted(v)
			if err != nil {
				return nil, fmt.Errorf("decoding the admitted total of %s for %d: %w", code, year, err)
			}
			out = append(out, PlacedTotal{At: i, Total: n})
		}
	}
	return out, nil
}

// mergeCursor finds codes under a key prefix, the codes asked in code
// order: it steps forward from one to the next, seeks past a gap, and
// knows a code absent without a seek, since it stands on the first key
// after the last code asked.
type mergeCursor struct {
	c      *bolt.Cursor
	prefix []byte
	k, v   []byte
	asked  bool
	key    []byte // the seek key, reused
}

func newMergeCursor(c *bolt.Cursor, prefix []byte) *mergeCursor {
	return &mergeCursor{c: c, prefix: prefix}
}

// find is the value of prefix+code, nil when there is none. The codes
// asked must be in code order.
func (m *mergeCursor) find(code string) []byte {
	n := len(m.prefix)
	if !m.asked {
		m.asked = true
		m.seek(code)
	}
	for step := 0; m.inPrefix(); step++ {
		if string(m.k[n:]) == code {
			v := m.v
			m.k, m.v = m.c.Next()
			return v
		}
		if string(m.k[n:]) > code {
			return nil
		}
		if step == 8 {
			m.seek(code)
			step = -1
			continue
		}
		m.k, m.v = m.c.Next()
	}
	return nil
}

func (m *mergeCursor) seek(code string) {
	m.key = append(append(m.key[:0], m.prefix...), code...)
	m.k, m.v = m.c.Seek(m.key)
}

func (m *mergeCursor) inPrefix() bool { return m.k != nil && bytes.HasPrefix(m.k, m.prefix) }
