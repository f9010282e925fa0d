package telegramfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/telegramfake"
)

const testToken = "1000:TEST-token_abc"

var alice = models.User{ID: 501, FirstName: "Alice", Username: "alice", LanguageCode: "vi"}

func newServer(t *testing.T, opts ...telegramfake.Option) *telegramfake.Server {
	t.Helper()
	s := telegramfake.New(testToken, opts...)
	t.Cleanup(s.Close)
	return s
}

func newBot(t *testing.T, s *telegramfake.Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	b, err := bot.New(s.Token(), append([]bot.Option{bot.WithServerURL(s.URL())}, opts...)...)
	require.NoError(t, err)
	return b
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

type apiAnswer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// rawPost sends a urlencoded call, the way a hand-written client would. It
// does not fail the test, so goroutines may use it.
func rawPost(s *telegramfake.Server, token, method string, form url.Values) (int, apiAnswer, error) {
	resp, err := http.PostForm(s.URL()+"/bot"+token+"/"+method, form)
	if err != nil {
		return 0, apiAnswer{}, err
	}
	defer resp.Body.Close()
	var a apiAnswer
	err = json.NewDecoder(resp.Body).Decode(&a)
	return resp.StatusCode, a, err
}

func post(t *testing.T, s *telegramfake.Server, token, method string, form url.Values) (int, apiAnswer) {
	t.Helper()
	status, a, err := rawPost(s, token, method, form)
	require.NoError(t, err)
	return status, a
}

type pollResult struct {
	status int
	answer apiAnswer
	ups    []models.Update
	err    error
}

// pollAsync runs one getUpdates call in a goroutine.
func pollAsync(s *telegramfake.Server, form url.Values) <-chan pollResult {
	done := make(chan pollResult, 1)
	go func() {
		var r pollResult
		r.status, r.answer, r.err = rawPost(s, s.Token(), "getUpdates", form)
		if r.err == nil && r.answer.OK {
			r.err = json.Unmarshal(r.answer.Result, &r.ups)
		}
		done <- r
	}()
	return done
}

func getUpdates(t *testing.T, s *telegramfake.Server, form url.Values) []models.Update {
	t.Helper()
	status, a := post(t, s, s.Token(), "getUpdates", form)
	require.Equal(t, http.StatusOK, status, a.Description)
	require.True(t, a.OK)
	var ups []models.Update
	require.NoError(t, json.Unmarshal(a.Result, &ups))
	return ups
}

func ids(ups []models.Update) []int64 {
	out := []int64{}
	for _, u := range ups {
		out = append(out, u.ID)
	}
	return out
}

func TestGetMe(t *testing.T) {
	s := newServer(t)
	me, err := newBot(t, s).GetMe(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, int64(1000), me.ID)
	assert.True(t, me.IsBot)
	assert.Equal(t, "quotabot_test_bot", me.Username)

	custom := newServer(t, telegramfake.WithBotUser(models.User{ID: 77, IsBot: true, Username: "other_bot"}))
	me, err = newBot(t, custom).GetMe(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "other_bot", me.Username)
}

func TestSendMessageRecordedAndWaited(t *testing.T) {
	when := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s := newServer(t, telegramfake.WithClock(func() time.Time { return when }))
	b := newBot(t, s)
	ctx := ctxT(t)

	got := make(chan []telegramfake.Sent, 1)
	go func() {
		sent, err := s.WaitSent(ctx, 2)
		assert.NoError(t, err)
		got <- sent
	}()

	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "OK", CallbackData: "ok:1"}}}}
	m1, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "<b>Tổng</b> 3/10 &amp; <i>x</i>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
	require.NoError(t, err)
	m2, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "plain", ReplyMarkup: &models.ForceReply{ForceReply: true}})
	require.NoError(t, err)

	sent := <-got
	require.Len(t, sent, 2)
	assert.Equal(t, 1, m1.ID)
	assert.Equal(t, 2, m2.ID, "message ids grow per chat")
	assert.Equal(t, "Tổng 3/10 & x", m1.Text)
	assert.Equal(t, int(when.Unix()), m1.Date)
	require.Len(t, m1.Entities, 2)
	assert.Equal(t, models.MessageEntityTypeBold, m1.Entities[0].Type)
	assert.Equal(t, 0, m1.Entities[0].Offset)
	assert.Equal(t, 4, m1.Entities[0].Length)
	assert.Equal(t, models.MessageEntityTypeItalic, m1.Entities[1].Type)
	assert.Equal(t, 12, m1.Entities[1].Offset)
	assert.Equal(t, alice.ID, m1.Chat.ID)

	assert.Equal(t, "sendMessage", sent[0].Method)
	assert.Equal(t, alice.ID, sent[0].ChatID)
	assert.Equal(t, "<b>Tổng</b> 3/10 &amp; <i>x</i>", sent[0].Text)
	assert.Equal(t, "Tổng 3/10 & x", sent[0].Plain())
	assert.Equal(t, "HTML", sent[0].ParseMode)
	require.NotNil(t, sent[0].ReplyMarkup)
	assert.Equal(t, "ok:1", sent[0].ReplyMarkup.InlineKeyboard[0][0].CallbackData)
	assert.Equal(t, when, sent[0].At)
	assert.True(t, sent[1].ForceReply)
	assert.Nil(t, sent[1].ReplyMarkup)
	assert.Len(t, s.SentTo(alice.ID), 2)
	assert.Empty(t, s.SentTo(999))

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	partial, err := s.WaitSentTo(short, 999, 1)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, partial)
}

func TestHTMLValidation(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	bad := []string{
		"a & b",
		"a &foo; b",
		"1 < 2",
		"<b>bold",
		"<b>x</i>",
		"x</b>",
		"<br>",
		"<span>x</span>",
		`<a href="x>y</a>`,
		"<b><i>x</b></i>",
		"&#xD800;",
	}
	for _, text := range bad {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: text, ParseMode: models.ParseModeHTML})
		require.Error(t, err, text)
		assert.ErrorIs(t, err, bot.ErrorBadRequest, text)
		assert.Contains(t, err.Error(), "can't parse entities", text)
	}
	good := []string{
		"a &amp; b &lt;c&gt; &quot;q&quot; &#39; &#x1F600;",
		"<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>",
		`<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>`,
		`<a href="https://t.me/quotabot_test_bot?start=abc&amp;x=1">link</a>`,
		`<pre><code class="language-go">x := 1</code></pre><code>c</code>`,
		"<blockquote>q</blockquote><blockquote expandable>e</blockquote>",
		`<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`,
		"2 > 1",
	}
	for _, text := range good {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: text, ParseMode: models.ParseModeHTML})
		assert.NoError(t, err, text)
	}
	assert.Len(t, s.Sent(), len(good), "refused messages are not recorded")

	// Without a parse mode the same characters are just text.
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "1 < 2 & <b>"})
	assert.NoError(t, err)

	_, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "<b> </b>", ParseMode: models.ParseModeHTML})
	assert.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "message text is empty")

	assert.Equal(t, `a <b> "x"`, telegramfake.PlainHTML(`a <i>&lt;b&gt;</i> &quot;x&quot;`))
}

func TestMessageLength(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	send := func(text string, mode models.ParseMode) error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: text, ParseMode: mode})
		return err
	}
	// "ệ" is one precomposed code point: one UTF-16 unit, three UTF-8 bytes.
	assert.NoError(t, send(strings.Repeat("ệ", 4096), ""))
	err := send(strings.Repeat("ệ", 4097), "")
	assert.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "message is too long")

	// Markup and entities do not count, only what is shown.
	assert.NoError(t, send("<b>"+strings.Repeat("&amp;", 4096)+"</b>", models.ParseModeHTML))
	assert.Error(t, send("<b>"+strings.Repeat("&amp;", 4097)+"</b>", models.ParseModeHTML))

	// Characters outside the BMP count twice.
	assert.NoError(t, send(strings.Repeat("😀", 2048), ""))
	assert.Error(t, send(strings.Repeat("😀", 2048)+"a", ""))

	assert.Len(t, s.Sent(), 3)
}

func TestBlockedChat(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	s.BlockChat(alice.ID)
	_, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "hi"})
	require.Error(t, err)
	assert.ErrorIs(t, err, bot.ErrorForbidden)
	assert.Contains(t, err.Error(), "bot was blocked by the user")
	assert.Empty(t, s.Sent())
	calls := s.Calls("sendMessage")
	require.Len(t, calls, 1)
	assert.Equal(t, http.StatusForbidden, calls[0].Status)
	assert.Equal(t, "hi", calls[0].Params["text"])

	s.UnblockChat(alice.ID)
	_, err = b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "hi"})
	assert.NoError(t, err)
}

func TestFailNext(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	s.FailNext("sendMessage", 2, http.StatusTooManyRequests, 7)
	for range 2 {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
		var tm *bot.TooManyRequestsError
		require.ErrorAs(t, err, &tm)
		assert.Equal(t, 7, tm.RetryAfter)
	}
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	require.NoError(t, err)
	assert.Len(t, s.Sent(), 1)
	assert.Zero(t, s.Violations(), "injected faults are not limiter violations")

	s.FailNext("sendMessage", 1, http.StatusInternalServerError, 0)
	_, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "500 Internal Server Error")

	s.FailNext("getMe", 1, http.StatusBadGateway, 0)
	status, a := post(t, s, s.Token(), "getMe", nil)
	assert.Equal(t, http.StatusBadGateway, status)
	assert.Equal(t, "Bad Gateway", a.Description)
}

func TestMigratedChat(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	s.MigrateChat(-42, -1000000000042)
	_, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: int64(-42), Text: "x"})
	var me *bot.MigrateError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, -1000000000042, me.MigrateToChatID)

	m, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: int64(-1000000000042), Text: "x"})
	require.NoError(t, err)
	assert.Equal(t, models.ChatTypeSupergroup, m.Chat.Type)
}

func TestGetUpdatesOffsetAndRedelivery(t *testing.T) {
	s := newServer(t)
	for i := range 3 {
		assert.Equal(t, int64(i+1), s.SendText(alice, "msg"))
	}
	assert.Equal(t, []int64{1, 2, 3}, ids(getUpdates(t, s, nil)))
	// Nothing was confirmed, so a restarted bot gets the same updates.
	assert.Equal(t, []int64{1, 2, 3}, ids(getUpdates(t, s, url.Values{"offset": {"0"}})))
	assert.Equal(t, []int64{1, 2}, ids(getUpdates(t, s, url.Values{"limit": {"2"}})))
	assert.Zero(t, s.Confirmed())

	assert.Equal(t, []int64{3}, ids(getUpdates(t, s, url.Values{"offset": {"3"}})))
	assert.Equal(t, int64(2), s.Confirmed())
	assert.Equal(t, []int64{3}, ids(getUpdates(t, s, nil)), "confirmed updates are gone for good")
	assert.Empty(t, getUpdates(t, s, url.Values{"offset": {"4"}}))
	assert.Equal(t, int64(3), s.Confirmed())
	require.NoError(t, s.WaitConfirmed(ctxT(t), 3))

	for range 3 {
		s.SendText(alice, "more")
	}
	assert.Equal(t, []int64{6}, ids(getUpdates(t, s, url.Values{"offset": {"-1"}})))
	assert.Equal(t, int64(5), s.Confirmed())

	// JSON bodies and query strings are accepted too.
	resp, err := http.Post(s.URL()+"/bot"+s.Token()+"/getUpdates", "application/json", strings.NewReader(`{"offset":7,"timeout":0}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, int64(6), s.Confirmed())
	s.SendText(alice, "q")
	resp, err = http.Get(s.URL() + "/bot" + s.Token() + "/getUpdates?offset=8")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, int64(7), s.Confirmed())
}

func TestUpdateShapes(t *testing.T) {
	s := newServer(t)
	s.SendText(alice, "/start abc")
	s.SendText(alice, "/báo cáo")
	group := models.Chat{ID: -1000000000001, Title: "Chi bộ"}
	s.SendGroupText(group, alice, "hi /status@quotabot_test_bot\nnext")
	s.SendSticker(alice)
	s.EditText(alice, 1, "/start xyz")
	ups := getUpdates(t, s, nil)
	require.Len(t, ups, 5)

	m := ups[0].Message
	require.NotNil(t, m)
	assert.Equal(t, "/start abc", m.Text)
	assert.Equal(t, models.ChatTypePrivate, m.Chat.Type)
	assert.Equal(t, alice.ID, m.From.ID)
	assert.Equal(t, "vi", m.From.LanguageCode)
	assert.Equal(t, []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 6}}, m.Entities)

	assert.Empty(t, ups[1].Message.Entities, "non-ASCII commands are not commands")

	g := ups[2].Message
	assert.Equal(t, models.ChatTypeSupergroup, g.Chat.Type)
	assert.Equal(t, []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 3, Length: 25}}, g.Entities)

	require.NotNil(t, ups[3].Message.Sticker)
	require.NotNil(t, ups[4].EditedMessage)
	assert.Equal(t, 1, ups[4].EditedMessage.ID)
	assert.NotZero(t, ups[4].EditedMessage.EditDate)
}

func TestLongPoll(t *testing.T) {
	s := newServer(t)
	start := time.Now()
	assert.Empty(t, getUpdates(t, s, url.Values{"timeout": {"1"}}))
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond, "an empty long poll waits for its timeout")

	done := pollAsync(s, url.Values{"timeout": {"30"}})
	require.NoError(t, s.WaitPolling(ctxT(t)))
	start = time.Now()
	s.SendText(alice, "wake up")
	select {
	case r := <-done:
		require.NoError(t, r.err)
		assert.Equal(t, []int64{1}, ids(r.ups))
		assert.Less(t, time.Since(start), 5*time.Second)
	case <-time.After(10 * time.Second):
		t.Fatal("long poll did not return when an update arrived")
	}
}

func TestCloseEndsLongPoll(t *testing.T) {
	s := telegramfake.New(testToken)
	done := pollAsync(s, url.Values{"timeout": {"30"}})
	require.NoError(t, s.WaitPolling(ctxT(t)))
	s.Close()
	select {
	case r := <-done:
		require.NoError(t, r.err)
		assert.Equal(t, http.StatusOK, r.status)
		assert.Empty(t, r.ups)
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not end the long poll")
	}
}

func TestNewerPollEndsOlderOne(t *testing.T) {
	s := newServer(t)
	done := pollAsync(s, url.Values{"timeout": {"30"}})
	require.NoError(t, s.WaitPolling(ctxT(t)))
	assert.Empty(t, getUpdates(t, s, nil))
	r := <-done
	require.NoError(t, r.err)
	assert.Equal(t, http.StatusConflict, r.status)
	assert.Contains(t, r.answer.Description, "terminated by other getUpdates request")
}

func TestRealPollingLoop(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s, bot.WithDefaultHandler(func(ctx context.Context, b *bot.Bot, u *models.Update) {
		if u.Message != nil {
			_, _ = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "echo: " + u.Message.Text})
		}
	}))
	ctx, cancel := context.WithCancel(ctxT(t))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); b.Start(ctx) }()
	defer func() { cancel(); wg.Wait() }()

	id := s.SendText(alice, "hello")
	sent, err := s.WaitSentTo(ctx, alice.ID, 1)
	require.NoError(t, err)
	assert.Equal(t, "echo: hello", sent[0].Text)
	require.NoError(t, s.WaitConfirmed(ctx, id))
}

func TestLimits(t *testing.T) {
	s := newServer(t, telegramfake.WithLimits(30, 20))
	b := newBot(t, s)
	ctx := ctxT(t)
	rejected := 0
	for i := range 40 {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(100 + i), Text: "x"})
		if err != nil {
			var tm *bot.TooManyRequestsError
			require.ErrorAs(t, err, &tm)
			assert.GreaterOrEqual(t, tm.RetryAfter, 1)
			rejected++
		}
	}
	assert.Equal(t, 10, rejected)
	assert.Equal(t, 10, s.Violations())
	assert.Len(t, s.Sent(), 30)

	g := newServer(t, telegramfake.WithLimits(30, 20))
	gb := newBot(t, g)
	rejected = 0
	for range 25 {
		_, err := gb.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(-77), Text: "x"})
		var tm *bot.TooManyRequestsError
		if errors.As(err, &tm) {
			assert.Greater(t, tm.RetryAfter, 1, "a group waits for its minute")
			rejected++
		} else {
			require.NoError(t, err)
		}
	}
	assert.Equal(t, 5, rejected)
	assert.Equal(t, 5, g.Violations())
	assert.Len(t, g.SentTo(-77), 20)
	// Another group has its own budget.
	_, err := gb.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(-78), Text: "x"})
	assert.NoError(t, err)
}

func TestFaultRateIsDeterministic(t *testing.T) {
	pattern := func() []bool {
		s := newServer(t)
		b := newBot(t, s)
		s.SetFaultRate(0.5, 42, http.StatusTooManyRequests, 3)
		var out []bool
		for range 20 {
			_, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
			out = append(out, err != nil)
			if err != nil {
				assert.True(t, bot.IsTooManyRequestsError(err))
			}
		}
		return out
	}
	p1, p2 := pattern(), pattern()
	assert.Equal(t, p1, p2)
	assert.Contains(t, p1, true)
	assert.Contains(t, p1, false)
}

func TestProtocolErrors(t *testing.T) {
	s := newServer(t)

	status, a := post(t, s, s.Token(), "sendTelepathy", nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, apiAnswer{ErrorCode: 404, Description: "Not Found"}, a)

	status, a = post(t, s, s.Token(), "sendMessage", url.Values{"chat_id": {"5"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "Bad Request: message text is empty", a.Description)
	status, a = post(t, s, s.Token(), "sendMessage", url.Values{"text": {"hi"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "Bad Request: chat_id is empty", a.Description)
	status, a = post(t, s, s.Token(), "deleteMessage", url.Values{"chat_id": {"5"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "Bad Request: message_id is empty", a.Description)

	status, a = post(t, s, "1000:wrong", "getMe", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "Unauthorized", a.Description)
	_, err := bot.New("1000:wrong", bot.WithServerURL(s.URL()))
	assert.ErrorIs(t, err, bot.ErrorUnauthorized)

	// Method names are case-insensitive, as on Telegram.
	status, _ = post(t, s, s.Token(), "getme", nil)
	assert.Equal(t, http.StatusOK, status)
	// Methods without special handling still answer true.
	status, a = post(t, s, s.Token(), "sendChatAction", url.Values{"chat_id": {"5"}, "action": {"typing"}})
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, "true", string(a.Result))
	require.Len(t, s.Calls("sendChatAction"), 1)
	assert.Equal(t, "typing", s.Calls("sendChatAction")[0].Params["action"])
}

func TestDown(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	s.SetDown(true)
	resp, err := http.Post(s.URL()+"/bot"+s.Token()+"/getMe", "", nil)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.Contains(t, string(body), "502 Bad Gateway")
	assert.False(t, json.Valid(body))
	_, err = b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	assert.Error(t, err)

	s.SetDown(false)
	_, err = b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	assert.NoError(t, err)
	assert.Len(t, s.Sent(), 1)
}

func TestDocumentRoundTrip(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	content := []byte("PK\x03\x04 fake xlsx bytes")
	m, err := b.SendDocument(ctx, &bot.SendDocumentParams{
		ChatID:    alice.ID,
		Document:  &models.InputFileUpload{Filename: "tiendo-2026.xlsx", Data: bytes.NewReader(content)},
		Caption:   "<b>Tiến độ</b> 2026",
		ParseMode: models.ParseModeHTML,
	})
	require.NoError(t, err)
	require.NotNil(t, m.Document)
	assert.Equal(t, "tiendo-2026.xlsx", m.Document.FileName)
	assert.Equal(t, "Tiến độ 2026", m.Caption)

	sent := s.Sent()
	require.Len(t, sent, 1)
	assert.Equal(t, "sendDocument", sent[0].Method)
	require.NotNil(t, sent[0].Document)
	assert.Equal(t, "tiendo-2026.xlsx", sent[0].Document.Name)
	assert.Equal(t, content, sent[0].Document.Data)
	assert.Equal(t, "Tiến độ 2026", sent[0].Plain())

	f, err := b.GetFile(ctx, &bot.GetFileParams{FileID: m.Document.FileID})
	require.NoError(t, err)
	assert.Equal(t, download(t, b.FileDownloadLink(f)), content)

	// A user's upload can be fetched the same way.
	s.SendDocument(alice, "list.csv", "text/csv", []byte("a;b\n"), "/report")
	ups := getUpdates(t, s, nil)
	require.Len(t, ups, 1)
	doc := ups[0].Message.Document
	require.NotNil(t, doc)
	assert.Equal(t, "text/csv", doc.MimeType)
	f, err = b.GetFile(ctx, &bot.GetFileParams{FileID: doc.FileID})
	require.NoError(t, err)
	assert.Equal(t, []byte("a;b\n"), download(t, b.FileDownloadLink(f)))

	_, err = b.GetFile(ctx, &bot.GetFileParams{FileID: "nope"})
	assert.ErrorIs(t, err, bot.ErrorBadRequest)

	_, err = b.SendDocument(ctx, &bot.SendDocumentParams{
		ChatID:   alice.ID,
		Document: &models.InputFileUpload{Filename: "x.txt", Data: bytes.NewReader([]byte("x"))},
		Caption:  strings.Repeat("c", 1025),
	})
	assert.ErrorContains(t, err, "message caption is too long")
}

func download(t *testing.T, link string) []byte {
	t.Helper()
	resp, err := http.Get(link)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return data
}

func TestCommands(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	vi := []models.BotCommand{{Command: "baocao", Description: "Báo cáo kết nạp"}, {Command: "tiendo", Description: "Tiến độ"}}
	en := []models.BotCommand{{Command: "report", Description: "Report an admission"}}
	_, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: vi, LanguageCode: "vi"})
	require.NoError(t, err)
	_, err = b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: en, Scope: &models.BotCommandScopeDefault{}, LanguageCode: "en"})
	require.NoError(t, err)
	assert.Equal(t, vi, s.Commands("vi"))
	assert.Equal(t, en, s.Commands("en"))
	assert.Empty(t, s.Commands(""))

	got, err := b.GetMyCommands(ctx, &bot.GetMyCommandsParams{LanguageCode: "en"})
	require.NoError(t, err)
	assert.Equal(t, en, got)

	_, err = b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "báo", Description: "x"}}})
	assert.ErrorIs(t, err, bot.ErrorBadRequest)
}

// TestCommandScopes: Telegram refuses a chat scope for a chat that never
// wrote to the bot and an unknown scope type, and shows each user the list
// of the narrowest scope that has one.
func TestCommandScopes(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	def := []models.BotCommand{{Command: "start", Description: "Bắt đầu"}}
	defEN := []models.BotCommand{{Command: "start", Description: "Start"}}
	own := []models.BotCommand{{Command: "report", Description: "Báo cáo"}, {Command: "help", Description: "Hướng dẫn"}}
	_, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: def})
	require.NoError(t, err)
	_, err = b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: defEN, LanguageCode: "en"})
	require.NoError(t, err)

	_, err = b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: own, Scope: &models.BotCommandScopeChat{ChatID: alice.ID}})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "chat not found", "alice never wrote to the bot")
	assert.Equal(t, def, s.MenuOf(alice.ID, "vi"))
	assert.Equal(t, defEN, s.MenuOf(alice.ID, "en"))

	s.SendText(alice, "/start")
	_, err = b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: own, Scope: &models.BotCommandScopeChat{ChatID: alice.ID}})
	require.NoError(t, err)
	assert.Equal(t, own, s.MenuOf(alice.ID, "vi"))
	assert.Equal(t, own, s.MenuOf(alice.ID, "en"), "a chat's list for all languages comes before the default's")
	assert.Equal(t, def, s.MenuOf(alice.ID+1, "vi"), "another user keeps the default")
	got, err := b.GetMyCommands(ctx, &bot.GetMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: alice.ID}})
	require.NoError(t, err)
	assert.Equal(t, own, got)

	_, err = b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: alice.ID}})
	require.NoError(t, err)
	assert.Equal(t, def, s.MenuOf(alice.ID, "vi"), "deleting the chat's list falls back to the default")

	_, err = b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: own, Scope: &models.BotCommandScopeChatMember{ChatID: alice.ID}})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "chat_member needs a user_id")
	for _, raw := range []string{`{"type":"everyone"}`, `{"type":"chat"}`} {
		resp, err := http.PostForm(s.URL()+"/bot"+s.Token()+"/setMyCommands", url.Values{"commands": {`[{"command":"a","description":"b"}]`}, "scope": {raw}})
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, raw)
	}
}

func TestButtonsAndEdits(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Yes", CallbackData: "yes"}}}}
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "Confirm?", ReplyMarkup: kb})
	require.NoError(t, err)
	msg := s.Sent()[0]

	s.PressButton(alice, msg, "yes")
	ups := getUpdates(t, s, nil)
	require.Len(t, ups, 1)
	cq := ups[0].CallbackQuery
	require.NotNil(t, cq)
	assert.Equal(t, "yes", cq.Data)
	assert.Equal(t, alice.ID, cq.From.ID)
	require.NotNil(t, cq.Message.Message)
	assert.Equal(t, msg.MessageID, cq.Message.Message.ID)
	assert.Equal(t, "Confirm?", cq.Message.Message.Text)

	_, err = b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID, Text: strings.Repeat("ă", 201)})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "a notice is at most 200 characters")
	ok, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID, Text: strings.Repeat("ă", 200)})
	require.NoError(t, err)
	assert.True(t, ok)
	_, err = b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "bogus"})
	assert.ErrorIs(t, err, bot.ErrorBadRequest)

	edited, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: msg.MessageID, Text: "Done"})
	require.NoError(t, err)
	assert.Equal(t, "Done", edited.Text)
	assert.Nil(t, edited.ReplyMarkup, "editing text without markup drops the keyboard")
	_, err = b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: msg.MessageID, Text: "Done"})
	assert.ErrorContains(t, err, "message is not modified")
	_, err = b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: 999, Text: "x"})
	assert.ErrorContains(t, err, "message to edit not found")

	sent := s.Sent()
	require.Len(t, sent, 2)
	assert.Equal(t, "editMessageText", sent[1].Method)
	assert.Equal(t, msg.MessageID, sent[1].MessageID)
}

func TestWebhook(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := ctxT(t)
	var got []models.Update
	var mu sync.Mutex
	fail := true
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if fail {
			fail = false
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		var u models.Update
		_ = json.NewDecoder(r.Body).Decode(&u)
		got = append(got, u)
	}))
	defer hook.Close()

	_, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: hook.URL, SecretToken: "s3cret"})
	require.NoError(t, err)
	u, secret := s.Webhook()
	assert.Equal(t, hook.URL, u)
	assert.Equal(t, "s3cret", secret)

	status, _ := post(t, s, s.Token(), "getUpdates", nil)
	assert.Equal(t, http.StatusConflict, status)

	s.SendText(alice, "one")
	s.SendText(alice, "two")
	n, err := s.DeliverWebhook(ctx)
	assert.Error(t, err, "a failed delivery stops and keeps the update")
	assert.Zero(t, n)
	assert.Zero(t, s.Confirmed())
	n, err = s.DeliverWebhook(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, int64(2), s.Confirmed())
	mu.Lock()
	assert.Equal(t, []int64{1, 2}, ids(got))
	mu.Unlock()

	_, err = b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{})
	require.NoError(t, err)
	u, _ = s.Webhook()
	assert.Empty(t, u)
}

func TestJSONBodyAndPhoto(t *testing.T) {
	s := newServer(t)
	body := `{"chat_id":501,"text":"hi","reply_markup":{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]},"reply_parameters":{"message_id":1}}`
	resp, err := http.Post(s.URL()+"/bot"+s.Token()+"/sendMessage", "application/json", strings.NewReader(body))
	require.NoError(t, err)
	var a apiAnswer
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&a))
	resp.Body.Close()
	assert.Equal(t, "Bad Request: message to be replied not found", a.Description)

	s.SendText(alice, "question")
	resp, err = http.Post(s.URL()+"/bot"+s.Token()+"/sendMessage", "application/json", strings.NewReader(body))
	require.NoError(t, err)
	var m struct {
		OK     bool           `json:"ok"`
		Result models.Message `json:"result"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&m))
	resp.Body.Close()
	require.True(t, m.OK)
	require.NotNil(t, m.Result.ReplyToMessage)
	assert.Equal(t, "question", m.Result.ReplyToMessage.Text)
	sent := s.Sent()
	require.Len(t, sent, 1)
	assert.Equal(t, 1, sent[0].ReplyToMessageID)
	require.NotNil(t, sent[0].ReplyMarkup)
	assert.Equal(t, "a", sent[0].ReplyMarkup.InlineKeyboard[0][0].CallbackData)

	// A 1x1 PNG.
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	b := newBot(t, s)
	pm, err := b.SendPhoto(ctxT(t), &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileUpload{Filename: "chart.png", Data: bytes.NewReader(png)}, Caption: "chart"})
	require.NoError(t, err)
	require.Len(t, pm.Photo, 1)
	assert.Equal(t, 1, pm.Photo[0].Width)
	sent = s.Sent()
	require.Len(t, sent, 2)
	assert.Equal(t, "sendPhoto", sent[1].Method)
	assert.Equal(t, png, sent[1].Document.Data)
	assert.Equal(t, "chart", sent[1].Text)
}
