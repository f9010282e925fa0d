package bot

import (
	"strconv"
	"strings"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// status names a standing in the table; over the quota reads "vượt chỉ
// tiêu" rather than met.
func status(l *texts.Lang, p quota.Progress) string {
	switch p.Status() {
	case quota.StatusMet:
		if p.Admitted > p.Quota {
			return l.StExceeded
		}
		return l.StMet
	case quota.StatusOnPace:
		return l.StOnPace
	case quota.StatusBehind:
		return l.StBehind
	}
	return l.StNoQuota
}

// tableWords are the words of the year's table in the language.
func tableWords(l *texts.Lang, year int, on quota.Date) office.TableWords {
	w := office.TableWords{
		Title: l.ExportTitle(strconv.Itoa(year), on.String()),
		Headers: []string{l.ColCode, l.ColName, l.ColQuota, l.ColAdmitted,
			l.ColPercent, l.ColExpected, l.ColShortfall, l.ColStatus},
		Total:    l.ExportTotal,
		Status:   func(p quota.Progress) string { return status(l, p) },
		Yes:      l.Yes,
		Band:     func(bd quota.RatingBand) string { return stripTags(band(l, bd)) },
		Pipeline: office.SheetWords{Name: l.SheetPipeline, Headers: []string{l.ColCode, l.ColName}},
		Rating: office.SheetWords{Name: l.SheetRating, Headers: []string{l.ColCode, l.ColName,
			l.ColQuota, l.ColAdmitted, l.ColPercent + " (%)", l.ColBand},
			Note: strings.ReplaceAll(stripTags(l.RatingHead(strconv.Itoa(year))), "\n", " ")},
		Own:      l.ExportOwn,
		Subtotal: l.ExportSubtotal,
		Admissions: office.SheetWords{Name: l.SheetAdmissions, Headers: []string{l.ColCode, l.ColName,
			l.ColPerson, l.ColAdmissionDate, l.ColDecisionNo, l.ColReporter, l.ColReportedAt, l.ColRetracted, l.ColCorrections}},
		Field: func(f quota.Field) string { return l.Fields[f] },
	}
	for _, s := range quota.Sources {
		w.Pipeline.Headers = append(w.Pipeline.Headers, l.Source(s))
	}
	w.Pipeline.Headers = append(w.Pipeline.Headers, l.ColAdvanced, l.ColAtRisk, l.ColIntroYear, l.ColAdmittedFrom, l.ColConversion+" (%)")
	w.Terms = office.TermWords{
		Term: func(t quota.Term) office.SheetWords {
			return office.SheetWords{Name: l.SheetTerm(t.String()), Headers: []string{l.ColCode, l.ColName,
				l.ColTermQuota, l.ColDecision, l.ColDecisionDate, l.ColAdmitted, l.ColPercent + " (%)",
				l.ColExpected, l.ColShortfall, l.ColStatus}}
		},
		AdmittedIn: func(year int) string { return l.ColAdmitted + " " + strconv.Itoa(year) },
		Decisions: office.SheetWords{Name: l.SheetDecisions, Headers: []string{l.ColCode, l.ColName, l.ColPeriod,
			l.ColQuota, l.ColDecision, l.ColDecisionDate, l.ColEarlier}},
		Years: office.SheetWords{Name: l.SheetYears, Headers: []string{l.ColYear, l.ColQuota, l.ColAdmitted,
			l.ColPercent + " (%)", l.ColSource}},
		Source: func(s quota.CountSource) string { return countSource(l, s) },
	}
	return w
}

func countSource(l *texts.Lang, s quota.CountSource) string {
	switch s {
	case quota.CountNamed:
		return l.SourceNamed
	case quota.CountTotal:
		return l.SourceTotal
	}
	return l.SourceNone
}

// TableSpec is what the year's table needs, in the language given ("vi"
// or "en"), for `quotabot export`.
func TableSpec(opts Options, language string, year int, today quota.Date) office.TableSpec {
	return tableSpec(opts, texts.For(language), year, today)
}

func tableSpec(opts Options, l *texts.Lang, year int, today quota.Date) office.TableSpec {
	return office.TableSpec{Year: year, Today: today, Pace: opts.Pace, Bands: bandsOf(opts), Zone: opts.Location,
		Words: tableWords(l, year, quota.AsOf(year, today))}
}

// cmdExport queues the year's table; it is drawn when sent (render.go).
func (b *Bot) cmdExport(r *request) error {
	year, err := quota.ParseYear(r.args, r.today)
	if err != nil {
		r.reply(reason(r.l, err) + "\n" + r.l.ExportBadYear)
		return nil
	}
	r.queue(storage.Outgoing{Kind: storage.KindDocument, ChatID: r.chatID,
		Text:   r.l.ExportCaption(strconv.Itoa(year), quota.AsOf(year, r.today).String()),
		File:   &storage.File{Name: r.l.ExportFile(strconv.Itoa(year)) + ".xlsx"},
		Render: &storage.Render{What: storage.RenderTable, Year: year, On: r.today, Lang: r.l.Code()}})
	return nil
}
