package bot_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/telegramfake"
)

const (
	soakUsers    = 50
	soakPhases   = 6  // at most; each ends with everything confirmed and sent
	soakPerPhase = 10 // updates per user in a phase: 500 in all, 3000 over six
	soakBudget   = 45 * time.Second
	soakHeapMax  = 200 << 20
)

// soakUser is one secretary's stream of updates and what it should leave.
type soakUser struct {
	user     int64
	org      string
	rng      *rand.Rand
	names    int
	admitted int   // reports minus effective undos, in the order sent
	batches  []int // the lines of each report still counting; /undo takes the last back whole
	sent     int
}

// next sends one update and returns its id; each user sends from one
// goroutine, so its updates keep their order, as a chat's do.
func (u *soakUser) next(fake *telegramfake.Server) int64 {
	from := bottest.User(u.user)
	u.sent++
	switch p := u.rng.IntN(100); {
	case p < 40:
		k := 1 + u.rng.IntN(2)
		text := "/report "
		for i := range k {
			if i > 0 {
				text += "\n"
			}
			text += personName(int(u.user)*1000 + u.names)
			u.names++
		}
		u.admitted += k
		u.batches = append(u.batches, k)
		return fake.SendText(from, text)
	case p < 55:
		if n := len(u.batches); n > 0 {
			u.admitted -= u.batches[n-1]
			u.batches = u.batches[:n-1]
		}
		return fake.SendText(from, "/undo")
	case p < 70:
		return fake.SendText(from, "/status")
	case p < 85:
		return fake.SendSticker(from)
	default:
		return fake.SendText(from, fmt.Sprintf("/nosuch%d", u.rng.IntN(5)))
	}
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestSoak runs thousands of mixed updates from many secretaries at once
// and checks that every report counted exactly once, every update got its
// one reply, the database is consistent and memory stays flat.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test")
	}
	start := time.Now()
	h := bottest.New(t, func(c *bottest.Config) {
		c.NoSync = true
		// Telegram's limit would make 3000 replies take 100 seconds; the
		// limiter has its own tests.
		c.Options.PerSecond = 5000
		c.FakeOptions = []telegramfake.Option{telegramfake.WithLimits(0, 20)}
	})
	users := make([]*soakUser, soakUsers)
	for i := range users {
		u := &soakUser{user: int64(5001 + i), org: fmt.Sprintf("CB_%02d", i), rng: rand.New(rand.NewPCG(uint64(i), 7))}
		h.AddOrg(u.org, "Chi bộ "+u.org, "", 2026, 10000)
		h.Register(u.user, quota.RoleSecretary, u.org)
		users[i] = u
	}
	ctx, cancel := context.WithTimeout(context.Background(), soakBudget)
	defer cancel()

	// phase has every user send its updates concurrently, then waits
	// until all are committed and every reply has gone out.
	phase := func() {
		t.Helper()
		var wg sync.WaitGroup
		var mu sync.Mutex
		var last int64
		for _, u := range users {
			wg.Go(func() {
				for range soakPerPhase {
					id := u.next(h.Fake)
					mu.Lock()
					last = max(last, id)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		require.NoError(t, h.Fake.WaitConfirmed(ctx, last))
		require.NoError(t, h.Sender.WaitIdle(ctx))
	}

	// The fake keeps every message it saw, a few KB per update, so the
	// baseline is taken once the first thousand updates have warmed every
	// cache; from there on the bot itself should hold nothing per update.
	var baseline uint64
	var slowest time.Duration
	phases := 0
	for phases < soakPhases {
		// A slow machine (the race detector, a busy CI) runs fewer phases
		// rather than overrun the budget.
		if phases >= 2 && time.Since(start)+2*slowest > soakBudget-2*time.Second {
			break
		}
		began := time.Now()
		phase()
		slowest = max(slowest, time.Since(began))
		phases++
		if phases == 2 {
			baseline = heapInUse()
		}
	}
	final := heapInUse()
	elapsed := time.Since(start)

	total := 0
	for _, u := range users {
		total += u.sent
		assert.Equal(t, u.admitted, h.Tally(2026, u.org).Admitted, "tally of %s", u.org)
		assert.Len(t, h.Fake.SentTo(u.user), u.sent, "one reply per update to %d", u.user)
	}
	assert.Equal(t, soakUsers*soakPerPhase*phases, total)
	assert.Empty(t, h.DB.Check())
	assert.Zero(t, h.Sender.Stats().Failed)

	t.Logf("%d updates in %s (slowest phase of %d: %s); heap in use %.1f MB after %d, %.1f MB at the end",
		total, elapsed.Round(time.Millisecond), soakUsers*soakPerPhase, slowest.Round(time.Millisecond),
		float64(baseline)/(1<<20), 2*soakUsers*soakPerPhase, float64(final)/(1<<20))
	assert.Less(t, final, uint64(soakHeapMax))
	assert.LessOrEqual(t, final, 3*baseline, "memory grew with the number of updates")
	assert.Less(t, elapsed, soakBudget)
}
