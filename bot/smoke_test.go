package bot_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
)

func TestReportCountsAndStatusShowsIt(t *testing.T) {
	h := bottest.New(t)
	h.AddOrg("CB_01", "Chi bộ A & B <Sông Mã>", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	sec := bottest.User(7)

	got := h.Reply(sec, "/report Nguyễn Văn An; 01/03/2026; 12-QĐ/ĐU\nTrần Thị Bình")
	assert.Contains(t, got, "Chi bộ A & B <Sông Mã>")
	assert.Contains(t, got, "2/10 (20,0%)")
	require.Equal(t, 2, h.Tally(2026, "CB_01").Admitted)

	got = h.Reply(bottest.User(bottest.AdminID), "/status")
	assert.Contains(t, got, "2/10 (20,0% kế hoạch)")
}
