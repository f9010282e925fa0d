package office

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// AdmissionRow is one admission of a register file, as written: the
// organization by code or name, the person, and the dates as dd/mm/yyyy
// (a date cell) or as the text of the cell.
type AdmissionRow struct {
	Line     int // 1-based line (spreadsheet row) it came from
	Org      string
	Name     string
	Date     string
	Decision string
	Birth    string
}

// ErrNotAdmissions is returned when no header row names the columns of a
// list of admissions.
var ErrNotAdmissions = errors.New("no header row of a list of admissions found")

// The fields of a register file, indexing admissionColumns.
const (
	colOrg     = iota // the organization's code, or its name
	colOrgName        // its name, beside a code column
	colName
	colDate
	colDecision
	colBirth
	nAdmissionCols
)

// admissionColumns locates the fields of a register file; -1 for none.
type admissionColumns [nAdmissionCols]int

// admissionHeaders maps a folded header to its field.
var admissionHeaders = map[string]int{}

func init() {
	for field, keys := range [nAdmissionCols][]string{
		colOrg:     {"org", "org code", "ma", "ma to chuc", "ma to chuc dang", "ma don vi"},
		colOrgName: {"organization", "organisation", "org name", "to chuc", "to chuc dang", "ten to chuc", "ten to chuc dang", "to chuc co so dang", "don vi", "ten don vi", "chi bo", "dang bo"},
		colName:    {"full name", "person", "ho va ten", "ho ten", "ho va ten dang vien", "ten dang vien", "dang vien", "ho va ten nguoi duoc ket nap"},
		colDate:    {"admission date", "date admitted", "admitted on", "ngay ket nap", "ngay ket nap dang", "ngay vao dang", "ngay ket nap vao dang"},
		colDecision: {"decision", "decision no", "decision number", "so quyet dinh", "quyet dinh", "so qd", "quyet dinh ket nap",
			"so quyet dinh ket nap", "so qd ket nap"},
		colBirth: {"birth date", "date of birth", "born", "ngay sinh", "ngay thang nam sinh", "sinh ngay"},
	} {
		for _, k := range keys {
			admissionHeaders[k] = field
		}
	}
}

// findAdmissionHeader finds the first row among the first rows that names
// an organization, a name and an admission date column.
func findAdmissionHeader(rows [][]string) (int, admissionColumns, []RowError, error) {
	for i, row := range rows {
		if i >= headerSearchRows {
			break
		}
		cols := admissionColumns{-1, -1, -1, -1, -1, -1}
		var bad []RowError
		for j, c := range row {
			field, ok := admissionHeaders[foldHeader(c)]
			if !ok {
				continue // "STT", notes and unknown columns are ignored
			}
			if cols[field] >= 0 {
				bad = append(bad, rowError(i+1, KindDupColumn, "%s column appears twice (columns %d and %d)", strings.TrimSpace(c), cols[field]+1, j+1))
				continue
			}
			cols[field] = j
		}
		if (cols[colOrg] >= 0 || cols[colOrgName] >= 0) && cols[colName] >= 0 && cols[colDate] >= 0 {
			return i, cols, bad, nil
		}
	}
	return -1, admissionColumns{}, nil, fmt.Errorf(
		"%w in the first %d rows: expected an organization column (\"mã tổ chức\" or \"tên tổ chức\", \"org\"), a name column (\"họ và tên\", \"full name\") and a date column (\"ngày kết nạp\", \"admission date\"), optionally \"số quyết định\" (\"decision\") and \"ngày sinh\" (\"birth date\")",
		ErrNotAdmissions, headerSearchRows)
}

// IsAdmissions reports whether a file reads as a list of admissions rather
// than a list of organizations, by its header row.
func IsAdmissions(name string, data []byte) bool {
	rows, _, err := readTable(name, bytes.NewReader(data), headerSearchRows)
	if err != nil {
		return false
	}
	_, _, _, err = findAdmissionHeader(rows)
	return err == nil
}

// ReadAdmissions reads a register file (.csv or the first sheet of an
// .xlsx) of named admissions. Columns are found by their header, in
// English or Vietnamese, under any title block. A header with a column
// twice is refused with an *ImportError.
func ReadAdmissions(name string, r io.Reader) ([]AdmissionRow, error) {
	rows, lines, err := readTable(name, r, 0)
	if err != nil {
		return nil, err
	}
	hi, cols, bad, err := findAdmissionHeader(rows)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		for i := range bad {
			bad[i].Line = lines[hi]
		}
		return nil, &ImportError{Errors: bad}
	}
	xlsx := strings.EqualFold(filepath.Ext(name), ".xlsx")
	var out []AdmissionRow
	for i := hi + 1; i < len(rows); i++ {
		rec := rows[i]
		if isEmptyRow(rec) {
			continue
		}
		// The code names the organization surely; the name serves without one.
		org := strings.TrimSpace(cell(rec, cols[colOrg]))
		if org == "" {
			org = strings.TrimSpace(cell(rec, cols[colOrgName]))
		}
		out = append(out, AdmissionRow{
			Line:     lines[i],
			Org:      org,
			Name:     CleanName(cell(rec, cols[colName])),
			Date:     dateCell(cell(rec, cols[colDate]), xlsx),
			Decision: strings.TrimSpace(cell(rec, cols[colDecision])),
			Birth:    dateCell(cell(rec, cols[colBirth]), xlsx),
		})
	}
	return out, nil
}

// dateCell writes a date cell of a workbook, which holds the day's serial
// number, as dd/mm/yyyy; text, and every CSV cell, stays as written.
func dateCell(s string, xlsx bool) string {
	s = strings.TrimSpace(s)
	if !xlsx {
		return s
	}
	serial, err := strconv.ParseFloat(s, 64)
	// 1 is 01/01/1900 and 2958465 is 31/12/9999, the range Excel dates.
	if err != nil || serial < 1 || serial > 2958465 {
		return s
	}
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

// readTable reads the rows of a .csv or of the first sheet of an .xlsx,
// skipping empty rows, with each row's line number; limit > 0 stops after
// that many rows.
func readTable(name string, r io.Reader, limit int) ([][]string, []int, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".csv":
		return readCSVTable(r, limit)
	case ".xlsx":
		return readXLSXTable(r, limit)
	default:
		return nil, nil, fmt.Errorf("reading %q: unsupported file type %q, expected .csv or .xlsx", name, ext)
	}
}

func readCSVTable(r io.Reader, limit int) ([][]string, []int, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("reading CSV: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, nil, errors.New("reading CSV: the file is not UTF-8 text; save it from Excel as \"CSV UTF-8\"")
	}
	// The separator is the one with which a header appears; a comma wins ties.
	var rows [][]string
	var lines []int
	for _, sep := range []rune{',', ';', '\t'} {
		rows, lines, err = csvRows(data, sep, limit)
		if err != nil {
			continue
		}
		if _, _, _, herr := findAdmissionHeader(rows); herr == nil {
			return rows, lines, nil
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading CSV: %w", err)
	}
	return rows, lines, nil // the caller says what header is missing
}

func csvRows(data []byte, sep rune, limit int) ([][]string, []int, error) {
	cr := newCSVReader(data, sep)
	var rows [][]string
	var lines []int
	for limit <= 0 || len(rows) < limit {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if isEmptyRow(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	return rows, lines, nil
}

func readXLSXTable(r io.Reader, limit int) ([][]string, []int, error) {
	// Raw values: a date cell gives its serial number, whatever the
	// locale would display, and dateCell turns it into the day.
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fmt.Errorf("opening workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, errors.New("opening workbook: it has no sheets")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, nil, fmt.Errorf("reading sheet %q: %w", sheets[0], err)
	}
	defer it.Close()
	var rows [][]string
	var lines []int
	for n := 1; it.Next() && (limit <= 0 || len(rows) < limit); n++ {
		rec, err := it.Columns()
		if err != nil {
			return nil, nil, fmt.Errorf("reading sheet %q row %d: %w", sheets[0], n, err)
		}
		if isEmptyRow(rec) {
			continue
		}
		rows = append(rows, rec)
		lines = append(lines, n)
	}
	if err := it.Error(); err != nil {
		return nil, nil, fmt.Errorf("reading sheet %q: %w", sheets[0], err)
	}
	return rows, lines, nil
}
