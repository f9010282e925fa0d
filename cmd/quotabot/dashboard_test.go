package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/webapp"
)

// liveDemo is `quotabot demo` running, with its terminal in the test's hands.
type liveDemo struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *syncBuffer
	link string
}

var demoLinkRe = regexp.MustCompile(`(?m)^  (http://127\.0\.0\.1:\d+/#tgWebAppData=\S+)$`)

func startDemo(t *testing.T) *liveDemo {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	r, w := io.Pipe()
	d := &liveDemo{t: t, in: w, out: &syncBuffer{}}
	var errb syncBuffer
	done := make(chan error, 1)
	t.Chdir(t.TempDir()) // the demo saves the files it receives here
	go func() { done <- run(ctx, []string{"demo"}, r, d.out, &errb) }()
	t.Cleanup(func() {
		_ = w.Close()
		select {
		case err := <-done:
			assert.NoError(t, err, errb.String())
		case <-time.After(30 * time.Second):
			t.Error("the demo did not end with its input")
		}
		cancel()
	})
	d.waitPrompt(0)
	m := demoLinkRe.FindStringSubmatch(d.out.String())
	require.NotNil(t, m, "no dashboard link in %q", d.out.String())
	d.link = m[1]
	return d
}

// waitPrompt waits for the console's prompt after the first n bytes.
func (d *liveDemo) waitPrompt(n int) string {
	d.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if s := d.out.String(); len(s) > n && strings.HasSuffix(s, "> ") {
			return s[n:]
		}
		time.Sleep(10 * time.Millisecond)
	}
	d.t.Fatalf("no prompt from the demo; it wrote %q", d.out.String())
	return ""
}

// say types a line into the demo and returns what it answered.
func (d *liveDemo) say(line string) string {
	d.t.Helper()
	n := len(d.out.String())
	_, err := io.WriteString(d.in, line+"\n")
	require.NoError(d.t, err)
	return d.waitPrompt(n)
}

// api calls the demo's dashboard with the initData its link carries.
func (d *liveDemo) api(path string, out any) int {
	d.t.Helper()
	u, err := url.Parse(d.link)
	require.NoError(d.t, err)
	launch, err := url.ParseQuery(u.EscapedFragment())
	require.NoError(d.t, err)
	req, err := http.NewRequest(http.MethodGet, u.Scheme+"://"+u.Host+"/api/"+path, nil)
	require.NoError(d.t, err)
	req.Header.Set("Authorization", "tma "+launch.Get("tgWebAppData"))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(d.t, err)
	defer resp.Body.Close()
	if out != nil && resp.StatusCode == http.StatusOK {
		require.NoError(d.t, json.NewDecoder(resp.Body).Decode(out))
	}
	return resp.StatusCode
}

// TestDemoServesTheDashboard: the link `quotabot demo` prints opens the
// leader's dashboard, whose figures are the chat's.
func TestDemoServesTheDashboard(t *testing.T) {
	d := startDemo(t)
	status := d.say("/status")
	var s struct {
		Progress struct{ Tally, Pct string }
		Facts    []struct{ ID, Value string }
	}
	require.Equal(t, http.StatusOK, d.api("summary", &s))
	assert.Equal(t, "152/300", s.Progress.Tally)
	assert.Contains(t, status, "Đã kết nạp: "+s.Progress.Tally+" ("+s.Progress.Pct+" kế hoạch)")
	var me struct{ Role, Lang string }
	require.Equal(t, http.StatusOK, d.api("me", &me))
	assert.Equal(t, "leader", me.Role)
	assert.Equal(t, "vi", me.Lang)

	// The demo signs with its own token: a dashboard checking a real
	// bot's token refuses its link.
	u, _ := url.Parse(d.link)
	launch, _ := url.ParseQuery(u.EscapedFragment())
	_, err := webapp.Check(launch.Get("tgWebAppData"), "123456789:AAH-a-real-bots-token-of-35-chars-x", time.Now(), time.Hour)
	assert.ErrorIs(t, err, webapp.ErrBadSignature)
}
