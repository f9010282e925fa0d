// Package scheduler runs the periodic jobs at their cron times, at most once
// per scheduled time, and makes up a run missed while the bot was down.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// RunStore keeps the scheduled time of each job's last successful run, so a
// restart neither repeats a run nor forgets one.
type RunStore interface {
	// LastRun returns the zero time if the job never ran.
	LastRun(job string) (time.Time, error)
	SetLastRun(job string, scheduled time.Time) error
}

// Job is one periodic task.
type Job struct {
	Name string
	// Spec is a cron spec; empty means the job only runs through RunNow.
	Spec string
	// Run gets the cron time the run stands for, not the wall clock, so
	// its work is the same whether it runs on time or is made up later.
	Run func(ctx context.Context, scheduled time.Time) error
}

// Errors returned by RunNow for runs that were not started.
var (
	ErrUnknownJob = errors.New("unknown job")
	ErrBusy       = errors.New("job is already running")
	ErrAlreadyRan = errors.New("job already ran for this scheduled time")
	ErrStopped    = errors.New("scheduler is stopped")
)

// Scheduler triggers jobs with cron but takes every decision with its own
// clock, so tests can drive it without waiting.
type Scheduler struct {
	loc   *time.Location
	store RunStore
	log   *slog.Logger
	now   func() time.Time
	grace time.Duration
	cron  *cron.Cron

	mu      sync.Mutex
	jobs    map[string]*entry
	order   []*entry
	ctx     context.Context // from Start; runs triggered by cron use it
	stopped bool
	running sync.WaitGroup
}

type entry struct {
	job   Job
	sched cron.Schedule // nil when the job has no spec
	// busy is held for the whole run, whoever started it, so a job never
	// runs twice at once.
	busy sync.Mutex
}

// New returns a scheduler working in loc. A nil log discards messages and a
// nil now means time.Now.
func New(loc *time.Location, store RunStore, log *slog.Logger, now func() time.Time, grace time.Duration) *Scheduler {
	if loc == nil {
		loc = time.Local
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Scheduler{
		loc:   loc,
		store: store,
		log:   log,
		now:   now,
		grace: grace,
		cron:  cron.New(cron.WithLocation(loc), cron.WithParser(parser), cron.WithLogger(cronLogger{log})),
		jobs:  make(map[string]*entry),
		ctx:   context.Background(),
	}
}

// Add registers a job. Jobs added after Start are scheduled too, but are not
// made up.
func (s *Scheduler) Add(j Job) error {
	if j.Name == "" {
		return errors.New("add job: empty name")
	}
	if j.Run == nil {
		return fmt.Errorf("add job %s: nil Run", j.Name)
	}
	e := &entry{job: j}
	if j.Spec != "" {
		sched, err := parse(j.Spec)
		if err != nil {
			return fmt.Errorf("add job %s: %w", j.Name, err)
		}
		e.sched = sched
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.jobs[j.Name]; dup {
		return fmt.Errorf("add job %s: a job with this name exists", j.Name)
	}
	s.jobs[j.Name] = e
	s.order = append(s.order, e)
	if e.sched != nil {
		s.cron.Schedule(e.sched, cron.FuncJob(func() { s.fire(e) }))
	}
	return nil
}

// Start makes up missed runs, then starts cron. Runs get ctx, and none starts
// once ctx is done.
func (s *Scheduler) Start(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
	s.MakeUp(ctx)
	s.cron.Start()
}

// Stop stops triggering jobs and waits for running ones to return; a job sees
// the cancellation of the context given to Start or RunNow.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	<-s.cron.Stop().Done()
	s.running.Wait()
}

// RunNow runs a job for the given scheduled time through the same checks as
// a cron run. It returns ErrBusy or ErrAlreadyRan when the run was skipped.
func (s *Scheduler) RunNow(ctx context.Context, name string, scheduled time.Time) error {
	s.mu.Lock()
	e := s.jobs[name]
	s.mu.Unlock()
	if e == nil {
		return fmt.Errorf("run %s: %w", name, ErrUnknownJob)
	}
	return s.run(ctx, e, scheduled, "manual")
}

// MakeUp runs, once, the latest run of each job that was due since its last
// run, if that was no longer than the grace period ago. A job that never ran
// is left to its next scheduled time.
func (s *Scheduler) MakeUp(ctx context.Context) {
	s.mu.Lock()
	jobs := append([]*entry(nil), s.order...)
	s.mu.Unlock()
	for _, e := range jobs {
		if ctx.Err() != nil {
			return
		}
		if e.sched == nil {
			continue
		}
		name := e.job.Name
		last, err := s.store.LastRun(name)
		if err != nil {
			s.log.Error("scheduler: make-up: read last run", "job", name, "err", err)
			continue
		}
		if last.IsZero() {
			continue
		}
		now := s.now().In(s.loc)
		due := latest(e.sched, now)
		if due.IsZero() || !due.After(last) {
			continue
		}
		if late := now.Sub(due); late > s.grace {
			s.log.Warn("scheduler: missed run not made up: past the grace period",
				"job", name, "scheduled", due, "late", late.Round(time.Second), "grace", s.grace)
			continue
		}
		s.log.Info("scheduler: making up missed run", "job", name, "scheduled", due)
		// run logs its own failures; one job's failure must not stop the others.
		_ = s.run(ctx, e, due, "make-up")
	}
}

// fire is what cron calls at a job's time.
func (s *Scheduler) fire(e *entry) {
	s.mu.Lock()
	ctx := s.ctx
	s.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	due := latest(e.sched, s.now().In(s.loc))
	if due.IsZero() {
		s.log.Error("scheduler: no scheduled time found for cron trigger", "job", e.job.Name)
		return
	}
	_ = s.run(ctx, e, due, "cron")
}

// run is the one path every run takes: not twice at once, not twice for the
// same scheduled time, panics recovered, success recorded.
func (s *Scheduler) run(ctx context.Context, e *entry, scheduled time.Time, origin string) error {
	name := e.job.Name
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return fmt.Errorf("run %s: %w", name, ErrStopped)
	}
	s.running.Add(1)
	s.mu.Unlock()
	defer s.running.Done()

	log := s.log.With("job", name, "scheduled", scheduled, "origin", origin)
	if !e.busy.TryLock() {
		log.Warn("scheduler: run skipped: still running")
		return fmt.Errorf("run %s: %w", name, ErrBusy)
	}
	defer e.busy.Unlock()

	if err := ctx.Err(); err != nil {
		return fmt.Errorf("run %s: %w", name, err)
	}
	last, err := s.store.LastRun(name)
	if err != nil {
		log.Error("scheduler: read last run", "err", err)
		return fmt.Errorf("run %s: read last run: %w", name, err)
	}
	if !last.Before(scheduled) {
		log.Info("scheduler: run skipped: already ran", "last", last)
		return fmt.Errorf("run %s for %s: %w", name, scheduled.Format(time.RFC3339), ErrAlreadyRan)
	}

	start := s.now()
	log.Info("scheduler: run started")
	if err := call(ctx, e.job, scheduled, log); err != nil {
		log.Error("scheduler: run failed", "err", err, "took", s.now().Sub(start))
		return fmt.Errorf("run %s: %w", name, err)
	}
	if err := s.store.SetLastRun(name, scheduled); err != nil {
		log.Error("scheduler: record last run", "err", err)
		return fmt.Errorf("run %s: record last run: %w", name, err)
	}
	log.Info("scheduler: run finished", "took", s.now().Sub(start))
	return nil
}

// call turns a panic into an error so the caller releases the job's lock
// and the process survives.
func call(ctx context.Context, j Job, scheduled time.Time, log *slog.Logger) (err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Error("scheduler: run panicked", "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return j.Run(ctx, scheduled)
}

// cronLogger sends cron's own messages to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	l.log.Debug("cron: "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
