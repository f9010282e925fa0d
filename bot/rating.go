package bot

import (
	"sort"
	"strconv"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// bands are the advisory rating bands, highest first.
func (b *Bot) bands() []quota.RatingBand { return bandsOf(b.opts) }

func bandsOf(opts Options) []quota.RatingBand {
	if len(opts.Bands) > 0 {
		return opts.Bands
	}
	return quota.DefaultBands
}

// band names a rating band: a default band in the language, a band of
// the configuration by its own label.
func band(l *texts.Lang, bd quota.RatingBand) string {
	if name, ok := l.Band(bd); ok {
		return name
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
		byBand[bd.Key()] = append(byBand[bd.Key()], p)
		return nil
	})
	return byBand, err
}

// maxRatingNames bounds the names listed per band in a chat reply.
const maxRatingNames = 15

func (b *Bot) cmdRating(r *request) error {
	year, err := quota.ParseYear(r.args, r.today)
	if err != nil {
		r.reply(reason(r.l, err) + "\n" + r.l.RatingBadYear)
		return nil
	}
	byBand, err := b.ratingRows(r.tx, year)
	if err != nil {
		return err
	}
	lines := []string{r.l.RatingHead(strconv.Itoa(year))}
	for _, bd := range b.bands() {
		ps := byBand[bd.Key()]
		sort.Slice(ps, func(i, j int) bool { return ps[i].Percent() > ps[j].Percent() })
		lines = append(lines, "", r.l.RatingBandLine(band(r.l, bd), r.l.Pct(bd.MinPercent), len(ps)))
		for i, p := range ps {
			if i == maxRatingNames {
				lines = append(lines, r.l.MoreLines(len(ps)-i))
				break
			}
			lines = append(lines, r.l.StatusChildItem(esc(orgName(r.tx, p.Org)), p.Admitted, p.Quota, r.l.Pct(p.Percent())))
		}
	}
	r.reply(strings.Join(lines, "\n"))
	return nil
}
