package office

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// grid is one sheet as read, before any meaning is given to its cells.
type grid struct {
	sheet string
	rows  [][]string // cell values; numbers as stored, not as formatted
	lines []int      // 1-based line (spreadsheet row) of each row
	// display gives the text a cell shows, where it differs from its
	// value: a code "001" is a number 1 formatted with leading zeros.
	display    func(i, col int) string
	hiddenRows map[int]bool // by line
	hiddenCols map[int]bool // by 0-based column
	merges     []merge
}

// merge is a merged range, by line and 0-based column, inclusive.
type merge struct{ line, col, endLine, endCol int }

// text is what cell (i, col) shows.
func (g *grid) text(i, col int) string {
	if g.display != nil {
		return g.display(i, col)
	}
	return cell(g.rows[i], col)
}

// spread returns row i with the value of each merged range that starts on
// that line copied into every column the range covers, as a reader sees a
// merged "Chỉ tiêu giao" above its years.
func (g *grid) spread(i int) []string {
	row := append([]string(nil), g.rows[i]...)
	for _, m := range g.merges {
		if m.line > g.lines[i] || m.endLine < g.lines[i] || m.endCol <= m.col {
			continue
		}
		v := ""
		if m.line == g.lines[i] {
			v = cell(row, m.col)
		}
		for len(row) <= m.endCol {
			row = append(row, "")
		}
		for c := m.col + 1; c <= m.endCol; c++ {
			if strings.TrimSpace(row[c]) == "" {
				row[c] = v
			}
		}
	}
	return row
}

// oleMagic starts every Excel 97-2003 (.xls) workbook, whatever its name.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ErrLegacyExcel is returned for an Excel 97-2003 workbook (.xls), which
// the import does not read: no maintained Go library reads it well.
var ErrLegacyExcel = errors.New("the file is an Excel 97-2003 workbook (.xls), which cannot be read: open it in Excel or LibreOffice and save it as .xlsx (File > Save As > Excel Workbook), then send the .xlsx")

// readXLSX reads every sheet of a workbook. The grids read the workbook
// for what cells display until it is closed.
func readXLSX(data []byte) ([]*grid, io.Closer, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, nil, ErrLegacyExcel
	}
	// Raw values: a quota formatted "#,##0" or "0.0" is still read as the
	// number that is stored, not as what the locale would display.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fmt.Errorf("opening workbook: %w", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, nil, errors.New("opening workbook: it has no sheets")
	}
	var out []*grid
	for _, name := range sheets {
		g, err := readXLSXSheet(f, name)
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		out = append(out, g)
	}
	return out, f, nil
}

func readXLSXSheet(f *excelize.File, name string) (*grid, error) {
	g := &grid{sheet: name, hiddenRows: map[int]bool{}, hiddenCols: map[int]bool{}}
	it, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("reading sheet %q: %w", name, err)
	}
	defer it.Close()
	width := 0
	for n := 1; it.Next(); n++ {
		rec, err := it.Columns()
		if err != nil {
			return nil, fmt.Errorf("reading sheet %q row %d: %w", name, n, err)
		}
		if isEmptyRow(rec) {
			continue // gaps are common and keep memory to the rows that matter
		}
		if it.GetRowOpts().Hidden {
			g.hiddenRows[n] = true
		}
		g.rows = append(g.rows, rec)
		g.lines = append(g.lines, n)
		width = max(width, len(rec))
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("reading sheet %q: %w", name, err)
	}
	for c := range width {
		col, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return nil, fmt.Errorf("reading sheet %q: %w", name, err)
		}
		if visible, err := f.GetColVisible(name, col); err == nil && !visible {
			g.hiddenCols[c] = true
		}
	}
	merges, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, fmt.Errorf("reading the merged cells of sheet %q: %w", name, err)
	}
	for _, m := range merges {
		c1, l1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, l2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil {
			g.merges = append(g.merges, merge{line: l1, col: c1 - 1, endLine: l2, endCol: c2 - 1})
		}
	}
	g.display = func(i, col int) string {
		ref, err := excelize.CoordinatesToCellName(col+1, g.lines[i])
		if err != nil {
			return cell(g.rows[i], col)
		}
		v, err := f.GetCellValue(name, ref, excelize.Options{RawCellValue: false})
		if err != nil {
			return cell(g.rows[i], col)
		}
		return v
	}
	return g, nil
}

// readCSV reads a CSV file as one grid; see decodeText for the encodings.
func readCSV(r io.Reader) (*grid, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading CSV: %w", err)
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("reading CSV: %w", err)
	}
	sep := detectSeparator(text)
	cr := newCSVReader(text, sep)
	g := &grid{sheet: "CSV"}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if isEmptyRow(rec) {
			continue
		}
		g.rows = append(g.rows, rec)
		g.lines = append(g.lines, line)
	}
	return g, nil
}

// The legacy encodings a Vietnamese CSV may come in, refused or converted.
var (
	// ErrLegacyFont is returned for text in TCVN3 (ABC, the .VnTime
	// fonts) or VNI, which only displays right with those fonts.
	ErrLegacyFont = errors.New("the text is in a legacy Vietnamese font encoding (TCVN3/ABC .VnTime, or VNI), not Unicode: convert it with Unikey's converter (Công cụ chuyển mã, source TCVN3 or VNI, destination Unicode), or open it in Excel and save as \"CSV UTF-8\"")
	// ErrNotText is returned for bytes that are no known text encoding.
	ErrNotText = errors.New("the file is not UTF-8 text: open it in Excel and save it as \"CSV UTF-8\"")
)

// decodeText returns data as UTF-8 without a byte order mark. UTF-16 (what
// Excel calls "Unicode text") and Windows-1258 are converted; TCVN3 is
// recognized and refused with how to convert it.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\uFEFF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), data)
		if err != nil {
			return nil, ErrNotText
		}
		return out, nil
	}
	if utf8.Valid(data) {
		return data, nil
	}
	if looksTCVN3(data) {
		return nil, ErrLegacyFont
	}
	// Windows-1258 writes tone marks as combining characters; NFC joins
	// them to the letters, as every other input is stored.
	out, err := charmap.Windows1258.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, ErrNotText
	}
	return norm.NFC.Bytes(out), nil
}

// looksTCVN3 reports whether the high bytes of data are mostly in
// 0xA1-0xBF: TCVN3's letters Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ and many toned
// vowels live there, where Windows-1258 has only symbols (¡ § « ° …) that
// Vietnamese text seldom uses.
func looksTCVN3(data []byte) bool {
	high, band := 0, 0
	for _, c := range data {
		if c >= 0x80 {
			high++
			if c >= 0xA1 && c <= 0xBF {
				band++
			}
		}
	}
	return high > 0 && band*4 >= high
}

// looksTCVN3Text is looksTCVN3 for text already in Unicode, as a workbook
// typed in a .VnTime font holds it: "§¶ng" where "Đảng" was meant.
func looksTCVN3Text(rows [][]string) bool {
	high, band := 0, 0
	for _, row := range rows {
		for _, c := range row {
			for _, r := range c {
				if r >= 0x80 {
					high++
					if r >= 0xA1 && r <= 0xBF {
						band++
					}
				}
			}
		}
	}
	return high > 0 && band*4 >= high
}

func cell(rec []string, j int) string {
	if j < 0 || j >= len(rec) {
		return ""
	}
	return rec[j]
}
