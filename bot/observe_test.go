package bot_test

import (
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot"
	"quotabot/bot/bottest"
	"quotabot/quota"
)

// The stages Observe is told of are those of the update handled: its
// handler and commit once, and its reply once when sent straight away.
func TestObserveSplitsAnUpdate(t *testing.T) { synctest.Test(t, testObserveSplitsAnUpdate) }

func testObserveSplitsAnUpdate(t *testing.T) {
	var mu sync.Mutex
	seen := map[bot.Stage][]time.Duration{}
	h := bottest.New(t, func(c *bottest.Config) {
		c.Options.Observe = func(s bot.Stage, d time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			seen[s] = append(seen[s], d)
		}
	})
	h.AddOrg("CB_01", "Chi bộ Thôn Đông", "", 2026, 5)
	h.Register(7, quota.RoleSecretary, "CB_01")
	// A first contact also sets the person's command menu, which the
	// sender's loop sends; from then on a reply is all there is.
	h.Reply(bottest.User(7), "/help")
	time.Sleep(2 * time.Second) // the sending window of that reply has passed
	mu.Lock()
	clear(seen)
	mu.Unlock()
	require.Contains(t, h.Reply(bottest.User(7), "/report Lê Văn Hùng"), "Đã ghi nhận kết nạp 1 người")
	mu.Lock()
	defer mu.Unlock()
	assert.Len(t, seen[bot.StageHandle], 1)
	assert.Len(t, seen[bot.StageCommit], 1)
	assert.Len(t, seen[bot.StageReply], 1, "the reply went out straight after the commit")
	for s, ds := range seen {
		for _, d := range ds {
			// The bubble's clock stands still but for the sleep above: a
			// stage timed from an unset start would be decades.
			assert.GreaterOrEqual(t, d, time.Duration(0), "stage %d", s)
			assert.Less(t, d, time.Second, "stage %d", s)
		}
	}
}
