package bot_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
)

// probationHarness: CB_01's secretary 7, the specialist 52 assigned to
// CB_01 and the specialist 54 assigned to CB_02 only, and three
// admissions of CB_01 whose probations end on 10/03/2026, 20/04/2026 and
// 20/06/2026.
func probationHarness(t *testing.T, change ...func(*bottest.Config)) *bottest.Harness {
	t.Helper()
	h := bottest.New(t, change...)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(52, quota.RoleSpecialist, "CB_01")
	h.Register(54, quota.RoleSpecialist, "CB_02")
	h.Register(51, quota.RoleLeader)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for _, a := range []quota.Admission{
			{Org: "CB_01", Name: "Nguyễn Văn Dự", Date: date(2025, 3, 10), Decision: "7-QĐ/ĐU"},
			{Org: "CB_01", Name: "Trần Thị Bị", Date: date(2025, 4, 20)},
			{Org: "CB_01", Name: "Lê Văn Xa", Date: date(2025, 6, 20)},
		} {
			a.ReportedBy, a.ReportedAt = 7, bottest.At(a.Date.Year, a.Date.Month, a.Date.Day, 9, 0)
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
		}
		return nil
	}))
	return h
}

// probationDay runs the probation job as scheduled at 07:00 of the day,
// with the clock on that day, and returns the messages each person got.
func probationDay(t *testing.T, h *bottest.Harness, y int, m time.Month, d int) (sec, specialist, other []string) {
	t.Helper()
	at := bottest.At(y, m, d, 7, 0)
	h.Clock.Set(at)
	b7, b52, b54 := len(h.Fake.SentTo(7)), len(h.Fake.SentTo(52)), len(h.Fake.SentTo(54))
	h.RunJob(h.Jobs.Probation, at)
	return h.Received(7)[b7:], h.Received(52)[b52:], h.Received(54)[b54:]
}

func TestProbationReminders(t *testing.T) {
	h := probationHarness(t)

	// 30 days ahead by default: on 01/02 nothing ends by 03/03.
	sec, spec, other := probationDay(t, h, 2026, 2, 1)
	assert.Empty(t, sec)
	assert.Empty(t, spec)
	assert.Empty(t, other)

	// On 09/02 the end on 10/03 is within 30 days: one reminder.
	sec, spec, _ = probationDay(t, h, 2026, 2, 9)
	require.Len(t, sec, 1)
	assert.Contains(t, sec[0], "Sắp hết thời gian dự bị")
	assert.Contains(t, sec[0], "Đồng chí Nguyễn Văn Dự (Chi bộ Một) kết nạp ngày 10/03/2025, hết 12 tháng dự bị ngày 10/03/2026.")
	assert.Contains(t, sec[0], "/chinhthuc Nguyễn Văn Dự; dd/mm/yyyy; số quyết định")
	assert.Contains(t, sec[0], "Đề nghị chi bộ chuẩn bị xét công nhận", "the cell is asked by its own kind")
	assert.NotContains(t, sec[0], "Trần Thị Bị")
	assert.Empty(t, spec, "the specialist is told only when it is overdue")

	// The same run again, and the next days, add nothing.
	sec, _, _ = probationDay(t, h, 2026, 2, 9)
	assert.Empty(t, sec)
	sec, _, _ = probationDay(t, h, 2026, 2, 10)
	assert.Empty(t, sec)
	sec, _, _ = probationDay(t, h, 2026, 3, 9)
	assert.Empty(t, sec)

	// On the day.
	sec, spec, _ = probationDay(t, h, 2026, 3, 10)
	require.Len(t, sec, 1)
	assert.Contains(t, sec[0], "Hôm nay hết thời gian dự bị")
	assert.Contains(t, sec[0], "Nguyễn Văn Dự (Chi bộ Một) kết nạp ngày 10/03/2025, hết dự bị hôm nay (10/03/2026)")
	assert.Empty(t, spec)

	// The day after, overdue: the secretary, and the assigned specialist once.
	sec, spec, other = probationDay(t, h, 2026, 3, 11)
	require.Len(t, sec, 1)
	assert.Contains(t, sec[0], "Quá hạn xét đảng viên chính thức")
	assert.Contains(t, sec[0], "đã hết dự bị từ 10/03/2026 mà chưa có quyết định công nhận")
	require.Len(t, spec, 1)
	assert.Contains(t, spec[0], "Quá hạn xét đảng viên chính thức: Chi bộ Một (CB_01) — đồng chí Nguyễn Văn Dự, hết dự bị 10/03/2026, chưa có quyết định công nhận.")
	assert.Empty(t, other, "a specialist of another organization is not told")
	assert.Empty(t, h.Received(51), "nor is a leader")

	// Within the first week nothing more; a week after the end the
	// secretary again, the specialist not.
	sec, spec, _ = probationDay(t, h, 2026, 3, 12)
	assert.Empty(t, sec)
	assert.Empty(t, spec)
	sec, spec, _ = probationDay(t, h, 2026, 3, 16)
	assert.Empty(t, sec)
	assert.Empty(t, spec)
	sec, spec, _ = probationDay(t, h, 2026, 3, 17)
	require.Len(t, sec, 1)
	assert.Contains(t, sec[0], "Quá hạn xét đảng viên chính thức")
	assert.Empty(t, spec)

	// The secretary's /status lists the overdue one and the one ending
	// within 60 days, not the one ending in three months.
	status := h.Reply(bottest.User(7), "/status")
	assert.Contains(t, status, "Sắp hết thời gian dự bị (cần xét công nhận đảng viên chính thức):")
	assert.Contains(t, status, "• Nguyễn Văn Dự — kết nạp 10/03/2025, hết dự bị 10/03/2026 ⚠️ quá hạn")
	assert.Contains(t, status, "• Trần Thị Bị — kết nạp 20/04/2025, hết dự bị 20/04/2026")
	assert.NotContains(t, status, "Trần Thị Bị — kết nạp 20/04/2025, hết dự bị 20/04/2026 ⚠️")
	assert.NotContains(t, status, "Lê Văn Xa")
	assert.NotContains(t, h.Reply(bottest.User(51), "/status CB_01"), "Nguyễn Văn Dự", "the list is the secretary's")

	// The decision ends the reminders.
	got := h.Reply(bottest.User(7), "/chinhthuc nguyen van du; 12/03/2026; 45-QĐ/ĐU")
	assert.Contains(t, got, "Đã ghi nhận: Nguyễn Văn Dự được công nhận đảng viên chính thức ngày 12/03/2026, QĐ 45-QĐ/ĐU.")
	a, found := findAdmission(t, h, "CB_01", date(2025, 3, 10), "Nguyễn Văn Dự")
	require.True(t, found)
	require.NotNil(t, a.Official)
	assert.Equal(t, date(2026, 3, 12), a.Official.Date)
	assert.Equal(t, "45-QĐ/ĐU", a.Official.Number)
	assert.Equal(t, int64(7), a.Official.RecordedBy)
	assert.Contains(t, h.Reply(bottest.User(7), "/chinhthuc Nguyễn Văn Dự; 12/03/2026"), "Không tìm thấy đảng viên dự bị Nguyễn Văn Dự", "recorded once")

	for _, d := range []int{18, 19, 20} {
		sec, spec, _ = probationDay(t, h, 2026, 3, d)
		assert.Empty(t, sec, "day %d", d)
		assert.Empty(t, spec, "day %d", d)
	}
	// Trần Thị Bị's turn comes 30 days before 20/04.
	sec, spec, _ = probationDay(t, h, 2026, 3, 21)
	require.Len(t, sec, 1)
	assert.Contains(t, sec[0], "Trần Thị Bị")
	assert.Empty(t, spec)
	// Two weeks after the end, Nguyễn Văn Dự is not named again.
	sec, spec, _ = probationDay(t, h, 2026, 3, 25)
	assert.Empty(t, sec)
	assert.Empty(t, spec)
	status = h.Reply(bottest.User(7), "/status")
	assert.NotContains(t, status, "Nguyễn Văn Dự")
	assert.Contains(t, status, "Trần Thị Bị")
}

func TestProbationAheadIsConfigurable(t *testing.T) {
	h := probationHarness(t, func(c *bottest.Config) { c.Options.ProbationAhead = 7 })
	sec, _, _ := probationDay(t, h, 2026, 3, 2)
	assert.Empty(t, sec, "10/03 is 8 days away")
	sec, _, _ = probationDay(t, h, 2026, 3, 3)
	require.Len(t, sec, 1)
	assert.Contains(t, sec[0], "Nguyễn Văn Dự")
}

func TestProbationReminderInEnglish(t *testing.T) {
	h := probationHarness(t)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		u, err := tx.User(7)
		if err != nil {
			return err
		}
		u.Lang, u.LangChosen = "en", true
		_, err = tx.PutUser(u)
		return err
	}))
	sec, _, _ := probationDay(t, h, 2026, 3, 10)
	require.Len(t, sec, 1)
	assert.Contains(t, sec[0], "Probation ends today")
	assert.Contains(t, sec[0], "/official Nguyễn Văn Dự; dd/mm/yyyy; decision number")
}

func TestOfficialRefusals(t *testing.T) {
	h := probationHarness(t)
	h.Clock.Set(bottest.At(2026, 3, 18, 10, 0))
	sec := bottest.User(7)

	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Văn Không; 12/03/2026"), "Không tìm thấy đảng viên dự bị Trần Văn Không của tổ chức đang chờ xét chính thức.")
	got := h.Reply(sec, "/chinhthuc Trần Thị Bị; 01/04/2025")
	assert.Contains(t, got, "Chưa hết 12 tháng dự bị: đồng chí Trần Thị Bị kết nạp ngày 20/04/2025, chỉ được công nhận đảng viên chính thức từ ngày 20/04/2026.")
	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Thị Bị; 20/04/2025"), "chỉ được công nhận đảng viên chính thức từ ngày 20/04/2026", "not on the admission day either")
	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Thị Bị; 12/03/2026"), "từ ngày 20/04/2026", "not before the 12 months end")
	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Thị Bị"), "từ ngày 20/04/2026", "nor today, still within the probation")
	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Thị Bị; 30/03/2026"), "không được ở tương lai")
	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Thị Bị; 31/02/2026"), "Không có ngày này trong lịch.")
	assert.Contains(t, h.Reply(sec, "/chinhthuc"), "/chinhthuc Họ Tên; dd/mm/yyyy; số quyết định")
	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Thị Bị; 12/03/2026; 1; 2"), "/chinhthuc Họ Tên; dd/mm/yyyy; số quyết định")
	assert.Contains(t, h.Reply(sec, "/chinhthuc 123; 12/03/2026"), "Họ tên chỉ gồm chữ cái")
	// Another organization's probationer is not found by CB_02's secretary.
	h.Register(8, quota.RoleSecretary, "CB_02")
	assert.Contains(t, h.Reply(bottest.User(8), "/chinhthuc Trần Thị Bị; 12/03/2026"), "Không tìm thấy đảng viên dự bị Trần Thị Bị")
	// A retracted admission awaits no decision.
	assert.Contains(t, h.Reply(bottest.EnglishUser(7), "/official Nobody Here; 12/03/2026"), "No probationary member Nobody Here")
	for _, a := range admissions(t, h) {
		assert.Nil(t, a.Official, a.Name)
	}

	// Without a date the decision is dated today, once the probation ended.
	h.Clock.Set(bottest.At(2026, 4, 25, 10, 0))
	assert.Contains(t, h.Reply(sec, "/chinhthuc Trần Thị Bị"), "Trần Thị Bị được công nhận đảng viên chính thức ngày 25/04/2026.")
	a, found := findAdmission(t, h, "CB_01", date(2025, 4, 20), "Trần Thị Bị")
	require.True(t, found)
	require.NotNil(t, a.Official)
	assert.Equal(t, date(2026, 4, 25), a.Official.Date)
	assert.Empty(t, a.Official.Number)
}

// TestProbationJobIsTheScheduledProbation: the job the scheduler names
// "probation" is this one.
func TestProbationJobIsTheScheduledProbation(t *testing.T) {
	h := probationHarness(t)
	job, err := h.Jobs.Job("probation")
	require.NoError(t, err)
	at := bottest.At(2026, 3, 10, 7, 0)
	h.Clock.Set(at)
	h.RunJob(job, at)
	assert.Contains(t, bottest.Plain(h.Fake.SentTo(7)), "Hôm nay hết thời gian dự bị")
}
