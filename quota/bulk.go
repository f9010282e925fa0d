package quota

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// BulkLine is one admission of a register file, as written in it: the
// organization by code or by name, the person, the dates as text.
type BulkLine struct {
	Line     int // line (spreadsheet row) in the file
	Org      string
	Name     string
	Date     string
	Decision string
	Birth    string // optional
}

// BulkAdmission is a line that passed every check, its organization
// resolved to a code.
type BulkAdmission struct {
	Line     int
	Org      string
	Name     string
	Date     Date
	Decision string
	Birth    Date // zero when the file gives none
}

// Errors of CheckBulk, besides those of names and dates.
var (
	ErrNoOrg        = errors.New("the organization is missing")
	ErrUnknownOrg   = errors.New("no organization has this code or name")
	ErrAmbiguousOrg = errors.New("several organizations have this name: write the code")
	ErrInactiveOrg  = errors.New("the organization is deactivated")
	ErrNoDate       = errors.New("the admission date is missing")
	ErrBirthLate    = errors.New("the birth date is after the admission date")
	ErrTooYoung     = errors.New("a person is admitted at 18 or older")
	ErrDupInFile    = errors.New("the same person is twice in the file")
)

// DupInFileError is a person given twice in a file; it names the line of
// the first time.
type DupInFileError struct{ First int }

func (e DupInFileError) Error() string { return fmt.Sprintf("%v (line %d)", ErrDupInFile, e.First) }

// Unwrap makes the error an ErrDupInFile.
func (e DupInFileError) Unwrap() error { return ErrDupInFile }

// MinAdmissionAge is the age from which a person may be admitted.
const MinAdmissionAge = 18

// Resolver finds the code of an organization written by code or by name;
// it returns ErrUnknownOrg, ErrAmbiguousOrg or ErrInactiveOrg.
type Resolver func(written string) (code string, err error)

// CheckBulk checks every line of a register file with the rules of a chat
// report (the name, a date neither in the future nor before the previous
// year, the decision number), resolves the organizations and refuses the
// same person twice in the file. It returns every line's error, not the
// first, so the file can be mended in one pass.
func CheckBulk(lines []BulkLine, today Date, resolve Resolver) ([]BulkAdmission, []LineError) {
	var out []BulkAdmission
	var errs []LineError
	seen := map[string]int{}
	for _, l := range lines {
		a, err := checkBulkLine(l, today, resolve)
		if err == nil {
			key := a.Org + "|" + a.Date.String() + "|" + IdentityKey(a.Name)
			if first, dup := seen[key]; dup {
				err = DupInFileError{First: first}
			} else {
				seen[key] = l.Line
			}
		}
		if err != nil {
			errs = append(errs, LineError{Line: l.Line, Text: bulkText(l), Err: err})
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, LineError{Line: 1, Err: ErrNoLines})
	}
	return out, errs
}

func checkBulkLine(l BulkLine, today Date, resolve Resolver) (BulkAdmission, error) {
	a := BulkAdmission{Line: l.Line}
	var err error
	if a.Name, err = NormalizeName(l.Name); err != nil {
		return a, err
	}
	if strings.TrimSpace(l.Org) == "" {
		return a, ErrNoOrg
	}
	if a.Org, err = resolve(strings.Join(strings.Fields(l.Org), " ")); err != nil {
		return a, err
	}
	if strings.TrimSpace(l.Date) == "" {
		return a, ErrNoDate
	}
	if a.Date, err = ParseDate(l.Date); err != nil {
		return a, err
	}
	if err := CheckAdmissionDate(a.Date, today); err != nil {
		return a, err
	}
	a.Decision = strings.Join(strings.Fields(l.Decision), " ")
	if utf8.RuneCountInString(a.Decision) > MaxDecisionRunes {
		return a, ErrBadDecision
	}
	if strings.TrimSpace(l.Birth) != "" {
		if a.Birth, err = ParseDate(l.Birth); err != nil {
			return a, fmt.Errorf("birth date: %w", err)
		}
		// A two-digit year reads as 20yy, which for a birth date after
		// today means 19yy: a spreadsheet saved as CSV writes "12/05/90".
		if today.Before(a.Birth) && twoDigitYear(l.Birth) {
			a.Birth.Year -= 100
		}
		switch {
		case a.Date.Before(a.Birth):
			return a, ErrBirthLate
		case a.Date.Before(a.Birth.SameDayInYear(a.Birth.Year + MinAdmissionAge)):
			return a, ErrTooYoung
		}
	}
	return a, nil
}

func twoDigitYear(s string) bool {
	s = strings.TrimSpace(s)
	i := strings.LastIndexAny(s, "/-.")
	return i >= 0 && len(s)-i-1 == 2
}

// bulkText is a line as the file has it, for the error list.
func bulkText(l BulkLine) string {
	parts := []string{l.Org, l.Name, l.Date}
	if l.Decision != "" {
		parts = append(parts, l.Decision)
	}
	return strings.Join(parts, "; ")
}
