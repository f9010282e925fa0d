package scheduler

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Quiet is when scheduled messages must not go out: the night, days of
// the week off, and days off by date (Tết, national holidays). A held
// job's run that falls in such a time is released at the next allowed
// moment, once. The zero Quiet holds nothing.
type Quiet struct {
	// From and To are times of day; a span with From after To runs over
	// midnight. Equal means no quiet hours.
	From, To time.Duration
	DaysOff  []time.Weekday
	Holidays []Holiday
}

// Day is a civil date; Year 0 means that day every year.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// Holiday is a day or an inclusive range of days off. A range's ends are
// both yearly or both dated.
type Holiday struct{ First, Last Day }

func (d Day) key(year int) int {
	if d.Year != 0 {
		year = d.Year
	}
	return year*10000 + int(d.Month)*100 + d.Day
}

// covers reports whether the date y-m-d falls in h.
func (h Holiday) covers(y int, m time.Month, d int) bool {
	k := y*10000 + int(m)*100 + d
	if h.First.Year != 0 {
		return h.First.key(0) <= k && k <= h.Last.key(0)
	}
	// A yearly range may run over the new year (30/12–02/01).
	first, last := h.First.key(y), h.Last.key(y)
	if first <= last {
		return first <= k && k <= last
	}
	return k >= first || k <= last
}

// dayOff reports whether t's date is a day off.
func (q Quiet) dayOff(t time.Time) bool {
	if slices.Contains(q.DaysOff, t.Weekday()) {
		return true
	}
	y, m, d := t.Date()
	for _, h := range q.Holidays {
		if h.covers(y, m, d) {
			return true
		}
	}
	return false
}

func sinceMidnight(t time.Time) time.Duration {
	y, m, d := t.Date()
	return t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location()))
}

// atNight reports whether t is in the quiet hours, and if so when they end.
func (q Quiet) atNight(t time.Time) (bool, time.Time) {
	if q.From == q.To {
		return false, time.Time{}
	}
	tod := sinceMidnight(t)
	y, m, d := t.Date()
	at := func(day int, tod time.Duration) time.Time {
		h, mm := int(tod/time.Hour), int(tod%time.Hour/time.Minute)
		return time.Date(y, m, day, h, mm, 0, 0, t.Location())
	}
	if q.From < q.To {
		if tod >= q.From && tod < q.To {
			return true, at(d, q.To)
		}
		return false, time.Time{}
	}
	switch {
	case tod >= q.From:
		return true, at(d+1, q.To)
	case tod < q.To:
		return true, at(d, q.To)
	}
	return false, time.Time{}
}

// Holds reports whether t is a time scheduled messages wait out.
func (q Quiet) Holds(t time.Time) bool {
	night, _ := q.atNight(t)
	return night || q.dayOff(t)
}

// NextAllowed is t if messages may go out then, else the first moment
// after it when they may. t's location is the committee's.
func (q Quiet) NextAllowed(t time.Time) time.Time {
	// A year and a half of days off in a row is a configuration nobody
	// means; validation refuses one that leaves no day.
	for range 550 {
		if q.dayOff(t) {
			y, m, d := t.Date()
			t = time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
			continue
		}
		if night, end := q.atNight(t); night {
			t = end
			continue
		}
		return t
	}
	return t
}

// quietBetween reports whether a quiet time begins between a and b, two
// allowed moments.
func (q Quiet) quietBetween(a, b time.Time) bool {
	y, m, d := a.Date()
	for day := time.Date(y, m, d, 0, 0, 0, 0, a.Location()); !day.After(b); day = day.AddDate(0, 0, 1) {
		if day.After(a) && q.dayOff(day) {
			return true
		}
		if q.From != q.To {
			h, mm := int(q.From/time.Hour), int(q.From%time.Hour/time.Minute)
			dy, dm, dd := day.Date()
			start := time.Date(dy, dm, dd, h, mm, 0, 0, a.Location())
			if start.After(a) && start.Before(b) {
				return true
			}
		}
	}
	return false
}

// ParseQuietHours reads "21:00-07:00"; "" is no quiet hours.
func ParseQuietHours(s string) (from, to time.Duration, err error) {
	if strings.TrimSpace(s) == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("bad quiet hours %q: want from-to such as \"21:00-07:00\"", s)
	}
	if from, err = parseClock(strings.TrimSpace(a)); err == nil {
		to, err = parseClock(strings.TrimSpace(b))
	}
	if err != nil {
		return 0, 0, fmt.Errorf("bad quiet hours %q: %w", s, err)
	}
	if from == to {
		return 0, 0, fmt.Errorf("bad quiet hours %q: the span is empty; write \"\" for none", s)
	}
	return from, to, nil
}

func parseClock(s string) (time.Duration, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, fmt.Errorf("%q is not a time of day such as 07:00", s)
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
}

// ParseHoliday reads a day off: "30/04" (every year), "17/02/2026", or a
// range "14/02/2026-22/02/2026" (or "30/12-02/01").
func ParseHoliday(s string) (Holiday, error) {
	a, b, isRange := strings.Cut(s, "-")
	first, err := parseDay(strings.TrimSpace(a))
	if err != nil {
		return Holiday{}, fmt.Errorf("bad day off %q: %w", s, err)
	}
	last := first
	if isRange {
		if last, err = parseDay(strings.TrimSpace(b)); err != nil {
			return Holiday{}, fmt.Errorf("bad day off %q: %w", s, err)
		}
		if (first.Year == 0) != (last.Year == 0) {
			return Holiday{}, fmt.Errorf("bad day off %q: give the year on both ends or on neither", s)
		}
		if first.Year != 0 && first.key(0) > last.key(0) {
			return Holiday{}, fmt.Errorf("bad day off %q: the range ends before it starts", s)
		}
		if first.Year != 0 && time.Date(last.Year, last.Month, last.Day, 0, 0, 0, 0, time.UTC).Sub(time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, time.UTC)) > 60*24*time.Hour {
			return Holiday{}, fmt.Errorf("bad day off %q: longer than 60 days", s)
		}
	}
	return Holiday{First: first, Last: last}, nil
}

func parseDay(s string) (Day, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 2 && len(parts) != 3 {
		return Day{}, fmt.Errorf("%q is not a date: write dd/mm for every year or dd/mm/yyyy", s)
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return Day{}, fmt.Errorf("%q is not a date: write dd/mm for every year or dd/mm/yyyy", s)
		}
		n[i] = v
	}
	d := Day{Day: n[0], Month: time.Month(n[1])}
	year := 2024 // a leap year, so 29/02 exists as a yearly day
	if len(n) == 3 {
		if n[2] < 2000 || n[2] > 2200 {
			return Day{}, fmt.Errorf("%q: the year is out of range", s)
		}
		d.Year, year = n[2], n[2]
	}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || time.Date(year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Day() != d.Day {
		return Day{}, fmt.Errorf("%q: there is no such day", s)
	}
	return d, nil
}
