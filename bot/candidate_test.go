package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

// candHarness is two cells with quota 10: CB_01 with secretary 7, CB_02
// with secretary 8.
func candHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(8, quota.RoleSecretary, "CB_02")
	return h
}

// candidatesOf lists an organization's stored candidates.
func candidatesOf(t *testing.T, h *bottest.Harness, org string) []quota.Candidate {
	t.Helper()
	var out []quota.Candidate
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		var err error
		out, err = tx.CandidatesOf(org)
		return err
	}))
	return out
}

// candidateNamed is the organization's stored candidate of that name, at
// any stage.
func candidateNamed(t *testing.T, h *bottest.Harness, org, name string) quota.Candidate {
	t.Helper()
	for _, c := range candidatesOf(t, h, org) {
		if quota.SearchKey(c.Name) == quota.SearchKey(name) {
			return c
		}
	}
	t.Fatalf("no candidate %q in %s", name, org)
	return quota.Candidate{}
}

func advancedIn(t *testing.T, h *bottest.Harness, org string) int {
	t.Helper()
	n := 0
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error { n = tx.Advanced(org); return nil }))
	return n
}

// putCandidate stores a candidate taken step by step to stage, as the
// commands would, and returns it.
func putCandidate(t *testing.T, h *bottest.Harness, org, name string, src quota.Source, stage quota.Stage) quota.Candidate {
	t.Helper()
	now := h.Clock.Now()
	c := quota.Candidate{Org: org, Name: name, Source: src, Stage: quota.StageIdentified, CreatedBy: 7, CreatedAt: now,
		History: []quota.StageChange{{Stage: quota.StageIdentified, At: now, By: 7}}}
	for c.Stage != stage {
		next, _ := c.Stage.Next()
		if stage == quota.StageDropped {
			next = stage
		}
		require.NoError(t, c.Move(next, date(2026, 3, 10), now, 7))
	}
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error { return tx.AddCandidate(&c) }))
	return c
}

// answered lists the texts of the button presses' answers Telegram took.
func answered(h *bottest.Harness) []string {
	var out []string
	for _, c := range h.Fake.Calls("answerCallbackQuery") {
		if c.Status == 200 {
			out = append(out, c.Params["text"])
		}
	}
	return out
}

func TestCandidateTypedMoves(t *testing.T) {
	h := candHarness(t)
	sec := bottest.User(7)

	got := h.Reply(sec, "/nguon them Lê Văn Tám; doan")
	assert.Contains(t, got, "Đã thêm Lê Văn Tám vào nguồn (Đoàn Thanh niên), giai đoạn: quần chúng ưu tú.")
	c := candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	assert.Equal(t, quota.StageIdentified, c.Stage)
	assert.Equal(t, quota.SourceYouthUnion, c.Source)
	assert.Equal(t, int64(7), c.CreatedBy)

	// Skipping the class is refused with the order of the stages.
	got = h.Reply(sec, "/nguon gioithieu Lê Văn Tám")
	assert.Contains(t, got, `Chưa chuyển được: Lê Văn Tám đang ở giai đoạn "quần chúng ưu tú"`)
	assert.Contains(t, got, "quần chúng ưu tú → học lớp bồi dưỡng → được giới thiệu → nộp hồ sơ → kết nạp")
	assert.Contains(t, h.Reply(sec, "/nguon hoso Lê Văn Tám"), "Chưa chuyển được")
	// The class needs its date, a real one, not in the future.
	assert.Contains(t, h.Reply(sec, "/nguon hoc Lê Văn Tám"), "Cần ngày học lớp")
	assert.Contains(t, h.Reply(sec, "/nguon hoc Lê Văn Tám; 31/02/2026"), "Không có ngày này trong lịch.")
	assert.Contains(t, h.Reply(sec, "/nguon hoc Lê Văn Tám; 20/06/2026"), "ở tương lai")
	assert.Equal(t, quota.StageIdentified, candidateNamed(t, h, "CB_01", "Lê Văn Tám").Stage, "nothing moved")

	// Typed without diacritics, in any case.
	got = h.Reply(sec, "/nguon hoc le van tam; 10/03/2026")
	assert.Contains(t, got, "Lê Văn Tám: đã học lớp bồi dưỡng nhận thức về Đảng (10/03/2026).")
	c = candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	assert.Equal(t, quota.StageTrained, c.Stage)
	assert.Equal(t, date(2026, 3, 10), c.ClassDate)
	assert.Contains(t, h.Reply(sec, "/nguon hoc Lê Văn Tám; 11/03/2026"), "Chưa chuyển được", "the class is recorded once")
	assert.Equal(t, 0, advancedIn(t, h, "CB_01"))

	assert.Contains(t, h.Reply(sec, "/nguon gioithieu Lê Văn Tám"), "Lê Văn Tám: đã được giới thiệu.")
	assert.Equal(t, 1, advancedIn(t, h, "CB_01"))
	assert.Contains(t, h.Reply(sec, "/nguon hoso Lê Văn Tám"), "Lê Văn Tám: đã nộp hồ sơ.")
	assert.Equal(t, 1, advancedIn(t, h, "CB_01"))
	assert.Contains(t, h.Reply(sec, "/nguon gioithieu Lê Văn Tám"), `đang ở giai đoạn "đã nộp hồ sơ"`, "no going back")

	c = candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	var stages []quota.Stage
	for _, s := range c.History {
		stages = append(stages, s.Stage)
	}
	assert.Equal(t, []quota.Stage{quota.StageIdentified, quota.StageTrained, quota.StageIntroduced, quota.StageSubmitted}, stages)

	// Dropping needs a reason, and leaves the pipeline.
	assert.Contains(t, h.Reply(sec, "/nguon loai Lê Văn Tám"), "Cần lý do loại")
	got = h.Reply(sec, "/nguon loai Lê Văn Tám; chuyển công tác <ra Hà Nội>")
	assert.Contains(t, got, "Đã loại Lê Văn Tám khỏi nguồn. Lý do: chuyển công tác <ra Hà Nội>")
	c = candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	assert.Equal(t, quota.StageDropped, c.Stage)
	assert.Equal(t, "chuyển công tác <ra Hà Nội>", c.DropReason)
	assert.Equal(t, 0, advancedIn(t, h, "CB_01"))
	assert.Contains(t, h.Reply(sec, "/nguon hoso Lê Văn Tám"), "Không có Lê Văn Tám trong nguồn của tổ chức")
	assert.Contains(t, h.Reply(sec, "/nguon loai Lê Văn Tám; lần nữa"), "Không có Lê Văn Tám trong nguồn")

	// A source that is not one is refused; none given means "other".
	assert.Contains(t, h.Reply(sec, "/nguon them Trần Văn Bê; bạn bè"), "Nguồn giới thiệu chưa đúng")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 1)
	assert.Contains(t, h.Reply(sec, "/nguon them Trần Văn Bê"), "Đã thêm Trần Văn Bê vào nguồn (Khác)")
	assert.Contains(t, h.Reply(sec, "/nguon them Phạm Thị Cúc; Công đoàn"), "(Công đoàn)")
	assert.Contains(t, h.Reply(sec, "/nguon them Đỗ Văn Dư; dangvien"), "(Đảng viên giới thiệu)")
	// A name that is no name, and a verb that is none.
	assert.Contains(t, h.Reply(sec, "/nguon them 12345; doan"), "Họ tên chỉ gồm chữ cái")
	assert.Contains(t, h.Reply(sec, "/nguon nhay Trần Văn Bê"), "Quản lý nguồn kết nạp")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 4)
	assert.Empty(t, candidatesOf(t, h, "CB_02"), "a secretary adds to their own organization only")
}

func TestCandidateInEnglishAndDuplicates(t *testing.T) {
	h := candHarness(t)
	sec := bottest.EnglishUser(7)

	got := h.Reply(sec, "/candidate add Nguyễn Văn An; youth")
	assert.Contains(t, got, "Added Nguyễn Văn An to the pipeline (Youth Union), stage: identified.")
	got = h.Reply(sec, "/candidate add nguyễn văn an; union")
	assert.Contains(t, got, "Nguyễn Văn An is already a candidate (identified).")
	got = h.Reply(sec, "/nguon them NGUYỄN  VĂN AN")
	assert.Contains(t, got, "already a candidate")
	require.Len(t, candidatesOf(t, h, "CB_01"), 1)
	assert.Equal(t, quota.SourceYouthUnion, candidatesOf(t, h, "CB_01")[0].Source, "the refused duplicate changed nothing")

	assert.Contains(t, h.Reply(sec, "/candidate class Nguyen Van An; 10/03/2026"), "Nguyễn Văn An: attended the Party awareness class (10/03/2026).")
	assert.Contains(t, h.Reply(sec, "/candidate submit Nguyen Van An"), `Not moved: Nguyễn Văn An is at "attended the Party awareness class"`)
	assert.Contains(t, h.Reply(sec, "/candidate introduce Nguyen Van An"), "Nguyễn Văn An: introduced.")
	assert.Contains(t, h.Reply(sec, "/candidate submit Nguyen Van An"), "Nguyễn Văn An: dossier submitted.")
	assert.Contains(t, h.Reply(sec, "/candidate drop Nguyen Van An"), "A reason is needed")
	assert.Contains(t, h.Reply(sec, "/candidate add Trần Thị Bình; friends"), "Unknown source.")
	assert.Contains(t, h.Reply(sec, "/candidate add Trần Thị Bình; member"), "(Party member)")
	assert.Contains(t, h.Reply(sec, "/candidate add Lý Văn Cơ; other"), "(Other)")

	got = h.Reply(sec, "/candidate")
	assert.Contains(t, got, "Candidates — Chi bộ Một")
	assert.Contains(t, got, "1. Nguyễn Văn An — dossier submitted (Youth Union)")
	assert.Contains(t, got, "2. Trần Thị Bình — identified (Party member)")
	assert.Contains(t, got, "3. Lý Văn Cơ — identified (Other)")

	// The same name in another organization is another person.
	assert.Contains(t, h.Reply(bottest.User(8), "/nguon them Nguyễn Văn An; doan"), "Đã thêm Nguyễn Văn An")
	assert.Len(t, candidatesOf(t, h, "CB_02"), 1)

	// Once dropped, the name may be added again as someone new.
	assert.Contains(t, h.Reply(sec, "/candidate drop Nguyen Van An; moved away"), "Dropped Nguyễn Văn An. Reason: moved away")
	assert.Contains(t, h.Reply(sec, "/candidate add Nguyen Van An; youth"), "Added Nguyen Van An")
	got = h.Reply(sec, "/candidate list")
	assert.Contains(t, got, "Admitted or dropped: 1")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 4)
}

func TestCandidateGuidedDialog(t *testing.T) {
	h := candHarness(t)
	sec := bottest.User(7)
	putCandidate(t, h, "CB_01", "Lê Văn Tám", quota.SourceYouthUnion, quota.StageIdentified)

	list := h.Send(sec, "/nguon")
	got := bottest.Plain(list)
	assert.Contains(t, got, "Nguồn kết nạp — Chi bộ Một")
	assert.Contains(t, got, "1. Lê Văn Tám — quần chúng ưu tú (Đoàn Thanh niên)")
	assert.Contains(t, got, "Chọn một người để chuyển giai đoạn hoặc loại khỏi nguồn")
	listMsg, show := button(t, list, "1. Lê Văn Tám")
	addMsg, add := button(t, list, "➕ Thêm nguồn")

	// A press shows the card with the next stage and the drop.
	card := h.Press(sec, listMsg, show)
	assert.Contains(t, bottest.Plain(card), "Lê Văn Tám — quần chúng ưu tú\nNguồn: Đoàn Thanh niên")
	cardMsg, next := button(t, card, "Đã học lớp bồi dưỡng")
	button(t, card, "Loại khỏi nguồn")

	// The class asks for its date; a typed date moves the candidate.
	ask := h.Press(sec, cardMsg, next)
	assert.Contains(t, bottest.Plain(ask), "Ngày Lê Văn Tám học lớp bồi dưỡng nhận thức về Đảng?")
	button(t, ask, "Hôm nay")
	assert.Equal(t, quota.StageIdentified, candidateNamed(t, h, "CB_01", "Lê Văn Tám").Stage, "nothing moves before the date")
	assert.Contains(t, h.Reply(sec, "hôm kia"), "Ngày viết theo dạng dd/mm/yyyy")
	assert.Contains(t, h.Reply(sec, "20/07/2026"), "ở tương lai")
	assert.Contains(t, h.Reply(sec, "10/03/2026"), "Lê Văn Tám: đã học lớp bồi dưỡng nhận thức về Đảng (10/03/2026).")
	c := candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	assert.Equal(t, quota.StageTrained, c.Stage)
	assert.Equal(t, date(2026, 3, 10), c.ClassDate)

	// Buttons of the earlier stage do nothing now; the press is answered.
	calls := len(answered(h))
	for _, press := range []struct {
		msg  telegramfake.Sent
		data string
	}{{cardMsg, next}, {listMsg, show}} {
		assert.Empty(t, bottest.Plain(h.Press(sec, press.msg, press.data)), press.data)
	}
	answers := answered(h)
	require.Len(t, answers, calls+2)
	assert.Contains(t, answers[len(answers)-1], "Nút này đã cũ: hộp thoại đã kết thúc")
	assert.Contains(t, answers[len(answers)-2], "Nút này đã cũ: hộp thoại đã kết thúc")
	assert.Equal(t, quota.StageTrained, candidateNamed(t, h, "CB_01", "Lê Văn Tám").Stage)
	assert.Contains(t, h.Reply(sec, "11/03/2026"), "Bot chỉ hiểu các lệnh", "no dialog waits for a date")

	// The next stage of a fresh card moves at once.
	listMsg, show = button(t, h.Send(sec, "/nguon"), "1. Lê Văn Tám")
	card = h.Press(sec, listMsg, show)
	assert.Contains(t, bottest.Plain(card), "Lê Văn Tám — đã học lớp bồi dưỡng nhận thức về Đảng")
	cardMsg, next = button(t, card, "Đã được giới thiệu")
	assert.Contains(t, bottest.Plain(h.Press(sec, cardMsg, next)), "Lê Văn Tám: đã được giới thiệu.")
	assert.Equal(t, 1, advancedIn(t, h, "CB_01"))
	assert.Empty(t, bottest.Plain(h.Press(sec, cardMsg, next)), "pressed twice, it moves once")
	assert.Equal(t, quota.StageIntroduced, candidateNamed(t, h, "CB_01", "Lê Văn Tám").Stage)

	// Drop: a press, then the reason typed.
	listMsg, show = button(t, h.Send(sec, "/nguon"), "1. Lê Văn Tám")
	cardMsg, drop := button(t, h.Press(sec, listMsg, show), "Loại khỏi nguồn")
	assert.Contains(t, bottest.Plain(h.Press(sec, cardMsg, drop)), "Lý do loại Lê Văn Tám khỏi nguồn?")
	assert.Contains(t, h.Reply(sec, "không đủ tiêu chuẩn"), "Đã loại Lê Văn Tám khỏi nguồn. Lý do: không đủ tiêu chuẩn")
	c = candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	assert.Equal(t, quota.StageDropped, c.Stage)
	assert.Equal(t, "không đủ tiêu chuẩn", c.DropReason)
	assert.Equal(t, 0, advancedIn(t, h, "CB_01"))

	// ➕: a name typed, then a source pressed. The old list's button still
	// adds, as adding depends on no stage.
	msgs := h.Press(sec, addMsg, add)
	assert.Contains(t, bottest.Plain(msgs), "Nhập họ và tên quần chúng ưu tú")
	assert.Contains(t, h.Reply(sec, "123"), "Họ tên chỉ gồm chữ cái")
	msgs = h.Send(sec, "  Trần   Thị Hoa ")
	assert.Contains(t, bottest.Plain(msgs), "Trần Thị Hoa do ai giới thiệu, bồi dưỡng?")
	for _, label := range []string{"Đoàn Thanh niên", "Đảng viên giới thiệu", "Khác", "Hủy"} {
		button(t, msgs, label)
	}
	srcMsg, union := button(t, msgs, "Công đoàn")
	assert.Contains(t, h.Reply(sec, "Công đoàn"), "Trần Thị Hoa do ai giới thiệu", "the source is chosen with a button")
	assert.Contains(t, bottest.Plain(h.Press(sec, srcMsg, union)), "Đã thêm Trần Thị Hoa vào nguồn (Công đoàn), giai đoạn: quần chúng ưu tú.")
	hoa := candidateNamed(t, h, "CB_01", "Trần Thị Hoa")
	assert.Equal(t, quota.SourceTradeUnion, hoa.Source)
	assert.Empty(t, bottest.Plain(h.Press(sec, srcMsg, union)), "the source button works once")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 2)

	// The class by the Today button; then Cancel of a drop changes nothing.
	listMsg, show = button(t, h.Send(sec, "/nguon"), "1. Trần Thị Hoa")
	cardMsg, next = button(t, h.Press(sec, listMsg, show), "Đã học lớp bồi dưỡng")
	q, today := button(t, h.Press(sec, cardMsg, next), "Hôm nay")
	assert.Contains(t, bottest.Plain(h.Press(sec, q, today)), "Trần Thị Hoa: đã học lớp bồi dưỡng nhận thức về Đảng (15/06/2026).")
	assert.Equal(t, date(2026, 6, 15), candidateNamed(t, h, "CB_01", "Trần Thị Hoa").ClassDate)
	listMsg, show = button(t, h.Send(sec, "/nguon"), "1. Trần Thị Hoa")
	cardMsg, drop = button(t, h.Press(sec, listMsg, show), "Loại khỏi nguồn")
	q, cancel := button(t, h.Press(sec, cardMsg, drop), "Hủy")
	assert.Contains(t, bottest.Plain(h.Press(sec, q, cancel)), "Đã hủy, không ghi nhận gì.")
	assert.Equal(t, quota.StageTrained, candidateNamed(t, h, "CB_01", "Trần Thị Hoa").Stage)
}

func TestReportTakesTheCandidateFromThePipeline(t *testing.T) {
	h := candHarness(t)
	sec := bottest.User(7)
	tam := putCandidate(t, h, "CB_01", "Lê Văn Tám", quota.SourceYouthUnion, quota.StageSubmitted)
	// The same name in another organization is someone else.
	other := putCandidate(t, h, "CB_02", "Lê Văn Tám", quota.SourceMember, quota.StageSubmitted)
	require.Equal(t, 1, advancedIn(t, h, "CB_01"))

	got := h.Reply(sec, "/report LÊ VĂN TÁM; 01/06/2026\nHồ Văn Ngoài; 02/06/2026")
	assert.Contains(t, got, "• Lê Văn Tám — 01/06/2026 (từ nguồn)", "the stored spelling, and where it came from")
	assert.Contains(t, got, "• Hồ Văn Ngoài — 02/06/2026\n", "someone outside the pipeline is not marked")
	assert.NotContains(t, got, "Hồ Văn Ngoài — 02/06/2026 (từ nguồn)")
	assert.Contains(t, got, "Năm 2026: 2/10")

	a, found := findAdmission(t, h, "CB_01", date(2026, 6, 1), "Lê Văn Tám")
	require.True(t, found)
	assert.Equal(t, tam.ID, a.CandidateID)
	c := candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	assert.Equal(t, quota.StageAdmitted, c.Stage)
	assert.Equal(t, a.ID, c.AdmissionID)
	assert.Equal(t, quota.StageAdmitted, c.History[len(c.History)-1].Stage)
	assert.Equal(t, date(2026, 6, 1), c.History[len(c.History)-1].On)
	assert.Equal(t, 0, advancedIn(t, h, "CB_01"))
	assert.Contains(t, h.Reply(sec, "/nguon"), "Đã kết nạp hoặc đã loại: 1")
	assert.Contains(t, h.Reply(sec, "/nguon hoso Lê Văn Tám"), "Không có Lê Văn Tám trong nguồn", "an admitted candidate is out of the pipeline")

	o := candidateNamed(t, h, "CB_02", "Lê Văn Tám")
	assert.Equal(t, quota.StageSubmitted, o.Stage, "the other organization's candidate is untouched")
	assert.Equal(t, other.ID, o.ID)
	assert.Equal(t, 1, advancedIn(t, h, "CB_02"))

	// /undo retracts the whole message, the pipeline line with it: the
	// candidate goes back to the stage before.
	got = h.Reply(sec, "/undo")
	assert.Contains(t, got, "Đã hủy cả 2 người")
	assert.Contains(t, got, "• Lê Văn Tám — 01/06/2026\n• Hồ Văn Ngoài — 02/06/2026")
	assert.Contains(t, got, "Năm 2026: 0/10")
	c = candidateNamed(t, h, "CB_01", "Lê Văn Tám")
	assert.Equal(t, quota.StageSubmitted, c.Stage)
	assert.Zero(t, c.AdmissionID)
	assert.Equal(t, quota.StageSubmitted, c.History[len(c.History)-1].Stage)
	assert.Equal(t, 1, advancedIn(t, h, "CB_01"))
	assert.Contains(t, h.Reply(sec, "/nguon"), "1. Lê Văn Tám — đã nộp hồ sơ (Đoàn Thanh niên)")

	// Reported again, it is taken again.
	assert.Contains(t, h.Reply(sec, "/report Lê Văn Tám; 03/06/2026"), "(từ nguồn)")
	assert.Equal(t, quota.StageAdmitted, candidateNamed(t, h, "CB_01", "Lê Văn Tám").Stage)

	// The guided /report takes it too.
	putCandidate(t, h, "CB_01", "Vũ Thị Lan", quota.SourceOther, quota.StageIntroduced)
	h.Send(sec, "/report")
	h.Send(sec, "vũ thị lan")
	h.Send(sec, "05/06/2026")
	q, ok := button(t, h.Send(sec, "12-QĐ/ĐU"), "✅ Ghi nhận")
	assert.Contains(t, bottest.Plain(h.Press(sec, q, ok)), "Vũ Thị Lan — 05/06/2026, QĐ 12-QĐ/ĐU (từ nguồn)")
	assert.Equal(t, quota.StageAdmitted, candidateNamed(t, h, "CB_01", "Vũ Thị Lan").Stage)
}

// earlyWarningHarness is the hand-worked example of the early warning:
//
//	CB_01 quota 10, 6 admitted, 3 advanced (4 candidates): 9/10, 1 short: at risk
//	CB_02 quota 5, 1 admitted, 4 advanced: 5/5: not at risk
//	CB_03 quota 8, 2 admitted, none advanced: 6 short: at risk
func earlyWarningHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 5)
	h.AddOrg("CB_03", "Chi bộ Ba", "", 2026, 8)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(8, quota.RoleSecretary, "CB_02")
	h.Register(51, quota.RoleLeader)
	h.AdmitN("CB_01", 6)
	h.AdmitN("CB_02", 1)
	h.AdmitN("CB_03", 2)
	putCandidate(t, h, "CB_01", "Nguyễn Văn Một", quota.SourceYouthUnion, quota.StageSubmitted)
	putCandidate(t, h, "CB_01", "Nguyễn Văn Hai", quota.SourceYouthUnion, quota.StageIntroduced)
	putCandidate(t, h, "CB_01", "Nguyễn Văn Ba", quota.SourceTradeUnion, quota.StageIntroduced)
	putCandidate(t, h, "CB_01", "Nguyễn Văn Bốn", quota.SourceOther, quota.StageTrained)
	for i, name := range []string{"Trần Văn Một", "Trần Văn Hai", "Trần Văn Ba", "Trần Văn Bốn"} {
		putCandidate(t, h, "CB_02", name, quota.Sources[i], quota.StageIntroduced)
	}
	return h
}

func TestEarlyWarningInStatus(t *testing.T) {
	h := earlyWarningHarness(t)
	sec := bottest.User(7)

	got := h.Reply(sec, "/status")
	assert.Contains(t, got, "Đã kết nạp: 6/10 (60,0%")
	assert.Contains(t, got, "Nguồn đã được giới thiệu trở lên: 3; nếu kết nạp hết: 9/10")
	assert.Contains(t, got, "⚠️ Nguy cơ không hoàn thành chỉ tiêu: kể cả khi kết nạp hết nguồn đã giới thiệu vẫn thiếu 1.")
	assert.Contains(t, got, "Nguồn theo nơi giới thiệu: Đoàn Thanh niên 2, Công đoàn 1, Đảng viên giới thiệu 0, Khác 1")
	assert.Contains(t, got, "Giới thiệu năm 2026 → đã kết nạp: 0/3 (0,0%)")

	got = h.Reply(bottest.User(8), "/status")
	assert.Contains(t, got, "Nguồn đã được giới thiệu trở lên: 4; nếu kết nạp hết: 5/5")
	assert.NotContains(t, got, "Nguy cơ")

	// The leader sees the organizations at risk, the largest gap first.
	got = h.Reply(bottest.User(51), "/status")
	assert.Contains(t, got, "⚠️ Nguy cơ không hoàn thành (kể cả khi kết nạp hết nguồn đã giới thiệu): 2 tổ chức")
	i3 := strings.Index(got, "• Chi bộ Ba (CB_03): 2/8, nguồn 0, thiếu 6")
	i1 := strings.Index(got, "• Chi bộ Một (CB_01): 6/10, nguồn 3, thiếu 1")
	require.GreaterOrEqual(t, i3, 0, got)
	require.GreaterOrEqual(t, i1, 0, got)
	assert.Less(t, i3, i1)
	assert.NotContains(t, got, "(CB_02): 1/5, nguồn")

	// The leader's view of one organization has its sources and conversion.
	got = h.Reply(bottest.User(51), "/status CB_02")
	assert.Contains(t, got, "Nguồn theo nơi giới thiệu: Đoàn Thanh niên 1, Công đoàn 1, Đảng viên giới thiệu 1, Khác 1")
	assert.Contains(t, got, "Giới thiệu năm 2026 → đã kết nạp: 0/4 (0,0%)")
	got = h.Reply(bottest.User(51), "/status CB_03")
	assert.Contains(t, got, "⚠️ Nguy cơ không hoàn thành chỉ tiêu: kể cả khi kết nạp hết nguồn đã giới thiệu vẫn thiếu 6.")
	assert.NotContains(t, got, "Nguồn theo nơi giới thiệu", "no candidates, no sources line")

	// One admitted from the pipeline: still 9/10 if the rest are admitted.
	assert.Contains(t, h.Reply(sec, "/report Nguyễn Văn Một; 01/06/2026"), "(từ nguồn)")
	got = h.Reply(sec, "/status")
	assert.Contains(t, got, "Nguồn đã được giới thiệu trở lên: 2; nếu kết nạp hết: 9/10")
	assert.Contains(t, got, "vẫn thiếu 1")
	assert.Contains(t, got, "Giới thiệu năm 2026 → đã kết nạp: 1/3 (33,3%)")

	// A fourth advanced candidate lifts the warning.
	assert.Contains(t, h.Reply(sec, "/nguon gioithieu Nguyễn Văn Bốn"), "đã được giới thiệu")
	got = h.Reply(sec, "/status")
	assert.Contains(t, got, "Nguồn đã được giới thiệu trở lên: 3; nếu kết nạp hết: 10/10")
	assert.NotContains(t, got, "Nguy cơ")
	got = h.Reply(bottest.User(51), "/status")
	assert.Contains(t, got, "Nguy cơ không hoàn thành (kể cả khi kết nạp hết nguồn đã giới thiệu): 1 tổ chức")
	assert.NotContains(t, got, "(CB_01): 7/10, nguồn")

	// A past year shows no warning.
	assert.NotContains(t, h.Reply(bottest.User(51), "/status 2025"), "Nguy cơ")
}

func TestEarlyWarningInReminders(t *testing.T) {
	h := earlyWarningHarness(t)
	// On 01/12/2026 a quota of 10 expects 9 and a quota of 5 expects 4:
	// both CB_01 and CB_02 are behind.
	dec := bottest.At(2026, 12, 1, 8, 0)
	h.Clock.Set(dec)
	h.RunJob(h.Jobs.Reminders, dec)

	to7 := bottest.Plain(h.Fake.SentTo(7))
	assert.Contains(t, to7, "Chi bộ Một đã kết nạp 6/10")
	assert.Contains(t, to7, "⚠️ Kể cả khi kết nạp hết nguồn đã giới thiệu vẫn chưa đủ chỉ tiêu: cần phát triển thêm nguồn.")
	assert.Equal(t, 1, strings.Count(to7, "thiếu"), "one shortfall per reminder")
	to8 := bottest.Plain(h.Fake.SentTo(8))
	assert.Contains(t, to8, "Chi bộ Hai đã kết nạp 1/5")
	assert.NotContains(t, to8, "Kể cả khi", "4 advanced candidates can close CB_02's gap")
}

func TestCandidatePrivacy(t *testing.T) {
	h := candHarness(t)
	h.Register(51, quota.RoleLeader)
	h.Register(52, quota.RoleSpecialist, "CB_01")
	tam := putCandidate(t, h, "CB_01", "Lê Văn Tám", quota.SourceYouthUnion, quota.StageIdentified)
	putCandidate(t, h, "CB_02", "Phan Thị Kín", quota.SourceMember, quota.StageIntroduced)
	names := []string{"Lê Văn Tám", "Phan Thị Kín"}
	noNames := func(t *testing.T, got string) {
		t.Helper()
		for _, n := range names {
			assert.NotContains(t, got, n)
		}
	}

	t.Run("group chat", func(t *testing.T) {
		for _, id := range []int64{7, 51, bottest.AdminID} {
			got := bottest.Plain(sendGroup(h, bottest.User(id), "/nguon CB_01"))
			assert.Contains(t, got, "Lệnh này chỉ dùng trong cuộc trò chuyện riêng với bot.", id)
			noNames(t, got)
			got = bottest.Plain(sendGroup(h, bottest.User(id), "/candidate"))
			assert.Contains(t, got, "chỉ dùng trong cuộc trò chuyện riêng", id)
			noNames(t, got)
		}
		got := bottest.Plain(sendGroup(h, bottest.User(99), "/nguon"))
		assert.Contains(t, got, "chưa được đăng ký")
		noNames(t, got)
		got = bottest.Plain(sendGroup(h, bottest.User(7), "/nguon them Người Trong Nhóm; doan"))
		noNames(t, got)
		assert.Len(t, candidatesOf(t, h, "CB_01"), 1, "nothing added from a group")
	})

	t.Run("leader reads any organization", func(t *testing.T) {
		msgs := h.Send(bottest.User(51), "/nguon CB_02")
		got := bottest.Plain(msgs)
		assert.Contains(t, got, "Nguồn kết nạp — Chi bộ Hai")
		assert.Contains(t, got, "1. Phan Thị Kín — đã được giới thiệu (Đảng viên giới thiệu)")
		for _, m := range msgs {
			assert.Nil(t, m.ReplyMarkup, "a reader gets no buttons")
		}
		assert.Contains(t, h.Reply(bottest.User(51), "/nguon"), "Cách dùng: /nguon MA_TO_CHUC")
		assert.Contains(t, h.Reply(bottest.User(51), "/nguon CB_99"), "Không có tổ chức mã CB_99")
		assert.Contains(t, h.Reply(bottest.User(51), "/nguon them Lê Văn Mới; doan"), "Cách dùng: /nguon MA_TO_CHUC", "a reader adds nobody")
		assert.Len(t, candidatesOf(t, h, "CB_01"), 1)
	})

	t.Run("specialist reads assigned organizations only", func(t *testing.T) {
		assert.Contains(t, h.Reply(bottest.User(52), "/nguon CB_01"), "1. Lê Văn Tám — quần chúng ưu tú")
		got := h.Reply(bottest.User(52), "/nguon CB_02")
		assert.Contains(t, got, "Đồng chí không theo dõi tổ chức này.")
		noNames(t, got)
	})

	t.Run("secretary of another organization", func(t *testing.T) {
		other := bottest.User(8)
		for _, text := range []string{"/nguon CB_01", "/nguon", "/nguon ds", "/nguon hoc Lê Văn Tám; 10/03/2026", "/nguon loai Lê Văn Tám; lý do", "/nguon gioithieu Lê Văn Tám"} {
			got := h.Reply(other, text)
			assert.NotContains(t, got, "Lê Văn Tám:", text)
			if !strings.Contains(text, "Lê Văn Tám") {
				assert.NotContains(t, got, "Lê Văn Tám", text)
			}
		}
		assert.Contains(t, h.Reply(other, "/nguon hoc Lê Văn Tám; 10/03/2026"), "Không có Lê Văn Tám trong nguồn của tổ chức")
		c := candidateNamed(t, h, "CB_01", "Lê Văn Tám")
		assert.Equal(t, quota.StageIdentified, c.Stage)
		assert.Len(t, c.History, 1)

		// Forged buttons naming CB_01's candidate do nothing either.
		own := h.Send(other, "/nguon")
		msg, _ := button(t, own, "➕ Thêm nguồn")
		id := fmt.Sprint(tam.ID)
		for _, data := range []string{"k:" + id + ":identified:next", "k:" + id + ":identified:show", "k:" + id + ":identified:drop"} {
			got := bottest.Plain(h.Press(other, msg, data))
			assert.Empty(t, got, data)
		}
		c = candidateNamed(t, h, "CB_01", "Lê Văn Tám")
		assert.Equal(t, quota.StageIdentified, c.Stage)
		assert.Contains(t, h.Reply(other, "Lý do gì đó"), "Bot chỉ hiểu các lệnh", "no dialog was opened")
		var dialog []byte
		require.NoError(t, h.DB.View(func(tx *storage.Tx) error { dialog = tx.Dialog(8); return nil }))
		assert.Nil(t, dialog)
	})

	t.Run("readers press no candidate buttons", func(t *testing.T) {
		msg, _ := button(t, h.Send(bottest.User(7), "/nguon"), "➕ Thêm nguồn")
		for _, id := range []int64{51, 52} {
			got := h.Press(bottest.User(id), msg, "k:"+fmt.Sprint(tam.ID)+":identified:next")
			assert.Empty(t, bottest.Plain(got))
			got = h.Press(bottest.User(id), msg, "k:0::add")
			assert.Empty(t, bottest.Plain(got))
		}
		assert.Equal(t, quota.StageIdentified, candidateNamed(t, h, "CB_01", "Lê Văn Tám").Stage)
	})

	t.Run("unregistered", func(t *testing.T) {
		for _, text := range []string{"/nguon", "/candidate CB_01", "/nguon them Ai Đó; doan"} {
			got := h.Reply(bottest.User(99), text)
			assert.Contains(t, got, "Đồng chí chưa được đăng ký nên chưa dùng được lệnh này", text)
			noNames(t, got)
		}
	})
}

func TestAdminErasesOnlyDroppedCandidates(t *testing.T) {
	h := candHarness(t)
	admin := bottest.User(bottest.AdminID)
	kept := putCandidate(t, h, "CB_01", "Lê Văn Tám", quota.SourceYouthUnion, quota.StageIntroduced)
	gone := putCandidate(t, h, "CB_01", "Bùi Thị Riêng", quota.SourceOther, quota.StageDropped)

	got := h.Reply(admin, "/nguon CB_01")
	assert.Contains(t, got, fmt.Sprintf("1. Lê Văn Tám — đã được giới thiệu, #%d (Đoàn Thanh niên)", kept.ID), "the admin sees the numbers to erase")
	assert.Contains(t, got, "Đã kết nạp hoặc đã loại: 1")

	assert.Contains(t, h.Reply(admin, fmt.Sprintf("/nguon xoa %d", kept.ID)), "Chỉ xóa được hồ sơ của người đã loại khỏi nguồn.")
	assert.Contains(t, h.Reply(admin, "/nguon xoa"), "Cách dùng: /nguon xoa SỐ")
	assert.Contains(t, h.Reply(admin, "/nguon xoa 9999"), "Cách dùng: /nguon xoa SỐ")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 2)

	// A secretary cannot erase, nor a leader.
	h.Register(51, quota.RoleLeader)
	h.Reply(bottest.User(7), fmt.Sprintf("/nguon xoa %d", gone.ID))
	assert.Contains(t, h.Reply(bottest.User(51), fmt.Sprintf("/nguon xoa %d", gone.ID)), "Cách dùng: /nguon MA_TO_CHUC")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 2)

	assert.Contains(t, h.Reply(admin, fmt.Sprintf("/candidate erase #%d", gone.ID)), fmt.Sprintf("Đã xóa hồ sơ nguồn số %d.", gone.ID))
	left := candidatesOf(t, h, "CB_01")
	require.Len(t, left, 1)
	assert.Equal(t, kept.ID, left[0].ID)
	var audit []storage.AuditEntry
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		var err error
		audit, err = tx.Audit()
		return err
	}))
	require.Len(t, audit, 1)
	assert.Equal(t, gone.ID, audit[0].ID)
	assert.Equal(t, bottest.AdminID, audit[0].By)
	assert.Equal(t, "CB_01", audit[0].Org)
	assert.NotContains(t, h.Reply(admin, "/nguon CB_01"), "Đã kết nạp hoặc đã loại")
	assert.Contains(t, h.Reply(admin, fmt.Sprintf("/nguon xoa %d", gone.ID)), "Cách dùng: /nguon xoa SỐ", "erased once")
}

// candAuthzActors are the columns of the candidate commands' matrix.
var candAuthzActors = []struct {
	name string
	id   int64
	role quota.Role // "" for a person nobody registered
}{
	{"admin", bottest.AdminID, quota.RoleAdmin},
	{"leader", 51, quota.RoleLeader},
	{"specialist", 52, quota.RoleSpecialist},
	{"secretary", 53, quota.RoleSecretary},
	{"unregistered", 99, ""},
}

// candAuthzCommands are its rows: what each allowed role sees (a marker by
// role), and what a run changes.
var candAuthzCommands = []struct {
	text    string
	allowed []quota.Role
	marker  map[quota.Role]string
	changed func(before, after candState) bool
}{
	{text: "/candidate", allowed: registered, marker: map[quota.Role]string{
		quota.RoleSecretary: "1. Nguyễn Văn Nguồn", quota.RoleLeader: "Cách dùng: /nguon MA_TO_CHUC",
		quota.RoleSpecialist: "Cách dùng: /nguon MA_TO_CHUC", quota.RoleAdmin: "Cách dùng: /nguon MA_TO_CHUC"}},
	{text: "/nguon CB_01", allowed: registered, marker: map[quota.Role]string{
		quota.RoleSecretary: "Quản lý nguồn kết nạp", quota.RoleLeader: "1. Nguyễn Văn Nguồn",
		quota.RoleSpecialist: "1. Nguyễn Văn Nguồn", quota.RoleAdmin: "1. Nguyễn Văn Nguồn"}},
	{text: "/nguon them Trần Văn Mới; doan", allowed: registered, marker: map[quota.Role]string{
		quota.RoleSecretary: "Đã thêm Trần Văn Mới", quota.RoleLeader: "Cách dùng: /nguon MA_TO_CHUC"},
		changed: func(b, a candState) bool { return a.Candidates == b.Candidates+1 }},
	{text: "/official Nguyễn Văn Dự; 12/03/2026; 45-QĐ/ĐU", allowed: []quota.Role{quota.RoleSecretary},
		marker:  map[quota.Role]string{quota.RoleSecretary: "Đã ghi nhận: Nguyễn Văn Dự được công nhận đảng viên chính thức ngày 12/03/2026"},
		changed: func(b, a candState) bool { return a.Official == b.Official+1 }},
	{text: "/chinhthuc Nguyễn Văn Dự; 12/03/2026", allowed: []quota.Role{quota.RoleSecretary},
		marker:  map[quota.Role]string{quota.RoleSecretary: "được công nhận đảng viên chính thức"},
		changed: func(b, a candState) bool { return a.Official == b.Official+1 }},
	{text: "/rating", allowed: []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist}, marker: map[quota.Role]string{
		quota.RoleAdmin: "Bảng tham khảo", quota.RoleLeader: "Bảng tham khảo", quota.RoleSpecialist: "Bảng tham khảo"}},
	{text: "/rating 2025", allowed: []quota.Role{quota.RoleAdmin, quota.RoleLeader, quota.RoleSpecialist}, marker: map[quota.Role]string{
		quota.RoleLeader: "năm 2025"}},
}

// candState is what the candidate commands could change.
type candState struct {
	Candidates, Official, Advanced int
	Stages                         string
}

func candSnapshot(t *testing.T, h *bottest.Harness) candState {
	t.Helper()
	var s candState
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		for _, org := range []string{"CB_01", "CB_02"} {
			cs, err := tx.CandidatesOf(org)
			if err != nil {
				return err
			}
			s.Candidates += len(cs)
			for _, c := range cs {
				s.Stages += string(c.Stage) + ";"
			}
			s.Advanced += tx.Advanced(org)
		}
		return tx.EachAdmission(func(a quota.Admission) error {
			if a.Official != nil {
				s.Official++
			}
			return nil
		})
	}))
	return s
}

// TestCandidateAuthorizationMatrix runs the candidate, probation and
// rating commands as every role on a fresh database: a refused command
// says so and changes nothing.
func TestCandidateAuthorizationMatrix(t *testing.T) {
	for _, a := range candAuthzActors {
		for _, c := range candAuthzCommands {
			t.Run(a.name+" "+c.text, func(t *testing.T) {
				h := bottest.New(t)
				h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
				h.AddOrg("CB_02", "Chi bộ Hai", "", 2026, 10)
				switch a.role {
				case quota.RoleLeader:
					h.Register(a.id, a.role)
				case quota.RoleSpecialist, quota.RoleSecretary:
					h.Register(a.id, a.role, "CB_01")
				}
				putCandidate(t, h, "CB_01", "Nguyễn Văn Nguồn", quota.SourceYouthUnion, quota.StageIntroduced)
				require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
					return tx.AddAdmission(&quota.Admission{Org: "CB_01", Name: "Nguyễn Văn Dự", Date: date(2025, 3, 10), ReportedBy: 1, ReportedAt: h.Clock.Now()})
				}))
				before := candSnapshot(t, h)

				reply := h.Reply(bottest.User(a.id), c.text)
				after := candSnapshot(t, h)

				if allows(c.allowed, a.role) {
					assert.NotContains(t, reply, "chưa được đăng ký")
					assert.NotContains(t, reply, "không dành cho vai trò")
					assert.NotContains(t, reply, "Xin lỗi, bot gặp lỗi")
					if m := c.marker[a.role]; m != "" {
						assert.Contains(t, reply, m)
					}
					if c.changed != nil && a.role == quota.RoleSecretary {
						assert.True(t, c.changed(before, after), "%+v -> %+v", before, after)
						return
					}
					assert.Equal(t, before, after, "a reader changes nothing")
					return
				}
				if a.role == "" {
					assert.Contains(t, reply, "Đồng chí chưa được đăng ký nên chưa dùng được lệnh này")
				} else {
					assert.Contains(t, reply, "Lệnh này không dành cho vai trò")
				}
				assert.NotContains(t, reply, "Nguyễn Văn Nguồn")
				assert.NotContains(t, reply, "Nguyễn Văn Dự")
				assert.Equal(t, before, after, "a refused command changes nothing")
			})
		}
	}
}

func TestCandidateDiacriticsDistinguishPeople(t *testing.T) {
	h := candHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/nguon them Lê Văn Hùng; doan"), "Đã thêm Lê Văn Hùng")
	got := h.Reply(sec, "/nguon them Lê Văn Hưng; doan")
	assert.Contains(t, got, "Đã thêm Lê Văn Hưng")
	assert.Contains(t, got, "Trong nguồn đã có Lê Văn Hùng (quần chúng ưu tú), tên chỉ khác dấu")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 2)
	assert.Contains(t, h.Reply(sec, "/nguon them lê văn HƯNG"), "đã có trong nguồn")
	assert.Len(t, candidatesOf(t, h, "CB_01"), 2)

	// A search without diacritics that fits both asks for them.
	assert.Contains(t, h.Reply(sec, "/nguon hoc le van hung; 10/03/2026"), "Có nhiều người trong nguồn trùng tên")
	assert.Contains(t, h.Reply(sec, "/nguon hoc Lê Văn Hưng; 10/03/2026"), "Lê Văn Hưng: đã học lớp")
	assert.Equal(t, quota.StageIdentified, candidateNamed(t, h, "CB_01", "Lê Văn Hùng").Stage)
}
