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
		Own:      func(name string) string { return l.T("export_own", name) },
		Subtotal: func(name string) string { return l.T("export_subtotal", name) },
		Admissions: office.SheetWords{Name: l.T("sheet_admissions"), Headers: []string{l.T("col_code"), l.T("col_name"),
			l.T("col_person"), l.T("col_date"), l.T("col_decision_no"), l.T("col_reporter"), l.T("col_reported_at"),
			l.T("col_retracted"), l.T("col_corrections")}},
		Field: l.field,
	}
	for _, s := range quota.Sources {
		w.Pipeline.Headers = append(w.Pipeline.Headers, l.source(s))
	}
	w.Pipeline.Headers = append(w.Pipeline.Headers, l.T("col_advanced"), l.T("col_at_risk"), l.T("col_intro_year"), l.T("col_admitted_from"), l.T("col_conversion")+" (%)")
	return w
}

// TableSpec is what the year's table needs, in the language given ("vi"
// or "en"), for `quotabot export`.
func TableSpec(opts Options, language string, year int, today quota.Date) office.TableSpec {
	return office.TableSpec{Year: year, Today: today, Pace: opts.Pace, Bands: bandsOf(opts), Zone: opts.Location,
		Words: tableWords(langFor(language), year, quota.AsOf(year, today))}
}

func (b *Bot) tableSpec(l lang, year int, today quota.Date) office.TableSpec {
	return office.TableSpec{Year: year, Today: today, Pace: b.opts.Pace, Bands: b.bands(), Zone: b.opts.Location,
		Words: tableWords(l, year, quota.AsOf(year, today))}
}

func (b *Bot) cmdExport(r *request) error {
	year, err := quota.ParseYear(r.args, r.today)
	if err != nil {
		r.reply(r.l.reason(err) + "\n" + r.l.T("export_bad_year"))
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
