// Package app puts quotabot's parts together on one database: the chat
// (bot), the outbox sender, the scheduled jobs and the transport that
// runs them. cmd and the test harness build the bot the same way here.
package app

import (
	"quotabot/bot"
	"quotabot/jobs"
	"quotabot/sender"
	"quotabot/storage"
	"quotabot/transport"
)

// Options are the chat's options and what only the jobs need.
type Options struct {
	bot.Options
	BackupDir   string // where the backups job writes
	KeepBackups int    // how many backups it keeps
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
		PerSecond: o.PerSecond, PerGroupPerMinute: o.PerGroupPerMinute, Renderer: bot.NewRenderer(db, o)})
	b := bot.New(db, api, snd, o)
	j := jobs.New(db, b, snd, jobs.Options{
		Admins: o.Admins, Location: o.Location, Pace: o.Pace, Now: o.Now, Log: o.Log,
		ClosingLine: o.ClosingLine, EscalateAfter: o.EscalateAfter, ReminderMode: o.ReminderMode,
		RemindBy:       o.RemindBy,
		ProbationAhead: o.ProbationAhead, BackupDir: opts.BackupDir, KeepBackups: opts.KeepBackups,
	})
	b.SetReminders(j)
	t := transport.New(db, api, b, snd, transport.Options{Token: o.Token, APIURL: o.APIURL,
		PollTimeout: o.PollTimeout, HTTPClient: o.HTTPClient, Log: o.Log, Now: o.Now})
	return &App{Bot: b, Sender: snd, Jobs: j, Transport: t}, nil
}
