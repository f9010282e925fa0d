package main

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"quotabot/quota"
	"quotabot/storage"
)

// The decision list as LibreOffice saved it, through the command line:
// the dry run creates no database and says everything; the import keeps
// the decision given by flag; the export follows the list's order.
func TestImportCommandDecisionList(t *testing.T) {
	dir, dbPath, cfg := officeSetup(t)
	file := filepath.Join("..", "..", "office", "testdata", "import", "decision.xlsx")

	code, out, errOut := runCLI(t, "", "import", "-config", cfg, "-dry-run", file)
	require.Equal(t, 0, code, errOut)
	assert.NoFileExists(t, dbPath, "a dry run does not create the database")
	for _, want := range []string{
		"Thử nhập, chưa lưu gì. Tệp decision.xlsx, trang \"Danh sách\", dòng tiêu đề 6–7.",
		"Quyết định giao chỉ tiêu: 2323-QĐ/ĐUK, 11/04/2019 (theo dòng tiêu đề).",
		"• cột 2 \"Tên tổ chức cơ sở đảng\" → tên tổ chức\n",
		"• cột 4 \"Chỉ tiêu giao / Năm 2020\" → chỉ tiêu năm 2020\n",
		"• dòng 11: Đảng bộ Ngân hàng Công Thương (DBNHCT-205B), mục ĐẢNG BỘ CƠ SỞ; chỉ tiêu năm 2019: 8; chỉ tiêu năm 2020: chưa giao; chỉ tiêu giai đoạn 2021-2025: 40\n",
		"• dòng 12: tiêu đề mục \"II CHI BỘ CƠ SỞ\"\n",
		"• dòng 19: phần ký tên \"BÍ THƯ\"\n",
		"• Chi bộ Công ty TNHH Hùng Thịnh (CBCTTHT-7B5C): mới, mã cấp tự động; chỉ tiêu năm 2019: 3; chỉ tiêu năm 2020: 0\n",
		"Sẽ có: 6 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 15 chỉ tiêu thay đổi.",
	} {
		assert.Contains(t, out, want)
	}

	code, out, errOut = runCLI(t, "", "import", "-config", cfg, "-lang", "en", "-decision", "15-QĐ/ĐUK, 2/5/2019", file)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Decision setting the quotas: 15-QĐ/ĐUK, 02/05/2019 (as given).")
	assert.Contains(t, out, "• line 16: total row \"Tổng cộng 45 38 225\"")
	assert.Contains(t, out, "Result: 6 new organizations, 0 updated, 0 unchanged; 15 quotas changed.")

	db, err := storage.Open(dbPath, storage.Options{LockTimeout: time.Second})
	require.NoError(t, err)
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		rec, err := tx.YearQuota(2019, "DBNHCT-205B")
		require.NoError(t, err)
		assert.Equal(t, "15-QĐ/ĐUK, 02/05/2019", rec.Current.Decision.String())
		assert.Equal(t, 8, rec.Current.Quota)
		term, err := tx.TermQuota("DBTCTDL-72B1", quota.Term{From: 2021, To: 2025})
		require.NoError(t, err)
		assert.Equal(t, 100, term.Current.Quota)
		return nil
	}))
	require.NoError(t, db.Close())

	xlsx := filepath.Join(dir, "2020.xlsx")
	code, _, errOut = runCLI(t, "", "export", "-config", cfg, "-year", "2020", "-o", xlsx)
	require.Equal(t, 0, code, errOut)
	f, err := excelize.OpenFile(xlsx, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("2020", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	var got [][]string
	for _, r := range rows[2 : len(rows)-1] {
		got = append(got, []string{r[1], r[2]})
	}
	assert.Equal(t, [][]string{
		{"Đảng bộ Công ty Cổ phần Sông Hồng", "15"},
		{"Đảng bộ Tổng công ty Điện lực", "20"},
		{"Đảng bộ Ngân hàng Công Thương", "0"},
		{"Chi bộ Công ty Cổ phần Vận tải Thủy", "2"},
		{"Chi bộ Công ty TNHH Hưng Thịnh", "1"},
		{"Chi bộ Công ty TNHH Hùng Thịnh", "0"},
	}, got, "the decision's order, every quota of 2020")

	code, _, errOut = runCLI(t, "", "import", "-config", cfg, filepath.Join("..", "..", "office", "testdata", "import", "renamed-xls.xlsx"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "renamed-xls.xlsx: Không đọc được tệp. Tệp là sổ Excel 97-2003 (.xls)")
	code, _, errOut = runCLI(t, "", "import", "-config", cfg, "-decision", "no date", file)
	assert.Equal(t, 2, code, errOut)
}
