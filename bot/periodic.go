package bot

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"quotabot/officedoc"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// LetterHead names who issues and signs the periodic report; cmd fills it
// from the configuration, so no committee's name is built in.
type LetterHead struct {
	Superior, Issuer, Committee, Number, Place string
	Recipients                                 []string
	SignerOnBehalf, SignerTitle, SignerName    string
	ProbationDays                              int // probations ending within this many days are due
}

// periodicReport gathers the figures of the periodic report for a year,
// as of today: the base organizations (the top of the tree) with their
// subtrees rolled up, the years before, the term, the pipeline and the
// probations.
func (b *Bot) periodicReport(tx *storage.Tx, year int, today quota.Date) (quota.PeriodicReport, error) {
	on := quota.AsOf(year, today)
	term, hasTerm := CurrentTerm(tx, year)
	orgs, err := tx.Orgs()
	if err != nil {
		return quota.PeriodicReport{}, err
	}
	known := make(map[string]bool, len(orgs))
	for _, o := range orgs {
		known[o.Code] = true
	}
	var standings []quota.Standing
	pipeline := map[quota.Source]int{}
	advanced := 0
	for _, o := range orgs {
		if known[o.Parent] {
			continue // counted in its base organization
		}
		s := quota.Standing{Progress: quota.Progress{Org: o.Code, Year: year, On: on}, Name: o.Name}
		subtree := tx.Subtree(o.Code)
		if hasTerm {
			if s.Term, _, err = b.TermProgress(tx, o.Code, subtree, term, on); err != nil {
				return quota.PeriodicReport{}, err
			}
		}
		for _, c := range subtree {
			t := tx.Tally(year, c)
			s.Quota += t.Quota
			s.Admitted += t.Admitted
			// A parent is expected what its parts are expected, as in /status.
			s.Expected += b.opts.Pace.Expected(t.Quota, year, on)
			s.Advanced += tx.Advanced(c)
			cands, err := tx.CandidatesOf(c)
			if err != nil {
				return quota.PeriodicReport{}, err
			}
			for _, cd := range cands {
				if cd.Stage.InPipeline() {
					pipeline[cd.Source]++
				}
			}
		}
		advanced += s.Advanced
		if o.Inactive && s.Quota == 0 && s.Admitted == 0 {
			continue
		}
		standings = append(standings, s)
	}
	r := quota.NewPeriodicReport(year, on, standings)
	r.Pipeline, r.Advanced = pipeline, advanced
	r.SamePeriodLastYear = tx.AdmittedBetween("", quota.Date{Year: year - 1, Month: 1, Day: 1}, on.SameDayInYear(year-1))
	if r.Prior, _, err = b.PriorAverage(tx, nil, year); err != nil {
		return r, err
	}
	if hasTerm {
		ts, err := b.termSummary(tx, term, on, 0)
		if err != nil {
			return r, err
		}
		if ts.Quota > 0 {
			r.Term = quota.Progress{Term: term, On: ts.On, Quota: ts.Quota, Admitted: ts.Admitted, Expected: ts.Expected}
			r.TermAtRisk = ts.AtRisk
		}
	}
	r.ProbationHorizon = today.AddDays(b.opts.Letter.ProbationDays)
	err = tx.EachProbationEnding(quota.Date{Year: 1900, Month: 1, Day: 1}, r.ProbationHorizon, func(a quota.Admission) error {
		r.ProbationsDue++
		if a.ProbationEnd().Before(today) {
			r.ProbationsOverdue++
		}
		return nil
	})
	return r, err
}

// maxNamed bounds the organizations named in one sentence of the report;
// the annexed table has them all.
const maxNamed = 5

// letter writes the report's figures in the words of a Party document.
func (b *Bot) letter(l *texts.Lang, r quota.PeriodicReport, today quota.Date) officedoc.Letter {
	h := b.opts.Letter
	or := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return l.PrBlank
		}
		return s
	}
	ys := strconv.Itoa(r.Year)
	number := or(h.Number)
	lt := officedoc.Letter{
		Superior:        h.Superior,
		Issuer:          or(h.Issuer),
		Number:          l.PrNumber(number),
		Party:           l.PrParty,
		PlaceDate:       l.PrPlaceDate(or(h.Place), fmt.Sprintf("%02d", today.Day), monthWord(today.Month), strconv.Itoa(today.Year)),
		Kind:            l.PrKind,
		Subject:         l.PrSubject(ys),
		RecipientsLabel: l.PrRecipients,
		Recipients:      h.Recipients,
		SignOnBehalf:    h.SignerOnBehalf,
		SignTitle:       or(h.SignerTitle),
		SignName:        h.SignerName,
	}
	if len(lt.Recipients) == 0 {
		lt.Recipients = []string{l.PrBlank}
	}
	p := func(s string) { lt.Body = append(lt.Body, officedoc.Paragraph{Text: s}) }
	heading := func(s string) { lt.Body = append(lt.Body, officedoc.Paragraph{Text: s, Heading: true}) }

	p(l.PrIntro(or(h.Committee), ys, r.On.String()))
	heading(l.PrHResults)
	switch a := r.Prior; {
	case a.Known == 0:
	case a.Span.Years() == 1:
		p(l.PrHistoryOne(strconv.Itoa(a.Span.From), a.Total))
	default:
		p(l.PrHistory(strconv.Itoa(a.Span.From), strconv.Itoa(a.Span.To), a.Total, a.AsTheLetterSays()))
	}
	year := ""
	if r.Total.Quota > 0 {
		year = l.PrYear(ys, r.On.String(), r.Total.Admitted, l.Pct(r.Total.Percent()), r.Total.Quota)
	} else {
		year = l.PrYearNq(ys, r.On.String(), r.Total.Admitted)
	}
	if r.SamePeriodLastYear > 0 {
		year += l.PrYearLast(r.SamePeriodLastYear)
	}
	p(year + ".")
	if r.Total.Quota > 0 && r.Year == today.Year && !r.Total.Met() {
		p(l.PrExpected(r.Total.Expected, r.Total.Quota-r.Total.Admitted))
	}
	if t := r.Term; !t.Term.IsZero() {
		ts := t.Term.String()
		if t.Met() {
			p(l.PrTermMet(ts, t.On.String(), t.Admitted, l.Pct(t.Percent()), t.Quota))
		} else {
			p(l.PrTerm(ts, t.On.String(), t.Admitted, l.Pct(t.Percent()), t.Quota, t.Expected))
		}
		if r.TermAtRisk > 0 && r.YearOpen() {
			p(l.PrTermRisk(r.TermAtRisk, ts))
		}
	}

	withQuota := r.WithQuota()
	if len(r.Met) > 0 {
		p(l.PrOrgsMet(len(r.Met), withQuota, named(l, r.Met, func(s quota.Standing) string { return s.Name })))
	} else if withQuota > 0 {
		p(l.PrOrgsMetNone(withQuota))
	}
	if len(r.Behind) > 0 {
		p(l.PrOrgsBehind(len(r.Behind), named(l, r.Behind, func(s quota.Standing) string {
			return l.PrOrgBehind(s.Name, s.Admitted, s.Quota, s.Shortfall())
		})))
	}
	if len(r.AtRisk) > 0 {
		p(l.PrOrgsRisk(len(r.AtRisk), named(l, r.AtRisk, func(s quota.Standing) string {
			return l.PrOrgRisk(s.Name, s.Gap())
		})))
	}
	if len(r.Orgs) > 0 {
		reach := l.PrOrgsAdmitting(r.Admitting(), len(r.Orgs))
		if len(r.NoAdmission) > 0 {
			reach += l.PrOrgsNone(len(r.NoAdmission), named(l, r.NoAdmission, func(s quota.Standing) string { return s.Name }))
		}
		p(reach + ".")
	}

	heading(l.PrHPipeline)
	if n := r.InPipeline(); n > 0 {
		var parts []string
		for _, s := range quota.Sources {
			parts = append(parts, l.PrSource(l.Source(s), r.Pipeline[s]))
		}
		p(l.PrPipeline(n, strings.Join(parts, "; "), r.Advanced))
	} else {
		p(l.PrPipelineNone)
	}
	if r.ProbationsDue > 0 {
		p(l.PrProbation(r.ProbationsDue, r.ProbationHorizon.String(), r.ProbationsOverdue))
	} else {
		p(l.PrProbationNone(r.ProbationHorizon.String()))
	}
	heading(l.PrHProposals)
	p(l.PrProposals)
	p(l.PrClosing)

	lt.Annex = b.annex(l, r, number)
	return lt
}

// annex is the table of base organizations attached to the report.
func (b *Bot) annex(l *texts.Lang, r quota.PeriodicReport, number string) *officedoc.Annex {
	a := &officedoc.Annex{
		Title: l.PrAnnexTitle(strconv.Itoa(r.Year)),
		Note:  l.PrAnnexNote(number, r.On.String()),
		Columns: []officedoc.Column{
			{Header: l.PrColNo, Weight: 3, Align: officedoc.Center},
			{Header: l.PrColOrg, Weight: 10},
			{Header: l.ColQuota, Weight: 3, Align: officedoc.Right},
			{Header: l.ColAdmitted, Weight: 3, Align: officedoc.Right},
			{Header: l.ColPercent, Weight: 4, Align: officedoc.Right},
			{Header: l.PrColAdvanced, Weight: 4, Align: officedoc.Right},
			{Header: l.ColStatus, Weight: 6},
		},
	}
	if !r.Term.Term.IsZero() {
		a.Columns = append(a.Columns, officedoc.Column{Header: l.PrColTerm(r.Term.Term.String()), Weight: 6, Align: officedoc.Right})
	}
	term := func(p quota.Progress) string {
		if p.Quota <= 0 {
			return ""
		}
		return l.PrTermCell(p.Admitted, p.Quota, l.Pct(p.Percent()))
	}
	for i, s := range r.Orgs {
		pct, status := "", status(l, s.Progress)
		if s.Quota > 0 {
			pct = l.Pct(s.Percent())
		}
		if s.Quota > 0 && s.AtRisk() && r.YearOpen() {
			status += l.PrAtRisk
		}
		a.Rows = append(a.Rows, []string{strconv.Itoa(i + 1), s.Name, l.Num(s.Quota), l.Num(s.Admitted), pct, l.Num(s.Advanced), status, term(s.Term)})
	}
	pct := ""
	if r.Total.Quota > 0 {
		pct = l.Pct(r.Total.Percent())
	}
	a.Total = []string{"", l.ExportTotal, l.Num(r.Total.Quota), l.Num(r.Total.Admitted), pct, l.Num(r.Advanced), "", term(r.Term)}
	return a
}

// named lists the first organizations by name, and how many more.
func named(l *texts.Lang, ss []quota.Standing, name func(quota.Standing) string) string {
	var parts []string
	for i, s := range ss {
		if i == maxNamed {
			parts = append(parts, l.PrMore(len(ss)-i))
			break
		}
		parts = append(parts, name(s))
	}
	return strings.Join(parts, "; ")
}

// monthWord writes a month as Party documents date them: January and
// February with a leading zero ("tháng 01"), the others without.
func monthWord(m time.Month) string {
	if m <= 2 {
		return fmt.Sprintf("%02d", int(m))
	}
	return strconv.Itoa(int(m))
}

// WriteReport writes the periodic report for the year as a .docx, or as a
// PDF when pdf is set, in the language given ("vi" or "en").
func (b *Bot) WriteReport(ctx context.Context, w io.Writer, language string, year int, pdf bool) error {
	l := texts.For(language)
	today := b.today()
	var lt officedoc.Letter
	err := b.db.View(func(tx *storage.Tx) error {
		r, err := b.periodicReport(tx, year, today)
		lt = b.letter(l, r, today)
		return err
	})
	if err != nil {
		return fmt.Errorf("gathering the figures of %d: %w", year, err)
	}
	var buf bytes.Buffer
	if err := officedoc.WriteDOCX(&buf, lt); err != nil {
		return err
	}
	if !pdf {
		_, err := w.Write(buf.Bytes())
		return err
	}
	out, err := officedoc.PDF(ctx, buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
