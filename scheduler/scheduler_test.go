package scheduler_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/scheduler"
)

type memStore struct {
	mu   sync.Mutex
	last map[string]time.Time
}

func newMemStore() *memStore { return &memStore{last: make(map[string]time.Time)} }

func (m *memStore) LastRun(job string) (time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.last[job], nil
}

func (m *memStore) SetLastRun(job string, scheduled time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.last[job] = scheduled
	return nil
}

func hcm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	require.NoError(t, err)
	return loc
}

// recorder is a job body that records the scheduled times it ran for.
type recorder struct {
	mu   sync.Mutex
	runs []time.Time
}

func (r *recorder) run(_ context.Context, scheduled time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.runs = append(r.runs, scheduled)
	return nil
}

func (r *recorder) got() []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.runs...)
}

func TestValidateSpec(t *testing.T) {
	good := []string{
		"0 8 * * MON",
		"30 2 * * *",
		"*/15 9-17 * * 1-5",
		"@daily",
		"@weekly",
		"CRON_TZ=Asia/Ho_Chi_Minh 0 8 * * MON",
		"TZ=UTC 0 0 1 * *",
		"0 0 29 2 *", // leap day: rare but real
	}
	for _, spec := range good {
		assert.NoError(t, scheduler.ValidateSpec(spec), spec)
	}
	bad := []string{
		"",
		"0 0 31 2 *",
		"CRON_TZ=",
		"CRON_TZ=Asia/Ho_Chi_Minh",
		"TZ=",
		"CRON_TZ= 0 8 * * *",
		"CRON_TZ=Nowhere/Atall 0 8 * * *",
		"garbage",
		"0 8 * *",
		"0 0 8 * * MON", // six fields: seconds are not accepted
		"61 * * * *",
		"0 8 * * FUNDAY",
		"@every 1h",
		"@sometimes",
		"\x00\xff",
	}
	for _, spec := range bad {
		var err error
		assert.NotPanics(t, func() { err = scheduler.ValidateSpec(spec) }, spec)
		if assert.Error(t, err, "%q", spec) {
			assert.NotContains(t, err.Error(), "strconv", "%q: the operator reads no Go internals", spec)
		}
	}
	err := scheduler.ValidateSpec("0 8 * * FUNDAY")
	require.Error(t, err)
	assert.Equal(t, `bad cron spec "0 8 * * FUNDAY": "FUNDAY" is neither a number nor a month or weekday name (such as 8, JAN or MON)`, err.Error())
}

func TestLatestIsTheCronTime(t *testing.T) {
	loc := hcm(t)
	now := time.Date(2025, 1, 13, 8, 0, 0, 2_000_000, loc) // a tick lands just after 08:00
	got, err := scheduler.Latest("0 8 * * MON", now)
	require.NoError(t, err)
	assert.True(t, time.Date(2025, 1, 13, 8, 0, 0, 0, loc).Equal(got), got)

	// A late tick, as after the machine slept, still stands for 08:00.
	got, err = scheduler.Latest("0 8 * * MON", now.Add(3*time.Hour+17*time.Second))
	require.NoError(t, err)
	assert.True(t, time.Date(2025, 1, 13, 8, 0, 0, 0, loc).Equal(got), got)

	// Just before the time, the previous week's run is the latest.
	got, err = scheduler.Latest("0 8 * * MON", time.Date(2025, 1, 13, 7, 59, 59, 0, loc))
	require.NoError(t, err)
	assert.True(t, time.Date(2025, 1, 6, 8, 0, 0, 0, loc).Equal(got), got)

	got, err = scheduler.Latest("*/5 * * * *", time.Date(2025, 1, 13, 7, 59, 59, 0, loc))
	require.NoError(t, err)
	assert.True(t, time.Date(2025, 1, 13, 7, 55, 0, 0, loc).Equal(got), got)
}

func TestMakeUpInsideGraceRunsOnce(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	// Last ran two weeks ago; two Monday runs were missed, only the latest is made up.
	require.NoError(t, store.SetLastRun("reminders", time.Date(2024, 12, 30, 8, 0, 0, 0, loc)))
	now := time.Date(2025, 1, 13, 10, 30, 0, 0, loc)
	s := scheduler.New(loc, store, nil, func() time.Time { return now }, 6*time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "reminders", Spec: "0 8 * * MON", Run: rec.run}))

	s.MakeUp(context.Background())
	want := time.Date(2025, 1, 13, 8, 0, 0, 0, loc)
	runs := rec.got()
	require.Len(t, runs, 1)
	assert.True(t, want.Equal(runs[0]), runs[0])
	last, _ := store.LastRun("reminders")
	assert.True(t, want.Equal(last), last)

	s.MakeUp(context.Background())
	assert.Len(t, rec.got(), 1, "second make-up must not run again")
}

func TestMakeUpAtEdgeOfGrace(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	require.NoError(t, store.SetLastRun("r", time.Date(2025, 1, 6, 8, 0, 0, 0, loc)))
	now := time.Date(2025, 1, 13, 14, 0, 0, 0, loc) // exactly 6h late
	s := scheduler.New(loc, store, nil, func() time.Time { return now }, 6*time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "r", Spec: "0 8 * * MON", Run: rec.run}))
	s.MakeUp(context.Background())
	assert.Len(t, rec.got(), 1)
}

func TestMakeUpOutsideGraceSkipped(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	before := time.Date(2025, 1, 6, 8, 0, 0, 0, loc)
	require.NoError(t, store.SetLastRun("reminders", before))
	now := time.Date(2025, 1, 13, 14, 0, 1, 0, loc)
	s := scheduler.New(loc, store, nil, func() time.Time { return now }, 6*time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "reminders", Spec: "0 8 * * MON", Run: rec.run}))

	s.MakeUp(context.Background())
	assert.Empty(t, rec.got())
	last, _ := store.LastRun("reminders")
	assert.True(t, before.Equal(last), "last run must be unchanged")
}

func TestMakeUpNeverRunJob(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	now := time.Date(2025, 1, 13, 8, 5, 0, 0, loc)
	s := scheduler.New(loc, store, nil, func() time.Time { return now }, 6*time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "reminders", Spec: "0 8 * * MON", Run: rec.run}))

	s.MakeUp(context.Background())
	assert.Empty(t, rec.got())
	last, _ := store.LastRun("reminders")
	assert.True(t, last.IsZero())
}

func TestMakeUpNothingMissed(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	require.NoError(t, store.SetLastRun("r", time.Date(2025, 1, 13, 8, 0, 0, 0, loc)))
	now := time.Date(2025, 1, 13, 9, 0, 0, 0, loc)
	s := scheduler.New(loc, store, nil, func() time.Time { return now }, 6*time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "r", Spec: "0 8 * * MON", Run: rec.run}))
	s.MakeUp(context.Background())
	assert.Empty(t, rec.got())
}

func TestPanicRecoveredAndJobRunsAgain(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	s := scheduler.New(loc, store, nil, nil, time.Hour)
	var panics atomic.Bool
	panics.Store(true)
	var ran atomic.Int32
	require.NoError(t, s.Add(scheduler.Job{Name: "p", Run: func(context.Context, time.Time) error {
		if panics.Load() {
			panic("boom")
		}
		ran.Add(1)
		return nil
	}}))
	at := time.Date(2025, 1, 13, 8, 0, 0, 0, loc)

	err := s.RunNow(context.Background(), "p", at)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "boom")
	last, _ := store.LastRun("p")
	assert.True(t, last.IsZero(), "a panicked run is not recorded")

	panics.Store(false)
	require.NoError(t, s.RunNow(context.Background(), "p", at))
	assert.Equal(t, int32(1), ran.Load())
	last, _ = store.LastRun("p")
	assert.True(t, at.Equal(last))
}

func TestFailedRunNotRecorded(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	s := scheduler.New(loc, store, nil, nil, time.Hour)
	fail := errors.New("telegram down")
	require.NoError(t, s.Add(scheduler.Job{Name: "f", Run: func(context.Context, time.Time) error { return fail }}))
	err := s.RunNow(context.Background(), "f", time.Date(2025, 1, 13, 8, 0, 0, 0, loc))
	assert.ErrorIs(t, err, fail)
	last, _ := store.LastRun("f")
	assert.True(t, last.IsZero())
}

func TestRunNowWhileRunningIsSkipped(t *testing.T) {
	loc := hcm(t)
	s := scheduler.New(loc, newMemStore(), nil, nil, time.Hour)
	started := make(chan time.Time, 2)
	release := make(chan struct{})
	require.NoError(t, s.Add(scheduler.Job{Name: "slow", Spec: "0 8 * * MON", Run: func(_ context.Context, at time.Time) error {
		started <- at
		<-release
		return nil
	}}))
	first := time.Date(2025, 1, 13, 8, 0, 0, 0, loc)
	done := make(chan error, 1)
	go func() { done <- s.RunNow(context.Background(), "slow", first) }()
	<-started

	// A different scheduled time is refused too: the job is busy.
	err := s.RunNow(context.Background(), "slow", first.Add(7*24*time.Hour))
	assert.ErrorIs(t, err, scheduler.ErrBusy)

	close(release)
	require.NoError(t, <-done)
	assert.Len(t, started, 0, "the second run must not have started")
}

func TestRunNowAlreadyRanIsSkipped(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	s := scheduler.New(loc, store, nil, nil, time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "r", Spec: "0 8 * * MON", Run: rec.run}))
	at := time.Date(2025, 1, 13, 8, 0, 0, 0, loc)

	require.NoError(t, s.RunNow(context.Background(), "r", at))
	assert.ErrorIs(t, s.RunNow(context.Background(), "r", at), scheduler.ErrAlreadyRan)
	assert.ErrorIs(t, s.RunNow(context.Background(), "r", at.Add(-time.Hour)), scheduler.ErrAlreadyRan)
	assert.Len(t, rec.got(), 1)
}

func TestRunNowUnknownJob(t *testing.T) {
	s := scheduler.New(time.UTC, newMemStore(), nil, nil, time.Hour)
	assert.ErrorIs(t, s.RunNow(context.Background(), "nope", time.Now()), scheduler.ErrUnknownJob)
}

func TestAddRejects(t *testing.T) {
	s := scheduler.New(time.UTC, newMemStore(), nil, nil, time.Hour)
	run := func(context.Context, time.Time) error { return nil }
	require.NoError(t, s.Add(scheduler.Job{Name: "a", Spec: "0 8 * * *", Run: run}))
	assert.Error(t, s.Add(scheduler.Job{Name: "a", Spec: "0 9 * * *", Run: run}), "duplicate name")
	assert.Error(t, s.Add(scheduler.Job{Name: "b", Spec: "CRON_TZ=", Run: run}))
	assert.Error(t, s.Add(scheduler.Job{Name: "c", Spec: "0 8 * * *"}), "nil Run")
	assert.Error(t, s.Add(scheduler.Job{Spec: "0 8 * * *", Run: run}), "empty name")
}

func TestStartMakesUpAndStopWaits(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	require.NoError(t, store.SetLastRun("r", time.Date(2025, 1, 6, 8, 0, 0, 0, loc)))
	now := time.Date(2025, 1, 13, 9, 0, 0, 0, loc)
	s := scheduler.New(loc, store, nil, func() time.Time { return now }, 6*time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "r", Spec: "0 8 * * MON", Run: rec.run}))

	started := make(chan struct{})
	release := make(chan struct{})
	require.NoError(t, s.Add(scheduler.Job{Name: "slow", Run: func(context.Context, time.Time) error {
		close(started)
		<-release
		return nil
	}}))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Start(ctx)
	assert.Len(t, rec.got(), 1, "Start makes up before returning")

	runErr := make(chan error, 1)
	go func() { runErr <- s.RunNow(ctx, "slow", now) }()
	<-started
	stopped := make(chan struct{})
	go func() { s.Stop(); close(stopped) }()
	select {
	case <-stopped:
		t.Fatal("Stop returned while a job was running")
	default:
	}
	close(release)
	<-stopped
	require.NoError(t, <-runErr)
	assert.ErrorIs(t, s.RunNow(ctx, "r", now.Add(time.Hour)), scheduler.ErrStopped)
}

func TestCancelledContextStopsRun(t *testing.T) {
	s := scheduler.New(time.UTC, newMemStore(), nil, nil, time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "r", Run: rec.run}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, s.RunNow(ctx, "r", time.Now()), context.Canceled)
	assert.Empty(t, rec.got())
}

func FuzzValidateSpec(f *testing.F) {
	for _, s := range []string{"0 8 * * MON", "CRON_TZ=", "TZ=UTC", "@every", "@", "1-", "*/0 * * * *", "0 0 31 2 *", "CRON_TZ=UTC @daily"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		_ = scheduler.ValidateSpec(spec)
	})
}

func TestCronTickRunsForTheCronTime(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	now := time.Date(2025, 1, 13, 8, 0, 0, 300_000_000, loc)
	s := scheduler.New(loc, store, nil, func() time.Time { return now }, 6*time.Hour)
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "r", Spec: "0 8 * * MON", Run: rec.run}))
	s.Start(context.Background())
	defer s.Stop()

	s.Fire("r")
	s.Fire("r") // a duplicate tick for the same time does nothing
	runs := rec.got()
	require.Len(t, runs, 1)
	want := time.Date(2025, 1, 13, 8, 0, 0, 0, loc)
	assert.True(t, want.Equal(runs[0]), runs[0])
	last, _ := store.LastRun("r")
	assert.True(t, want.Equal(last), last)
}
