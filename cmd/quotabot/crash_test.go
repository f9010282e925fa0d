package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/config"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

const fakeToken = "123456:AAcrash-test-token_0123456789abcdefghij"

// committeeZone is the zone of the configuration the tests write (the
// default), which decides the bot's "today".
var committeeZone = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return loc
}()

// syncBuffer collects a child's stderr while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is one `quotabot serve` process.
type server struct {
	t      *testing.T
	cmd    *exec.Cmd
	stderr *syncBuffer
	// alive ends when the process exits, so waits on the fake fail at once
	// instead of at their timeout when the bot dies.
	alive context.Context
	done  chan struct{}
	err   error // of Wait, once done is closed
}

// startServe runs the built binary on the configuration file.
func startServe(t *testing.T, cfgPath string) *server {
	t.Helper()
	cmd := exec.Command(binary, "serve", "-config", cfgPath)
	// The file's token must be the one used, whatever the environment holds.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, config.TokenEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	s := &server{t: t, cmd: cmd, stderr: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	require.NoError(t, cmd.Start())
	alive, cancel := context.WithCancel(context.Background())
	s.alive = alive
	go func() {
		s.err = cmd.Wait()
		cancel()
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			_ = cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

// ctx bounds a wait by d and by the life of the process.
func (s *server) ctx(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.alive, d)
}

// wait waits for the process to exit and returns how long that took.
func (s *server) wait(d time.Duration) (time.Duration, error) {
	start := time.Now()
	select {
	case <-s.done:
		return time.Since(start), s.err
	case <-time.After(d):
		return time.Since(start), fmt.Errorf("quotabot did not exit within %v", d)
	}
}

// kill ends the process with SIGKILL, as a crash would.
func (s *server) kill() {
	s.t.Helper()
	require.NoError(s.t, s.cmd.Process.Signal(syscall.SIGKILL))
	_, err := s.wait(10 * time.Second)
	var exit *exec.ExitError
	require.True(s.t, errors.As(err, &exit), "quotabot should die of SIGKILL, got %v", err)
}

// stop ends the process with SIGTERM and requires a clean exit within 5s.
func (s *server) stop() time.Duration {
	s.t.Helper()
	require.NoError(s.t, s.cmd.Process.Signal(syscall.SIGTERM))
	took, err := s.wait(5 * time.Second)
	require.NoError(s.t, err, "quotabot after SIGTERM; its log:\n%s", s.stderr.String())
	return took
}

// failNow reports a failed wait with the bot's log.
func (s *server) failNow(err error) {
	s.t.Helper()
	s.t.Fatalf("%v\nquotabot log:\n%s", err, s.stderr.String())
}

// serveConfig writes a configuration for serve against fake, with no
// scheduled job and no quiet hours (the tests run at any hour), and
// returns its path.
func serveConfig(t *testing.T, fake *telegramfake.Server, dbPath string) string {
	t.Helper()
	body := fmt.Sprintf(`telegram:
  token: %q
  api_url: %q
storage:
  path: %q
admins: [42]
schedule:
  reminders: ""
  digests: ""
  escalation: ""
  probation: ""
  backups: ""
quiet:
  hours: ""
  days_off: []
  holidays: []
reminders:
  mode: quota
log:
  level: warn
`, fake.Token(), fake.URL(), dbPath)
	return writeConfig(t, filepath.Dir(dbPath), body)
}

// seed fills the database before the bot opens it.
func seed(t *testing.T, dbPath string, fn func(tx *storage.Tx) error) {
	t.Helper()
	db, err := storage.Open(dbPath, storage.Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	require.NoError(t, db.Update(fn))
}

func addOrg(tx *storage.Tx, code string, year, quotaN int) error {
	if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + code}); err != nil {
		return err
	}
	_, err := tx.SetQuota(year, code, quotaN)
	return err
}

func addSecretary(tx *storage.Tx, id int64, org string) error {
	_, err := tx.PutUser(quota.User{ID: id, Role: quota.RoleSecretary, Orgs: []string{org}, ChatID: id, Lang: "vi", RegisteredAt: time.Now()})
	return err
}

func chatUser(id int64) models.User {
	return models.User{ID: id, FirstName: "Người", LastName: fmt.Sprint(id), LanguageCode: "vi"}
}

// syllables are distinct even with case and diacritics folded, so the
// names built from them never collide as duplicates.
var syllables = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Minh", "Nam",
	"Oanh", "Phúc", "Quang", "Sơn", "Thảo", "Uyên", "Vinh", "Xuân", "Yến", "Tùng"}

// personName is a valid, distinct full name for n < 8000: n written in
// base 20 with syllables for digits.
func personName(n int) string {
	d := []string{syllables[n/400%20], syllables[n/20%20], syllables[n%20]}
	return "Người Số " + strings.Join(d, " ")
}

func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the built binary")
	}
}

// TestCrashReportsCountedOnce kills serve at several moments of a stream
// of reports; every report must count exactly once (SPEC §6).
func TestCrashReportsCountedOnce(t *testing.T) {
	skipShort(t)
	fake := telegramfake.New(fakeToken)
	t.Cleanup(fake.Close)
	dbPath := filepath.Join(t.TempDir(), "quotabot.db")
	cfg := serveConfig(t, fake, dbPath)

	// The first day of the current year is never in the future nor too old.
	year := time.Now().In(committeeZone).Year()
	date := fmt.Sprintf("01/01/%d", year)
	seed(t, dbPath, func(tx *storage.Tx) error {
		if err := addOrg(tx, "CB_01", year, 1000); err != nil {
			return err
		}
		return addSecretary(tx, 7, "CB_01")
	})

	const total, burst = 200, 30
	secretary := chatUser(7)
	var lastUpdate int64
	sendReports := func(from, to int) {
		for i := from; i < to; i++ {
			lastUpdate = fake.SendText(secretary, fmt.Sprintf("/report %s; %s", personName(i), date))
		}
	}
	// waitReplies waits until at least n replies reached the secretary.
	waitReplies := func(s *server, n int) {
		t.Helper()
		ctx, cancel := s.ctx(time.Minute)
		defer cancel()
		if _, err := fake.WaitSentTo(ctx, 7, n); err != nil {
			s.failNow(err)
		}
	}

	// Most reports wait at Telegram before the bot first starts.
	sendReports(0, total-burst)
	s := startServe(t, cfg)
	for _, pct := range []int{20, 50, 80} {
		waitReplies(s, total*pct/100)
		s.kill()
		s = startServe(t, cfg)
	}
	// A burst, then a crash before the bot can answer it.
	sendReports(total-burst, total)
	s.kill()
	s = startServe(t, cfg)

	ctx, cancel := s.ctx(2 * time.Minute)
	defer cancel()
	if err := fake.WaitConfirmed(ctx, lastUpdate); err != nil {
		s.failNow(err)
	}
	// Every report gets its reply, naming the person.
	answered := map[string]bool{}
	for read := 0; len(answered) < total; {
		sent, err := fake.WaitSentTo(ctx, 7, read+1)
		if err != nil {
			s.failNow(fmt.Errorf("%w (%d of %d reports answered)", err, len(answered), total))
		}
		for _, m := range sent[read:] {
			plain := m.Plain()
			for i := range total {
				if strings.Contains(plain, personName(i)) {
					answered[personName(i)] = true
				}
			}
		}
		read = len(sent)
	}
	s.stop()
	assert.Zero(t, len(fake.Pending()), "updates left unconfirmed")

	db, err := storage.Open(dbPath, storage.Options{})
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		assert.Equal(t, quota.Tally{Quota: 1000, Admitted: total}, tx.Tally(year, "CB_01"))
		seen := map[string]int{}
		err := tx.EachAdmission(func(a quota.Admission) error {
			if !a.Retracted {
				seen[quota.SearchKey(a.Name)]++
			}
			return nil
		})
		assert.Len(t, seen, total)
		for name, n := range seen {
			assert.Equal(t, 1, n, "admission %q recorded %d times", name, n)
		}
		assert.Zero(t, tx.OutboxLen(), "replies left unsent")
		return err
	}))
	t.Logf("%d reports, %d replies sent for them", total, len(fake.SentTo(7)))
}

// TestGracefulShutdown: SIGTERM ends serve with status 0 within 5 seconds,
// leaving the database free for the next process.
func TestGracefulShutdown(t *testing.T) {
	skipShort(t)
	fake := telegramfake.New(fakeToken)
	t.Cleanup(fake.Close)
	dbPath := filepath.Join(t.TempDir(), "quotabot.db")
	cfg := serveConfig(t, fake, dbPath)
	s := startServe(t, cfg)

	// Once /start is answered, the bot is in its long poll.
	ctx, cancel := s.ctx(time.Minute)
	defer cancel()
	fake.SendText(chatUser(42), "/start")
	if _, err := fake.WaitSentTo(ctx, 42, 1); err != nil {
		s.failNow(err)
	}
	took := s.stop()
	assert.Equal(t, 0, s.cmd.ProcessState.ExitCode())
	t.Logf("stopped %v after SIGTERM", took.Round(time.Millisecond))

	db, err := storage.Open(dbPath, storage.Options{LockTimeout: 100 * time.Millisecond})
	require.NoError(t, err, "the database must be free once serve exited")
	require.NoError(t, db.Close())
}

// TestCrashReminders kills serve while it sends a reminder run: after the
// restart every secretary gets its reminder, and no more than the messages
// in flight go twice (SPEC §5).
func TestCrashReminders(t *testing.T) {
	skipShort(t)
	fake := telegramfake.New(fakeToken, telegramfake.WithLimits(30, 20))
	t.Cleanup(fake.Close)
	dbPath := filepath.Join(t.TempDir(), "quotabot.db")
	cfg := serveConfig(t, fake, dbPath)

	// A real process keeps real time: 240 reminders at Telegram's 30 a
	// second are 8 seconds of sending, enough to crash in the middle of.
	const orgs, firstID = 240, 10001
	year := time.Now().In(committeeZone).Year()
	seed(t, dbPath, func(tx *storage.Tx) error {
		for i := range orgs {
			code := fmt.Sprintf("CB_%03d", i+1)
			if err := addOrg(tx, code, year, 10); err != nil {
				return err
			}
			if err := addSecretary(tx, int64(firstID+i), code); err != nil {
				return err
			}
		}
		return nil
	})

	s := startServe(t, cfg)
	fake.SendText(chatUser(42), "/remind")
	ctx, cancel := s.ctx(time.Minute)
	defer cancel()
	admin, err := fake.WaitSentTo(ctx, 42, 1)
	if err != nil {
		s.failNow(err)
	}
	assert.Contains(t, admin[0].Plain(), fmt.Sprintf("%d tin nhắc việc tới %d tổ chức", orgs, orgs))
	if _, err := fake.WaitSent(ctx, 80); err != nil {
		s.failNow(err)
	}
	s.kill()
	before, violationsBefore := len(fake.Sent()), fake.Violations()

	s = startServe(t, cfg)
	ctx, cancel = s.ctx(2 * time.Minute)
	defer cancel()
	got := map[int64]int{}
	for n := 1; ; {
		sent, err := fake.WaitSent(ctx, n)
		if err != nil {
			s.failNow(fmt.Errorf("%w (%d of %d secretaries reminded)", err, len(got), orgs))
		}
		clear(got)
		for _, m := range sent {
			if m.ChatID >= firstID && m.ChatID < firstID+orgs {
				got[m.ChatID]++
			}
		}
		if len(got) == orgs {
			break
		}
		n = len(sent) + 1
	}
	s.stop()

	// The closest 31 sends in a row show the rate Telegram saw.
	calls := fake.Calls("sendMessage")
	closest := time.Hour
	for i := 30; i < len(calls); i++ {
		closest = min(closest, calls[i].At.Sub(calls[i-30].At))
	}
	twice := 0
	for chat, n := range got {
		assert.LessOrEqual(t, n, 2, "chat %d got %d reminders", chat, n)
		if n > 1 {
			twice++
		}
	}
	// The sender has up to eight sends in flight at once (sender's
	// maxSendJobs); each of those Telegram may have taken before the kill
	// and the outbox not yet forgotten. On a loaded machine the sends take
	// longer and more of them are caught; a sender that repeated what it
	// had sent would repeat the 80 before the kill.
	const inFlight = 8
	assert.LessOrEqual(t, twice, inFlight, "reminders sent twice across the crash")
	assert.Zero(t, fake.Violations(), "the bot exceeded Telegram's flood limits")
	assert.Len(t, fake.SentTo(42), 1, "the admin's /remind was answered again")

	db, err := storage.Open(dbPath, storage.Options{})
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.View(func(tx *storage.Tx) error {
		assert.Zero(t, tx.OutboxLen(), "reminders left in the outbox")
		return nil
	}))
	t.Logf("%d sends before the crash (%d refused), %d in all (%d refused), %d chats reminded twice; closest 31 sends %v apart",
		before, violationsBefore, len(fake.Sent()), fake.Violations(), twice, closest.Round(time.Millisecond))
}
