package quota

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Decision is the document that set a quota: "2323-QĐ/ĐUK, 11/4/2019".
type Decision struct {
	Number string `json:"number,omitempty"`
	Date   Date   `json:"date,omitzero"`
}

// IsZero reports whether no decision is known.
func (d Decision) IsZero() bool { return d.Number == "" && d.Date.IsZero() }

// String is "2323-QĐ/ĐUK, 11/04/2019", or either part alone.
func (d Decision) String() string {
	switch {
	case d.Number == "":
		if d.Date.IsZero() {
			return ""
		}
		return d.Date.String()
	case d.Date.IsZero():
		return d.Number
	}
	return d.Number + ", " + d.Date.String()
}

// ErrBadQuotaDecision is wrapped by ParseDecision's errors.
var ErrBadQuotaDecision = errors.New(`a decision is written "2323-QĐ/ĐUK, 11/4/2019": its number, then its date`)

// maxDecisionNumber bounds a decision number; real ones are a few tens of
// characters.
const maxDecisionNumber = 64

// maxDecisionText bounds what is read: a title row with the issuing body
// is a few hundred characters.
const maxDecisionText = 1000

// ParseDecision reads a decision as users and office files write it:
// "2323-QĐ/ĐUK, 11/4/2019", "2323-QĐ/ĐUK ngày 11/4/2019", "Quyết định số
// 2323-QĐ/ĐUK ngày 11 tháng 4 năm 2019", or the title row of a quota list,
// "Kèm theo Quyết định số 2323-QĐ/ĐUK, ngày 11/4/2019 của Ban Thường vụ".
// The number keeps its letters and diacritics as written (NFC); either the
// number or the date may be missing, not both.
func ParseDecision(s string) (Decision, error) {
	orig := strings.TrimSpace(s)
	if len(orig) > maxDecisionText {
		return Decision{}, fmt.Errorf("%.40q…: longer than %d characters: %w", orig, maxDecisionText, ErrBadQuotaDecision)
	}
	words := strings.Fields(norm.NFC.String(strings.ToValidUTF8(orig, "\uFFFD")))
	// Drop the lead-in words: "Kèm theo", "Quyết định", "số", "QĐ".
	for len(words) > 0 {
		switch SearchKey(strings.Trim(words[0], ":,.")) {
		case "kem", "theo", "quyet", "dinh", "so", "decision", "no", "no.", "number":
			words = words[1:]
			continue
		}
		break
	}
	var d Decision
	// The number is the first word holding a digit; the date is what
	// follows "ngày"/"dated"/"," after it.
	for i, w := range words {
		if !strings.ContainsFunc(w, unicode.IsDigit) {
			continue
		}
		if date, ok := readDecisionDate(words[i:]); ok {
			d.Date = date // a date alone, with no number
			break
		}
		d.Number = strings.TrimRight(w, ",.;:")
		if date, ok := readDecisionDate(words[i+1:]); ok {
			d.Date = date
		}
		break
	}
	if d.Number == "" && d.Date.IsZero() {
		return Decision{}, fmt.Errorf("%q: %w", orig, ErrBadQuotaDecision)
	}
	if len(d.Number) > maxDecisionNumber {
		return Decision{}, fmt.Errorf("%q: the number is longer than %d characters: %w", orig, maxDecisionNumber, ErrBadQuotaDecision)
	}
	return d, nil
}

// readDecisionDate reads a date at the start of words, after an optional
// "ngày"/"dated"/"of"/","; dd/mm/yyyy or "11 tháng 4 năm 2019".
func readDecisionDate(words []string) (Date, bool) {
	for len(words) > 0 {
		switch SearchKey(strings.Trim(words[0], ",;:")) {
		case "", "ngay", "dated", "of", "on":
			words = words[1:]
			continue
		}
		break
	}
	if len(words) == 0 {
		return Date{}, false
	}
	if d, err := ParseDate(strings.Trim(words[0], ",;:().")); err == nil {
		return d, true
	}
	// "11 tháng 4 năm 2019"
	if len(words) >= 5 && SearchKey(words[1]) == "thang" && SearchKey(words[3]) == "nam" {
		var day, month, year int
		if _, err := fmt.Sscanf(words[0]+" "+words[2]+" "+strings.Trim(words[4], ",;:()."), "%d %d %d", &day, &month, &year); err == nil {
			if d, ok := NewDate(year, time.Month(month), day); ok && month >= 1 && month <= 12 && day >= 1 && year >= minTermYear && year <= maxTermYear {
				return d, true
			}
		}
	}
	return Date{}, false
}
