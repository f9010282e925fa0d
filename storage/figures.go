package storage

import (
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
