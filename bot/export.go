package bot

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
)

// yearArg reads an optional year argument by the domain's year rule; ok
// is false for anything else.
func yearArg(args string, today quota.Date) (int, bool) {
	y, err := quota.ParseYear(args, today)
	return y, err == nil
}

func (l lang) status(s quota.Status) string {
	switch s {
	case quota.StatusMet:
		return l.T("st_met")
	case quota.StatusOnPace:
		return l.T("st_on_pace")
	case quota.StatusBehind:
		return l.T("st_behind")
	}
	return l.T("st_no_quota")
}

// buildTable is the year's table in tree order: every organization with
// its own figures, each parent followed by a subtotal of its subtree, and
// the committee's total.
func (b *Bot) buildTable(tx *storage.Tx, l lang, year int, today quota.Date) (office.Table, error) {
	on := quota.AsOf(year, today)
	orgs, err := tx.Orgs()
	if err != nil {
		return office.Table{}, err
	}
	children := map[string][]quota.Org{}
	known := map[string]bool{}
	for _, o := range orgs {
		known[o.Code] = true
	}
	for _, o := range orgs {
		parent := o.Parent
		if !known[parent] {
			parent = ""
		}
		children[parent] = append(children[parent], o)
	}
	t := office.Table{
		Title: l.T("export_title", strconv.Itoa(year), on.String()), Year: year, AsOf: on.Time(),
		Headers: []string{l.T("col_code"), l.T("col_name"), l.T("col_quota"), l.T("col_admitted"),
			l.T("col_percent"), l.T("col_expected"), l.T("col_shortfall"), l.T("col_status")},
	}
	row := func(level int, code, name string, tl quota.Tally, expected int, subtotal bool) office.TableRow {
		p := quota.Progress{Org: code, Year: year, On: on, Quota: tl.Quota, Admitted: tl.Admitted, Expected: expected}
		return office.TableRow{Level: level, Code: code, Name: name, Quota: p.Quota, Admitted: p.Admitted,
			Expected: p.Expected, Shortfall: p.Shortfall(), Status: l.status(p.Status()), Subtotal: subtotal}
	}
	seen := map[string]bool{}
	// walk adds an organization and its subtree, returning the subtree's sums.
	var walk func(o quota.Org, level int) (quota.Tally, int)
	walk = func(o quota.Org, level int) (quota.Tally, int) {
		seen[o.Code] = true
		own := tx.Tally(year, o.Code)
		exp := b.opts.Pace.Expected(own.Quota, year, on)
		t.Rows = append(t.Rows, row(level, o.Code, o.Name, own, exp, false))
		sum, sumExp := own, exp
		kids := children[o.Code]
		for _, c := range kids {
			if seen[c.Code] {
				continue
			}
			ct, ce := walk(c, level+1)
			sum.Quota += ct.Quota
			sum.Admitted += ct.Admitted
			sumExp += ce
		}
		if len(kids) > 0 {
			t.Rows = append(t.Rows, row(level, o.Code, o.Name, sum, sumExp, true))
		}
		return sum, sumExp
	}
	var total quota.Tally
	totalExp := 0
	for _, o := range children[""] {
		st, se := walk(o, 0)
		total.Quota += st.Quota
		total.Admitted += st.Admitted
		totalExp += se
	}
	t.Total = row(0, "", l.T("export_total"), total, totalExp, true)
	pipeline, err := b.pipelineSheet(tx, l, orgs, year)
	if err != nil {
		return t, err
	}
	rating, err := b.ratingSheet(tx, l, orgs, year)
	if err != nil {
		return t, err
	}
	t.Sheets = append(t.Sheets, pipeline, rating)
	if term, ok := CurrentTerm(tx, year); ok {
		ts, err := b.termSheet(tx, l, orgs, term, today)
		if err != nil {
			return t, err
		}
		t.Sheets = append(t.Sheets, ts)
	}
	decisions, err := decisionsSheet(tx, l, orgs, year)
	if err != nil {
		return t, err
	}
	years, err := yearsSheet(tx, l, year)
	if err != nil {
		return t, err
	}
	t.Sheets = append(t.Sheets, decisions, years)
	return t, nil
}

// termSheet is every organization with a quota for the term: the quota
// and its decision, the term so far against its pace, and each year's
// admissions, imported totals included.
func (b *Bot) termSheet(tx *storage.Tx, l lang, orgs []quota.Org, t quota.Term, today quota.Date) (office.Sheet, error) {
	on := t.AsOf(today)
	sh := office.Sheet{Name: l.T("sheet_term", t.String()), Headers: []string{l.T("col_code"), l.T("col_name"),
		l.T("col_term_quota"), l.T("col_decision"), l.T("col_decision_date"), l.T("col_admitted"), l.T("col_percent") + " (%)",
		l.T("col_expected"), l.T("col_shortfall"), l.T("col_status")}}
	last := min(t.To, max(on.Year, t.From))
	for y := t.From; y <= last; y++ {
		sh.Headers = append(sh.Headers, l.T("col_admitted")+" "+strconv.Itoa(y))
	}
	var total quota.Progress
	for _, o := range orgs {
		rec, err := tx.TermQuota(o.Code, t)
		if isNotFound(err) {
			continue
		} else if err != nil {
			return sh, err
		}
		p, _, err := b.TermProgress(tx, o.Code, []string{o.Code}, t, on)
		if err != nil {
			return sh, err
		}
		total.Quota += p.Quota
		total.Admitted += p.Admitted
		total.Expected += p.Expected
		var date any = ""
		if d := rec.Current.Decision.Date; !d.IsZero() {
			date = d.String()
		}
		row := []any{o.Code, o.Name, p.Quota, rec.Current.Decision.Number, date, p.Admitted, round1(p.Percent()),
			p.Expected, p.Shortfall(), l.status(p.Status())}
		for y := t.From; y <= last; y++ {
			c, err := tx.YearCount(y, o.Code)
			if err != nil {
				return sh, err
			}
			row = append(row, c.Admitted)
		}
		sh.Rows = append(sh.Rows, row)
	}
	sh.Rows = append(sh.Rows, []any{"", l.T("export_total"), total.Quota, "", "", total.Admitted, round1(total.Percent()),
		total.Expected, total.Shortfall()})
	return sh, nil
}

// decisionsSheet lists the year's quotas and every term quota with the
// decision that set each and the values earlier decisions had set.
func decisionsSheet(tx *storage.Tx, l lang, orgs []quota.Org, year int) (office.Sheet, error) {
	sh := office.Sheet{Name: l.T("sheet_decisions"), Headers: []string{l.T("col_code"), l.T("col_name"), l.T("col_period"),
		l.T("col_quota"), l.T("col_decision"), l.T("col_decision_date"), l.T("col_earlier")}}
	for _, o := range orgs {
		var recs []quota.QuotaRecord
		if rec, err := tx.YearQuota(year, o.Code); err == nil {
			recs = append(recs, rec)
		} else if !isNotFound(err) {
			return sh, err
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
			var date any = ""
			if d := rec.Current.Decision.Date; !d.IsZero() {
				date = d.String()
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
			sh.Rows = append(sh.Rows, []any{o.Code, o.Name, period, rec.Current.Quota, rec.Current.Decision.Number, date, strings.Join(earlier, "; ")})
		}
	}
	return sh, nil
}

// yearsSheet is the committee year by year up to the year: quota,
// admitted and where the figure comes from, the years before quotabot
// included.
func yearsSheet(tx *storage.Tx, l lang, year int) (office.Sheet, error) {
	sh := office.Sheet{Name: l.T("sheet_years"), Headers: []string{l.T("col_year"), l.T("col_quota"), l.T("col_admitted"),
		l.T("col_percent") + " (%)", l.T("col_source")}}
	first := earliestYear(tx)
	if first == 0 || first > year {
		return sh, nil
	}
	counts, err := YearCounts(tx, nil, quota.Term{From: max(first, year-30), To: year})
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
		sh.Rows = append(sh.Rows, []any{c.Year, q, c.Admitted, pct, l.countSource(c.Source)})
	}
	return sh, nil
}

func (l lang) countSource(s quota.CountSource) string {
	switch s {
	case quota.CountNamed:
		return l.T("source_named")
	case quota.CountTotal:
		return l.T("source_total")
	}
	return l.T("source_none")
}

// pipelineSheet lists each organization's candidates by source, the
// early warning and the conversion of the year's introductions.
func (b *Bot) pipelineSheet(tx *storage.Tx, l lang, orgs []quota.Org, year int) (office.Sheet, error) {
	sh := office.Sheet{Name: l.T("sheet_pipeline"), Headers: []string{l.T("col_code"), l.T("col_name")}}
	for _, s := range quota.Sources {
		sh.Headers = append(sh.Headers, l.source(s))
	}
	sh.Headers = append(sh.Headers, l.T("col_advanced"), l.T("col_at_risk"), l.T("col_intro_year"), l.T("col_admitted_from"), l.T("col_conversion")+" (%)")
	for _, o := range orgs {
		ps, err := pipelineStats(tx, []string{o.Code}, year)
		if err != nil {
			return sh, err
		}
		row := []any{o.Code, o.Name}
		for _, s := range quota.Sources {
			row = append(row, ps.BySource[s])
		}
		adv := tx.Advanced(o.Code)
		risk := ""
		if quota.AtRisk(tx.Tally(year, o.Code), adv) {
			risk = l.T("yes")
		}
		var conv any = ""
		if ps.Introduced > 0 {
			conv = round1(quota.Percent(ps.Admitted, ps.Introduced))
		}
		row = append(row, adv, risk, ps.Introduced, ps.Admitted, conv)
		sh.Rows = append(sh.Rows, row)
	}
	return sh, nil
}

// ratingSheet is the advisory rating table: achievement in bands, labelled
// as input to the rating, not a rating.
func (b *Bot) ratingSheet(tx *storage.Tx, l lang, orgs []quota.Org, year int) (office.Sheet, error) {
	sh := office.Sheet{Name: l.T("sheet_rating"), Headers: []string{l.T("col_code"), l.T("col_name"),
		l.T("col_quota"), l.T("col_admitted"), l.T("col_percent") + " (%)", l.T("col_band")}}
	note := stripTags(l.T("rating_head", strconv.Itoa(year)))
	sh.Rows = append(sh.Rows, []any{"", strings.ReplaceAll(note, "\n", " ")})
	for _, o := range orgs {
		t := tx.Tally(year, o.Code)
		if t.Quota <= 0 {
			continue
		}
		pct := quota.Percent(t.Admitted, t.Quota)
		sh.Rows = append(sh.Rows, []any{o.Code, o.Name, t.Quota, t.Admitted, round1(pct), stripTags(l.band(quota.Band(b.bands(), pct)))})
	}
	return sh, nil
}

// WriteTable writes the year's table as .xlsx or .csv (by format) in the
// language given ("vi" or "en").
func (b *Bot) WriteTable(w io.Writer, format, language string, year int) error {
	l := langFor(language)
	return b.db.View(func(tx *storage.Tx) error {
		t, err := b.buildTable(tx, l, year, b.today())
		if err != nil {
			return err
		}
		if format == "csv" {
			return office.WriteCSV(w, t)
		}
		return office.WriteXLSX(w, t)
	})
}

func (b *Bot) cmdExport(r *request) error {
	year, ok := yearArg(r.args, r.today)
	if !ok {
		r.reply(r.l.T("export_bad_year"))
		return nil
	}
	t, err := b.buildTable(r.tx, r.l, year, r.today)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := office.WriteXLSX(&buf, t); err != nil {
		return fmt.Errorf("writing the table of %d: %w", year, err)
	}
	r.queue(storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID,
		Text: r.l.T("export_caption", strconv.Itoa(year), quota.AsOf(year, r.today).String()),
		File: &storage.File{Name: fmt.Sprintf("ket-nap-%d.xlsx", year), Data: buf.Bytes()}})
	return nil
}

func (b *Bot) cmdChart(r *request) error {
	year, ok := yearArg(r.args, r.today)
	if !ok {
		r.reply(r.l.T("chart_bad_year"))
		return nil
	}
	on := quota.AsOf(year, r.today)
	var bars []office.Bar
	var total quota.Tally
	err := r.tx.EachTally(year, func(code string, t quota.Tally) error {
		if t.Quota <= 0 {
			return nil
		}
		total.Quota += t.Quota
		total.Admitted += t.Admitted
		bars = append(bars, office.Bar{Label: orgName(r.tx, code), Admitted: t.Admitted, Quota: t.Quota})
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(bars, func(i, j int) bool {
		return quota.Percent(bars[i].Admitted, bars[i].Quota) < quota.Percent(bars[j].Admitted, bars[j].Quota)
	})
	c := office.Chart{
		Title: r.l.T("chart_title", strconv.Itoa(year), on.String()),
		Bars:  bars, Total: office.Bar{Label: r.l.T("export_total"), Admitted: total.Admitted, Quota: total.Quota},
		ExpectedFraction: b.opts.Pace.Fraction(year, on),
		Labels:           office.ChartLabels{Percent: r.l.T("chart_percent"), Expected: r.l.T("chart_expected"), Total: r.l.T("export_total"), More: texts["chart_more"][r.l.idx]},
	}
	var buf bytes.Buffer
	if err := office.RenderChartPNG(&buf, c); err != nil {
		return fmt.Errorf("drawing the chart of %d: %w", year, err)
	}
	r.queue(storage.Outgoing{Kind: storage.KindPhoto, ChatID: r.chatID, Text: esc(c.Title),
		File: &storage.File{Name: fmt.Sprintf("tien-do-%d.png", year), Data: buf.Bytes()}})
	return nil
}

// round1 keeps one decimal, as the chat shows percentages.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
