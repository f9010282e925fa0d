package office

import (
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

// TermWords are the words of the sheets of terms, decisions and years;
// with Term unset those sheets are left out.
type TermWords struct {
	// Term names the term's sheet and heads its columns; the columns of
	// the years' admissions follow, headed by AdmittedIn.
	Term       func(t quota.Term) SheetWords
	AdmittedIn func(year int) string
	Decisions  SheetWords // code, name, year or term, quota, decision, its date, earlier values
	Years      SheetWords // year, quota, admitted, percent, source
	Source     func(quota.CountSource) string
}

// termSheets are the sheets of the term the year belongs to, of the
// decisions behind the quotas, and of the years up to the year.
func termSheets(tx *storage.Tx, spec TableSpec, orgs []quota.Org) ([]Sheet, error) {
	w := spec.Words.Terms
	if w.Term == nil {
		return nil, nil
	}
	var out []Sheet
	if t, ok := tx.CurrentTerm(spec.Year); ok {
		sh, err := termSheet(tx, spec, orgs, t)
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	dec, err := decisionsSheet(tx, w, orgs, spec.Year)
	if err != nil {
		return nil, err
	}
	years, err := yearsSheet(tx, w, spec.Year)
	if err != nil {
		return nil, err
	}
	return append(out, dec, years), nil
}

// termSheet is every organization with a quota for the term: the quota
// and its decision, the term so far against its pace, and each year's
// admissions, imported totals included.
func termSheet(tx *storage.Tx, spec TableSpec, orgs []quota.Org, t quota.Term) (Sheet, error) {
	w := spec.Words
	on := t.AsOf(spec.Today)
	words := w.Terms.Term(t)
	sh := Sheet{Name: words.Name, Headers: append([]string(nil), words.Headers...)}
	last := min(t.To, max(on.Year, t.From))
	for y := t.From; y <= last; y++ {
		sh.Headers = append(sh.Headers, w.Terms.AdmittedIn(y))
	}
	var total quota.Progress
	for _, o := range orgs {
		rec, err := tx.TermQuota(o.Code, t)
		if err != nil {
			continue // no quota for the term; a record that cannot be read is reported by check
		}
		codes := []string{o.Code}
		plan, _, err := tx.TermPlan(codes, t)
		if err != nil {
			return sh, err
		}
		admitted, err := tx.TermAdmitted(codes, t, on)
		if err != nil {
			return sh, err
		}
		p := quota.NewTermProgress(o.Code, plan, admitted, on, spec.Pace)
		total.Quota += p.Quota
		total.Admitted += p.Admitted
		total.Expected += p.Expected
		row := []any{o.Code, o.Name, p.Quota, rec.Current.Decision.Number, decisionDateCell(rec.Current.Decision.Date), p.Admitted,
			round1(p.Percent()), p.Expected, p.Shortfall(), w.Status(p)}
		counts, err := tx.YearCounts(codes, quota.Term{From: t.From, To: last})
		if err != nil {
			return sh, err
		}
		for _, c := range counts {
			row = append(row, c.Admitted)
		}
		sh.Rows = append(sh.Rows, row)
	}
	sh.Rows = append(sh.Rows, []any{"", w.Total, total.Quota, "", "", total.Admitted, round1(total.Percent()),
		total.Expected, total.Shortfall()})
	return sh, nil
}

func decisionDateCell(d quota.Date) any {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// decisionsSheet lists the year's quotas and every term quota with the
// decision that set each and the values earlier decisions had set, the
// latest first.
func decisionsSheet(tx *storage.Tx, w TermWords, orgs []quota.Org, year int) (Sheet, error) {
	sh := Sheet{Name: w.Decisions.Name, Headers: w.Decisions.Headers}
	for _, o := range orgs {
		var recs []quota.QuotaRecord
		if rec, err := tx.YearQuota(year, o.Code); err == nil {
			recs = append(recs, rec)
		}
		terms, err := tx.TermQuotasOf(o.Code)
		if err != nil {
			return sh, err
		}
		for _, rec := range append(recs, terms...) {
			period := strconv.Itoa(rec.Year)
			if !rec.Term.IsZero() {
				period = rec.Term.String()
			}
			var earlier []string
			for i := len(rec.History) - 1; i >= 0; i-- {
				h := rec.History[i]
				e := strconv.Itoa(h.Quota)
				if !h.Decision.IsZero() {
					e += " (" + h.Decision.String() + ")"
				}
				earlier = append(earlier, e)
			}
			sh.Rows = append(sh.Rows, []any{o.Code, o.Name, period, rec.Current.Quota, rec.Current.Decision.Number,
				decisionDateCell(rec.Current.Decision.Date), strings.Join(earlier, "; ")})
		}
	}
	return sh, nil
}

// maxSheetYears bounds the years sheet: a committee's memory, not its
// whole history.
const maxSheetYears = 30

// yearsSheet is the committee year by year up to the year: quota,
// admitted and where the figure comes from, the years before quotabot
// included.
func yearsSheet(tx *storage.Tx, w TermWords, year int) (Sheet, error) {
	sh := Sheet{Name: w.Years.Name, Headers: w.Years.Headers}
	first := tx.EarliestYear()
	if first == 0 || first > year {
		return sh, nil
	}
	counts, err := tx.YearCounts(nil, quota.Term{From: max(first, year-maxSheetYears+1), To: year})
	if err != nil {
		return sh, err
	}
	for _, c := range counts {
		q := 0
		if err := tx.EachTally(c.Year, func(_ string, t quota.Tally) error { q += t.Quota; return nil }); err != nil {
			return sh, err
		}
		var pct any = ""
		if q > 0 {
			pct = round1(quota.Percent(c.Admitted, q))
		}
		sh.Rows = append(sh.Rows, []any{c.Year, q, c.Admitted, pct, w.Source(c.Source)})
	}
	return sh, nil
}
