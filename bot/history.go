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

// maxHistoryYears bounds the years /history lists by default: the chart
// keeps what a phone shows legibly.
const maxHistoryYears = 25

// cmdHistory is /history [<org>] [<from-to>] (alias /lichsu): admitted
// against quota year by year for the committee or an organization and its
// subtree, the years before quotabot included and marked as totals, with
// the average of the years before this one, and the same as a chart.
func (b *Bot) cmdHistory(r *request) error {
	var code string
	var span quota.Term
	for _, f := range strings.Fields(r.args) {
		if t, err := quota.ParseTerm(f); err == nil {
			span = t
			continue
		}
		if termWord(f) {
			continue
		}
		if code != "" || termLike.MatchString(f) || quota.ValidateCode(f) != nil {
			r.reply(r.l.HistoryBadArgs)
			return nil
		}
		code = f
	}
	code, ok := r.secretaryScope(code)
	if !ok {
		return nil
	}
	var codes []string
	who := r.l.HistoryCommittee
	if code != "" {
		org, err := r.tx.Org(code)
		if err != nil {
			r.reply(r.l.UnknownOrg(esc(code)))
			return nil
		}
		codes = r.tx.Subtree(code)
		who = org.Name
	}
	if span.IsZero() {
		first := r.tx.EarliestYear()
		if first == 0 {
			r.reply(r.l.HistoryEmpty)
			return nil
		}
		span = quota.Term{From: max(min(first, r.today.Year), r.today.Year-maxHistoryYears+1), To: r.today.Year}
	}
	rows, err := b.yearRows(r.tx, codes, span, r.today)
	if err != nil {
		return err
	}
	lines := []string{r.l.HistoryHead(esc(who))}
	var bars []office.YearBar
	for _, row := range rows {
		c := row.Admitted
		ys := strconv.Itoa(row.Year)
		if row.Quota > 0 {
			lines = append(lines, r.l.StatusYearItem(ys, c.Admitted, row.Quota, r.l.Pct(quota.Percent(c.Admitted, row.Quota)), totalMark(r.l, c)))
		} else {
			lines = append(lines, r.l.StatusYearItemNq(ys, c.Admitted, totalMark(r.l, c)))
		}
		bars = append(bars, office.YearBar{Year: row.Year, Quota: row.Quota, Admitted: c.Admitted, Total: c.Source == quota.CountTotal})
	}
	chart := office.YearChart{
		Title: r.l.HistoryChartTitle(who),
		Years: bars,
		Labels: office.YearLabels{Quota: r.l.HistoryChartQuota, Admitted: r.l.HistoryChartNamed,
			Total: r.l.HistoryChartTotal, Count: r.l.HistoryChartCount},
	}
	// The average of the years before the last one shown, as /status says it.
	before := quota.Term{From: span.From, To: span.To - 1}
	if span.To > span.From {
		var counts []quota.YearCount
		for _, row := range rows {
			counts = append(counts, row.Admitted)
		}
		avg := quota.NewAverage(before, counts)
		if avg.Known > 0 {
			lines = append(lines, "", priorLine(r.l, avg))
			chart.Average = avg.PerYear()
			chart.Labels.Average = r.l.HistoryChartAvg(before.String(), r.l.Dec1(avg.PerYear()))
		}
	}
	r.reply(strings.Join(lines, "\n"))
	var buf bytes.Buffer
	if err := office.RenderYearChartPNG(&buf, chart); err != nil {
		return fmt.Errorf("drawing the chart of years %s: %w", span, err)
	}
	r.queue(storage.Outgoing{Kind: storage.KindPhoto, ChatID: r.chatID, Text: esc(chart.Title),
		File: &storage.File{Name: fmt.Sprintf("ket-nap-%s.png", span), Data: buf.Bytes()}})
	return nil
}

// yearRow is one year of /history: the quota and what was admitted.
type yearRow struct {
	Year     int
	Quota    int
	Admitted quota.YearCount
}

// yearRows are the years of the span, for the organizations given or,
// with codes nil, the whole committee.
func (b *Bot) yearRows(tx *storage.Tx, codes []string, span quota.Term, today quota.Date) ([]yearRow, error) {
	counts, err := b.yearCounts(tx, codes, span)
	if err != nil {
		return nil, err
	}
	rows := make([]yearRow, 0, len(counts))
	for _, c := range counts {
		q, err := b.yearQuota(tx, codes, c.Year, today)
		if err != nil {
			return nil, err
		}
		rows = append(rows, yearRow{Year: c.Year, Quota: q, Admitted: c})
	}
	return rows, nil
}
