package bot

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
)

func (b *Bot) cmdChart(r *request) error {
	year, ok := yearArg(r.args, r.today)
	if !ok {
		r.reply(r.l.ChartBadYear)
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
		Title: r.l.ChartTitle(strconv.Itoa(year), on.String()),
		Bars:  bars, Total: office.Bar{Label: r.l.ExportTotal, Admitted: total.Admitted, Quota: total.Quota},
		ExpectedFraction: b.opts.Pace.Fraction(year, on),
		Labels:           office.ChartLabels{Percent: r.l.ChartPercent, Expected: r.l.ChartExpected, Total: r.l.ExportTotal, More: r.l.ChartMore},
	}
	var buf bytes.Buffer
	if err := office.RenderChartPNG(&buf, c); err != nil {
		return fmt.Errorf("drawing the chart of %d: %w", year, err)
	}
	r.queue(storage.Outgoing{Kind: storage.KindPhoto, ChatID: r.chatID, Text: esc(c.Title),
		File: &storage.File{Name: fmt.Sprintf("tien-do-%d.png", year), Data: buf.Bytes()}})
	return nil
}
