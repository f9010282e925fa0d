package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/storage"
	"quotabot/telegramfake"
)

// TestServeSkipsPoisonUpdates: serve gets a batch of updates the client
// library cannot decode, then reports; the reports are counted and
// answered, the odd updates confirmed, and /metrics counts them.
func TestServeSkipsPoisonUpdates(t *testing.T) {
	skipShort(t)
	fake := telegramfake.New(fakeToken)
	t.Cleanup(fake.Close)
	dbPath := filepath.Join(t.TempDir(), "quotabot.db")
	year := time.Now().In(committeeZone).Year()
	seed(t, dbPath, func(tx *storage.Tx) error {
		if err := addOrg(tx, "CB_01", year, 10); err != nil {
			return err
		}
		return addSecretary(tx, 7, "CB_01")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	cfg := serveConfig(t, fake, dbPath)
	f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = fmt.Fprintf(f, "http:\n  listen: %q\n", addr)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	chat := `"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"Người"},"date":1781492400`
	for _, raw := range []string{
		`{"message":{"message_id":901,"chat":{"id":99999999999999999999,"type":"private"},"date":1,"text":"/report Nguyễn Văn Ẩn"}}`,
		`{"message":{"message_id":902,` + chat + `,"text":{"v":"/report Nguyễn Văn Ẩn"}}}`,
		`{"my_chat_member":{` + chat + `,"old_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"Q"}},"new_chat_member":{"status":"superowner","user":{"id":1,"is_bot":true,"first_name":"Q"}}}}`,
		`{"message":{"message_id":903,` + chat + `,"text":"/report Trần Văn Chuyển","forward_origin":{"type":"future_origin"}}}`,
	} {
		_, err := fake.AddRawUpdate(raw)
		require.NoError(t, err)
	}
	var last int64
	for _, n := range []string{"Phạm Văn Một", "Phạm Văn Hai"} {
		last = fake.SendText(chatUser(7), "/report "+n)
	}
	s := startServe(t, cfg)
	ctx, cancel := s.ctx(30 * time.Second)
	defer cancel()
	if err := fake.WaitConfirmed(ctx, last); err != nil {
		s.failNow(err)
	}
	if _, err := fake.WaitSentTo(ctx, 7, 3); err != nil {
		s.failNow(err)
	}
	status := fake.SendText(chatUser(7), "/status")
	if err := fake.WaitConfirmed(ctx, status); err != nil {
		s.failNow(err)
	}
	sent, err := fake.WaitSentTo(ctx, 7, 4)
	if err != nil {
		s.failNow(err)
	}
	assert.Contains(t, sent[len(sent)-1].Plain(), "3/10", "two reports and the message read without its new field")
	assert.Empty(t, fake.Pending())

	resp, err := http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	metrics := string(body)
	assert.Contains(t, metrics, `quotabot_updates_total{kind="message",outcome="undecodable"} 2`)
	assert.Contains(t, metrics, `quotabot_updates_total{kind="my_chat_member",outcome="undecodable"} 1`)
	assert.Contains(t, metrics, `quotabot_updates_total{kind="message",outcome="partly_decoded"} 1`)
	s.stop()
	assert.NotContains(t, s.stderr.String(), "Nguyễn Văn Ẩn", "no personal data in the log")
	assert.True(t, strings.Contains(s.stderr.String(), "cannot be decoded"), "the skipped updates are logged")
}
