package office

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
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
		g, err := readXLSXSheet(f, data, name)
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		out = append(out, g)
	}
	return out, f, nil
}

func readXLSXSheet(f *excelize.File, data []byte, name string) (*grid, error) {
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
	if hidden, merges, ok := sheetLayout(data, name); ok {
		g.hiddenCols, g.merges = hidden, merges
	} else if err := layoutFromDOM(f, g, width); err != nil {
		return nil, err
	}
	// What a cell displays differs from its value only for numbers (a
	// code "001" is 1 formatted "000"), so the formatted sheet is read, in
	// one more pass, only when a number is asked for.
	var shown [][]string
	g.display = func(i, col int) string {
		v := cell(g.rows[i], col)
		if !isNumber(v) {
			return v
		}
		if shown == nil {
			shown = formattedRows(f, name, g.lines)
		}
		if i < len(shown) && col < len(shown[i]) {
			return shown[i][col]
		}
		return v
	}
	return g, nil
}

// layoutFromDOM reads the hidden columns and merged ranges through
// excelize, which loads the whole sheet: the slow way, for a workbook
// whose parts sheetLayout cannot find.
func layoutFromDOM(f *excelize.File, g *grid, width int) error {
	for c := range width {
		col, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return fmt.Errorf("reading sheet %q: %w", g.sheet, err)
		}
		if visible, err := f.GetColVisible(g.sheet, col); err == nil && !visible {
			g.hiddenCols[c] = true
		}
	}
	merges, err := f.GetMergeCells(g.sheet, true)
	if err != nil {
		return fmt.Errorf("reading the merged cells of sheet %q: %w", g.sheet, err)
	}
	for _, m := range merges {
		if mg, ok := mergeOf(m.GetStartAxis() + ":" + m.GetEndAxis()); ok {
			g.merges = append(g.merges, mg)
		}
	}
	return nil
}

func mergeOf(ref string) (merge, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return merge{}, false
	}
	c1, l1, err1 := excelize.CellNameToCoordinates(a)
	c2, l2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return merge{}, false
	}
	return merge{line: l1, col: c1 - 1, endLine: l2, endCol: c2 - 1}, true
}

// sheetLayout reads a worksheet's hidden columns and merged ranges from
// the workbook's parts: the <cols> before the cells and the <mergeCells>
// after them, without loading the cells again. ok is false when the parts
// are not laid out as Excel, LibreOffice and Gnumeric write them.
func sheetLayout(data []byte, sheet string) (hidden map[int]bool, merges []merge, ok bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, false
	}
	part := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					return nil
				}
				defer rc.Close()
				b, err := io.ReadAll(io.LimitReader(rc, 1<<30))
				if err != nil {
					return nil
				}
				return b
			}
		}
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(part("xl/workbook.xml"), &wb) != nil || xml.Unmarshal(part("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil, nil, false
	}
	target := ""
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				target = r.Target
			}
		}
	}
	if target == "" {
		return nil, nil, false
	}
	if strings.HasPrefix(target, "/") {
		target = target[1:]
	} else {
		target = "xl/" + target
	}
	xmlData := part(target)
	if !bytes.Contains(xmlData, []byte("<worksheet")) {
		return nil, nil, false // a prefixed namespace: let excelize read it
	}
	hidden = map[int]bool{}
	if frag := fragment(xmlData, "cols"); frag != nil {
		var cols struct {
			Col []struct {
				Min    int    `xml:"min,attr"`
				Max    int    `xml:"max,attr"`
				Hidden string `xml:"hidden,attr"`
			} `xml:"col"`
		}
		if xml.Unmarshal(frag, &cols) != nil {
			return nil, nil, false
		}
		for _, c := range cols.Col {
			if c.Hidden == "1" || c.Hidden == "true" {
				for k := max(c.Min, 1); k <= c.Max && k <= max(c.Min, 1)+maxHiddenSpan; k++ {
					hidden[k-1] = true
				}
			}
		}
	}
	if frag := fragment(xmlData, "mergeCells"); frag != nil {
		var mc struct {
			Cells []struct {
				Ref string `xml:"ref,attr"`
			} `xml:"mergeCell"`
		}
		if xml.Unmarshal(frag, &mc) != nil {
			return nil, nil, false
		}
		for _, c := range mc.Cells {
			if m, ok := mergeOf(c.Ref); ok {
				merges = append(merges, m)
			}
		}
	}
	return hidden, merges, true
}

// maxHiddenSpan bounds a hidden column range: "hide every column to the
// right" is one element covering 16,000 columns.
const maxHiddenSpan = 1000

// fragment is the element <name …>…</name> of a worksheet's XML, nil when
// there is none.
func fragment(data []byte, name string) []byte {
	start := bytes.Index(data, []byte("<"+name+">"))
	if start < 0 {
		start = bytes.Index(data, []byte("<"+name+" "))
	}
	if start < 0 {
		return nil
	}
	end := bytes.Index(data[start:], []byte("</"+name+">"))
	if end < 0 {
		return nil
	}
	return data[start : start+end+len(name)+3]
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && strings.TrimSpace(s) != ""
}

// formattedRows reads a sheet's cells as they display, for the rows at
// lines; a row it cannot read is left empty, its values standing.
func formattedRows(f *excelize.File, sheet string, lines []int) [][]string {
	out := make([][]string, len(lines))
	it, err := f.Rows(sheet)
	if err != nil {
		return out
	}
	defer it.Close()
	i := 0
	for n := 1; it.Next() && i < len(lines); n++ {
		if n != lines[i] {
			continue
		}
		if rec, err := it.Columns(excelize.Options{RawCellValue: false}); err == nil {
			out[i] = rec
		}
		i++
	}
	return out
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
	if looksVNI(string(out)) {
		return nil, ErrLegacyFont
	}
	return norm.NFC.Bytes(out), nil
}

// vniMarks are letters of Western European alphabets that Vietnamese does
// not use, and that VNI's tone and vowel marks become when its text is
// read as Windows-1258 or as Unicode: "Ñaûng" for "Đảng", "chöùc" for
// "chức", "toå" for "tổ".
const vniMarks = "ñÑûÛøØäÄåÅæÆçÇëËïÏüÜÿöÖîÎ"

// looksVNI reports whether text holds VNI's marks often enough to be VNI
// rather than a stray foreign name.
func looksVNI(text string) bool {
	marks, letters := 0, 0
	for _, r := range text {
		switch {
		case strings.ContainsRune(vniMarks, r):
			marks++
		case r >= 0x80:
			letters++
		}
	}
	return marks >= 3 && marks*3 >= marks+letters
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

// looksLegacyText reports whether a workbook's text was typed in a legacy
// font encoding: TCVN3 or VNI.
func looksLegacyText(rows [][]string) bool {
	if looksTCVN3Text(rows) {
		return true
	}
	var b strings.Builder
	for _, row := range rows {
		for _, c := range row {
			b.WriteString(c)
		}
	}
	return looksVNI(b.String())
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
