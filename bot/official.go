package bot

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
)

// probationSoon is how far ahead a secretary's /status lists probations.
const probationSoon = 60

// cmdOfficial records the decision recognizing a probationary member as an
// official member: "/official name; dd/mm/yyyy; decision number".
func (b *Bot) cmdOfficial(r *request) error {
	org, ok := b.secretaryOrg(r)
	if !ok {
		return nil
	}
	parts := strings.Split(r.args, ";")
	if strings.TrimSpace(r.args) == "" || len(parts) > 3 {
		r.reply(r.l.T("official_usage"))
		return nil
	}
	name, err := quota.NormalizeName(parts[0])
	if err != nil {
		r.reply(r.l.reason(err) + "\n\n" + r.l.T("official_usage"))
		return nil
	}
	day := r.today
	if len(parts) > 1 && strings.TrimSpace(parts[1]) != "" {
		if day, err = quota.ParseDate(parts[1]); err != nil {
			r.reply(r.l.reason(err) + "\n\n" + r.l.T("official_usage"))
			return nil
		}
	}
	number := ""
	if len(parts) > 2 {
		number = strings.Join(strings.Fields(parts[2]), " ")
		if len([]rune(number)) > quota.MaxDecisionRunes {
			r.reply(r.l.T("err_bad_decision"))
			return nil
		}
	}
	// The pending probations of one organization are few; the name picks
	// one, the earliest first when two share it.
	var found *quota.Admission
	key := quota.SearchKey(name)
	far := r.today.AddDays(3 * 366)
	err = r.tx.EachProbationOf(org.Code, far, func(a quota.Admission) error {
		if found == nil && quota.SearchKey(a.Name) == key {
			found = &a
		}
		return nil
	})
	if err != nil {
		return err
	}
	if found == nil {
		r.reply(r.l.T("official_not_found", esc(name)))
		return nil
	}
	var early *quota.RecognitionEarlyError
	switch err := quota.CheckRecognition(found.Date, day, r.today); {
	case errors.As(err, &early):
		r.reply(r.l.T("official_early", esc(found.Name), found.Date.String(), early.AllowedFrom.String()))
		return nil
	case err != nil:
		r.reply(r.l.T("official_future"))
		return nil
	}
	a, err := r.tx.RecordOfficial(found.ID, quota.OfficialDecision{Date: day, Number: number, RecordedBy: r.from.ID, RecordedAt: r.now})
	if err != nil {
		return err
	}
	dec := ""
	if number != "" {
		dec = r.l.T("report_decision", esc(number))
	}
	r.reply(r.l.T("official_done", esc(a.Name), day.String(), dec))
	return nil
}

// probationLines lists an organization's probations ending soon or
// overdue, for the secretary's /status.
func (b *Bot) probationLines(tx *storage.Tx, l lang, org string, today quota.Date) ([]string, error) {
	var lines []string
	err := tx.EachProbationOf(org, today.AddDays(probationSoon), func(a quota.Admission) error {
		end := a.ProbationEnd()
		late := ""
		if end.Before(today) {
			late = l.T("probation_overdue")
		}
		lines = append(lines, l.T("probation_item", esc(a.Name), a.Date.String(), end.String(), late))
		return nil
	})
	if err != nil || len(lines) == 0 {
		return nil, err
	}
	return append([]string{l.T("probation_head")}, lines...), nil
}

// bands are the advisory rating bands, highest first.
func (b *Bot) bands() []quota.RatingBand {
	if len(b.opts.Bands) > 0 {
		return b.opts.Bands
	}
	return quota.DefaultBands
}

func (l lang) band(bd quota.RatingBand) string {
	if _, ok := texts[bd.Label]; ok {
		return l.T(bd.Label)
	}
	return esc(bd.Label)
}

// ratingRows puts each organization with a quota in its advisory band.
func (b *Bot) ratingRows(tx *storage.Tx, year int) (map[string][]quota.Progress, error) {
	on := quota.Date{Year: year, Month: 12, Day: 31}
	byBand := map[string][]quota.Progress{}
	inactive := tx.Deactivated()
	err := tx.EachTally(year, func(code string, t quota.Tally) error {
		if t.Quota <= 0 || !inactive.Counts(code, on) {
			return nil
		}
		p := quota.NewProgress(code, year, on, t, b.opts.Pace)
		bd := quota.Band(b.bands(), p.Percent())
		byBand[bd.Label] = append(byBand[bd.Label], p)
		return nil
	})
	return byBand, err
}

// maxRatingNames bounds the names listed per band in a chat reply.
const maxRatingNames = 15

func (b *Bot) cmdRating(r *request) error {
	year, err := quota.ParseYear(r.args, r.today)
	if err != nil {
		r.reply(r.l.reason(err) + "\n" + r.l.T("rating_bad_year"))
		return nil
	}
	byBand, err := b.ratingRows(r.tx, year)
	if err != nil {
		return err
	}
	lines := []string{r.l.T("rating_head", strconv.Itoa(year))}
	for _, bd := range b.bands() {
		ps := byBand[bd.Label]
		sort.Slice(ps, func(i, j int) bool { return ps[i].Percent() > ps[j].Percent() })
		lines = append(lines, "", r.l.T("rating_band_line", r.l.band(bd), r.l.Pct(bd.MinPercent), len(ps)))
		for i, p := range ps {
			if i == maxRatingNames {
				lines = append(lines, r.l.T("more_lines", len(ps)-i))
				break
			}
			lines = append(lines, r.l.T("status_child_item", esc(orgName(r.tx, p.Org)), p.Admitted, p.Quota, r.l.Pct(p.Percent())))
		}
	}
	r.reply(strings.Join(lines, "\n"))
	return nil
}
