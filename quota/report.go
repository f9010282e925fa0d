package quota

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxDecisionRunes bounds a decision number such as "123-QĐ/ĐU".
const MaxDecisionRunes = 40

// ReportLine is one admission as typed after /report:
// "name; dd/mm/yyyy; decision number".
type ReportLine struct {
	Line     int // 1-based line within the message
	Name     string
	Date     Date
	Decision string
}

// LineError is a line that could not be read; nothing of the message is
// recorded when any line has one.
type LineError struct {
	Line int
	Text string
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Errors of ParseReport.
var (
	ErrFutureDate  = errors.New("the date is in the future")
	ErrOldDate     = errors.New("the date is more than a year before the current year")
	ErrBadDecision = errors.New("the decision number is too long or has a line break")
	ErrTooManyPart = errors.New("a line has at most three parts: name; date; decision number")
	ErrNoLines     = errors.New("no admission given")
	ErrTooMany     = errors.New("too many lines in one message")
	ErrDuplicate   = errors.New("the same person is twice in the message")
)

// TooManyLinesError is a message of more lines than one report takes.
type TooManyLinesError struct{ Lines, Max int }

func (e *TooManyLinesError) Error() string {
	return fmt.Sprintf("%d lines, at most %d: %v", e.Lines, e.Max, ErrTooMany)
}

func (e *TooManyLinesError) Unwrap() error { return ErrTooMany }

// MaxReportLines bounds one message, so a paste accident is refused whole.
const MaxReportLines = 50

// ParseReport reads the lines of a /report message. Empty lines are
// skipped. The date defaults to today; a date after today, or before the
// previous year, is refused. It returns every line's error, not the first.
func ParseReport(text string, today Date) ([]ReportLine, []LineError) {
	var lines []ReportLine
	var errs []LineError
	seen := map[string]int{}
	raw := strings.Split(text, "\n")
	if len(raw) > MaxReportLines {
		// The message as a whole is refused: no line is wrong, so the
		// error names none (Line 0).
		return nil, []LineError{{Line: 0, Err: &TooManyLinesError{Lines: len(raw), Max: MaxReportLines}}}
	}
	for i, l := range raw {
		l = strings.TrimSpace(strings.TrimRight(l, "\r"))
		if l == "" {
			continue
		}
		rl, err := parseReportLine(l, today)
		rl.Line = i + 1
		if err == nil {
			key := IdentityKey(rl.Name) + "|" + rl.Date.String()
			if first, dup := seen[key]; dup {
				err = fmt.Errorf("%w (line %d)", ErrDuplicate, first)
			} else {
				seen[key] = rl.Line // a third copy still names the first
			}
		}
		if err != nil {
			errs = append(errs, LineError{Line: i + 1, Text: l, Err: err})
			continue
		}
		lines = append(lines, rl)
	}
	if len(lines) == 0 && len(errs) == 0 {
		errs = append(errs, LineError{Line: 1, Err: ErrNoLines})
	}
	return lines, errs
}

func parseReportLine(l string, today Date) (ReportLine, error) {
	parts := strings.Split(l, ";")
	if len(parts) > 3 {
		return ReportLine{}, ErrTooManyPart
	}
	name, err := NormalizeName(parts[0])
	if err != nil {
		return ReportLine{}, err
	}
	rl := ReportLine{Name: name, Date: today}
	if len(parts) > 1 && strings.TrimSpace(parts[1]) != "" {
		d, err := ParseDate(parts[1])
		if err != nil {
			return ReportLine{}, err
		}
		rl.Date = d
	}
	if err := CheckAdmissionDate(rl.Date, today); err != nil {
		return ReportLine{}, err
	}
	if len(parts) > 2 {
		dec := strings.Join(strings.Fields(parts[2]), " ")
		if utf8.RuneCountInString(dec) > MaxDecisionRunes {
			return ReportLine{}, ErrBadDecision
		}
		rl.Decision = dec
	}
	return rl, nil
}

// CheckAdmissionDate refuses dates after today and before the previous
// year: an admission counts in the year of its decision, and a report of
// a long-closed year is a typing mistake.
func CheckAdmissionDate(d, today Date) error {
	if today.Before(d) {
		return ErrFutureDate
	}
	if d.Year < today.Year-1 {
		return ErrOldDate
	}
	return nil
}
