package office

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// TableRow is one line of a year's table.
type TableRow struct {
	Level     int // depth in the tree, 0 = top
	Code      string
	Name      string
	Quota     int
	Admitted  int
	Expected  int
	Shortfall int
	Status    string // already localized, e.g. "Hoàn thành", "Chậm tiến độ"
	Subtotal  bool   // a parent's rolled-up row
}

// Table is a year's table as the caller has computed and localized it.
type Table struct {
	Title string
	Year  int
	AsOf  time.Time
	// Headers are the localized column headers in this order: code, name,
	// quota, admitted, percent, expected, shortfall, status. Nil means
	// English defaults.
	Headers []string
	Rows    []TableRow
	Total   TableRow
	Sheets  []Sheet // extra worksheets, appended after the table
}

// Sheet is a generic extra worksheet; cells are string, int or float64.
type Sheet struct {
	Name    string
	Headers []string
	Rows    [][]any
}

var defaultHeaders = []string{"Code", "Name", "Quota", "Admitted", "Percent", "Expected", "Shortfall", "Status"}

const (
	colCount      = 8
	maxColWidth   = 60 // wider columns make the sheet unreadable on a laptop
	minColWidth   = 6
	maxIndent     = 15 // Excel's own limit is larger; deeper trees are rare
	indentWidth   = 2  // column width one indent step takes, roughly
	percentFormat = "0.0%"
)

func (t Table) headers() ([]string, error) {
	switch len(t.Headers) {
	case 0:
		return defaultHeaders, nil
	case colCount:
		return t.Headers, nil
	default:
		return nil, fmt.Errorf("table has %d headers, expected %d (code, name, quota, admitted, percent, expected, shortfall, status)", len(t.Headers), colCount)
	}
}

// percent is Admitted/Quota, absent when there is no quota to measure
// against.
func (r TableRow) percent() (float64, bool) {
	if r.Quota == 0 {
		return 0, false
	}
	return float64(r.Admitted) / float64(r.Quota), true
}

// styles are created once per workbook and shared by every cell.
type styles struct {
	f       *excelize.File
	title   int
	header  int
	pct     int
	pctBold int
	bold    int
	indent  map[[2]int]int // {level, bold} -> style
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{f: f, indent: map[[2]int]int{}}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	bold := &excelize.Font{Bold: true}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.header = mk(&excelize.Style{
		Font:      bold,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
	})
	s.pct = mk(&excelize.Style{CustomNumFmt: ptr(percentFormat)})
	s.pctBold = mk(&excelize.Style{CustomNumFmt: ptr(percentFormat), Font: bold})
	s.bold = mk(&excelize.Style{Font: bold})
	if err != nil {
		return nil, fmt.Errorf("creating cell styles: %w", err)
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

func (s *styles) name(level int, bold bool) (int, error) {
	level = min(max(level, 0), maxIndent)
	b := 0
	if bold {
		b = 1
	}
	if id, ok := s.indent[[2]int{level, b}]; ok {
		return id, nil
	}
	st := &excelize.Style{Alignment: &excelize.Alignment{Indent: level}}
	if bold {
		st.Font = &excelize.Font{Bold: true}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("creating indent style: %w", err)
	}
	s.indent[[2]int{level, b}] = id
	return id, nil
}

// WriteXLSX writes the table as a workbook: a title row, a bold header row
// with the panes frozen below it, a row per TableRow with names indented by
// level and subtotals in bold, and a bold total row; numbers are numeric
// cells and the percentage a number formatted as a percent. Extra sheets
// follow.
func WriteXLSX(w io.Writer, t Table) error {
	headers, err := t.headers()
	if err != nil {
		return fmt.Errorf("writing table: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if !t.AsOf.IsZero() {
		// Dating the file by the figures, not the clock, makes the same
		// figures give the same file.
		ts := t.AsOf.UTC().Format(time.RFC3339)
		if err := f.SetDocProps(&excelize.DocProperties{Title: t.Title, Created: ts, Modified: ts}); err != nil {
			return fmt.Errorf("setting workbook properties: %w", err)
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	names := newSheetNames()
	mainSheet := "Sheet1"
	if t.Year > 0 {
		mainSheet = names.take(strconv.Itoa(t.Year))
		if err := f.SetSheetName("Sheet1", mainSheet); err != nil {
			return fmt.Errorf("naming sheet %q: %w", mainSheet, err)
		}
	} else {
		names.take(mainSheet)
	}
	if err := writeMainSheet(f, mainSheet, t, headers, st); err != nil {
		return fmt.Errorf("writing sheet %q: %w", mainSheet, err)
	}
	for i, sh := range t.Sheets {
		name := names.take(sh.Name)
		if name == "" {
			name = names.take(fmt.Sprintf("Sheet%d", i+2))
		}
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("adding sheet %q: %w", name, err)
		}
		if err := writeExtraSheet(f, name, sh, st); err != nil {
			return fmt.Errorf("writing sheet %q: %w", name, err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}

func writeMainSheet(f *excelize.File, sheet string, t Table, headers []string, st *styles) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	// Widths must be known before the first row is streamed.
	widths := make([]int, colCount)
	fit := func(col int, s string, extra int) {
		widths[col] = max(widths[col], utf8.RuneCountInString(s)+extra)
	}
	for i, h := range headers {
		fit(i, h, 0)
	}
	measure := func(r TableRow) {
		fit(0, r.Code, 0)
		fit(1, r.Name, indentWidth*min(max(r.Level, 0), maxIndent))
		fit(2, strconv.Itoa(r.Quota), 0)
		fit(3, strconv.Itoa(r.Admitted), 0)
		fit(4, "100.0%", 0)
		fit(5, strconv.Itoa(r.Expected), 0)
		fit(6, strconv.Itoa(r.Shortfall), 0)
		fit(7, r.Status, 0)
	}
	for _, r := range t.Rows {
		measure(r)
	}
	measure(t.Total)
	if err := setWidths(sw, widths); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}},
	}); err != nil {
		return fmt.Errorf("freezing the header: %w", err)
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: t.Title}}, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", "H1"); err != nil {
		return err
	}
	hdr := make([]any, colCount)
	for i, h := range headers {
		hdr[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A2", hdr); err != nil {
		return err
	}
	row := 3
	put := func(r TableRow, bold bool, level int) error {
		nameStyle, err := st.name(level, bold)
		if err != nil {
			return err
		}
		plain, pct := 0, st.pct
		if bold {
			plain, pct = st.bold, st.pctBold
		}
		var pv any
		if p, ok := r.percent(); ok {
			pv = p
		}
		cells := []any{
			excelize.Cell{StyleID: plain, Value: r.Code},
			excelize.Cell{StyleID: nameStyle, Value: r.Name},
			excelize.Cell{StyleID: plain, Value: r.Quota},
			excelize.Cell{StyleID: plain, Value: r.Admitted},
			excelize.Cell{StyleID: pct, Value: pv},
			excelize.Cell{StyleID: plain, Value: r.Expected},
			excelize.Cell{StyleID: plain, Value: r.Shortfall},
			excelize.Cell{StyleID: plain, Value: r.Status},
		}
		cellRef, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cellRef, cells)
	}
	for _, r := range t.Rows {
		if err := put(r, r.Subtotal, r.Level); err != nil {
			return err
		}
	}
	if err := put(t.Total, true, 0); err != nil {
		return err
	}
	return sw.Flush()
}

func writeExtraSheet(f *excelize.File, sheet string, sh Sheet, st *styles) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	n := len(sh.Headers)
	for _, r := range sh.Rows {
		n = max(n, len(r))
	}
	widths := make([]int, n)
	for i, h := range sh.Headers {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range sh.Rows {
		for i, v := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cellText(v)))
		}
	}
	if err := setWidths(sw, widths); err != nil {
		return err
	}
	row := 1
	if len(sh.Headers) > 0 {
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
		}); err != nil {
			return fmt.Errorf("freezing the header: %w", err)
		}
		hdr := make([]any, len(sh.Headers))
		for i, h := range sh.Headers {
			hdr[i] = excelize.Cell{StyleID: st.header, Value: h}
		}
		if err := sw.SetRow("A1", hdr); err != nil {
			return err
		}
		row++
	}
	for _, r := range sh.Rows {
		ref, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, r); err != nil {
			return err
		}
		row++
	}
	return sw.Flush()
}

func setWidths(sw *excelize.StreamWriter, widths []int) error {
	for i, w := range widths {
		width := float64(min(max(w+2, minColWidth), maxColWidth))
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("setting width of column %d: %w", i+1, err)
		}
	}
	return nil
}

func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}

// sheetNames hands out valid, unique worksheet names.
type sheetNames map[string]bool

func newSheetNames() sheetNames { return sheetNames{} }

// take returns name made valid for Excel (no []:*?/\, at most 31
// characters) and distinct from those already taken, case-insensitively as
// Excel compares them; "" stays "" so the caller can choose a default.
func (s sheetNames) take(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	name = strings.Trim(name, "'")
	if name == "" {
		return ""
	}
	name = truncRunes(name, 31)
	cand := name
	for i := 2; s[strings.ToLower(cand)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		cand = truncRunes(name, 31-utf8.RuneCountInString(suffix)) + suffix
	}
	s[strings.ToLower(cand)] = true
	return cand
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// WriteCSV writes the table's header, rows and total as comma-separated
// UTF-8 with a byte order mark, which is what makes Excel read Vietnamese
// correctly. The percentage has one decimal and a point, without a sign.
func WriteCSV(w io.Writer, t Table) error {
	headers, err := t.headers()
	if err != nil {
		return fmt.Errorf("writing table: %w", err)
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(headers); err != nil {
		return fmt.Errorf("writing CSV header: %w", err)
	}
	rec := make([]string, colCount)
	put := func(r TableRow) error {
		pct := ""
		if p, ok := r.percent(); ok {
			pct = strconv.FormatFloat(p*100, 'f', 1, 64)
		}
		rec[0] = defuse(r.Code)
		rec[1] = defuse(r.Name)
		rec[2] = strconv.Itoa(r.Quota)
		rec[3] = strconv.Itoa(r.Admitted)
		rec[4] = pct
		rec[5] = strconv.Itoa(r.Expected)
		rec[6] = strconv.Itoa(r.Shortfall)
		rec[7] = defuse(r.Status)
		return cw.Write(rec)
	}
	for _, r := range t.Rows {
		if err := put(r); err != nil {
			return fmt.Errorf("writing CSV row %q: %w", r.Code, err)
		}
	}
	if err := put(t.Total); err != nil {
		return fmt.Errorf("writing CSV total: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// defuse keeps a text that starts like a formula from being run as one
// when the CSV is opened in a spreadsheet; names come from users.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
