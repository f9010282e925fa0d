package telegramfake_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Any JSON Telegram could send reaches the bot byte for byte: kinds and
// fields the client library does not know, values its types cannot hold.
func TestRawUpdateDeliveredAsGiven(t *testing.T) {
	s := newServer(t)
	raws := []string{
		`{"message_reaction":{"chat":{"id":501,"type":"private"},"message_id":3,"date":1764600000,"new_reaction":[{"type":"paid_sparkle"}],"old_reaction":[]}}`,
		`{"message":{"message_id":4,"date":1764600000,"chat":{"id":99999999999999999999,"type":"private"},"text":"hi"}}`,
		`{"message":{"message_id":5,"date":1764600000,"chat":{"id":501,"type":"private"},"text":{"not":"a string"}}}`,
		`{"update_id":77,"business_message_v9":{"anything":[1,2,3]}}`,
	}
	var ids []int64
	for _, raw := range raws {
		id, err := s.AddRawUpdate(raw)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	_, err := s.AddRawUpdate(`[1,2]`)
	assert.Error(t, err, "an update is an object")
	sentID := s.SendText(alice, "/start")

	status, a := post(t, s, testToken, "getUpdates", url.Values{})
	require.Equal(t, http.StatusOK, status)
	var got []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(a.Result, &got))
	require.Len(t, got, len(raws)+1)
	for i, raw := range raws {
		assert.Equal(t, fmt.Sprint(ids[i]), string(got[i]["update_id"]), "the fake numbers every update")
		var want map[string]json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(raw), &want))
		for k, v := range want {
			if k != "update_id" {
				assert.JSONEq(t, string(v), string(got[i][k]), "update %d, %s", i, k)
			}
		}
	}
	assert.Contains(t, string(got[1]["message"]), "99999999999999999999", "a number beyond int64 is not rounded")
	assert.Equal(t, fmt.Sprint(sentID), string(got[len(raws)]["update_id"]), "ids continue after raw updates")

	// Pending still lists them, by id, for the tests' waits.
	require.Len(t, s.Pending(), len(raws)+1)
	assert.Equal(t, ids[2], s.Pending()[2].ID)
}

// A client killed while sending leaves a body shorter than it announced:
// that is an unreadable request, not a call with the parameters that
// arrived, nor one without parameters.
func TestCutOffBodyIsNoCall(t *testing.T) {
	s := newServer(t)
	s.SendText(alice, "/start") // the chat exists
	addr := strings.TrimPrefix(s.URL(), "http://")
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	body := "chat_id=501&text=Hello%2C+this+message+is+cut"
	cut := body[:len("chat_id=501&text=Hel")]
	_, err = fmt.Fprintf(conn, "POST /bot%s/sendMessage HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s", testToken, addr, len(body), cut)
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	_, _ = io.Copy(io.Discard, conn)
	require.NoError(t, conn.Close())

	deadline := time.Now().Add(5 * time.Second)
	for len(s.Calls("sendMessage")) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	calls := s.Calls("sendMessage")
	require.Len(t, calls, 1)
	assert.Equal(t, http.StatusBadRequest, calls[0].Status)
	assert.NotEmpty(t, calls[0].ReadError, "recorded as unreadable")
	assert.Empty(t, calls[0].Params, "no parameter of a cut body counts")
	assert.Empty(t, s.SentTo(alice.ID), "nothing was sent")
}

// A body beyond the limit is refused whole, not cut at the limit.
func TestOversizedBodyRefused(t *testing.T) {
	s := newServer(t)
	s.SendText(alice, "/start")
	body := "chat_id=501&text=hi&pad=" + strings.Repeat("x", 64<<20)
	resp, err := http.Post(s.URL()+"/bot"+testToken+"/sendMessage", "application/x-www-form-urlencoded", bytes.NewReader([]byte(body)))
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	}
	assert.Empty(t, s.SentTo(alice.ID))
	calls := s.Calls("sendMessage")
	require.Len(t, calls, 1)
	assert.Equal(t, http.StatusRequestEntityTooLarge, calls[0].Status)
}
