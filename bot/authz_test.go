package bot_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
)

// watcherID is a secretary of CB_02 who is never the actor: a reminder
// reaching them shows that /remind ran.
const watcherID int64 = 60

// authzActor is a column of the matrix.
type authzActor struct {
	name  string
	id    int64
	role  quota.Role // "" for a person nobody registered
	setup func(t *testing.T, h *bottest.Harness)
}

type effectFunc func(t *testing.T, h *bottest.Harness, actor int64, before, after state, reply string)

// authzCommand is a row of the matrix.
type authzCommand struct {
	text    string
	allowed []quota.Role // "" stands for an unregistered person
	// marker is in the reply when the command ran; "" when its reply is
	// not known here (the export is a file).
	marker string
	effect effectFunc // what the command changed when it ran
}

var (
	anyone     = []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist, quota.RoleSecretary, ""}
	registered = []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist, quota.RoleSecretary}
)

func tallyMoved(delta int) effectFunc {
	return func(t *testing.T, _ *bottest.Harness, _ int64, before, after state, _ string) {
		assert.Equal(t, before.Tallies["CB_01/2026"].Admitted+delta, after.Tallies["CB_01/2026"].Admitted)
	}
}

var authzCommands = []authzCommand{
	{text: "/start", allowed: anyone, marker: "Xin chào"},
	{text: "/help", allowed: anyone, marker: "Các lệnh"},
	{text: "/report Trần Thị Mới; 02/03/2026", allowed: []quota.Role{quota.RoleSecretary}, marker: "Đã ghi nhận kết nạp 1 người", effect: tallyMoved(+1)},
	{text: "/baocao Lê Văn Mới; 03/03/2026", allowed: []quota.Role{quota.RoleSecretary}, marker: "Đã ghi nhận kết nạp 1 người", effect: tallyMoved(+1)},
	{text: "/undo", allowed: []quota.Role{quota.RoleSecretary}, marker: "Đã hủy báo cáo kết nạp Nguyễn Văn Cũ", effect: tallyMoved(-1)},
	{text: "/sua", allowed: []quota.Role{quota.RoleSecretary}, marker: "Chọn người cần sửa hoặc rút lại", effect: tallyMoved(0)},
	{text: "/danhsach CB_01", allowed: registered, marker: "Danh sách kết nạp năm 2026", effect: tallyMoved(0)},
	{text: "/status", allowed: registered, marker: "Tiến độ kết nạp"},
	{text: "/tiendo", allowed: registered, marker: "Tiến độ kết nạp"},
	{text: "/invite leader", allowed: []quota.Role{quota.RoleAdmin}, marker: "https://t.me/quotabot_test_bot?start=",
		effect: func(t *testing.T, h *bottest.Harness, _ int64, _, _ state, reply string) {
			m := inviteLink.FindStringSubmatch(reply)
			require.NotNil(t, m)
			assert.Equal(t, quota.RoleLeader, storedInvitation(t, h, m[1]).Role)
		}},
	{text: "/remind", allowed: []quota.Role{quota.RoleAdmin}, marker: "Đã xếp hàng gửi",
		effect: func(t *testing.T, h *bottest.Harness, _ int64, _, after state, _ string) {
			assert.Contains(t, bottest.Plain(h.Fake.SentTo(watcherID)), "Nhắc việc", "the secretary of an organization behind is reminded")
			assert.NotEmpty(t, after.Streaks)
		}},
	{text: "/export", allowed: []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist}},
	{text: "/lang en", allowed: registered, marker: "Switched to English.",
		effect: func(t *testing.T, h *bottest.Harness, actor int64, _, _ state, _ string) {
			u, ok := storedUser(t, h, actor)
			require.True(t, ok)
			assert.Equal(t, "en", u.Lang)
			assert.True(t, u.LangChosen)
		}},
}

var authzActors = []authzActor{
	{name: "config admin", id: bottest.AdminID, role: quota.RoleAdmin},
	{name: "invited admin", id: 50, role: quota.RoleAdmin, setup: func(t *testing.T, h *bottest.Harness) {
		code := invite(t, h, "admin")
		require.Contains(t, h.Reply(bottest.User(50), "/start "+code), "vai trò quản trị")
	}},
	{name: "leader", id: 51, role: quota.RoleLeader, setup: func(_ *testing.T, h *bottest.Harness) { h.Register(51, quota.RoleLeader) }},
	{name: "specialist", id: 52, role: quota.RoleSpecialist, setup: func(_ *testing.T, h *bottest.Harness) { h.Register(52, quota.RoleSpecialist, "CB_01") }},
	{name: "secretary", id: 53, role: quota.RoleSecretary, setup: func(_ *testing.T, h *bottest.Harness) { h.Register(53, quota.RoleSecretary, "CB_01") }},
	{name: "unregistered", id: 99},
}

func allows(roles []quota.Role, r quota.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// TestAuthorizationMatrix runs every command of the contract as every
// role, each on a fresh database, and checks that a refused command says
// so and changes nothing.
func TestAuthorizationMatrix(t *testing.T) {
	for _, a := range authzActors {
		for _, c := range authzCommands {
			t.Run(a.name+" "+c.text, func(t *testing.T) {
				t.Parallel() // each cell has its own database and fake Telegram
				h := bottest.New(t)
				h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
				h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)
				h.Register(watcherID, quota.RoleSecretary, "CB_02")
				if a.setup != nil {
					a.setup(t, h)
				}
				// An admission the actor reported, for /undo to find.
				require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
					return tx.AddAdmission(&quota.Admission{Org: "CB_01", Name: "Nguyễn Văn Cũ",
						Date: quota.Date{Year: 2026, Month: 3, Day: 1}, ReportedBy: a.id, ReportedAt: h.Clock.Now()})
				}))
				ids := []int64{a.id, watcherID}
				before := snapshot(t, h, ids)
				watcherBefore := len(h.Fake.SentTo(watcherID))

				reply := h.Reply(bottest.User(a.id), c.text)
				after := snapshot(t, h, ids)

				if allows(c.allowed, a.role) {
					assert.NotContains(t, reply, "chưa được đăng ký")
					assert.NotContains(t, reply, "không dành cho vai trò")
					assert.NotContains(t, reply, "Xin lỗi, bot gặp lỗi")
					if c.marker != "" {
						assert.Contains(t, reply, c.marker)
					}
					if c.effect != nil {
						c.effect(t, h, a.id, before, after, reply)
					}
					return
				}
				if a.role == "" {
					assert.Contains(t, reply, "Đồng chí chưa được đăng ký nên chưa dùng được lệnh này")
				} else {
					assert.Contains(t, reply, "Lệnh này không dành cho vai trò")
				}
				if c.marker != "" {
					assert.NotContains(t, reply, c.marker)
				}
				assert.NotContains(t, reply, "?start=", "no invitation was made")
				assert.Equal(t, before, after, "a refused command changes nothing")
				assert.Len(t, h.Fake.SentTo(watcherID), watcherBefore, "nobody else was messaged")
			})
		}
	}
}

// TestGroupCommandsNeedRegistrationToo: a group is no way around roles.
func TestGroupCommandsNeedRegistrationToo(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(51, quota.RoleLeader)
	before := snapshot(t, h, nil)

	got := bottest.Plain(sendGroup(h, bottest.User(99), "/report Nguyễn Văn An"))
	assert.Contains(t, got, "chưa được đăng ký")
	got = bottest.Plain(sendGroup(h, bottest.User(51), "/report Nguyễn Văn An"))
	assert.Contains(t, got, "không dành cho vai trò lãnh đạo")
	got = bottest.Plain(sendGroup(h, bottest.User(51), "/remind"))
	assert.Contains(t, got, "không dành cho vai trò lãnh đạo")
	assert.Equal(t, before, snapshot(t, h, nil))
}
