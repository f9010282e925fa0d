package bot

import (
	"errors"
	"strings"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
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
		r.reply(r.l.OfficialUsage)
		return nil
	}
	name, err := quota.NormalizeName(parts[0])
	if err != nil {
		r.reply(reason(r.l, err) + "\n\n" + r.l.OfficialUsage)
		return nil
	}
	day := r.today
	if len(parts) > 1 && strings.TrimSpace(parts[1]) != "" {
		if day, err = quota.ParseDate(parts[1]); err != nil {
			r.reply(reason(r.l, err) + "\n\n" + r.l.OfficialUsage)
			return nil
		}
	}
	number := ""
	if len(parts) > 2 {
		number = strings.Join(strings.Fields(parts[2]), " ")
		if len([]rune(number)) > quota.MaxDecisionRunes {
			r.reply(r.l.ErrBadDecision)
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
		r.reply(r.l.OfficialNotFound(esc(name)))
		return nil
	}
	var early *quota.RecognitionEarlyError
	switch err := quota.CheckRecognition(found.Date, day, r.today); {
	case errors.As(err, &early):
		r.reply(r.l.OfficialEarly(esc(found.Name), found.Date.String(), early.AllowedFrom.String()))
		return nil
	case err != nil:
		r.reply(r.l.OfficialFuture)
		return nil
	}
	a, err := r.tx.RecordOfficial(found.ID, quota.OfficialDecision{Date: day, Number: number, RecordedBy: r.from.ID, RecordedAt: r.now})
	if err != nil {
		return err
	}
	dec := ""
	if number != "" {
		dec = r.l.ReportDecision(esc(number))
	}
	r.reply(r.l.OfficialDone(esc(a.Name), day.String(), dec))
	return nil
}

// probationLines lists an organization's probations ending soon or
// overdue, for the secretary's /status.
func (b *Bot) probationLines(tx *storage.Tx, l *texts.Lang, org string, today quota.Date) ([]string, error) {
	var lines []string
	err := tx.EachProbationOf(org, today.AddDays(probationSoon), func(a quota.Admission) error {
		end := a.ProbationEnd()
		late := ""
		if end.Before(today) {
			late = l.ProbationOverdue
		}
		lines = append(lines, l.ProbationItem(esc(a.Name), a.Date.String(), end.String(), late))
		return nil
	})
	if err != nil || len(lines) == 0 {
		return nil, err
	}
	return append([]string{l.ProbationHead}, lines...), nil
}
