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
	// For a held run it is the moment the run was released to.
	Run func(ctx context.Context, scheduled time.Time) error
	// Held jobs send messages to people: a run that falls in the quiet
	// times (SetQuiet) waits for the next allowed moment.
	Held bool
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
	quiet   Quiet
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

// SetQuiet sets the times held jobs wait out; call it before Add.
func (s *Scheduler) SetQuiet(q Quiet) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.quiet = q
}

func (s *Scheduler) quietTimes() Quiet {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.quiet
}

// release is when a run scheduled at due may go out: due itself, or for
// a held job the end of the quiet time due falls in.
func (s *Scheduler) release(e *entry, due time.Time) time.Time {
	if !e.job.Held || due.IsZero() {
		return due
	}
	return s.quietTimes().NextAllowed(due.In(s.loc))
}

// due is the latest run of e whose release is at or before now, and that
// release. Runs scheduled in a quiet time that has not ended yet are not
// due; several in one quiet time share its end, and run once.
func (s *Scheduler) due(e *entry, now time.Time) (scheduled, at time.Time) {
	scheduled = latest(e.sched, now)
	// A minute-by-minute job over a long holiday is the most this walks.
	for range 200_000 {
		if scheduled.IsZero() {
			return time.Time{}, time.Time{}
		}
		if at = s.release(e, scheduled); !at.After(now) {
			return scheduled, at
		}
		scheduled = latest(e.sched, scheduled.Add(-time.Minute))
	}
	return time.Time{}, time.Time{}
}

// absorbed reports whether a held job's run at scheduled repeats the run
// released at last: last was a release (no scheduled time of its own),
// scheduled is the first scheduled time after it, and no quiet time lies
// between. Without it a daily job held over Sunday would go out at 07:00
// and again at 08:00 on Monday.
func (s *Scheduler) absorbed(e *entry, last, scheduled time.Time) bool {
	if !e.job.Held || e.sched == nil || last.IsZero() || !last.Before(scheduled) {
		return false
	}
	last, scheduled = last.In(s.loc), scheduled.In(s.loc)
	if latest(e.sched, last).Equal(last) || !e.sched.Next(last).Equal(scheduled) {
		return false
	}
	return !s.quietTimes().quietBetween(last, scheduled)
}

// heldSchedule is what cron sees of a held job: it fires at the
// releases, not at the scheduled times.
type heldSchedule struct {
	s *Scheduler
	e *entry
}

func (h heldSchedule) Next(t time.Time) time.Time {
	t = t.In(h.s.loc)
	q := h.s.quietTimes()
	// In a quiet time, a run scheduled since it began is released at its end.
	if q.Holds(t) {
		end := q.NextAllowed(t)
		if prev := latest(h.e.sched, t); !prev.IsZero() && q.NextAllowed(prev.In(h.s.loc)).Equal(end) {
			return end
		}
	}
	next := h.e.sched.Next(t)
	if next.IsZero() {
		return next
	}
	return q.NextAllowed(next.In(h.s.loc))
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
		when := e.sched
		if j.Held {
			when = heldSchedule{s: s, e: e}
		}
		s.cron.Schedule(when, cron.FuncJob(func() { s.fire(e) }))
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
		scheduled, due := s.due(e, now)
		if due.IsZero() || !due.After(last) {
			continue
		}
		if !due.Equal(scheduled) {
			s.log.Info("scheduler: a run held over a quiet time is released", "job", name, "scheduled", scheduled, "released", due)
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
	scheduled, due := s.due(e, s.now().In(s.loc))
	if due.IsZero() {
		s.log.Error("scheduler: no scheduled time found for cron trigger", "job", e.job.Name)
		return
	}
	origin := "cron"
	if !due.Equal(scheduled) {
		origin = "released after a quiet time"
		s.log.Info("scheduler: a run held over a quiet time is released", "job", e.job.Name, "scheduled", scheduled, "released", due)
	}
	_ = s.run(ctx, e, due, origin)
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

	if s.absorbed(e, last, scheduled) {
		// The run released after a quiet time went out just before, in
		// the same allowed stretch: this one would say it again.
		log.Info("scheduler: run skipped: the run released after a quiet time covered it", "released", last)
		if err := s.store.SetLastRun(name, scheduled); err != nil {
			return fmt.Errorf("run %s: record last run: %w", name, err)
		}
		return nil
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
