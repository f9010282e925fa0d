package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/config"
	"quotabot/telegramfake"
)

// secretToken is a token of the form @BotFather gives; its secret part
// is what must never appear.
const (
	secretBotID  = "7204518839"
	secretPart   = "AAH3kq_Vx9-ZmT0rWcLp5sNyDf8uJbE2gOa"
	secretToken  = secretBotID + ":" + secretPart
	secretPrefix = "AAH3kq" // even a piece of it
)

// assertNoToken fails if out holds the token or any piece of its secret.
func assertNoToken(t *testing.T, out string) {
	t.Helper()
	assert.NotContains(t, out, secretPart)
	assert.NotContains(t, out, secretPrefix)
	assert.NotContains(t, out, strings.ReplaceAll(secretPart, "_", "%5F"))
}

// serveFor runs the built binary with the configuration body and the
// environment token env ("" for none) until it exits or has logged
// enough, then stops it; it returns its exit status and all it printed.
func serveFor(t *testing.T, body, env string, enough func(string) bool) (int, string) {
	t.Helper()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, body+fmt.Sprintf("storage:\n  path: %q\nlog:\n  level: debug\n", filepath.Join(dir, "q.db")))
	cmd := exec.Command(binary, "serve", "-config", cfg)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, config.TokenEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if env != "" {
		cmd.Env = append(cmd.Env, config.TokenEnv+"="+env)
	}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case err := <-done:
			return exitOf(err), out.String()
		case <-time.After(20 * time.Millisecond):
			if enough != nil && enough(out.String()) {
				_ = cmd.Process.Signal(os.Interrupt)
				return exitOf(<-done), out.String()
			}
		case <-deadline:
			_ = cmd.Process.Kill()
			t.Fatalf("serve neither exited nor logged enough (then killed: %v):\n%s", <-done, out.String())
		}
	}
}

func exitOf(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestTokenInNoLogLineInAnyForm: the token with spaces or a newline
// around it, in the file or the environment, is trimmed and works; and
// no log line or error shows it, whether Telegram is unreachable, refuses
// it, or the token is malformed.
func TestTokenInNoLogLineInAnyForm(t *testing.T) {
	skipShort(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	unreachable := "http://" + ln.Addr().String()
	require.NoError(t, ln.Close())

	forms := []struct {
		name, file, env string
	}{
		{"file, leading space", fmt.Sprintf("telegram:\n  token: %q\n", " "+secretToken), ""},
		{"file, trailing newline", fmt.Sprintf("telegram:\n  token: %q\n", secretToken+"\n"), ""},
		{"file, block scalar", "telegram:\n  token: |\n    " + secretToken + "\n", ""},
		{"environment, spaces and newline", "", "  " + secretToken + "\n"},
	}
	for _, f := range forms {
		t.Run("unreachable/"+f.name, func(t *testing.T) {
			retries := func(out string) bool { return strings.Count(out, "will retry") >= 2 }
			_, out := serveFor(t, apiURL(f.file, unreachable), f.env, retries)
			assert.True(t, retries(out), "the failed calls are logged:\n%s", out)
			assertNoToken(t, out)
		})
		t.Run("works/"+f.name, func(t *testing.T) {
			fake := telegramfake.New(secretToken)
			t.Cleanup(fake.Close)
			// Removing the webhook is the last call before the long poll.
			polling := func(string) bool { return len(fake.Calls("deleteWebhook")) > 0 }
			code, out := serveFor(t, apiURL(f.file, fake.URL()), f.env, polling)
			assert.Equal(t, 0, code, out)
			if calls := fake.Calls("getMe"); assert.NotEmpty(t, calls) {
				assert.Equal(t, 200, calls[0].Status, "the trimmed token is the one Telegram knows")
			}
			assertNoToken(t, out)
		})
		t.Run("refused/"+f.name, func(t *testing.T) {
			// Telegram knows another token: 401, a clear message, exit 1.
			fake := telegramfake.New("1:AAother-bot-token_0123456789abcdefghij")
			t.Cleanup(fake.Close)
			start := time.Now()
			code, out := serveFor(t, apiURL(f.file, fake.URL()), f.env, nil)
			assert.Equal(t, exitFail, code, out)
			assert.Contains(t, out, "Telegram refused the token")
			assert.Less(t, time.Since(start), 10*time.Second, "no retry loop")
			assert.LessOrEqual(t, len(fake.Calls("getMe")), 1, "a refused token is not retried")
			assertNoToken(t, out)
		})
	}
	for _, bad := range []string{"not-a-token", secretBotID + ":" + secretPart[:20], secretPart, secretToken + " x", secretToken + "/getMe"} {
		t.Run("malformed", func(t *testing.T) {
			code, out := serveFor(t, fmt.Sprintf("telegram:\n  token: %q\n", bad), "", nil)
			assert.Equal(t, exitUsage, code, out)
			assert.Contains(t, out, "telegram.token")
			assert.NotContains(t, out, bad)
			assertNoToken(t, out)
			code, out = serveFor(t, "", bad, nil)
			assert.Equal(t, exitUsage, code, out)
			assert.Contains(t, out, "QUOTABOT_TOKEN")
			assertNoToken(t, out)
		})
	}
}

// apiURL adds telegram.api_url to a configuration that may already open
// the telegram section.
func apiURL(file, u string) string {
	if strings.HasPrefix(file, "telegram:\n") {
		return file + fmt.Sprintf("  api_url: %q\n", u)
	}
	return file + fmt.Sprintf("telegram:\n  api_url: %q\n", u)
}

// A webhook URL without its secret is refused before anything starts:
// registered without one, every update would then be refused, and the
// bot would silently receive nothing.
func TestServeRefusesWebhookWithoutSecret(t *testing.T) {
	skipShort(t)
	for _, secret := range []string{"", "    secret_token: \"\"\n"} {
		body := fmt.Sprintf("telegram:\n  token: %q\n  webhook:\n    url: https://bot.example.org/hook\n    listen: \"127.0.0.1:0\"\n%s", secretToken, secret)
		code, out := serveFor(t, body, "", nil)
		assert.Equal(t, exitUsage, code, out)
		assert.Contains(t, out, "telegram.webhook.secret_token")
		assertNoToken(t, out)
	}
}
