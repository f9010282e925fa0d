package office_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"quotabot/office"
)

func sampleTable() office.Table {
	return office.Table{
		Title:   "Kết quả kết nạp đảng viên năm 2026",
		Year:    2026,
		AsOf:    time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		Headers: []string{"Mã", "Tên tổ chức", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ", "Dự kiến", "Còn thiếu", "Tình trạng"},
		Rows: []office.TableRow{
			{Level: 0, Code: "DU01", Name: "Đảng ủy Công ty Cổ phần Sông Hồng", Quota: 12, Admitted: 7, Expected: 6, Shortfall: 0, Status: "Đúng tiến độ", Subtotal: true},
			{Level: 1, Code: "CB01", Name: "Chi bộ Nguyễn Thị Ánh", Quota: 10, Admitted: 7, Expected: 5, Status: "Đúng tiến độ"},
			{Level: 1, Code: "CB02", Name: "=HYPERLINK(\"x\")", Quota: 2, Admitted: 0, Expected: 1, Shortfall: 1, Status: "Chậm tiến độ"},
			{Level: 0, Code: "CB03", Name: "Chi bộ không chỉ tiêu", Quota: 0, Admitted: 1, Status: "Hoàn thành"},
		},
		Total: office.TableRow{Name: "Tổng cộng", Quota: 12, Admitted: 8, Expected: 6, Shortfall: 1},
		Sheets: []office.Sheet{{
			Name:    "Lịch sử: 2019/2026",
			Headers: []string{"Năm", "Đã kết nạp", "Tỷ lệ"},
			Rows:    [][]any{{2019, 152, 0.506}, {2020, 301, 1.003}},
		}},
	}
}

func TestWriteXLSXReadBack(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, office.WriteXLSX(&buf, sampleTable()))

	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.Equal(t, []string{"2026", "Lịch sử_ 2019_2026"}, sheets)
	const s = "2026"

	get := func(ref string) string {
		v, err := f.GetCellValue(s, ref, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		return v
	}
	// An absent cell type is the number type in the file format.
	numeric := func(ref string) bool {
		ct, err := f.GetCellType(s, ref)
		require.NoError(t, err)
		return (ct == excelize.CellTypeNumber || ct == excelize.CellTypeUnset) && get(ref) != ""
	}
	style := func(ref string) *excelize.Style {
		id, err := f.GetCellStyle(s, ref)
		require.NoError(t, err)
		st, err := f.GetStyle(id)
		require.NoError(t, err)
		return st
	}

	assert.Equal(t, "Kết quả kết nạp đảng viên năm 2026", get("A1"))
	assert.Equal(t, "Tên tổ chức", get("B2"))
	assert.True(t, style("B2").Font.Bold, "header is bold")

	panes, err := f.GetPanes(s)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 2, panes.YSplit, "frozen below the header")

	// Row 3: DU01 subtotal.
	assert.Equal(t, "DU01", get("A3"))
	assert.Equal(t, "12", get("C3"))
	assert.Equal(t, "7", get("D3"))
	assert.True(t, numeric("C3"))
	assert.True(t, numeric("E3"))
	pct, err := strconv.ParseFloat(get("E3"), 64)
	require.NoError(t, err)
	assert.InDelta(t, 7.0/12, pct, 1e-9)
	assert.Equal(t, "0.0%", *style("E3").CustomNumFmt)
	shown, err := f.GetCellValue(s, "E3")
	require.NoError(t, err)
	assert.Equal(t, "58.3%", shown)
	assert.True(t, style("B3").Font.Bold, "subtotal is bold")

	// Row 4: an indented cell.
	assert.Equal(t, 1, style("B4").Alignment.Indent)
	assert.False(t, style("B4").Font != nil && style("B4").Font.Bold)
	assert.False(t, numeric("B4"))
	assert.Equal(t, "Chi bộ Nguyễn Thị Ánh", get("B4"))
	assert.Equal(t, "5", get("F4"))
	assert.True(t, numeric("F4"))

	// Row 5: a formula-looking name stays text.
	assert.Equal(t, `=HYPERLINK("x")`, get("B5"))
	formula, err := f.GetCellFormula(s, "B5")
	require.NoError(t, err)
	assert.Empty(t, formula)
	assert.Equal(t, "1", get("G5"))

	// Row 6: no quota, no percentage.
	assert.Equal(t, "", get("E6"))

	// Row 7: the total, bold.
	assert.Equal(t, "Tổng cộng", get("B7"))
	assert.Equal(t, "8", get("D7"))
	assert.True(t, style("D7").Font.Bold)
	assert.Equal(t, "", get("A8"))

	w, err := f.GetColWidth(s, "B")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, w, float64(len([]rune("Đảng ủy Công ty Cổ phần Sông Hồng"))))
	assert.LessOrEqual(t, w, 60.0)

	extra, err := f.GetRows(sheets[1], excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"Năm", "Đã kết nạp", "Tỷ lệ"}, {"2019", "152", "0.506"}, {"2020", "301", "1.003"}}, extra)
}

func TestWriteXLSXRejectsWrongHeaders(t *testing.T) {
	tb := sampleTable()
	tb.Headers = tb.Headers[:3]
	require.Error(t, office.WriteXLSX(&bytes.Buffer{}, tb))
	require.Error(t, office.WriteCSV(&bytes.Buffer{}, tb))
	tb.Headers = nil
	require.NoError(t, office.WriteXLSX(&bytes.Buffer{}, tb), "nil headers means defaults")
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, office.WriteCSV(&buf, sampleTable()))
	data := buf.Bytes()
	require.True(t, bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")), "starts with a BOM")

	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 6)
	assert.Equal(t, sampleTable().Headers, recs[0])
	assert.Equal(t, []string{"DU01", "Đảng ủy Công ty Cổ phần Sông Hồng", "12", "7", "58.3", "6", "0", "Đúng tiến độ"}, recs[1])
	assert.Equal(t, `'=HYPERLINK("x")`, recs[3][1], "formulas are defused")
	assert.Equal(t, "", recs[4][4])
	assert.Equal(t, []string{"", "Tổng cộng", "12", "8", "66.7", "6", "1", ""}, recs[5])
}
