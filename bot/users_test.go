package bot_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
)

func TestUsersListsRegisteredPeopleToAdminsOnly(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(8, quota.RoleLeader)
	h.Register(9, quota.RoleSpecialist, "CB_01")

	got := h.Reply(bottest.User(bottest.AdminID), "/users")
	assert.Contains(t, got, "(3)")
	assert.Contains(t, got, "bí thư CB_01 (7)")
	assert.Contains(t, got, "lãnh đạo (8)")

	for _, id := range []int64{7, 8, 9} {
		got := h.Reply(bottest.User(id), "/users")
		assert.Contains(t, got, "không dành cho vai trò", "user %d", id)
		assert.NotContains(t, got, "(7)")
	}
	assert.Contains(t, h.Reply(bottest.User(99), "/users"), "chưa được đăng ký")
}

func TestRevokeRemovesAccessAndKeepsReports(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(8, quota.RoleLeader)
	admin := bottest.User(bottest.AdminID)

	require.Contains(t, h.Reply(bottest.User(7), "/report Nguyễn Văn An"), "1/10")
	assert.Contains(t, h.Reply(bottest.User(8), "/revoke 7"), "không dành cho vai trò", "a leader cannot revoke")
	_, stillThere := storedUser(t, h, 7)
	require.True(t, stillThere)

	assert.Contains(t, h.Reply(admin, "/revoke 7"), "Đã thu hồi quyền truy cập")
	_, stillThere = storedUser(t, h, 7)
	assert.False(t, stillThere)
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted, "what was reported stays")
	assert.Contains(t, h.Reply(bottest.User(7), "/report Trần Thị Bình"), "chưa được đăng ký")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)

	assert.Contains(t, h.Reply(admin, "/revoke 7"), "Không có người dùng")
	assert.Contains(t, h.Reply(admin, "/revoke abc"), "Cách dùng")
	assert.Contains(t, h.Reply(admin, "/revoke 42"), "không thể tự thu hồi")
}

func TestOrgDeactivationKeepsHistoryAndStopsReportsAndReminders(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(8, quota.RoleSecretary, "CB_02")
	admin := bottest.User(bottest.AdminID)
	require.Contains(t, h.Reply(bottest.User(7), "/report Nguyễn Văn An"), "1/10")

	assert.Contains(t, h.Reply(bottest.User(7), "/org CB_01 off"), "không dành cho vai trò")
	card := h.Reply(admin, "/org CB_01")
	assert.Contains(t, card, "đang hoạt động")
	assert.Contains(t, card, "chỉ tiêu 10, đã kết nạp 1")
	assert.Contains(t, h.Reply(admin, "/org CB_01 off"), "Đã ngừng hoạt động")

	assert.Contains(t, h.Reply(bottest.User(7), "/report Trần Thị Bình"), "đã ngừng hoạt động")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted, "history kept, nothing new counted")
	assert.Contains(t, h.Reply(admin, "/remind"), "1 tin nhắc việc tới 1 tổ chức", "only CB_02 is reminded")
	for _, m := range h.Fake.SentTo(7) {
		assert.NotContains(t, m.Plain(), "Nhắc việc", "the deactivated organization's secretary is not reminded")
	}

	assert.Contains(t, h.Reply(admin, "/org CB_01 on"), "hoạt động trở lại")
	assert.Contains(t, h.Reply(bottest.User(7), "/report Trần Thị Bình"), "2/10")
	assert.Contains(t, h.Reply(admin, "/org CB_09"), "Không có tổ chức")
	assert.Contains(t, h.Reply(admin, "/org CB_01 maybe"), "Cách dùng")
}
