package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"quotabot/quota"
	"quotabot/storage"
)

// Reminders queues a reminder run inside the caller's transaction. The
// jobs package provides it, so /remind runs exactly what the schedule
// runs.
type Reminders interface {
	QueueReminders(tx *storage.Tx, run string, on quota.Date, now time.Time) (RemindResult, error)
}

// RemindResult is what a reminder run did.
type RemindResult struct {
	Orgs        int      // organizations behind
	Queued      int      // reminders queued
	NoSecretary []string // organizations behind with no registered secretary
	Blocked     []string // organizations behind whose secretaries all blocked the bot
}

// SetReminders gives /remind the reminder run.
func (b *Bot) SetReminders(r Reminders) { b.reminders = r }

func (b *Bot) cmdRemind(r *request) error {
	if b.reminders == nil {
		return errors.New("running /remind: no reminder run was given to the chat")
	}
	// A manual run is its own run, named by its update, so a repeated
	// delivery of the same /remind cannot queue twice.
	res, err := b.reminders.QueueReminders(r.tx, "remind@update:"+strconv.FormatInt(r.upd.ID, 10), r.today, r.now)
	if err != nil {
		return err
	}
	text := r.l.RemindDone(res.Queued, res.Orgs)
	if held := b.opts.BulkHeldUntil; held != nil && res.Queued > 0 {
		// Queued now, sent when the quiet hours or the day off end.
		if until := held(r.now); !until.IsZero() {
			text += "\n" + r.l.RemindHeld(until.In(b.opts.Location).Format("15:04 02/01/2006"))
		}
	}
	if len(res.NoSecretary) > 0 {
		codes := res.NoSecretary
		if len(codes) > 20 {
			codes = append(codes[:20:20], "…")
		}
		text += "\n" + r.l.RemindNoSecretary(len(res.NoSecretary), esc(strings.Join(codes, ", ")))
	}
	if len(res.Blocked) > 0 {
		codes := res.Blocked
		if len(codes) > 20 {
			codes = append(codes[:20:20], "…")
		}
		text += "\n" + r.l.RemindBlocked(len(res.Blocked), esc(strings.Join(codes, ", ")))
	}
	r.reply(text)
	return nil
}
