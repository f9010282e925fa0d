package bot

import (
	"regexp"
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// summarize computes the committee's standing for a year from the
// tallies alone: one pass over a few bytes per organization.
func (b *Bot) summarize(tx *storage.Tx, year int, today quota.Date, keep int) (quota.Summary, error) {
	on := quota.AsOf(year, today)
	// Leaders ask far more often than tallies change: the last summary is
	// reused until a commit changes a tally or a pipeline count.
	key := summaryKey{gen: tx.Generation(), year: year, on: on, keep: keep}
	return remembered(b, tx, b.summaries, key, func() (quota.Summary, error) {
		return b.computeSummary(tx, year, on, keep)
	})
}

// remembered is what compute gives for key, kept in m while the
// transaction reads a stable generation of the figures: leaders ask far
// more often than the figures change. m is cleared past 16 entries.
func remembered[K comparable, V any](b *Bot, tx *storage.Tx, m map[K]V, key K, compute func() (V, error)) (V, error) {
	stable := tx.Stable()
	if stable {
		b.mu.Lock()
		v, ok := m[key]
		b.mu.Unlock()
		if ok {
			return v, nil
		}
	}
	v, err := compute()
	if err == nil && stable {
		b.mu.Lock()
		if len(m) > 16 {
			clear(m)
		}
		m[key] = v
		b.mu.Unlock()
	}
	return v, err
}

type summaryKey struct {
	gen  uint64
	year int
	term quota.Term // set for a term's summary, with year zero
	on   quota.Date
	keep int
}

func (b *Bot) computeSummary(tx *storage.Tx, year int, on quota.Date, keep int) (quota.Summary, error) {
	z := quota.NewSummarizer(year, on, keep)
	err := b.eachProgress(tx, year, on, z.AddWithPipeline)
	s := z.Summary()
	s.Deactivated = tx.Deactivated().Excluded(on)
	return s, err
}

// eachProgress calls f with every organization's own standing in the
// year on the date, with its advanced candidates, from the tallies alone.
// A deactivated organization is left out from its deactivation on: it
// counts in no total and no list.
func (b *Bot) eachProgress(tx *storage.Tx, year int, on quota.Date, f func(p quota.Progress, advanced int)) error {
	pass, err := b.yearPass(tx, year)
	if err != nil {
		return err
	}
	// With the year and date fixed the expected number depends on the
	// quota alone, and quotas take few values: computing it once per value
	// instead of per tally halves a national /status.
	expected := map[int]int{}
	inactive := tx.Deactivated()
	for i, code := range pass.codes {
		if !inactive.Counts(code, on) {
			continue
		}
		t := pass.tallies[i]
		e, ok := expected[t.Quota]
		if !ok {
			e = b.opts.Pace.Expected(t.Quota, year, on)
			expected[t.Quota] = e
		}
		f(quota.Progress{Org: code, Year: year, On: on, Quota: t.Quota, Admitted: t.Admitted, Expected: e}, pass.advanced[i])
	}
	return nil
}

// yearPass is every tally of the year with its organization's advanced
// candidates, in code order: the one pass over every organization that a
// committee /status makes, kept while the figures stay, so the term's
// summary reads the year from it instead of making a second.
type yearPass struct {
	codes    []string
	tallies  []quota.Tally
	advanced []int
}

func (b *Bot) yearPass(tx *storage.Tx, year int) (yearPass, error) {
	return keptFor(b, tx, &b.kept.passes, year, tx.Generation(), func() (yearPass, error) {
		b.mu.Lock()
		last := b.kept.passes[year].v.codes
		b.mu.Unlock()
		// The codes are the last pass's while no organization came or
		// went: that slice is kept, and what was computed along it
		// (passPlaces) stays good.
		n := len(last)
		p := yearPass{tallies: make([]quota.Tally, 0, n), advanced: make([]int, 0, n)}
		i := 0
		err := tx.EachTallyWithPipeline(year, func(code string, t quota.Tally, advanced int) error {
			switch {
			case p.codes == nil && i < len(last) && last[i] == code:
			case p.codes == nil:
				p.codes = append(make([]string, 0, max(n, i+1)), last[:i]...)
				fallthrough
			default:
				p.codes = append(p.codes, code)
			}
			i++
			p.tallies = append(p.tallies, t)
			p.advanced = append(p.advanced, advanced)
			return nil
		})
		if p.codes == nil {
			p.codes = last[:i:i]
		}
		if err == nil && tx.Stable() {
			// Only the latest figures are asked for: the passes of
			// other years, of an older generation, are let go.
			b.mu.Lock()
			clear(b.kept.passes)
			b.mu.Unlock()
		}
		return p, err
	})
}

func (b *Bot) cmdStatus(r *request) error {
	year := r.today.Year
	var code string
	var term quota.Term
	for _, f := range strings.Fields(r.args) {
		// Four digits are a year, by the domain's year rule, unless an
		// organization has that code.
		if _, isOrg := r.tx.Org(f); quota.LooksLikeYear(f) && isOrg != nil {
			y, err := quota.ParseYear(f, r.today)
			if err != nil {
				r.reply(reason(r.l, err) + "\n" + r.l.StatusBadArgs)
				return nil
			}
			year = y
			continue
		}
		if t, err := quota.ParseTerm(f); err == nil {
			term = t
			continue
		} else if termLike.MatchString(f) {
			r.reply(r.l.StatusBadArgs)
			return nil
		}
		if termWord(f) {
			continue
		}
		if code != "" || quota.ValidateCode(f) != nil {
			r.reply(r.l.StatusBadArgs)
			return nil
		}
		code = f
	}
	if code != "" {
		org, err := r.tx.FindOrg(code)
		if err != nil {
			r.reply(r.l.UnknownOrg(esc(code)))
			return nil
		}
		code = org.Code // as stored, whatever the case typed
	}
	code, ok := r.secretaryScope(code)
	if !ok {
		return nil
	}
	var text string
	var err error
	switch {
	case !term.IsZero():
		text, err = b.termStatus(r.tx, r.l, code, term, r.today)
	case code != "":
		text, err = b.orgStatus(r.tx, r.l, code, year, r.today, r.user.Role == quota.RoleSecretary)
	default:
		text, err = b.committeeStatus(r.tx, r.l, year, r.today)
	}
	if err != nil {
		return err
	}
	r.reply(text, b.dashboardButton(r, code)...)
	return nil
}

// committeeCount is the committee's admitted figure for the year on the
// day, named or imported (a year before quotabot has imported totals, not
// tallies). The committee's count is kept whole, so the organizations
// deactivated by the day leave it here, as they leave the quota.
func (b *Bot) committeeCount(tx *storage.Tx, year int, on quota.Date) (quota.YearCount, error) {
	yc, err := b.committeeYear(tx, year)
	if err != nil {
		return yc, err
	}
	yc.Admitted -= tx.Deactivated().LeftOut(on, func(code string) int { return tx.Tally(year, code).Admitted })
	return yc, nil
}

// committeeStatus is the committee's standing, for /status and digests.
func (b *Bot) committeeStatus(tx *storage.Tx, l *texts.Lang, year int, today quota.Date) (string, error) {
	s, err := b.summarize(tx, year, today, 3)
	if err != nil {
		return "", err
	}
	ys := strconv.Itoa(year)
	yc, err := b.committeeCount(tx, year, s.On)
	if err != nil {
		return "", err
	}
	if s.Quota == 0 && yc.Admitted == 0 {
		return l.StatusEmpty(ys), nil
	}
	lines := []string{l.StatusCommittee(ys, s.On.String())}
	if s.Quota > 0 {
		lines = append(lines, l.StatusAdmitted(yc.Admitted, s.Quota, l.Pct(quota.Percent(yc.Admitted, s.Quota)))+totalMark(l, yc))
	} else {
		lines = append(lines, l.StatusAdmittedNq(yc.Admitted)+totalMark(l, yc))
	}
	if last := samePeriodLastYear(tx, "", year, s.On); last > 0 {
		lines = append(lines, l.StatusLastYear(last))
	}
	tl, err := b.committeeTermLines(tx, l, year, today)
	if err != nil {
		return "", err
	}
	lines = append(lines, tl...)
	if avg, ok, err := b.PriorAverage(tx, nil, year); err != nil {
		return "", err
	} else if ok {
		lines = append(lines, priorLine(l, avg))
	}
	lines = append(lines, l.StatusOrgs(s.WithQuota, s.Met, s.Behind))
	if s.Deactivated > 0 {
		lines = append(lines, l.StatusDeactivated(s.Deactivated))
	}
	reach, err := b.BaseReach(tx, year)
	if err != nil {
		return "", err
	}
	lines = append(lines, reachLines(tx, l, reach)...)
	if len(s.Furthest) > 0 {
		lines = append(lines, l.StatusFurthest)
		for _, p := range s.Furthest {
			lines = append(lines, l.StatusFurthestItem(esc(orgName(tx, p.Org)), esc(p.Org), p.Admitted, p.Quota, p.Shortfall()))
		}
	}
	if s.AtRisk > 0 && year == today.Year && b.opts.RemindBy.Year() {
		lines = append(lines, l.AtRiskCommittee(s.AtRisk))
		for _, rk := range s.Risky {
			lines = append(lines, l.AtRiskItem(esc(orgName(tx, rk.Org)), esc(rk.Org), rk.Admitted, rk.Quota, rk.Advanced, rk.Gap()))
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

// orgFigures is an organization's standing with its subtree rolled up,
// what it was rolled up from, and the subtree's advanced candidates:
// /status and the dashboard both read it.
type orgFigures struct {
	Progress quota.Progress
	Parts    []quota.Progress // the organization's own first, then its subtree's
	Subtree  []string
	Advanced int
	Count    quota.YearCount // the admitted figure, named or imported
	Excluded int             // organizations below it left out, deactivated
}

func (b *Bot) orgProgress(tx *storage.Tx, code string, year int, on quota.Date) (orgFigures, error) {
	var f orgFigures
	inactive := tx.Deactivated()
	for _, c := range tx.Subtree(code) {
		// The organization asked about shows its own history, even
		// deactivated; those below it stop counting in its figures.
		if c != code && !inactive.Counts(c, on) {
			f.Excluded++
			continue
		}
		f.Subtree = append(f.Subtree, c)
	}
	for _, c := range f.Subtree {
		f.Advanced += tx.Advanced(c)
		f.Parts = append(f.Parts, quota.NewProgress(c, year, on, tx.Tally(year, c), b.opts.Pace))
	}
	f.Progress = quota.RollUp(code, year, on, f.Parts)
	// A year before quotabot has imported totals, not tallies.
	yc, err := tx.SubtreeYearCount(year, f.Subtree)
	f.Count = yc
	f.Progress.Admitted = yc.Admitted
	return f, err
}

// maxChildLines bounds the list of subordinate organizations in a reply;
// the export has them all.
const maxChildLines = 30

// orgStatus is an organization's standing with its subordinates rolled up.
func (b *Bot) orgStatus(tx *storage.Tx, l *texts.Lang, code string, year int, today quota.Date, withProbation bool) (string, error) {
	org, err := tx.Org(code)
	if err != nil {
		return "", err
	}
	on := quota.AsOf(year, today)
	f, err := b.orgProgress(tx, org.Code, year, on)
	if err != nil {
		return "", err
	}
	p, advanced, subtree, yc := f.Progress, f.Advanced, f.Subtree, f.Count
	children := f.Parts[1:]
	lines := []string{l.StatusOrgHead(strconv.Itoa(year), esc(org.Name), on.String())}
	if !org.CountsOn(on) {
		lines = append(lines, l.StatusOrgDeactivated)
	}
	if f.Excluded > 0 {
		lines = append(lines, l.StatusDeactivated(f.Excluded))
	}
	if p.Quota > 0 {
		lines = append(lines, l.StatusAdmitted(p.Admitted, p.Quota, l.Pct(p.Percent()))+totalMark(l, yc))
		switch {
		case p.Met() && p.Admitted > p.Quota:
			lines = append(lines, l.StatusExceeded(p.Admitted-p.Quota))
		case p.Met():
			lines = append(lines, l.StatusMet)
		case p.Behind():
			lines = append(lines, l.StatusExpected(p.Expected, l.StatusShort(p.Shortfall())))
		default:
			lines = append(lines, l.StatusExpected(p.Expected, l.StatusOnPace))
		}
	} else {
		lines = append(lines, l.StatusAdmittedNq(p.Admitted)+totalMark(l, yc))
	}
	if year == today.Year && p.Quota > 0 && !p.Met() {
		lines = append(lines, l.PipelineLine(advanced, p.Admitted+advanced, p.Quota))
		if b.opts.RemindBy.Year() && quota.AtRisk(quota.Tally{Quota: p.Quota, Admitted: p.Admitted}, advanced) {
			lines = append(lines, l.AtRiskOrg(p.Quota-p.Admitted-advanced))
		}
	}
	if t, ok := CurrentTerm(tx, year); ok {
		tp, has, err := b.TermProgress(tx, org.Code, subtree, t, t.AsOf(quota.AsOf(year, today)))
		if err != nil {
			return "", err
		}
		if has {
			lines = append(lines, termLines(l, tp)...)
			if year == today.Year && b.opts.RemindBy.Term() && quota.TermAtRisk(tp, advanced) {
				lines = append(lines, l.AtRiskTermOrg(t.String(), tp.Quota-tp.Admitted-advanced))
			}
		}
	}
	if avg, ok, err := b.PriorAverage(tx, subtree, year); err != nil {
		return "", err
	} else if ok {
		lines = append(lines, priorLine(l, avg))
	}
	if src, conv, err := b.pipelineFigures(tx, l, subtree, year); err != nil {
		return "", err
	} else if src != "" {
		lines = append(lines, src)
		if conv != "" {
			lines = append(lines, conv)
		}
	}
	if len(children) == 0 {
		if last := samePeriodLastYear(tx, org.Code, year, on); last > 0 {
			lines = append(lines, l.StatusLastYear(last))
		}
	} else {
		quota.SortBehindFirst(children)
		lines = append(lines, l.StatusChildren)
		for i, c := range children {
			if i == maxChildLines {
				lines = append(lines, l.MoreLines(len(children)-i))
				break
			}
			if c.Quota == 0 {
				lines = append(lines, l.StatusChildNoQuota(esc(orgName(tx, c.Org)), c.Admitted))
				continue
			}
			lines = append(lines, l.StatusChildItem(esc(orgName(tx, c.Org)), c.Admitted, c.Quota, l.Pct(c.Percent())))
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

// pipelineFigures is the sources line and the conversion line, empty when
// the organization has no candidates.
func (b *Bot) pipelineFigures(tx *storage.Tx, l *texts.Lang, codes []string, year int) (string, string, error) {
	ps, err := countPipeline(tx, codes, year)
	if err != nil || ps.Empty() {
		return "", "", err
	}
	var parts []string
	for _, s := range quota.Sources {
		parts = append(parts, l.Source(s)+" "+l.Num(ps.BySource[s]))
	}
	// A conversion of nobody introduced says nothing.
	conv := ""
	if ps.Introduced > 0 {
		conv = l.ConversionLine(strconv.Itoa(year), ps.Admitted, ps.Introduced, l.Pct(quota.Percent(ps.Admitted, ps.Introduced)))
	}
	return l.SourcesLine(strings.Join(parts, ", ")), conv, nil
}

// countPipeline counts the pipelines of the organizations for the year.
func countPipeline(tx *storage.Tx, codes []string, year int) (quota.PipelineCount, error) {
	var ps quota.PipelineCount
	for _, code := range codes {
		cands, err := tx.CandidatesOf(code)
		if err != nil {
			return ps, err
		}
		ps.Add(year, cands...)
	}
	return ps, nil
}

// termLike is what a term typed wrong looks like (2025-2021, 2021-25),
// refused as such rather than taken for an organization code.
var termLike = regexp.MustCompile(`^[0-9]{4}[-–—/][0-9]{2,4}$`)

// termWord is a word that may stand before a term in /status ("giai
// đoạn 2021-2025"), left over once the term itself was read.
func termWord(f string) bool {
	switch quota.SearchKey(f) {
	case "giai", "doan", "nhiem", "ky", "term", "gd", "nk":
		return true
	}
	return false
}

// totalMark says that a figure is an imported total, not named records.
func totalMark(l *texts.Lang, c quota.YearCount) string {
	if c.Source == quota.CountTotal {
		return l.StatusYearTotal
	}
	return ""
}

// termLines is a term's standing in one or two lines: "Giai đoạn
// 2021-2025: 612/1.500 (40,8%), cần đạt 60% đến nay".
func termLines(l *texts.Lang, p quota.Progress) []string {
	ts := p.Term.String()
	if p.Met() && p.Admitted > p.Quota {
		return []string{l.StatusTermExceeded(ts, p.Admitted, p.Quota, l.Pct(p.Percent()))}
	}
	if p.Met() {
		return []string{l.StatusTermMet(ts, p.Admitted, p.Quota, l.Pct(p.Percent()))}
	}
	lines := []string{l.StatusTerm(ts, p.Admitted, p.Quota, l.Pct(p.Percent()), l.PctWhole(quota.Percent(p.Expected, p.Quota)))}
	if p.Behind() {
		lines = append(lines, l.StatusTermShort(ts, p.Expected, p.Shortfall()))
	}
	return lines
}

// committeeTermLines is the committee's standing on the term the year
// belongs to, measured at the end of that year or today.
func (b *Bot) committeeTermLines(tx *storage.Tx, l *texts.Lang, year int, today quota.Date) ([]string, error) {
	t, ok := CurrentTerm(tx, year)
	if !ok {
		return nil, nil
	}
	ts, err := b.termSummary(tx, t, quota.AsOf(year, today), 3)
	if err != nil || ts.Quota == 0 {
		return nil, err
	}
	p := quota.Progress{Org: "", Term: t, On: ts.On, Quota: ts.Quota, Admitted: ts.Admitted, Expected: ts.Expected}
	lines := termLines(l, p)
	if ts.AtRisk > 0 && year == today.Year && b.opts.RemindBy.Term() {
		lines = append(lines, l.AtRiskTermCommittee(t.String(), ts.AtRisk))
	}
	return lines, nil
}

// priorLine is the years before, as the letter compares them: "Các năm
// 2013-2018: đã kết nạp 1.823, bình quân mỗi năm 300 (303,8)". The mean
// is given rounded as the letter rounds it (two significant digits) and
// exactly to one decimal beside it. A single year has no mean to give.
func priorLine(l *texts.Lang, a quota.Average) string {
	if a.Span.Years() == 1 {
		return l.StatusPriorOne(strconv.Itoa(a.Span.From), a.Total)
	}
	return l.StatusPrior(a.Span.String(), a.Total, a.AsTheLetterSays(), l.Dec1(a.PerYear()))
}

// maxNoneNames bounds the names of base organizations that admitted no
// one in a reply; the export has them all.
const maxNoneNames = 10

// reachLines is how many base organizations admitted anyone, and the
// names of those that admitted no one.
func reachLines(tx *storage.Tx, l *texts.Lang, r quota.BaseReach) []string {
	if r.Bases == 0 {
		return nil
	}
	lines := []string{l.StatusBaseReach(r.Admitting, r.Bases)}
	if len(r.None) == 0 {
		return lines
	}
	var names []string
	for i, c := range r.None {
		if i == maxNoneNames {
			names = append(names, l.StatusBaseMore(len(r.None)-i))
			break
		}
		names = append(names, esc(orgName(tx, c)))
	}
	return append(lines, l.StatusBaseNone(strings.Join(names, ", ")))
}

// termStatus is /status for a term (or any span of years): the standing
// on the term quota, the organizations behind on it, and the years of the
// term one by one. Without a term quota it shows the years and their
// average, as for the years before quotabot.
func (b *Bot) termStatus(tx *storage.Tx, l *texts.Lang, code string, t quota.Term, today quota.Date) (string, error) {
	on := t.AsOf(today)
	var codes []string
	head := l.StatusTermHead(t.String(), on.String())
	if code != "" {
		org, err := tx.Org(code)
		if err != nil {
			return "", err
		}
		codes = tx.Subtree(code)
		head = l.StatusTermOrgHead(t.String(), esc(org.Name), on.String())
	}
	var lines []string
	var p quota.Progress
	has := false
	var s quota.Summary
	if code == "" {
		var err error
		s, err = b.termSummary(tx, t, today, 3)
		if err != nil {
			return "", err
		}
		has = s.Quota > 0
		p = quota.Progress{Term: t, On: on, Quota: s.Quota, Admitted: s.Admitted, Expected: s.Expected}
	} else {
		var err error
		p, has, err = b.TermProgress(tx, code, codes, t, on)
		if err != nil {
			return "", err
		}
	}
	counts, err := b.yearCounts(tx, codes, quota.Term{From: t.From, To: min(t.To, max(on.Year, t.From))})
	if err != nil {
		return "", err
	}
	if !has {
		who := l.HistoryCommittee
		if code != "" {
			who = esc(orgName(tx, code))
		}
		lines = append(lines, l.StatusSpanHead(t.String(), who))
		for _, c := range counts {
			lines = append(lines, l.StatusYearItemNq(strconv.Itoa(c.Year), c.Admitted, totalMark(l, c)))
		}
		avg := quota.NewAverage(t, counts)
		if on.Year < t.To {
			avg.Span.To = on.Year // the years to come are not averaged in
		}
		lines = append(lines, l.StatusSpanTotal(avg.Total, avg.AsTheLetterSays(), l.Dec1(avg.PerYear())))
		return strings.Join(lines, "\n"), nil
	}
	lines = append(lines, head)
	lines = append(lines, termLines(l, p)...)
	if code == "" {
		lines = append(lines, l.StatusTermOrgs(s.WithQuota, s.Met, s.Behind))
		if len(s.Furthest) > 0 {
			lines = append(lines, l.StatusFurthest)
			for _, f := range s.Furthest {
				lines = append(lines, l.StatusFurthestItem(esc(orgName(tx, f.Org)), esc(f.Org), f.Admitted, f.Quota, f.Shortfall()))
			}
		}
	}
	lines = append(lines, "")
	for _, c := range counts {
		yq, err := b.yearQuota(tx, codes, c.Year, today)
		if err != nil {
			return "", err
		}
		if yq > 0 {
			lines = append(lines, l.StatusYearItem(strconv.Itoa(c.Year), c.Admitted, yq, l.Pct(quota.Percent(c.Admitted, yq)), totalMark(l, c)))
		} else {
			lines = append(lines, l.StatusYearItemNq(strconv.Itoa(c.Year), c.Admitted, totalMark(l, c)))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// yearQuota is the yearly quota of the organizations given, or of the
// whole committee with codes nil.
func (b *Bot) yearQuota(tx *storage.Tx, codes []string, year int, today quota.Date) (int, error) {
	if codes == nil {
		s, err := b.summarize(tx, year, today, 0)
		return s.Quota, err
	}
	n := 0
	for _, c := range codes {
		n += tx.Tally(year, c).Quota
	}
	return n, nil
}
