package quota

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Field is what a correction of an admission changes.
type Field string

// The fields of an admission a secretary may correct.
const (
	FieldName     Field = "name"
	FieldDate     Field = "date"
	FieldDecision Field = "decision"
)

// ParseField reads a field as a button or a command names it.
func ParseField(s string) (Field, bool) {
	switch f := Field(s); f {
	case FieldName, FieldDate, FieldDecision:
		return f, true
	}
	return "", false
}

// Correction is one change of an admission, kept with it for the audit
// trail: what changed, from what to what, by whom and when.
type Correction struct {
	Field Field     `json:"field"`
	Old   string    `json:"old"`
	New   string    `json:"new"`
	By    int64     `json:"by"`
	At    time.Time `json:"at"`
}

// Errors of a correction.
var (
	ErrRetracted = errors.New("a retracted admission is no longer corrected")
	ErrNoChange  = errors.New("the correction changes nothing")
	ErrBadField  = errors.New("an admission's name, date or decision number can be corrected")
)

// Correct returns the admission with one field set to value, read by the
// same rules as /report, and the correction to keep. The original is not
// changed.
func (a Admission) Correct(f Field, value string, today Date, by int64, at time.Time) (Admission, Correction, error) {
	if a.Retracted {
		return a, Correction{}, ErrRetracted
	}
	c := Correction{Field: f, By: by, At: at}
	next := a
	switch f {
	case FieldName:
		name, err := NormalizeName(value)
		if err != nil {
			return a, c, err
		}
		c.Old, c.New, next.Name = a.Name, name, name
		if a.Name == name {
			return a, c, ErrNoChange
		}
	case FieldDate:
		d, err := ParseDate(value)
		if err != nil {
			return a, c, err
		}
		if err := CheckAdmissionDate(d, today); err != nil {
			return a, c, err
		}
		c.Old, c.New, next.Date = a.Date.String(), d.String(), d
		if a.Date == d {
			return a, c, ErrNoChange
		}
	case FieldDecision:
		dec := strings.Join(strings.Fields(value), " ")
		if utf8.RuneCountInString(dec) > MaxDecisionRunes {
			return a, c, ErrBadDecision
		}
		c.Old, c.New, next.Decision = a.Decision, dec, dec
		if a.Decision == dec {
			return a, c, ErrNoChange
		}
	default:
		return a, c, fmt.Errorf("%q: %w", f, ErrBadField)
	}
	next.Corrections = append(append([]Correction(nil), a.Corrections...), c)
	return next, c, nil
}

// SameBatch reports whether two admissions were reported by one message
// (or one confirmed dialog): /undo takes such a batch back whole.
func SameBatch(a, b Admission) bool {
	return a.UpdateID != 0 && a.UpdateID == b.UpdateID && a.ReportedBy == b.ReportedBy
}
