package transport

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"quotabot/metrics"
	"quotabot/storage"
)

// Chat is what the transport needs of the chat side.
type Chat interface {
	// HandleUpdate commits an update's effects, its replies and its id in
	// one transaction; an error means nothing was committed, so the
	// update must not be confirmed.
	HandleUpdate(ctx context.Context, upd *models.Update) error
	// Init asks Telegram who the bot is and publishes the command menu.
	Init(ctx context.Context) error
}

// Sender drains the outbox until its context ends, then finishes the
// sends in flight.
type Sender interface {
	Run(ctx context.Context)
	// WaitIdle returns when the outbox is empty and nothing is in flight.
	WaitIdle(ctx context.Context) error
	// LastSent is when Telegram last accepted a message.
	LastSent() time.Time
}

// API is the part of the Telegram client the transport calls.
type API interface {
	GetMe(ctx context.Context) (*models.User, error)
	DeleteWebhook(ctx context.Context, params *tgbot.DeleteWebhookParams) (bool, error)
	SetWebhook(ctx context.Context, params *tgbot.SetWebhookParams) (bool, error)
}

// Options configure the transport.
type Options struct {
	Token       string
	APIURL      string
	PollTimeout time.Duration // long-poll wait of getUpdates
	HTTPClient  *http.Client
	Log         *slog.Logger
	Now         func() time.Time
	Metrics     *metrics.Metrics
	// Sleep waits d or until ctx ends; nil is the real clock. Tests give
	// one that records the waits Telegram asked for.
	Sleep func(ctx context.Context, d time.Duration) error
	// Grace bounds the drain of the outbox at shutdown, and the wait for
	// webhook requests in hand; 3 seconds unless set.
	Grace time.Duration
}

// Transport brings updates in and runs the bot's lifecycle.
type Transport struct {
	opts   Options
	db     *storage.DB
	api    API
	chat   Chat
	sender Sender
	log    *slog.Logger

	handlers sync.WaitGroup // updates being handled

	mu          sync.Mutex
	lastContact time.Time // the last time Telegram answered us or called us
}

// New builds the transport; it does not touch the network.
func New(db *storage.DB, api API, chat Chat, sender Sender, opts Options) *Transport {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Grace <= 0 {
		opts.Grace = 3 * time.Second
	}
	return &Transport{opts: opts, db: db, api: api, chat: chat, sender: sender, log: opts.Log}
}

// Sleep waits d or until ctx ends, on the real clock.
func Sleep(ctx context.Context, d time.Duration) error { return sleep(ctx, d) }

// HonouringRetryAfter calls f, and while Telegram answers 429 calls it
// again after the retry_after it gives, at most attempts times in all;
// wait is the clock (nil: Sleep).
func HonouringRetryAfter(ctx context.Context, wait func(context.Context, time.Duration) error, attempts int, f func(context.Context) error) error {
	if wait == nil {
		wait = sleep
	}
	for i := 1; ; i++ {
		err := f(ctx)
		var tooMany *tgbot.TooManyRequestsError
		if err == nil || !errors.As(err, &tooMany) || i >= attempts {
			return err
		}
		if err := wait(ctx, retryAfter(tooMany.RetryAfter)); err != nil {
			return err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// contact records that Telegram answered, for the health check.
func (t *Transport) contact() {
	t.mu.Lock()
	t.lastContact = time.Now()
	t.mu.Unlock()
}

// LastContact is when Telegram last answered or called the bot.
func (t *Transport) LastContact() time.Time {
	t.mu.Lock()
	last := t.lastContact
	t.mu.Unlock()
	if sent := t.sender.LastSent(); sent.After(last) {
		return sent
	}
	return last
}

// Ping asks Telegram who the bot is, to check it answers.
func (t *Transport) Ping(ctx context.Context) error {
	if _, err := t.api.GetMe(ctx); err != nil {
		return fmt.Errorf("calling getMe: %s", Redact(err.Error(), t.opts.Token))
	}
	t.contact()
	return nil
}

func (t *Transport) init(ctx context.Context) error {
	if err := t.chat.Init(ctx); err != nil {
		return err
	}
	t.contact()
	return nil
}

// retry calls f until it succeeds, backing off, except for a wrong token,
// which no retry mends.
func (t *Transport) retry(ctx context.Context, what string, f func(context.Context) error) error {
	wait := 500 * time.Millisecond
	for {
		err := f(ctx)
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, tgbot.ErrorUnauthorized), errors.Is(err, tgbot.ErrorNotFound):
			return refusedToken(what, err, t.opts.Token)
		}
		next := wait
		var tooMany *tgbot.TooManyRequestsError
		if errors.As(err, &tooMany) {
			next = retryAfter(tooMany.RetryAfter)
			t.opts.Metrics.SendFailed("too_many", tooMany.RetryAfter)
		}
		t.log.Warn(what+" failed, will retry", "err", Redact(err.Error(), t.opts.Token), "retry_in", next)
		if err := t.opts.Sleep(ctx, next); err != nil {
			return err
		}
		wait = min(wait*2, 30*time.Second)
	}
}

// ErrTokenRefused means Telegram does not know the bot's token (401), or
// refuses its form (404): no retry mends that, so the bot stops.
var ErrTokenRefused = errors.New("Telegram refused the token")

func refusedToken(what string, err error, token string) error {
	return fmt.Errorf("%s: %w (%s); check telegram.token or QUOTABOT_TOKEN against @BotFather: a revoked token needs the new one", what, ErrTokenRefused, Redact(err.Error(), token))
}

// retryAfter is how long to wait for Telegram's retry_after, in seconds:
// at least one second, and an absurd value is bounded so the bot keeps
// trying.
func retryAfter(seconds int) time.Duration {
	return time.Duration(min(max(seconds, 1), 3600)) * time.Second
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

// maintain prunes every maintainEvery until ctx ends; run prunes once
// before it, so the first pass is done before any update is taken.
func (t *Transport) maintain(ctx context.Context) {
	tick := time.NewTicker(maintainEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		t.prune()
	}
}

func (t *Transport) prune() {
	now := t.opts.Now()
	err := t.db.Update(func(tx *storage.Tx) error {
		if _, err := tx.PruneHandledUpdates(now.Add(-keepHandledUpdates)); err != nil {
			return err
		}
		return tx.PruneOutboxKeys(now.Add(-keepOutboxKeys))
	})
	if err != nil {
		t.log.Error("pruning old records", "err", err)
	}
}

// handle hands one update to the chat, counted so that a shutdown waits
// for it. The context of a shutdown must not cut a handler short: what is
// in hand is finished.
func (t *Transport) handle(ctx context.Context, upd *models.Update) error {
	t.handlers.Add(1)
	defer t.handlers.Done()
	return t.chat.HandleUpdate(context.WithoutCancel(ctx), upd)
}

// ChatOf is the chat an update comes from.
func ChatOf(u *models.Update) int64 {
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
