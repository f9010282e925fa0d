package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
)

func TestInputsTheBotDoesNotTake(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	stranger := bottest.User(99)
	h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026")
	before := snapshot(t, h, []int64{7, 99})

	// A sticker.
	h.Settle(h.Fake.SendSticker(sec))
	assert.Contains(t, bottest.Plain(h.Fake.SentTo(7)), "Bot chỉ hiểu các lệnh bắt đầu bằng /")

	// A photo, with a caption that is not a command.
	n := len(h.Fake.SentTo(7))
	h.Settle(h.Fake.AddUpdate(models.Update{Message: &models.Message{ID: 500, From: &sec, Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate},
		Date: int(h.Clock.Now().Unix()), Photo: []models.PhotoSize{{FileID: "photo-1", FileUniqueID: "p1", Width: 90, Height: 90}}, Caption: "ảnh kết nạp"}}))
	assert.Contains(t, bottest.Plain(h.Fake.SentTo(7)[n:]), "Bot chỉ hiểu các lệnh")

	// A document from people who may not import anything.
	for _, u := range []models.User{sec, stranger} {
		n := len(h.Fake.SentTo(u.ID))
		h.Settle(h.Fake.SendDocument(u, "orgs.csv", "text/csv", []byte("code,name,quota_2026\nCB_09,Chi bộ Mới,5\n"), ""))
		got := bottest.Plain(h.Fake.SentTo(u.ID)[n:])
		assert.NotContains(t, got, "Xin lỗi, bot gặp lỗi")
	}

	// Plain text from a stranger: a polite word in private, silence in a
	// group.
	assert.Contains(t, h.Reply(stranger, "xin chào"), "Bot chỉ hiểu các lệnh bắt đầu bằng /")
	assert.Empty(t, sendGroup(h, stranger, "xin chào"))
	assert.Empty(t, sendGroup(h, sec, "Nguyễn Văn Bình; 02/03/2026"))

	// An unknown command.
	assert.Equal(t, "Không có lệnh /foo. Gõ /help để xem các lệnh.", h.Reply(sec, "/foo bar"))
	assert.Empty(t, sendGroup(h, sec, "/foo"), "a group's other commands are not ours to answer")

	assert.Equal(t, before, snapshot(t, h, []int64{7, 99}), "none of this changed anything")
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		_, err := tx.Org("CB_09")
		assert.ErrorIs(t, err, storage.ErrNotFound, "a document from a non-admin imports nothing")
		return nil
	}))
	_, ok := storedUser(t, h, 99)
	assert.False(t, ok)
}

func TestEditedMessagesAreNotActedOn(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026")
	n := len(h.Fake.SentTo(7))
	// Message 1 of the chat is the user's report.
	h.Settle(h.Fake.EditText(sec, 1, "/report Nguyễn Văn An; 01/03/2026\nTrần Thị Bình; 02/03/2026"))
	got := bottest.Plain(h.Fake.SentTo(7)[n:])
	assert.Contains(t, got, "Bot không xử lý tin nhắn đã sửa")
	assert.Contains(t, got, "/undo")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
	_, found := findAdmission(t, h, "CB_01", date(2026, 3, 2), "Trần Thị Bình")
	assert.False(t, found)
}

func TestCommandsAddressedToBots(t *testing.T) {
	h := reportHarness(t)
	h.Register(51, quota.RoleLeader)
	leader := bottest.User(51)

	assert.Empty(t, sendGroup(h, leader, "/status@otherbot"), "another bot's command")
	assert.Empty(t, sendGroup(h, bottest.User(7), "/report@otherbot Nguyễn Văn An"))
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)

	got := bottest.Plain(sendGroup(h, leader, "/status@quotabot_test_bot"))
	assert.Contains(t, got, "Tiến độ kết nạp đảng viên năm 2026")
	got = bottest.Plain(sendGroup(h, leader, "/STATUS@QuotaBot_Test_Bot CB_01"))
	assert.Contains(t, got, "Chi bộ Phòng Kỹ thuật")

	// In private, the suffix is accepted too.
	assert.Contains(t, h.Reply(bottest.User(7), "/report@quotabot_test_bot Nguyễn Văn An"), "1/10")
}

func TestBlockedBotMarksTheUserUnreachable(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	bot := h.Fake.BotUser()
	change := func(status models.ChatMemberType) int64 {
		old, cur := models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{User: &bot}},
			models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{User: &bot}}
		if status == models.ChatMemberTypeBanned {
			cur = models.ChatMember{Type: models.ChatMemberTypeBanned, Banned: &models.ChatMemberBanned{User: &bot}}
		} else {
			old = models.ChatMember{Type: models.ChatMemberTypeBanned, Banned: &models.ChatMemberBanned{User: &bot}}
		}
		return h.Fake.AddUpdate(models.Update{MyChatMember: &models.ChatMemberUpdated{
			Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate}, From: sec, Date: int(h.Clock.Now().Unix()),
			OldChatMember: old, NewChatMember: cur}})
	}

	n := len(h.Fake.Sent())
	h.Settle(change(models.ChatMemberTypeBanned))
	u, _ := storedUser(t, h, 7)
	assert.True(t, u.Unreachable, "blocking the bot marks the user")
	assert.Len(t, h.Fake.Sent(), n, "nothing is sent to someone who blocked the bot")

	h.Settle(change(models.ChatMemberTypeMember))
	u, _ = storedUser(t, h, 7)
	assert.False(t, u.Unreachable, "unblocking makes the user reachable again")
}

func menuNames(cmds []models.BotCommand) []string {
	out := make([]string, len(cmds))
	for i, c := range cmds {
		out[i] = c.Command
	}
	return out
}

func menuText(cmds []models.BotCommand, name string) string {
	for _, c := range cmds {
		if c.Command == name {
			return c.Description
		}
	}
	return ""
}

// TestCommandMenuPerRole: a person not registered sees the default menu;
// a registered user's chat gets the commands of their role, each once, in
// their language, and loses them with their access.
func TestCommandMenuPerRole(t *testing.T) {
	h := reportHarness(t)
	h.Register(51, quota.RoleLeader)
	stranger := bottest.User(99)
	h.Reply(stranger, "/start")

	assert.Equal(t, []string{"start", "help"}, menuNames(h.Fake.MenuOf(99, "vi")))
	assert.Equal(t, "Bắt đầu", menuText(h.Fake.MenuOf(99, "vi"), "start"))
	assert.Equal(t, "Start", menuText(h.Fake.MenuOf(99, "en"), "start"), "the default menu in English for English clients")

	h.Reply(bottest.User(7), "/start")
	sec := h.Fake.MenuOf(7, "vi")
	assert.Equal(t, []string{"start", "help", "report", "undo", "correct", "status", "history", "candidate", "admissions", "official", "lang"}, menuNames(sec),
		"a secretary's menu holds a secretary's commands, each once")
	assert.Equal(t, "Báo cáo kết nạp", menuText(sec, "report"))
	assert.Equal(t, "Tiến độ thực hiện chỉ tiêu", menuText(sec, "status"))
	assert.Equal(t, sec, h.Fake.MenuOf(7, "en"), "the chat's own menu is in the user's language, whatever the client's")

	h.Reply(bottest.User(51), "/status")
	assert.Equal(t, []string{"start", "help", "status", "history", "export", "chart", "candidate", "admissions", "rating", "draft", "lang"}, menuNames(h.Fake.MenuOf(51, "vi")))

	h.Reply(bottest.User(bottest.AdminID), "/help")
	assert.Equal(t, []string{"start", "help", "status", "history", "invite", "remind", "export", "chart", "candidate", "admissions", "rating", "draft", "org", "users", "revoke", "lang"},
		menuNames(h.Fake.MenuOf(bottest.AdminID, "vi")), "an admin from the configuration gets the admin's menu")

	// A new language is a new menu; the same one is not sent again.
	calls := len(h.Fake.Calls("setMyCommands"))
	h.Reply(bottest.User(7), "/lang en")
	assert.Equal(t, "Report admissions", menuText(h.Fake.MenuOf(7, "vi"), "report"))
	assert.Len(t, h.Fake.Calls("setMyCommands"), calls+1)
	h.Reply(bottest.User(7), "/status")
	h.Reply(bottest.User(7), "/help")
	assert.Len(t, h.Fake.Calls("setMyCommands"), calls+1, "an unchanged menu is not sent again")

	// Registration sets the newcomer's menu; revocation takes it away.
	code := inviteLink.FindStringSubmatch(h.Reply(bottest.User(bottest.AdminID), "/invite leader"))
	require.NotNil(t, code)
	h.Reply(bottest.User(70), "/start "+code[1])
	assert.Contains(t, menuNames(h.Fake.MenuOf(70, "vi")), "export")
	h.Reply(bottest.User(bottest.AdminID), "/revoke 70")
	assert.Equal(t, []string{"start", "help"}, menuNames(h.Fake.MenuOf(70, "vi")), "a revoked user is back to the default menu")
	assert.Zero(t, h.Sender.Stats().Failed, "Telegram took every menu")
}

func TestLongReplyIsSplit(t *testing.T) {
	h := reportHarness(t)
	// 50 names of 102 letters: each is too long, and the list of errors
	// is far over one message.
	long := strings.Repeat("Nguyễn", 17)
	lines := make([]string, quota.MaxReportLines)
	for i := range lines {
		lines[i] = fmt.Sprintf("%s; 01/03/2026", long)
	}
	msgs := h.Send(bottest.User(7), "/report "+strings.Join(lines, "\n"))
	require.GreaterOrEqual(t, len(msgs), 2, "the reply is split")
	all := bottest.Plain(msgs)
	for i := 1; i <= quota.MaxReportLines; i++ {
		assert.Contains(t, all, fmt.Sprintf("Dòng %d (", i))
	}
	assert.Contains(t, all, "Họ tên quá dài.")
	assert.Contains(t, msgs[len(msgs)-1].Plain(), "Ví dụ:", "the example closes the reply")
	for _, m := range msgs {
		assert.LessOrEqual(t, utf16Units(m.Plain()), 4096)
	}
	for _, c := range h.Fake.Calls("sendMessage") {
		assert.Equal(t, http.StatusOK, c.Status, "Telegram refused nothing")
	}
	assert.Zero(t, h.Sender.Stats().Failed)
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)

	// One line more than allowed is refused as a whole.
	got := h.Reply(bottest.User(7), "/report "+strings.Repeat("Nguyễn Văn An\n", quota.MaxReportLines)+"Trần Thị Bình")
	assert.Contains(t, got, "Tin nhắn có 51 dòng; mỗi lần báo cáo tối đa 50 dòng, hãy chia thành nhiều tin nhắn.")
	assert.NotContains(t, got, "Dòng 51", "no line is wrong: the message is too long")
	assert.NotContains(t, got, "vì có dòng chưa đúng")
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)
}

func utf16Units(s string) int { return len(utf16.Encode([]rune(s))) }

func TestSameUpdateTwiceCountsOnce(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	h.AddOrg("CB_01", "Chi bộ Phòng Kỹ thuật", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	sec := bottest.User(7)
	text := "/report Nguyễn Văn An; 01/03/2026\nTrần Thị Bình"
	upd := models.Update{ID: 900, Message: &models.Message{ID: 10, From: &sec, Date: int(h.Clock.Now().Unix()),
		Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate}, Text: text,
		Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 7}}}}

	ctx := context.Background()
	require.NoError(t, h.Bot.HandleUpdate(ctx, &upd))
	require.NoError(t, h.Bot.HandleUpdate(ctx, &upd))
	assert.Equal(t, 2, h.Tally(2026, "CB_01").Admitted)
	assert.Len(t, admissions(t, h), 2)
	var queued int
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error { queued = tx.OutboxLen(); return nil }))
	assert.Equal(t, 2, queued, "one reply queued, and the chat's menu")

	// Once running, the one reply goes out, once.
	h.Start()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, err := h.Fake.WaitSentTo(ctx, 7, 1)
	require.NoError(t, err)
	require.NoError(t, h.Sender.WaitIdle(ctx))
	sent := h.Fake.SentTo(7)
	require.Len(t, sent, 1)
	assert.Contains(t, sent[0].Plain(), "2/10 (20,0%)")

	// The same update once more, after it went out, does nothing either.
	require.NoError(t, h.Bot.HandleUpdate(ctx, &upd))
	require.NoError(t, h.Sender.WaitIdle(ctx))
	assert.Len(t, h.Fake.SentTo(7), 1)
	assert.Equal(t, 2, h.Tally(2026, "CB_01").Admitted)
}

func TestRestartKeepsEverything(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026")
	code := invite(t, h, "leader")
	h.Send(sec, "/report")
	h.Send(sec, "Trần Thị Bình")

	h.Stop()
	// What arrives while the bot is down is taken at start.
	pending := h.Fake.SendText(sec, "02/03/2026")
	h.Start()
	h.Settle(pending)
	assert.Contains(t, bottest.Plain(h.Fake.SentTo(7)), "Số quyết định kết nạp?", "the dialog went on where it was")
	msgs := h.Send(sec, "12-QĐ/ĐU")
	q, ok := button(t, msgs, "✅ Ghi nhận")

	h.Stop()
	h.Start()
	assert.Contains(t, bottest.Plain(h.Press(sec, q, ok)), "2/10 (20,0%)")
	assert.Equal(t, 2, h.Tally(2026, "CB_01").Admitted)
	assert.Contains(t, h.Reply(bottest.User(51), "/start "+code), "vai trò lãnh đạo", "the invitation survived")
	assert.Contains(t, h.Reply(sec, "/undo"), "Trần Thị Bình")
	assert.Contains(t, h.Reply(sec, "/undo"), "Nguyễn Văn An")
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)
}
