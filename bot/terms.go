package bot

import (
	"errors"
	"slices"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

// The standing on terms, the years before quotabot and the base
// organizations reached, for /status, /history and the jobs. The rules
// are quota's; the figures come from storage.

// TermProgress is the standing on the term of the organizations given (an
// organization alone, or with its subtree), on the date.
func (b *Bot) TermProgress(tx *storage.Tx, code string, codes []string, t quota.Term, on quota.Date) (quota.Progress, bool, error) {
	plan, has, err := tx.TermPlan(codes, t)
	if err != nil || !has {
		return quota.Progress{}, false, err
	}
	admitted, err := tx.TermAdmitted(codes, t, on)
	if err != nil {
		return quota.Progress{}, false, err
	}
	return quota.NewTermProgress(code, plan, admitted, on, b.opts.Pace), true, nil
}

// termSummary is the committee's standing on a term: every organization
// with a term quota, and the whole committee's admissions of the term's
// years. It is cached like the yearly summary.
func (b *Bot) termSummary(tx *storage.Tx, t quota.Term, today quota.Date, keep int) (quota.Summary, error) {
	on := t.AsOf(today)
	key := summaryKey{gen: tx.Generation(), term: t, on: on, keep: keep}
	return remembered(b, tx, b.summaries, key, func() (quota.Summary, error) { return b.computeTermSummary(tx, t, on, keep) })
}

func (b *Bot) computeTermSummary(tx *storage.Tx, t quota.Term, on quota.Date, keep int) (quota.Summary, error) {
	list, err := b.termQuotas(tx, t)
	if err != nil {
		return quota.Summary{}, err
	}
	// The year of the date changes most: it is read from the pass the
	// year's summary made over it (yearPass), with the advanced
	// candidates; the other years are kept while they stay (termYear).
	var pass yearPass
	if t.Contains(on.Year) {
		if pass, err = b.yearPass(tx, on.Year); err != nil {
			return quota.Summary{}, err
		}
	}
	years := make([][]storage.OrgYear, t.Years())
	for i := range years {
		if y := t.From + i; y == on.Year {
			years[i], err = b.termYearFromPass(tx, t, list, y, pass)
		} else {
			years[i], err = b.termYear(tx, t, list, y)
		}
		if err != nil {
			return quota.Summary{}, err
		}
	}
	var advanced []int
	if t.Contains(on.Year) {
		advanced = alignTo(list.codes, pass.codes, pass.advanced)
	} else {
		advanced = tx.AdvancedOf(list.codes)
	}
	due := b.termDue(t, on, list, years)
	z := quota.NewTermSummarizer(t, on, keep)
	for j, code := range list.codes {
		admitted := 0
		for i, ys := range years {
			if y := t.From + i; y <= on.Year && ys != nil {
				admitted += ys[j].Count(y).Admitted
			}
		}
		p := quota.Progress{Org: code, Term: t, On: on, Quota: list.quotas[j], Admitted: admitted, Expected: due[j]}
		z.AddWithPipeline(p, advanced[j])
	}
	s := z.Summary()
	// Organizations without a term quota admit too; the committee's figure
	// is all of them, as in the yearly summary.
	s.Admitted = 0
	for y := t.From; y <= min(t.To, on.Year); y++ {
		c, err := b.committeeCount(tx, y, on)
		if err != nil {
			return quota.Summary{}, err
		}
		s.Admitted += c.Admitted
	}
	return s, nil
}

// termDue is the number due on the term by the date for each
// organization of the list (quota.NewTermProgress), from its plan: the
// term quota and the yearly quotas of the term's years. Admissions do not
// change it, so it is kept while the plans and the date stay.
func (b *Bot) termDue(t quota.Term, on quota.Date, list termQuotaList, years [][]storage.OrgYear) []int {
	b.mu.Lock()
	m, ok := b.kept.termDue[t]
	b.mu.Unlock()
	if ok && m.on == on && slices.Equal(m.quotas, list.quotas) && m.samePlans(years) {
		return m.due
	}
	m = termDueMemo{on: on, quotas: list.quotas, yearly: make([][]int, len(years)), due: make([]int, len(list.codes))}
	for i, ys := range years {
		if ys == nil {
			continue
		}
		m.yearly[i] = make([]int, len(ys))
		for j := range ys {
			m.yearly[i][j] = ys[j].Tally.Quota
		}
	}
	// The plans take few values: the number due is computed once per
	// plan, as the yearly summary computes it once per quota.
	type planKey struct {
		quota  int
		yearly [20]int
	}
	byPlan := map[planKey]int{}
	memo := t.Years() <= len(planKey{}.yearly)
	for j, code := range list.codes {
		k := planKey{quota: list.quotas[j]}
		for i := range m.yearly {
			if memo && m.yearly[i] != nil {
				k.yearly[i] = max(m.yearly[i][j], 0)
			}
		}
		e, ok := byPlan[k]
		if !ok || !memo {
			plan := quota.TermPlan{Term: t, Quota: list.quotas[j], Yearly: map[int]int{}}
			for i := range m.yearly {
				if m.yearly[i] != nil && m.yearly[i][j] > 0 {
					plan.Yearly[t.From+i] = m.yearly[i][j]
				}
			}
			e = quota.NewTermProgress(code, plan, 0, on, b.opts.Pace).Expected
			if memo {
				byPlan[k] = e
			}
		}
		m.due[j] = e
	}
	b.mu.Lock()
	if b.kept.termDue == nil {
		b.kept.termDue = map[quota.Term]termDueMemo{}
	}
	b.kept.termDue[t] = m
	b.mu.Unlock()
	return m.due
}

// termDueMemo is termDue's last answer for a term, with what it was
// computed from.
type termDueMemo struct {
	on     quota.Date
	quotas []int
	yearly [][]int // per year of the term, each organization's yearly quota; nil for a year without any
	due    []int
}

func (m termDueMemo) samePlans(years [][]storage.OrgYear) bool {
	if len(years) != len(m.yearly) {
		return false
	}
	for i, ys := range years {
		if ys == nil || m.yearly[i] == nil {
			if (ys == nil) != (m.yearly[i] == nil) {
				return false
			}
			continue
		}
		if len(ys) != len(m.yearly[i]) {
			return false
		}
		for j := range ys {
			if ys[j].Tally.Quota != m.yearly[i][j] {
				return false
			}
		}
	}
	return true
}

// keptFigures are what the committee's figures are made of that changes
// far less often than this year's tallies: the years before, and the term
// quotas. Each is kept under the generation of what it was read from,
// as long as it stays, whatever else changes.
type keptFigures struct {
	years      map[int]kept[uint64, quota.YearCount]
	termQuotas map[quota.Term]kept[uint64, termQuotaList]
	termYears  map[termYearKey]kept[[2]uint64, []storage.OrgYear]
	termDue    map[quota.Term]termDueMemo
	passes     map[int]kept[uint64, yearPass]
}

type kept[G comparable, V any] struct {
	gen G
	v   V
}

// keptFor is what compute gives, kept in m under key while gen stays and
// the transaction reads what is committed (Stable).
func keptFor[K, G comparable, V any](b *Bot, tx *storage.Tx, m *map[K]kept[G, V], key K, gen G, compute func() (V, error)) (V, error) {
	stable := tx.Stable()
	if stable {
		b.mu.Lock()
		e, ok := (*m)[key]
		b.mu.Unlock()
		if ok && e.gen == gen {
			return e.v, nil
		}
	}
	v, err := compute()
	if err == nil && stable {
		b.mu.Lock()
		if *m == nil {
			*m = map[K]kept[G, V]{}
		}
		(*m)[key] = kept[G, V]{gen: gen, v: v}
		b.mu.Unlock()
	}
	return v, err
}

// termQuotaList is a term's quotas, the organizations in code order.
type termQuotaList struct {
	codes  []string
	quotas []int
}

func (b *Bot) termQuotas(tx *storage.Tx, t quota.Term) (termQuotaList, error) {
	return keptFor(b, tx, &b.kept.termQuotas, t, tx.TermQuotaGeneration(), func() (termQuotaList, error) {
		var recs []quota.QuotaRecord
		err := tx.EachTermQuota(t, func(rec quota.QuotaRecord) error {
			rec.History = nil
			recs = append(recs, rec)
			return nil
		})
		// The figures are read along the buckets, in code order (YearOf).
		slices.SortFunc(recs, func(a, b quota.QuotaRecord) int { return strings.Compare(a.Org, b.Org) })
		l := termQuotaList{codes: make([]string, len(recs)), quotas: make([]int, len(recs))}
		for i, rec := range recs {
			l.codes[i], l.quotas[i] = rec.Org, rec.Current.Quota
		}
		return l, err
	})
}

type termYearKey struct {
	term quota.Term
	year int
}

// termYear is the year's tally and total of each organization with a
// quota for the term, in the list's order, nil when none has any: read
// again only when the year's figures or the term quotas changed.
func (b *Bot) termYear(tx *storage.Tx, t quota.Term, list termQuotaList, year int) ([]storage.OrgYear, error) {
	gen := [2]uint64{tx.YearGeneration(year), tx.TermQuotaGeneration()}
	return keptFor(b, tx, &b.kept.termYears, termYearKey{t, year}, gen, func() ([]storage.OrgYear, error) {
		ys, err := tx.YearOf(year, list.codes)
		if err != nil || slices.ContainsFunc(ys, func(o storage.OrgYear) bool { return o != storage.OrgYear{} }) {
			return ys, err
		}
		return nil, nil // a year to come, kept small
	})
}

// termYearFromPass is termYear for the year a pass was made over: the
// tallies from the pass, the imported totals read along their bucket.
func (b *Bot) termYearFromPass(tx *storage.Tx, t quota.Term, list termQuotaList, year int, pass yearPass) ([]storage.OrgYear, error) {
	gen := [2]uint64{tx.YearGeneration(year), tx.TermQuotaGeneration()}
	return keptFor(b, tx, &b.kept.termYears, termYearKey{t, year}, gen, func() ([]storage.OrgYear, error) {
		totals, err := tx.YearTotalsOf(year, list.codes)
		if err != nil {
			return nil, err
		}
		tallies := alignTo(list.codes, pass.codes, pass.tallies)
		for i := range totals {
			totals[i].Tally = tallies[i]
		}
		return totals, nil
	})
}

// alignTo is, for each of codes, the value vs has for it in from, the
// zero value when from lacks it; both lists are in code order.
func alignTo[V any](codes, from []string, vs []V) []V {
	out := make([]V, len(codes))
	k := 0
	for i, code := range codes {
		for k < len(from) && from[k] < code {
			k++
		}
		if k < len(from) && from[k] == code {
			out[i] = vs[k]
			k++
		}
	}
	return out
}

// committeeYear is the whole committee's figure for the year
// (CommitteeYearCount), kept while the year's figures stay: it reads every
// imported total of the year, and the years before change rarely.
func (b *Bot) committeeYear(tx *storage.Tx, year int) (quota.YearCount, error) {
	return keptFor(b, tx, &b.kept.years, year, tx.YearGeneration(year), func() (quota.YearCount, error) {
		return tx.CommitteeYearCount(year)
	})
}

// yearCounts are the figures of each year of the span, for the
// organizations given or, with codes nil, the whole committee
// (committeeYear).
func (b *Bot) yearCounts(tx *storage.Tx, codes []string, span quota.Term) ([]quota.YearCount, error) {
	if codes != nil {
		return tx.YearCounts(codes, span)
	}
	counts := make([]quota.YearCount, 0, max(span.Years(), 0))
	for y := span.From; y <= span.To; y++ {
		c, err := b.committeeYear(tx, y)
		if err != nil {
			return nil, err
		}
		counts = append(counts, c)
	}
	return counts, nil
}

// PriorAverage is the average per year of the years before year, for the
// organizations given or, with codes nil, the whole committee; ok is false
// when no earlier year has a figure.
func (b *Bot) PriorAverage(tx *storage.Tx, codes []string, year int) (quota.Average, bool, error) {
	span, ok := quota.PriorSpan(year, tx.EarliestYear())
	if !ok {
		return quota.Average{}, false, nil
	}
	counts, err := b.yearCounts(tx, codes, span)
	if err != nil {
		return quota.Average{}, false, err
	}
	avg := quota.NewAverage(span, counts)
	if avg.Known == 0 {
		return avg, false, nil
	}
	// The span starts at the first year that has a figure for these
	// organizations, so an organization founded later is not averaged
	// over years it did not exist.
	for _, c := range counts {
		if c.Source != quota.CountNone {
			avg.Span.From = c.Year
			break
		}
	}
	return avg, true, nil
}

func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }

type reachKey struct {
	gen  uint64
	year int
}

// BaseReach is how many base organizations admitted anyone in the year,
// cached until the figures or the tree change, since it reads every
// organization.
func (b *Bot) BaseReach(tx *storage.Tx, year int) (quota.BaseReach, error) {
	key := reachKey{gen: tx.Generation(), year: year}
	return remembered(b, tx, b.reaches, key, func() (quota.BaseReach, error) { return b.baseReach(tx, year) })
}

func (b *Bot) baseReach(tx *storage.Tx, year int) (quota.BaseReach, error) {
	bases, err := b.baseOrgs(tx)
	if err != nil {
		return quota.BaseReach{}, err
	}
	return quota.NewBaseReach(year, bases, func(code string) bool {
		return tx.SubtreeAny(code, func(c []byte) bool { return tx.AdmittedIn(year, c) })
	}), nil
}

// baseOrgs are the organizations directly under the committee, cached
// until an organization changes: finding them reads every organization's
// record, and the tree changes far less often than the figures.
func (b *Bot) baseOrgs(tx *storage.Tx) ([]quota.Org, error) {
	gen, stable := tx.TreeGeneration(), tx.TreeStable()
	if stable {
		b.mu.Lock()
		cached, ok := b.bases[gen]
		b.mu.Unlock()
		if ok {
			return cached, nil
		}
	}
	var bases []quota.Org
	if err := tx.EachRootOrg(func(o quota.Org) error { bases = append(bases, o); return nil }); err != nil {
		return nil, err
	}
	if stable {
		b.mu.Lock()
		clear(b.bases) // only the latest tree is asked for
		b.bases[gen] = bases
		b.mu.Unlock()
	}
	return bases, nil
}

// CurrentTerm is the term with quotas that the year belongs to.
func CurrentTerm(tx *storage.Tx, year int) (quota.Term, bool) { return tx.CurrentTerm(year) }
