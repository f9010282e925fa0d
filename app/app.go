// Package app puts quotabot's parts together on one database: the chat
// (bot), the outbox sender, the scheduled jobs and the transport that
// runs them. cmd and the test harness build the bot the same way here.
package app

import (
	"context"
	"time"

	"quotabot/bot"
	"quotabot/jobs"
	"quotabot/scheduler"
	"quotabot/sender"
	"quotabot/storage"
	"quotabot/transport"
)

// Options are the chat's options and what only the jobs need.
type Options struct {
	bot.Options
	BackupDir   string // where the backups job writes
	KeepBackups int    // how many backups it keeps
	// Sleep is the transport's wait before retrying Telegram; nil is the
	// real clock.
	Sleep func(ctx context.Context, d time.Duration) error
	// Quiet holds bulk messages (reminders, digests) already queued at
	// night and on days off, as the scheduler holds the runs that queue
	// them. The zero value holds nothing.
	Quiet scheduler.Quiet
}

// App is a quotabot ready to run.
type App struct {
	Bot       *bot.Bot
	Sender    *sender.Sender
	Jobs      *jobs.Jobs
	Transport *transport.Transport
}

// New builds every part; nothing touches the network until Transport runs.
func New(db *storage.DB, opts Options) (*App, error) {
	o := opts.Options
	o.Defaults()
	api, err := transport.NewAPI(o.Token, o.APIURL, o.PollTimeout, o.HTTPClient, o.Log)
	if err != nil {
		return nil, err
	}
	snd := sender.New(db, api, sender.Options{Token: o.Token, Log: o.Log, Metrics: o.Metrics,
		PerSecond: o.PerSecond, PerGroupPerMinute: o.PerGroupPerMinute, HoldBulk: holdBulk(opts.Quiet, o.Now, o.Location),
		Renderer: bot.NewRenderer(db, o)})
	if q, loc := opts.Quiet, o.Location; holdBulk(q, o.Now, loc) != nil {
		o.BulkHeldUntil = func(now time.Time) time.Time {
			if t := now.In(loc); q.Holds(t) {
				return q.NextAllowed(t)
			}
			return time.Time{}
		}
	}
	o.Sleep = opts.Sleep
	b := bot.New(db, api, snd, o)
	j := jobs.New(db, b, snd, jobs.Options{
		Admins: o.Admins, Location: o.Location, Pace: o.Pace, Now: o.Now, Log: o.Log,
		ClosingLine: o.ClosingLine, EscalateAfter: o.EscalateAfter, ReminderMode: o.ReminderMode,
		RemindBy:       o.RemindBy,
		ProbationAhead: o.ProbationAhead, BackupDir: opts.BackupDir, KeepBackups: opts.KeepBackups,
	})
	b.SetReminders(j)
	t := transport.New(db, api, b, snd, transport.Options{Token: o.Token, APIURL: o.APIURL,
		PollTimeout: o.PollTimeout, HTTPClient: o.HTTPClient, Log: o.Log, Now: o.Now, Metrics: o.Metrics, Sleep: opts.Sleep})
	return &App{Bot: b, Sender: snd, Jobs: j, Transport: t}, nil
}

// holdBulk is how long bulk messages still wait in the quiet times, on
// the chat's clock.
func holdBulk(q scheduler.Quiet, now func() time.Time, loc *time.Location) func() time.Duration {
	if q.From == q.To && len(q.DaysOff) == 0 && len(q.Holidays) == 0 {
		return nil
	}
	return func() time.Duration {
		t := now().In(loc)
		return q.NextAllowed(t).Sub(t)
	}
}
