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
	// minHistoryYear lets the totals of years before the bot reach back
	// to the letters that compare with them ("từ năm 2013-2018").
	minHistoryYear = 1990
	maxTermYears   = 20 // as the domain bounds a term
)

// Field is what a column of an import file holds.
type Field int

// The fields a column can hold.
const (
	FieldNone     Field = iota
	FieldOrdinal        // "STT": the position in the decision
	FieldCode           // the organization's code
	FieldName           // the organization's name
	FieldParent         // the parent's code or name
	FieldQuota          // a year's quota
	FieldTerm           // a term's quota ("Giai đoạn 2021-2025")
	FieldAdmitted       // admitted in a year before the bot ("Đã kết nạp 2018")
	FieldNote           // remarks, read by people only
)

// Span is a term: the years From to To inclusive.
type Span struct{ From, To int }

func (s Span) String() string { return fmt.Sprintf("%d-%d", s.From, s.To) }

// Columns locates the fields of an import file by 0-based column index;
// -1 is a column the file does not have.
type Columns struct {
	Code, Name, Parent, Ordinal int
	Quotas                      []QuotaColumn // in column order
	Terms                       []TermColumn
	Admitted                    []QuotaColumn // totals of years before the bot
	// Headers is the text of each column's header, both rows of a
	// two-row header joined with " / ".
	Headers []string
	Ignored []IgnoredColumn
}

// QuotaColumn is a column of one year's figures.
type QuotaColumn struct {
	Year, Index int
}

// TermColumn is a column of quotas for a term.
type TermColumn struct {
	Term  Span
	Index int
}

// IgnoredColumn is a column the import does not store, and why.
type IgnoredColumn struct {
	Index  int
	Header string
	Reason IgnoreReason
}

// IgnoreReason says why a column is not stored.
type IgnoreReason string

// The reasons a column is not stored.
const (
	IgnoredNote    IgnoreReason = "note"    // remarks
	IgnoredUnknown IgnoreReason = "unknown" // a header that names nothing the import stores
	IgnoredEmpty   IgnoreReason = "empty"   // cells with no header
)

func noColumns() Columns { return Columns{Code: -1, Name: -1, Parent: -1, Ordinal: -1} }

// figures counts the columns that hold numbers to store.
func (c Columns) figures() int { return len(c.Quotas) + len(c.Terms) + len(c.Admitted) }

// ErrNoHeader is wrapped by FindHeader when no row has a name column and
// another column the import knows.
var ErrNoHeader = errors.New("no header row found")

// The header spellings offices use, matched against foldHeader's key. This
// table is the one place that says which header means which field; add a
// spelling here (and to TestHeaderSpellings) and every format knows it.
var (
	quotaWords    = `(?:quota|plan|chi tieu|ct|ke hoach|kh)(?: (?:giao|duoc giao|kn|ket nap|ket nap dang vien|kndv|dang vien|dv))*`
	admittedWords = `(?:admitted|da ket nap|so da ket nap|ket nap duoc|da kn|so dv da ket nap|so dang vien da ket nap|so luong da ket nap|so ket nap|ket qua ket nap|ket qua|thuc hien|th)`
	termWords     = `(?:giai doan|nhiem ky|ca nhiem ky|ca giai doan|gd|nk|term)`

	headerSpellings = []struct {
		field   Field
		pattern *regexp.Regexp
	}{
		{FieldOrdinal, regexp.MustCompile(`^(?:stt|tt|so tt|so thu tu|thu tu|no|nr|#)$`)},
		{FieldCode, regexp.MustCompile(`^(?:code|org code|ma|ma so|ma to chuc(?: dang| co so dang)?|ma don vi|ma tccs(?: dang)?|ma tccsd|ma dang bo|ma chi bo|ky hieu|so hieu)$`)},
		{FieldName, regexp.MustCompile(`^(?:name|org name|organization|ten|ten to chuc(?: dang| co so dang| dang co so)?|ten don vi|ten tccs(?: dang)?|ten tccsd|to chuc co so dang|to chuc dang|tccs dang|don vi|ten dang bo chi bo|ten dang bo|ten chi bo|dang bo chi bo|ten dang bo co so|ten co so dang)$`)},
		{FieldParent, regexp.MustCompile(`^(?:parent|parent code|truc thuoc|don vi cap tren|cap tren|ma cap tren|ma don vi cap tren|to chuc cap tren)$`)},
		{FieldNote, regexp.MustCompile(`^(?:ghi chu|note|notes|remarks)$`)},
		{FieldTerm, regexp.MustCompile(`^(?:` + quotaWords + ` )?(?:` + termWords + ` )?(\d{4})-(\d{4})$`)},
		{FieldAdmitted, regexp.MustCompile(`^` + admittedWords + `(?: nam| year)? ?(\d{4})$`)},
		{FieldQuota, regexp.MustCompile(`^(?:` + quotaWords + `(?: nam| year)?|nam|year)? ?(\d{4})$`)},
	}
	// Upper cells of a two-row header that give their years a meaning.
	quotaGroup    = regexp.MustCompile(`^` + quotaWords + `(?: nam| year)?$`)
	admittedGroup = regexp.MustCompile(`^` + admittedWords + `(?: nam| year)?$`)
	bareYear      = regexp.MustCompile(`^(?:nam |year )?(\d{4})$`)
	bareTerm      = regexp.MustCompile(`^(?:` + termWords + ` )?(\d{4})-(\d{4})$`)
	anyYear       = regexp.MustCompile(`(?:^|\D)(\d{4})(?:\D|$)`)
	parenthesized = regexp.MustCompile(`\([^()]*\)`)
	dashSpaced    = regexp.MustCompile(`(\d) ?- ?(\d)`)
	fourDigits    = regexp.MustCompile(`\d{4}`)
)

// foldHeader reduces a header cell to a canonical key: lower case, without
// Vietnamese diacritics, punctuation as spaces, whitespace runs as one
// space, a span of years as "2021-2025", so that "  Mã tổ chức: " becomes
// "ma to chuc", "QUOTA_2026" becomes "quota 2026" and "Giai đoạn 2021 –
// 2025" becomes "giai doan 2021-2025".
func foldHeader(s string) string {
	// Units and numbering in brackets, as in "Chỉ tiêu 2026 (người)" or
	// "(2) Mã", do not change what a column is; a year in brackets does.
	s = parenthesized.ReplaceAllStringFunc(s, func(p string) string {
		if fourDigits.MatchString(p) {
			return " " + p[1:len(p)-1] + " "
		}
		return " "
	})
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case r == '-' || r == '–' || r == '—':
			r = '-'
		case r == '#':
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Trim(dashSpaced.ReplaceAllString(b.String(), "$1-$2"), " -")
}

// column is what one header cell (with the upper cell of a two-row
// header as group) means.
type column struct {
	field Field
	year  int
	term  Span
}

// classifyHeader says what a header cell holds. group is the upper cell of
// a two-row header above it, "" in a one-row header.
func classifyHeader(label, group string) column {
	key, gkey := foldHeader(label), foldHeader(group)
	if key == "" {
		key, gkey = gkey, ""
	}
	if gkey != "" {
		admitted := admittedGroup.MatchString(gkey)
		if admitted || quotaGroup.MatchString(gkey) {
			if m := bareYear.FindStringSubmatch(key); m != nil {
				y, _ := strconv.Atoi(m[1])
				if admitted {
					return column{field: FieldAdmitted, year: y}
				}
				return column{field: FieldQuota, year: y}
			}
			if m := bareTerm.FindStringSubmatch(key); m != nil && !admitted {
				return column{field: FieldTerm, term: spanOf(m[1], m[2])}
			}
		}
	}
	if c, ok := matchSpelling(key); ok {
		return c
	}
	if gkey != "" {
		if c, ok := matchSpelling(gkey + " " + key); ok {
			return c
		}
	}
	return column{}
}

func matchSpelling(key string) (column, bool) {
	for _, s := range headerSpellings {
		m := s.pattern.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		c := column{field: s.field}
		switch s.field {
		case FieldQuota, FieldAdmitted:
			c.year, _ = strconv.Atoi(m[1])
		case FieldTerm:
			c.term = spanOf(m[1], m[2])
		}
		return c, true
	}
	return column{}, false
}

func spanOf(a, b string) Span {
	from, _ := strconv.Atoi(a)
	to, _ := strconv.Atoi(b)
	return Span{From: from, To: to}
}

// FindHeader finds the header among the first rows: the first row that
// has a name column and another column the import knows, with the row
// below it when that row completes a two-row header. It returns the index
// of the header's first row and the columns found. A header with problems
// of its own (a year out of range, a field given twice) still yields the
// index and columns, with an *ImportError naming the header's line.
func FindHeader(rows [][]string) (headerIndex int, cols Columns, err error) {
	lines := make([]int, len(rows))
	for i := range lines {
		lines[i] = i + 1
	}
	h, bad, err := findHeader(&grid{rows: rows, lines: lines})
	if err != nil {
		return -1, noColumns(), err
	}
	if len(bad) > 0 {
		return h.first, h.cols, &ImportError{Errors: bad}
	}
	return h.first, h.cols, nil
}

// header is where a grid's header is and what it says.
type header struct {
	first, last int // indices of its first and last row in the grid
	cols        Columns
}

func findHeader(g *grid) (header, []RowError, error) {
	for i := range g.rows {
		if i >= headerSearchRows {
			break
		}
		cols, bad, ok := parseHeader(g.spread(i), nil, g.lines[i])
		if !ok {
			continue
		}
		h := header{first: i, last: i, cols: cols}
		if i+1 < len(g.rows) && strings.TrimSpace(cell(g.rows[i+1], cols.Name)) == "" {
			two, bad2, ok := parseHeader(g.spread(i), g.rows[i+1], g.lines[i])
			if ok && two.figures() > cols.figures() {
				h, bad = header{first: i, last: i + 1, cols: two}, bad2
			}
		}
		return h, bad, nil
	}
	if looksLegacyText(g.rows) {
		return header{}, nil, ErrLegacyFont
	}
	return header{}, nil, fmt.Errorf(
		"%w in the first %d rows: expected a name column (\"tên tổ chức cơ sở đảng\", \"đơn vị\" or \"name\") with a code (\"mã\"), \"STT\" or quota columns (\"chỉ tiêu 2026\", \"năm 2026\", \"giai đoạn 2026-2030\")",
		ErrNoHeader, headerSearchRows)
}

// parseHeader reads a candidate header: upper is its first row, lower the
// second row of a two-row header or nil. line is the header's 1-based
// line in the file, for the errors it reports.
func parseHeader(upper, lower []string, line int) (Columns, []RowError, bool) {
	cols := noColumns()
	var bad []RowError
	seenYear := map[Field]map[int]int{FieldQuota: {}, FieldAdmitted: {}}
	seenTerm := map[Span]int{}
	set := func(dst *int, j int, field string) {
		if *dst >= 0 {
			bad = append(bad, rowError(line, KindDupColumn,
				"%s column appears twice (columns %d and %d)", field, *dst+1, j+1))
			return
		}
		*dst = j
	}
	width := max(len(upper), len(lower))
	carry := "" // a group label of a two-row header, over the cells after it
	for j := range width {
		label, group := cell(upper, j), ""
		text := strings.TrimSpace(label)
		if lower != nil {
			up, low := strings.TrimSpace(cell(upper, j)), strings.TrimSpace(cell(lower, j))
			switch {
			case up != "" && low != "":
				label, group, carry = low, up, up
				text = up + " / " + low
			case up == "" && low != "" && carry != "":
				label, group = low, carry
				text = carry + " / " + low
			case low != "":
				label, text, carry = low, low, ""
			default:
				carry = ""
			}
			if up != "" && low == "" {
				carry = ""
			}
		}
		cols.Headers = append(cols.Headers, text)
		c := classifyHeader(label, group)
		switch c.field {
		case FieldOrdinal:
			set(&cols.Ordinal, j, "STT")
		case FieldCode:
			set(&cols.Code, j, "code")
		case FieldName:
			set(&cols.Name, j, "name")
		case FieldParent:
			set(&cols.Parent, j, "parent")
		case FieldNote:
			cols.Ignored = append(cols.Ignored, IgnoredColumn{Index: j, Header: text, Reason: IgnoredNote})
		case FieldQuota, FieldAdmitted:
			lo := minYear
			if c.field == FieldAdmitted {
				lo = minHistoryYear
			}
			if c.year < lo || c.year > maxYear {
				bad = append(bad, rowError(line, KindBadYear,
					"column %d %q: year must be between %d and %d", j+1, text, lo, maxYear))
				continue
			}
			if first, dup := seenYear[c.field][c.year]; dup {
				bad = append(bad, rowError(line, KindDupYear,
					"quota for %d appears twice (columns %d and %d)", c.year, first+1, j+1))
				continue
			}
			seenYear[c.field][c.year] = j
			qc := QuotaColumn{Year: c.year, Index: j}
			if c.field == FieldQuota {
				cols.Quotas = append(cols.Quotas, qc)
			} else {
				cols.Admitted = append(cols.Admitted, qc)
			}
		case FieldTerm:
			t := c.term
			if t.From < minYear || t.To > maxYear || t.To <= t.From || t.To-t.From >= maxTermYears {
				bad = append(bad, rowError(line, KindBadTerm,
					"column %d %q: a term runs from one year to a later one, at most %d years, between %d and %d", j+1, text, maxTermYears, minYear, maxYear))
				continue
			}
			if first, dup := seenTerm[t]; dup {
				bad = append(bad, rowError(line, KindDupTerm,
					"quota for the term %s appears twice (columns %d and %d)", t, first+1, j+1))
				continue
			}
			seenTerm[t] = j
			cols.Terms = append(cols.Terms, TermColumn{Term: t, Index: j})
		default:
			switch {
			case text == "":
			case anyYear.MatchString(foldHeader(text)):
				// A year nobody can read as a quota is a figure that would
				// be lost: it is refused, never skipped.
				bad = append(bad, rowError(line, KindYearColumn,
					"column %d %q holds a year but is not a column the import knows: write \"Chỉ tiêu 2026\", \"Giai đoạn 2026-2030\" or \"Đã kết nạp 2025\", or delete the column", j+1, text))
			default:
				cols.Ignored = append(cols.Ignored, IgnoredColumn{Index: j, Header: text, Reason: IgnoredUnknown})
			}
		}
	}
	known := cols.Code >= 0 || cols.Ordinal >= 0 || cols.Parent >= 0 || cols.figures() > 0 || len(bad) > 0
	if cols.Name < 0 || !known {
		return noColumns(), nil, false
	}
	return cols, bad, true
}

// stripMarks removes Vietnamese diacritics: "Đảng ủy" becomes "Dang uy".
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
