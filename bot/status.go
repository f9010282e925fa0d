package bot

import (
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

// asOf is the date a year's progress is measured on: today for the
// current year, the last day for a past year.
func asOf(year int, today quota.Date) quota.Date {
	if year < today.Year {
		return quota.Date{Year: year, Month: 12, Day: 31}
	}
	return today
}

// summarize computes the committee's standing for a year from the
// tallies alone: one pass over a few bytes per organization.
func (b *Bot) summarize(tx *storage.Tx, year int, today quota.Date, keep int) (quota.Summary, error) {
	on := asOf(year, today)
	// Leaders ask far more often than tallies change: the last summary is
	// reused until a commit changes a tally or a pipeline count.
	key := summaryKey{gen: tx.Generation(), year: year, on: on, keep: keep}
	stable := tx.Stable()
	if stable {
		b.mu.Lock()
		cached, ok := b.summaries[key]
		b.mu.Unlock()
		if ok {
			return cached, nil
		}
	}
	s, err := b.computeSummary(tx, year, on, keep)
	if err == nil && stable {
		b.mu.Lock()
		if len(b.summaries) > 16 {
			clear(b.summaries)
		}
		b.summaries[key] = s
		b.mu.Unlock()
	}
	return s, err
}

type summaryKey struct {
	gen  uint64
	year int
	on   quota.Date
	keep int
}

func (b *Bot) computeSummary(tx *storage.Tx, year int, on quota.Date, keep int) (quota.Summary, error) {
	z := quota.NewSummarizer(year, on, keep)
	err := b.eachProgress(tx, year, on, z.AddWithPipeline)
	// The codes point into the database page; the few kept are copied.
	s := z.Summary()
	for i := range s.Furthest {
		s.Furthest[i].Org = strings.Clone(s.Furthest[i].Org)
	}
	for i := range s.Risky {
		s.Risky[i].Org = strings.Clone(s.Risky[i].Org)
	}
	return s, err
}

// eachProgress calls f with every organization's own standing in the
// year on the date, with its advanced candidates, from the tallies alone.
// p.Org is valid only during the call.
func (b *Bot) eachProgress(tx *storage.Tx, year int, on quota.Date, f func(p quota.Progress, advanced int)) error {
	// With the year and date fixed the expected number depends on the
	// quota alone, and quotas take few values: computing it once per value
	// instead of per tally halves a national /status.
	expected := map[int]int{}
	return tx.EachTallyWithPipeline(year, func(code string, t quota.Tally, advanced int) error {
		e, ok := expected[t.Quota]
		if !ok {
			e = b.opts.Pace.Expected(t.Quota, year, on)
			expected[t.Quota] = e
		}
		f(quota.Progress{Org: code, Year: year, On: on, Quota: t.Quota, Admitted: t.Admitted, Expected: e}, advanced)
		return nil
	})
}

func (b *Bot) cmdStatus(r *request) error {
	year := r.today.Year
	var code string
	for _, f := range strings.Fields(r.args) {
		if y, err := strconv.Atoi(f); err == nil && y >= 2000 && y <= 2100 {
			year = y
			continue
		}
		if code != "" || quota.ValidateCode(f) != nil {
			r.reply(r.l.T("status_bad_args"))
			return nil
		}
		code = f
	}
	if r.user.Role == quota.RoleSecretary {
		if len(r.user.Orgs) == 0 {
			r.reply(r.l.T("no_org"))
			return nil
		}
		if code != "" && code != r.user.Orgs[0] {
			r.reply(r.l.T("status_own_only"))
			return nil
		}
		code = r.user.Orgs[0]
	}
	var text string
	var err error
	if code != "" {
		if _, err := r.tx.Org(code); err != nil {
			r.reply(r.l.T("unknown_org", esc(code)))
			return nil
		}
		text, err = b.orgStatus(r.tx, r.l, code, year, r.today, r.user.Role == quota.RoleSecretary)
	} else {
		text, err = b.committeeStatus(r.tx, r.l, year, r.today)
	}
	if err != nil {
		return err
	}
	r.reply(text)
	return nil
}

// committeeStatus is the committee's standing, for /status and digests.
func (b *Bot) committeeStatus(tx *storage.Tx, l lang, year int, today quota.Date) (string, error) {
	s, err := b.summarize(tx, year, today, 3)
	if err != nil {
		return "", err
	}
	ys := strconv.Itoa(year)
	if s.Quota == 0 && s.Admitted == 0 {
		return l.T("status_empty", ys), nil
	}
	lines := []string{l.T("status_committee", ys, s.On.String())}
	if s.Quota > 0 {
		lines = append(lines, l.T("status_admitted", s.Admitted, s.Quota, l.Pct(quota.Percent(s.Admitted, s.Quota))))
	} else {
		lines = append(lines, l.T("status_admitted_nq", s.Admitted))
	}
	if last := samePeriodLastYear(tx, "", year, s.On); last > 0 {
		lines = append(lines, l.T("status_last_year", last))
	}
	lines = append(lines, l.T("status_orgs", s.WithQuota, s.Met, s.Behind))
	if len(s.Furthest) > 0 {
		lines = append(lines, l.T("status_furthest"))
		for _, p := range s.Furthest {
			lines = append(lines, l.T("status_furthest_item", esc(orgName(tx, p.Org)), esc(p.Org), p.Admitted, p.Quota, p.Shortfall()))
		}
	}
	if s.AtRisk > 0 && year == today.Year {
		lines = append(lines, l.T("at_risk_committee", s.AtRisk))
		for _, rk := range s.Risky {
			lines = append(lines, l.T("at_risk_item", esc(orgName(tx, rk.Org)), esc(rk.Org), rk.Admitted, rk.Quota, rk.Advanced, rk.Gap()))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// samePeriodLastYear counts the admissions of an organization ("" for the
// committee) in the same period of the year before.
func samePeriodLastYear(tx *storage.Tx, code string, year int, on quota.Date) int {
	from, to := quota.SamePeriodLastYear(year, on)
	return tx.AdmittedBetween(code, from, to)
}

func orgName(tx *storage.Tx, code string) string {
	if o, err := tx.Org(code); err == nil {
		return o.Name
	}
	return code
}

// orgProgress is an organization's standing with its subtree rolled up,
// the parts it was rolled up from (the organization first) and the
// subtree's advanced candidates: /status and the dashboard both read it.
func (b *Bot) orgProgress(tx *storage.Tx, code string, year int, on quota.Date) (quota.Progress, []quota.Progress, int) {
	advanced := 0
	var parts []quota.Progress
	for _, c := range tx.Subtree(code) {
		advanced += tx.Advanced(c)
		parts = append(parts, quota.NewProgress(c, year, on, tx.Tally(year, c), b.opts.Pace))
	}
	return quota.RollUp(code, year, on, parts), parts, advanced
}

// maxChildLines bounds the list of subordinate organizations in a reply;
// the export has them all.
const maxChildLines = 30

// orgStatus is an organization's standing with its subordinates rolled up.
func (b *Bot) orgStatus(tx *storage.Tx, l lang, code string, year int, today quota.Date, withProbation bool) (string, error) {
	org, err := tx.Org(code)
	if err != nil {
		return "", err
	}
	on := asOf(year, today)
	p, parts, advanced := b.orgProgress(tx, org.Code, year, on)
	subtree := make([]string, len(parts))
	for i, c := range parts {
		subtree[i] = c.Org
	}
	children := parts[1:]
	lines := []string{l.T("status_org_head", strconv.Itoa(year), esc(org.Name), on.String())}
	if p.Quota > 0 {
		lines = append(lines, l.T("status_admitted", p.Admitted, p.Quota, l.Pct(p.Percent())))
		switch {
		case p.Met():
			lines = append(lines, l.T("status_met"))
		case p.Behind():
			lines = append(lines, l.T("status_expected", p.Expected, l.T("status_short", p.Shortfall())))
		default:
			lines = append(lines, l.T("status_expected", p.Expected, l.T("status_on_pace")))
		}
	} else {
		lines = append(lines, l.T("status_admitted_nq", p.Admitted))
	}
	if year == today.Year && p.Quota > 0 && !p.Met() {
		lines = append(lines, l.T("pipeline_line", advanced, p.Admitted+advanced, p.Quota))
		if quota.AtRisk(quota.Tally{Quota: p.Quota, Admitted: p.Admitted}, advanced) {
			lines = append(lines, l.T("at_risk_org", p.Quota-p.Admitted-advanced))
		}
	}
	if src, conv, err := b.pipelineFigures(tx, l, subtree, year); err != nil {
		return "", err
	} else if src != "" {
		lines = append(lines, src, conv)
	}
	if len(children) == 0 {
		if last := samePeriodLastYear(tx, org.Code, year, on); last > 0 {
			lines = append(lines, l.T("status_last_year", last))
		}
	} else {
		quota.SortBehindFirst(children)
		lines = append(lines, l.T("status_children"))
		for i, c := range children {
			if i == maxChildLines {
				lines = append(lines, l.T("more_lines", len(children)-i))
				break
			}
			lines = append(lines, l.T("status_child_item", esc(orgName(tx, c.Org)), c.Admitted, c.Quota, l.Pct(c.Percent())))
		}
	}
	if withProbation {
		pl, err := b.probationLines(tx, l, org.Code, today)
		if err != nil {
			return "", err
		}
		if len(pl) > 0 {
			lines = append(lines, "")
			lines = append(lines, pl...)
		}
	}
	return strings.Join(lines, "\n"), nil
}

// PipelineStats are an organization's candidates by source and how many
// of those introduced in the year were admitted.
type PipelineStats struct {
	BySource             map[quota.Source]int
	Introduced, Admitted int
}

func pipelineStats(tx *storage.Tx, codes []string, year int) (PipelineStats, error) {
	ps := PipelineStats{BySource: map[quota.Source]int{}}
	for _, code := range codes {
		cands, err := tx.CandidatesOf(code)
		if err != nil {
			return ps, err
		}
		for _, c := range cands {
			ps.BySource[c.Source]++
			if at, ok := c.IntroducedOn(); ok && at.Year() == year {
				ps.Introduced++
				if c.Stage == quota.StageAdmitted {
					ps.Admitted++
				}
			}
		}
	}
	return ps, nil
}

// pipelineFigures is the sources line and the conversion line, empty when
// the organization has no candidates.
func (b *Bot) pipelineFigures(tx *storage.Tx, l lang, codes []string, year int) (string, string, error) {
	ps, err := pipelineStats(tx, codes, year)
	if err != nil || len(ps.BySource) == 0 {
		return "", "", err
	}
	var parts []string
	for _, s := range quota.Sources {
		parts = append(parts, l.source(s)+" "+l.Num(ps.BySource[s]))
	}
	conv := l.T("conversion_line", strconv.Itoa(year), ps.Admitted, ps.Introduced, l.Pct(quota.Percent(ps.Admitted, ps.Introduced)))
	return l.T("sources_line", strings.Join(parts, ", ")), conv, nil
}
