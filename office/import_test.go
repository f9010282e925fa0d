package office_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"quotabot/office"
)

// writeXLSX builds a workbook whose first sheet holds rows from A1 down,
// the way an officer's spreadsheet looks, and returns its bytes.
func writeXLSX(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		ref, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", ref, &r))
	}
	path := filepath.Join(t.TempDir(), "orgs.xlsx")
	require.NoError(t, f.SaveAs(path))
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

func importErrors(t *testing.T, err error) []office.RowError {
	t.Helper()
	var ie *office.ImportError
	require.True(t, errors.As(err, &ie), "want *ImportError, got %v", err)
	return ie.Errors
}

func TestReadOrgsXLSXVietnameseTitleBlock(t *testing.T) {
	data := writeXLSX(t, [][]any{
		{"ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH"},
		{"DANH SÁCH CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN"},
		{"(Kèm theo Quyết định số 123-QĐ/ĐU)"},
		{"STT", "Mã", "Tên tổ chức đảng", "Trực thuộc", "Chỉ tiêu 2025", "Chỉ tiêu 2026"},
		{1, "DU01", "Đảng ủy Công ty Cổ phần  Sông Hồng ", "", 12, 15},
		{2, "CB01", "Chi bộ Nguyễn Thị Ánh", "DU01", 3, ""},
		{},
		{3, "CB02", "Chi bộ Kho vận", "DU01", "4", 5.0},
	})
	rows, err := office.ReadOrgs("Chi tieu.XLSX", bytes.NewReader(data))
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, office.OrgRow{Line: 5, Ordinal: "1", Code: "DU01", Name: "Đảng ủy Công ty Cổ phần Sông Hồng", Order: 1,
		Quotas: map[int]int{2025: 12, 2026: 15}, Terms: map[office.Span]int{}, Admitted: map[int]int{}}, rows[0])
	assert.Equal(t, office.OrgRow{Line: 6, Ordinal: "2", Code: "CB01", Name: "Chi bộ Nguyễn Thị Ánh", Parent: "DU01", Order: 2,
		Quotas: map[int]int{2025: 3}, Terms: map[office.Span]int{}, Admitted: map[int]int{}}, rows[1])
	assert.Equal(t, 8, rows[2].Line, "the empty row still counts in line numbers")
	assert.Equal(t, map[int]int{2025: 4, 2026: 5}, rows[2].Quotas)
}

func TestReadOrgsCSVEnglishWithBOM(t *testing.T) {
	in := "\uFEFFcode,name,parent,quota_2026,notes\n" +
		"A1,\"Committee, A\",,10,x\n" +
		"A2,Cell two,A1, 12 \n" + // ragged: the notes cell is missing
		"A3,Cell three,A1,12.0,\n"
	rows, err := office.ReadOrgs("orgs.csv", strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, "Committee, A", rows[0].Name)
	assert.Equal(t, 2, rows[0].Line)
	assert.Equal(t, map[int]int{2026: 12}, rows[1].Quotas)
	assert.Equal(t, map[int]int{2026: 12}, rows[2].Quotas)
	assert.Equal(t, "A1", rows[2].Parent)
}

func TestReadOrgsCSVSemicolonVietnamese(t *testing.T) {
	// What Excel writes in a Vietnamese locale, with a title block above and
	// decomposed diacritics as some keyboards produce them.
	in := "ĐẢNG ỦY KHỐI;;;\n" +
		"\n" +
		"STT; Mã tổ chức ;TÊN;Đơn vị cấp trên;Chỉ tiêu năm 2026;CT 2027\n" +
		"1;X-1;Chi bo\u0302\u0323 A;;7;8\n" +
		"2;X_2;\"Chi bộ; B\";X-1;;1\n"
	rows, err := office.ReadOrgsCSV(strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, "Chi bộ A", rows[0].Name, "names are NFC")
	assert.Equal(t, 4, rows[0].Line)
	assert.Equal(t, map[int]int{2026: 7, 2027: 8}, rows[0].Quotas)
	assert.Equal(t, "Chi bộ; B", rows[1].Name)
	assert.Equal(t, "X-1", rows[1].Parent)
	assert.Equal(t, map[int]int{2027: 1}, rows[1].Quotas)
}

func TestReadOrgsBadRowsAllReported(t *testing.T) {
	in := "code,name,quota_2026\n" + // line 1
		"A1,First,1\n" + // 2 ok
		"bad code!,Second,2\n" + // 3
		"A1,Third,3\n" + // 4 duplicate of line 2
		"A4,Fourth,-1\n" + // 5
		"A5,Fifth,abc\n" + // 6
		"A6,,1\n" + // 7
		",,\n" + // 8 empty: skipped
		"A8,Eighth,1.000\n" + // 9 ambiguous
		"A9,Ninth,1,5\n" + // 10: "1" then an unknown extra cell: fine
		"a1,Tenth,2\n" + // 11 duplicate ignoring case
		"A11," + strings.Repeat("x", 201) + ",\n" + // 12
		"A12,Twelfth,\"1,5\"\n" // 13
	_, err := office.ReadOrgsCSV(strings.NewReader(in))
	require.Error(t, err)
	errs := importErrors(t, err)
	var lines []int
	for _, e := range errs {
		lines = append(lines, e.Line)
	}
	assert.Equal(t, []int{3, 4, 5, 6, 7, 9, 11, 12, 13}, lines, "%v", errs)
	msg := err.Error()
	for _, want := range []string{
		`line 3: code "bad code!"`,
		`line 4: duplicate code "A1", first used on line 2`,
		`line 5: quota 2026 "-1": must not be negative`,
		`line 6: quota 2026 "abc": must be a whole number`,
		`line 7: empty name`,
		`line 9: quota 2026 "1.000": ambiguous`,
		`line 11: duplicate code "a1", first used on line 2`,
		`line 12: name is 201 characters long`,
		`line 13: quota 2026 "1,5": must be a whole number`,
	} {
		assert.Contains(t, msg, want)
	}
}

func TestReadOrgsXLSXBadRowsUseSheetRowNumbers(t *testing.T) {
	data := writeXLSX(t, [][]any{
		{"Danh sách"},
		{"Mã", "Tên", "Chỉ tiêu 2026"},
		{"", "No code", 1},
		{"B1", "Ok", -2},
	})
	f, err := office.ReadFile("orgs.xlsx", bytes.NewReader(data))
	errs := importErrors(t, err)
	require.Len(t, errs, 1, "a row without a code is matched by its name")
	assert.Equal(t, 4, errs[0].Line)
	assert.Equal(t, "Ok", errs[0].Text)
	assert.Nil(t, f)
}

func TestReadOrgsHeaderProblems(t *testing.T) {
	_, err := office.ReadOrgsCSV(strings.NewReader("foo,bar\n1,2\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "code")
	assert.Contains(t, err.Error(), "name")

	_, err = office.ReadOrgsCSV(strings.NewReader("code,name,quota 1999\nA,B,1\n"))
	errs := importErrors(t, err)
	require.Len(t, errs, 1)
	assert.Equal(t, 1, errs[0].Line)
	assert.Contains(t, errs[0].Msg, "between 2000 and 2100")

	_, err = office.ReadOrgs("orgs.ods", strings.NewReader(""))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not a workbook")
	_, err = office.ReadOrgs("orgs.pdf", strings.NewReader("%PDF"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), ".xlsx, .ods or .csv")

	rows, err := office.ReadOrgsCSV(strings.NewReader("code,name,quota_2026\nA,T\xean,1\n"))
	require.NoError(t, err, "Windows-1258 is converted")
	assert.Equal(t, "Tên", rows[0].Name)
	_, err = office.ReadOrgsCSV(strings.NewReader("code,name,quota_2026\nA,\xa7\xb6ng \xf1y,1\n"))
	require.ErrorIs(t, err, office.ErrLegacyFont, "TCVN3 is refused with how to convert it")
	assert.Contains(t, err.Error(), "Unikey")

	_, err = office.ReadOrgsXLSX(strings.NewReader("not a zip"))
	require.Error(t, err)
}

func TestFindHeader(t *testing.T) {
	idx, cols, err := office.FindHeader([][]string{
		{"ĐẢNG ỦY KHỐI"},
		{"No.", "  MÃ:", "Tên tổ chức", "trực thuộc", "quota_2026", "Chỉ tiêu 2025", "chi tieu 2027", "Ghi chú"},
	})
	require.NoError(t, err)
	assert.Equal(t, 1, idx)
	assert.Equal(t, 1, cols.Code)
	assert.Equal(t, 2, cols.Name)
	assert.Equal(t, 3, cols.Parent)
	assert.Equal(t, 0, cols.Ordinal)
	assert.Equal(t, []office.QuotaColumn{{Year: 2026, Index: 4}, {Year: 2025, Index: 5}, {Year: 2027, Index: 6}}, cols.Quotas)
	assert.Equal(t, []office.IgnoredColumn{{Index: 7, Header: "Ghi chú", Reason: office.IgnoredNote}}, cols.Ignored)

	_, cols, err = office.FindHeader([][]string{{"(1)", "(2) Mã đơn vị", "Tên đơn vị (ghi đầy đủ)", "Chỉ tiêu năm 2026 (người)"}})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, -1, -1}, []int{cols.Code, cols.Name, cols.Parent, cols.Ordinal})
	assert.Equal(t, []office.QuotaColumn{{Year: 2026, Index: 3}}, cols.Quotas)
	assert.Equal(t, []office.IgnoredColumn{{Index: 0, Header: "(1)", Reason: office.IgnoredUnknown}}, cols.Ignored)

	rows := make([][]string, 25)
	rows[21] = []string{"code", "name"}
	_, _, err = office.FindHeader(rows)
	require.Error(t, err, "the header must be among the first 20 rows")
}

func TestCheckTree(t *testing.T) {
	existing := map[string]string{"ROOT": "", "OLD": "ROOT", "LOOP": "C"}
	lookup := func(code string) (string, bool) { p, ok := existing[code]; return p, ok }
	rows := []office.OrgRow{
		{Line: 2, Code: "A", Parent: "ROOT"},
		{Line: 3, Code: "B", Parent: "A"},
		{Line: 4, Code: "X", Parent: "NOPE"},
		{Line: 5, Code: "C", Parent: "LOOP"}, // C -> LOOP -> C through the database
		{Line: 6, Code: "D", Parent: "E"},
		{Line: 7, Code: "E", Parent: "D"},
		{Line: 8, Code: "S", Parent: "S"},
		{Line: 9, Code: "OLD", Parent: "B"}, // moves an existing org: fine
	}
	errs := office.CheckTree(rows, lookup)
	byLine := map[int]string{}
	for _, e := range errs {
		byLine[e.Line] = e.Msg
	}
	assert.Len(t, errs, 5, "%v", errs)
	assert.Contains(t, byLine[4], `unknown parent "NOPE"`)
	assert.Contains(t, byLine[5], "cycle")
	assert.Contains(t, byLine[5], "LOOP")
	assert.Contains(t, byLine[6], "cycle")
	assert.Contains(t, byLine[7], "cycle")
	assert.Contains(t, byLine[8], "own parent")

	assert.Empty(t, office.CheckTree(rows[:2], lookup))
	assert.Len(t, office.CheckTree(rows[:2], nil), 1, "without a database ROOT is unknown")
}
