package office_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/office"
)

// Every spelling the header table accepts, as offices write them.
func TestHeaderSpellings(t *testing.T) {
	names := []string{"Tên tổ chức cơ sở đảng", "Tên TCCS đảng", "Tổ chức cơ sở đảng", "Đơn vị", "Tên đảng bộ, chi bộ", "TÊN ĐƠN VỊ", "ten to chuc", "name"}
	codes := []string{"Mã", "Mã TCCS", "Mã đơn vị", "Ký hiệu", "Số hiệu", "code", "MÃ SỐ"}
	quotas := []string{"Chỉ tiêu 2019", "Chỉ tiêu giao 2019", "Chỉ tiêu năm 2019", "Chỉ tiêu giao năm 2019", "Năm 2019", "2019",
		"Kế hoạch 2019", "KH 2019", "CT 2019", "Chỉ tiêu KN 2019", "Chỉ tiêu\nnăm 2019", "quota_2019", "Chỉ tiêu kết nạp đảng viên năm 2019", "Chỉ tiêu (năm 2019)"}
	terms := []string{"Giai đoạn 2021-2025", "Nhiệm kỳ 2021-2025", "2021-2025", "2021 – 2025", "Chỉ tiêu giai đoạn 2021-2025", "GĐ 2021-2025"}
	admitted := []string{"Đã kết nạp 2018", "admitted_2018", "Số đã kết nạp năm 2018", "Thực hiện 2018"}
	for _, n := range names {
		for _, c := range codes {
			_, cols, err := office.FindHeader([][]string{{"STT", c, n, quotas[0]}})
			require.NoError(t, err, "%q %q", c, n)
			assert.Equal(t, []int{0, 1, 2}, []int{cols.Ordinal, cols.Code, cols.Name}, "%q %q", c, n)
		}
	}
	for _, q := range quotas {
		_, cols, err := office.FindHeader([][]string{{"STT", "Tên tổ chức cơ sở đảng", q}})
		require.NoError(t, err, q)
		assert.Equal(t, []office.QuotaColumn{{Year: 2019, Index: 2}}, cols.Quotas, q)
	}
	for _, q := range terms {
		_, cols, err := office.FindHeader([][]string{{"STT", "Đơn vị", q}})
		require.NoError(t, err, q)
		assert.Equal(t, []office.TermColumn{{Term: office.Span{From: 2021, To: 2025}, Index: 2}}, cols.Terms, q)
	}
	for _, q := range admitted {
		_, cols, err := office.FindHeader([][]string{{"Mã", "Tên", q}})
		require.NoError(t, err, q)
		assert.Equal(t, []office.QuotaColumn{{Year: 2018, Index: 2}}, cols.Admitted, q)
		assert.Empty(t, cols.Quotas, q)
	}
}

// A two-row header in CSV has no merge to say which years "Chỉ tiêu giao"
// covers: it covers the cells after it that have a sub-header.
func TestTwoRowHeaderCSV(t *testing.T) {
	in := "STT,Tên đơn vị,Chỉ tiêu giao,,,Đã kết nạp,Ghi chú\n" +
		",,Năm 2019,Năm 2020,2021-2025,2018,\n" +
		"1,Chi bộ A,1,2,10,3,\n"
	f, err := office.ReadFile("a.csv", strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, f.HeaderLines)
	assert.Equal(t, []office.QuotaColumn{{Year: 2019, Index: 2}, {Year: 2020, Index: 3}}, f.Columns.Quotas)
	assert.Equal(t, []office.TermColumn{{Term: office.Span{From: 2021, To: 2025}, Index: 4}}, f.Columns.Terms)
	assert.Equal(t, []office.QuotaColumn{{Year: 2018, Index: 5}}, f.Columns.Admitted, "a year under \"Đã kết nạp\" is a total admitted")
	assert.Equal(t, "Chỉ tiêu giao / Năm 2020", f.Columns.Headers[3])
	require.Len(t, f.Rows, 1)
	assert.Equal(t, map[int]int{2018: 3}, f.Rows[0].Admitted)
}

// A column with a year the import cannot place is refused, never skipped;
// a file without quota columns is refused naming the columns it has.
func TestYearColumnsAreNeverSkipped(t *testing.T) {
	_, err := office.ReadFile("a.csv", strings.NewReader("Mã,Tên,Chỉ tiêu 2026,Số đảng viên 2019\nA,B,1,40\n"))
	errs := importErrors(t, err)
	require.Len(t, errs, 1)
	assert.Equal(t, office.KindYearColumn, errs[0].Kind)
	assert.Contains(t, errs[0].Msg, `"Số đảng viên 2019"`)

	_, err = office.ReadFile("a.csv", strings.NewReader("STT,Tên đơn vị,Số đảng viên\n1,B,40\n"))
	require.ErrorIs(t, err, office.ErrNoQuotaColumn)
	assert.Contains(t, err.Error(), `"STT", "Tên đơn vị", "Số đảng viên"`)

	_, err = office.ReadFile("a.csv", strings.NewReader("Mã,Tên,Giai đoạn 2025-2021\nA,B,1\n"))
	assert.Equal(t, office.KindBadTerm, importErrors(t, err)[0].Kind)
}

func TestTotalsCheckedAgainstRowsAbove(t *testing.T) {
	in := "STT,Tên đơn vị,Chỉ tiêu 2026,Chỉ tiêu 2027\n" +
		"I,ĐẢNG BỘ CƠ SỞ,5,\n" + // a section carrying its subtotal, which is right
		"1,Đảng bộ A,2,1\n" +
		"2,Đảng bộ B,3,1\n" +
		"II,CHI BỘ CƠ SỞ,,\n" +
		"3,Chi bộ C,1,-\n" +
		"Cộng,,1,\n" + // the section's own total: right
		"Tổng cộng,,6,3\n" + // 2027 is wrong: 2
		"T/M BAN THƯỜNG VỤ,,,\n"
	f, err := office.ReadFile("a.csv", strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, f.Rows, 3)
	assert.Equal(t, "CHI BỘ CƠ SỞ", f.Rows[2].Group)
	require.Len(t, f.Warnings, 1, "%v", f.Warnings)
	assert.Equal(t, office.KindTotalMismatch, f.Warnings[0].Kind)
	assert.Equal(t, 8, f.Warnings[0].Line)
	assert.Contains(t, f.Warnings[0].Msg, "the total for 2027 says 3 but the rows above add up to 2")
	var kinds []office.RowKind
	for _, s := range f.Skipped {
		kinds = append(kinds, s.Kind)
	}
	assert.Equal(t, []office.RowKind{office.RowSection, office.RowSection, office.RowTotal, office.RowTotal, office.RowSignature}, kinds)
}

func TestColumnNumberingRowSkipped(t *testing.T) {
	in := "STT,Tên đơn vị,Chỉ tiêu 2026\n(1),(2),(3)\n1,Chi bộ A,4\n"
	f, err := office.ReadFile("a.csv", strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, f.Rows, 1)
	assert.Equal(t, []office.SkippedRow{{Line: 2, Kind: office.RowNumbering, Text: "(1) (2) (3)"}}, f.Skipped)
}

func TestParseDecision(t *testing.T) {
	d, ok := office.ParseDecision("2323-QĐ/ĐUK, 11/4/2019")
	require.True(t, ok)
	assert.Equal(t, office.Decision{Number: "2323-QĐ/ĐUK", Day: 11, Month: 4, Year: 2019}, d)
	d, ok = office.ParseDecision("15-QĐ/TU ngày 2 tháng 3 năm 2025")
	require.True(t, ok)
	assert.Equal(t, "15-QĐ/TU, 02/03/2025", d.String())
	_, ok = office.ParseDecision("2323")
	assert.False(t, ok, "a decision needs its date")
}

// A company's name is no total, though "Công" folds as "Cộng" does.
func TestTotalWordsKeepDiacritics(t *testing.T) {
	in := "STT,Tên đơn vị,Chỉ tiêu 2026\n" +
		"1,Công ty TNHH Hưng Thịnh,2\n" +
		",Tổng công ty Điện lực,3\n" +
		",TỔNG CỘNG,5\n"
	f, err := office.ReadFile("a.csv", strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, f.Rows, 2)
	assert.Equal(t, "Tổng công ty Điện lực", f.Rows[1].Name)
	assert.Equal(t, []office.SkippedRow{{Line: 4, Kind: office.RowTotal, Text: "TỔNG CỘNG 5"}}, f.Skipped)
	assert.Empty(t, f.Warnings)
}

// VNI text, read as Windows-1258 or typed into a workbook in a VNI font,
// is refused with how to convert it, never stored as "Ñaûng".
func TestVNIIsRefused(t *testing.T) {
	vni := []byte("Ma\xf5,Te\xe2n to\xe5 ch\xf6\xf9c \xf1a\xfbng,Ch\xe6 tie\xe2u 2026\nCB01,Chi bo\xe4 So\xe2ng \xd1a\xf8,3\n")
	_, err := office.ReadFile("a.csv", strings.NewReader(string(vni)))
	require.ErrorIs(t, err, office.ErrLegacyFont)
	_, err = office.ReadFile("a.csv", strings.NewReader("Maõ,Teân toå chöùc ñaûng,Chæ tieâu 2026\nCB01,Chi boä Soâng Ñaø,3\n"))
	require.ErrorIs(t, err, office.ErrLegacyFont, "a VNI font's text in Unicode")
	_, err = office.ReadFile("a.csv", strings.NewReader("code,name,quota_2026\nCB01,Chi boä Soâng Ñaø,3\nCB02,Ñaûng boä Toång coâng ty,4\n"))
	require.ErrorIs(t, err, office.ErrLegacyFont, "names in a VNI font under an English header")
	f, err := office.ReadFile("a.csv", strings.NewReader("Mã,Tên,Chỉ tiêu 2026\nCB01,Chi bộ Müller,3\n"))
	require.NoError(t, err, "one foreign name is no VNI")
	assert.Equal(t, "Chi bộ Müller", f.Rows[0].Name)
}
