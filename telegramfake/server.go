// Package telegramfake is an in-process Telegram Bot API server that speaks
// the real wire format. Bot tests point github.com/go-telegram/bot at it, and
// the console and demo modes use it so a person can chat with the bot in a
// terminal without Telegram.
package telegramfake

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

//go:embed methods.json
var methodsJSON []byte

type methodSpec struct {
	Name     string   `json:"-"`
	Params   []string `json:"params"`
	Required []string `json:"required"`
}

// methodTable is keyed by lower-cased name because Telegram matches method
// names case-insensitively.
var methodTable = func() map[string]methodSpec {
	var doc struct {
		Methods map[string]methodSpec `json:"methods"`
	}
	if err := json.Unmarshal(methodsJSON, &doc); err != nil {
		panic("telegramfake: bad methods.json: " + err.Error())
	}
	out := make(map[string]methodSpec, len(doc.Methods))
	for name, m := range doc.Methods {
		m.Name = name
		out[strings.ToLower(name)] = m
	}
	return out
}()

// ErrClosed is returned by the Wait methods once the server is closed.
var ErrClosed = errors.New("telegramfake: server closed")

// Option configures a Server.
type Option func(*Server)

// WithBotUser sets the user getMe returns and the author of the bot's
// messages.
func WithBotUser(u models.User) Option {
	return func(s *Server) { s.botUser = u }
}

// WithLimits makes the server enforce Telegram's flood limits: perSecond
// sends overall in any one second and perGroupPerMinute sends to one group
// in any 60 seconds. Zero disables a limit.
func WithLimits(perSecond, perGroupPerMinute int) Option {
	return func(s *Server) {
		s.perSecond = perSecond
		s.perGroupMinute = perGroupPerMinute
	}
}

// WithFirstUpdateID numbers the updates from id instead of 1, as
// Telegram does for a bot that already received updates: a client that
// remembers the ids it handled must not see a new update with an old id.
func WithFirstUpdateID(id int64) Option {
	return func(s *Server) {
		if id > 1 {
			s.nextUpdateID = id - 1
			s.confirmed = id - 1
		}
	}
}

// WithClock sets the clock used for message dates and Sent.At. The flood
// limiter always uses the real clock, because the client's retries do.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// File is a file sent by the bot or uploaded by a user.
type File struct {
	Name     string
	MimeType string
	Data     []byte
}

// Sent is one message the bot successfully sent or edited.
type Sent struct {
	Method    string // sendMessage, sendDocument, sendPhoto or editMessageText
	ChatID    int64
	MessageID int
	// Text is the text or caption exactly as the bot sent it, markup included.
	Text      string
	ParseMode string
	// ReplyMarkup is nil unless the message carried an inline keyboard.
	ReplyMarkup      *models.InlineKeyboardMarkup
	ForceReply       bool
	RemoveKeyboard   bool
	ReplyToMessageID int
	Document         *File // the uploaded document or photo
	At               time.Time
}

// Plain returns the text as the user sees it: tags stripped and character
// references decoded when the message was sent in HTML mode.
func (m Sent) Plain() string {
	if strings.EqualFold(m.ParseMode, string(models.ParseModeHTML)) {
		return PlainHTML(m.Text)
	}
	return m.Text
}

// Call is one request the server received.
type Call struct {
	Method string // canonical name when known, else as requested
	Params map[string]string
	Files  map[string]File
	Status int // HTTP status answered
	At     time.Time
	// ReadError says why the request could not be read (a body cut off by
	// a client that died, one too large); such a call did nothing.
	ReadError string
}

type msgKey struct {
	chat int64
	id   int
}

type storedMsg struct {
	msg     models.Message
	fromBot bool
}

type storedFile struct {
	id, uniqueID, path string
	file               File
}

type fault struct {
	code, retryAfter int
}

// Server is a fake Bot API server listening on 127.0.0.1. All methods are
// safe for concurrent use.
type Server struct {
	token          string
	botUser        models.User
	now            func() time.Time
	perSecond      int
	perGroupMinute int

	ln     net.Listener
	memory bool         // WithMemoryNetwork
	mem    *memListener // its listener
	hs     *http.Server
	url    string
	closed chan struct{}
	once   sync.Once

	mu sync.Mutex
	// changed is closed and replaced on every state change, so waiters can
	// select on it together with their context.
	changed chan struct{}

	nextUpdateID int64
	pending      []queued
	confirmed    int64
	pollGen      int64
	polling      int // long polls currently waiting

	msgs      map[msgKey]*storedMsg
	lastMsgID map[int64]int
	chats     map[int64]models.Chat
	files     map[string]*storedFile
	filePaths map[string]*storedFile
	nextFile  int
	callbacks map[string]bool
	nextCBQ   int64
	sent      []Sent
	calls     []Call
	commands  map[string][]models.BotCommand
	// menuButtons by chat id, "default" for the bot's default
	menuButtons map[string]models.MenuButton
	webhookURL  string
	webhookSec  string

	blocked   map[int64]bool
	migrated  map[int64]int64
	failNext  map[string][]fault
	faultP    float64
	faultRand *rand.Rand
	faultCode int
	faultWait int
	down      bool

	globalWin  []time.Time
	groupWin   map[int64][]time.Time
	violations int
}

// New starts a server on a random 127.0.0.1 port that accepts only token.
// It panics if it cannot listen, which only happens on a broken host.
func New(token string, opts ...Option) *Server {
	s := &Server{
		token: token,
		botUser: models.User{
			ID:            1000,
			IsBot:         true,
			FirstName:     "Quotabot",
			Username:      "quotabot_test_bot",
			CanJoinGroups: true,
		},
		now:       time.Now,
		closed:    make(chan struct{}),
		changed:   make(chan struct{}),
		msgs:      map[msgKey]*storedMsg{},
		lastMsgID: map[int64]int{},
		chats:     map[int64]models.Chat{},
		files:     map[string]*storedFile{},
		filePaths: map[string]*storedFile{},
		callbacks: map[string]bool{},
		commands:  map[string][]models.BotCommand{},
		blocked:   map[int64]bool{},
		migrated:  map[int64]int64{},
		failNext:  map[string][]fault{},
		groupWin:  map[int64][]time.Time{},
	}
	for _, o := range opts {
		o(s)
	}
	var ln net.Listener
	if s.memory {
		s.mem = newMemListener()
		ln = s.mem
	} else {
		tcp, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic("telegramfake: listen: " + err.Error())
		}
		ln = tcp
	}
	s.ln = ln
	s.url = "http://" + ln.Addr().String()
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.hs.Serve(ln) }()
	return s
}

// URL is the base URL to pass to bot.WithServerURL.
func (s *Server) URL() string { return s.url }

// Token is the only bot token the server accepts.
func (s *Server) Token() string { return s.token }

// BotUser is the user getMe returns.
func (s *Server) BotUser() models.User { return s.botUser }

// Close answers pending long polls and stops the server.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closed)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			_ = s.hs.Close()
		}
	})
}

func (s *Server) broadcastLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitLocked blocks until the next state change; s.mu is held on entry and
// on return.
func (s *Server) waitLocked(ctx context.Context) error {
	ch := s.changed
	s.mu.Unlock()
	defer s.mu.Lock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-s.closed:
		return ErrClosed
	}
}

// apiError is an unsuccessful answer.
type apiError struct {
	Code        int
	Description string
	RetryAfter  int
	MigrateTo   int64
	gateway     bool // answer like a proxy in front of a dead backend
}

func badRequest(reason string) *apiError {
	return &apiError{Code: http.StatusBadRequest, Description: "Bad Request: " + reason}
}

func tooMany(retryAfter int) *apiError {
	retryAfter = max(retryAfter, 1)
	return &apiError{
		Code:        http.StatusTooManyRequests,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		RetryAfter:  retryAfter,
	}
}

// faultError builds the answer Telegram gives for code.
func faultError(code, retryAfter int) *apiError {
	switch code {
	case http.StatusTooManyRequests:
		return tooMany(retryAfter)
	case http.StatusBadRequest:
		return badRequest("injected fault")
	case http.StatusUnauthorized:
		return &apiError{Code: code, Description: "Unauthorized"}
	case http.StatusForbidden:
		return &apiError{Code: code, Description: "Forbidden: bot was blocked by the user"}
	case http.StatusNotFound:
		return &apiError{Code: code, Description: "Not Found"}
	case http.StatusConflict:
		return &apiError{Code: code, Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
	}
	text := http.StatusText(code)
	if text == "" {
		text = "Error"
	}
	return &apiError{Code: code, Description: text}
}

type respParams struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

type response struct {
	OK          bool        `json:"ok"`
	Result      any         `json:"result,omitempty"`
	ErrorCode   int         `json:"error_code,omitempty"`
	Description string      `json:"description,omitempty"`
	Parameters  *respParams `json:"parameters,omitempty"`
}

const badGatewayBody = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"

func writeError(w http.ResponseWriter, e *apiError) {
	if e.gateway {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, badGatewayBody)
		return
	}
	r := response{ErrorCode: e.Code, Description: e.Description}
	if e.RetryAfter != 0 || e.MigrateTo != 0 {
		r.Parameters = &respParams{RetryAfter: e.RetryAfter, MigrateToChatID: e.MigrateTo}
	}
	writeJSON(w, e.Code, r)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// request is a parsed Bot API call.
type request struct {
	ctx    context.Context
	method string
	params map[string]string
	files  map[string]File
}

func (r *request) has(name string) bool {
	if r.params[name] != "" {
		return true
	}
	_, ok := r.files[name]
	return ok
}

// ServeHTTP implements the Bot API routes /bot<token>/<method> and
// /file/bot<token>/<path>.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		writeError(w, &apiError{gateway: true})
		return
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, rest)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeError(w, &apiError{Code: http.StatusNotFound, Description: "Not Found"})
		return
	}
	params, files, perr := parseParams(w, r)
	spec, known := methodTable[strings.ToLower(method)]
	name := method
	if known {
		name = spec.Name
	}
	req := &request{ctx: r.Context(), method: name, params: params, files: files}

	var (
		result any
		aerr   *apiError
	)
	switch {
	case token != s.token:
		aerr = &apiError{Code: http.StatusUnauthorized, Description: "Unauthorized"}
	case !known:
		aerr = &apiError{Code: http.StatusNotFound, Description: "Not Found"}
	case perr != nil:
		aerr = badRequest(perr.Error())
		var tooLarge *http.MaxBytesError
		if errors.As(perr, &tooLarge) {
			aerr = &apiError{Code: http.StatusRequestEntityTooLarge, Description: "Request Entity Too Large"}
		}
	default:
		aerr = checkRequired(spec, req)
		if aerr == nil {
			aerr = s.takeFault(name)
		}
		if aerr == nil {
			result, aerr = s.dispatch(req)
		}
	}

	status := http.StatusOK
	if aerr != nil {
		status = aerr.Code
		if aerr.gateway {
			status = http.StatusBadGateway
		}
	}
	s.mu.Lock()
	call := Call{Method: name, Params: params, Files: files, Status: status, At: s.now()}
	if perr != nil {
		call.ReadError = perr.Error()
	}
	s.calls = append(s.calls, call)
	s.broadcastLocked()
	s.mu.Unlock()

	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, response{OK: true, Result: result})
}

// requiredMessages holds the wording Telegram uses for some missing
// parameters; the rest get "<param> is empty".
var requiredMessages = map[string]string{
	"text":     "message text is empty",
	"document": "there is no document in the request",
	"photo":    "there is no photo in the request",
	"file_id":  "wrong file_id specified",
}

func checkRequired(spec methodSpec, r *request) *apiError {
	for _, p := range spec.Required {
		if r.has(p) {
			continue
		}
		// An empty url is how setWebhook removes a webhook.
		if spec.Name == "setWebhook" && p == "url" {
			if _, ok := r.params[p]; ok {
				continue
			}
		}
		if msg, ok := requiredMessages[p]; ok {
			return badRequest(msg)
		}
		return badRequest(p + " is empty")
	}
	return nil
}

func (s *Server) takeFault(method string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.failNext[method]
	if len(q) == 0 {
		return nil
	}
	f := q[0]
	if len(q) == 1 {
		delete(s.failNext, method)
	} else {
		s.failNext[method] = q[1:]
	}
	return faultError(f.code, f.retryAfter)
}

const maxBody = 64 << 20

// parseParams merges query-string parameters with a multipart, JSON or
// urlencoded body, as the Bot API accepts all of them.
func parseParams(w http.ResponseWriter, r *http.Request) (map[string]string, map[string]File, error) {
	params := map[string]string{}
	files := map[string]File{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			params[k] = v[0]
		}
	}
	// Cutting a body at the limit would make a call of what was cut.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		// A body shorter than its Content-Length (or a chunked one never
		// ended) is a client that died while sending: whatever arrived is
		// not the call it meant, so none is made.
		return map[string]string{}, map[string]File{}, fmt.Errorf("can't read request body: %w", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return params, files, nil
	}
	ct, mp, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), mp["boundary"])
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return params, files, fmt.Errorf("can't parse multipart body")
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return params, files, fmt.Errorf("can't parse multipart body")
			}
			if part.FileName() != "" {
				files[part.FormName()] = File{
					Name:     part.FileName(),
					MimeType: part.Header.Get("Content-Type"),
					Data:     data,
				}
				continue
			}
			params[part.FormName()] = string(data)
		}
	case "application/json":
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(body, &obj); err != nil {
			return params, files, fmt.Errorf("can't parse JSON object")
		}
		for k, raw := range obj {
			switch {
			case bytes.Equal(raw, []byte("null")):
			case len(raw) > 0 && raw[0] == '"':
				var v string
				if err := json.Unmarshal(raw, &v); err != nil {
					return params, files, fmt.Errorf("can't parse JSON object")
				}
				params[k] = v
			default:
				params[k] = string(raw)
			}
		}
	default:
		// Telegram treats an unlabelled body as a urlencoded form.
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return params, files, fmt.Errorf("can't parse request body")
		}
		for k, v := range vals {
			if len(v) > 0 {
				params[k] = v[0]
			}
		}
	}
	return params, files, nil
}

func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, path, ok := strings.Cut(rest, "/")
	if !ok || token != s.token {
		writeError(w, &apiError{Code: http.StatusUnauthorized, Description: "Unauthorized"})
		return
	}
	s.mu.Lock()
	f := s.filePaths[path]
	s.mu.Unlock()
	if f == nil {
		writeError(w, &apiError{Code: http.StatusNotFound, Description: "Not Found"})
		return
	}
	ct := f.file.MimeType
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(f.file.Data)
}

// SetDown makes every request, file downloads included, fail with 502 Bad
// Gateway and an HTML body, like the proxy in front of an unreachable Bot API.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
	s.broadcastLocked()
}

// FailNext makes the next n calls of method fail with code; retryAfter is
// used for 429.
func (s *Server) FailNext(method string, n int, code int, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if spec, ok := methodTable[strings.ToLower(method)]; ok {
		method = spec.Name
	}
	for range n {
		s.failNext[method] = append(s.failNext[method], fault{code: code, retryAfter: retryAfter})
	}
}

// SetFaultRate makes each send (sendMessage, sendDocument, sendPhoto,
// editMessageText) fail with code with probability p, drawn from a generator
// seeded with seed so runs repeat. p = 0 turns it off.
func (s *Server) SetFaultRate(p float64, seed int64, code int, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faultP = p
	s.faultRand = rand.New(rand.NewPCG(uint64(seed), 0x71756f7461))
	s.faultCode = code
	s.faultWait = retryAfter
}

// BlockChat makes sends to chatID fail as if the user blocked the bot.
func (s *Server) BlockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// UnblockChat undoes BlockChat.
func (s *Server) UnblockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// MigrateChat makes sends to oldID fail as for a group that became the
// supergroup newID.
func (s *Server) MigrateChat(oldID, newID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.migrated[oldID] = newID
	if c, ok := s.chats[oldID]; ok {
		c.ID = newID
		c.Type = models.ChatTypeSupergroup
		s.chats[newID] = c
	}
}

// Violations counts sends refused with 429 by the flood limiter.
func (s *Server) Violations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.violations
}

// Calls returns every request received for method, in order of completion.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// Sent returns the bot's successful sends and edits, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// SentTo returns the successful sends and edits to one chat, in order.
func (s *Server) SentTo(chatID int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentToLocked(chatID)
}

func (s *Server) sentToLocked(chatID int64) []Sent {
	var out []Sent
	for _, m := range s.sent {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// WaitSent blocks until at least n sends succeeded in total and returns them
// all. On timeout it returns what was sent so far with the context's error.
func (s *Server) WaitSent(ctx context.Context, n int) ([]Sent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.sent) < n {
		if err := s.waitLocked(ctx); err != nil {
			return append([]Sent(nil), s.sent...), fmt.Errorf("waiting for %d sends, have %d: %w", n, len(s.sent), err)
		}
	}
	return append([]Sent(nil), s.sent...), nil
}

// WaitSentTo is WaitSent for one chat.
func (s *Server) WaitSentTo(ctx context.Context, chatID int64, n int) ([]Sent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		got := s.sentToLocked(chatID)
		if len(got) >= n {
			return got, nil
		}
		if err := s.waitLocked(ctx); err != nil {
			return got, fmt.Errorf("waiting for %d sends to %d, have %d: %w", n, chatID, len(got), err)
		}
	}
}

// Confirmed is the highest update id the bot confirmed through a getUpdates
// offset (or a webhook delivery).
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// WaitConfirmed blocks until updateID is confirmed.
func (s *Server) WaitConfirmed(ctx context.Context, updateID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.confirmed < updateID {
		if err := s.waitLocked(ctx); err != nil {
			return fmt.Errorf("waiting for update %d to be confirmed, confirmed %d: %w", updateID, s.confirmed, err)
		}
	}
	return nil
}

// Pending returns the updates not yet confirmed.
func (s *Server) Pending() []models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]models.Update, 0, len(s.pending))
	for _, q := range s.pending {
		var u models.Update
		if err := json.Unmarshal(q.raw, &u); err != nil {
			// A raw update the client's types cannot hold: its id is
			// still known.
			u = models.Update{ID: q.ID}
		}
		out = append(out, u)
	}
	return out
}

// Commands returns the commands set for the default scope and languageCode
// ("" for all languages).
func (s *Server) Commands(languageCode string) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]models.BotCommand(nil), s.commands[commandsKey("default", languageCode)]...)
}

// MenuOf returns the command menu a user sees in their private chat with
// the bot, resolved as Telegram resolves scopes: the chat's own list, then
// all private chats, then the default, each in the user's language before
// the list for all languages.
func (s *Server) MenuOf(chatID int64, languageCode string) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	chat := "chat:" + strconv.FormatInt(chatID, 10)
	for _, scope := range []string{chat, "all_private_chats", "default"} {
		for _, lang := range []string{languageCode, ""} {
			if cmds, ok := s.commands[commandsKey(scope, lang)]; ok {
				return append([]models.BotCommand(nil), cmds...)
			}
		}
	}
	return nil
}

// Webhook returns the webhook set by setWebhook, empty when none.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSec
}

// DeliverWebhook posts pending updates one by one to the webhook, with the
// secret token header, as Telegram does. An update is confirmed only when the
// webhook answers 2xx; delivery stops at the first failure. It returns how
// many updates were delivered.
func (s *Server) DeliverWebhook(ctx context.Context) (int, error) {
	n := 0
	for {
		s.mu.Lock()
		target, secret := s.webhookURL, s.webhookSec
		if target == "" {
			s.mu.Unlock()
			return n, errors.New("telegramfake: no webhook set")
		}
		if len(s.pending) == 0 {
			s.mu.Unlock()
			return n, nil
		}
		u := s.pending[0]
		s.mu.Unlock()

		body := []byte(u.raw)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
		if err != nil {
			return n, err
		}
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return n, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return n, fmt.Errorf("telegramfake: webhook answered %d for update %d", resp.StatusCode, u.ID)
		}
		s.mu.Lock()
		s.confirmLocked(u.ID)
		s.mu.Unlock()
		n++
	}
}
