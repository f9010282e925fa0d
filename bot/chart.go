package bot

import (
	"sort"
	"strconv"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// cmdChart queues the year's chart; it is drawn when sent (render.go).
func (b *Bot) cmdChart(r *request) error {
	year, err := quota.ParseYear(r.args, r.today)
	if err != nil {
		r.reply(reason(r.l, err) + "\n" + r.l.ChartBadYear)
		return nil
	}
	r.queue(storage.Outgoing{Kind: storage.KindPhoto, ChatID: r.chatID, Text: esc(chartTitle(r.l, year, r.today)),
		File:   &storage.File{Name: r.l.ChartFile(strconv.Itoa(year)) + ".png"},
		Render: &storage.Render{What: storage.RenderChart, Year: year, On: r.today, Lang: r.l.Code()}})
	return nil
}

func chartTitle(l *texts.Lang, year int, today quota.Date) string {
	return l.ChartTitle(strconv.Itoa(year), quota.AsOf(year, today).String())
}

// chart is the year's chart: every organization with a quota, the least
// done first, and the committee's total.
func chart(tx *storage.Tx, opts Options, l *texts.Lang, year int, today quota.Date) (office.Chart, error) {
	on := quota.AsOf(year, today)
	var bars []office.Bar
	var total quota.Tally
	inactive := tx.Deactivated()
	err := tx.EachTally(year, func(code string, t quota.Tally) error {
		if t.Quota <= 0 || !inactive.Counts(code, on) {
			return nil
		}
		total.Quota += t.Quota
		total.Admitted += t.Admitted
		bars = append(bars, office.Bar{Label: orgName(tx, code), Admitted: t.Admitted, Quota: t.Quota})
		return nil
	})
	if err != nil {
		return office.Chart{}, err
	}
	sort.SliceStable(bars, func(i, j int) bool {
		return quota.Percent(bars[i].Admitted, bars[i].Quota) < quota.Percent(bars[j].Admitted, bars[j].Quota)
	})
	return office.Chart{
		Title: chartTitle(l, year, today),
		Bars:  bars, Total: office.Bar{Label: l.ExportTotal, Admitted: total.Admitted, Quota: total.Quota},
		ExpectedFraction: opts.Pace.Fraction(year, on),
		Labels:           office.ChartLabels{Percent: l.ChartPercent, Expected: l.ChartExpected, Total: l.ExportTotal, More: l.ChartMore},
	}, nil
}
