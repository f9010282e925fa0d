package bot_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

// inviteLink matches the deep link of an invitation reply; the fake's
// getMe answers with the username quotabot_test_bot.
var inviteLink = regexp.MustCompile(`https://t\.me/quotabot_test_bot\?start=([A-Za-z0-9_-]+)`)

// invite has the configuration admin create an invitation and returns its
// code.
func invite(t *testing.T, h *bottest.Harness, args string) string {
	t.Helper()
	got := h.Reply(bottest.User(bottest.AdminID), "/invite "+args)
	m := inviteLink.FindStringSubmatch(got)
	require.NotNil(t, m, "no invitation link in %q", got)
	return m[1]
}

// state is what a command could change in storage, in a comparable form.
type state struct {
	Users       map[int64]string
	Tallies     map[string]quota.Tally
	Admissions  []quota.Admission
	Streaks     map[string]storage.Streak
	Dialogs     map[int64]string
	Invitations map[string]quota.Invitation
}

// snapshot reads the state; dialogs and invitations are read for the ids
// and codes given, as storage has no listing of them.
func snapshot(t *testing.T, h *bottest.Harness, users []int64, codes ...string) state {
	t.Helper()
	s := state{Users: map[int64]string{}, Tallies: map[string]quota.Tally{}, Streaks: map[string]storage.Streak{},
		Dialogs: map[int64]string{}, Invitations: map[string]quota.Invitation{}}
	err := h.DB.View(func(tx *storage.Tx) error {
		if err := tx.EachUser(func(u quota.User) error {
			v, err := json.Marshal(u)
			s.Users[u.ID] = string(v)
			return err
		}); err != nil {
			return err
		}
		for _, y := range []int{2025, 2026} {
			if err := tx.EachTally(y, func(code string, tl quota.Tally) error {
				s.Tallies[fmt.Sprintf("%s/%d", code, y)] = tl
				return nil
			}); err != nil {
				return err
			}
		}
		if err := tx.EachAdmission(func(a quota.Admission) error {
			s.Admissions = append(s.Admissions, a)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.EachStreak(func(org string, st storage.Streak) error {
			s.Streaks[org] = st
			return nil
		}); err != nil {
			return err
		}
		for _, id := range users {
			s.Dialogs[id] = string(tx.Dialog(id))
		}
		for _, c := range codes {
			inv, err := tx.Invitation(c)
			if err == nil {
				s.Invitations[c] = inv
			}
		}
		return nil
	})
	require.NoError(t, err)
	return s
}

func storedUser(t *testing.T, h *bottest.Harness, id int64) (quota.User, bool) {
	t.Helper()
	var u quota.User
	var err error
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error { u, err = tx.User(id); return nil }))
	return u, err == nil
}

func storedInvitation(t *testing.T, h *bottest.Harness, code string) quota.Invitation {
	t.Helper()
	var inv quota.Invitation
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		var err error
		inv, err = tx.Invitation(code)
		return err
	}))
	return inv
}

// groupChat is a group the users share with the bot.
var groupChat = models.Chat{ID: -4001, Type: models.ChatTypeGroup, Title: "Ban Tổ chức"}

// sendGroup sends text in the group and returns what the group received.
func sendGroup(h *bottest.Harness, from models.User, text string) []telegramfake.Sent {
	h.T.Helper()
	before := len(h.Fake.SentTo(groupChat.ID))
	h.Settle(h.Fake.SendGroupText(groupChat, from, text))
	return h.Fake.SentTo(groupChat.ID)[before:]
}

func TestInvitationLinkRegistersSecretary(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Phòng Kỹ thuật", "", 2026, 10)

	got := h.Reply(bottest.User(bottest.AdminID), "/invite secretary CB_01")
	assert.Contains(t, got, "Chi bộ Phòng Kỹ thuật")
	m := inviteLink.FindStringSubmatch(got)
	require.NotNil(t, m, "the reply must hold the deep link: %q", got)
	code := m[1]
	assert.GreaterOrEqual(t, len(code), 16, "a code of at least 96 bits")
	raw, err := base64.RawURLEncoding.DecodeString(code)
	require.NoError(t, err, "the code is base64url")
	assert.GreaterOrEqual(t, len(raw)*8, 96)
	assert.NotEqual(t, code, invite(t, h, "secretary CB_01"), "two invitations get two codes")

	newcomer := bottest.User(70)
	got = h.Reply(newcomer, "/start "+code)
	assert.Contains(t, got, "Đã đăng ký đồng chí với vai trò bí thư của Chi bộ Phòng Kỹ thuật")
	u, ok := storedUser(t, h, 70)
	require.True(t, ok, "the newcomer is registered")
	assert.Equal(t, quota.RoleSecretary, u.Role)
	assert.Equal(t, []string{"CB_01"}, u.Orgs)
	assert.Equal(t, bottest.AdminID, u.InvitedBy)
	assert.Equal(t, int64(70), storedInvitation(t, h, code).UsedBy)

	// The new secretary can report at once.
	assert.Contains(t, h.Reply(newcomer, "/report Nguyễn Văn An; 01/03/2026"), "1/10")

	// A code works once.
	got = h.Reply(bottest.User(71), "/start "+code)
	assert.Contains(t, got, "đã được sử dụng")
	_, ok = storedUser(t, h, 71)
	assert.False(t, ok, "a used code registers nobody")
	assert.Equal(t, int64(70), storedInvitation(t, h, code).UsedBy)
}

func TestInvitationRolesAndOrgs(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)

	for _, c := range []struct {
		args  string
		id    int64
		role  quota.Role
		orgs  []string
		reply string
	}{
		{"specialist CB_01 CB_02", 80, quota.RoleSpecialist, []string{"CB_01", "CB_02"}, "vai trò chuyên viên theo dõi của Chi bộ Một, Chi bộ Hai"},
		{"leader", 81, quota.RoleLeader, nil, "vai trò lãnh đạo."},
		{"admin", 82, quota.RoleAdmin, nil, "vai trò quản trị."},
		{"bíthư CB_02", 83, quota.RoleSecretary, []string{"CB_02"}, "vai trò bí thư của Chi bộ Hai"},
		{"bí thư CB_01", 84, quota.RoleSecretary, []string{"CB_01"}, "vai trò bí thư của Chi bộ Một"},
		{"chuyên viên CB_01 CB_02", 85, quota.RoleSpecialist, []string{"CB_01", "CB_02"}, "vai trò chuyên viên theo dõi"},
		{"lãnh đạo", 86, quota.RoleLeader, nil, "vai trò lãnh đạo."},
	} {
		code := invite(t, h, c.args)
		assert.Contains(t, h.Reply(bottest.User(c.id), "/start "+code), c.reply, c.args)
		u, ok := storedUser(t, h, c.id)
		require.True(t, ok, c.args)
		assert.Equal(t, c.role, u.Role, c.args)
		assert.Equal(t, c.orgs, u.Orgs, c.args)
	}
	// The admin registered by invitation can invite in turn.
	got := h.Reply(bottest.User(82), "/invite leader")
	assert.Regexp(t, inviteLink, got)
}

func TestInvitationRefusals(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)
	admin := bottest.User(bottest.AdminID)

	for _, c := range []struct{ args, want string }{
		{"", "Cách dùng: /invite <vai trò> [mã tổ chức ...]"},
		{"boss CB_01", "Cách dùng: /invite <vai trò> [mã tổ chức ...]"},
		{"secretary", "Vai trò bí thư cần đúng một mã tổ chức. Ví dụ: /invite secretary CB_01"},
		{"secretary CB_01 CB_02", "Vai trò bí thư cần đúng một mã tổ chức"},
		{"secretary XX_99", "Không có tổ chức mã XX_99"},
		{"specialist", "Vai trò chuyên viên cần ít nhất một mã tổ chức. Ví dụ"},
		{"specialist CB_01 XX_99", "Không có tổ chức mã XX_99"},
		{"leader CB_01", "Vai trò lãnh đạo không kèm mã tổ chức. Ví dụ: /invite leader"},
		{"admin CB_01", "Vai trò quản trị không kèm mã tổ chức"},
	} {
		got := h.Reply(admin, strings.TrimSpace("/invite "+c.args))
		assert.Contains(t, got, c.want, "/invite %s", c.args)
		assert.NotContains(t, got, "?start=", "/invite %s must create no invitation", c.args)
	}

	// In a group the link would be seen by everyone: refused.
	msgs := sendGroup(h, admin, "/invite secretary CB_01")
	got := bottest.Plain(msgs)
	assert.Contains(t, got, "chỉ dùng trong cuộc trò chuyện riêng")
	assert.NotContains(t, got, "?start=")
	assert.NotContains(t, bottest.Plain(h.Fake.SentTo(bottest.AdminID)), "?start=", "nothing sent privately either")

	// A code that does not exist.
	assert.Contains(t, h.Reply(bottest.User(90), "/start AAAAAAAAAAAAAAAAAAAAAAAA"), "Mã mời không đúng")
	_, ok := storedUser(t, h, 90)
	assert.False(t, ok)

	// A code redeemed in a group is refused and stays usable.
	code := invite(t, h, "leader")
	msgs = sendGroup(h, bottest.User(91), "/start "+code)
	assert.Contains(t, bottest.Plain(msgs), "chỉ dùng trong cuộc trò chuyện riêng")
	assert.Zero(t, storedInvitation(t, h, code).UsedBy)

	// A registered person is not changed silently by another invitation,
	// and the code stays usable for whom it was meant.
	h.Register(92, quota.RoleSecretary, "CB_01")
	assert.Contains(t, h.Reply(bottest.User(92), "/start "+code), "Đồng chí đã được đăng ký với vai trò bí thư")
	u, _ := storedUser(t, h, 92)
	assert.Equal(t, quota.RoleSecretary, u.Role)
	assert.Zero(t, storedInvitation(t, h, code).UsedBy)
	assert.Contains(t, h.Reply(bottest.User(93), "/start "+code), "vai trò lãnh đạo")
}

func TestInvitationExpires(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	start := h.Clock.Now()

	early := invite(t, h, "secretary CB_01")
	late := invite(t, h, "secretary CB_01")
	got := h.Reply(bottest.User(bottest.AdminID), "/invite leader")
	assert.Contains(t, got, "hết hạn 22/06/2026 10:00", "the reply says when the link expires")

	h.Clock.Set(start.Add(7*24*time.Hour - time.Minute))
	assert.Contains(t, h.Reply(bottest.User(70), "/start "+early), "Đã đăng ký")

	h.Clock.Set(start.Add(7*24*time.Hour + time.Minute))
	assert.Contains(t, h.Reply(bottest.User(71), "/start "+late), "đã hết hạn")
	_, ok := storedUser(t, h, 71)
	assert.False(t, ok, "an expired code registers nobody")
	assert.Zero(t, storedInvitation(t, h, late).UsedBy)
}

func TestLangSwitchesAndSticks(t *testing.T) {
	h := bottest.New(t)
	h.Register(51, quota.RoleLeader)
	vi := bottest.User(51)

	assert.Contains(t, h.Reply(vi, "/lang"), "Cách dùng: /lang vi (Tiếng Việt), /lang en (English)")
	assert.Contains(t, h.Reply(vi, "/lang fr"), "Cách dùng")
	assert.Equal(t, "Switched to English.", h.Reply(vi, "/lang en"))
	assert.Contains(t, h.Reply(vi, "/help"), "Your commands (role: leader)")
	u, _ := storedUser(t, h, 51)
	assert.True(t, u.LangChosen)
	assert.Equal(t, "en", u.Lang)

	// A choice wins over the Telegram client's language.
	en := bottest.EnglishUser(51)
	assert.Equal(t, "Đã chuyển sang tiếng Việt.", h.Reply(en, "/lang vi"))
	assert.Contains(t, h.Reply(en, "/help"), "Các lệnh của đồng chí (vai trò: lãnh đạo)")
}

func TestHelpListsTheRolesCommands(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(51, quota.RoleLeader)
	h.Register(53, quota.RoleSecretary, "CB_01")

	anon := h.Reply(bottest.User(99), "/help")
	assert.Contains(t, anon, "/start <mã mời>")
	assert.NotContains(t, anon, "/report")

	sec := h.Reply(bottest.User(53), "/help")
	assert.Contains(t, sec, "/report (hoặc /baocao)")
	assert.Contains(t, sec, "/undo")
	assert.Contains(t, sec, "/report Nguyễn Văn A; 15/03/2026; 123-QĐ/ĐU", "with an example")
	assert.NotContains(t, sec, "/invite")

	leader := h.Reply(bottest.User(51), "/help")
	assert.Contains(t, leader, "/status (hoặc /tiendo)")
	assert.Contains(t, leader, "/export")
	assert.NotContains(t, leader, "/report")
	assert.NotContains(t, leader, "/invite")

	admin := h.Reply(bottest.User(bottest.AdminID), "/help")
	assert.Contains(t, admin, "/invite secretary MA_TO_CHUC")
	assert.Contains(t, admin, "/remind")
}

// A registered person opening an invitation for another role is told how
// to change; the admin who invited hears when it is redeemed; a revoked
// person is told their access ended.
func TestInvitationNoticesAndChangingRole(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)
	admin := bottest.User(bottest.AdminID)

	code := invite(t, h, "secretary CB_01")
	before := len(h.Fake.SentTo(bottest.AdminID))
	require.Contains(t, h.Reply(bottest.User(95), "/start "+code), "Đã đăng ký")
	notice := bottest.Plain(h.Fake.SentTo(bottest.AdminID)[before:])
	assert.Contains(t, notice, "Lời mời đã được sử dụng: Người Dùng (95) đã đăng ký với vai trò bí thư của Chi bộ Một.")

	other := invite(t, h, "secretary CB_02")
	got := h.Reply(bottest.User(95), "/start "+other)
	assert.Contains(t, got, "Đồng chí đã được đăng ký với vai trò bí thư của Chi bộ Một; đường link này mời vai trò bí thư của Chi bộ Hai, nên chưa thay đổi gì.")
	assert.Contains(t, got, "/revoke 95")
	u, _ := storedUser(t, h, 95)
	assert.Equal(t, []string{"CB_01"}, u.Orgs, "nothing changed")

	require.Contains(t, h.Reply(admin, "/revoke 95"), "Đã thu hồi quyền truy cập")
	assert.Contains(t, bottest.Plain(h.Fake.SentTo(95)), "Quyền sử dụng bot của đồng chí đã được Ban Tổ chức thu hồi.")

	// Then the other link works, as the reply said.
	assert.Contains(t, h.Reply(bottest.User(95), "/start "+other), "Đã đăng ký")
	u, _ = storedUser(t, h, 95)
	assert.Equal(t, []string{"CB_02"}, u.Orgs)
}

// TestGreetingSaysDongChi: the greeting addresses the user as "đồng chí",
// registered or not.
func TestGreetingSaysDongChi(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(53, quota.RoleSecretary, "CB_01")
	assert.Contains(t, h.Reply(bottest.User(53), "/start"), "Xin chào đồng chí Người Dùng!")
	assert.Contains(t, h.Reply(bottest.User(99), "/start"), "Xin chào đồng chí Người Dùng!")
	assert.Contains(t, h.Reply(bottest.EnglishUser(98), "/start"), "Hello Test User!")
}
