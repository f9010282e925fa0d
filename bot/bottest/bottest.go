// Package bottest runs a real quotabot against the fake Bot API for tests
// and benchmarks: a bbolt file in a temporary folder, the real
// go-telegram/bot client, an injected clock, and helpers that speak as
// users and read what they would see.
package bottest

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"quotabot/app"
	"quotabot/bot"
	"quotabot/jobs"
	"quotabot/quota"
	"quotabot/sender"
	"quotabot/storage"
	"quotabot/telegramfake"
	"quotabot/transport"
)

// AdminID is the admin named in the configuration of every harness.
const AdminID int64 = 42

// Token is the bot token the fake server accepts.
const Token = "123456:TEST-token"

// Clock is an injected clock that tests move by hand.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Zone is the committee's time zone in tests.
var Zone = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// At is a time in the committee's zone.
func At(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, Zone) }

// Harness is a running bot with its fake Telegram.
type Harness struct {
	T         testing.TB
	DB        *storage.DB
	Fake      *telegramfake.Server
	Bot       *bot.Bot
	Sender    *sender.Sender
	Jobs      *jobs.Jobs
	Transport *transport.Transport
	Clock     *Clock
	Path      string
	Options   app.Options // what the bot was built with

	stop context.CancelFunc
	done chan error
}

// Config changes the harness before it starts.
type Config struct {
	Options     app.Options
	FakeOptions []telegramfake.Option
	NoSync      bool
	NoRun       bool // build the bot but do not start polling and sending
	// TCP has the fake listen on a port instead of in memory: for
	// benchmarks, whose figures must include the network a real bot has.
	TCP bool
}

// New starts a bot on a fresh database; the clock reads 15/06/2026 10:00
// unless changed. Everything stops at the end of the test.
func New(t testing.TB, change ...func(*Config)) *Harness {
	t.Helper()
	clock := &Clock{t: At(2026, 6, 15, 10, 0)}
	cfg := Config{
		Options: app.Options{Options: bot.Options{
			Admins:      []int64{AdminID},
			Location:    Zone,
			Pace:        quota.Pace{Mode: quota.PaceLinear},
			Now:         clock.Now,
			Log:         slog.New(slog.NewTextHandler(io.Discard, nil)),
			PollTimeout: 2 * time.Second,
		}},
		FakeOptions: []telegramfake.Option{telegramfake.WithLimits(30, 20)},
	}
	for _, f := range change {
		f(&cfg)
	}
	// In memory, so a test can run inside testing/synctest.
	fakeOpts := []telegramfake.Option{telegramfake.WithClock(clock.Now)}
	if !cfg.TCP {
		fakeOpts = append(fakeOpts, telegramfake.WithMemoryNetwork())
	}
	fake := telegramfake.New(Token, append(fakeOpts, cfg.FakeOptions...)...)
	t.Cleanup(fake.Close)
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{NoSync: cfg.NoSync})
	if err != nil {
		t.Fatalf("opening the database: %v", err)
	}
	opts := cfg.Options
	opts.Token, opts.APIURL = fake.Token(), fake.URL()
	if opts.HTTPClient == nil && !cfg.TCP {
		opts.HTTPClient = fake.Client()
		opts.HTTPClient.Timeout = opts.PollTimeout + 15*time.Second
	}
	h := Attach(t, db, fake, clock, opts)
	t.Cleanup(func() {
		h.Stop()
		_ = db.Close()
	})
	if !cfg.NoRun {
		h.Start()
	}
	return h
}

// Attach builds a bot on db that talks to fake, without starting it.
func Attach(t testing.TB, db *storage.DB, fake *telegramfake.Server, clock *Clock, opts app.Options) *Harness {
	t.Helper()
	a, err := app.New(db, opts)
	if err != nil {
		t.Fatalf("creating the bot: %v", err)
	}
	return &Harness{T: t, DB: db, Fake: fake, Bot: a.Bot, Sender: a.Sender, Jobs: a.Jobs, Transport: a.Transport,
		Clock: clock, Path: db.Path(), Options: opts}
}

// Start runs the bot until Stop or the end of the test, and returns once
// it polls, or once it stopped trying, so that a test begins on a bot
// that has done all it does at start.
func (h *Harness) Start() {
	h.T.Helper()
	ctx, stop := context.WithCancel(context.Background())
	h.stop, h.done = stop, make(chan error, 1)
	run := make(chan error, 1)
	go func() { run <- h.Transport.Run(ctx) }()
	polling := make(chan error, 1)
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	go func() { polling <- h.Fake.WaitPolling(wait) }()
	select {
	case err := <-polling:
		if err != nil {
			h.T.Logf("starting the bot: %v", err)
		}
		go func() { h.done <- <-run }()
	case err := <-run:
		h.done <- err
	}
}

// Stop stops the bot and waits for it to finish what it had in hand.
func (h *Harness) Stop() {
	if h.stop == nil {
		return
	}
	h.stop()
	if err := <-h.done; err != nil {
		h.T.Errorf("the bot stopped with an error: %v", err)
	}
	h.stop = nil
}

// User is a Telegram user with a Vietnamese client.
func User(id int64) models.User {
	return models.User{ID: id, FirstName: "Người", LastName: "Dùng", LanguageCode: "vi"}
}

// EnglishUser is a Telegram user with an English client.
func EnglishUser(id int64) models.User {
	return models.User{ID: id, FirstName: "Test", LastName: "User", LanguageCode: "en"}
}

// Settle waits until the bot committed the update and sent everything
// queued.
func (h *Harness) Settle(updateID int64) {
	h.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.Fake.WaitConfirmed(ctx, updateID); err != nil {
		h.T.Fatalf("the bot did not confirm update %d: %v", updateID, err)
	}
	if err := h.Sender.WaitIdle(ctx); err != nil {
		h.T.Fatalf("the bot did not send its replies: %v", err)
	}
}

// Send sends text as the user in a private chat and returns the messages
// the user received in reply.
func (h *Harness) Send(from models.User, text string) []telegramfake.Sent {
	h.T.Helper()
	before := len(h.Fake.SentTo(from.ID))
	h.Settle(h.Fake.SendText(from, text))
	return h.Fake.SentTo(from.ID)[before:]
}

// Reply sends text and returns the plain text of the replies, joined.
func (h *Harness) Reply(from models.User, text string) string {
	h.T.Helper()
	return Plain(h.Send(from, text))
}

// Press presses a button of a message and returns what the user received.
func (h *Harness) Press(from models.User, msg telegramfake.Sent, data string) []telegramfake.Sent {
	h.T.Helper()
	before := len(h.Fake.SentTo(from.ID))
	h.Settle(h.Fake.PressButton(from, msg, data))
	return h.Fake.SentTo(from.ID)[before:]
}

// Plain joins the plain texts of messages, skipping keyboard edits.
func Plain(msgs []telegramfake.Sent) string {
	var out string
	for _, m := range msgs {
		if m.Text == "" {
			continue
		}
		if out != "" {
			out += "\n"
		}
		out += m.Plain()
	}
	return out
}

// AddOrg creates an organization with this year's quota.
func (h *Harness) AddOrg(code, name, parent string, year, quotaN int) {
	h.T.Helper()
	err := h.DB.Update(func(tx *storage.Tx) error {
		if _, err := tx.PutOrg(quota.Org{Code: code, Name: name, Parent: parent}); err != nil {
			return err
		}
		if quotaN > 0 {
			_, err := tx.SetQuota(year, code, quotaN)
			return err
		}
		return nil
	})
	if err != nil {
		h.T.Fatalf("adding organization %s: %v", code, err)
	}
}

// Register registers a user directly, as an accepted invitation would.
func (h *Harness) Register(id int64, role quota.Role, orgs ...string) {
	h.T.Helper()
	err := h.DB.Update(func(tx *storage.Tx) error {
		_, err := tx.PutUser(quota.User{ID: id, Role: role, Orgs: orgs, ChatID: id, Lang: "vi", RegisteredAt: h.Clock.Now()})
		return err
	})
	if err != nil {
		h.T.Fatalf("registering user %d: %v", id, err)
	}
}

// Tally reads an organization's tally.
func (h *Harness) Tally(year int, code string) quota.Tally {
	var t quota.Tally
	_ = h.DB.View(func(tx *storage.Tx) error { t = tx.Tally(year, code); return nil })
	return t
}
