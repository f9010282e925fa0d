package bot_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/app"
	"quotabot/bot"
	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

// lockedBuffer collects log lines written from several goroutines and
// tells waiters about each write.
type lockedBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.changed != nil {
		close(l.changed)
		l.changed = nil
	}
	return l.b.Write(p)
}

// waitFor returns once the logs contain s.
func (l *lockedBuffer) waitFor(ctx context.Context, s string) error {
	for {
		l.mu.Lock()
		if bytes.Contains(l.b.Bytes(), []byte(s)) {
			l.mu.Unlock()
			return nil
		}
		if l.changed == nil {
			l.changed = make(chan struct{})
		}
		ch := l.changed
		l.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The token is a password to the bot: no log line and no error may show it,
// whatever fails.
func TestTokenNeverLogged(t *testing.T) {
	var logs lockedBuffer
	h := bottest.New(t, func(c *bottest.Config) {
		c.Options.Log = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(7, quota.RoleSecretary, "CB_01")
	h.Register(8, quota.RoleSecretary, "CB_01")

	// A refused send, a server error, then Telegram down for a while.
	h.Fake.BlockChat(8)
	h.Fake.FailNext("sendMessage", 1, 500, 0)
	require.Contains(t, h.Reply(bottest.User(7), "/report Nguyễn Văn An"), "1/10")
	h.Settle(h.Fake.SendText(bottest.User(bottest.AdminID), "/remind"))

	h.Fake.SetDown(true)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, logs.waitFor(ctx, "getUpdates failed"), "the poller logs a failed getUpdates")
	h.Fake.SetDown(false)

	out := logs.String()
	assert.Contains(t, out, "the recipient blocked the bot", "the refused send is logged")
	assert.Contains(t, out, "sending failed, will retry", "the server error is logged")
	assert.NotContains(t, out, bottest.Token)
	assert.NotContains(t, out, "TEST-token")
}

func TestTokenNotInErrorsWhenTelegramIsUnreachable(t *testing.T) {
	// A port nothing listens on: the client's error names the URL, which
	// holds the token.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	var logs lockedBuffer
	db, err := storage.Open(t.TempDir()+"/q.db", storage.Options{})
	require.NoError(t, err)
	defer db.Close()
	const token = "987654:VERY-secret-token"
	a, err := app.New(db, app.Options{Options: bot.Options{Token: token, APIURL: "http://" + addr,
		Log: slog.New(slog.NewTextHandler(&logs, nil)), PollTimeout: time.Second}})
	require.NoError(t, err)
	b := a.Transport

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	pingErr := b.Ping(ctx)
	require.Error(t, pingErr)
	assert.NotContains(t, pingErr.Error(), "VERY-secret", "the error of a failed call")
	runErr := b.Run(ctx) // retries until the context ends
	if runErr != nil {
		assert.NotContains(t, runErr.Error(), "VERY-secret")
	}
	assert.Contains(t, logs.String(), "will retry", "the failed calls are logged")
	assert.NotContains(t, logs.String(), "VERY-secret")
	for _, line := range strings.Split(logs.String(), "\n") {
		assert.LessOrEqual(t, strings.Count(line, "who the bot is"), 1, "an operator reads each phrase once: %s", line)
	}
}

// TestRefusedTokenIsSaidOnce: a wrong token stops the bot with one clear
// sentence, naming the call, without the token and without repeating itself.
func TestRefusedTokenIsSaidOnce(t *testing.T) {
	fake := telegramfake.New(bottest.Token)
	t.Cleanup(fake.Close)
	db, err := storage.Open(t.TempDir()+"/q.db", storage.Options{})
	require.NoError(t, err)
	defer db.Close()
	const token = "987654:WRONG-token-of-another-bot"
	a, err := app.New(db, app.Options{Options: bot.Options{Token: token, APIURL: fake.URL(), PollTimeout: time.Second,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	runErr := a.Transport.Run(ctx)
	require.Error(t, runErr)
	msg := runErr.Error()
	assert.Contains(t, msg, "refused the token")
	assert.Contains(t, msg, "getMe")
	assert.Equal(t, 1, strings.Count(msg, "who the bot is"), msg)
	assert.NotContains(t, msg, "WRONG-token")
}
