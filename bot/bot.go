// Package bot is quotabot's chat side: it takes one Telegram update at a
// time, routes it to the command or dialog it belongs to, and applies it
// to storage in one transaction with the replies it causes. Updates come
// in through transport; replies go out through the outbox and sender.
package bot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"quotabot/metrics"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/transport"
)

// Options configure the bot. cmd builds them from the configuration file,
// so no package below reads the configuration itself.
type Options struct {
	Token             string
	APIURL            string
	Admins            []int64
	Location          *time.Location
	Pace              quota.Pace
	Now               func() time.Time
	Log               *slog.Logger
	PerSecond         int           // overall sending limit; Telegram allows about 30
	PerGroupPerMinute int           // per group chat; Telegram allows 20
	InviteTTL         time.Duration // how long an invitation code works
	PollTimeout       time.Duration // long-poll wait of getUpdates
	ClosingLine       string        // last line of every reminder
	EscalateAfter     int           // reminders in a row with no admission before escalating
	ReminderMode      quota.PaceMode
	RemindBy          quota.Driver // which quota drives reminders and the at-risk warning
	HTTPClient        *http.Client
	Metrics           *metrics.Metrics // nil counts nothing
	ProbationAhead    int              // days before a probation's end the secretaries are told
	Bands             []quota.RatingBand
	Letter            LetterHead // who issues and signs the periodic report
	WebAppURL         string     // the dashboard's public https address; "" when it is not served
	// BulkHeldUntil is when reminders queued now go out: zero outside the
	// quiet hours and days off, else the next allowed moment. nil holds
	// nothing.
	BulkHeldUntil func(now time.Time) time.Time
	// Sleep is the wait for Telegram's retry_after on the calls the chat
	// makes itself (getFile, setMyCommands); nil is the real clock.
	Sleep func(ctx context.Context, d time.Duration) error
	// OneCommitPerUpdate commits every update on its own instead of
	// sharing a commit with the updates handled at the same time: the
	// burst benchmark's comparison.
	OneCommitPerUpdate bool
	// Observe, when set, is told how long each stage of a handled update
	// took, so a benchmark can split a round trip where it is spent.
	Observe func(stage Stage, d time.Duration)
}

// Stage is a part of handling an update.
type Stage int

// The stages Observe is told of, in the order an update goes through.
const (
	StageHandle Stage = iota // the handler, inside the transaction
	StageCommit              // from the handler's end to its transaction committed, with its syncs
	StageReply               // the reply sent straight after the commit, until Telegram took it
)

// Defaults fills in what was left unset.
func (o *Options) Defaults() {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.InviteTTL <= 0 {
		o.InviteTTL = 7 * 24 * time.Hour
	}
	if o.PollTimeout <= 0 {
		o.PollTimeout = 30 * time.Second
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: o.PollTimeout + 15*time.Second}
	}
	o.APIURL = strings.TrimRight(o.APIURL, "/")
}

// API is the part of the Telegram client the chat calls itself.
type API interface {
	GetMe(ctx context.Context) (*models.User, error)
	SetMyCommands(ctx context.Context, params *tgbot.SetMyCommandsParams) (bool, error)
	GetFile(ctx context.Context, params *tgbot.GetFileParams) (*models.File, error)
	FileDownloadLink(f *models.File) string
}

// Waker is told when the outbox has something new: the sender.
type Waker interface{ Wake() }

// replySender sends an update's reply at once after its commit, when the
// limits allow, instead of waiting for the loop that drains the outbox.
type replySender interface {
	SendReplyNow(ctx context.Context, chatID int64) bool
}

// Bot is quotabot's chat.
type Bot struct {
	opts      Options
	db        *storage.DB
	api       API
	outbox    Waker
	reminders Reminders
	log       *slog.Logger

	mu        sync.Mutex
	username  string
	summaries map[summaryKey]quota.Summary
	reaches   map[reachKey]quota.BaseReach
	bases     map[uint64][]quota.Org // the base organizations by tree generation
	kept      keptFigures            // figures of years and terms that did not change

	after afterCommit // work an update leaves for after its commit
}

// New builds the chat on an open database. It does not touch the network.
func New(db *storage.DB, api API, outbox Waker, opts Options) *Bot {
	opts.Defaults()
	return &Bot{opts: opts, db: db, api: api, outbox: outbox, log: opts.Log, summaries: map[summaryKey]quota.Summary{},
		reaches: map[reachKey]quota.BaseReach{}, bases: map[uint64][]quota.Org{}}
}

// apiErr wraps a client error with what was being done, without the token.
func (b *Bot) apiErr(what string, err error) error { return transport.Err(what, err, b.opts.Token) }

func (b *Bot) redact(s string) string { return transport.Redact(s, b.opts.Token) }

func (b *Bot) now() time.Time { return b.opts.Now().In(b.opts.Location) }

func (b *Bot) today() quota.Date { return quota.DateOf(b.now()) }

// Username is the bot's username from getMe, for invitation links.
func (b *Bot) Username() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.username
}

// Init asks Telegram who the bot is and publishes the command menu.
func (b *Bot) Init(ctx context.Context) error {
	me, err := b.api.GetMe(ctx)
	if err != nil {
		return b.apiErr("getMe", err) // the caller says what it was doing
	}
	b.mu.Lock()
	b.username = me.Username
	b.mu.Unlock()
	if err := b.publishCommands(ctx); err != nil {
		// The menu is a convenience; the bot works without it.
		b.log.Warn("publishing the command menu", "err", b.redact(err.Error()))
	}
	if err := b.queueMenuButtons(ctx); err != nil {
		b.log.Warn("queueing the dashboard's menu buttons", "err", err)
	}
	return nil
}

// HandleUpdate applies one update: its effects, its replies and its
// update id commit in one transaction, and an update already handled
// changes nothing. It returns an error only when nothing could be
// committed, so the caller must not confirm the update.
func (b *Bot) HandleUpdate(ctx context.Context, upd *models.Update) error {
	start := time.Now()
	var outcome string
	var cmd string
	pre := b.prefetch(ctx, upd)
	// The updates handled at the same time (a getUpdates batch, webhook
	// requests) share a commit; each keeps its effects all or nothing.
	commit := b.db.Group
	if b.opts.OneCommitPerUpdate {
		commit = b.db.Update
	}
	var handled time.Time
	err := commit(func(tx *storage.Tx) error {
		ran := time.Now()
		defer func() { handled = time.Now(); b.observe(StageHandle, handled.Sub(ran)) }()
		if tx.UpdateHandled(upd.ID) {
			outcome = "duplicate"
			return nil
		}
		r := b.newRequest(ctx, tx, upd)
		r.pre = pre
		cmd = r.cmd
		if err := b.route(r); err != nil {
			return err
		}
		if r.user != nil && r.private && upd.Message != nil {
			if err := queueMenu(tx, *r.user, r.l, storage.PriorityReply, r.now); err != nil {
				return err
			}
		}
		if err := r.flush(); err != nil {
			return err
		}
		outcome = "ok"
		return tx.MarkUpdateHandled(upd.ID, b.now())
	})
	if !handled.IsZero() { // the handler ran: a commit that could not begin has no stage to time
		b.observe(StageCommit, time.Since(handled))
	}
	if err != nil {
		// Nothing of the update was kept; record it as handled with an
		// apology, so one bad update cannot block the queue forever.
		b.log.Error("handling update", "update_id", upd.ID, "err", err)
		outcome = "error"
		err = b.db.Update(func(tx *storage.Tx) error {
			if tx.UpdateHandled(upd.ID) {
				return nil
			}
			r := b.newRequest(ctx, tx, upd)
			if r.chatID != 0 && upd.Message != nil {
				r.reply(r.l.InternalError)
			}
			if err := r.flush(); err != nil {
				return err
			}
			return tx.MarkUpdateHandled(upd.ID, b.now())
		})
		if err != nil {
			return fmt.Errorf("recording update %d as failed: %w", upd.ID, err)
		}
	}
	if now, ok := b.outbox.(replySender); ok && outcome == "ok" {
		sent := time.Now()
		if now.SendReplyNow(ctx, transport.ChatOf(upd)) {
			b.observe(StageReply, time.Since(sent))
		}
	}
	b.outbox.Wake()
	b.opts.Metrics.Update(updateKind(upd), cmd, outcome, time.Since(start))
	b.log.Info("update", "id", upd.ID, "kind", updateKind(upd), "command", cmd, "chat", transport.ChatOf(upd),
		"outcome", outcome, "duration", time.Since(start).Round(time.Microsecond))
	return nil
}

func (b *Bot) observe(stage Stage, d time.Duration) {
	if b.opts.Observe != nil {
		b.opts.Observe(stage, d)
	}
}

// route runs the handler, turning a panic into an error so the
// transaction rolls back.
func (b *Bot) route(r *request) (err error) {
	// A page past the end of a file cut short while serving faults: a
	// panic, recovered below, rather than the end of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			if damage := storage.DamageOf(p); damage != nil {
				// Every command would fail the same way: say what to do.
				err = damage
				return
			}
			err = fmt.Errorf("handler panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return b.dispatch(r)
}

func updateKind(u *models.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.EditedMessage != nil:
		return "edited_message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	}
	return "other"
}
