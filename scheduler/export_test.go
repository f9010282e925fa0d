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
