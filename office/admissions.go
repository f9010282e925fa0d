package office

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

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
	grids, closer, err := readAdmissionGrids(name, data)
	if err != nil {
		return false
	}
	if closer != nil {
		defer closer.Close()
	}
	for _, g := range grids {
		if _, _, _, err := findAdmissionHeader(g.rows); err == nil {
			return true
		}
	}
	return false
}

// register is a sheet of a register; serialDates is set for a workbook,
// whose date cells hold serial numbers rather than dates.
type register struct {
	*grid
	serialDates bool
}

// ReadAdmissions reads a register of named admissions: a .csv, or the
// first sheet of an .xlsx or .ods that has the header, read as the
// organization import reads them (encodings, legacy formats refused).
// Columns are found by their header, in English or Vietnamese, under any
// title block. A header with a column twice is refused with an
// *ImportError.
func ReadAdmissions(name string, r io.Reader) ([]AdmissionRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %q: %w", name, err)
	}
	grids, closer, err := readAdmissionGrids(name, data)
	if err != nil {
		return nil, err
	}
	if closer != nil {
		defer closer.Close()
	}
	var firstErr error
	for _, g := range grids {
		rows, err := admissionRows(g)
		if err == nil {
			return rows, nil
		}
		if firstErr == nil || !errors.Is(err, ErrNotAdmissions) {
			firstErr = err
		}
		if !errors.Is(err, ErrNotAdmissions) {
			break
		}
	}
	return nil, firstErr
}

func admissionRows(g register) ([]AdmissionRow, error) {
	hi, cols, bad, err := findAdmissionHeader(g.rows)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		for i := range bad {
			bad[i].Line = g.lines[hi]
		}
		return nil, &ImportError{Errors: bad}
	}
	var out []AdmissionRow
	for i := hi + 1; i < len(g.rows); i++ {
		rec := g.rows[i]
		if isEmptyRow(rec) {
			continue
		}
		// The code names the organization surely; the name serves without one.
		org := strings.TrimSpace(cell(rec, cols[colOrg]))
		if org == "" {
			org = strings.TrimSpace(cell(rec, cols[colOrgName]))
		}
		out = append(out, AdmissionRow{
			Line:     g.lines[i],
			Org:      org,
			Name:     CleanName(cell(rec, cols[colName])),
			Date:     dateCell(cell(rec, cols[colDate]), g.serialDates),
			Decision: strings.TrimSpace(cell(rec, cols[colDecision])),
			Birth:    dateCell(cell(rec, cols[colBirth]), g.serialDates),
		})
	}
	return out, nil
}

var isoDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$`)

// dateCell writes a date cell as dd/mm/yyyy: a workbook's date cell holds
// the day's serial number, an OpenDocument one the ISO date, and a
// database export may write ISO dates; other text stays as written.
func dateCell(s string, serials bool) string {
	s = strings.TrimSpace(s)
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return m[3] + "/" + m[2] + "/" + m[1]
	}
	if !serials {
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

// readAdmissionGrids reads the sheets of a register with the readers of
// the organization import, choosing by content first and name second.
func readAdmissionGrids(name string, data []byte) ([]register, io.Closer, error) {
	ext := strings.ToLower(filepath.Ext(name))
	wrap := func(grids []*grid, serials bool) []register {
		out := make([]register, len(grids))
		for i, g := range grids {
			out[i] = register{grid: g, serialDates: serials}
		}
		return out
	}
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return nil, nil, ErrLegacyExcel
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && isODS(data):
		grids, err := readODS(data)
		return wrap(grids, false), nil, err
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		grids, c, err := readXLSX(data)
		return wrap(grids, true), c, err
	case ext == ".csv" || ext == ".txt":
		g, err := readAdmissionCSV(data)
		if err != nil {
			return nil, nil, err
		}
		return wrap([]*grid{g}, false), nil, nil
	}
	return nil, nil, fmt.Errorf("reading %q: unsupported file type %q, expected .xlsx, .ods or .csv", name, ext)
}

// readAdmissionCSV reads a CSV register: the separator is the one with
// which an admissions header appears (a comma wins ties).
func readAdmissionCSV(data []byte) (*grid, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("reading CSV: %w", err)
	}
	var first *grid
	var firstErr error
	for _, sep := range []rune{',', ';', '\t'} {
		g, err := csvGrid(text, sep)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if first == nil {
			first = g
		}
		if _, _, _, herr := findAdmissionHeader(g.rows); herr == nil {
			return g, nil
		}
	}
	if first == nil {
		return nil, fmt.Errorf("reading CSV: %w", firstErr)
	}
	return first, nil // the caller says which header is missing
}

func csvGrid(text []byte, sep rune) (*grid, error) {
	cr := newCSVReader(text, sep)
	g := &grid{sheet: "CSV"}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return g, nil
		}
		if err != nil {
			return nil, err
		}
		if isEmptyRow(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		g.rows = append(g.rows, rec)
		g.lines = append(g.lines, line)
	}
}
