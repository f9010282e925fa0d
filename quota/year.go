package quota

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// FirstYear is the earliest year whose figures the committee keeps: the
// yearly totals of the years before the bot go back to the 2000s.
const FirstYear = 2000

// Errors of the year rule.
var (
	ErrBadYear   = errors.New("a year is written with four digits")
	ErrYearRange = errors.New("the year is out of range")
)

// YearRangeError is a year outside FirstYear..next year, with the range,
// so the reply can say which years can be asked for.
type YearRangeError struct{ Year, From, To int }

func (e *YearRangeError) Error() string {
	return fmt.Sprintf("%d: years from %d to %d: %v", e.Year, e.From, e.To, ErrYearRange)
}

func (e *YearRangeError) Unwrap() error { return ErrYearRange }

// CheckYear is the one rule for the year of a table, a status or a chart,
// in chat and on the command line: from FirstYear to the year after
// today's, for which quotas may already be set.
func CheckYear(year int, today Date) error {
	if year < FirstYear || year > today.Year+1 {
		return &YearRangeError{Year: year, From: FirstYear, To: today.Year + 1}
	}
	return nil
}

// LooksLikeYear reports whether s is written as a year (four digits), so
// that "/status 1999" is read as a year out of range, not an organization.
func LooksLikeYear(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ParseYear reads an optional year: empty is today's year; anything else
// must be four digits within CheckYear's range.
func ParseYear(s string, today Date) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return today.Year, nil
	}
	if !LooksLikeYear(s) {
		return 0, fmt.Errorf("%q: %w", s, ErrBadYear)
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, ErrBadYear)
	}
	if err := CheckYear(y, today); err != nil {
		return 0, err
	}
	return y, nil
}
