package bot

import (
	"bytes"
	"fmt"
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

// tableWords are the words of the year's table in the language.
func tableWords(l lang, year int, on quota.Date) office.TableWords {
	w := office.TableWords{
		Title: l.T("export_title", strconv.Itoa(year), on.String()),
		Headers: []string{l.T("col_code"), l.T("col_name"), l.T("col_quota"), l.T("col_admitted"),
			l.T("col_percent"), l.T("col_expected"), l.T("col_shortfall"), l.T("col_status")},
		Total:    l.T("export_total"),
		Status:   l.status,
		Yes:      l.T("yes"),
		Band:     func(bd quota.RatingBand) string { return stripTags(l.band(bd)) },
		Pipeline: office.SheetWords{Name: l.T("sheet_pipeline"), Headers: []string{l.T("col_code"), l.T("col_name")}},
		Rating: office.SheetWords{Name: l.T("sheet_rating"), Headers: []string{l.T("col_code"), l.T("col_name"),
			l.T("col_quota"), l.T("col_admitted"), l.T("col_percent") + " (%)", l.T("col_band")},
			Note: strings.ReplaceAll(stripTags(l.T("rating_head", strconv.Itoa(year))), "\n", " ")},
	}
	for _, s := range quota.Sources {
		w.Pipeline.Headers = append(w.Pipeline.Headers, l.source(s))
	}
	w.Pipeline.Headers = append(w.Pipeline.Headers, l.T("col_advanced"), l.T("col_at_risk"), l.T("col_intro_year"), l.T("col_admitted_from"), l.T("col_conversion")+" (%)")
	w.Terms = office.TermWords{
		Term: func(t quota.Term) office.SheetWords {
			return office.SheetWords{Name: l.T("sheet_term", t.String()), Headers: []string{l.T("col_code"), l.T("col_name"),
				l.T("col_term_quota"), l.T("col_decision"), l.T("col_decision_date"), l.T("col_admitted"), l.T("col_percent") + " (%)",
				l.T("col_expected"), l.T("col_shortfall"), l.T("col_status")}}
		},
		AdmittedIn: func(year int) string { return l.T("col_admitted") + " " + strconv.Itoa(year) },
		Decisions: office.SheetWords{Name: l.T("sheet_decisions"), Headers: []string{l.T("col_code"), l.T("col_name"), l.T("col_period"),
			l.T("col_quota"), l.T("col_decision"), l.T("col_decision_date"), l.T("col_earlier")}},
		Years: office.SheetWords{Name: l.T("sheet_years"), Headers: []string{l.T("col_year"), l.T("col_quota"), l.T("col_admitted"),
			l.T("col_percent") + " (%)", l.T("col_source")}},
		Source: l.countSource,
	}
	return w
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

// TableSpec is what the year's table needs, in the language given ("vi"
// or "en"), for `quotabot export`.
func TableSpec(opts Options, language string, year int, today quota.Date) office.TableSpec {
	return office.TableSpec{Year: year, Today: today, Pace: opts.Pace, Bands: bandsOf(opts),
		Words: tableWords(langFor(language), year, quota.AsOf(year, today))}
}

func (b *Bot) tableSpec(l lang, year int, today quota.Date) office.TableSpec {
	return office.TableSpec{Year: year, Today: today, Pace: b.opts.Pace, Bands: b.bands(),
		Words: tableWords(l, year, quota.AsOf(year, today))}
}

func (b *Bot) cmdExport(r *request) error {
	year, ok := yearArg(r.args, r.today)
	if !ok {
		r.reply(r.l.T("export_bad_year"))
		return nil
	}
	t, err := office.BuildTable(r.tx, b.tableSpec(r.l, year, r.today))
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
