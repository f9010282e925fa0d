package office

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// OrgRow is one organization read from an import file.
type OrgRow struct {
	Line   int // 1-based line (spreadsheet row) it came from
	Code   string
	Name   string      // NFC, trimmed, inner whitespace collapsed
	Parent string      // empty for a top-level organization
	Quotas map[int]int // year -> quota, only for non-empty cells
}

// RowError is a problem with one line of an import file.
type RowError struct {
	Line int    // 1-based line number (spreadsheet row number for xlsx)
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
)

// rowError builds a RowError whose Msg is format applied to args.
func rowError(line int, kind ErrorKind, format string, args ...any) RowError {
	return RowError{Line: line, Msg: fmt.Sprintf(format, args...), Kind: kind, Args: args}
}

func (e RowError) String() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ImportError lists every bad row of an import file, so that the officer can
// fix them all in one pass rather than one per attempt.
type ImportError struct {
	Errors []RowError
	// Rows are the rows read, bad ones included, so that a caller can
	// check their parents too (CheckTree) and list every mistake at once.
	Rows []OrgRow
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

var codePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// ReadOrgs reads an import file, choosing the format by the extension of
// name: .csv, or .xlsx (its first sheet).
func ReadOrgs(name string, r io.Reader) ([]OrgRow, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".csv":
		return ReadOrgsCSV(r)
	case ".xlsx":
		return ReadOrgsXLSX(r)
	default:
		return nil, fmt.Errorf("reading %q: unsupported file type %q, expected .csv or .xlsx", name, ext)
	}
}

// ReadOrgsCSV reads organizations from CSV in UTF-8, with or without a BOM,
// separated by commas or by semicolons (as Excel writes in a Vietnamese
// locale), whichever makes the header row readable.
func ReadOrgsCSV(r io.Reader) ([]OrgRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading CSV: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, errors.New("reading CSV: the file is not UTF-8 text; save it from Excel as \"CSV UTF-8\"")
	}
	sep, err := detectSeparator(data)
	if err != nil {
		return nil, fmt.Errorf("reading CSV: %w", err)
	}
	cr := newCSVReader(data, sep)
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	return parseRows(rows, lines)
}

func newCSVReader(data []byte, sep rune) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // ragged rows are normal in hand-edited files
	cr.LazyQuotes = true
	return cr
}

// detectSeparator picks the separator with which a header appears within
// the first rows; a comma wins ties, being the standard.
func detectSeparator(data []byte) (rune, error) {
	var firstErr error
	for _, sep := range []rune{',', ';', '\t'} {
		cr := newCSVReader(data, sep)
		var rows [][]string
		for len(rows) < headerSearchRows {
			rec, err := cr.Read()
			if err != nil {
				break // a malformed tail is reported by the full read
			}
			rows = append(rows, rec)
		}
		_, _, _, err := findHeader(rows)
		if err == nil {
			return sep, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return 0, firstErr
}

// ReadOrgsXLSX reads organizations from the first sheet of a workbook.
func ReadOrgsXLSX(r io.Reader) ([]OrgRow, error) {
	// Raw values: a quota formatted "#,##0" or "0.0" is still read as the
	// number that is stored, not as what the locale would display.
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("opening workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("opening workbook: it has no sheets")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("reading sheet %q: %w", sheets[0], err)
	}
	defer it.Close()
	var rows [][]string
	var lines []int
	for n := 1; it.Next(); n++ {
		rec, err := it.Columns()
		if err != nil {
			return nil, fmt.Errorf("reading sheet %q row %d: %w", sheets[0], n, err)
		}
		if isEmptyRow(rec) {
			continue // gaps are common and keep memory to the rows that matter
		}
		rows = append(rows, rec)
		lines = append(lines, n)
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("reading sheet %q: %w", sheets[0], err)
	}
	return parseRows(rows, lines)
}

func isEmptyRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseRows finds the header and validates every row below it; lines[i]
// is the file line of rows[i].
func parseRows(rows [][]string, lines []int) ([]OrgRow, error) {
	hi, cols, bad, err := findHeader(rows)
	if err != nil {
		return nil, err
	}
	for i := range bad {
		bad[i].Line = lines[hi]
	}
	out := make([]OrgRow, 0, len(rows)-hi-1)
	firstLine := map[string]int{} // folded code -> line of its first use
	for i := hi + 1; i < len(rows); i++ {
		rec, line := rows[i], lines[i]
		if isEmptyRow(rec) {
			continue
		}
		row, errs := parseRow(rec, line, cols)
		if row.Code != "" && codePattern.MatchString(row.Code) {
			// Codes differing only in case would be the same organization
			// to anyone typing them in a chat.
			key := strings.ToLower(row.Code)
			if first, dup := firstLine[key]; dup {
				errs = append(errs, rowError(line, KindDupCode, "duplicate code %q, first used on line %d", row.Code, first))
			} else {
				firstLine[key] = line
			}
		}
		bad = append(bad, errs...)
		out = append(out, row)
	}
	if len(bad) > 0 {
		sort.SliceStable(bad, func(a, b int) bool { return bad[a].Line < bad[b].Line })
		return nil, &ImportError{Errors: bad, Rows: out}
	}
	return out, nil
}

func cell(rec []string, j int) string {
	if j < 0 || j >= len(rec) {
		return ""
	}
	return rec[j]
}

func parseRow(rec []string, line int, cols Columns) (OrgRow, []RowError) {
	var errs []RowError
	bad := func(kind ErrorKind, format string, args ...any) {
		errs = append(errs, rowError(line, kind, format, args...))
	}
	row := OrgRow{
		Line:   line,
		Code:   strings.TrimSpace(cell(rec, cols.Code)),
		Name:   CleanName(cell(rec, cols.Name)),
		Parent: strings.TrimSpace(cell(rec, cols.Parent)),
		Quotas: map[int]int{},
	}
	switch {
	case row.Code == "":
		bad(KindEmptyCode, "empty code")
	case !codePattern.MatchString(row.Code):
		bad(KindBadCode, "code %q must be 1 to 32 letters, digits, \"_\" or \"-\"", row.Code)
	}
	switch n := utf8.RuneCountInString(row.Name); {
	case n == 0:
		bad(KindEmptyName, "empty name")
	case n > maxNameRunes:
		bad(KindLongName, "name is %d characters long, at most %d allowed", n, maxNameRunes)
	}
	if row.Parent != "" && !codePattern.MatchString(row.Parent) {
		bad(KindBadParentCode, "parent code %q must be 1 to 32 letters, digits, \"_\" or \"-\"", row.Parent)
		row.Parent = "" // already reported; not an unknown parent as well
	}
	for _, qc := range cols.Quotas {
		raw := cell(rec, qc.Index)
		q, ok, kind := parseQuota(raw)
		switch {
		case kind == KindQuotaTooBig:
			bad(kind, "quota %d %q: must be at most %d", qc.Year, strings.TrimSpace(raw), maxQuota)
		case kind != "":
			bad(kind, "quota %d %q: %s", qc.Year, strings.TrimSpace(raw), quotaProblems[kind])
		case ok:
			row.Quotas[qc.Year] = q
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
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
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
