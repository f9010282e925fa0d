package jobs_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/demo"
	"quotabot/quota"
	"quotabot/storage"
)

func TestRemindersFollowTheLinearPace(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.ClosingLine = "Ban Tổ chức Đảng ủy Khối" })
	h.AddOrg("ON_PACE", "Chi bộ Đúng hạn", "", 2026, 12)
	h.AdmitN("ON_PACE", 5)
	h.AddOrg("BEHIND", "Chi bộ Chậm <1>", "", 2026, 12)
	h.AdmitN("BEHIND", 4)
	h.AddOrg("DONE", "Chi bộ Xong", "", 2026, 3)
	h.AdmitN("DONE", 3)
	h.AddOrg("NOQUOTA", "Chi bộ Chưa giao", "", 2026, 0)
	h.AdmitN("NOQUOTA", 1)
	h.AddOrg("NOQUOTA0", "Chi bộ Trống", "", 2026, 0)
	h.Register(11, quota.RoleSecretary, "ON_PACE")
	h.Register(12, quota.RoleSecretary, "BEHIND")
	h.StoreUser(quota.User{ID: 13, Role: quota.RoleSecretary, Orgs: []string{"BEHIND"}, Lang: "en"})
	h.Register(14, quota.RoleSecretary, "DONE")
	h.Register(15, quota.RoleSecretary, "NOQUOTA")
	h.Register(16, quota.RoleSecretary, "NOQUOTA0")

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)

	for _, id := range []int64{11, 14, 15, 16} {
		assert.Empty(t, h.Received(id), "secretary %d is not behind and gets nothing", id)
	}
	vi := h.Received(12)
	require.Len(t, vi, 1, "one reminder per secretary")
	assert.Contains(t, vi[0], "Nhắc việc")
	assert.Contains(t, vi[0], "Chi bộ Chậm <1>")
	assert.Contains(t, vi[0], "4/12 (33,3%)")
	assert.Contains(t, vi[0], "đến 15/06/2026 cần kết nạp 5: còn thiếu 1 so với tiến độ.", "one shortfall, named")
	assert.Contains(t, vi[0], "Đề nghị chi bộ tập trung phát triển đảng viên")
	assert.NotContains(t, vi[0], "đôn đốc", "urging is the Board's word, not asked of the cell")
	assert.Equal(t, 1, strings.Count(vi[0], "thiếu"), "one shortfall per reminder: %s", vi[0])
	assert.Contains(t, vi[0], "Kể cả khi kết nạp hết nguồn đã giới thiệu vẫn chưa đủ chỉ tiêu")
	assert.True(t, strings.HasSuffix(vi[0], "\nBan Tổ chức Đảng ủy Khối"), vi[0])

	en := h.Received(13)
	require.Len(t, en, 1, "one reminder per secretary")
	assert.Contains(t, en[0], "Reminder: Party admissions 2026")
	assert.Contains(t, en[0], "4/12 (33.3%)")
	assert.Contains(t, en[0], "By 15/06/2026, 5 were expected: 1 short of the pace.")
	assert.Contains(t, en[0], "Ban Tổ chức Đảng ủy Khối")

	// The same scheduled time again queues nothing more.
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)
	assert.Len(t, h.Received(12), 1)
	assert.Len(t, h.Received(13), 1)
	// A later scheduled time is a new run.
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday.Add(time.Hour))
	assert.Len(t, h.Received(12), 2)
	assert.Len(t, h.Received(13), 2)
	assert.Empty(t, h.Received(11))
}

func TestRemindersFollowMilestones(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) {
		c.Options.Pace = quota.Pace{Mode: quota.PaceLinear, Milestones: []quota.Milestone{{Month: time.June, Day: 30, Percent: 50}}}
	})
	// By 30/06 half of 12 is due: 6, where the linear pace would ask 5.
	h.AddOrg("FIVE", "Chi bộ Năm", "", 2026, 12)
	h.AdmitN("FIVE", 5)
	h.AddOrg("SIX", "Chi bộ Sáu", "", 2026, 12)
	h.AdmitN("SIX", 6)
	h.Register(21, quota.RoleSecretary, "FIVE")
	h.Register(22, quota.RoleSecretary, "SIX")

	h.RunJob(h.Jobs.Reminders, bottest.At(2026, 6, 30, 8, 0))

	got := h.Received(21)
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "5/12")
	assert.Contains(t, got[0], "đến 30/06/2026 cần kết nạp 6: còn thiếu 1 so với tiến độ.")
	assert.Empty(t, h.Received(22))
}

func TestRemindersInQuotaMode(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.ReminderMode = quota.PaceQuota })
	h.AddOrg("ON_PACE", "Chi bộ Đúng hạn", "", 2026, 12)
	h.AdmitN("ON_PACE", 5)
	h.AddOrg("DONE", "Chi bộ Xong", "", 2026, 3)
	h.AdmitN("DONE", 4)
	h.Register(31, quota.RoleSecretary, "ON_PACE")
	h.Register(32, quota.RoleSecretary, "DONE")

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)

	got := h.Received(31)
	require.Len(t, got, 1, "below the quota is reminded even on pace")
	assert.Contains(t, got[0], "5/12 (41,7%), chưa hoàn thành chỉ tiêu: còn thiếu 7 so với chỉ tiêu.")
	assert.NotContains(t, got[0], "tiến độ", "a quota reminder names only the shortfall to the quota")
	assert.Empty(t, h.Received(32), "an organization over its quota gets nothing")
}

// TestRemindersNameTheOrganizationsKind: a base committee is asked as a
// committee, not as a cell; an organization whose name gives no kind is
// asked neutrally.
func TestRemindersNameTheOrganizationsKind(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("DU_A", "Đảng ủy Công ty A", "", 2026, 12)
	h.AddOrg("DB_B", "Đảng bộ Tổng công ty B", "", 2026, 12)
	h.AddOrg("X_C", "Công ty C", "", 2026, 12)
	h.Register(61, quota.RoleSecretary, "DU_A")
	h.Register(62, quota.RoleSecretary, "DB_B")
	h.Register(63, quota.RoleSecretary, "X_C")

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)

	for id, want := range map[int64]string{61: "Đề nghị đảng ủy tập trung", 62: "Đề nghị đảng bộ tập trung", 63: "Đề nghị tổ chức tập trung"} {
		got := h.Received(id)
		require.Len(t, got, 1, "secretary %d", id)
		assert.Contains(t, got[0], want)
		assert.NotContains(t, got[0], "chi bộ", "secretary %d", id)
	}
}

func TestRemindCommand(t *testing.T) {
	h := bottest.New(t)
	admin := bottest.User(bottest.AdminID)
	h.AddOrg("A", "Chi bộ A", "", 2026, 12)
	h.AddOrg("B", "Chi bộ B", "", 2026, 10)
	h.AdmitN("B", 1)
	h.AddOrg("C", "Chi bộ C", "", 2026, 2)
	h.AdmitN("C", 2)
	h.AddOrg("LONELY", "Chi bộ Không bí thư", "", 2026, 5)
	h.Register(141, quota.RoleSecretary, "A")
	h.Register(142, quota.RoleSecretary, "A")
	h.Register(143, quota.RoleSecretary, "B")
	h.Register(144, quota.RoleSecretary, "C")

	got := h.Reply(admin, "/remind")
	assert.Contains(t, got, "Đã xếp hàng gửi 3 tin nhắc việc tới 3 tổ chức chậm tiến độ.")
	assert.Contains(t, got, "LONELY", "names the organization behind with nobody to remind")
	for _, id := range []int64{141, 142, 143} {
		assert.Len(t, h.Received(id), 1, "secretary %d", id)
	}
	assert.Empty(t, h.Received(144))

	// A second /remind the same day is a run of its own, queued once.
	got = h.Reply(admin, "/remind")
	assert.Contains(t, got, "Đã xếp hàng gửi 3 tin nhắc việc")
	for _, id := range []int64{141, 142, 143} {
		assert.Len(t, h.Received(id), 2, "secretary %d", id)
	}

	// Only an admin may send them.
	h.Register(145, quota.RoleLeader)
	h.Reply(bottest.User(145), "/remind")
	assert.Len(t, h.Received(141), 2)
}

func TestEscalationAfterRemindersWithoutAdmission(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.EscalateAfter = 2 })
	h.AddOrg("STUCK", "Chi bộ Đứng yên", "", 2026, 12)
	h.AddOrg("OTHER", "Chi bộ Khác", "", 2026, 12)
	h.Register(51, quota.RoleSecretary, "STUCK")
	h.Register(52, quota.RoleSecretary, "OTHER")
	h.Register(53, quota.RoleSpecialist, "STUCK")
	h.Register(54, quota.RoleSpecialist, "OTHER")
	h.Register(55, quota.RoleLeader)

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday.AddDate(0, 0, -7))
	h.AdmitN("OTHER", 1) // still behind, but moving
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)
	require.Len(t, h.Received(51), 2)
	require.Len(t, h.Received(52), 2)

	h.RunJob(h.Jobs.Escalation, bottest.RemindMonday.Add(time.Hour))
	esc := h.Received(53)
	require.Len(t, esc, 1)
	assert.Contains(t, esc[0], "Chi bộ Đứng yên (STUCK) đã được nhắc 2 lần liên tiếp")
	assert.Contains(t, esc[0], "0/12")
	assert.Empty(t, h.Received(54), "a new admission in between resets the streak")

	h.RunJob(h.Jobs.Digests, bottest.RemindMonday.Add(2*time.Hour))
	dig := h.Received(55)
	require.Len(t, dig, 1)
	assert.Contains(t, dig[0], "Đã nhắc nhiều lần liên tiếp mà chưa có kết nạp mới")
	assert.Contains(t, dig[0], "Chi bộ Đứng yên (STUCK): 2 lần, 0/12")
	escalated := dig[0][strings.Index(dig[0], "Đã nhắc nhiều lần"):]
	assert.NotContains(t, escalated, "OTHER", "a new admission in between resets the streak")

	// An admission after the reminders ends the escalation.
	h.AdmitN("STUCK", 1)
	before := len(h.Received(53))
	h.RunJob(h.Jobs.Escalation, bottest.RemindMonday.Add(3*time.Hour))
	assert.Len(t, h.Received(53), before)
}

func TestNoEscalationWhenAdmissionsArrive(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.EscalateAfter = 2 })
	h.AddOrg("SLOW", "Chi bộ Chậm", "", 2026, 12)
	h.Register(61, quota.RoleSecretary, "SLOW")
	h.Register(62, quota.RoleSpecialist, "SLOW")
	h.Register(63, quota.RoleLeader)

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday.AddDate(0, 0, -7))
	h.AdmitN("SLOW", 1)
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)
	h.RunJob(h.Jobs.Escalation, bottest.RemindMonday.Add(time.Hour))
	h.RunJob(h.Jobs.Digests, bottest.RemindMonday.Add(time.Hour))

	assert.Len(t, h.Received(61), 2, "still behind, so reminded both times")
	got := h.Received(62)
	require.Len(t, got, 1, "the specialist gets the digest only")
	assert.NotContains(t, got[0], "Cần đôn đốc")
	dig := h.Received(63)
	require.Len(t, dig, 1)
	assert.NotContains(t, dig[0], "Đã nhắc nhiều lần liên tiếp")
}

func TestDigests(t *testing.T) {
	h := bottest.New(t)
	require.NoError(t, demo.Seed(h.DB, quota.DateOf(bottest.RemindMonday)))
	// A secretary who blocked the bot is listed to admins.
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		_, err := tx.SetUnreachable(demo.Secretary+4, true)
		return err
	}))

	h.RunJob(h.Jobs.Digests, bottest.At(2026, 6, 15, 7, 0))

	leader := h.Received(demo.Leader)
	require.Len(t, leader, 1)
	assert.Contains(t, leader[0], "Tổng hợp định kỳ")
	assert.Contains(t, leader[0], "152/300 (50,7% kế hoạch)")
	assert.NotContains(t, leader[0], "Người dùng đã chặn bot", "only admins see who is unreachable")

	spec := h.Received(demo.Specialist)
	require.Len(t, spec, 1)
	for i := 1; i <= 10; i++ {
		assert.Contains(t, spec[0], fmt.Sprintf("(CB_%02d)", i))
	}
	for _, c := range []string{"CB_11", "CB_20", "CB_30", "DU_TCT"} {
		assert.NotContains(t, spec[0], "("+c+")", "not assigned")
	}
	assert.NotContains(t, spec[0], "152/300", "a specialist gets their organizations, not the committee")
	assert.Contains(t, spec[0], "(CB_06): 0/15 (0,0%) — thiếu 6")

	admin := h.Received(demo.Admin)
	require.Len(t, admin, 1)
	assert.Contains(t, admin[0], "152/300")
	assert.Contains(t, admin[0], "Người dùng đã chặn bot")
	assert.Contains(t, admin[0], fmt.Sprintf("Bí thư CB_05 (%d, ", demo.Secretary+4))

	assert.Empty(t, h.Received(demo.Secretary), "secretaries get no digest")
	assert.Empty(t, h.Received(demo.Secretary+4), "nothing is sent to a user who blocked the bot")

	// The same run again sends nothing more.
	h.RunJob(h.Jobs.Digests, bottest.At(2026, 6, 15, 7, 0))
	assert.Len(t, h.Received(demo.Leader), 1)
}

// Only reminders queued to someone count toward escalation; the
// organizations nobody can be reminded in are named, with the reason, to
// the specialists covering them and to the admins.
func TestRemindersCountOnlyWhomTheyReached(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.EscalateAfter = 2 })
	h.AddOrg("DU_B", "Đảng ủy B", "", 2026, 0)
	h.AddOrg("ORPHAN", "Chi bộ Không bí thư", "DU_B", 2026, 12)
	h.AddOrg("BLOCKED", "Chi bộ Bí thư chặn", "DU_B", 2026, 12)
	h.AddOrg("STUCK", "Chi bộ Đứng yên", "DU_B", 2026, 12)
	h.AddOrg("ELSE", "Chi bộ Nơi khác", "", 2026, 12)
	h.StoreUser(quota.User{ID: 71, Role: quota.RoleSecretary, Orgs: []string{"BLOCKED"}, Lang: "vi", Unreachable: true})
	h.Register(72, quota.RoleSecretary, "STUCK")
	h.Register(73, quota.RoleSpecialist, "DU_B") // covers the cells below DU_B
	h.Register(74, quota.RoleLeader)
	h.Register(75, quota.RoleAdmin)
	h.Register(76, quota.RoleSpecialist, "ELSE")

	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday.AddDate(0, 0, -7))
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)
	h.RunJob(h.Jobs.Escalation, bottest.RemindMonday.Add(time.Hour))
	h.RunJob(h.Jobs.Digests, bottest.RemindMonday.Add(2*time.Hour))

	dig := h.Received(74)
	require.Len(t, dig, 1)
	escalated := dig[0][strings.Index(dig[0], "Đã nhắc nhiều lần"):]
	assert.Contains(t, escalated, "Chi bộ Đứng yên (STUCK): 2 lần")
	assert.NotContains(t, escalated, "ORPHAN", "never reminded, so not reminded several times")
	assert.NotContains(t, escalated, "BLOCKED", "never reminded, so not reminded several times")

	spec := strings.Join(h.Received(73), "\n---\n")
	assert.Contains(t, spec, "Tổ chức chậm tiến độ không nhắc được")
	assert.Contains(t, spec, "Bí thư đã chặn bot (1):\n• Chi bộ Bí thư chặn (BLOCKED)")
	assert.Contains(t, spec, "Chưa có bí thư đăng ký nhận tin (1):\n• Chi bộ Không bí thư (ORPHAN)")
	assert.Contains(t, spec, "Chi bộ Đứng yên (STUCK) đã được nhắc 2 lần liên tiếp", "an assignment to DU_B covers its cells for escalation")
	assert.Contains(t, spec, "(STUCK): 0/12", "and for the digest")
	assert.NotContains(t, spec, "ELSE")
	for _, m := range h.Received(76) {
		assert.NotContains(t, m, "ORPHAN", "another specialist's organizations are not listed")
	}
	admin := strings.Join(h.Received(75), "\n---\n")
	assert.Contains(t, admin, "Bí thư đã chặn bot (1):\n• Chi bộ Bí thư chặn (BLOCKED)")
	assert.Contains(t, admin, "(ELSE)", "admins hear of every organization nobody can be reminded in")

	got := h.Reply(bottest.User(bottest.AdminID), "/remind")
	assert.Contains(t, got, "có bí thư đã chặn bot, không nhận được tin nhắc: BLOCKED")
	assert.Contains(t, got, "chưa có bí thư đăng ký nhận tin: ELSE, ORPHAN")
}
