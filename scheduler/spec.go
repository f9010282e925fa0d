package scheduler

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// The same fields as cron.ParseStandard: five fields or a descriptor, with an
// optional CRON_TZ=Zone prefix.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ValidateSpec reports whether spec is a cron specification the scheduler
// accepts and that fires at least once in the next five years.
func ValidateSpec(spec string) error {
	sched, err := parse(spec)
	if err != nil {
		return err
	}
	if sched.Next(time.Now()).IsZero() {
		return fmt.Errorf("bad cron spec %q: never fires within five years", spec)
	}
	return nil
}

// parse wraps the cron parser, which panics on some malformed time zone
// prefixes, and refuses what the scheduler cannot give a fixed scheduled time.
func parse(spec string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("bad cron spec %q: malformed (%v)", spec, r)
		}
	}()
	body := spec
	if strings.HasPrefix(body, "TZ=") || strings.HasPrefix(body, "CRON_TZ=") {
		zone, rest, ok := strings.Cut(body[strings.Index(body, "=")+1:], " ")
		if !ok || zone == "" {
			return nil, fmt.Errorf("bad cron spec %q: want CRON_TZ=Zone, a space, then the schedule", spec)
		}
		body = strings.TrimSpace(rest)
	}
	// @every counts from whenever the process started, so a run would have no
	// fixed time to deduplicate or make up against.
	if strings.HasPrefix(body, "@every") {
		return nil, fmt.Errorf("bad cron spec %q: @every is not supported, use fixed times such as \"0 * * * *\"", spec)
	}
	sched, err = parser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("bad cron spec %q: %s", spec, plainCronError(err))
	}
	return sched, nil
}

// plainCronError says a cron parser's complaint without the Go behind it:
// its "failed to parse int from MONX: strconv.Atoi: parsing ..." becomes
// what an operator can act on.
func plainCronError(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "failed to parse int from "); ok {
		field, _, _ := strings.Cut(rest, ": ")
		return fmt.Sprintf("%q is neither a number nor a month or weekday name (such as 8, JAN or MON)", field)
	}
	if i := strings.Index(msg, ": strconv."); i >= 0 {
		return msg[:i]
	}
	return msg
}

// lookbacks bound the search for the latest firing; the last one matches the
// five-year horizon of cron's own Next.
var lookbacks = []time.Duration{
	time.Minute,
	time.Hour,
	24 * time.Hour,
	32 * 24 * time.Hour,
	367 * 24 * time.Hour,
	5 * 367 * 24 * time.Hour,
}

// latest returns the latest time at or before now when sched fires, truncated
// to the minute, or the zero time if there is none within five years.
// now must already be in the scheduler's location: a schedule without its own
// CRON_TZ computes in the location of the time it is given.
func latest(sched cron.Schedule, now time.Time) time.Time {
	for _, back := range lookbacks {
		t := sched.Next(now.Add(-back))
		if t.IsZero() || t.After(now) {
			continue
		}
		for {
			next := sched.Next(t)
			if next.IsZero() || next.After(now) {
				return t.Truncate(time.Minute)
			}
			t = next
		}
	}
	return time.Time{}
}
