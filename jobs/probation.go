package jobs

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"quotabot/bot"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// Probation reminds secretaries ahead of each probation's end and on
// the day, then weekly while no decision is recorded, and names an overdue
// one to the organization's specialists once.
func (j *Jobs) Probation(ctx context.Context, scheduled time.Time) error {
	today := quota.DateOf(scheduled.In(j.opts.Location))
	ahead := j.opts.ProbationAhead
	if ahead <= 0 {
		ahead = 30
	}
	err := j.db.Update(func(tx *storage.Tx) error {
		ppl, err := j.loadPeople(tx)
		if err != nil {
			return err
		}
		now := j.now()
		from := quota.Date{Year: 1930, Month: 1, Day: 1}
		return tx.EachProbationEnding(from, today.AddDays(ahead), func(a quota.Admission) error {
			end := a.ProbationEnd()
			id := strconv.FormatUint(a.ID, 10)
			// The notice a secretary gets: ahead of the end, on the day, or
			// weekly once it is overdue.
			key, notice := "probation/ahead/"+id, func(l *texts.Lang) func(name, org, admitted, ends string) string { return l.ProbationAhead }
			switch {
			case end == today:
				key, notice = "probation/due/"+id, func(l *texts.Lang) func(name, org, admitted, ends string) string { return l.ProbationDue }
			case end.Before(today):
				week := (today.Time().Sub(end.Time()).Hours() / 24) / 7
				key = fmt.Sprintf("probation/late/%s/%d", id, int(week))
				notice = func(l *texts.Lang) func(name, org, admitted, ends string) string { return l.ProbationLate }
			}
			org := bot.OrgName(tx, a.Org)
			for _, u := range ppl.secretaries[a.Org] {
				text := notice(texts.For(u.Lang))(bot.Esc(a.Name), bot.Esc(org), a.Date.String(), end.String())
				if _, err := enqueueOnce(tx, key, u, text, now); err != nil {
					return err
				}
			}
			if !end.Before(today) {
				return nil
			}
			return ppl.toSpecialistsOf(tx.Lineage(a.Org), func(u quota.User, l *texts.Lang) error {
				text := l.ProbationEscalate(bot.Esc(org), bot.Esc(a.Org), bot.Esc(a.Name), end.String())
				_, err := enqueueOnce(tx, "probation/escalate/"+id, u, text, now)
				return err
			})
		})
	})
	if err != nil {
		return fmt.Errorf("queueing probation reminders: %w", err)
	}
	j.sender.Wake()
	return nil
}

// enqueueOnce queues a message to a user that is sent once ever for key.
func enqueueOnce(tx *storage.Tx, key string, u quota.User, text string, now time.Time) (bool, error) {
	return tx.Enqueue(storage.PriorityBulk, storage.Outgoing{
		Kind: storage.KindMessage, ChatID: chatOfUser(u), Text: text, QueuedAt: now,
		DedupeKey: key + "/" + strconv.FormatInt(u.ID, 10),
	})
}
