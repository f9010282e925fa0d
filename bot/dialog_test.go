package bot_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
)

// A command typed in the middle of a dialog ends the dialog and says so:
// a message typed afterwards is not taken as the dialog's answer, so it
// cannot rename the admission that was being corrected.
func TestACommandEndsTheDialogInProgress(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)
	require.Contains(t, h.Reply(sec, "/report Người Một; 02/03/2026"), "1/10")

	msg, data := button(t, h.Send(sec, "/sua"), "Người Một — 02/03/2026")
	msg, data = button(t, h.Press(sec, msg, data), "Sửa họ tên")
	assert.Contains(t, bottest.Plain(h.Press(sec, msg, data)), "Nhập họ và tên đúng thay cho Người Một")

	status := h.Reply(sec, "/status")
	assert.Contains(t, status, "Đã hủy, không ghi nhận gì.", "the dialog's end is said")
	assert.Contains(t, status, "1/10", "and the command does what it does")
	assert.Contains(t, h.Reply(sec, "xin cảm ơn"), "Gõ /help", "a later message is not an answer")
	a, ok := findAdmission(t, h, "CB_01", quota.Date{Year: 2026, Month: 3, Day: 2}, "Người Một")
	require.True(t, ok, "the admission keeps its name")
	assert.Equal(t, "Người Một", a.Name)

	// With no dialog in progress, a command says nothing more.
	assert.NotContains(t, h.Reply(sec, "/status"), "Đã hủy")
}
