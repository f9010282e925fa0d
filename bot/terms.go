package bot

import (
	"errors"
	"slices"

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
	f, err := b.termFiguresOf(tx, t, list, on)
	if err != nil {
		return quota.Summary{}, err
	}
	due := b.termDue(t, on, list, f)
	z := quota.NewTermSummarizer(t, on, keep)
	for j, code := range list.codes {
		admitted := 0
		for i := range min(t.Years(), on.Year-t.From+1) {
			admitted += f.count(i, j, t.From+i).Admitted
		}
		p := quota.Progress{Org: code, Term: t, On: on, Quota: list.quotas[j], Admitted: admitted, Expected: due[j]}
		z.AddWithPipeline(p, f.advanced(j))
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

// termFigures are the figures of each year of a term for each
// organization of its list: the year of the date, which changes most,
// from the pass the year's summary made over it (yearPass), with the
// advanced candidates; the other years as kept while they stay
// (termYear).
type termFigures struct {
	years  [][]storage.OrgYear // by year of the term; nil for a year without any, and for the year of the pass
	cur    int                 // the year of the pass, from the term's first; -1 when the date is outside the term
	pass   yearPass
	place  []int                 // each organization's place in the pass, -1 when it has no tally there
	totals []storage.PlacedTotal // the imported totals of the year of the pass
	adv    []int                 // the advanced candidates, when there is no pass
	next   int                   // the next of totals to meet, organizations taken in order
}

func (b *Bot) termFiguresOf(tx *storage.Tx, t quota.Term, list termQuotaList, on quota.Date) (*termFigures, error) {
	f := &termFigures{years: make([][]storage.OrgYear, t.Years()), cur: -1}
	var err error
	if t.Contains(on.Year) {
		f.cur = on.Year - t.From
		if f.pass, err = b.yearPass(tx, on.Year); err != nil {
			return nil, err
		}
		f.place = b.passPlaces(t, list, f.pass)
		// An organization with no tally in the year is not in the pass,
		// but may have candidates.
		if slices.Contains(f.place, -1) {
			f.adv = tx.AdvancedOf(list.codes)
		}
		if f.totals, err = tx.YearTotalsOf(on.Year, list.codes); err != nil {
			return nil, err
		}
	} else {
		f.adv = tx.AdvancedOf(list.codes)
	}
	for i := range f.years {
		if i == f.cur {
			continue
		}
		if f.years[i], err = b.termYear(tx, t, list, t.From+i); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// tally is organization j's tally in year i of the term.
func (f *termFigures) tally(i, j int) quota.Tally {
	if i == f.cur {
		if k := f.place[j]; k >= 0 {
			return f.pass.tallies[k]
		}
		return quota.Tally{}
	}
	if f.years[i] == nil {
		return quota.Tally{}
	}
	return f.years[i][j].Tally
}

// count is organization j's figure for year i of the term; for the year
// of the pass, the organizations are asked in order.
func (f *termFigures) count(i, j, year int) quota.YearCount {
	if i != f.cur {
		if f.years[i] == nil {
			return storage.OrgYear{}.Count(year)
		}
		return f.years[i][j].Count(year)
	}
	o := storage.OrgYear{Tally: f.tally(i, j)}
	for f.next < len(f.totals) && f.totals[f.next].At < j {
		f.next++
	}
	if f.next < len(f.totals) && f.totals[f.next].At == j {
		o.Total, o.HasTotal = f.totals[f.next].Total, true
	}
	return o.Count(year)
}

func (f *termFigures) advanced(j int) int {
	if f.adv != nil {
		return f.adv[j]
	}
	if k := f.place[j]; k >= 0 {
		return f.pass.advanced[k]
	}
	return 0
}

// passPlaces is each organization's place in the pass, kept while the
// list and the pass's codes are the same slices: the codes of a pass are
// those of the last one while no organization comes or goes.
func (b *Bot) passPlaces(t quota.Term, list termQuotaList, pass yearPass) []int {
	b.mu.Lock()
	m, ok := b.kept.places[t]
	b.mu.Unlock()
	if ok && sameSlice(m.list, list.codes) && sameSlice(m.pass, pass.codes) {
		return m.place
	}
	place := make([]int, len(list.codes))
	k := 0
	for j, code := range list.codes {
		for k < len(pass.codes) && pass.codes[k] < code {
			k++
		}
		place[j] = -1
		if k < len(pass.codes) && pass.codes[k] == code {
			place[j] = k
			k++
		}
	}
	b.mu.Lock()
	if b.kept.places == nil {
		b.kept.places = map[quota.Term]passPlaces{}
	}
	b.kept.places[t] = passPlaces{list: list.codes, pass: pass.codes, place: place}
	b.mu.Unlock()
	return place
}

type passPlaces struct {
	list, pass []string
	place      []int
}

// sameSlice reports whether a and b are the same slice, not only equal.
func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// termDue is the number due on the term by the date for each
// organization of the list (quota.NewTermProgress), from its plan: the
// term quota and the yearly quotas of the term's years. Admissions do not
// change it, so it is kept while the plans and the date stay.
func (b *Bot) termDue(t quota.Term, on quota.Date, list termQuotaList, f *termFigures) []int {
	b.mu.Lock()
	m, ok := b.kept.termDue[t]
	b.mu.Unlock()
	if ok && m.on == on && slices.Equal(m.quotas, list.quotas) && m.samePlans(f, len(list.codes)) {
		return m.due
	}
	n := len(list.codes)
	m = termDueMemo{on: on, quotas: list.quotas, yearly: make([][]int, t.Years()), due: make([]int, n)}
	for i := range m.yearly {
		if i != f.cur && f.years[i] == nil {
			continue
		}
		m.yearly[i] = make([]int, n)
		for j := range n {
			m.yearly[i][j] = f.tally(i, j).Quota
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

func (m termDueMemo) samePlans(f *termFigures, n int) bool {
	if len(f.years) != len(m.yearly) {
		return false
	}
	for i, qs := range m.yearly {
		if qs == nil {
			if i == f.cur {
				for j := range n {
					if f.tally(i, j).Quota != 0 {
						return false
					}
				}
			} else if f.years[i] != nil {
				return false
			}
			continue
		}
		if len(qs) != n || (i != f.cur && f.years[i] == nil) {
			return false
		}
		for j, q := range qs {
			if f.tally(i, j).Quota != q {
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
	places     map[quota.Term]passPlaces
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
		// In code order, as the figures are read along the buckets
		// (YearOf).
		var l termQuotaList
		err := tx.EachTermQuotaNumber(t, func(code string, q int) error {
			l.codes = append(l.codes, code)
			l.quotas = append(l.quotas, q)
			return nil
		})
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
		if !tx.HasYear(year) {
			return nil, nil // a year to come: nothing to read for each organization
		}
		ys, err := tx.YearOf(year, list.codes)
		if err != nil || slices.ContainsFunc(ys, func(o storage.OrgYear) bool { return o != storage.OrgYear{} }) {
			return ys, err
		}
		return nil, nil // a year to come, kept small
	})
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
