package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
)

// The quota lists of office/testdata/import, saved by LibreOffice and
// Gnumeric, sent by an admin as they are; what was stored is read back
// through /export and /status.

func officeFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "office", "testdata", "import", name))
	require.NoError(t, err)
	return data
}

// exportRows is the year's exported table as code, name and quota, in
// its order.
func exportRows(t *testing.T, h *bottest.Harness, year string) [][3]any {
	t.Helper()
	doc := documentIn(t, h.Send(bottest.User(20), "/export "+year))
	_, _, _, _, rows := readTable(t, doc.Document.Data)
	var out [][3]any
	require.NotEmpty(t, rows)
	require.Equal(t, "", rows[len(rows)-1].code, "the committee's total comes last")
	for _, r := range rows[:len(rows)-1] {
		out = append(out, [3]any{r.code, r.name, r.quota})
	}
	return out
}

func TestImportDecisionListAsOfficesSaveIt(t *testing.T) {
	for _, name := range []string{"decision.xlsx", "decision.ods", "decision-gnumeric.xlsx"} {
		t.Run(name, func(t *testing.T) {
			h := bottest.New(t)
			h.Register(20, quota.RoleLeader)
			admin := bottest.User(bottest.AdminID)
			data := officeFile(t, name)

			dry := sendFile(t, h, admin, name, xlsxType, data, "thử")
			for _, want := range []string{
				"Thử nhập, chưa lưu gì. Tệp " + name + ", trang \"Danh sách\", dòng tiêu đề 6–7.",
				"Quyết định giao chỉ tiêu: 2323-QĐ/ĐUK, 11/04/2019 (theo dòng tiêu đề).",
				"• cột 3 \"Chỉ tiêu giao / Năm 2019\" → chỉ tiêu năm 2019",
				"• cột 5 \"Chỉ tiêu giao / Giai đoạn 2021-2025\" → chỉ tiêu giai đoạn 2021-2025",
				"• cột 6 \"Ghi chú\" → bỏ qua: ghi chú",
				"Tệp không có cột mã: tổ chức được nhận theo tên",
				"• dòng 8: tiêu đề mục \"I ĐẢNG BỘ CƠ SỞ\"",
				"• dòng 16: dòng tổng cộng \"Tổng cộng 45 38 225\"",
				"• dòng 18: phần ký tên \"T/M BAN THƯỜNG VỤ\"",
				"• dòng 21: phần ký tên \"Nguyễn Văn An\"",
				"Sẽ có: 6 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 15 chỉ tiêu thay đổi.",
			} {
				assert.Contains(t, dry, want)
			}
			assert.NotContains(t, dry, "Cần xem lại", "the total matches: no warning")
			var none []quota.Org
			require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
				var err error
				none, err = tx.Orgs()
				return err
			}))
			assert.Empty(t, none, "a dry run keeps nothing")

			got := sendFile(t, h, admin, name, xlsxType, data, "")
			assert.Contains(t, got, "Kết quả: 6 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 15 chỉ tiêu thay đổi.")

			rows := exportRows(t, h, "2019")
			require.Len(t, rows, 6)
			names := []string{"Đảng bộ Công ty Cổ phần Sông Hồng", "Đảng bộ Tổng công ty Điện lực", "Đảng bộ Ngân hàng Công Thương",
				"Chi bộ Công ty Cổ phần Vận tải Thủy", "Chi bộ Công ty TNHH Hưng Thịnh", "Chi bộ Công ty TNHH Hùng Thịnh"}
			quotas2019 := []int{12, 20, 8, 2, 0, 3}
			for i, r := range rows {
				assert.Equal(t, names[i], r[1], "the decision's order is kept")
				assert.Equal(t, quotas2019[i], r[2], names[i])
				assert.Contains(t, got, "• "+names[i]+" ("+r[0].(string)+"): mới, mã cấp tự động", "the generated code is shown")
			}
			quotas2020 := []int{15, 20, 0, 2, 1, 0}
			for i, r := range exportRows(t, h, "2020") {
				assert.Equal(t, quotas2020[i], r[2], names[i])
			}
			assert.Contains(t, h.Reply(bottest.User(20), "/status 2021-2025"), "0/225", "the term quotas are stored")

			// The decision is kept with each quota.
			require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
				rec, err := tx.YearQuota(2019, rows[0][0].(string))
				require.NoError(t, err)
				assert.Equal(t, "2323-QĐ/ĐUK, 11/04/2019", rec.Current.Decision.String())
				assert.Equal(t, int64(bottest.AdminID), rec.Current.SetBy)
				return nil
			}))

			again := sendFile(t, h, admin, name, xlsxType, data, "")
			assert.Contains(t, again, "Không có thay đổi: tệp giống hệt dữ liệu hiện có.", "matched by name the second time")
		})
	}
}

func TestImportCodesLayoutReadAsDisplayed(t *testing.T) {
	for _, name := range []string{"codes.xlsx", "codes.ods"} {
		t.Run(name, func(t *testing.T) {
			h := bottest.New(t)
			h.Register(20, quota.RoleLeader)
			got := sendFile(t, h, bottest.User(bottest.AdminID), name, xlsxType, officeFile(t, name), "")
			assert.Contains(t, got, "• Dòng 2: Cột 6 \"CT 2027\" đang bị ẩn; bot vẫn đọc cột này.")
			assert.Contains(t, got, "• Dòng 5: Dòng của \"Chi bộ Phân xưởng Hai\" đang bị ẩn; bot vẫn đọc dòng này.")
			// 001 heads 002 and 003; CB-04 stands alone. The tree puts
			// CB-04 after 001's subtree by the list's order.
			rows := exportRows(t, h, "2027")
			var codes []string
			for _, r := range rows {
				codes = append(codes, r[0].(string))
			}
			assert.Equal(t, []string{"001", "002", "003", "001", "CB-04"}, codes, "leading zeros kept; the parent's subtotal follows its cells")
			assert.Equal(t, 12, rows[0][2])
			assert.Equal(t, 6, rows[2][2], "the hidden row was read")
			rows = exportRows(t, h, "2026")
			assert.Equal(t, 4, rows[1][2], "a number typed as text")
			assert.Equal(t, 0, rows[4][2], "an en dash is no quota")
		})
	}
}

func TestImportSecondSheetWithPastTotals(t *testing.T) {
	h := bottest.New(t)
	h.Register(20, quota.RoleLeader)
	got := sendFile(t, h, bottest.User(bottest.AdminID), "second-sheet.ods", xlsxType, officeFile(t, "second-sheet.ods"), "")
	assert.Contains(t, got, "trang \"Danh sách\"")
	assert.Contains(t, got, "số đã kết nạp năm 2025: 4")
	rows := exportRows(t, h, "2026")
	require.Len(t, rows, 2)
	assert.Equal(t, [3]any{rows[1][0], "Chi bộ Bệnh viện Đa khoa", 5}, rows[1])
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		p, ok, err := tx.PastTotal(2025, rows[1][0].(string))
		require.NoError(t, err)
		require.True(t, ok)
		assert.Equal(t, 4, p.Admitted)
		assert.Equal(t, "second-sheet.ods", p.Source)
		return nil
	}))
}

func TestImportCSVEncodingsAndLegacyFiles(t *testing.T) {
	h := bottest.New(t)
	h.Register(20, quota.RoleLeader)
	admin := bottest.User(bottest.AdminID)
	got := sendFile(t, h, admin, "semicolon-bom.csv", "text/csv", officeFile(t, "semicolon-bom.csv"), "")
	assert.Contains(t, got, "Kết quả: 3 tổ chức mới")
	got = sendFile(t, h, admin, "windows-1258.csv", "text/csv", officeFile(t, "windows-1258.csv"), "")
	assert.Contains(t, got, "Không có thay đổi: tệp giống hệt dữ liệu hiện có.", "the same names, diacritics and all")
	rows := exportRows(t, h, "2026")
	assert.Equal(t, [][3]any{{"CB01", "Chi bộ Hưng Thịnh", 3}, {"CB02", "Chi bộ Hùng Thịnh", 4}, {"CB03", "Đảng bộ Sông Đà", 7}}, rows)

	got = sendFile(t, h, admin, "tcvn3.csv", "text/csv", officeFile(t, "tcvn3.csv"), "")
	assert.Contains(t, got, "bảng mã cũ (TCVN3/ABC")
	assert.Contains(t, got, "Unikey")
	for _, name := range []string{"decision.xls", "renamed-xls.xlsx"} {
		got := sendFile(t, h, admin, name, xlsxType, officeFile(t, name), "")
		assert.Contains(t, got, "Excel 97-2003 (.xls)", name)
		assert.Contains(t, got, "lưu lại dạng .xlsx", name)
		assert.NotContains(t, strings.ToLower(got), "unsupported workbook", name)
	}
}

// An import without a parent column leaves parents alone; a present empty
// cell changes them, and the preview says so field by field.
func TestImportAbsentColumnKeepsField(t *testing.T) {
	h := bottest.New(t)
	h.Register(20, quota.RoleLeader)
	h.AddOrg("DU_B", "Đảng ủy B", "", 2027, 0)
	h.AddOrg("CB_B1", "Chi bộ B1", "DU_B", 2027, 3)
	h.AddOrg("CB_B2", "Chi bộ B2", "DU_B", 2027, 3)
	admin := bottest.User(bottest.AdminID)
	got := sendFile(t, h, admin, "a.csv", "text/csv", []byte("mã,tên,chỉ tiêu 2027\nCB_B1,Chi bộ B1,4\nCB_B2,Chi bộ B2,5\n"), "thử")
	assert.Contains(t, got, "Tệp không có cột cấp trên: cấp trên của các tổ chức đã có được giữ nguyên.")
	assert.Contains(t, got, "• Chi bộ B1 (CB_B1): chỉ tiêu năm 2027: 3 → 4\n")
	assert.NotContains(t, got, "chuyển cấp trên")
	sendFile(t, h, admin, "a.csv", "text/csv", []byte("mã,tên,chỉ tiêu 2027\nCB_B1,Chi bộ B1,4\nCB_B2,Chi bộ B2,5\n"), "")
	assert.Equal(t, "DU_B", storedOrg(t, h, "CB_B1").Parent)
	assert.Contains(t, h.Reply(bottest.User(20), "/status DU_B 2027"), "0/9", "the cells' quotas still roll up")

	got = sendFile(t, h, admin, "b.csv", "text/csv", []byte("mã,tên,trực thuộc\nCB_B2,Chi bộ B2,\n"), "thử")
	assert.Contains(t, got, "• Chi bộ B2 (CB_B2): chuyển cấp trên DU_B → toàn Đảng bộ")
}

// The caption says a dry run and the decision behind the quotas when the
// file's title does not; a caption that is neither is said, not ignored.
func TestImportCaptionDecision(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	data := []byte("Mã,Tên tổ chức,Chỉ tiêu 2026\nCB01,Chi bộ Một,3\n")
	got := sendFile(t, h, admin, "a.csv", "text/csv", data, "thử 2323-QĐ/ĐUK, 11/4/2019")
	assert.Contains(t, got, "Thử nhập, chưa lưu gì.")
	assert.Contains(t, got, "Quyết định giao chỉ tiêu: 2323-QĐ/ĐUK, 11/04/2019 (theo lệnh nhập).")

	got = sendFile(t, h, admin, "a.csv", "text/csv", data, "chỉ tiêu mới")
	assert.Contains(t, got, "Không nhập gì: chú thích của tệp chỉ có thể là \"thử\"")
	assert.Equal(t, quota.Tally{}, h.Tally(2026, "CB01"))

	got = sendFile(t, h, admin, "a.csv", "text/csv", data, "2323-QĐ/ĐUK ngày 11/4/2019")
	assert.Contains(t, got, "Kết quả: 1 tổ chức mới")
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		rec, err := tx.YearQuota(2026, "CB01")
		require.NoError(t, err)
		assert.Equal(t, "2323-QĐ/ĐUK, 11/04/2019", rec.Current.Decision.String())
		return nil
	}))
}

// A typed 0 is a quota of 0, shown apart from no quota, and importing the
// same file again is no change.
func TestImportTypedZeroIsAQuota(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	data := []byte("Mã,Tên tổ chức,Chỉ tiêu 2026\nCB01,Chi bộ Một,0\nCB02,Chi bộ Hai,-\n")
	got := sendFile(t, h, admin, "a.csv", "text/csv", data, "thử")
	assert.Contains(t, got, "• dòng 2: Chi bộ Một (CB01); chỉ tiêu năm 2026: 0\n")
	assert.Contains(t, got, "• dòng 3: Chi bộ Hai (CB02); chỉ tiêu năm 2026: chưa giao\n")
	got = sendFile(t, h, admin, "a.csv", "text/csv", data, "")
	assert.Contains(t, got, "Kết quả: 2 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 1 chỉ tiêu thay đổi.")
	got = sendFile(t, h, admin, "a.csv", "text/csv", data, "")
	assert.Contains(t, got, "Không có thay đổi: tệp giống hệt dữ liệu hiện có.")
}

// A file in which no quota column is recognized is refused naming the
// columns found; a column with a year the bot cannot place is a mistake.
func TestImportNeverDropsAQuotaSilently(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	got := sendFile(t, h, admin, "a.csv", "text/csv", []byte("STT,Tên đơn vị,Số đảng viên\n1,Chi bộ Một,40\n"), "")
	assert.Contains(t, got, "Không có thay đổi: tệp không có cột chỉ tiêu nào được nhận ra. Các cột tìm thấy: \"STT\", \"Tên đơn vị\", \"Số đảng viên\".")
	got = sendFile(t, h, admin, "a.csv", "text/csv", []byte("Mã,Tên,Chỉ tiêu 2026,Số ĐV 2019\nCB01,Chi bộ Một,3,40\n"), "")
	assert.Contains(t, got, "Không nhập gì, vì tệp có 1 lỗi")
	assert.Contains(t, got, "Dòng 1: Cột 4 \"Số ĐV 2019\" ghi một năm nhưng không phải cột bot đọc được")
	assert.Equal(t, quota.Tally{}, h.Tally(2026, "CB01"), "nothing was kept")
}

// A year with named admissions counts them, not an imported total, and
// the import says so.
func TestImportPastTotalOfAYearWithNames(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB01", "Chi bộ Một", "", 2026, 3)
	h.AdmitN("CB01", 2)
	got := sendFile(t, h, bottest.User(bottest.AdminID), "a.csv", "text/csv",
		[]byte("Mã,Tên tổ chức,Đã kết nạp 2026,Đã kết nạp 2025\nCB01,Chi bộ Một,5,4\n"), "")
	assert.Contains(t, got, "• Dòng 2 (Chi bộ Một): Năm 2026 đã có 2 người kết nạp được ghi tên, nên số đó được tính thay cho tổng 5 (tổng vẫn được lưu).")
	assert.NotContains(t, got, "Năm 2025 đã có")
	assert.Contains(t, got, "• Chi bộ Một (CB01): số đã kết nạp năm 2025: chưa có → 4; số đã kết nạp năm 2026: chưa có → 5")
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		c, err := tx.YearCount(2026, "CB01")
		require.NoError(t, err)
		assert.Equal(t, 2, c.Admitted, "the named admissions count")
		c, err = tx.YearCount(2025, "CB01")
		require.NoError(t, err)
		assert.Equal(t, 4, c.Admitted, "the total counts for a year without names")
		return nil
	}))
}

// A list imported again under a later decision, with the same numbers,
// changes the decision behind them, and the preview says so.
func TestImportSameNumbersNewDecision(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	data := []byte("Mã,Tên tổ chức,Chỉ tiêu 2026\nCB01,Chi bộ Một,3\n")
	sendFile(t, h, admin, "a.csv", "text/csv", data, "")
	got := sendFile(t, h, admin, "a.csv", "text/csv", data, "thử 15-QĐ/ĐUK, 2/1/2026")
	assert.Contains(t, got, "• Chi bộ Một (CB01): chỉ tiêu năm 2026 theo quyết định 15-QĐ/ĐUK, 02/01/2026")
	assert.Contains(t, got, "Sẽ có: 0 tổ chức mới, 1 tổ chức cập nhật, 0 không đổi; 0 chỉ tiêu thay đổi.")
	sendFile(t, h, admin, "a.csv", "text/csv", data, "15-QĐ/ĐUK, 2/1/2026")
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		rec, err := tx.YearQuota(2026, "CB01")
		require.NoError(t, err)
		assert.Equal(t, "15-QĐ/ĐUK, 02/01/2026", rec.Current.Decision.String())
		assert.Equal(t, 3, rec.Current.Quota)
		return nil
	}))
	got = sendFile(t, h, admin, "a.csv", "text/csv", data, "15-QĐ/ĐUK, 2/1/2026")
	assert.Contains(t, got, "Không có thay đổi: tệp giống hệt dữ liệu hiện có.")
}

// A list under an older decision than the one stored leaves the current
// quota, keeps the file's number in the history, and the preview says so.
func TestImportOlderDecisionKeepsTheNewer(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	sendFile(t, h, admin, "b.csv", "text/csv", []byte("Mã,Tên tổ chức,Chỉ tiêu 2026\nCB01,Chi bộ Một,5\n"), "20-QĐ/ĐUK, 1/3/2026")
	old := []byte("Mã,Tên tổ chức,Chỉ tiêu 2026\nCB01,Chi bộ Một,3\n")
	got := sendFile(t, h, admin, "a.csv", "text/csv", old, "thử 15-QĐ/ĐUK, 2/1/2026")
	assert.Contains(t, got, "• Chi bộ Một (CB01): chỉ tiêu năm 2026 giữ nguyên theo quyết định mới hơn 20-QĐ/ĐUK, 01/03/2026; số của tệp được lưu vào lịch sử")
	assert.NotContains(t, got, "5 → 3")
	sendFile(t, h, admin, "a.csv", "text/csv", old, "15-QĐ/ĐUK, 2/1/2026")
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		rec, err := tx.YearQuota(2026, "CB01")
		require.NoError(t, err)
		assert.Equal(t, 5, rec.Current.Quota)
		require.NotEmpty(t, rec.History)
		assert.Equal(t, 3, rec.History[len(rec.History)-1].Quota)
		return nil
	}))
	assert.Equal(t, quota.Tally{Quota: 5}, h.Tally(2026, "CB01"))
}
