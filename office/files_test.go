package office_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/office"
)

// The files under testdata/import were saved by LibreOffice and Gnumeric
// from the sources beside them; testdata/generate.py makes them again.

func readTestFile(t *testing.T, name string) (*office.File, error) {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", "import", name))
	require.NoError(t, err)
	defer fh.Close()
	return office.ReadFile(name, fh)
}

type orgFigures struct {
	Ordinal, Code, Name, Group string
	Quotas                     map[int]int
	Terms                      map[office.Span]int
}

func figuresOf(rows []office.OrgRow) []orgFigures {
	out := make([]orgFigures, len(rows))
	for i, r := range rows {
		out[i] = orgFigures{r.Ordinal, r.Code, r.Name, r.Group, r.Quotas, r.Terms}
	}
	return out
}

var term2125 = office.Span{From: 2021, To: 2025}

// The typical decision list: title rows merged across, a two-row header
// with "Chỉ tiêu giao" merged over the years and the term, sections, a
// total of =SUM() formulas, a signature block, no code column.
func TestReadDecisionLayoutEveryWriter(t *testing.T) {
	for _, name := range []string{"decision.xlsx", "decision.ods", "decision-gnumeric.xlsx"} {
		t.Run(name, func(t *testing.T) {
			f, err := readTestFile(t, name)
			require.NoError(t, err)
			assert.Equal(t, "Danh sách", f.Sheet)
			assert.Equal(t, []int{6, 7}, f.HeaderLines)
			require.NotNil(t, f.Decision)
			assert.Equal(t, office.Decision{Number: "2323-QĐ/ĐUK", Day: 11, Month: 4, Year: 2019}, *f.Decision)
			assert.Equal(t, -1, f.Columns.Code)
			assert.Equal(t, []office.QuotaColumn{{Year: 2019, Index: 2}, {Year: 2020, Index: 3}}, f.Columns.Quotas)
			assert.Equal(t, []office.TermColumn{{Term: term2125, Index: 4}}, f.Columns.Terms)
			assert.Equal(t, []office.IgnoredColumn{{Index: 5, Header: "Ghi chú", Reason: office.IgnoredNote}}, f.Columns.Ignored)
			assert.Equal(t, []orgFigures{
				{"1", "", "Đảng bộ Công ty Cổ phần Sông Hồng", "ĐẢNG BỘ CƠ SỞ", map[int]int{2019: 12, 2020: 15}, map[office.Span]int{term2125: 70}},
				{"2", "", "Đảng bộ Tổng công ty Điện lực", "ĐẢNG BỘ CƠ SỞ", map[int]int{2019: 20, 2020: 20}, map[office.Span]int{term2125: 100}},
				{"3", "", "Đảng bộ Ngân hàng Công Thương", "ĐẢNG BỘ CƠ SỞ", map[int]int{2019: 8}, map[office.Span]int{term2125: 40}},
				{"4", "", "Chi bộ Công ty Cổ phần Vận tải Thủy", "CHI BỘ CƠ SỞ", map[int]int{2019: 2, 2020: 2}, map[office.Span]int{term2125: 10}},
				{"5", "", "Chi bộ Công ty TNHH Hưng Thịnh", "CHI BỘ CƠ SỞ", map[int]int{2020: 1}, map[office.Span]int{term2125: 5}},
				{"6", "", "Chi bộ Công ty TNHH Hùng Thịnh", "CHI BỘ CƠ SỞ", map[int]int{2019: 3, 2020: 0}, map[office.Span]int{}},
			}, figuresOf(f.Rows), "a dash and an x are no quota; a typed 0 is a quota of 0")
			for i, r := range f.Rows {
				assert.Equal(t, i+1, r.Order)
			}
			assert.Equal(t, []office.SkippedRow{
				{Line: 8, Kind: office.RowSection, Text: "I ĐẢNG BỘ CƠ SỞ"},
				{Line: 12, Kind: office.RowSection, Text: "II CHI BỘ CƠ SỞ"},
				{Line: 16, Kind: office.RowTotal, Text: "Tổng cộng 45 38 225"},
				{Line: 18, Kind: office.RowSignature, Text: "T/M BAN THƯỜNG VỤ"},
				{Line: 19, Kind: office.RowSignature, Text: "BÍ THƯ"},
				{Line: 21, Kind: office.RowSignature, Text: "Nguyễn Văn An"},
			}, f.Skipped)
			assert.Empty(t, f.Warnings, "the total matches the rows above it")
		})
	}
}

// Codes as displayed (a number formatted "000" and a text "002"), a
// hidden row and a hidden column read and named, a quota typed as text,
// other spellings of the header.
func TestReadCodesLayout(t *testing.T) {
	for _, name := range []string{"codes.xlsx", "codes.ods"} {
		t.Run(name, func(t *testing.T) {
			f, err := readTestFile(t, name)
			require.NoError(t, err)
			assert.Equal(t, "Chỉ tiêu", f.Sheet)
			assert.Equal(t, []int{2}, f.HeaderLines)
			assert.Nil(t, f.Decision)
			require.Len(t, f.Rows, 4)
			assert.Equal(t, []string{"001", "002", "003", "CB-04"}, []string{f.Rows[0].Code, f.Rows[1].Code, f.Rows[2].Code, f.Rows[3].Code})
			assert.Equal(t, "001", f.Rows[1].Parent)
			assert.Equal(t, map[int]int{2026: 4, 2027: 5}, f.Rows[1].Quotas, "a number typed as text is read")
			assert.Equal(t, map[int]int{2026: 0, 2027: 6}, f.Rows[2].Quotas)
			assert.Equal(t, map[int]int{2027: 2}, f.Rows[3].Quotas, "an en dash is no quota")
			assert.True(t, f.Rows[2].Hidden)
			var warnings []string
			for _, w := range f.Warnings {
				warnings = append(warnings, w.String())
			}
			assert.Equal(t, []string{
				`line 2: column 6 "CT 2027" is hidden; it was read`,
				`line 5: row "Chi bộ Phân xưởng Hai" is hidden; it was read`,
			}, warnings)
		})
	}
}

func TestReadSecondSheet(t *testing.T) {
	for _, name := range []string{"second-sheet.xlsx", "second-sheet.ods"} {
		t.Run(name, func(t *testing.T) {
			f, err := readTestFile(t, name)
			require.NoError(t, err)
			assert.Equal(t, "Danh sách", f.Sheet, "the sheet read is named")
			assert.Equal(t, []office.QuotaColumn{{Year: 2026, Index: 2}}, f.Columns.Quotas, "a header split over two lines")
			assert.Equal(t, []office.QuotaColumn{{Year: 2025, Index: 3}}, f.Columns.Admitted)
			require.Len(t, f.Rows, 2)
			assert.Equal(t, "Chi bộ Bệnh viện Đa khoa", f.Rows[1].Name)
			assert.Equal(t, map[int]int{2026: 5}, f.Rows[1].Quotas)
			assert.Equal(t, map[int]int{2025: 4}, f.Rows[1].Admitted)
		})
	}
}

func TestReadCSVEncodings(t *testing.T) {
	for _, name := range []string{"semicolon-bom.csv", "windows-1258.csv"} {
		t.Run(name, func(t *testing.T) {
			f, err := readTestFile(t, name)
			require.NoError(t, err)
			assert.Equal(t, []orgFigures{
				{"", "CB01", "Chi bộ Hưng Thịnh", "", map[int]int{2026: 3}, map[office.Span]int{}},
				{"", "CB02", "Chi bộ Hùng Thịnh", "", map[int]int{2026: 4}, map[office.Span]int{}},
				{"", "CB03", "Đảng bộ Sông Đà", "", map[int]int{2026: 7}, map[office.Span]int{}},
			}, figuresOf(f.Rows))
		})
	}
	_, err := readTestFile(t, "tcvn3.csv")
	require.ErrorIs(t, err, office.ErrLegacyFont)
	assert.Contains(t, err.Error(), "Unikey")
}

func TestReadLegacyExcelRefusedWithWhatToDo(t *testing.T) {
	for _, name := range []string{"decision.xls", "renamed-xls.xlsx"} {
		_, err := readTestFile(t, name)
		require.ErrorIs(t, err, office.ErrLegacyExcel, name)
		assert.Contains(t, err.Error(), "save it as .xlsx")
	}
}
