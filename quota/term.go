package quota

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Term is a span of years, both ends included: a term quota's "giai đoạn
// 2021-2025" or "nhiệm kỳ 2025-2030", or the range of an average
// ("bình quân 2013-2018").
type Term struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// The years a term may span: the same bounds as an admission date's year.
const (
	minTermYear = 1930
	maxTermYear = 2200
	// maxTermYears bounds a term: a Party term is five years, a plan a few
	// more; a longer span is a typing mistake.
	maxTermYears = 20
)

// ErrBadTerm is wrapped by ParseTerm's and Term.Validate's errors.
var ErrBadTerm = errors.New(`a term is written "2021-2025": the first and the last year`)

// termWords are the words that may precede a term, already folded by
// SearchKey; the longest first so "giai doan" is not read as "giai".
var termWords = []string{"giai doan", "nhiem ky", "term", "period", "gd", "nk"}

// ParseTerm reads "2021-2025", "2021–2025", "2021 - 2025", "giai đoạn
// 2021-2025", "nhiệm kỳ 2025-2030" or "term 2021-2025", as a leader types
// it or an office file heads a column.
func ParseTerm(s string) (Term, error) {
	orig := strings.TrimSpace(s)
	rest := SearchKey(orig)
	for _, w := range termWords {
		if after, ok := strings.CutPrefix(rest, w); ok && (after == "" || after[0] == ' ' || isDigit(after[0])) {
			rest = strings.TrimSpace(after)
			break
		}
	}
	from, to, ok := splitYears(rest)
	if !ok {
		return Term{}, fmt.Errorf("%q: %w", orig, ErrBadTerm)
	}
	t := Term{From: from, To: to}
	if err := t.Validate(); err != nil {
		return Term{}, fmt.Errorf("%q: %w", orig, err)
	}
	return t, nil
}

// splitYears reads two four-digit years separated by a dash (any of
// - – — ‑), a slash or "den"/"to", with optional spaces.
func splitYears(s string) (int, int, bool) {
	if len(s) < 4 || !allDigits(s[:4]) {
		return 0, 0, false
	}
	from, _ := strconv.Atoi(s[:4])
	sep := strings.TrimSpace(s[4:])
	if len(sep) < 4 {
		return 0, 0, false
	}
	tail := sep[len(sep)-4:]
	sep = strings.TrimSpace(sep[:len(sep)-4])
	switch sep {
	case "-", "–", "—", "‑", "/", "den", "to":
	default:
		return 0, 0, false
	}
	if !allDigits(tail) {
		return 0, 0, false
	}
	to, _ := strconv.Atoi(tail)
	return from, to, true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// Validate checks that the term runs forward, within the years quotabot
// knows, and is not absurdly long.
func (t Term) Validate() error {
	switch {
	case t.From < minTermYear || t.To > maxTermYear:
		return fmt.Errorf("%d-%d: the years are out of range: %w", t.From, t.To, ErrBadTerm)
	case t.To < t.From:
		return fmt.Errorf("%d-%d: the last year is before the first: %w", t.From, t.To, ErrBadTerm)
	case t.To-t.From+1 > maxTermYears:
		return fmt.Errorf("%d-%d: longer than %d years: %w", t.From, t.To, maxTermYears, ErrBadTerm)
	}
	return nil
}

// String is "2021-2025", as the letter writes it.
func (t Term) String() string { return fmt.Sprintf("%d-%d", t.From, t.To) }

// IsZero reports whether the term is unset.
func (t Term) IsZero() bool { return t == Term{} }

// Years is the number of years the term spans.
func (t Term) Years() int { return t.To - t.From + 1 }

// Contains reports whether the year is inside the term.
func (t Term) Contains(year int) bool { return year >= t.From && year <= t.To }

// Start is 1 January of the first year; End is 31 December of the last.
func (t Term) Start() Date { return Date{t.From, 1, 1} }

// End is 31 December of the term's last year.
func (t Term) End() Date { return Date{t.To, 12, 31} }

// AsOf is the date a term's progress is measured on: today while it
// runs, its last day once it is over, its first day before it starts.
func (t Term) AsOf(today Date) Date {
	switch {
	case today.Year > t.To:
		return t.End()
	case today.Year < t.From:
		return t.Start()
	}
	return today
}

// Days is the number of days the term spans, leap days included.
func (t Term) Days() int {
	n := 0
	for y := t.From; y <= t.To; y++ {
		n += DaysInYear(y)
	}
	return n
}

// CurrentTerm picks, among terms, the one a year belongs to: the latest
// starting of those containing it, because Party terms share their
// boundary year (2020-2025 and 2025-2030) and the new one is what is
// being worked on. ok is false when none contains the year.
func CurrentTerm(terms []Term, year int) (Term, bool) {
	var best Term
	found := false
	for _, t := range terms {
		if t.Contains(year) && (!found || t.From > best.From || (t.From == best.From && t.To < best.To)) {
			best, found = t, true
		}
	}
	return best, found
}
