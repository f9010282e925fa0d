package office

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"quotabot/quota"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// OrgRow is one organization read from an import file.
type OrgRow struct {
	Line    int    // 1-based line (spreadsheet row) it came from
	Ordinal string // "STT" as written, "" without that column
	Code    string // "" when the file has no code for it: matched by name
	Name    string // NFC, trimmed, inner whitespace collapsed
	Parent  string // code or name; empty for top-level, or without that column
	Group   string // the section row above it ("ĐẢNG BỘ CƠ SỞ"), if any
	Order   int    // 1-based position among the file's organizations
	Hidden  bool   // the row is hidden in the workbook
	// Figures, only for cells that hold a number; a dash, an "x" or an
	// empty cell is no quota.
	Quotas   map[int]int  // year -> quota
	Terms    map[Span]int // term -> quota
	Admitted map[int]int  // year before the bot -> admitted total
}

// RowError is a problem with one line of an import file.
type RowError struct {
	Line int    // 1-based line number (spreadsheet row number for xlsx)
	Text string // the row's name or text, so the officer sees which row
	Msg  string // in English, for the command line and logs
	// Kind names the mistake and Args are its values, in the order of
	// Msg's verbs, so a chat can say it in the reader's language.
	Kind ErrorKind
	Args []any
}

// ErrorKind is the kind of a mistake in an import file.
type ErrorKind string

// The kinds of mistakes, each with the Args it carries.
const (
	KindDupColumn      ErrorKind = "dup_column"      // field ("code", "name", "parent"), column, column
	KindBadYear        ErrorKind = "bad_year"        // column, header text, min year, max year
	KindDupYear        ErrorKind = "dup_year"        // year, column, column
	KindDupCode        ErrorKind = "dup_code"        // code, first line
	KindEmptyCode      ErrorKind = "empty_code"      // none
	KindBadCode        ErrorKind = "bad_code"        // code
	KindEmptyName      ErrorKind = "empty_name"      // none
	KindLongName       ErrorKind = "long_name"       // length, limit
	KindBadParentCode  ErrorKind = "bad_parent_code" // parent
	KindQuotaNegative  ErrorKind = "quota_negative"  // year, cell
	KindQuotaAmbiguous ErrorKind = "quota_ambiguous" // year, cell
	KindQuotaNotWhole  ErrorKind = "quota_not_whole" // year, cell
	KindQuotaTooBig    ErrorKind = "quota_too_big"   // year, cell, limit
	KindUnknownParent  ErrorKind = "unknown_parent"  // parent
	KindOwnParent      ErrorKind = "own_parent"      // none
	KindCycle          ErrorKind = "cycle"           // parent, the cycle "A -> B -> A"
	KindBadTerm        ErrorKind = "bad_term"        // column, header text, max years, min year, max year
	KindDupTerm        ErrorKind = "dup_term"        // term, column, column
	KindYearColumn     ErrorKind = "year_column"     // column, header text
	KindAmbiguousName  ErrorKind = "ambiguous_name"  // name, code, code
	KindDupName        ErrorKind = "dup_name"        // name, first line

	// Warnings: the import goes ahead, and the summary says them.
	KindTotalMismatch  ErrorKind = "total_mismatch"   // column, total, sum
	KindTotalNotNumber ErrorKind = "total_not_number" // column, cell
	KindPastIgnored    ErrorKind = "past_ignored"     // year, named, total
	KindHiddenRow      ErrorKind = "hidden_row"       // name
	KindHiddenColumn   ErrorKind = "hidden_column"    // column, header text
)

// ErrNoQuotaColumn is wrapped when a file's header has no quota column.
var ErrNoQuotaColumn = errors.New("no quota column")

// NoQuotaColumnError refuses a file in which no quota column is
// recognized, naming the columns that were found.
type NoQuotaColumnError struct {
	Sheet   string
	Columns []string
}

func (e *NoQuotaColumnError) Error() string {
	q := make([]string, len(e.Columns))
	for i, c := range e.Columns {
		q[i] = strconv.Quote(c)
	}
	return fmt.Sprintf("%v on sheet %q: no quota column was recognized; the columns found are %s; write the quota columns as \"Chỉ tiêu 2026\", \"Năm 2026\" or \"Giai đoạn 2026-2030\"",
		ErrNoQuotaColumn, e.Sheet, strings.Join(q, ", "))
}

func (e *NoQuotaColumnError) Unwrap() error { return ErrNoQuotaColumn }

// rowError builds a RowError whose Msg is format applied to args.
func rowError(line int, kind ErrorKind, format string, args ...any) RowError {
	return RowError{Line: line, Msg: fmt.Sprintf(format, args...), Kind: kind, Args: args}
}

func (e RowError) String() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Quoted is String with the row's text, so the officer sees which row.
func (e RowError) Quoted() string {
	if e.Text != "" {
		return fmt.Sprintf("line %d (%s): %s", e.Line, e.Text, e.Msg)
	}
	return e.String()
}

// ImportError lists every bad row of an import file, so that the officer can
// fix them all in one pass rather than one per attempt.
type ImportError struct {
	Errors []RowError
	// Rows are the rows read, bad ones included, so that a caller can
	// check their parents too (CheckTree) and list every mistake at once.
	Rows []OrgRow
	// File is the file as read, when the mistakes are in its rows, so
	// that it can be checked against the stored organizations too.
	File *File
}

func (e *ImportError) Error() string {
	var b strings.Builder
	if len(e.Errors) == 1 {
		b.WriteString("1 error in the file:")
	} else {
		fmt.Fprintf(&b, "%d errors in the file:", len(e.Errors))
	}
	for _, re := range e.Errors {
		b.WriteString("\n")
		b.WriteString(re.String())
	}
	return b.String()
}

const maxNameRunes = 200

// maxQuota keeps sums far from overflow; no organization admits a million
// members a year, so a bigger figure is a mistake in the file.
const maxQuota = 1_000_000

// File is an import file as read: the sheet its table is on, what each
// column became, the organizations in the decision's order, and every row
// that was not an organization with the reason, so that a preview can say
// exactly what will be stored.
type File struct {
	Sheet       string
	HeaderLines []int // 1-based lines of the header (two for a two-row header)
	Columns     Columns
	Decision    *Decision // from the title rows, when they name it
	Rows        []OrgRow
	Skipped     []SkippedRow
	// Warnings do not stop the import: a total that does not match the
	// rows above it, a hidden row or column that was read.
	Warnings []RowError
}

// Decision is the decision that set the quotas of a file, as its title
// says ("Kèm theo Quyết định số 2323-QĐ/ĐUK ngày 11/4/2019").
type Decision struct {
	Number           string
	Day, Month, Year int
}

// after reports whether d is dated after e; an undated one is after none.
func (d Decision) after(e Decision) bool {
	if d.Year == 0 || e.Year == 0 {
		return false
	}
	return [3]int{d.Year, d.Month, d.Day} != [3]int{e.Year, e.Month, e.Day} &&
		(d.Year > e.Year || d.Year == e.Year && (d.Month > e.Month || d.Month == e.Month && d.Day > e.Day))
}

func (d Decision) String() string {
	if d.Year == 0 {
		return d.Number
	}
	return fmt.Sprintf("%s, %02d/%02d/%04d", d.Number, d.Day, d.Month, d.Year)
}

// ReadFile reads an import file. The format is taken from the content
// first and the name second, so a workbook renamed .csv, or an Excel
// 97-2003 file renamed .xlsx, gets the answer its content calls for.
func ReadFile(name string, r io.Reader) (*File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %q: %w", name, err)
	}
	ext := strings.ToLower(filepath.Ext(name))
	var grids []*grid
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return nil, ErrLegacyExcel
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && isODS(data):
		grids, err = readODS(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		var c io.Closer
		grids, c, err = readXLSX(data)
		if err == nil {
			defer c.Close()
		}
	case ext == ".csv" || ext == ".txt":
		var g *grid
		g, err = readCSV(bytes.NewReader(data))
		grids = []*grid{g}
	case ext == ".xlsx" || ext == ".ods" || ext == ".xls":
		return nil, fmt.Errorf("reading %q: the file is not a workbook (perhaps damaged, or a web page saved as %s): open it in Excel or LibreOffice and save it as .xlsx", name, ext)
	default:
		return nil, fmt.Errorf("reading %q: unsupported file type %q, expected .xlsx, .ods or .csv", name, ext)
	}
	if err != nil {
		return nil, err
	}
	return parseGrids(grids)
}

// isODS reports whether a zip is an OpenDocument file: its first entry is
// "mimetype", stored, naming the type.
func isODS(data []byte) bool {
	const at = 30 // the local header of the first entry, then its name
	return len(data) > at+8+60 && string(data[at:at+8]) == "mimetype" &&
		bytes.Contains(data[at:at+8+80], []byte("application/vnd.oasis.opendocument"))
}

// ReadOrgs reads an import file and returns its organizations; see ReadFile.
func ReadOrgs(name string, r io.Reader) ([]OrgRow, error) {
	f, err := ReadFile(name, r)
	if err != nil {
		return nil, err
	}
	return f.Rows, nil
}

// ReadOrgsCSV reads organizations from CSV in UTF-8 (with or without a
// BOM), UTF-16 or Windows-1258, separated by commas or by semicolons (as
// Excel writes in a Vietnamese locale), whichever makes the header
// readable.
func ReadOrgsCSV(r io.Reader) ([]OrgRow, error) { return ReadOrgs("orgs.csv", r) }

// ReadOrgsXLSX reads organizations from a workbook: the first sheet that
// has a header.
func ReadOrgsXLSX(r io.Reader) ([]OrgRow, error) { return ReadOrgs("orgs.xlsx", r) }

func newCSVReader(data []byte, sep rune) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // ragged rows are normal in hand-edited files
	cr.LazyQuotes = true
	return cr
}

// detectSeparator picks the separator with which a header appears within
// the first rows; a comma wins ties, being the standard.
func detectSeparator(data []byte) rune {
	for _, sep := range []rune{',', ';', '\t'} {
		cr := newCSVReader(data, sep)
		g := &grid{}
		for len(g.rows) < headerSearchRows {
			rec, err := cr.Read()
			if err != nil {
				break // a malformed tail is reported by the full read
			}
			g.rows = append(g.rows, rec)
			g.lines = append(g.lines, len(g.rows))
		}
		if _, _, err := findHeader(g); err == nil {
			return sep
		}
	}
	return ','
}

func isEmptyRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseGrids reads the table of the first sheet that has a header.
func parseGrids(grids []*grid) (*File, error) {
	var firstErr error
	for _, g := range grids {
		h, bad, err := findHeader(g)
		if err != nil {
			if firstErr == nil || errors.Is(err, ErrLegacyFont) {
				firstErr = err
			}
			continue
		}
		return parseGrid(g, h, bad)
	}
	if len(grids) > 1 && errors.Is(firstErr, ErrNoHeader) {
		names := make([]string, len(grids))
		for i, g := range grids {
			names[i] = fmt.Sprintf("%q", g.sheet)
		}
		return nil, fmt.Errorf("%w (sheets searched: %s)", firstErr, strings.Join(names, ", "))
	}
	return nil, firstErr
}

// figureColumn is a column of numbers, for totals and values alike.
type figureColumn struct {
	index int
	name  string // "2026", "2021-2025", "đã kết nạp 2018", for messages
	put   func(r *OrgRow, n int)
}

func figureColumns(cols Columns) []figureColumn {
	var out []figureColumn
	for _, q := range cols.Quotas {
		out = append(out, figureColumn{q.Index, strconv.Itoa(q.Year), func(r *OrgRow, n int) { r.Quotas[q.Year] = n }})
	}
	for _, t := range cols.Terms {
		out = append(out, figureColumn{t.Index, t.Term.String(), func(r *OrgRow, n int) { r.Terms[t.Term] = n }})
	}
	for _, a := range cols.Admitted {
		out = append(out, figureColumn{a.Index, "admitted " + strconv.Itoa(a.Year), func(r *OrgRow, n int) { r.Admitted[a.Year] = n }})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].index < out[b].index })
	return out
}

// parseGrid reads the rows below the header: organizations, and the rows
// that are not (sections, totals, the signature block), each named.
func parseGrid(g *grid, h header, bad []RowError) (*File, error) {
	cols := h.cols
	f := &File{Sheet: g.sheet, Columns: cols}
	for i := h.first; i <= h.last; i++ {
		f.HeaderLines = append(f.HeaderLines, g.lines[i])
	}
	for i := range bad {
		bad[i].Line = g.lines[h.first]
	}
	f.Decision = findDecision(g.rows[:h.first])
	if cols.figures() == 0 && cols.Parent < 0 && len(bad) > 0 {
		return nil, &ImportError{Errors: bad}
	}
	if cols.figures() == 0 && cols.Parent < 0 {
		e := &NoQuotaColumnError{Sheet: g.sheet}
		for _, hd := range cols.Headers {
			if hd != "" {
				e.Columns = append(e.Columns, hd)
			}
		}
		return nil, e
	}
	for c := range g.hiddenCols {
		if c < len(cols.Headers) && cols.Headers[c] != "" && used(cols, c) {
			f.Warnings = append(f.Warnings, rowError(g.lines[h.first], KindHiddenColumn,
				"column %d %q is hidden; it was read", c+1, cols.Headers[c]))
		}
	}
	sort.Slice(f.Warnings, func(a, b int) bool { return f.Warnings[a].Msg < f.Warnings[b].Msg })

	figs := figureColumns(cols)
	all := make([]int, len(figs))     // sums of the organizations so far
	section := make([]int, len(figs)) // sums since the last section row
	var sectionRow *pendingSubtotal
	group := ""
	footer := false // below a total or a signature line, only the signature block follows
	firstLine := map[string]int{}
	closeSection := func() {
		if sectionRow != nil {
			f.Warnings = append(f.Warnings, checkTotal(sectionRow.line, sectionRow.text, sectionRow.values, figs, section)...)
		}
		sectionRow = nil
		clear(section)
	}
	for i := h.last + 1; i < len(g.rows); i++ {
		rec, line := g.rows[i], g.lines[i]
		kind, text := classifyRow(g, i, cols, figs, footer, i == h.last+1)
		switch kind {
		case RowEmpty:
			continue
		case RowNumbering:
			f.Skipped = append(f.Skipped, SkippedRow{Line: line, Kind: kind, Text: text})
			continue
		case RowSection:
			closeSection()
			group = sectionLabel(g, i, cols)
			if vals := rowFigures(rec, figs); vals != nil {
				sectionRow = &pendingSubtotal{line: line, text: text, values: vals}
			}
			f.Skipped = append(f.Skipped, SkippedRow{Line: line, Kind: kind, Text: text})
			continue
		case RowTotal:
			f.Warnings = append(f.Warnings, badTotals(line, text, rec, figs)...)
			f.Warnings = append(f.Warnings, checkTotal(line, text, rowFigures(rec, figs), figs, all, section)...)
			closeSection()
			footer = true
			f.Skipped = append(f.Skipped, SkippedRow{Line: line, Kind: kind, Text: text})
			continue
		case RowSignature:
			footer = true
			f.Skipped = append(f.Skipped, SkippedRow{Line: line, Kind: kind, Text: text})
			continue
		}
		row, errs := parseRow(g, i, cols, figs)
		row.Group = group
		row.Order = len(f.Rows) + 1
		row.Hidden = g.hiddenRows[line]
		if row.Hidden {
			f.Warnings = append(f.Warnings, rowError(line, KindHiddenRow, "row %q is hidden; it was read", row.Name))
		}
		if row.Code != "" && quota.ValidCode(row.Code) {
			// Codes differing only in case would be the same organization
			// to anyone typing them in a chat.
			key := strings.ToLower(row.Code)
			if first, dup := firstLine[key]; dup {
				errs = append(errs, rowError(line, KindDupCode, "duplicate code %q, first used on line %d", row.Code, first))
			} else {
				firstLine[key] = line
			}
		}
		for k, fc := range figs {
			if n, ok, _ := parseQuota(cell(rec, fc.index)); ok {
				all[k] += n
				section[k] += n
			}
		}
		for j := range errs {
			errs[j].Text = shorten(row.Name, 60)
		}
		bad = append(bad, errs...)
		f.Rows = append(f.Rows, row)
	}
	closeSection()
	// A header typed in Unicode over names typed in a TCVN3 or VNI font
	// would store "Ñaûng" for "Đảng".
	names := make([][]string, len(f.Rows))
	for i, r := range f.Rows {
		names[i] = []string{r.Name}
	}
	if looksLegacyText(names) {
		return nil, ErrLegacyFont
	}
	sort.SliceStable(f.Warnings, func(a, b int) bool { return f.Warnings[a].Line < f.Warnings[b].Line })
	if len(bad) > 0 {
		sort.SliceStable(bad, func(a, b int) bool { return bad[a].Line < bad[b].Line })
		return nil, &ImportError{Errors: bad, Rows: f.Rows, File: f}
	}
	return f, nil
}

type pendingSubtotal struct {
	line   int
	text   string
	values []*int
}

// used reports whether column c is stored.
func used(cols Columns, c int) bool {
	if c == cols.Code || c == cols.Name || c == cols.Parent {
		return true
	}
	for _, fc := range figureColumns(cols) {
		if fc.index == c {
			return true
		}
	}
	return false
}

// rowFigures reads the numbers of a total or section row; nil when it has
// none at all.
func rowFigures(rec []string, figs []figureColumn) []*int {
	out := make([]*int, len(figs))
	any := false
	for k, fc := range figs {
		if n, ok, _ := parseQuota(cell(rec, fc.index)); ok {
			out[k], any = &n, true
		}
	}
	if !any {
		return nil
	}
	return out
}

// badTotals reports the cells of a total row that are not numbers: a
// formula whose cached value is an error ("#VALUE!", "Err:522").
func badTotals(line int, text string, rec []string, figs []figureColumn) []RowError {
	var out []RowError
	for _, fc := range figs {
		raw := strings.TrimSpace(cell(rec, fc.index))
		if _, _, problem := parseQuota(raw); problem != "" {
			e := rowError(line, KindTotalNotNumber, "the total for %s is %q, not a number", fc.name, raw)
			e.Text = text
			out = append(out, e)
		}
	}
	return out
}

// checkTotal compares a total row with the sums of the rows it adds up:
// all the rows above (sums[0]), or those of its section, for a "Cộng"
// closing a section.
func checkTotal(line int, text string, values []*int, figs []figureColumn, sums ...[]int) []RowError {
	var out []RowError
	for k, v := range values {
		if v == nil {
			continue
		}
		matched := false
		for _, s := range sums {
			matched = matched || *v == s[k]
		}
		if !matched {
			sums := sums[0]
			e := rowError(line, KindTotalMismatch, "the total for %s says %d but the rows above add up to %d", figs[k].name, *v, sums[k])
			e.Text = text
			out = append(out, e)
		}
	}
	return out
}

func parseRow(g *grid, i int, cols Columns, figs []figureColumn) (OrgRow, []RowError) {
	rec, line := g.rows[i], g.lines[i]
	var errs []RowError
	bad := func(kind ErrorKind, format string, args ...any) {
		errs = append(errs, rowError(line, kind, format, args...))
	}
	row := OrgRow{
		Line:     line,
		Name:     CleanName(cell(rec, cols.Name)),
		Parent:   strings.TrimSpace(g.text(i, cols.Parent)), // as displayed, as the code is
		Quotas:   map[int]int{},
		Terms:    map[Span]int{},
		Admitted: map[int]int{},
	}
	if cols.Ordinal >= 0 {
		row.Ordinal = strings.TrimSpace(cell(rec, cols.Ordinal))
	}
	if cols.Code >= 0 {
		// As displayed: a code "001" typed in a number cell stays "001".
		row.Code = strings.TrimSpace(g.text(i, cols.Code))
	}
	if row.Code != "" && !quota.ValidCode(row.Code) {
		bad(KindBadCode, "code %q must be 1 to 32 letters, digits, \"_\" or \"-\"", row.Code)
	}
	switch n := utf8.RuneCountInString(row.Name); {
	case n == 0:
		bad(KindEmptyName, "empty name")
	case n > maxNameRunes:
		bad(KindLongName, "name is %d characters long, at most %d allowed", n, maxNameRunes)
	}
	for _, fc := range figs {
		raw := cell(rec, fc.index)
		q, ok, kind := parseQuota(raw)
		switch {
		case kind == KindQuotaTooBig:
			bad(kind, "quota %s %q: must be at most %d", fc.name, strings.TrimSpace(raw), maxQuota)
		case kind != "":
			bad(kind, "quota %s %q: %s", fc.name, strings.TrimSpace(raw), quotaProblems[kind])
		case ok:
			fc.put(&row, q)
		}
	}
	return row, errs
}

var quotaProblems = map[ErrorKind]string{
	KindQuotaNegative:  "must not be negative",
	KindQuotaAmbiguous: "ambiguous: write the number without a thousands separator",
	KindQuotaNotWhole:  "must be a whole number",
}

// parseQuota reads a whole number >= 0. It returns ok=false for an empty
// cell, and the kind of mistake when the cell is not acceptable.
func parseQuota(s string) (q int, ok bool, problem ErrorKind) {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' })
	switch s {
	case "", "-", "–", "—", "x", "X", "--":
		// What offices write for "no quota": not an error, not negative.
		return 0, false, ""
	}
	if strings.HasPrefix(s, "-") {
		return 0, false, KindQuotaNegative
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if hasDot {
		// "12.0" is how a number cell may come out of Excel; but "1.000"
		// is a thousand in Vietnamese and one in English, so refuse it.
		if len(frac) == 3 && allDigits(frac) && allDigits(whole) {
			return 0, false, KindQuotaAmbiguous
		}
		if !allDigits(frac) || strings.Trim(frac, "0") != "" {
			return 0, false, KindQuotaNotWhole
		}
	}
	if !allDigits(whole) {
		return 0, false, KindQuotaNotWhole
	}
	n, err := strconv.Atoi(whole)
	if err != nil || n > maxQuota {
		return 0, false, KindQuotaTooBig
	}
	return n, true, ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// CleanName normalizes a name as it is stored: Unicode NFC, trimmed, with
// runs of whitespace collapsed to one space, so that the same name typed on
// different keyboards compares equal.
func CleanName(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
