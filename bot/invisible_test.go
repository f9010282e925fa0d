package bot_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"quotabot/bot/bottest"
	"quotabot/quota"
)

// A name pasted from a phone or a web page carries characters nobody
// sees; it is recorded as the name it shows, and is the same person as
// the name typed by hand.
func TestReportNameWithInvisibleCharacters(t *testing.T) {
	h := reportHarness(t)
	sec := bottest.User(7)

	got := h.Reply(sec, "/report \ufeffNguyễn\u200b Văn\u200d An; 01/03/2026")
	assert.Contains(t, got, "• Nguyễn Văn An — 01/03/2026")
	a, ok := findAdmission(t, h, "CB_01", date(2026, 3, 1), "Nguyễn Văn An")
	if assert.True(t, ok) {
		assert.Equal(t, "Nguyễn Văn An", a.Name, "stored without the invisible characters")
	}

	got = h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026")
	assert.Contains(t, got, "trước đó", "the same person typed by hand is a duplicate")
	assert.Equal(t, quota.Tally{Quota: 10, Admitted: 1}, h.Tally(2026, "CB_01"))

	// A bidi override, which reorders what is shown, is still refused.
	got = h.Reply(sec, "/report Nguyễn\u202eVăn Bình; 01/03/2026")
	assert.Contains(t, got, "họ tên")
	assert.Equal(t, quota.Tally{Quota: 10, Admitted: 1}, h.Tally(2026, "CB_01"))
}
