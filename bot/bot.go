// Package bot is quotabot's chat side: it takes Telegram updates, applies
// them to storage in one transaction with the replies they cause, and
// sends what the outbox holds within Telegram's limits.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"quotabot/metrics"
	"quotabot/quota"
	"quotabot/storage"
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
	HTTPClient        *http.Client
	Metrics           *metrics.Metrics // nil counts nothing
	ProbationAhead    int              // days before a probation's end the secretaries are told
	Bands             []quota.RatingBand
}

func (o *Options) defaults() {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.PerSecond <= 0 {
		o.PerSecond = 30
	}
	if o.PerGroupPerMinute <= 0 {
		o.PerGroupPerMinute = 20
	}
	if o.InviteTTL <= 0 {
		o.InviteTTL = 7 * 24 * time.Hour
	}
	if o.PollTimeout <= 0 {
		o.PollTimeout = 30 * time.Second
	}
	if o.EscalateAfter <= 0 {
		o.EscalateAfter = 3
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: o.PollTimeout + 15*time.Second}
	}
	o.APIURL = strings.TrimRight(o.APIURL, "/")
}

// Bot is a running quotabot.
type Bot struct {
	opts   Options
	db     *storage.DB
	api    *tgbot.Bot
	log    *slog.Logger
	sender *sender

	mu          sync.Mutex
	username    string
	lastContact time.Time // the last time Telegram answered us or called us
	summaries   map[summaryKey]quota.Summary

	handlers sync.WaitGroup // updates being handled
}

// New builds the bot on an open database. It does not touch the network.
func New(db *storage.DB, opts Options) (*Bot, error) {
	opts.defaults()
	api, err := tgbot.New(opts.Token,
		tgbot.WithServerURL(opts.APIURL),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(opts.PollTimeout, opts.HTTPClient),
		tgbot.WithErrorsHandler(func(err error) { opts.Log.Warn("telegram client", "err", redact(err.Error(), opts.Token)) }),
	)
	if err != nil {
		return nil, fmt.Errorf("creating the Telegram client: %w", err)
	}
	b := &Bot{opts: opts, db: db, api: api, log: opts.Log, summaries: map[summaryKey]quota.Summary{}}
	b.sender = newSender(b)
	return b, nil
}

// apiError is an error of the Telegram client with the token taken out of
// its text; errors.Is and errors.As still see the original.
type apiError struct {
	msg string
	err error
}

func (e *apiError) Error() string { return e.msg }
func (e *apiError) Unwrap() error { return e.err }

// apiErr wraps a client error with what was being done, without the token.
func (b *Bot) apiErr(what string, err error) error {
	return &apiError{msg: what + ": " + redact(err.Error(), b.opts.Token), err: err}
}

// redact keeps the token out of logs and errors, in any form it can take
// there: as given, trimmed, escaped in a URL, or its secret part alone.
func redact(s, token string) string {
	for _, form := range tokenForms(token) {
		s = strings.ReplaceAll(s, form, "***")
	}
	return s
}

func tokenForms(token string) []string {
	var forms []string
	add := func(f string) {
		if len(f) >= 4 && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	add(token)
	add(strings.TrimSpace(token))
	add(url.PathEscape(token))
	add(url.QueryEscape(token))
	if _, secret, ok := strings.Cut(strings.TrimSpace(token), ":"); ok {
		add(secret)
	}
	// The longest first, so a shorter form never leaves part of a longer one.
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms
}

func (b *Bot) now() time.Time { return b.opts.Now().In(b.opts.Location) }

func (b *Bot) today() quota.Date { return quota.DateOf(b.now()) }

// Username is the bot's username from getMe, for invitation links.
func (b *Bot) Username() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.username
}

// contact records that Telegram answered, for the health check.
func (b *Bot) contact() {
	b.mu.Lock()
	b.lastContact = time.Now()
	b.mu.Unlock()
}

// LastContact is when Telegram last answered or called the bot.
func (b *Bot) LastContact() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.lastContact
}

// Ping asks Telegram who the bot is, to check it answers.
func (b *Bot) Ping(ctx context.Context) error {
	if _, err := b.api.GetMe(ctx); err != nil {
		return fmt.Errorf("calling getMe: %s", redact(err.Error(), b.opts.Token))
	}
	b.contact()
	return nil
}

// Init asks Telegram who the bot is and publishes the command menu.
func (b *Bot) Init(ctx context.Context) error {
	me, err := b.api.GetMe(ctx)
	if err != nil {
		return b.apiErr("asking Telegram who the bot is (getMe)", err)
	}
	b.mu.Lock()
	b.username = me.Username
	b.mu.Unlock()
	b.contact()
	if err := b.publishCommands(ctx); err != nil {
		// The menu is a convenience; the bot works without it.
		b.log.Warn("publishing the command menu", "err", redact(err.Error(), b.opts.Token))
	}
	return nil
}

// Run polls Telegram for updates and sends the outbox until ctx ends, then
// finishes the updates in hand and the send in flight.
func (b *Bot) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sendCtx, stopSending := context.WithCancel(context.WithoutCancel(ctx))
	senderDone := make(chan struct{})
	go func() {
		defer close(senderDone)
		b.sender.run(sendCtx)
	}()
	maintained := make(chan struct{})
	go func() {
		defer close(maintained)
		b.maintain(ctx)
	}()
	// The outbox drains while Telegram is first reached, so a restart
	// during an outage resumes sending as soon as Telegram answers.
	err := b.retry(ctx, "asking Telegram who the bot is", b.Init)
	if err == nil {
		// getUpdates is refused while a webhook is set: switching back to
		// polling removes it.
		err = b.retry(ctx, "removing the webhook to poll instead", func(ctx context.Context) error {
			_, err := b.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{})
			return err
		})
	}
	if err == nil {
		err = b.poll(ctx)
	}
	cancel(err)
	<-maintained
	b.handlers.Wait()
	stopSending()
	<-senderDone
	// Connections kept for reuse, including one dialed but never used,
	// would outlive the bot and hold up the shutdown of the server side.
	b.opts.HTTPClient.CloseIdleConnections()
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// retry calls f until it succeeds, backing off, except for a wrong token,
// which no retry mends.
func (b *Bot) retry(ctx context.Context, what string, f func(context.Context) error) error {
	wait := 500 * time.Millisecond
	for {
		err := f(ctx)
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, tgbot.ErrorUnauthorized), errors.Is(err, tgbot.ErrorNotFound):
			return fmt.Errorf("%s: Telegram refused the token: %s", what, redact(err.Error(), b.opts.Token))
		}
		b.log.Warn(what+" failed, will retry", "err", redact(err.Error(), b.opts.Token), "retry_in", wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
}

// Forgetting handled update ids and old outbox keys keeps the file from
// growing forever: Telegram redelivers an update for at most a day; a
// run's dedupe keys matter while that run can be repeated (hours), and a
// probation reminder's while its 30-day window lasts, so after 90 days an
// escalation still open is at most repeated once a quarter.
const (
	keepHandledUpdates = 7 * 24 * time.Hour
	keepOutboxKeys     = 90 * 24 * time.Hour
	maintainEvery      = 6 * time.Hour
)

func (b *Bot) maintain(ctx context.Context) {
	t := time.NewTicker(maintainEvery)
	defer t.Stop()
	for {
		now := b.now()
		err := b.db.Update(func(tx *storage.Tx) error {
			if _, err := tx.PruneHandledUpdates(now.Add(-keepHandledUpdates)); err != nil {
				return err
			}
			return tx.PruneOutboxKeys(now.Add(-keepOutboxKeys))
		})
		if err != nil {
			b.log.Error("pruning old records", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// WaitIdle returns once the outbox is empty and nothing is in flight.
func (b *Bot) WaitIdle(ctx context.Context) error { return b.sender.waitIdle(ctx) }

// HandleUpdate applies one update: its effects, its replies and its
// update id commit in one transaction, and an update already handled
// changes nothing. It returns an error only when nothing could be
// committed, so the caller must not confirm the update.
func (b *Bot) HandleUpdate(ctx context.Context, upd *models.Update) error {
	b.handlers.Add(1)
	defer b.handlers.Done()
	start := time.Now()
	var outcome string
	var cmd string
	pre := b.prefetch(ctx, upd)
	err := b.db.Update(func(tx *storage.Tx) error {
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
		if err := r.flush(); err != nil {
			return err
		}
		outcome = "ok"
		return tx.MarkUpdateHandled(upd.ID, b.now())
	})
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
				r.reply(r.l.T("internal_error"))
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
	b.sender.wake()
	b.opts.Metrics.Update(updateKind(upd), cmd, outcome, time.Since(start))
	b.log.Info("update", "id", upd.ID, "kind", updateKind(upd), "command", cmd, "chat", chatOf(upd),
		"outcome", outcome, "duration", time.Since(start).Round(time.Microsecond))
	return nil
}

// route runs the handler, turning a panic into an error so the
// transaction rolls back.
func (b *Bot) route(r *request) (err error) {
	defer func() {
		if p := recover(); p != nil {
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

func chatOf(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message.Message != nil:
		return u.CallbackQuery.Message.Message.Chat.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}
