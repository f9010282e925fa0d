package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	_ "image/png" // the chart is decoded as a PNG
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// quotaTitle is the title block that sits above the header in the list
// attached to a quota decision.
var quotaTitle = [][]any{
	{"ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH"},
	{"DANH SÁCH CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM 2026"},
	{"(Kèm theo Quyết định số 45-QĐ/ĐU)"},
}

var quotaHeader = []any{"STT", "Mã", "Tên tổ chức", "Trực thuộc", "Chỉ tiêu 2026"}

// quotaCommittee is DU01 (no quota of its own) over CB01 and CB02, and CB03
// on its own: quotas summing to 300. Its rows are lines 5 to 8.
var quotaCommittee = [][]any{
	{1, "DU01", "Đảng ủy Công ty Cổ phần Sông Hồng", "", ""},
	{2, "CB01", "Chi bộ Phân xưởng Cơ khí", "DU01", 286},
	{3, "CB02", "Chi bộ Kho vận", "DU01", 4},
	{4, "CB03", "Chi bộ Văn phòng", "", 10},
}

// quotaWorkbook is an .xlsx with the title block, the header on line 4 and
// rows below it.
func quotaWorkbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append(append(slices.Clone(quotaTitle), quotaHeader), rows...)
	for i, r := range all {
		ref, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", ref, &r))
	}
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

// sendFile sends a document as the user and returns the plain text of the
// replies.
func sendFile(t *testing.T, h *bottest.Harness, from models.User, name, mime string, data []byte, caption string) string {
	t.Helper()
	before := len(h.Fake.SentTo(from.ID))
	h.Settle(h.Fake.SendDocument(from, name, mime, data, caption))
	return bottest.Plain(h.Fake.SentTo(from.ID)[before:])
}

// orgsState describes every stored organization with its 2025 and 2026
// tallies, to tell whether anything changed.
func orgsState(t *testing.T, h *bottest.Harness) string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		orgs, err := tx.Orgs()
		for _, o := range orgs {
			fmt.Fprintf(&b, "%s|%s|%s|%v|%+v|%+v\n", o.Code, o.Name, o.Parent, o.Inactive, tx.Tally(2025, o.Code), tx.Tally(2026, o.Code))
		}
		return err
	}))
	return b.String()
}

func storedOrg(t *testing.T, h *bottest.Harness, code string) quota.Org {
	t.Helper()
	var o quota.Org
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		var err error
		o, err = tx.Org(code)
		return err
	}), code)
	return o
}

func TestImportSpreadsheetFromChat(t *testing.T) {
	h := bottest.New(t)
	h.Register(20, quota.RoleLeader)
	admin, leader := bottest.User(bottest.AdminID), bottest.User(20)
	data := quotaWorkbook(t, quotaCommittee...)

	got := sendFile(t, h, admin, "chi-tieu.xlsx", xlsxType, data, "")
	assert.Contains(t, got, "Kết quả: 4 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 3 chỉ tiêu thay đổi.")
	assert.Contains(t, got, "• Chi bộ Kho vận (CB02): mới; trực thuộc DU01; chỉ tiêu năm 2026: 4")
	assert.Equal(t, quota.Org{Code: "CB02", Name: "Chi bộ Kho vận", Parent: "DU01", Order: 3}, storedOrg(t, h, "CB02"), "the STT keeps the list's order")
	assert.Equal(t, quota.Tally{Quota: 286}, h.Tally(2026, "CB01"))
	assert.Equal(t, quota.Tally{}, h.Tally(2026, "DU01"), "an empty quota cell sets nothing")
	assert.Contains(t, h.Reply(leader, "/status"), "Đã kết nạp: 0/300 (0,0% kế hoạch)")
	assert.Contains(t, h.Reply(leader, "/status DU01"), "Đã kết nạp: 0/290", "the parent rolls up its cells")

	// The same file again changes nothing.
	before := orgsState(t, h)
	got = sendFile(t, h, admin, "chi-tieu.xlsx", xlsxType, data, "")
	assert.Contains(t, got, "Không có thay đổi: tệp giống hệt dữ liệu hiện có.")
	assert.Equal(t, before, orgsState(t, h))

	// A corrected list: one name and one quota change.
	changed := slices.Clone(quotaCommittee)
	changed[2] = []any{3, "CB02", "Chi bộ Kho vận và Bến bãi", "DU01", 4}
	changed[3] = []any{4, "CB03", "Chi bộ Văn phòng", "", 12}
	got = sendFile(t, h, admin, "chi-tieu-sua.xlsx", xlsxType, quotaWorkbook(t, changed...), "")
	assert.Contains(t, got, "• Chi bộ Kho vận và Bến bãi (CB02): đổi tên từ \"Chi bộ Kho vận\"\n")
	assert.Contains(t, got, "• Chi bộ Văn phòng (CB03): chỉ tiêu năm 2026: 10 → 12\n")
	assert.Contains(t, got, "0 tổ chức mới, 2 tổ chức cập nhật, 2 không đổi; 1 chỉ tiêu thay đổi")
	assert.Equal(t, "Chi bộ Kho vận và Bến bãi", storedOrg(t, h, "CB02").Name)
	assert.Contains(t, h.Reply(leader, "/status"), "Đã kết nạp: 0/302")
}

func TestImportCSVWithBOMAndSemicolons(t *testing.T) {
	h := bottest.New(t)
	// As Excel saves "CSV UTF-8" in a Vietnamese locale.
	data := []byte("\uFEFFMã;Tên tổ chức;Trực thuộc;Chỉ tiêu 2026\r\n" +
		"DU01;Đảng ủy Công ty Cổ phần Sông Hồng;;\r\n" +
		"CB01;\"Chi bộ Phân xưởng; Cơ khí\";DU01;286\r\n" +
		"CB02;Chi bộ Kho vận;DU01;14\r\n")

	got := sendFile(t, h, bottest.User(bottest.AdminID), "chi-tieu.csv", "text/csv", data, "")
	assert.Contains(t, got, "Kết quả: 3 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 2 chỉ tiêu thay đổi.")
	assert.Equal(t, quota.Org{Code: "DU01", Name: "Đảng ủy Công ty Cổ phần Sông Hồng", Order: 1}, storedOrg(t, h, "DU01"), "the BOM is not part of the first code")
	assert.Equal(t, quota.Org{Code: "CB01", Name: "Chi bộ Phân xưởng; Cơ khí", Parent: "DU01", Order: 2}, storedOrg(t, h, "CB01"))
	assert.Equal(t, quota.Tally{Quota: 14}, h.Tally(2026, "CB02"))
}

func TestImportRefusesAFileWithMistakesWhole(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB09", "Chi bộ Cũ", "", 2026, 7)
	before := orgsState(t, h)
	data := quotaWorkbook(t,
		[]any{1, "DU01", "Đảng ủy Mới", "", 10},            // line 5, fine
		[]any{2, "CB 01", "Chi bộ Có Dấu Cách", "DU01", 3}, // line 6
		[]any{3, "CB02", "Chi bộ Hai", "DU01", 5},          // line 7, fine
		[]any{4, "cb02", "Chi bộ Trùng Mã", "DU01", 5},     // line 8
		[]any{5, "CB03", "Chi bộ Ba", "DU01", -3},          // line 9
		[]any{6, "CB04", "Chi bộ Bốn", "DU01", "abc"},      // line 10
		[]any{7, "CB05", "Chi bộ Năm", "XX99", 2},          // line 11
		[]any{8, "CB06", "Chi bộ Sáu", "CB07", 2},          // line 12
		[]any{9, "CB07", "Chi bộ Bảy", "CB06", 2},          // line 13
		[]any{10, "CB09", "Chi bộ Cũ Đổi Tên", "", 99},     // line 14, fine
	)

	got := sendFile(t, h, bottest.User(bottest.AdminID), "chi-tieu.xlsx", xlsxType, data, "")
	assert.Contains(t, got, "Không nhập gì, vì tệp có 7 lỗi (sửa tất cả rồi gửi lại):")
	for _, want := range []string{
		`Dòng 6 (Chi bộ Có Dấu Cách): Mã CB 01 chỉ gồm chữ không dấu, số`,
		`Dòng 8 (Chi bộ Trùng Mã): Mã cb02 trùng, đã dùng ở dòng 7`,
		`Dòng 9 (Chi bộ Ba): Chỉ tiêu năm 2026 "-3" không được âm`,
		`Dòng 10 (Chi bộ Bốn): Chỉ tiêu năm 2026 "abc" phải là số nguyên`,
		`Dòng 11 (Chi bộ Năm): Đơn vị cấp trên XX99 không có trong tệp`,
		`Dòng 12 (Chi bộ Sáu): Cấp trên CB07 tạo thành vòng lặp: CB06 -> CB07 -> CB06`,
		`Dòng 13 (Chi bộ Bảy): Cấp trên CB06 tạo thành vòng lặp`,
	} {
		assert.Contains(t, got, want)
	}
	for _, fine := range []string{"Dòng 5:", "Dòng 7:", "Dòng 14:"} {
		assert.NotContains(t, got, fine)
	}
	assert.Equal(t, before, orgsState(t, h), "nothing of the file was kept")

	// A cycle closed through a stored organization is refused too.
	data = quotaWorkbook(t, []any{1, "DU01", "Đảng ủy Mới", "CB09", 10}, []any{2, "CB09", "Chi bộ Cũ", "DU01", 7})
	got = sendFile(t, h, bottest.User(bottest.AdminID), "chi-tieu.xlsx", xlsxType, data, "")
	assert.Contains(t, got, "Không nhập gì, vì tệp có 2 lỗi")
	assert.Contains(t, got, `Dòng 5 (Đảng ủy Mới): Cấp trên CB09 tạo thành vòng lặp`)
	assert.Equal(t, before, orgsState(t, h))
}

func TestImportDryRunKeepsNothing(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	data := quotaWorkbook(t, quotaCommittee...)

	got := sendFile(t, h, admin, "chi-tieu.xlsx", xlsxType, data, "thử")
	assert.Contains(t, got, "Sẽ có: 4 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 3 chỉ tiêu thay đổi.")
	assert.Empty(t, orgsState(t, h), "a dry run keeps nothing")

	// The real import afterwards does what the dry run said.
	got = sendFile(t, h, admin, "chi-tieu.xlsx", xlsxType, data, "")
	assert.Contains(t, got, "Kết quả: 4 tổ chức mới, 0 tổ chức cập nhật, 0 không đổi; 3 chỉ tiêu thay đổi.")
	assert.Equal(t, quota.Tally{Quota: 10}, h.Tally(2026, "CB03"))
}

func TestImportRefusedToOthersAndOtherFiles(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB09", "Chi bộ Cũ", "", 2026, 7)
	h.Register(11, quota.RoleSecretary, "CB09")
	h.Register(20, quota.RoleLeader)
	before := orgsState(t, h)
	data := quotaWorkbook(t, quotaCommittee...)

	for _, id := range []int64{11, 20} {
		got := sendFile(t, h, bottest.User(id), "chi-tieu.xlsx", xlsxType, data, "")
		assert.Equal(t, "Chỉ quản trị viên mới nhập được danh sách chỉ tiêu.", got, "user %d", id)
	}
	got := sendFile(t, h, bottest.User(99), "chi-tieu.xlsx", xlsxType, data, "")
	assert.Contains(t, got, "Đồng chí chưa được đăng ký", "a stranger")
	assert.Empty(t, h.Fake.Calls("getFile"), "no one else's file is even downloaded")
	assert.Equal(t, before, orgsState(t, h))

	got = sendFile(t, h, bottest.User(bottest.AdminID), "quyet-dinh.pdf", "application/pdf", []byte("%PDF-1.7\n%%EOF\n"), "")
	assert.Equal(t, "Bot chỉ nhận tệp .xlsx, .ods hoặc .csv (danh sách tổ chức và chỉ tiêu).", got)
	assert.Empty(t, h.Fake.Calls("getFile"), "a file of another type is not downloaded")
	assert.Equal(t, before, orgsState(t, h))
}

// tableRow is one row of the exported table.
type tableRow struct {
	code, name                           string
	quota, admitted, expected, shortfall int
	percent                              float64
	hasPercent                           bool
	status                               string
}

// documentIn returns the one document among msgs.
func documentIn(t *testing.T, msgs []telegramfake.Sent) telegramfake.Sent {
	t.Helper()
	for _, m := range msgs {
		if m.Document != nil {
			return m
		}
	}
	t.Fatalf("no document among %q", bottest.Plain(msgs))
	return telegramfake.Sent{}
}

// readTable opens an exported workbook and reads its first sheet: the
// title, the header and the rows below, checking that figures are
// numeric cells.
func readTable(t *testing.T, data []byte) (f *excelize.File, sheet, title string, header []string, rows []tableRow) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = f.Close() })
	sheet = f.GetSheetList()[0]
	all, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(all), 3)
	title, header = all[0][0], all[1]
	num := func(row, col int, raw string) (float64, bool) {
		ref, err := excelize.CoordinatesToCellName(col+1, row+1)
		require.NoError(t, err)
		if raw == "" {
			return 0, false
		}
		typ, err := f.GetCellType(sheet, ref)
		require.NoError(t, err)
		assert.Contains(t, []excelize.CellType{excelize.CellTypeUnset, excelize.CellTypeNumber}, typ, "%s is not a number cell", ref)
		v, err := strconv.ParseFloat(raw, 64)
		require.NoError(t, err, "%s = %q", ref, raw)
		return v, true
	}
	for i, r := range all[2:] {
		i += 2
		r = append(r, make([]string, 8)...)[:8]
		var tr tableRow
		tr.code, tr.name, tr.status = r[0], r[1], r[7]
		for j, dst := range map[int]*int{2: &tr.quota, 3: &tr.admitted, 5: &tr.expected, 6: &tr.shortfall} {
			v, ok := num(i, j, r[j])
			require.True(t, ok, "row %d column %d is empty", i+1, j+1)
			*dst = int(v)
		}
		tr.percent, tr.hasPercent = num(i, 4, r[4])
		rows = append(rows, tr)
	}
	return f, sheet, title, header, rows
}

var (
	statusAdmitted = regexp.MustCompile(`Đã kết nạp: (\d+)/(\d+) \(([\d,]+)% kế hoạch\)`)
	statusExpected = regexp.MustCompile(`Theo tiến độ đến nay cần: (\d+); (?:còn thiếu (\d+)|đúng tiến độ)`)
)

// agreesWithStatus checks a row of the table against what /status says
// of the same organization.
func agreesWithStatus(t *testing.T, row tableRow, status string) {
	t.Helper()
	m := statusAdmitted.FindStringSubmatch(status)
	require.NotNil(t, m, status)
	assert.Equal(t, m[1], strconv.Itoa(row.admitted), "%s admitted", row.code)
	assert.Equal(t, m[2], strconv.Itoa(row.quota), "%s quota", row.code)
	require.True(t, row.hasPercent, row.code)
	assert.InDelta(t, float64(row.admitted)/float64(row.quota), row.percent, 1e-9, "%s percent is the fraction", row.code)
	assert.Equal(t, m[3], strings.Replace(strconv.FormatFloat(math.Round(row.percent*1000)/10, 'f', 1, 64), ".", ",", 1), "%s percent", row.code)
	if strings.Contains(status, "Đã hoàn thành chỉ tiêu") {
		assert.Equal(t, "Hoàn thành", row.status, row.code)
		assert.Zero(t, row.shortfall, row.code)
		return
	}
	e := statusExpected.FindStringSubmatch(status)
	require.NotNil(t, e, status)
	assert.Equal(t, e[1], strconv.Itoa(row.expected), "%s expected", row.code)
	if e[2] != "" {
		assert.Equal(t, e[2], strconv.Itoa(row.shortfall), "%s shortfall", row.code)
		assert.Equal(t, "Chậm tiến độ", row.status, row.code)
	} else {
		assert.Zero(t, row.shortfall, row.code)
		assert.Equal(t, "Đúng tiến độ", row.status, row.code)
	}
}

// reportAs reports n admissions as a secretary through /report.
func reportAs(t *testing.T, h *bottest.Harness, id int64, n int) {
	t.Helper()
	given := []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Minh", "Nam"}
	lines := make([]string, n)
	for i := range n {
		lines[i] = fmt.Sprintf("Nguyễn Văn %s %s; %02d/03/2026", given[i%len(given)], given[(i/len(given)+int(id))%len(given)], i+1)
	}
	got := h.Reply(bottest.User(id), "/report "+strings.Join(lines, "\n"))
	require.Contains(t, got, fmt.Sprintf("Đã ghi nhận kết nạp %d người", n))
}

func TestExportAgreesWithStatus(t *testing.T) {
	h := bottest.New(t)
	got := sendFile(t, h, bottest.User(bottest.AdminID), "chi-tieu.xlsx", xlsxType, quotaWorkbook(t, quotaCommittee...), "")
	require.Contains(t, got, "4 tổ chức mới")
	h.Register(12, quota.RoleSecretary, "CB01")
	h.Register(13, quota.RoleSecretary, "CB02")
	h.Register(14, quota.RoleSecretary, "CB03")
	h.Register(20, quota.RoleLeader)
	leader := bottest.User(20)
	reportAs(t, h, 12, 10) // 10/286: behind
	reportAs(t, h, 13, 4)  // 4/4: met
	reportAs(t, h, 14, 5)  // 5/10 on 15/06: on pace

	doc := documentIn(t, h.Send(leader, "/export"))
	assert.Equal(t, "sendDocument", doc.Method)
	assert.Equal(t, "ket-nap-2026.xlsx", doc.Document.Name)
	assert.Contains(t, doc.Plain(), "Bảng tổng hợp kết nạp đảng viên năm 2026 (đến 15/06/2026)")
	assert.Equal(t, "admissions-2026.xlsx", documentIn(t, h.Send(bottest.EnglishUser(leader.ID), "/export")).Document.Name,
		"the file is named in the reader's language")
	f, sheet, title, header, rows := readTable(t, doc.Document.Data)
	assert.Equal(t, "2026", sheet)
	assert.Equal(t, "TỔNG HỢP KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2026 (đến ngày 15/06/2026)", title)
	assert.Equal(t, []string{"Mã", "Tên tổ chức", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ", "Cần đạt đến nay", "Còn thiếu", "Đánh giá"}, header)
	panes, err := f.GetPanes(sheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze, "the header stays in view")
	assert.Equal(t, 2, panes.YSplit, "frozen below the header row")

	// Tree order, in the list's order (STT) at each level: DU01 with its
	// cells and their subtotal, CB03, the total.
	codes := make([]string, len(rows))
	for i, r := range rows {
		codes[i] = r.code
	}
	require.Equal(t, []string{"DU01", "CB01", "CB02", "DU01", "CB03", ""}, codes)
	own := map[string]tableRow{"CB03": rows[4], "CB01": rows[1], "CB02": rows[2]}
	for code, row := range own {
		agreesWithStatus(t, row, h.Reply(leader, "/status "+code))
	}
	assert.Equal(t, "Chậm tiến độ", own["CB01"].status)
	assert.Equal(t, "Hoàn thành", own["CB02"].status)
	assert.Equal(t, "Đúng tiến độ", own["CB03"].status)

	// DU01 has no quota of its own; its subtotal is what /status DU01 rolls up.
	assert.Equal(t, tableRow{code: "DU01", name: "Đảng ủy Công ty Cổ phần Sông Hồng — riêng (không gồm tổ chức trực thuộc)", status: "Chưa giao chỉ tiêu"}, rows[0])
	agreesWithStatus(t, rows[3], h.Reply(leader, "/status DU01"))
	sub := rows[3]
	assert.InDelta(t, 14.0/290, sub.percent, 1e-9)
	sub.percent = 0
	assert.Equal(t, tableRow{code: "DU01", name: "Cộng Đảng ủy Công ty Cổ phần Sông Hồng (gồm các tổ chức trực thuộc)", quota: 290, admitted: 14,
		expected: own["CB01"].expected + own["CB02"].expected, shortfall: sub.shortfall,
		hasPercent: true, status: "Chậm tiến độ"}, sub)

	total := rows[5]
	assert.Equal(t, "Toàn Đảng bộ", total.name)
	// Each row says what it is: the rows that are not subtotals add up
	// to the committee's total, so a sum of them counts nobody twice.
	var leaves quota.Tally
	for _, r := range rows[:5] {
		if !strings.HasPrefix(r.name, "Cộng ") {
			leaves.Quota += r.quota
			leaves.Admitted += r.admitted
		}
	}
	assert.Equal(t, quota.Tally{Quota: total.quota, Admitted: total.admitted}, leaves)
	bold, err := f.GetCellStyle(sheet, "B7")
	require.NoError(t, err)
	plain, err := f.GetCellStyle(sheet, "B6")
	require.NoError(t, err)
	assert.NotEqual(t, plain, bold, "the subtotal is set apart")
	committee := h.Reply(leader, "/status")
	m := statusAdmitted.FindStringSubmatch(committee)
	require.NotNil(t, m, committee)
	assert.Equal(t, []string{"19", "300", "6,3"}, m[1:])
	assert.Equal(t, 19, total.admitted)
	assert.Equal(t, 300, total.quota)
	assert.InDelta(t, 19.0/300, total.percent, 1e-9)
	assert.Equal(t, own["CB01"].expected+own["CB02"].expected+own["CB03"].expected, total.expected)
	assert.Equal(t, max(total.expected-total.admitted, 0), total.shortfall)
	// The committee's counts of organizations met and behind.
	assert.Contains(t, committee, "Tổ chức: 3 có chỉ tiêu; 1 hoàn thành; 1 chậm tiến độ")

	// Another year: its own sheet, no quotas, measured at the year's end.
	doc = documentIn(t, h.Send(leader, "/export 2025"))
	assert.Equal(t, "ket-nap-2025.xlsx", doc.Document.Name)
	_, sheet, title, _, rows = readTable(t, doc.Document.Data)
	assert.Equal(t, "2025", sheet)
	assert.Contains(t, title, "NĂM 2025 (đến ngày 31/12/2025)")
	require.Len(t, rows, 6)
	for _, r := range rows {
		assert.Zero(t, r.quota+r.admitted+r.expected+r.shortfall, r.code)
		assert.False(t, r.hasPercent, r.code)
		assert.Equal(t, "Chưa giao chỉ tiêu", r.status, r.code)
	}

	msgs := h.Send(leader, "/export abc")
	assert.Equal(t, "Năm viết bằng 4 chữ số, ví dụ 2025.\nCách dùng: /export hoặc /export 2025", bottest.Plain(msgs))
	for _, m := range msgs {
		assert.Nil(t, m.Document)
	}
}

// chartOf asks for the chart and decodes the picture sent.
func chartOf(t *testing.T, h *bottest.Harness, from models.User) (telegramfake.Sent, image.Image) {
	t.Helper()
	msgs := h.Send(from, "/chart")
	require.Len(t, msgs, 1, bottest.Plain(msgs))
	photo := msgs[0]
	require.Equal(t, "sendPhoto", photo.Method)
	require.NotNil(t, photo.Document)
	img, format, err := image.Decode(bytes.NewReader(photo.Document.Data))
	require.NoError(t, err)
	assert.Equal(t, "png", format)
	return photo, img
}

func colorsOf(img image.Image) map[color.RGBA]int {
	seen := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	return seen
}

// admitInto records n admissions of an organization directly.
func admitInto(t *testing.T, h *bottest.Harness, tx *storage.Tx, org string, n int) {
	t.Helper()
	for i := range n {
		a := quota.Admission{Org: org, Name: "Người Thứ " + letters(i), Date: quota.Date{Year: 2026, Month: time.March, Day: 1}, ReportedBy: 1, ReportedAt: h.Clock.Now()}
		require.NoError(t, tx.AddAdmission(&a))
	}
}

// letters writes n with the letters a to j for digits, for names that
// must not hold digits.
func letters(n int) string {
	s := []byte(strconv.Itoa(n))
	for i := range s {
		s[i] = 'a' + s[i] - '0'
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

func TestChartInChat(t *testing.T) {
	h := bottest.New(t)
	h.Register(20, quota.RoleLeader)
	leader := bottest.User(20)
	h.AddOrg("CB01", "Chi bộ Phân xưởng Cơ khí", "", 2026, 10)
	h.AddOrg("CB02", "Chi bộ Kho vận", "", 2026, 4)
	h.AddOrg("CB03", "Chi bộ Văn phòng", "", 2026, 10)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		admitInto(t, h, tx, "CB01", 1) // behind
		admitInto(t, h, tx, "CB02", 4) // met
		admitInto(t, h, tx, "CB03", 5) // on pace
		return nil
	}))

	photo, img := chartOf(t, h, leader)
	assert.Equal(t, "tien-do-2026.png", photo.Document.Name)
	english, _ := chartOf(t, h, bottest.EnglishUser(leader.ID))
	assert.Equal(t, "progress-2026.png", english.Document.Name, "the file is named in the reader's language")
	assert.Equal(t, "Tiến độ kết nạp đảng viên năm 2026 (đến 15/06/2026)", photo.Plain())
	small := img.Bounds()
	assert.InDelta(t, 864, small.Dx(), 100, "about 9 inches at 96 dpi, readable on a phone")
	assert.Greater(t, small.Dy(), 200)
	assert.Less(t, small.Dy(), 600)
	colors := colorsOf(img)
	assert.Greater(t, len(colors), 5, "not a blank picture")
	for name, c := range map[string]color.RGBA{
		"total":    {R: 0x1f, G: 0x3a, B: 0x93, A: 0xff},
		"met":      {R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
		"on pace":  {R: 0x81, G: 0xc7, B: 0x84, A: 0xff},
		"behind":   {R: 0xe5, G: 0x73, B: 0x73, A: 0xff},
		"expected": {R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff},
	} {
		assert.Positive(t, colors[c], "no %s colour in the chart", name)
	}

	assert.Equal(t, "Năm viết bằng 4 chữ số, ví dụ 2025.\nCách dùng: /chart hoặc /chart 2025", h.Reply(leader, "/chart abc"))
	assert.Contains(t, h.Reply(bottest.User(99), "/chart"), "Đồng chí chưa được đăng ký")
}

func TestChartOfALargeCommitteeHasABoundedHeight(t *testing.T) {
	h := bottest.New(t)
	h.Register(20, quota.RoleLeader)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for i := range 300 {
			code := fmt.Sprintf("CB%03d", i)
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ số " + letters(i)}); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, code, 5+i%7); err != nil {
				return err
			}
			admitInto(t, h, tx, code, i%6)
		}
		return nil
	}))

	_, img := chartOf(t, h, bottest.User(20))
	b := img.Bounds()
	assert.InDelta(t, 864, b.Dx(), 100)
	// The 20 furthest behind, the 20 furthest ahead, the total and a line
	// for the rest: about 12 inches however many organizations there are.
	assert.Greater(t, b.Dy(), 600)
	assert.LessOrEqual(t, b.Dy(), 1200)
	assert.Greater(t, len(colorsOf(img)), 5)
}

// Every kind of mistake an import file can have is said in both
// languages, with its values in place.
func TestImportMistakesInBothLanguages(t *testing.T) {
	h := bottest.New(t)
	data := quotaWorkbook(t,
		[]any{1, "", "Không Mã", "", 1},                     // line 5: no code: matched by name
		[]any{2, "CB01", "", "", 1},                         // line 6: empty name
		[]any{3, "CB02", "Chi bộ Hai", "x y", 1},            // line 7: unknown parent
		[]any{4, "CB03", "Chi bộ Ba", "", "1.000"},          // line 8: ambiguous
		[]any{5, "CB04", "Chi bộ Bốn", "", "99999999"},      // line 9: too big
		[]any{6, "CB05", "Chi bộ Năm", "CB05", 1},           // line 10: own parent
		[]any{7, "CB06", strings.Repeat("Tên ", 60), "", 1}, // line 11: long name
	)
	vi := sendFile(t, h, bottest.User(bottest.AdminID), "a.xlsx", xlsxType, data, "")
	for _, want := range []string{"vì tệp có 6 lỗi", "Dòng 6: Thiếu tên tổ chức", "Dòng 7 (Chi bộ Hai): Đơn vị cấp trên x y không có",
		`Dòng 8 (Chi bộ Ba): Chỉ tiêu năm 2026 "1.000" không rõ`, `Dòng 9 (Chi bộ Bốn): Chỉ tiêu năm 2026 "99999999" quá lớn (tối đa 1000000)`,
		"Dòng 10 (Chi bộ Năm): Tổ chức không thể trực thuộc chính nó", "Dòng 11 (Tên Tên", "Tên dài 239 ký tự, tối đa 200"} {
		assert.Contains(t, vi, want)
	}
	assert.NotContains(t, vi, "Dòng 5", "a row without a code is matched by its name")
	en := sendFile(t, h, bottest.EnglishUser(bottest.AdminID), "a.xlsx", xlsxType, data, "")
	for _, want := range []string{"Line 6: The name is empty.", "Line 10 (Chi bộ Năm): An organization cannot be its own parent",
		`Line 9 (Chi bộ Bốn): The quota for 2026, "99999999", is too large (at most 1000000)`} {
		assert.Contains(t, en, want)
	}
	assert.NotContains(t, vi, "%!", "no argument is missing")
	assert.NotContains(t, en, "%!")
}

// TestTableAndChartAreDrawnWhenSent: the transaction of /export and of
// /chart queues what to draw, not the file, so no rendering holds the
// write lock; the file is drawn when it is sent, as of the day it was
// asked.
func TestTableAndChartAreDrawnWhenSent(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(51, quota.RoleLeader)
	leader := bottest.User(51)
	for i, text := range []string{"/export", "/chart"} {
		upd := models.Update{ID: int64(i + 1), Message: &models.Message{ID: i + 1, From: &leader, Date: int(h.Clock.Now().Unix()),
			Chat: models.Chat{ID: leader.ID, Type: models.ChatTypePrivate}, Text: text}}
		require.NoError(t, h.Bot.HandleUpdate(context.Background(), &upd))
	}
	pending, err := h.DB.PendingOutgoing(10, nil)
	require.NoError(t, err)
	var queued []storage.Outgoing // besides the menu the first update sets
	for _, m := range pending {
		if m.Kind == storage.KindDocument || m.Kind == storage.KindPhoto {
			queued = append(queued, m)
		}
	}
	require.Len(t, queued, 2)
	for i, what := range []string{storage.RenderTable, storage.RenderChart} {
		m := queued[i]
		require.NotNil(t, m.Render, what)
		assert.Equal(t, storage.Render{What: what, Year: 2026, On: quota.Date{Year: 2026, Month: 6, Day: 15}, Lang: "vi"}, *m.Render)
		data, err := h.DB.OutgoingFile(m.Key)
		require.NoError(t, err)
		assert.Nil(t, data, "the %s was drawn inside the update's transaction", what)
	}

	h.Start()
	h.Drain(30 * time.Second)
	sent := h.Fake.SentTo(leader.ID)
	doc := documentIn(t, sent)
	_, _, title, _, rows := readTable(t, doc.Document.Data)
	assert.Contains(t, title, "15/06/2026")
	require.NotEmpty(t, rows)
	assert.Equal(t, "CB_01", rows[0].code)
	var photo []byte
	for _, m := range sent {
		if m.Method == "sendPhoto" && m.Document != nil {
			photo = m.Document.Data
		}
	}
	require.NotNil(t, photo, "no chart was sent")
	_, err = png.Decode(bytes.NewReader(photo))
	assert.NoError(t, err)
}

// TestUnreadableFilesAreSaidInTheReadersLanguage: a file the reader gives
// up on is explained in Vietnamese to a Vietnamese admin, in English to an
// English one, never in the reader's own English.
func TestUnreadableFilesAreSaidInTheReadersLanguage(t *testing.T) {
	h := bottest.New(t)
	vi, en := bottest.User(bottest.AdminID), bottest.EnglishUser(bottest.AdminID)
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	noHeader := []byte("một,hai,ba\n1,2,3\n")
	for _, c := range []struct {
		name, mime string
		data       []byte
		vi, en     string
	}{
		{"chi-tieu-cu.xlsx", xlsxType, xls, "Tệp là sổ Excel 97-2003 (.xls), bot không đọc được.", "The file is an Excel 97-2003 workbook (.xls), which cannot be read."},
		{"chi-tieu.csv", "text/csv", noHeader, "Không tìm thấy dòng tiêu đề trong 20 dòng đầu", "No header row in the first 20 rows"},
		{"chi-tieu.xlsx", xlsxType, []byte("PK\x03\x04 not really a workbook"), "Tệp bị hỏng hoặc không phải tệp .xlsx, .ods hay .csv.", "The file is damaged or not an .xlsx, .ods or .csv file."},
	} {
		got := sendFile(t, h, vi, c.name, c.mime, c.data, "")
		assert.Contains(t, got, "Không đọc được tệp. "+c.vi, c.name)
		assert.NotRegexp(t, `\b(the|file|cannot|reading|opening)\b`, got, "%s: no English to a Vietnamese admin", c.name)
		assert.Contains(t, sendFile(t, h, en, c.name, c.mime, c.data, ""), "The file could not be read. "+c.en, c.name)
	}
}
