package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/demo"
	"quotabot/quota"
	"quotabot/storage"
)

// demoHarness is the demonstration committee on 15/06/2026: 30
// organizations with quotas summing to 300, 152 admitted.
func demoHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t)
	require.NoError(t, demo.Seed(h.DB, date(2026, 6, 15)))
	return h
}

func addAdmissions(t *testing.T, h *bottest.Harness, org string, dates ...quota.Date) {
	t.Helper()
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for i, d := range dates {
			a := quota.Admission{Org: org, Name: "Người Thứ " + spellOut(i), Date: d, ReportedBy: 1, ReportedAt: h.Clock.Now()}
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
		}
		return nil
	}))
}

// spellOut turns a number into letters, for names that must be letters.
func spellOut(n int) string {
	const digits = "abcdefghij"
	s := fmt.Sprint(n)
	out := make([]byte, len(s))
	for i := range s {
		out[i] = digits[s[i]-'0']
	}
	return strings.ToUpper(string(out[:1])) + string(out[1:])
}

func TestStatusCommittee(t *testing.T) {
	h := demoHarness(t)
	leader := bottest.User(demo.Leader)

	got := h.Reply(leader, "/status")
	assert.Contains(t, got, "Tiến độ kết nạp đảng viên năm 2026 — toàn Đảng bộ (đến 15/06/2026)")
	assert.Contains(t, got, "Đã kết nạp: 152/300 (50,7% kế hoạch)")
	// Linear pace on day 166 of 365; CB_01..CB_04 and CB_13 met their
	// quota, and fifteen are below the number expected.
	assert.Contains(t, got, "Tổ chức: 30 có chỉ tiêu; 5 hoàn thành; 15 chậm tiến độ")
	assert.Contains(t, got, "Chậm nhất:\n• Chi bộ Công ty Cấp nước Thanh Hóa (CB_06): 0/15, thiếu 6\n• Chi bộ Công ty Xi măng Bỉm Sơn (CB_05): 2/17, thiếu 5")
	assert.Contains(t, got, "Cùng kỳ năm trước: ")

	assert.Equal(t, got, h.Reply(leader, "/tiendo"), "the alias gives the same")
	assert.Equal(t, got, h.Reply(bottest.User(demo.Specialist), "/status"), "a specialist sees the committee")
	assert.Equal(t, got, h.Reply(bottest.User(bottest.AdminID), "/status"), "so does an admin")

	got = h.Reply(leader, "/status 2025")
	assert.Contains(t, got, "năm 2025 — toàn Đảng bộ (đến 31/12/2025)")
	assert.Contains(t, got, "Đã kết nạp: 149/300 (49,7% kế hoạch)")
	assert.NotContains(t, got, "Cùng kỳ năm trước", "there is no 2024 data")
}

func TestStatusOfAnOrganization(t *testing.T) {
	h := demoHarness(t)
	leader := bottest.User(demo.Leader)

	got := h.Reply(leader, "/status CB_05")
	assert.Contains(t, got, "Tiến độ kết nạp năm 2026 — Chi bộ Công ty Xi măng Bỉm Sơn (đến 15/06/2026)")
	assert.Contains(t, got, "Đã kết nạp: 2/17 (11,8% kế hoạch)")
	assert.Contains(t, got, "Theo tiến độ đến nay cần: 7; còn thiếu 5")

	over := h.Reply(leader, "/status CB_01")
	assert.Contains(t, over, "21/20 (105,0% kế hoạch)\n✅ Vượt chỉ tiêu: thêm 1 người", "over the quota reads vượt chỉ tiêu")
	assert.NotContains(t, over, "hoàn thành")
	assert.Contains(t, h.Reply(leader, "/status CB_02"), "18/18 (100,0% kế hoạch)\n✅ Đã hoàn thành chỉ tiêu")
	assert.Contains(t, h.Reply(leader, "/status CB_07"), "Theo tiến độ đến nay cần: 5; đúng tiến độ")

	got = h.Reply(leader, "/status CB_01 2025")
	assert.Contains(t, got, "năm 2025 — Chi bộ Công ty Cổ phần Sông Hồng (đến 31/12/2025)")
	assert.Contains(t, got, "15/20 (75,0% kế hoạch)")
	assert.Equal(t, got, h.Reply(leader, "/status 2025 CB_01"), "in either order")

	// A parent is the sum of its cells, each listed.
	got = h.Reply(leader, "/status DU_TCT")
	assert.Contains(t, got, "Đảng ủy Tổng công ty Xây dựng Số 1")
	assert.Contains(t, got, "Đã kết nạp: 25/40 (62,5% kế hoạch)")
	assert.Contains(t, got, "Các tổ chức trực thuộc:\n• Chi bộ Ban Quản lý Dự án: 3/10 (30,0%)")
	assert.Contains(t, got, "• Chi bộ Phòng Kỹ thuật: 10/10 (100,0%)")

	for _, c := range []struct{ args, want string }{
		{"CB_01 CB_02", "Cách dùng: /status, /status MA_TO_CHUC, /status 2025, /status MA_TO_CHUC 2025 hoặc một giai đoạn: /status 2021-2025"},
		{"CB_01!", "Cách dùng: /status"},
		{"XX_99", "Không có tổ chức mã XX_99"},
	} {
		assert.Contains(t, h.Reply(leader, "/status "+c.args), c.want, c.args)
	}
}

// TestOrganizationCodesInAnyCase: a code typed in lower case finds the
// organization, in /status, /org, /candidate and /invite alike.
func TestOrganizationCodesInAnyCase(t *testing.T) {
	h := demoHarness(t)
	leader := bottest.User(demo.Leader)
	assert.Equal(t, h.Reply(leader, "/status CB_05"), h.Reply(leader, "/status cb_05"))
	assert.Contains(t, h.Reply(leader, "/status du_tct 2026"), "Đảng ủy Tổng công ty Xây dựng Số 1")
	assert.Contains(t, h.Reply(leader, "/nguon Cb_05"), "Nguồn kết nạp — Chi bộ Công ty Xi măng Bỉm Sơn")
	sec := bottest.User(demo.Secretary + 4) // CB_05
	assert.Equal(t, h.Reply(sec, "/status"), h.Reply(sec, "/status cb_05"), "a secretary's own code in any case")
	admin := bottest.User(demo.Admin)
	assert.Contains(t, h.Reply(admin, "/org cb_05"), "(CB_05)")
	assert.Contains(t, h.Reply(admin, "/invite secretary cb_06"), "Chi bộ Công ty Cấp nước Thanh Hóa")
	assert.Contains(t, h.Reply(leader, "/status cb_99"), "Không có tổ chức mã cb_99")
}

func TestStatusOfASecretary(t *testing.T) {
	h := demoHarness(t)
	sec := bottest.User(demo.Secretary + 4) // CB_05

	got := h.Reply(sec, "/status")
	assert.Contains(t, got, "Chi bộ Công ty Xi măng Bỉm Sơn")
	assert.Contains(t, got, "2/17")
	assert.NotContains(t, got, "toàn Đảng bộ")
	assert.Equal(t, got, h.Reply(sec, "/status CB_05"))
	assert.Equal(t, "Bí thư chỉ xem được tiến độ của tổ chức mình và các tổ chức trực thuộc.", h.Reply(sec, "/status CB_01"))
	assert.Contains(t, h.Reply(sec, "/status 2025"), "năm 2025 — Chi bộ Công ty Xi măng Bỉm Sơn")
}

func TestStatusSamePeriodLastYearOnlyWithData(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(51, quota.RoleLeader)
	h.Register(7, quota.RoleSecretary, "CB_01")
	addAdmissions(t, h, "CB_01", date(2026, 2, 1), date(2026, 3, 1))

	assert.NotContains(t, h.Reply(bottest.User(51), "/status"), "Cùng kỳ")
	assert.NotContains(t, h.Reply(bottest.User(7), "/status"), "Cùng kỳ")

	// Last year, one before 15/06 and one after: only the first is the
	// same period.
	addAdmissions(t, h, "CB_01", date(2025, 3, 1), date(2025, 9, 1))
	assert.Contains(t, h.Reply(bottest.User(51), "/status"), "Cùng kỳ năm trước: 1")
	assert.Contains(t, h.Reply(bottest.User(7), "/status"), "Cùng kỳ năm trước: 1")
}

// With one year before this one, /status names that year and its count,
// not a span "2025-2025" with a mean of a single year.
func TestStatusOneEarlierYear(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(51, quota.RoleLeader)
	addAdmissions(t, h, "CB_01", date(2025, 3, 1), date(2025, 9, 1), date(2026, 2, 1))

	got := h.Reply(bottest.User(51), "/status")
	assert.Contains(t, got, "Năm 2025: đã kết nạp 2")
	assert.NotContains(t, got, "2025-2025")
	assert.NotContains(t, got, "bình quân")
	en := h.Reply(bottest.EnglishUser(51), "/status CB_01")
	assert.Contains(t, en, "Year 2025: 2 admitted")
	assert.NotContains(t, en, "on average")
}

func TestStatusInEnglish(t *testing.T) {
	h := demoHarness(t)

	got := h.Reply(bottest.EnglishUser(demo.Leader), "/status")
	assert.Contains(t, got, "Party admissions 2026 — the whole committee (as of 15/06/2026)")
	assert.Contains(t, got, "Admitted: 152/300 (50.7% of plan)")
	assert.Contains(t, got, "Organizations: 30 with a quota; 5 met; 15 behind pace")
	assert.Contains(t, got, "Furthest behind:")

	// A Vietnamese client that chose English.
	vi := bottest.User(demo.Leader)
	assert.Contains(t, h.Reply(vi, "/status"), "50,7%")
	assert.Equal(t, "Switched to English.", h.Reply(vi, "/lang en"))
	assert.Contains(t, h.Reply(vi, "/status"), "Admitted: 152/300 (50.7% of plan)")
	assert.Equal(t, "Đã chuyển sang tiếng Việt.", h.Reply(vi, "/lang vi"))
	assert.Contains(t, h.Reply(vi, "/status"), "50,7%")
}

func TestStatusGroupsThousands(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("DB_LON", "Đảng bộ Lớn", "", 2026, 3000)
	h.Register(51, quota.RoleLeader)
	dates := make([]quota.Date, 1023)
	for i := range dates {
		dates[i] = date(2026, 1, 1).AddDays(i % 160)
	}
	addAdmissions(t, h, "DB_LON", dates...)
	require.Equal(t, 1023, h.Tally(2026, "DB_LON").Admitted)

	assert.Contains(t, h.Reply(bottest.User(51), "/status"), "Đã kết nạp: 1.023/3.000 (34,1% kế hoạch)")
	assert.Contains(t, h.Reply(bottest.EnglishUser(51), "/status"), "Admitted: 1,023/3,000 (34.1% of plan)")
	// A year stays a year.
	assert.Contains(t, h.Reply(bottest.User(51), "/status DB_LON"), "năm 2026 — Đảng bộ Lớn")
}

func TestStatusEscapesNames(t *testing.T) {
	h := demoHarness(t)
	leader := bottest.User(demo.Leader)

	// The fake refuses a message whose HTML does not parse, so a reply
	// arriving at all shows the name was escaped.
	msgs := h.Send(leader, "/status CB_02")
	require.NotEmpty(t, msgs)
	assert.Contains(t, bottest.Plain(msgs), "Chi bộ Công ty TNHH A & B <Sông Mã>")
	assert.Contains(t, msgs[0].Text, "A &amp; B &lt;Sông Mã&gt;")

	// The furthest behind, named in the committee status.
	h.AddOrg("CB_X", `Tổ <b>1</b> & "Đội" >2<`, "", 2026, 100)
	got := h.Reply(leader, "/status")
	assert.Contains(t, got, `• Tổ <b>1</b> & "Đội" >2< (CB_X): 0/100, thiếu 45`)

	// A secretary of that organization sees it in every reply.
	h.Register(77, quota.RoleSecretary, "CB_X")
	assert.Contains(t, h.Reply(bottest.User(77), "/report Nguyễn Văn An"), `vào Tổ <b>1</b> & "Đội" >2<:`)
	assert.Contains(t, h.Reply(bottest.User(77), "/undo"), `của Tổ <b>1</b> & "Đội" >2<`)

	// What a user typed is echoed safely too.
	got = h.Reply(bottest.User(77), "/report <b>Nguyễn</b> & Co")
	assert.Contains(t, got, "Dòng 1 (<b>Nguyễn</b> & Co): Họ tên chỉ gồm chữ cái")
	assert.Contains(t, h.Reply(leader, "/status <i>"), "Cách dùng")
	assert.Contains(t, h.Reply(leader, "/nope<b>"), "Không có lệnh /nope<b>")
}

// An assignment to an organization covers its whole subtree: the
// secretary of a base committee sees its cells, a specialist assigned to
// it reads their candidates; neither reaches a sibling.
func TestAssignmentCoversTheSubtree(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("DU_B", "Đảng ủy B", "", 2026, 0)
	h.AddOrg("CB_B1", "Chi bộ B1", "DU_B", 2026, 10)
	h.AddOrg("CB_A1", "Chi bộ A1", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "DU_B")
	h.Register(8, quota.RoleSpecialist, "DU_B")
	h.Register(9, quota.RoleSecretary, "CB_B1")
	require.Contains(t, h.Reply(bottest.User(9), "/nguon them Lê Thị Nguồn; doan"), "Đã thêm")
	h.AdmitN("CB_B1", 3)

	got := h.Reply(bottest.User(7), "/status CB_B1")
	assert.Contains(t, got, "Chi bộ B1")
	assert.Contains(t, got, "3/10")
	assert.Contains(t, h.Reply(bottest.User(7), "/status"), "3/10", "the base committee's own status rolls its cells up")
	assert.Contains(t, h.Reply(bottest.User(7), "/status CB_A1"), "chỉ xem được tiến độ của tổ chức mình")
	assert.Contains(t, h.Reply(bottest.User(7), "/nguon CB_B1"), "Lê Thị Nguồn")

	assert.Contains(t, h.Reply(bottest.User(8), "/nguon CB_B1"), "Lê Thị Nguồn", "a specialist assigned to DU_B reads its cells")
	assert.Contains(t, h.Reply(bottest.User(8), "/nguon CB_A1"), "Đồng chí không theo dõi tổ chức này.")
}

// A deactivated organization keeps its history but, from its deactivation
// on, counts in no total, no list of those behind and no rating.
func TestDeactivatedOrganizationCountsNowhere(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	h.AddOrg("DU_X", "Đảng ủy X", "", 2026, 0)
	h.AddOrg("CB_A", "Chi bộ A", "DU_X", 2026, 10)
	h.AddOrg("CB_B", "Chi bộ Giải thể", "DU_X", 2026, 10)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		_, err := tx.SetQuota(2025, "CB_B", 5)
		return err
	}))
	h.AdmitN("CB_A", 4)
	h.AdmitN("CB_B", 3)
	h.Register(9, quota.RoleLeader)
	leader := bottest.User(9)
	before := h.Reply(leader, "/status")
	require.Contains(t, before, "7/20")

	require.Contains(t, h.Reply(admin, "/org CB_B off"), "Đã ngừng hoạt động")
	got := h.Reply(leader, "/status")
	assert.Contains(t, got, "4/10 (40,0% kế hoạch)")
	assert.Contains(t, got, "Tổ chức: 1 có chỉ tiêu")
	assert.Contains(t, got, "Không tính 1 tổ chức đã ngừng hoạt động.")
	assert.NotContains(t, got, "CB_B", "not among those behind")
	got = h.Reply(leader, "/status DU_X")
	assert.Contains(t, got, "4/10")
	assert.Contains(t, got, "Không tính 1 tổ chức đã ngừng hoạt động.")
	assert.NotContains(t, got, "Chi bộ Giải thể")
	assert.Contains(t, h.Reply(leader, "/status CB_B"), "số liệu dưới đây là lịch sử", "its own history is still shown")
	assert.Contains(t, h.Reply(leader, "/status 2025"), "0/5", "before its deactivation it counted")
	assert.NotContains(t, h.Reply(leader, "/rating"), "Chi bộ Giải thể")

	f := exportOf(t, h, 9, "/export")
	_, rows := rowsByCode(t, f, f.GetSheetList()[0])
	assert.NotContains(t, rows, "CB_B")
	assert.Contains(t, rows, "CB_A")

	require.Contains(t, h.Reply(admin, "/org CB_B on"), "hoạt động trở lại")
	assert.Contains(t, h.Reply(leader, "/status"), "7/20")
}

// Dropped candidates count from no source; a conversion of nobody and a
// child with no quota are not shown as 0/0 (0,0%).
func TestStatusShowsNothingForNothing(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("DU_Y", "Đảng ủy Y", "", 2026, 0)
	h.AddOrg("CB_Q", "Chi bộ Có chỉ tiêu", "DU_Y", 2026, 10)
	h.AddOrg("CB_N", "Chi bộ Chưa giao", "DU_Y", 2026, 0)
	h.Register(7, quota.RoleSecretary, "CB_Q")
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/nguon them Lê Văn Bỏ; doan"), "Đã thêm")
	require.Contains(t, h.Reply(sec, "/nguon loai Lê Văn Bỏ; chuyển công tác"), "Đã loại")
	require.Contains(t, h.Reply(sec, "/nguon them Trần Thị Còn; congdoan"), "Đã thêm")
	h.Register(9, quota.RoleLeader)

	got := h.Reply(bottest.User(9), "/status DU_Y")
	assert.Contains(t, got, "Nguồn theo nơi giới thiệu: Đoàn Thanh niên 0, Công đoàn 1", "the dropped candidate counts from no source")
	assert.NotContains(t, got, "Giới thiệu năm", "nobody was introduced: no conversion line")
	assert.NotContains(t, got, "0/0")
	assert.Contains(t, got, "• Chi bộ Chưa giao: 0 người (chưa giao chỉ tiêu)")
	assert.Contains(t, got, "• Chi bộ Có chỉ tiêu: 0/10 (0,0%)")
}

// Reporting stays with each cell's own secretary; the base committee's
// secretary reports for a cell only when it has none registered.
func TestBaseCommitteeReportsForACellWithoutSecretary(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("DU_B", "Đảng ủy B", "", 2026, 0)
	h.AddOrg("CB_B1", "Chi bộ B1", "DU_B", 2026, 10)
	h.AddOrg("CB_B2", "Chi bộ B2", "DU_B", 2026, 10)
	h.AddOrg("CB_A1", "Chi bộ A1", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "DU_B")
	h.Register(9, quota.RoleSecretary, "CB_B1")
	base := bottest.User(7)

	got := h.Reply(base, "/report CB_B1: Lê Văn Một; 01/03/2026")
	assert.Contains(t, got, "Chi bộ B1 có bí thư đăng ký riêng")
	assert.Zero(t, h.Tally(2026, "CB_B1").Admitted)

	got = h.Reply(base, "/report CB_B2: Lê Văn Hai; 01/03/2026\nLê Văn Ba; 02/03/2026")
	assert.Contains(t, got, "Đã ghi nhận kết nạp 2 người vào Chi bộ B2")
	assert.Equal(t, 2, h.Tally(2026, "CB_B2").Admitted)
	assert.Zero(t, h.Tally(2026, "DU_B").Admitted)

	assert.Contains(t, h.Reply(base, "/report CB_A1: Lê Văn Bốn"), "Chi bộ A1 không trực thuộc tổ chức của đồng chí")
	assert.Zero(t, h.Tally(2026, "CB_A1").Admitted)
	assert.Contains(t, h.Reply(base, "/undo"), "Đã hủy cả 2 người", "the batch is undone by its reporter")
	assert.Zero(t, h.Tally(2026, "CB_B2").Admitted)
}

// A secretary who blocked the bot is said to have blocked it, not to be
// missing: on the organization's card and in /remind.
func TestBlockedSecretaryIsNotNoSecretary(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_X", "Chi bộ X", "", 2026, 12)
	h.StoreUser(quota.User{ID: 71, Role: quota.RoleSecretary, Orgs: []string{"CB_X"}, Name: "Bí Thư X", Lang: "vi", Unreachable: true})
	admin := bottest.User(bottest.AdminID)
	got := h.Reply(admin, "/org CB_X")
	assert.Contains(t, got, "Bí Thư X (71) ⚠️ đã chặn bot")
	got = h.Reply(admin, "/remind")
	assert.Contains(t, got, "có bí thư đã chặn bot")
	assert.Contains(t, got, "CB_X")
	assert.NotContains(t, got, "chưa có bí thư đăng ký nhận tin")
}
