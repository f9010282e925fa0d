package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"quotabot/app"
	"quotabot/bot"
	"quotabot/config"
	"quotabot/jobs"
	"quotabot/metrics"
	"quotabot/quota"
	"quotabot/scheduler"
	"quotabot/storage"
)

// botOptions turns the configuration into the bot's options; nothing
// below cmd reads the configuration.
func botOptions(cfg *config.Config, log *slog.Logger) app.Options {
	pace := quota.Pace{Mode: quota.PaceLinear}
	for _, m := range cfg.Reminders.Milestones {
		pace.Milestones = append(pace.Milestones, quota.Milestone{Month: m.Month, Day: m.Day, Percent: float64(m.Percent)})
	}
	var bands []quota.RatingBand
	for _, b := range cfg.Rating.Bands {
		bands = append(bands, quota.RatingBand{MinPercent: b.MinPercent, Label: b.Label})
	}
	mode := quota.PaceLinear
	if cfg.Reminders.Mode == config.ModeQuota {
		mode = quota.PaceQuota
	}
	return app.Options{BackupDir: backupDir(cfg), KeepBackups: cfg.Storage.KeepBackups, Options: bot.Options{
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
		RemindBy:          quota.Driver(cfg.Reminders.By),
		ProbationAhead:    cfg.Reminders.ProbationAheadDays,
		Bands:             bands,
		Letter:            letterHead(cfg.Report),
		WebAppURL:         cfg.WebApp.URL,
	}}
}

// healthMaxAge is how long without word from Telegram before /healthz
// asks it directly; a long poll answers at least every 30 seconds.
const healthMaxAge = time.Minute

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
	gc := app.TuneGC(os.Getenv)
	db, err := openDB(cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := metrics.New(reg, dbGauges(db))
	opts := botOptions(cfg, log)
	// Only the real bot keeps quiet hours: the console answers whenever
	// its operator types.
	opts.Quiet = cfg.Quiet.Times
	opts.Metrics = m
	a, err := app.New(db, opts)
	if err != nil {
		return err
	}
	sched, err := newScheduler(cfg, a.Jobs, db, log, m, nil)
	if err != nil {
		return err
	}
	log.Info("quotabot starting", "version", version, "database", db.Path(), "schema", storage.SchemaVersion, "gc_percent", gc)

	if cfg.HTTP.Listen != "" {
		mux := http.NewServeMux()
		mux.Handle("/healthz", a.Transport.HealthHandler(healthMaxAge))
		mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
		if cfg.WebApp.URL != "" {
			h := dashboard(db, a, cfg.Telegram.Token, cfg.WebApp.MaxAgeDuration, time.Now, log)
			if err := mountDashboard(mux, cfg.WebApp.URL, h); err != nil {
				return &config.Error{Key: "webapp.url", Msg: err.Error()}
			}
		}
		stop, err := serveHTTP(cfg.HTTP.Listen, mux, log)
		if err != nil {
			return err
		}
		defer stop()
	}

	sched.Start(ctx)
	defer sched.Stop()
	if wh := cfg.Telegram.Webhook; wh.URL != "" {
		if _, err := url.Parse(wh.URL); err != nil {
			return &config.Error{Key: "telegram.webhook.url", Msg: err.Error()}
		}
		// Listening at once makes a taken port an error at start.
		ln, err := net.Listen("tcp", wh.Listen)
		if err != nil {
			return fmt.Errorf("listening on %s: %w", wh.Listen, err)
		}
		if err := a.Transport.RunWebhook(ctx, ln, wh.URL, wh.Secret, sched); err != nil {
			return fmt.Errorf("running the bot: %w", err)
		}
	} else if err := a.Transport.Run(ctx, sched); err != nil {
		return fmt.Errorf("running the bot: %w", err)
	}
	log.Info("quotabot stopped")
	return nil
}

func dbGauges(db *storage.DB) metrics.Gauges {
	return metrics.Gauges{
		OutboxDepth: func() float64 {
			var n int
			_ = db.View(func(tx *storage.Tx) error { n = tx.OutboxLen(); return nil })
			return float64(n)
		},
		Unreachable: func() float64 {
			n := 0
			_ = db.View(func(tx *storage.Tx) error {
				return tx.EachUser(func(u quota.User) error {
					if u.Unreachable {
						n++
					}
					return nil
				})
			})
			return float64(n)
		},
		DatabaseBytes: func() float64 {
			if fi, err := os.Stat(db.Path()); err == nil {
				return float64(fi.Size())
			}
			return 0
		},
	}
}

// serveHTTP listens at once, so a taken port is an error at start, and
// serves in the background; stop shuts it down, waiting for requests in
// hand for a few seconds.
func serveHTTP(addr string, h http.Handler, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http server", "addr", addr, "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

// newScheduler registers the jobs the configuration schedules; a name no
// job has stops the start. now is the clock; nil means the real one.
func newScheduler(cfg *config.Config, js *jobs.Jobs, db *storage.DB, log *slog.Logger, m *metrics.Metrics, now func() time.Time) (*scheduler.Scheduler, error) {
	s := scheduler.New(cfg.Location, db, log, now, cfg.Grace)
	s.SetQuiet(cfg.Quiet.Times)
	for _, j := range cfg.Schedule.Jobs() {
		run, err := js.Job(j.Name)
		if err != nil {
			return nil, fmt.Errorf("scheduling %s: %w", j.Name, err)
		}
		if j.Spec == "" {
			continue
		}
		name := j.Name
		counted := func(ctx context.Context, scheduled time.Time) error {
			err := run(ctx, scheduled)
			m.JobRun(name, err)
			return err
		}
		if err := s.Add(scheduler.Job{Name: j.Name, Spec: j.Spec, Run: counted, Held: jobs.SendsMessages(j.Name)}); err != nil {
			return nil, fmt.Errorf("scheduling %s: %w", j.Name, err)
		}
	}
	return s, nil
}

// backupDir is where scheduled backups go.
func backupDir(cfg *config.Config) string {
	if cfg.Storage.BackupDir != "" {
		return cfg.Storage.BackupDir
	}
	return filepath.Join(filepath.Dir(cfg.Storage.Path), "backups")
}
