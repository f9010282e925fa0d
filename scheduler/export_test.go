package scheduler

import "time"

// Latest exposes the scheduled-time computation to the external tests.
func Latest(spec string, now time.Time) (time.Time, error) {
	sched, err := parse(spec)
	if err != nil {
		return time.Time{}, err
	}
	return latest(sched, now), nil
}

// Fire does what a cron tick for the named job does.
func (s *Scheduler) Fire(name string) {
	s.mu.Lock()
	e := s.jobs[name]
	s.mu.Unlock()
	s.fire(e)
}

// NextFire is when cron would next trigger the named job after t.
func (s *Scheduler) NextFire(name string, t time.Time) time.Time {
	s.mu.Lock()
	e := s.jobs[name]
	s.mu.Unlock()
	if e.job.Held {
		return heldSchedule{s: s, e: e}.Next(t)
	}
	return e.sched.Next(t)
}
