package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"quotabot/bot"
	"quotabot/config"
	"quotabot/quota"
	"quotabot/scheduler"
)

// botOptions turns the configuration into the bot's options; nothing
// below cmd reads the configuration.
func botOptions(cfg *config.Config, log *slog.Logger) bot.Options {
	pace := quota.Pace{Mode: quota.PaceLinear}
	for _, m := range cfg.Reminders.Milestones {
		pace.Milestones = append(pace.Milestones, quota.Milestone{Month: m.Month, Day: m.Day, Percent: float64(m.Percent)})
	}
	mode := quota.PaceLinear
	if cfg.Reminders.Mode == config.ModeQuota {
		mode = quota.PaceQuota
	}
	return bot.Options{
		Token:             cfg.Telegram.Token,
		APIURL:            cfg.Telegram.APIURL,
		Admins:            cfg.Admins,
		Location:          cfg.Location,
		Pace:              pace,
		Log:               log,
		PerSecond:         cfg.Sender.PerSecond,
		PerGroupPerMinute: cfg.Sender.PerGroupPerMinute,
		ClosingLine:       cfg.Reminders.ClosingLine,
		EscalateAfter:     cfg.Reminders.EscalateAfter,
		ReminderMode:      mode,
	}
}

func cmdServe(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	if err := cfg.RequireToken(); err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	db, err := openDB(cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := bot.New(db, botOptions(cfg, log))
	if err != nil {
		return err
	}
	sched, err := newScheduler(cfg, b, db, log)
	if err != nil {
		return err
	}
	log.Info("quotabot starting", "version", version, "database", db.Path())
	sched.Start(ctx)
	defer sched.Stop()
	if err := b.Run(ctx); err != nil {
		return fmt.Errorf("running the bot: %w", err)
	}
	log.Info("quotabot stopped")
	return nil
}

// newScheduler registers the jobs the configuration schedules. now, if
// given, is the scheduler's clock, so tests can place it after a missed run.
func newScheduler(cfg *config.Config, b *bot.Bot, store scheduler.RunStore, log *slog.Logger, now ...func() time.Time) (*scheduler.Scheduler, error) {
	var clock func() time.Time
	if len(now) > 0 {
		clock = now[0]
	}
	s := scheduler.New(cfg.Location, store, log, clock, cfg.Grace)
	for _, j := range cfg.Schedule.Jobs() {
		run := b.Job(j.Name)
		if run == nil || j.Spec == "" {
			continue
		}
		if err := s.Add(scheduler.Job{Name: j.Name, Spec: j.Spec, Run: run}); err != nil {
			return nil, fmt.Errorf("scheduling %s: %w", j.Name, err)
		}
	}
	return s, nil
}
