package jobs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/demo"
	"quotabot/quota"
	"quotabot/storage"
)

// termHarness has a term 2025-2029 (1,826 days, 2028 being leap) and
// three organizations on 15/06/2026, day 166 of the year and 531 of the
// term: one behind on the year only, one on the term only, one on both.
func termHarness(t *testing.T, by quota.Driver) *bottest.Harness {
	t.Helper()
	h := bottest.New(t, func(c *bottest.Config) { c.Options.RemindBy = by })
	term := quota.Term{From: 2025, To: 2029}
	// 4/12 in 2026, 5 due; the term 19/20 with 2025's imported 15.
	h.AddOrg("YEARONLY", "Chi bộ Năm", "", 2026, 12)
	h.AdmitN("YEARONLY", 4)
	// No yearly quota; the term 2/100, 100 × 531/1826 = 29.08 due.
	h.AddOrg("TERMONLY", "Chi bộ Giai đoạn", "", 2026, 0)
	h.AdmitN("TERMONLY", 2)
	// 4/12, 5 due; the term 4/100 following the yearly quota of 2026: the
	// other years share 88 by days, 2025 88 × 365/1461 = 21.98, and 2026
	// 12 × 166/365 = 5.46, so 27 due.
	h.AddOrg("BOTH", "Chi bộ Cả hai", "", 2026, 12)
	h.AdmitN("BOTH", 4)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		if _, err := tx.SetPastTotal(quota.PastTotal{Org: "YEARONLY", Year: 2025, Admitted: 15}); err != nil {
			return err
		}
		for code, n := range map[string]int{"YEARONLY": 20, "TERMONLY": 100, "BOTH": 100} {
			if _, err := tx.SetTermQuota(code, term, quota.QuotaValue{Quota: n}); err != nil {
				return err
			}
		}
		return nil
	}))
	h.Register(31, quota.RoleSecretary, "YEARONLY")
	h.Register(32, quota.RoleSecretary, "TERMONLY")
	h.Register(33, quota.RoleSecretary, "BOTH")
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)
	return h
}

func TestRemindersFollowTheYearByDefault(t *testing.T) {
	h := termHarness(t, "")
	require.Len(t, h.Received(31), 1)
	assert.Empty(t, h.Received(32), "behind on the term only, and the term does not drive")
	both := h.Received(33)
	require.Len(t, both, 1)
	assert.Contains(t, both[0], "4/12 (33,3%)")
	assert.NotContains(t, both[0], "Giai đoạn")
}

func TestRemindersFollowTheTerm(t *testing.T) {
	h := termHarness(t, quota.DriveTerm)
	assert.Empty(t, h.Received(31), "on pace for the term")
	term := h.Received(32)
	require.Len(t, term, 1)
	assert.Contains(t, term[0], "Nhắc việc: kết nạp đảng viên giai đoạn 2025-2029")
	assert.Contains(t, term[0], "Chi bộ Giai đoạn đã kết nạp 2/100 (2,0%) chỉ tiêu giai đoạn")
	assert.Contains(t, term[0], "đến 15/06/2026 cần kết nạp 29: còn thiếu 27")
	both := h.Received(33)
	require.Len(t, both, 1)
	assert.NotContains(t, both[0], "4/12", "the year does not drive")
}

func TestRemindersFollowBothYearAndTerm(t *testing.T) {
	h := termHarness(t, quota.DriveBoth)
	require.Len(t, h.Received(31), 1)
	require.Len(t, h.Received(32), 1)
	both := h.Received(33)
	require.Len(t, both, 1, "one reminder for both reasons")
	assert.Contains(t, both[0], "4/12 (33,3%)")
	assert.Contains(t, both[0], "Giai đoạn 2025-2029: đã kết nạp 4/100 (4,0%); đến nay cần 27, còn thiếu 23.")
	// Escalation counts the run once per organization, whatever drove it.
	h.RunJob(h.Jobs.Reminders, bottest.RemindMonday)
	assert.Len(t, h.Received(33), 1, "the same run again sends nothing")
}

func TestDigestsNameWhoAdmittedNoOne(t *testing.T) {
	h := bottest.New(t)
	require.NoError(t, demo.Seed(h.DB, quota.DateOf(bottest.RemindMonday)))
	h.RunJob(h.Jobs.Digests, bottest.At(2026, 6, 15, 7, 0))

	leader := h.Received(demo.Leader)
	require.Len(t, leader, 1)
	// 27 base organizations (DU_TCT's four cells count for it); CB_06,
	// CB_17, CB_23, CB_26, CB_28, CB_29 and CB_30 admitted no one.
	assert.Contains(t, leader[0], "Số tổ chức cơ sở đảng kết nạp được đảng viên mới: 20/27")
	assert.Contains(t, leader[0], "Chưa kết nạp được đảng viên nào: Chi bộ Công ty Cấp nước Thanh Hóa, Chi bộ Công ty Thủy sản Cà Mau,")

	spec := h.Received(demo.Specialist)
	require.Len(t, spec, 1)
	assert.Contains(t, spec[0], "Chưa kết nạp được đảng viên nào năm 2026 (1 tổ chức):\n• Chi bộ Công ty Cấp nước Thanh Hóa (CB_06)")
}
