package office

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// headerSearchRows bounds how far down a title block may push the header.
const headerSearchRows = 20

// Year bounds for quota columns; anything outside is surely a typo.
const (
	minYear = 2000
	maxYear = 2100
)

// Columns locates the fields of an import file by 0-based column index.
// Parent is -1 when the file has no parent column.
type Columns struct {
	Code, Name, Parent int
	Quotas             []QuotaColumn // in column order
}

// QuotaColumn is a "quota <year>" column.
type QuotaColumn struct {
	Year, Index int
}

// errNoHeader is wrapped by FindHeader when no row has both a code and a
// name column.
var errNoHeader = errors.New("no header row found")

var (
	codeHeaders = map[string]bool{
		"code": true, "org code": true, "ma": true, "ma to chuc": true,
		"ma to chuc dang": true, "ma don vi": true, "ma so": true,
	}
	nameHeaders = map[string]bool{
		"name": true, "org name": true, "ten": true, "ten to chuc": true,
		"ten to chuc dang": true, "ten don vi": true, "ten to chuc co so dang": true,
	}
	parentHeaders = map[string]bool{
		"parent": true, "parent code": true, "truc thuoc": true,
		"don vi cap tren": true, "cap tren": true, "ma cap tren": true,
		"ma don vi cap tren": true, "to chuc cap tren": true,
	}
	// The year is captured loosely (any digits) so that an out-of-range
	// year is reported rather than the column silently ignored.
	parenthesized = regexp.MustCompile(`\([^()]*\)`)
	quotaHeader   = regexp.MustCompile(`^(?:quota|quota year|chi tieu|chi tieu nam|ct|chi tieu ket nap|chi tieu ket nap nam|chi tieu ket nap dang vien nam|chi tieu ket nap dang vien)\s?(\d+)$`)
)

// foldHeader reduces a header cell to a canonical key: lower case, without
// Vietnamese diacritics, with underscores and whitespace runs as one space
// and surrounding punctuation removed, so "  Mã tổ chức: " becomes
// "ma to chuc" and "QUOTA_2026" becomes "quota 2026".
func foldHeader(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case r == '_' || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	// Units and numbering in brackets, as in "Chỉ tiêu 2026 (người)" or
	// "(2) Mã", do not change what a column is.
	key := strings.Join(strings.Fields(parenthesized.ReplaceAllString(b.String(), " ")), " ")
	return strings.TrimFunc(key, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// FindHeader finds the header row among the first rows: the first that has
// both a code and a name column. It returns the row's index in rows and the
// columns found. A header with problems of its own (a quota year out of
// range, a field given twice) still yields the index and columns, with an
// *ImportError naming the header's line.
func FindHeader(rows [][]string) (headerIndex int, cols Columns, err error) {
	idx, cols, bad, err := findHeader(rows)
	if err != nil {
		return -1, Columns{Parent: -1}, err
	}
	if len(bad) > 0 {
		return idx, cols, &ImportError{Errors: bad}
	}
	return idx, cols, nil
}

func findHeader(rows [][]string) (int, Columns, []RowError, error) {
	for i, row := range rows {
		if i >= headerSearchRows {
			break
		}
		cols, bad, ok := parseHeader(row, i+1)
		if ok {
			return i, cols, bad, nil
		}
	}
	return -1, Columns{Parent: -1}, nil, fmt.Errorf(
		"%w in the first %d rows: expected a code column (\"code\" or \"mã\") and a name column (\"name\" or \"tên\"), optionally \"parent\" (\"trực thuộc\") and \"quota_<year>\" (\"chỉ tiêu <year>\") columns",
		errNoHeader, headerSearchRows)
}

// parseHeader reads one candidate header row; line is its 1-based line
// number in the file, for the errors it reports.
func parseHeader(row []string, line int) (Columns, []RowError, bool) {
	cols := Columns{Code: -1, Name: -1, Parent: -1}
	var bad []RowError
	seenYear := map[int]int{}
	set := func(dst *int, j int, field string) {
		if *dst >= 0 {
			bad = append(bad, rowError(line, KindDupColumn,
				"%s column appears twice (columns %d and %d)", field, *dst+1, j+1))
			return
		}
		*dst = j
	}
	for j, cell := range row {
		key := foldHeader(cell)
		switch {
		case key == "":
		case codeHeaders[key]:
			set(&cols.Code, j, "code")
		case nameHeaders[key]:
			set(&cols.Name, j, "name")
		case parentHeaders[key]:
			set(&cols.Parent, j, "parent")
		default:
			m := quotaHeader.FindStringSubmatch(key)
			if m == nil {
				continue // unknown columns, "STT", "No." and notes are ignored
			}
			year, err := strconv.Atoi(m[1])
			if err != nil || year < minYear || year > maxYear {
				bad = append(bad, rowError(line, KindBadYear,
					"column %d %q: year must be between %d and %d", j+1, strings.TrimSpace(cell), minYear, maxYear))
				continue
			}
			if first, dup := seenYear[year]; dup {
				bad = append(bad, rowError(line, KindDupYear,
					"quota for %d appears twice (columns %d and %d)", year, first+1, j+1))
				continue
			}
			seenYear[year] = j
			cols.Quotas = append(cols.Quotas, QuotaColumn{Year: year, Index: j})
		}
	}
	if cols.Code < 0 || cols.Name < 0 {
		return Columns{Parent: -1}, nil, false
	}
	return cols, bad, true
}
