// Package sender drains the outbox to Telegram: replies ahead of bulk
// messages, within Telegram's limits, deleting a message only after
// Telegram accepted it.
package sender

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"quotabot/metrics"
	"quotabot/storage"
	"quotabot/transport"
)

// Outbox is the durable queue the sender drains.
type Outbox interface {
	PendingOutgoing(n int, skip func(key []byte, chatID int64) bool) ([]storage.Outgoing, error)
	PendingReplies(n int, skip func(key []byte, chatID int64) bool) ([]storage.Outgoing, error)
	OutgoingFile(key []byte) ([]byte, error)
	Update(fn func(tx *storage.Tx) error) error
	// Group is Update sharing its commit with the calls that arrive
	// meanwhile (storage.DB.Group).
	Group(fn func(tx *storage.Tx) error) error
	View(fn func(tx *storage.Tx) error) error
}

// API is the part of the Telegram client the sender calls.
type API interface {
	SendMessage(ctx context.Context, params *tgbot.SendMessageParams) (*models.Message, error)
	SendDocument(ctx context.Context, params *tgbot.SendDocumentParams) (*models.Message, error)
	SendPhoto(ctx context.Context, params *tgbot.SendPhotoParams) (*models.Message, error)
	EditMessageReplyMarkup(ctx context.Context, params *tgbot.EditMessageReplyMarkupParams) (*models.Message, error)
	AnswerCallbackQuery(ctx context.Context, params *tgbot.AnswerCallbackQueryParams) (bool, error)
	SetChatMenuButton(ctx context.Context, params *tgbot.SetChatMenuButtonParams) (bool, error)
	SetMyCommands(ctx context.Context, params *tgbot.SetMyCommandsParams) (bool, error)
	DeleteMyCommands(ctx context.Context, params *tgbot.DeleteMyCommandsParams) (bool, error)
}

// Renderer draws the file of a message queued with a Render, when it is
// sent: the chat's /export and /chart.
type Renderer interface {
	Render(ctx context.Context, r storage.Render) ([]byte, error)
}

// errUnrenderable marks a file that could not be drawn: sending again
// would fail again.
var errUnrenderable = errors.New("the file could not be drawn")

// Options configure the sender.
type Options struct {
	Token             string // kept out of the logs
	Log               *slog.Logger
	Metrics           *metrics.Metrics // nil counts nothing
	PerSecond         int              // overall sending limit; Telegram allows about 30
	PerGroupPerMinute int              // per group chat; Telegram allows 20
	Renderer          Renderer         // draws the files queued to be drawn when sent
	// HoldBulk says how long bulk messages (reminders, digests) still
	// wait, at night and on days off; zero when they may go now. nil
	// never holds. Replies are never held.
	HoldBulk func() time.Duration
}

// window is a sliding-window limit: at most n events in any span of
// length d. Telegram counts on arrival, so the span carries a small
// margin for the jitter between our clock and theirs.
type window struct {
	n      int
	d      time.Duration
	gap    time.Duration // time between two claims on the schedule; 0 allows bursts
	next   time.Time     // when the schedule allows the next claim
	events []time.Time   // oldest first, at most n
}

// wait is how long until one more event fits.
func (w *window) wait(now time.Time) time.Duration {
	var d time.Duration
	if w.gap > 0 {
		d = w.next.Sub(now)
	}
	if len(w.events) >= w.n {
		d = max(d, w.events[0].Add(w.d).Sub(now))
	}
	return max(0, d)
}

// fill records a full window of evenly spaced events ending now: a
// process that starts cannot know what the one before it sent in the
// last second, and Telegram still counts it.
func (w *window) fill(now time.Time) {
	w.events = w.events[:0]
	for i := w.n - 1; i >= 0; i-- {
		w.events = append(w.events, now.Add(-time.Duration(i)*w.gap))
	}
	w.next = now.Add(w.gap)
}

// settle moves the event recorded when a send was claimed to when
// Telegram answered it: the request arrived somewhere between the two,
// and only the later moment is safe to count from.
func (w *window) settle(claimed, answered time.Time) {
	for i := range w.events {
		if w.events[i].Equal(claimed) {
			w.events[i] = answered
			slices.SortFunc(w.events, time.Time.Compare)
			return
		}
	}
}

func (w *window) record(now time.Time) {
	// Two claim (the loop and SendReplyNow), and the loop's time was read
	// before its read of the outbox: kept in order, so the oldest is the
	// one that leaves the window.
	w.events = append(w.events, now)
	slices.SortFunc(w.events, time.Time.Compare)
	if len(w.events) > w.n {
		w.events = w.events[1:]
	}
	// The schedule advances by the gap from where it was, so a late
	// wake-up is made up instead of lowering the rate; after an idle spell
	// it starts again from now. The sliding window still bounds any second.
	if now.Sub(w.next) < w.gap {
		w.next = w.next.Add(w.gap)
	} else {
		w.next = now.Add(w.gap)
	}
}

const (
	overallMargin = 20 * time.Millisecond
	groupMargin   = 200 * time.Millisecond
	maxSendJobs   = 8 // sends in flight at once, so a slow answer does not cap the rate
	maxBackoff    = time.Minute
	shutdownGrace = 3 * time.Second
)

// Sender drains the outbox: replies first, within Telegram's limits,
// deleting a message only after Telegram accepted it.
type Sender struct {
	opts   Options
	outbox Outbox
	api    API
	log    *slog.Logger

	wakeCh chan struct{}

	mu          sync.Mutex
	inflight    map[string]bool // outbox keys being sent
	busyChats   map[int64]bool  // one message per chat at a time keeps their order
	retryAt     map[string]time.Time
	attempts    map[string]int
	pausedUntil time.Time
	changed     chan struct{} // closed and replaced whenever the state changes
	overall     *window
	groups      map[int64]*window

	stats    Stats
	lastSent time.Time
	running  bool   // Run is draining: a reply may be sent at once (SendReplyNow)
	direct   uint64 // replies SendReplyNow claimed, so the loop knows its read may be stale
}

// Stats counts what the sender did.
type Stats struct {
	Sent          int
	TooMany       int
	RetryAfterSec int
	Failed        int
	Blocked       int
}

// New builds a sender; it sends nothing until Run.
func New(outbox Outbox, api API, opts Options) *Sender {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.PerSecond <= 0 {
		opts.PerSecond = 30
	}
	if opts.PerGroupPerMinute <= 0 {
		opts.PerGroupPerMinute = 20
	}
	// Evenly spaced sends keep about one message in flight, the most a
	// crash can repeat, and keep a restarted process, whose window starts
	// empty, within the limit Telegram still counts.
	second := time.Second + overallMargin
	return &Sender{
		opts:      opts,
		outbox:    outbox,
		api:       api,
		log:       opts.Log,
		wakeCh:    make(chan struct{}, 1),
		inflight:  map[string]bool{},
		busyChats: map[int64]bool{},
		retryAt:   map[string]time.Time{},
		attempts:  map[string]int{},
		changed:   make(chan struct{}),
		overall:   &window{n: opts.PerSecond, d: second, gap: second / time.Duration(opts.PerSecond)},
		groups:    map[int64]*window{},
	}
}

// Stats reports the sender's counters.
func (s *Sender) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// LastSent is when Telegram last accepted a message.
func (s *Sender) LastSent() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastSent
}

// Wake tells the sender the outbox changed.
func (s *Sender) Wake() {
	select {
	case s.wakeCh <- struct{}{}:
	default:
	}
	s.mu.Lock()
	s.notifyLocked()
	s.mu.Unlock()
}

func (s *Sender) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Sender) group(chatID int64) *window {
	w := s.groups[chatID]
	if w == nil {
		w = &window{n: s.opts.PerGroupPerMinute, d: time.Minute + groupMargin}
		s.groups[chatID] = w
	}
	return w
}

// Run dispatches until ctx ends, then waits for the sends in flight.
func (s *Sender) Run(ctx context.Context) {
	var jobs sync.WaitGroup
	slots := make(chan struct{}, maxSendJobs)
	// Sends in flight at shutdown get a few seconds to finish, so their
	// outcome is recorded, and no more, so the process exits in time.
	flightCtx, cancelFlights := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelFlights()
	stopTimer := context.AfterFunc(ctx, func() { time.AfterFunc(shutdownGrace, cancelFlights) })
	defer stopTimer()
	defer jobs.Wait()
	s.mu.Lock()
	s.overall.fill(time.Now())
	s.running = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.running = false
		s.mu.Unlock()
	}()
	for ctx.Err() == nil {
		// The slot comes first: the window counts a send from its claim,
		// so the send must leave then, not after waiting for a slot.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		now := time.Now()
		s.mu.Lock()
		wait := max(s.overall.wait(now), s.pausedUntil.Sub(now))
		s.mu.Unlock()
		if wait > 0 {
			<-slots
			s.sleep(ctx, wait)
			continue
		}
		next, wakeAt := s.next(now)
		if next == nil {
			<-slots
			d := time.Hour
			if !wakeAt.IsZero() {
				d = max(wakeAt.Sub(now), time.Millisecond)
			}
			s.sleep(ctx, d)
			continue
		}
		jobs.Add(1)
		go func() {
			defer jobs.Done()
			defer func() { <-slots }()
			s.send(flightCtx, *next, now)
		}()
	}
}

func (s *Sender) sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-s.wakeCh:
	case <-t.C:
	}
}

// next picks the first message that may go now and claims it; otherwise
// it says when something held back becomes due.
func (s *Sender) next(now time.Time) (*storage.Outgoing, time.Time) {
	var wakeAt time.Time
	later := func(t time.Time) {
		if wakeAt.IsZero() || t.Before(wakeAt) {
			wakeAt = t
		}
	}
	// The read does not hold the mutex, so a send that finishes meanwhile
	// records its outcome without waiting for the read. What is in flight
	// is taken as it was before the read: a chat freed halfway must not
	// send a later message ahead of the one already passed over.
	s.mu.Lock()
	inflight, busy := maps.Clone(s.inflight), maps.Clone(s.busyChats)
	direct := s.direct
	s.mu.Unlock()
	held := func(key []byte, chatID int64) bool {
		if t, ok := s.retryAt[string(key)]; ok && now.Before(t) {
			later(t)
			return true
		}
		if chatID < 0 {
			if w := s.group(chatID).wait(now); w > 0 {
				later(now.Add(w))
				return true
			}
		}
		return false
	}
	pending := s.outbox.PendingOutgoing
	if s.opts.HoldBulk != nil {
		// A run that began before the quiet time does not go on into it.
		if d := s.opts.HoldBulk(); d > 0 {
			pending = s.outbox.PendingReplies
			// Looked at again at least every minute, and at every wake.
			later(now.Add(min(max(d, time.Second), time.Minute)))
		}
	}
	msgs, err := pending(1, func(key []byte, chatID int64) bool {
		if inflight[string(key)] || busy[chatID] {
			return true
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		return held(key, chatID)
	})
	if err != nil {
		s.log.Error("reading the outbox", "err", err)
		return nil, now.Add(time.Second)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(msgs) == 0 {
		s.notifyLocked()
		return nil, wakeAt
	}
	m := msgs[0]
	// A send that finished during the read may have pushed a group's
	// window or a retry later: checked again. A reply SendReplyNow took
	// meanwhile may even be sent and gone from the outbox already, which
	// the read cannot tell: then the outbox is read again.
	if s.direct != direct {
		return nil, now
	}
	// SendReplyNow may also have claimed between the loop's look at the
	// window and the read.
	if s.overall.wait(now) > 0 {
		return nil, now
	}
	if held(m.Key, m.ChatID) || s.inflight[string(m.Key)] || s.busyChats[m.ChatID] {
		return nil, wakeAt
	}
	s.inflight[string(m.Key)] = true
	s.busyChats[m.ChatID] = true
	s.overall.record(now)
	if m.ChatID < 0 {
		s.group(m.ChatID).record(now)
	}
	return &m, time.Time{}
}

// SendReplyNow sends the oldest reply queued for the chat from the
// caller's goroutine, just after the commit that queued it, when the
// limits let it go at once: the hop to the loop that drains the outbox
// is most of a reply's time on a fast link. The outbox entry stays the
// record until Telegram accepted the message, as for every send, so a
// crash in between sends it once more at the next start. It reports
// whether it sent; what it leaves is the loop's, after Wake.
func (s *Sender) SendReplyNow(ctx context.Context, chatID int64) bool {
	now := time.Now()
	free := func() bool {
		return s.running && !s.busyChats[chatID] && s.overall.wait(now) == 0 && !now.Before(s.pausedUntil) &&
			(chatID >= 0 || s.group(chatID).wait(now) == 0)
	}
	s.mu.Lock()
	if !free() {
		s.mu.Unlock()
		return false
	}
	// The chat is held while its reply is read, so the loop does not
	// claim it meanwhile.
	s.busyChats[chatID] = true
	s.mu.Unlock()
	msgs, err := s.outbox.PendingReplies(1, func(key []byte, c int64) bool {
		if c != chatID {
			return true
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		t, retrying := s.retryAt[string(key)]
		return s.inflight[string(key)] || (retrying && now.Before(t))
	})
	s.mu.Lock()
	delete(s.busyChats, chatID)
	now = time.Now()
	// A file drawn when sent (a national table, a chart) is left to the
	// loop: drawn here it would hold up the update's goroutine, and the
	// updates that wait for it, for seconds.
	if err != nil || len(msgs) == 0 || msgs[0].Render != nil || !free() {
		s.notifyLocked()
		s.mu.Unlock()
		if err != nil {
			s.log.Error("reading the outbox", "err", err)
		}
		select {
		case s.wakeCh <- struct{}{}:
		default:
		}
		return false
	}
	m := msgs[0]
	s.direct++
	s.inflight[string(m.Key)] = true
	s.busyChats[m.ChatID] = true
	s.overall.record(now)
	if m.ChatID < 0 {
		s.group(m.ChatID).record(now)
	}
	s.mu.Unlock()
	s.send(ctx, m, now)
	return true
}

func (s *Sender) release(m *storage.Outgoing, done bool) {
	s.mu.Lock()
	delete(s.inflight, string(m.Key))
	delete(s.busyChats, m.ChatID)
	if done {
		delete(s.retryAt, string(m.Key))
		delete(s.attempts, string(m.Key))
	}
	s.notifyLocked()
	s.mu.Unlock()
	select {
	case s.wakeCh <- struct{}{}:
	default:
	}
}

// send delivers one message and records the outcome.
func (s *Sender) send(ctx context.Context, m storage.Outgoing, claimed time.Time) {
	err := s.deliver(ctx, m)
	s.mu.Lock()
	answered := time.Now()
	s.overall.settle(claimed, answered)
	if m.ChatID < 0 {
		s.group(m.ChatID).settle(claimed, answered)
	}
	s.mu.Unlock()
	log := s.log.With("chat", m.ChatID, "kind", m.Kind)
	var tooMany *tgbot.TooManyRequestsError
	var migrate *tgbot.MigrateError
	switch {
	case err == nil:
		// Sent replies are removed in the commits of the updates that
		// arrive meanwhile, not in two syncs each of their own.
		if err := s.outbox.Group(func(tx *storage.Tx) error { return tx.DeleteOutgoing(m.Key) }); err != nil {
			log.Error("removing a sent message from the outbox", "err", err)
		}
		s.mu.Lock()
		s.stats.Sent++
		s.lastSent = time.Now()
		s.mu.Unlock()
		s.opts.Metrics.MessageSent(m.Kind)
		s.release(&m, true)
	case errors.As(err, &tooMany):
		s.mu.Lock()
		s.stats.TooMany++
		s.stats.RetryAfterSec += tooMany.RetryAfter
		if until := time.Now().Add(time.Duration(max(tooMany.RetryAfter, 1)) * time.Second); until.After(s.pausedUntil) {
			s.pausedUntil = until
		}
		s.mu.Unlock()
		s.opts.Metrics.SendFailed("too_many", tooMany.RetryAfter)
		log.Warn("Telegram asked to slow down", "retry_after", tooMany.RetryAfter)
		s.release(&m, false)
	case errors.As(err, &migrate):
		moved := m
		moved.ChatID = int64(migrate.MigrateToChatID)
		if err := s.outbox.Update(func(tx *storage.Tx) error { return tx.ReplaceOutgoing(moved) }); err != nil {
			log.Error("following a group to its supergroup", "err", err)
		}
		log.Info("group became a supergroup", "new_chat", moved.ChatID)
		// Release the chat that was claimed, or the old id's other
		// messages would wait for it forever.
		s.release(&m, false)
	case errors.Is(err, tgbot.ErrorForbidden):
		if err := s.outbox.Update(func(tx *storage.Tx) error {
			if _, err := tx.SetUnreachable(m.ChatID, true); err != nil {
				return err
			}
			return tx.BuryOutgoing(m)
		}); err != nil {
			log.Error("marking a chat unreachable", "err", err)
		}
		s.mu.Lock()
		s.stats.Blocked++
		s.mu.Unlock()
		s.opts.Metrics.SendFailed("blocked", 0)
		log.Warn("the recipient blocked the bot", "err", transport.Redact(err.Error(), s.opts.Token))
		s.release(&m, true)
	case errors.Is(err, errUnrenderable), errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorNotFound):
		// Sending it again would fail again: keep it aside for the operator.
		if err := s.outbox.Update(func(tx *storage.Tx) error { return tx.BuryOutgoing(m) }); err != nil {
			log.Error("setting aside an unsendable message", "err", err)
		}
		s.mu.Lock()
		s.stats.Failed++
		s.mu.Unlock()
		s.opts.Metrics.SendFailed("refused", 0)
		log.Error("Telegram refused a message", "err", transport.Redact(err.Error(), s.opts.Token))
		s.release(&m, true)
	default:
		s.mu.Lock()
		k := string(m.Key)
		s.attempts[k]++
		d := min(maxBackoff, 250*time.Millisecond<<min(s.attempts[k], 10))
		s.retryAt[k] = time.Now().Add(d)
		s.mu.Unlock()
		s.opts.Metrics.SendFailed("retry", 0)
		log.Warn("sending failed, will retry", "err", transport.Redact(err.Error(), s.opts.Token), "retry_in", d)
		s.release(&m, false)
	}
}

// WaitIdle returns when the outbox is empty and nothing is in flight.
func (s *Sender) WaitIdle(ctx context.Context) error {
	for {
		s.mu.Lock()
		ch := s.changed
		busy := len(s.inflight) > 0
		s.mu.Unlock()
		if !busy {
			var n int
			if err := s.outbox.View(func(tx *storage.Tx) error { n = tx.OutboxLen(); return nil }); err != nil {
				return err
			}
			if n == 0 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

func keyboard(rows [][]storage.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := models.InlineKeyboardMarkup{}
	for _, row := range rows {
		var r []models.InlineKeyboardButton
		for _, btn := range row {
			if btn.WebApp != "" {
				r = append(r, models.InlineKeyboardButton{Text: btn.Text, WebApp: &models.WebAppInfo{URL: btn.WebApp}})
				continue
			}
			r = append(r, models.InlineKeyboardButton{Text: btn.Text, CallbackData: btn.Data})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, r)
	}
	return kb
}

// deliver makes the one API call an outgoing message stands for.
func (s *Sender) deliver(ctx context.Context, m storage.Outgoing) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if m.Render != nil {
		if s.opts.Renderer == nil {
			return fmt.Errorf("%w: nothing draws %q", errUnrenderable, m.Render.What)
		}
		data, err := s.opts.Renderer.Render(ctx, *m.Render)
		if err != nil {
			return fmt.Errorf("%w: %w", errUnrenderable, err)
		}
		m.File = &storage.File{Name: m.File.Name, Data: data}
	} else if m.File != nil && m.File.Data == nil {
		// The bytes are read only now, for the one message being sent.
		data, err := s.outbox.OutgoingFile(m.Key)
		if err != nil {
			return err
		}
		m.File = &storage.File{Name: m.File.Name, Data: data}
	}
	var err error
	switch m.Kind {
	case storage.KindMessage:
		_, err = s.api.SendMessage(ctx, &tgbot.SendMessageParams{
			ChatID: m.ChatID, Text: m.Text, ParseMode: models.ParseModeHTML,
			ReplyMarkup:        keyboard(m.Buttons),
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
		})
	case storage.KindDocument:
		_, err = s.api.SendDocument(ctx, &tgbot.SendDocumentParams{
			ChatID: m.ChatID, Caption: m.Text, ParseMode: models.ParseModeHTML,
			Document: &models.InputFileUpload{Filename: m.File.Name, Data: bytes.NewReader(m.File.Data)},
		})
	case storage.KindPhoto:
		_, err = s.api.SendPhoto(ctx, &tgbot.SendPhotoParams{
			ChatID: m.ChatID, Caption: m.Text, ParseMode: models.ParseModeHTML,
			Photo: &models.InputFileUpload{Filename: m.File.Name, Data: bytes.NewReader(m.File.Data)},
		})
	case storage.KindEdit:
		_, err = s.api.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{ChatID: m.ChatID, MessageID: m.MessageID})
	case storage.KindCallbackAnswer:
		_, err = s.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: m.CallbackID, Text: m.Text})
	case storage.KindMenuButton:
		// The library sends a menu button's type only when it is set.
		var mb models.InputMenuButton = models.MenuButtonDefault{Type: models.MenuButtonTypeDefault}
		if m.WebApp != "" {
			mb = models.MenuButtonWebApp{Type: models.MenuButtonTypeWebApp, Text: m.Text, WebApp: models.WebAppInfo{URL: m.WebApp}}
		}
		_, err = s.api.SetChatMenuButton(ctx, &tgbot.SetChatMenuButtonParams{ChatID: m.ChatID, MenuButton: mb})
	case storage.KindCommands:
		scope := &models.BotCommandScopeChat{ChatID: m.ChatID}
		if len(m.Commands) == 0 {
			_, err = s.api.DeleteMyCommands(ctx, &tgbot.DeleteMyCommandsParams{Scope: scope})
			break
		}
		cmds := make([]models.BotCommand, len(m.Commands))
		for i, c := range m.Commands {
			cmds[i] = models.BotCommand{Command: c.Command, Description: c.Description}
		}
		_, err = s.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds, Scope: scope})
	default:
		s.log.Error("unknown outgoing kind; dropped", "kind", m.Kind)
	}
	return err
}
