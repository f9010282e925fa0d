package scheduler_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/scheduler"
)

// committeeQuiet is a committee's quiet times: 21:00 to 07:00, Sundays,
// the solar national holidays every year, and Tết Bính Ngọ (14/02 to
// 22/02/2026) by date.
func committeeQuiet(t *testing.T) scheduler.Quiet {
	t.Helper()
	from, to, err := scheduler.ParseQuietHours("21:00-07:00")
	require.NoError(t, err)
	q := scheduler.Quiet{From: from, To: to, DaysOff: []time.Weekday{time.Sunday}}
	for _, s := range []string{"01/01", "30/04", "01/05", "02/09", "14/02/2026-22/02/2026"} {
		h, err := scheduler.ParseHoliday(s)
		require.NoError(t, err, s)
		q.Holidays = append(q.Holidays, h)
	}
	return q
}

func TestQuietNextAllowed(t *testing.T) {
	loc := hcm(t)
	q := committeeQuiet(t)
	at := func(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, loc) }
	cases := []struct {
		name     string
		in, want time.Time
	}{
		{"a working morning", at(2026, 6, 15, 8, 0), at(2026, 6, 15, 8, 0)},
		{"the end of the quiet hours", at(2026, 6, 16, 7, 0), at(2026, 6, 16, 7, 0)},
		{"22:00 on a Tuesday", at(2026, 6, 16, 22, 0), at(2026, 6, 17, 7, 0)},
		{"just before midnight", at(2026, 6, 16, 23, 59), at(2026, 6, 17, 7, 0)},
		{"03:00", at(2026, 6, 17, 3, 0), at(2026, 6, 17, 7, 0)},
		{"21:00 sharp", at(2026, 6, 16, 21, 0), at(2026, 6, 17, 7, 0)},
		{"20:59", at(2026, 6, 16, 20, 59), at(2026, 6, 16, 20, 59)},
		{"Saturday night runs into Sunday", at(2026, 6, 20, 22, 0), at(2026, 6, 22, 7, 0)},
		{"a Sunday noon", at(2026, 6, 21, 12, 0), at(2026, 6, 22, 7, 0)},
		{"the first day of Tết", at(2026, 2, 14, 9, 0), at(2026, 2, 23, 7, 0)},
		{"the Monday of Tết", at(2026, 2, 16, 8, 0), at(2026, 2, 23, 7, 0)},
		{"the evening before Tết", at(2026, 2, 13, 22, 0), at(2026, 2, 23, 7, 0)},
		{"30/04 and 01/05 then a Saturday", at(2026, 4, 30, 8, 0), at(2026, 5, 2, 7, 0)},
		{"National Day, every year", at(2031, 9, 2, 8, 0), at(2031, 9, 3, 7, 0)},
		{"New Year's Day on a Friday", at(2027, 1, 1, 10, 0), at(2027, 1, 2, 7, 0)},
		{"Tết of another year is not listed", at(2027, 2, 8, 8, 0), at(2027, 2, 8, 8, 0)},
	}
	for _, c := range cases {
		got := q.NextAllowed(c.in)
		assert.True(t, c.want.Equal(got), "%s: %v, want %v", c.name, got, c.want)
		assert.Equal(t, !c.want.Equal(c.in), q.Holds(c.in), c.name)
	}
	// Quiet hours within one day, and a yearly range over the new year.
	from, to, err := scheduler.ParseQuietHours("12:00-13:30")
	require.NoError(t, err)
	h, err := scheduler.ParseHoliday("31/12-01/01")
	require.NoError(t, err)
	lunch := scheduler.Quiet{From: from, To: to, Holidays: []scheduler.Holiday{h}}
	assert.True(t, at(2026, 6, 15, 13, 30).Equal(lunch.NextAllowed(at(2026, 6, 15, 12, 10))))
	assert.True(t, at(2026, 6, 15, 11, 0).Equal(lunch.NextAllowed(at(2026, 6, 15, 11, 0))))
	assert.True(t, at(2027, 1, 2, 0, 0).Equal(lunch.NextAllowed(at(2026, 12, 31, 9, 0))))
	// Nothing configured holds nothing.
	assert.False(t, scheduler.Quiet{}.Holds(at(2026, 2, 15, 3, 0)))
}

func TestParseQuietTimes(t *testing.T) {
	for _, bad := range []string{"21-07", "21:00", "25:00-07:00", "21:00-07:60", "07:00-07:00", "9:5-10:00"} {
		_, _, err := scheduler.ParseQuietHours(bad)
		assert.Error(t, err, bad)
	}
	for _, bad := range []string{"31/02", "30/02/2026", "1/13", "14/02/2026-10/02/2026", "01/01-05/01/2026", "2026-02-14", "01/01/2026-01/06/2026", "", "x"} {
		_, err := scheduler.ParseHoliday(bad)
		assert.Error(t, err, bad)
	}
	for _, good := range []string{"29/02", "14/02/2026 - 22/02/2026", "2/9"} {
		_, err := scheduler.ParseHoliday(good)
		assert.NoError(t, err, good)
	}
}

// cronLoop drives a scheduler as cron would, on an injected clock, from
// start to end, and returns the times its held job ran for.
type cronLoop struct {
	mu  sync.Mutex
	now time.Time
}

func (c *cronLoop) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *cronLoop) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// drive fires job at each time cron would, from start to end.
func drive(s *scheduler.Scheduler, c *cronLoop, job string, start, end time.Time) {
	c.set(start)
	for {
		next := s.NextFire(job, c.Now())
		if next.IsZero() || next.After(end) {
			return
		}
		c.set(next)
		s.Fire(job)
	}
}

func heldScheduler(t *testing.T, c *cronLoop, spec string, store *memStore) (*scheduler.Scheduler, *recorder) {
	t.Helper()
	s := scheduler.New(hcm(t), store, nil, c.Now, 6*time.Hour)
	s.SetQuiet(committeeQuiet(t))
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "reminders", Spec: spec, Run: rec.run, Held: true}))
	return s, rec
}

func times(t *testing.T, ts ...time.Time) []time.Time { t.Helper(); return ts }

func assertRuns(t *testing.T, want, got []time.Time) {
	t.Helper()
	require.Len(t, got, len(want), "runs: %v", got)
	for i := range want {
		assert.True(t, want[i].Equal(got[i]), "run %d at %v, want %v", i, got[i], want[i])
	}
}

// A reminder due at 22:00 goes out at 07:00 the next morning, once; the
// next evening's is held the same way.
func TestHeldRunAtNight(t *testing.T) {
	loc := hcm(t)
	c := &cronLoop{}
	s, rec := heldScheduler(t, c, "0 22 * * TUE,WED", newMemStore())
	drive(s, c, "reminders", time.Date(2026, 6, 16, 12, 0, 0, 0, loc), time.Date(2026, 6, 19, 0, 0, 0, 0, loc))
	assertRuns(t, times(t, time.Date(2026, 6, 17, 7, 0, 0, 0, loc), time.Date(2026, 6, 18, 7, 0, 0, 0, loc)), rec.got())
}

// The weekly reminder of Monday 16/02/2026 falls in Tết: it goes out on
// Monday 23/02 at 07:00, once, and the regular run an hour later, which
// would say the same again, is not repeated. The runs before and after
// are untouched.
func TestHeldRunAcrossTet(t *testing.T) {
	loc := hcm(t)
	c := &cronLoop{}
	store := newMemStore()
	s, rec := heldScheduler(t, c, "0 8 * * MON", store)
	drive(s, c, "reminders", time.Date(2026, 2, 5, 12, 0, 0, 0, loc), time.Date(2026, 3, 3, 0, 0, 0, 0, loc))
	assertRuns(t, times(t,
		time.Date(2026, 2, 9, 8, 0, 0, 0, loc),
		time.Date(2026, 2, 23, 7, 0, 0, 0, loc),
		time.Date(2026, 3, 2, 8, 0, 0, 0, loc),
	), rec.got())
	last, _ := store.LastRun("reminders")
	assert.True(t, time.Date(2026, 3, 2, 8, 0, 0, 0, loc).Equal(last))
}

// A daily job over Tết runs once when it ends, not once per day held.
func TestDailyRunsHeldOverTetRunOnce(t *testing.T) {
	loc := hcm(t)
	c := &cronLoop{}
	s, rec := heldScheduler(t, c, "0 8 * * *", newMemStore())
	drive(s, c, "reminders", time.Date(2026, 2, 12, 9, 0, 0, 0, loc), time.Date(2026, 2, 25, 0, 0, 0, 0, loc))
	assertRuns(t, times(t,
		time.Date(2026, 2, 13, 8, 0, 0, 0, loc),
		time.Date(2026, 2, 23, 7, 0, 0, 0, loc), // the nine days of Tết, once
		time.Date(2026, 2, 24, 8, 0, 0, 0, loc),
	), rec.got())
}

// The bot restarts during Tết with the held run pending: nothing runs at
// start, and the run goes out when Tết ends, once, even after another
// restart on that morning.
func TestHeldRunSurvivesRestart(t *testing.T) {
	loc := hcm(t)
	store := newMemStore()
	require.NoError(t, store.SetLastRun("reminders", time.Date(2026, 2, 9, 8, 0, 0, 0, loc)))

	c := &cronLoop{}
	c.set(time.Date(2026, 2, 18, 10, 0, 0, 0, loc))
	s, rec := heldScheduler(t, c, "0 8 * * MON", store)
	s.MakeUp(context.Background())
	assert.Empty(t, rec.got(), "nothing goes out during Tết")
	assert.True(t, time.Date(2026, 2, 23, 7, 0, 0, 0, loc).Equal(s.NextFire("reminders", c.Now())), "cron wakes when Tết ends")

	// Down over the end of Tết; started again at 07:30: made up once.
	c.set(time.Date(2026, 2, 23, 7, 30, 0, 0, loc))
	s2, rec2 := heldScheduler(t, c, "0 8 * * MON", store)
	s2.MakeUp(context.Background())
	s2.MakeUp(context.Background())
	assertRuns(t, times(t, time.Date(2026, 2, 23, 7, 0, 0, 0, loc)), rec2.got())
	drive(s2, c, "reminders", c.Now(), time.Date(2026, 2, 24, 0, 0, 0, 0, loc))
	assert.Len(t, rec2.got(), 1, "the 08:00 run does not repeat it")
}

// A job that is not held, the backups, runs at night and on holidays.
func TestUnheldJobRunsAtNight(t *testing.T) {
	loc := hcm(t)
	c := &cronLoop{}
	s := scheduler.New(loc, newMemStore(), nil, c.Now, 6*time.Hour)
	s.SetQuiet(committeeQuiet(t))
	rec := &recorder{}
	require.NoError(t, s.Add(scheduler.Job{Name: "backups", Spec: "30 2 * * *", Run: rec.run}))
	drive(s, c, "backups", time.Date(2026, 2, 15, 0, 0, 0, 0, loc), time.Date(2026, 2, 16, 12, 0, 0, 0, loc))
	assertRuns(t, times(t, time.Date(2026, 2, 15, 2, 30, 0, 0, loc), time.Date(2026, 2, 16, 2, 30, 0, 0, loc)), rec.got())
}
