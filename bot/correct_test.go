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
)

// An older admission is corrected or retracted by choosing it from the
// list, with buttons; every correction stays in the audit trail, the list
// of admissions shows what became of each, and so does the export.
func TestCorrectAnOlderAdmissionFromTheList(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/report Người Một; 02/03/2026; 1-QĐ"), "1/10")
	require.Contains(t, h.Reply(sec, "/report Người Hai; 03/03/2026"), "2/10")
	require.Contains(t, h.Reply(sec, "/report Người Ba; 04/03/2026"), "3/10")

	list := h.Send(sec, "/sua")
	assert.Contains(t, bottest.Plain(list), "Kết nạp năm 2026 của Chi bộ Phòng Kỹ thuật, mới nhất trước")
	msg, data := button(t, list, "Người Một — 02/03/2026")
	card := h.Press(sec, msg, data)
	assert.Contains(t, bottest.Plain(card), "Người Một — kết nạp ngày 02/03/2026, QĐ 1-QĐ")
	msg, data = button(t, card, "Sửa họ tên")
	ask := h.Press(sec, msg, data)
	assert.Contains(t, bottest.Plain(ask), "Nhập họ và tên đúng thay cho Người Một")
	button(t, ask, "Hủy")
	got := h.Reply(sec, "Người Mốt")
	assert.Contains(t, got, "Đã sửa Người Mốt: họ tên “Người Một” → “Người Mốt”")
	assert.Contains(t, got, "Năm 2026: 3/10")

	msg, data = button(t, h.Send(sec, "/sua"), "Người Hai — 03/03/2026")
	msg, data = button(t, h.Press(sec, msg, data), "Sửa ngày")
	h.Press(sec, msg, data)
	assert.Contains(t, h.Reply(sec, "2026-03-05"), "hãy viết ngày/tháng/năm: 05/03/2026", "a bad date is told and asked again")
	got = h.Reply(sec, "05/03/2026")
	assert.Contains(t, got, "ngày kết nạp “03/03/2026” → “05/03/2026”")

	msg, data = button(t, h.Send(sec, "/sua"), "Người Ba — 04/03/2026")
	msg, data = button(t, h.Press(sec, msg, data), "Rút lại (không tính nữa)")
	got = bottest.Plain(h.Press(sec, msg, data))
	assert.Contains(t, got, "Đã hủy báo cáo kết nạp Người Ba (04/03/2026)")
	assert.Contains(t, got, "Năm 2026: 2/10")
	assert.Contains(t, h.Reply(sec, "/status"), "2/10")
	// The old card's buttons no longer work on a retracted admission.
	assert.NotContains(t, bottest.Plain(h.Send(sec, "/sua")), "Người Ba")

	got = h.Reply(sec, "/danhsach")
	assert.Contains(t, got, "Danh sách kết nạp năm 2026 — Chi bộ Phòng Kỹ thuật: 2 người được tính, 1 đã rút lại")
	assert.Contains(t, got, "1. Người Mốt — 02/03/2026, QĐ 1-QĐ (đã sửa)")
	assert.Contains(t, got, "2. Người Hai — 05/03/2026 (đã sửa)")
	assert.Contains(t, got, "3. Người Ba — 04/03/2026 — đã rút lại ngày 15/06/2026, không tính")

	var trail []storage.AuditEntry
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		var err error
		trail, err = tx.Audit()
		return err
	}))
	var whats []string
	for _, e := range trail {
		assert.Equal(t, int64(7), e.By, "who")
		assert.Equal(t, h.Clock.Now().Unix(), e.At.Unix(), "when")
		whats = append(whats, e.What+" "+e.Detail)
	}
	assert.Equal(t, []string{
		`admission corrected name: "Người Một" -> "Người Mốt"`,
		`admission corrected date: "03/03/2026" -> "05/03/2026"`,
		"admission retracted ",
	}, whats)

	h.Register(9, quota.RoleLeader)
	f := exportOf(t, h, 9, "/export")
	rows, err := f.GetRows("Danh sách kết nạp")
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, []string{"Mã", "Tên tổ chức", "Họ và tên", "Ngày kết nạp", "Số quyết định", "Người báo cáo", "Thời điểm báo cáo", "Đã rút lại", "Các lần sửa"}, rows[0])
	assert.Equal(t, []string{"CB_01", "Chi bộ Phòng Kỹ thuật", "Người Mốt", "02/03/2026", "1-QĐ", "7", "15/06/2026 10:00", "", "họ tên: Người Một → Người Mốt (15/06/2026)"}, rows[1])
	assert.Equal(t, "Có, 15/06/2026", rows[3][7])

	// A reader names the organization; another secretary's cell is not theirs.
	assert.Contains(t, h.Reply(bottest.User(9), "/danhsach CB_01"), "Người Mốt")
	assert.Contains(t, h.Reply(bottest.User(9), "/danhsach"), "Cách dùng")
	h.Register(8, quota.RoleSecretary, "CB_02")
	assert.Contains(t, h.Reply(bottest.User(8), "/danhsach CB_01"), "không theo dõi tổ chức này")
	assert.False(t, strings.Contains(h.Reply(bottest.User(8), "/sua"), "Người Mốt"))
}

// An admission older than the first page of /correct is reached through
// the button to the older ones.
func TestCorrectReachesOlderPages(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	h.Clock.Set(bottest.At(2026, 6, 15, 10, 0))
	var lines []string
	for i := 1; i <= 25; i++ {
		lines = append(lines, fmt.Sprintf("Người Thứ %s; %02d/03/2026", strings.Repeat("A", i), i))
	}
	require.Contains(t, h.Reply(sec, "/report "+strings.Join(lines, "\n")), "25/10")

	first := h.Send(sec, "/sua")
	msg, data := button(t, first, "Cũ hơn › (còn 5 người)")
	assert.NotContains(t, bottest.Plain(first), "01/03/2026")
	older := h.Press(sec, msg, data)
	msg, data = button(t, older, "Người Thứ A — 01/03/2026")
	msg, data = button(t, h.Press(sec, msg, data), "Sửa số quyết định")
	h.Press(sec, msg, data)
	assert.Contains(t, h.Reply(sec, "9-QĐ/ĐU"), "Đã sửa Người Thứ A: số quyết định “” → “9-QĐ/ĐU”")
	a, ok := findAdmission(t, h, "CB_01", date(2026, 3, 1), "Người Thứ A")
	require.True(t, ok)
	assert.Equal(t, "9-QĐ/ĐU", a.Decision)
}

// /sua with a name finds the admission as any search does, ignoring
// diacritics, and asks which when two people fold alike.
func TestCorrectByName(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/report Lê Văn Hùng; 02/03/2026\nLê Văn Hưng; 02/03/2026\nTrần Thị Bình; 03/03/2026"), "3/10")

	card := h.Send(sec, "/sua tran thi binh")
	assert.Contains(t, bottest.Plain(card), "Trần Thị Bình — kết nạp ngày 03/03/2026")
	button(t, card, "Sửa họ tên")

	pick := h.Send(sec, "/sua le van hung")
	button(t, pick, "Lê Văn Hùng — 02/03/2026")
	msg, data := button(t, pick, "Lê Văn Hưng — 02/03/2026")
	assert.Contains(t, bottest.Plain(h.Press(sec, msg, data)), "Lê Văn Hưng — kết nạp ngày 02/03/2026")

	assert.Contains(t, bottest.Plain(h.Send(sec, "/sua Lê Văn Hưng")), "Lê Văn Hưng — kết nạp ngày 02/03/2026", "the same person first")
	assert.Contains(t, h.Reply(sec, "/sua Ngô Văn Không"), "Không có Ngô Văn Không trong các báo cáo kết nạp")

	// Part of a name: the one whose name holds it, or a choice of those.
	assert.Contains(t, bottest.Plain(h.Send(sec, "/sua binh")), "Trần Thị Bình — kết nạp ngày 03/03/2026", "a given name alone")
	part := h.Send(sec, "/sua Văn")
	button(t, part, "Lê Văn Hùng — 02/03/2026")
	button(t, part, "Lê Văn Hưng — 02/03/2026")
	assert.NotContains(t, bottest.Plain(part), "Trần Thị Bình")
}
