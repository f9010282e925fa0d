package bot

import (
	"errors"
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
	z := quota.NewTermSummarizer(t, on, keep)
	err := tx.EachTermQuota(t, func(rec quota.QuotaRecord) error {
		plan, admitted, err := tx.TermFigures(rec, on)
		if err != nil {
			return err
		}
		z.AddWithPipeline(quota.NewTermProgress(rec.Org, plan, admitted, on, b.opts.Pace), tx.Advanced(rec.Org))
		return nil
	})
	if err != nil {
		return quota.Summary{}, err
	}
	s := z.Summary()
	// Organizations without a term quota admit too; the committee's figure
	// is all of them, as in the yearly summary.
	s.Admitted = 0
	for y := t.From; y <= min(t.To, on.Year); y++ {
		c, err := committeeCount(tx, y, on)
		if err != nil {
			return quota.Summary{}, err
		}
		s.Admitted += c.Admitted
	}
	for i := range s.Furthest {
		s.Furthest[i].Org = strings.Clone(s.Furthest[i].Org)
	}
	return s, nil
}

// PriorAverage is the average per year of the years before year, for the
// organizations given or, with codes nil, the whole committee; ok is false
// when no earlier year has a figure.
func PriorAverage(tx *storage.Tx, codes []string, year int) (quota.Average, bool, error) {
	span, ok := quota.PriorSpan(year, tx.EarliestYear())
	if !ok {
		return quota.Average{}, false, nil
	}
	counts, err := tx.YearCounts(codes, span)
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
