package quota

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time zone: an admission decision is dated
// by day, and the day decides the year it counts in.
type Date struct {
	Year  int        `json:"y"`
	Month time.Month `json:"m"`
	Day   int        `json:"d"`
}

// DateOf is the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate builds a date; ok is false for an impossible one (31/02).
func NewDate(y int, m time.Month, d int) (Date, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	got := DateOf(t)
	return got, got == Date{y, m, d}
}

// Time is midnight UTC of the day, for arithmetic.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String is dd/mm/yyyy, as users write it.
func (d Date) String() string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare orders dates: -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// AddDays moves the date by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DayOfYear is 1 for 1 January.
func (d Date) DayOfYear() int { return d.Time().YearDay() }

// Key is yyyymmdd, which sorts like the dates.
func (d Date) Key() uint32 { return uint32(d.Year*10000 + int(d.Month)*100 + d.Day) }

// DateFromKey reverses Key.
func DateFromKey(k uint32) Date {
	return Date{int(k / 10000), time.Month(k / 100 % 100), int(k % 100)}
}

// DaysInYear is 365 or 366.
func DaysInYear(year int) int { return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).YearDay() }

// SameDayInYear is the same day and month in another year; 29/02 becomes
// 28/02 in a year without it.
func (d Date) SameDayInYear(year int) Date {
	if got, ok := NewDate(year, d.Month, d.Day); ok {
		return got
	}
	return Date{year, d.Month, d.Day - 1}
}

// ProbationEnd is the end of the 12-month probation that starts on the
// admission date: the same day a year later, or the last day of February
// for an admission dated 29/02.
func ProbationEnd(admitted Date) Date { return admitted.SameDayInYear(admitted.Year + 1) }

// ErrBadDate is wrapped by ParseDate's errors.
var ErrBadDate = errors.New("a date is written dd/mm/yyyy")

// ParseDate reads dd/mm/yyyy; '-' and '.' are accepted as separators and a
// two-digit year means 20yy, because phones make typing '/' awkward.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return Date{}, fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	nums := [3]int{}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 {
			return Date{}, fmt.Errorf("%q: %w", s, ErrBadDate)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("%q: %w", s, ErrBadDate)
		}
		nums[i] = n
	}
	// 2026-03-01 is a real date in another order: say so, with the
	// same date as it is written here.
	if len(parts[0]) == 4 && len(parts[2]) <= 2 {
		if d, ok := NewDate(nums[0], time.Month(nums[1]), nums[2]); ok && nums[1] >= 1 && nums[2] >= 1 {
			return Date{}, &OtherOrderError{Input: s, Meant: d}
		}
	}
	day, month, year := nums[0], nums[1], nums[2]
	if len(parts[2]) == 2 {
		year += 2000
	} else if len(parts[2]) != 4 {
		return Date{}, fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	if year < MinDateYear || year > MaxDateYear {
		return Date{}, &DateYearError{Input: s, Year: year}
	}
	d, ok := NewDate(year, time.Month(month), day)
	if !ok || month < 1 || month > 12 || day < 1 {
		return Date{}, fmt.Errorf("%q: no such day: %w", s, ErrImpossibleDate)
	}
	return d, nil
}

// ErrImpossibleDate is a well-written date that does not exist (31/02).
var ErrImpossibleDate = errors.New("no such day")

// The years a date may have: no member was admitted before 1930, and a
// later year is a typing accident.
const (
	MinDateYear = 1930
	MaxDateYear = 2200
)

// Errors of ParseDate with what the reply needs to say.
var (
	ErrDateOtherOrder = errors.New("the date is written year first")
	ErrDateYearRange  = errors.New("the year of the date is out of range")
)

// OtherOrderError is a date written year first (2026-03-01), with the
// day it means.
type OtherOrderError struct {
	Input string
	Meant Date
}

func (e *OtherOrderError) Error() string {
	return fmt.Sprintf("%q is year first, write %s: %v", e.Input, e.Meant, ErrDateOtherOrder)
}

func (e *OtherOrderError) Unwrap() []error { return []error{ErrDateOtherOrder, ErrBadDate} }

// DateYearError is a well-written date whose year is out of range.
type DateYearError struct {
	Input string
	Year  int
}

func (e *DateYearError) Error() string {
	return fmt.Sprintf("%q: the year %d is not between %d and %d: %v", e.Input, e.Year, MinDateYear, MaxDateYear, ErrDateYearRange)
}

func (e *DateYearError) Unwrap() []error { return []error{ErrDateYearRange, ErrBadDate} }

// AsOf is the date a year's progress is measured on: today for the
// current year, the last day for a past year.
func AsOf(year int, today Date) Date {
	if year < today.Year {
		return Date{Year: year, Month: 12, Day: 31}
	}
	return today
}
