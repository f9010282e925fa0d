package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

// reportHarness is a committee of one cell with quota 10 and its
// secretary, user 7.
func reportHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Phòng Kỹ thuật", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Phòng Kế toán", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	return h
}

func findAdmission(t *testing.T, h *bottest.Harness, org string, d quota.Date, name string) (quota.Admission, bool) {
	t.Helper()
	var a quota.Admission
	var ok bool
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error { a, ok = tx.FindAdmission(org, d, name); return nil }))
	return a, ok
}

func admissions(t *testing.T, h *bottest.Harness) []quota.Admission {
	t.Helper()
	var out []quota.Admission
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		return tx.EachAdmission(func(a quota.Admission) error { out = append(out, a); return nil })
	}))
	return out
}

func date(y int, m time.Month, d int) quota.Date { return quota.Date{Year: y, Month: m, Day: d} }

// button finds the message carrying a button labelled label and the
// button's callback data.
func button(t *testing.T, msgs []telegramfake.Sent, label string) (telegramfake.Sent, string) {
	t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if m.ReplyMarkup == nil {
			continue
		}
		for _, row := range m.ReplyMarkup.InlineKeyboard {
			for _, b := range row {
				if b.Text == label {
					return m, b.CallbackData
				}
			}
		}
	}
	t.Fatalf("no button %q in %q", label, bottest.Plain(msgs))
	return telegramfake.Sent{}, ""
}

func TestReportSeveralLines(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)

	got := h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026; 12-QĐ/ĐU\nTrần Thị Bình; 02/03/2026")
	assert.Contains(t, got, "Đã ghi nhận kết nạp 2 người vào Chi bộ Phòng Kỹ thuật")
	assert.Contains(t, got, "• Nguyễn Văn An — 01/03/2026, QĐ 12-QĐ/ĐU")
	assert.Contains(t, got, "• Trần Thị Bình — 02/03/2026")
	assert.Contains(t, got, "Năm 2026: 2/10 (20,0%)")
	assert.Equal(t, quota.Tally{Quota: 10, Admitted: 2}, h.Tally(2026, "CB_01"))
	assert.Equal(t, 0, h.Tally(2026, "CB_02").Admitted, "only the secretary's own organization counts")

	a, ok := findAdmission(t, h, "CB_01", date(2026, 3, 1), "Nguyễn Văn An")
	require.True(t, ok)
	assert.Equal(t, "12-QĐ/ĐU", a.Decision)
	assert.Equal(t, int64(7), a.ReportedBy)

	// A line of last year shows that year's tally too.
	got = h.Reply(sec, "/report Lê Văn Cường; 20/12/2025")
	assert.Contains(t, got, "Năm 2025: 1 người (chưa giao chỉ tiêu)")
	assert.Equal(t, 2, h.Tally(2026, "CB_01").Admitted)

	// The alias does the same.
	got = h.Reply(sec, "/baocao Phạm Thị Dung; 03/03/2026")
	assert.Contains(t, got, "Năm 2026: 3/10 (30,0%)")
	assert.Equal(t, 3, h.Tally(2026, "CB_01").Admitted)
}

func TestReportDateDefaultsToTodayInTheCommitteeZone(t *testing.T) {
	h := reportHarness(t)
	// 23:30 UTC on 15/06 is already 06:30 on 16/06 in Hanoi.
	h.Clock.Set(time.Date(2026, 6, 15, 23, 30, 0, 0, time.UTC))

	got := h.Reply(bottest.User(7), "/report Võ Thị Sáu")
	assert.Contains(t, got, "• Võ Thị Sáu — 16/06/2026")
	_, ok := findAdmission(t, h, "CB_01", date(2026, 6, 16), "Võ Thị Sáu")
	assert.True(t, ok, "recorded on the committee's date")

	// The committee's today is not in the future either.
	got = h.Reply(bottest.User(7), "/report Đặng Văn Bảy; 16/06/2026")
	assert.Contains(t, got, "2/10")
}

func TestReportRefusesBadLinesAndRecordsNothing(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026"), "1/10")

	for _, c := range []struct{ bad, reason string }{
		{"Hồ Văn Tư; 16/06/2026", "Ngày kết nạp ở tương lai."},
		{"Hồ Văn Tư; 31/02/2026", "Không có ngày này trong lịch."},
		{"Hồ Văn Tư; abc", "Ngày viết theo dạng dd/mm/yyyy, ví dụ 15/03/2026."},
		{"; 01/03/2026", "Thiếu họ tên."},
		{"12345 @#$; 01/03/2026", "Họ tên chỉ gồm chữ cái"},
		{"Hồ Văn Tư; 01/03/2026; 12-QĐ; thừa", "Mỗi dòng tối đa 3 phần"},
		{"Hồ Văn Tư; 01/01/2024", "Ngày kết nạp quá xa"},
		{"Hồ Văn Tư; 01/03/2026; " + strings.Repeat("9", 41), "Số quyết định quá dài."},
		// The same person, date and organization, written differently.
		{"nguyễn  văn AN; 01/03/2026", "Đã ghi nhận trước đó (cùng họ tên, cùng ngày)."},
		{"Ngô Thị Mười; 05/03/2026\nNGÔ THỊ MƯỜI; 05/03/2026", "Trùng với một dòng khác trong tin nhắn."},
	} {
		// A good line around the bad one is refused with it.
		text := "/report Bùi Văn Tốt; 02/03/2026\n" + c.bad
		got := h.Reply(sec, text)
		assert.Contains(t, got, "Chưa ghi nhận gì, vì có dòng chưa đúng:", c.bad)
		assert.Contains(t, got, c.reason, c.bad)
		assert.Contains(t, got, "Ví dụ:", "the refusal shows how to write it: %s", c.bad)
		assert.Contains(t, got, "/report Nguyễn Văn A; 15/03/2026; 123-QĐ/ĐU", c.bad)
		assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted, "nothing of %q is recorded", c.bad)
		_, ok := findAdmission(t, h, "CB_01", date(2026, 3, 2), "Bùi Văn Tốt")
		assert.False(t, ok, "the good line of %q is not recorded", c.bad)
	}
	assert.Len(t, admissions(t, h), 1)

	// The line with the mistake is named.
	got := h.Reply(sec, "/report Bùi Văn Tốt\nHồ Văn Tư; 31/02/2026")
	assert.Contains(t, got, "Dòng 2 (Hồ Văn Tư; 31/02/2026): Không có ngày này trong lịch.")
	assert.NotContains(t, got, "Dòng 1")

	// Another organization may have a person of the same name that day.
	h.Register(8, quota.RoleSecretary, "CB_02")
	assert.Contains(t, h.Reply(bottest.User(8), "/report Nguyễn Văn An; 01/03/2026"), "1/10")
}

func TestReportGuidedDialog(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)

	msgs := h.Send(sec, "/report")
	assert.Contains(t, bottest.Plain(msgs), "Nhập họ và tên người được kết nạp")
	button(t, msgs, "Hủy")

	msgs = h.Send(sec, "  Lý   Thị  Hoa ")
	assert.Contains(t, bottest.Plain(msgs), "Ngày kết nạp của Lý Thị Hoa?")
	q, today := button(t, msgs, "Hôm nay")
	button(t, msgs, "Hôm qua")
	button(t, msgs, "Hủy")

	msgs = h.Press(sec, q, today)
	assert.Contains(t, bottest.Plain(msgs), "Số quyết định kết nạp?")
	q, skip := button(t, msgs, "Bỏ qua")
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted, "nothing is recorded before the confirmation")

	msgs = h.Press(sec, q, skip)
	got := bottest.Plain(msgs)
	assert.Contains(t, got, "Xác nhận ghi nhận kết nạp:\nLý Thị Hoa — 15/06/2026\nvào Chi bộ Phòng Kỹ thuật?")
	confirm, ok := button(t, msgs, "✅ Ghi nhận")

	msgs = h.Press(sec, confirm, ok)
	got = bottest.Plain(msgs)
	assert.Contains(t, got, "Đã ghi nhận kết nạp 1 người vào Chi bộ Phòng Kỹ thuật")
	assert.Contains(t, got, "1/10 (10,0%)")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
	_, found := findAdmission(t, h, "CB_01", date(2026, 6, 15), "Lý Thị Hoa")
	assert.True(t, found)

	// Pressing the confirmation again, or any old button, records nothing.
	msgs = h.Press(sec, confirm, ok)
	assert.Empty(t, bottest.Plain(msgs))
	msgs = h.Press(sec, q, skip)
	assert.Empty(t, bottest.Plain(msgs))
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
	calls := h.Fake.Calls("answerCallbackQuery")
	require.NotEmpty(t, calls)
	assert.Contains(t, calls[len(calls)-1].Params["text"], "Nút này đã cũ: hộp thoại đã kết thúc", "the stale press is answered")

	// With the dialog over, text is not taken as a name.
	assert.Contains(t, h.Reply(sec, "Lý Thị Hoa"), "Bot chỉ hiểu các lệnh bắt đầu bằng /")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
}

func TestReportDialogTypedAnswersAndMistakes(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)

	h.Send(sec, "/baocao")
	// After a mistake the question comes again, and can still be cancelled.
	msgs := h.Send(sec, "12345")
	assert.Contains(t, bottest.Plain(msgs), "Họ tên chỉ gồm chữ cái")
	assert.Contains(t, bottest.Plain(msgs[len(msgs)-1:]), "Nhập họ và tên người được kết nạp:")
	button(t, msgs[len(msgs)-1:], "Hủy")
	assert.Contains(t, h.Reply(sec, "Mai Văn Nam"), "Ngày kết nạp của Mai Văn Nam?")
	assert.Contains(t, h.Reply(sec, "30/02/2026"), "Không có ngày này trong lịch.")
	assert.Contains(t, h.Reply(sec, "20/06/2026"), "Ngày kết nạp ở tương lai.")
	assert.Contains(t, h.Reply(sec, "10/06/2026"), "Số quyết định kết nạp?")
	msgs = h.Send(sec, strings.Repeat("9", 41))
	assert.Contains(t, bottest.Plain(msgs), "Số quyết định quá dài.")
	button(t, msgs[len(msgs)-1:], "Bỏ qua")
	button(t, msgs[len(msgs)-1:], "Hủy")
	msgs = h.Send(sec, "45-QĐ/ĐU")
	assert.Contains(t, bottest.Plain(msgs), "Mai Văn Nam — 10/06/2026, QĐ 45-QĐ/ĐU")
	q, ok := button(t, msgs, "✅ Ghi nhận")
	assert.Contains(t, bottest.Plain(h.Press(sec, q, ok)), "1/10")
	a, found := findAdmission(t, h, "CB_01", date(2026, 6, 10), "Mai Văn Nam")
	require.True(t, found)
	assert.Equal(t, "45-QĐ/ĐU", a.Decision)
}

func TestReportDialogStaleAndCancelled(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)

	// A first dialog reaches the date question, then is replaced by a
	// second one; the first one's buttons no longer act.
	h.Send(sec, "/report")
	old, oldToday := button(t, h.Send(sec, "Trương Văn Cũ"), "Hôm nay")
	msgs := h.Send(sec, "/report")
	oldCancel := strings.Replace(oldToday, ":today", ":cancel", 1)
	require.NotEqual(t, oldToday, oldCancel)
	for _, data := range []string{oldToday, oldCancel} {
		got := h.Press(sec, old, data)
		assert.Empty(t, bottest.Plain(got), data)
	}
	// The second dialog still waits for a name.
	assert.Contains(t, h.Reply(sec, "Trương Thị Mới"), "Ngày kết nạp của Trương Thị Mới?")

	// A button of the right dialog but the wrong step does nothing.
	_, cur := button(t, msgs, "Hủy")
	skipNow := strings.Replace(cur, ":cancel", ":skip", 1)
	assert.Empty(t, bottest.Plain(h.Press(sec, old, skipNow)))
	assert.Contains(t, h.Reply(sec, "01/06/2026"), "Số quyết định kết nạp?", "still at the date question")

	// /cancel ends it with nothing recorded.
	assert.Contains(t, h.Reply(sec, "/cancel"), "Đã hủy, không ghi nhận gì.")
	assert.Contains(t, h.Reply(sec, "123"), "Bot chỉ hiểu các lệnh")

	// So does the Cancel button.
	q, cancel := button(t, h.Send(sec, "/report"), "Hủy")
	assert.Contains(t, bottest.Plain(h.Press(sec, q, cancel)), "Đã hủy, không ghi nhận gì.")
	assert.Contains(t, h.Reply(sec, "Trương Văn Ba"), "Bot chỉ hiểu các lệnh")

	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)
	assert.Empty(t, admissions(t, h))

	// Another person's press of a secretary's button does nothing.
	h.Register(51, quota.RoleLeader)
	h.Send(sec, "/report")
	q, today := button(t, h.Send(sec, "Hà Văn Năm"), "Hôm nay")
	assert.Empty(t, bottest.Plain(h.Press(bottest.User(51), q, today)))
	assert.Contains(t, h.Reply(sec, "01/06/2026"), "Số quyết định kết nạp?", "the secretary's dialog was still at the date question")
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)
}

func TestUndo(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026")
	h.Reply(sec, "/report Trần Thị Bình; 02/03/2026\nLê Văn Cường; 03/03/2026")
	require.Equal(t, 3, h.Tally(2026, "CB_01").Admitted)

	got := h.Reply(sec, "/undo")
	assert.Contains(t, got, "Đã hủy cả 2 người của tin nhắn báo cáo gần nhất vào Chi bộ Phòng Kỹ thuật")
	assert.Contains(t, got, "Lê Văn Cường")
	assert.Contains(t, got, "Trần Thị Bình")
	assert.Contains(t, got, "Năm 2026: 1/10 (10,0%)")
	got = h.Reply(sec, "/undo")
	assert.Contains(t, got, "Nguyễn Văn An")
	assert.Contains(t, got, "0/10 (0,0%)")
	assert.Equal(t, "Đồng chí chưa có báo cáo kết nạp nào để hủy.", h.Reply(sec, "/undo"))
	assert.Zero(t, h.Tally(2026, "CB_01").Admitted)

	// The records stay, marked, and do not count.
	all := admissions(t, h)
	require.Len(t, all, 3)
	for _, a := range all {
		var stored quota.Admission
		require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
			var err error
			stored, err = tx.Admission(a.ID)
			return err
		}))
		assert.True(t, stored.Retracted, a.Name)
		assert.Equal(t, int64(7), stored.RetractedBy)
	}
	// Retracted, the same person may be reported again.
	assert.Contains(t, h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026"), "1/10")

	// /undo never reaches another secretary's report.
	h.Register(8, quota.RoleSecretary, "CB_01")
	assert.Equal(t, "Đồng chí chưa có báo cáo kết nạp nào để hủy.", h.Reply(bottest.User(8), "/undo"))
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)
}

func TestReportOfInactiveOrgOrNoOrgIsRefused(t *testing.T) {
	h := reportHarness(t)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		_, err := tx.PutOrg(quota.Org{Code: "CB_01", Name: "Chi bộ Phòng Kỹ thuật", Inactive: true})
		return err
	}))
	assert.Contains(t, h.Reply(bottest.User(7), "/report Nguyễn Văn An"), "đã ngừng hoạt động")
	h.Register(9, quota.RoleSecretary)
	assert.Contains(t, h.Reply(bottest.User(9), "/report Nguyễn Văn An"), "chưa gắn với tổ chức nào")
	assert.Empty(t, admissions(t, h))
}

// Diacritics distinguish people: Hùng and Hưng on the same day are two
// admissions, and the reply points at the similar one in case of a typo.
func TestReportDiacriticsDistinguishPeople(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/report Lê Văn Hùng; 20/05/2026"), "1/10")

	got := h.Reply(sec, "/report Lê Văn Hưng; 20/05/2026")
	assert.NotContains(t, got, "đã ghi nhận trước đó")
	assert.Contains(t, got, "• Lê Văn Hưng — 20/05/2026")
	assert.Contains(t, got, "Cùng ngày đã có Lê Văn Hùng (20/05/2026), tên chỉ khác dấu")
	assert.Contains(t, h.Reply(sec, "/status"), "2/10")

	// Case and spacing still make the same person.
	got = h.Reply(sec, "/report LÊ  VĂN HƯNG; 20/05/2026")
	assert.Contains(t, got, "Đã ghi nhận trước đó (cùng họ tên, cùng ngày).")
	assert.Equal(t, 2, h.Tally(2026, "CB_01").Admitted)

	// Both in one message are two people too.
	got = h.Reply(sec, "/report Trần Văn Tú; 21/05/2026\nTrần Văn Tư; 21/05/2026")
	assert.Contains(t, got, "Đã ghi nhận kết nạp 2 người")
	assert.Equal(t, 4, h.Tally(2026, "CB_01").Admitted)
}

// Each mistake is named for what it is, and a message with several kinds
// of mistakes gets them all in one reply.
func TestReportErrorsSayWhatIsWrong(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026"), "1/10")

	got := h.Reply(sec, "/report Hồ Văn Tư; 2026-03-01")
	assert.Contains(t, got, "Ngày 2026-03-01 viết theo thứ tự năm-tháng-ngày; hãy viết ngày/tháng/năm: 01/03/2026.")
	assert.NotContains(t, got, "không có ngày này trong lịch")

	got = h.Reply(sec, "/report Hồ Văn Tư; 01/03/1900")
	assert.Contains(t, got, "Năm 1900 của ngày nằm ngoài khoảng 1930–2200.")

	got = h.Reply(sec, "/report Hồ Văn Tư; 31/02/2026\nNguyễn Văn An; 01/03/2026\nBùi Thị Mới; 02/03/2026")
	assert.Contains(t, got, "Dòng 1 (Hồ Văn Tư; 31/02/2026): Không có ngày này trong lịch.")
	assert.Contains(t, got, "Dòng 2 (Nguyễn Văn An; 01/03/2026): Đã ghi nhận trước đó", "the duplicate is told with the format error")
	assert.NotContains(t, got, "Dòng 3")
	assert.Equal(t, 1, h.Tally(2026, "CB_01").Admitted)

	h.Register(9, quota.RoleLeader)
	got = h.Reply(bottest.User(9), "/status 1999")
	assert.Contains(t, got, "Năm 1999 nằm ngoài khoảng có số liệu: từ 2000 đến 2027.")
	assert.NotContains(t, got, "Không có tổ chức")
	assert.Contains(t, h.Reply(bottest.User(9), "/export 1999"), "Năm 1999 nằm ngoài khoảng có số liệu")
}

// /undo takes back the last message's whole batch, and says so; it takes
// no argument.
func TestUndoTakesBackTheWholeLastMessage(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/report Người Trước; 01/03/2026"), "1/10")
	require.Contains(t, h.Reply(sec, "/report Người Một; 02/03/2026\nNgười Hai; 02/03/2026\nNgười Ba; 03/03/2026"), "4/10")

	got := h.Reply(sec, "/undo 5")
	assert.Contains(t, got, "Lệnh /undo không kèm số hay tên")
	assert.Equal(t, 4, h.Tally(2026, "CB_01").Admitted, "a refused /undo changes nothing")

	got = h.Reply(sec, "/undo")
	assert.Contains(t, got, "Đã hủy cả 3 người của tin nhắn báo cáo gần nhất vào Chi bộ Phòng Kỹ thuật:")
	assert.Contains(t, got, "• Người Một — 02/03/2026\n• Người Hai — 02/03/2026\n• Người Ba — 03/03/2026")
	assert.Contains(t, got, "Năm 2026: 1/10")
	assert.Contains(t, h.Reply(sec, "/status"), "1/10")

	got = h.Reply(sec, "/undo")
	assert.Contains(t, got, "Đã hủy báo cáo kết nạp Người Trước (01/03/2026)")
	assert.Contains(t, got, "Năm 2026: 0/10")
	assert.Contains(t, h.Reply(sec, "/undo"), "chưa có báo cáo kết nạp nào để hủy")
}
