package bot_test

// Benchmarks whose figures are kept in BENCHMARKS.md. They run only with
// -bench; the one command that reproduces every figure is given there.

import (
	"bufio"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	bolt "go.etcd.io/bbolt"

	"quotabot/app"
	"quotabot/bot"
	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

// benchPollTimeout is the production long-poll wait: a long poll is
// answered as soon as an update arrives, so it does not add latency.
const benchPollTimeout = 30 * time.Second

// pace spaces requests that each cause one reply below the 30 messages a
// second the sender allows, so its limiter never holds a reply back and
// the figures are the latency of one request, not of a queue.
const pace = 40 * time.Millisecond

func TestMain(m *testing.M) {
	flag.Parse()
	// Benchmarks measure quotabot as quotabot serve runs it, and the
	// measured process of BenchmarkResidentMemory inherits GOGC from here.
	if f := flag.Lookup("test.bench"); (f != nil && f.Value.String() != "") || os.Getenv(rssEnv) != "" {
		app.TuneGC(os.Getenv)
	}
	code := m.Run()
	national.cleanup()
	nationalTerm.cleanup()
	os.Exit(code)
}

// Names are built from syllables that stay distinct when diacritics and
// case are folded, as the duplicate check folds them.
var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"}
	middleNames = []string{"Văn", "Thị"}
	syllables   = []string{"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
		"Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga",
		"Ngọc", "Nhung", "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tâm", "Thảo", "Thành",
		"Thu", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Xuân", "Yến", "Đức", "Khoa"}
)

// personName is a distinct full name for every i below 20·40⁴.
func personName(i int) string {
	parts := []string{familyNames[i%len(familyNames)], middleNames[(i/len(familyNames))%len(middleNames)]}
	rest := i / (len(familyNames) * len(middleNames))
	for range 4 {
		parts = append(parts, syllables[rest%len(syllables)])
		rest /= len(syllables)
	}
	return strings.Join(parts, " ")
}

func benchOptions(clock *bottest.Clock) app.Options {
	return app.Options{Options: bot.Options{
		Admins:      []int64{bottest.AdminID},
		Location:    bottest.Zone,
		Pace:        quota.Pace{Mode: quota.PaceLinear},
		Now:         clock.Now,
		Log:         slog.New(slog.NewTextHandler(io.Discard, nil)),
		PollTimeout: benchPollTimeout,
	}}
}

// runBot starts a bot on an existing database against a new fake server,
// as bottest.New does on a fresh one.
func runBot(tb testing.TB, db *storage.DB, fakeOpts ...telegramfake.Option) *bottest.Harness {
	tb.Helper()
	clock := &bottest.Clock{}
	clock.Set(bottest.At(2026, 6, 15, 10, 0))
	fake := telegramfake.New(bottest.Token, append([]telegramfake.Option{telegramfake.WithClock(clock.Now)}, fakeOpts...)...)
	tb.Cleanup(fake.Close)
	opts := benchOptions(clock)
	opts.Token, opts.APIURL = fake.Token(), fake.URL()
	h := bottest.Attach(tb, db, fake, clock, opts)
	tb.Cleanup(h.Stop)
	h.Start()
	return h
}

// quantiles returns the median and the 99th percentile in milliseconds.
func quantiles(ds []time.Duration) (median, p99 float64) {
	if len(ds) == 0 {
		return 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	m := s[n/2]
	if n%2 == 0 {
		m = (s[n/2-1] + s[n/2]) / 2
	}
	i := max(0, (99*n+99)/100-1)
	return ms(m), ms(s[i])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func waitCtx(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

// reportVs reports the median and p99 of two sets of samples, each under
// its prefix, and the ratio of the first median to the second.
func reportVs(b *testing.B, first string, a []time.Duration, second string, c []time.Duration) {
	am, ap := quantiles(a)
	cm, cp := quantiles(c)
	b.ReportMetric(am, first+"median-ms")
	b.ReportMetric(ap, first+"p99-ms")
	b.ReportMetric(cm, second+"median-ms")
	b.ReportMetric(cp, second+"p99-ms")
	b.ReportMetric(am/cm, "ratio")
}

// floors samples, on the disk of dir, the two floors of a durable
// reply: writing 4 KiB and fsyncing it (the physical unit of durability)
// and committing one key with bbolt (its two syncs, data then meta page:
// the least any committed update pays here).
type floors struct {
	file          *os.File
	bolt          *bolt.DB
	fsync, commit []time.Duration
}

func newFloors(tb testing.TB, dir string) *floors {
	tb.Helper()
	f, err := os.Create(filepath.Join(dir, "fsync-probe"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = f.Close() })
	db, err := bolt.Open(filepath.Join(dir, "commit-probe.db"), 0o600, &bolt.Options{FreelistType: bolt.FreelistMapType})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return &floors{file: f, bolt: db}
}

// sample takes one of each.
func (fl *floors) sample(tb testing.TB) {
	tb.Helper()
	buf := make([]byte, 4096)
	start := time.Now()
	if _, err := fl.file.WriteAt(buf, int64(len(fl.fsync)%16)*4096); err != nil {
		tb.Fatal(err)
	}
	if err := fl.file.Sync(); err != nil {
		tb.Fatal(err)
	}
	fl.fsync = append(fl.fsync, time.Since(start))
	start = time.Now()
	err := fl.bolt.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("probe"))
		if err != nil {
			return err
		}
		return b.Put(binary.BigEndian.AppendUint64(nil, uint64(len(fl.commit))), buf[:64])
	})
	if err != nil {
		tb.Fatal(err)
	}
	fl.commit = append(fl.commit, time.Since(start))
}

// stages gathers what bot.Options.Observe is told.
type stages struct {
	mu sync.Mutex
	d  map[bot.Stage][]time.Duration
}

func (s *stages) observe(stage bot.Stage, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.d == nil {
		s.d = map[bot.Stage][]time.Duration{}
	}
	s.d[stage] = append(s.d[stage], d)
}

func (s *stages) report(b *testing.B) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range []struct {
		stage bot.Stage
		name  string
	}{{bot.StageHandle, "stage-handler"}, {bot.StageCommit, "stage-commit"}, {bot.StageReply, "stage-reply"}} {
		m, p := quantiles(s.d[st.stage])
		b.ReportMetric(m, st.name+"-median-ms")
		b.ReportMetric(p, st.name+"-p99-ms")
	}
}

// BenchmarkReportRoundTrip times a secretary's /report from the moment
// the user sends it until the reply reaches the fake Telegram, through the
// real bot with fsync on, and the same round trip of a bare
// go-telegram/bot echo bot on an identical fake server. Samples of the two
// alternate with the floors (fsync, a bbolt commit of one key) and the
// update's transaction alone, so all see the same machine load. The bot's
// round trip is split by stage through bot.Options.Observe.
func BenchmarkReportRoundTrip(b *testing.B) {
	var split stages
	h := bottest.New(b, func(c *bottest.Config) {
		c.TCP = true
		c.Options.PollTimeout = benchPollTimeout
		c.Options.Observe = split.observe
		c.FakeOptions = []telegramfake.Option{telegramfake.WithLimits(30, 20)}
	})
	h.AddOrg("CB_01", "Chi bộ Công ty Cổ phần Sông Hồng", "", 2026, 1_000_000)
	h.Register(7, quota.RoleSecretary, "CB_01")
	sec := bottest.User(7)

	echoFake := telegramfake.New(bottest.Token, telegramfake.WithLimits(30, 20))
	b.Cleanup(echoFake.Close)
	echo, err := tgbot.New(echoFake.Token(), tgbot.WithServerURL(echoFake.URL()),
		tgbot.WithDefaultHandler(func(ctx context.Context, api *tgbot.Bot, upd *models.Update) {
			if upd.Message == nil {
				return
			}
			_, _ = api.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: upd.Message.Chat.ID, Text: upd.Message.Text})
		}))
	if err != nil {
		b.Fatal(err)
	}
	echoCtx, stopEcho := context.WithCancel(context.Background())
	echoDone := make(chan struct{})
	go func() { defer close(echoDone); echo.Start(echoCtx) }()
	b.Cleanup(func() { stopEcho(); <-echoDone })

	// The same update's transaction alone (handler, reply queued, update
	// id, commit with its syncs), on a bot that does not run, so the
	// round trip splits into that and the rest (getUpdates, the send).
	hh := bottest.New(b, func(c *bottest.Config) { c.NoRun = true })
	hh.AddOrg("CB_01", "Chi bộ Công ty Cổ phần Sông Hồng", "", 2026, 1_000_000)
	hh.Register(7, quota.RoleSecretary, "CB_01")

	ctx := waitCtx(b)
	floor := newFloors(b, filepath.Dir(h.Path))
	ours := make([]time.Duration, 0, b.N)
	theirs := make([]time.Duration, 0, b.N)
	handler := make([]time.Duration, 0, b.N)
	tick := time.NewTicker(pace)
	defer tick.Stop()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		<-tick.C
		if err := h.Fake.WaitPolling(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		id := h.Fake.SendText(sec, "/report "+personName(i))
		got, err := h.Fake.WaitSentTo(ctx, sec.ID, i+1)
		d := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(got[i].Plain(), "Đã ghi nhận kết nạp 1 người") {
			b.Fatalf("unexpected reply to /report: %q", got[i].Plain())
		}
		ours = append(ours, d)
		h.Settle(id)

		<-tick.C
		if err := echoFake.WaitPolling(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start = time.Now()
		echoFake.SendText(sec, "/report "+personName(i))
		_, err = echoFake.WaitSentTo(ctx, sec.ID, i+1)
		d = time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		theirs = append(theirs, d)

		<-tick.C
		upd := models.Update{ID: int64(i + 1), Message: &models.Message{ID: i + 1, From: &sec, Date: int(hh.Clock.Now().Unix()),
			Chat: models.Chat{ID: sec.ID, Type: models.ChatTypePrivate}, Text: "/report " + personName(i)}}
		b.StartTimer()
		start = time.Now()
		err = hh.Bot.HandleUpdate(ctx, &upd)
		d = time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		handler = append(handler, d)

		<-tick.C
		b.StartTimer()
		floor.sample(b)
		b.StopTimer()
	}
	if got := h.Tally(2026, "CB_01").Admitted; got != b.N {
		b.Fatalf("%d admissions recorded for %d reports", got, b.N)
	}
	if v := h.Fake.Violations() + echoFake.Violations(); v != 0 {
		b.Fatalf("%d sends over the flood limit", v)
	}
	reportVs(b, "", ours, "echo-", theirs)
	fm, _ := quantiles(floor.fsync)
	b.ReportMetric(fm, "fsync-ms")
	cm, cp := quantiles(floor.commit)
	b.ReportMetric(cm, "bolt-commit-ms")
	b.ReportMetric(cp, "bolt-commit-p99-ms")
	em, _ := quantiles(theirs)
	// What a durable reply cannot go below with bbolt: the echo bot's
	// round trip and one commit, and for the tail each echo sample with
	// the commit sampled beside it.
	b.ReportMetric((em+cm)/em, "floor-ratio")
	paired := make([]time.Duration, 0, len(theirs))
	for i, d := range theirs {
		if i < len(floor.commit) {
			paired = append(paired, d+floor.commit[i])
		}
	}
	_, pp := quantiles(paired)
	b.ReportMetric(pp/em, "floor-p99-ratio")
	hm, _ := quantiles(handler)
	b.ReportMetric(hm, "handler-commit-median-ms")
	split.report(b)
}

// The national committee: 60,000 organizations with quotas, 250,000
// admissions this year, 100,000 users. It is built once per process into
// a template file; each benchmark works on its own copy, so what one
// benchmark writes cannot change what the next one measures.
const (
	nationalProvinces  = 60
	nationalOrgs       = 60_000
	nationalAdmissions = 250_000
	nationalUsers      = 100_000
	nationalLeader     = int64(500)
	firstSecretary     = int64(1_000_000)
	firstSpecialist    = int64(600)
	nationalSpecialist = 200
	nationalLeaders    = 10
)

type template struct {
	once sync.Once
	dir  string
	path string
	err  error
}

var national template

func (n *template) cleanup() {
	if n.dir != "" {
		_ = os.RemoveAll(n.dir)
	}
}

func nationalCode(j int) string {
	if j < nationalProvinces {
		return fmt.Sprintf("DB_T%02d", j+1)
	}
	j -= nationalProvinces
	per := (nationalOrgs - nationalProvinces) / nationalProvinces
	return fmt.Sprintf("CB_T%02d_%04d", j/per+1, j%per+1)
}

func nationalParent(j int) string {
	if j < nationalProvinces {
		return ""
	}
	per := (nationalOrgs - nationalProvinces) / nationalProvinces
	return nationalCode((j - nationalProvinces) / per)
}

func nationalQuota(j int) int {
	if j < nationalProvinces {
		return 10
	}
	return 3 + j%5
}

func buildNational(path string) error {
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		return err
	}
	defer db.Close()
	registered := bottest.At(2026, 1, 5, 8, 0)
	err = db.Update(func(tx *storage.Tx) error {
		for j := range nationalOrgs {
			code := nationalCode(j)
			name := fmt.Sprintf("Chi bộ %s %s", syllables[j%len(syllables)], code)
			if j < nationalProvinces {
				name = "Đảng bộ Tỉnh " + syllables[j%len(syllables)] + " " + strconv.Itoa(j+1)
			}
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: name, Parent: nationalParent(j)}); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, code, nationalQuota(j)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *storage.Tx) error {
		put := func(u quota.User) error { _, err := tx.PutUser(u); return err }
		for k := range nationalLeaders {
			id := nationalLeader + int64(k)
			if err := put(quota.User{ID: id, Role: quota.RoleLeader, Name: personName(2_000_000 + k), ChatID: id, Lang: "vi", RegisteredAt: registered}); err != nil {
				return err
			}
		}
		per := nationalOrgs / nationalSpecialist
		for k := range nationalSpecialist {
			id := firstSpecialist + int64(k)
			orgs := make([]string, 0, per)
			for j := k * per; j < (k+1)*per; j++ {
				orgs = append(orgs, nationalCode(j))
			}
			if err := put(quota.User{ID: id, Role: quota.RoleSpecialist, Orgs: orgs, Name: personName(2_100_000 + k), ChatID: id, Lang: "vi", RegisteredAt: registered}); err != nil {
				return err
			}
		}
		for k := range nationalUsers - nationalLeaders - nationalSpecialist {
			id := firstSecretary + int64(k)
			if err := put(quota.User{ID: id, Role: quota.RoleSecretary, Orgs: []string{nationalCode(k % nationalOrgs)}, Name: personName(2_200_000 + k), ChatID: id, Lang: "vi", RegisteredAt: registered}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(2026, 6))
	first := quota.Date{Year: 2026, Month: 1, Day: 1}
	days := bottest.At(2026, 6, 15, 0, 0).YearDay()
	// Admissions are committed as the bot commits reports: at most
	// storage's group of 128 at a time. Transactions of 25,000 rewrote
	// most index pages each and left 74 MB of free pages that a file grown
	// by reports does not have.
	const batch = 128
	for start := 0; start < nationalAdmissions; start += batch {
		err := db.Update(func(tx *storage.Tx) error {
			for i := start; i < min(start+batch, nationalAdmissions); i++ {
				j := rng.IntN(nationalOrgs)
				t := time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(days))
				a := quota.Admission{Org: nationalCode(j), Name: personName(i), Date: quota.DateOf(t),
					Decision: strconv.Itoa(i%900+1) + "-QĐ/ĐU", ReportedBy: firstSecretary + int64(j), ReportedAt: t.Add(9 * time.Hour)}
				if err := tx.AddAdmission(&a); err != nil {
					return fmt.Errorf("admission %d: %w", i, err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// openNational opens a fresh copy of the national database with the
// default options, fsync included.
func openNational(tb testing.TB) *storage.DB {
	tb.Helper()
	path := nationalCopy(tb)
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}

// nationalCopy builds the template once and copies it into the
// benchmark's own folder.
func nationalCopy(tb testing.TB) string {
	tb.Helper()
	national.once.Do(func() {
		national.dir, national.err = os.MkdirTemp("", "quotabot-national-")
		if national.err != nil {
			return
		}
		national.path = filepath.Join(national.dir, "national.db")
		start := time.Now()
		national.err = buildNational(national.path)
		tb.Logf("built the national database in %s", time.Since(start).Round(time.Millisecond))
	})
	if national.err != nil {
		tb.Fatalf("building the national database: %v", national.err)
	}
	dst := filepath.Join(tb.TempDir(), "quotabot.db")
	if err := copyFile(national.path, dst); err != nil {
		tb.Fatal(err)
	}
	return dst
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	// Flushed now, or the first commit measured would pay for writing the
	// whole file.
	if err := out.Sync(); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

var tagPattern = regexp.MustCompile(`<[^>]*>`)

// checkNationalStatus fails unless the reply is the committee's standing
// over the whole national database.
func checkNationalStatus(tb testing.TB, text string) {
	tb.Helper()
	text = tagPattern.ReplaceAllString(text, "")
	for _, want := range []string{"toàn Đảng bộ", "Đã kết nạp: 250.", "Tổ chức: 60.000 có chỉ tiêu", "Chậm nhất:"} {
		if !strings.Contains(text, want) {
			tb.Fatalf("the /status reply lacks %q:\n%s", want, text)
		}
	}
}

// BenchmarkReportDuringExport times a secretary's /report round trip on
// the national database while a leader's national /export is being drawn
// ("export"), and right after, with nothing else going on ("idle"): an
// /export is sent, its update committed, then paced /report samples are
// taken until its document arrives; as many idle samples follow. The
// export's median should stay within twice the idle one.
func BenchmarkReportDuringExport(b *testing.B) {
	db := openNational(b)
	h := runBot(b, db, telegramfake.WithLimits(30, 20))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	leader := bottest.User(nationalLeader)
	sec := bottest.User(firstSecretary + 100)                        // the secretary of nationalCode(100)
	checkNationalStatus(b, bottest.Plain(h.Send(leader, "/status"))) // warms the page cache
	documents := func() int {
		n := 0
		for _, m := range h.Fake.SentTo(leader.ID) {
			if m.Method == "sendDocument" && m.Document != nil {
				n++
			}
		}
		return n
	}
	start := time.Now()
	h.Send(leader, "/export")
	single := time.Since(start)
	if documents() != 1 {
		b.Fatal("the national /export sent no document")
	}

	replies := 0
	tick := time.NewTicker(pace)
	defer tick.Stop()
	// report sends one /report and returns when it was sent and how long
	// its reply took. An idle sample waits until the bot polls; one during
	// the export does not, as a secretary does not know of the export.
	report := func(idle bool) (time.Time, time.Duration) {
		<-tick.C
		if idle {
			if err := h.Fake.WaitPolling(ctx); err != nil {
				b.Fatal(err)
			}
		}
		start := time.Now()
		id := h.Fake.SendText(sec, "/report "+personName(3_000_000+replies))
		got, err := h.Fake.WaitSentTo(ctx, sec.ID, replies+1)
		d := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(got[replies].Plain(), "Đã ghi nhận kết nạp 1 người") {
			b.Fatalf("unexpected reply to /report: %q", got[replies].Plain())
		}
		replies++
		// Confirmed, not settled: settling waits for the whole outbox,
		// the document being drawn included.
		if err := h.Fake.WaitConfirmed(ctx, id); err != nil {
			b.Fatal(err)
		}
		return start, d
	}
	var idle, busy, first []time.Duration // first: each export's first sample
	exports := 0
	b.ResetTimer()
	for len(busy) < b.N {
		// A sample is taken while the export is under way when it was
		// sent before the document arrived, however the export is done:
		// in its update's transaction (as before it was drawn when sent)
		// or by the sender.
		sent := len(h.Fake.SentTo(leader.ID))
		arrived := make(chan time.Time, 1)
		go func() {
			_, err := h.Fake.WaitSentTo(ctx, leader.ID, sent+1)
			if err != nil {
				b.Error(err)
			}
			arrived <- time.Now()
		}()
		id := h.Fake.SendText(leader, "/export")
		var docAt time.Time
		k := 0
		for {
			start, d := report(false)
			if docAt.IsZero() {
				select {
				case docAt = <-arrived:
				default:
				}
			}
			if !docAt.IsZero() && !start.Before(docAt) {
				break
			}
			busy = append(busy, d)
			if k == 0 {
				first = append(first, d)
			}
			k++
			if !docAt.IsZero() {
				break
			}
		}
		if docAt.IsZero() {
			<-arrived
		}
		if err := h.Fake.WaitConfirmed(ctx, id); err != nil {
			b.Fatal(err)
		}
		exports++
		if exports > 10*b.N+10 {
			b.Fatalf("%d exports gave %d samples: drawing is faster than the pace", exports, len(busy))
		}
		for range max(k, 1) {
			_, d := report(true)
			idle = append(idle, d)
		}
	}
	b.StopTimer()
	reportVs(b, "export-", busy, "idle-", idle)
	fm, _ := quantiles(first)
	b.ReportMetric(fm, "first-median-ms")
	b.ReportMetric(single.Seconds(), "export-s")
	b.ReportMetric(float64(exports), "exports")
	b.ReportMetric(float64(len(busy)), "samples")
}

// BenchmarkStatusNational times a leader's /status on the national
// database: "roundtrip" from the message to the reply at the fake
// Telegram, "handler" the update's transaction alone (computation, reply
// queued, commit with fsync) through HandleUpdate on a bot that does not
// run.
func BenchmarkStatusNational(b *testing.B) {
	leader := bottest.User(nationalLeader)
	b.Run("roundtrip", func(b *testing.B) {
		db := openNational(b)
		h := runBot(b, db, telegramfake.WithLimits(30, 20))
		ctx := waitCtx(b)
		checkNationalStatus(b, bottest.Plain(h.Send(leader, "/status"))) // warms the page cache
		ds := make([]time.Duration, 0, b.N)
		tick := time.NewTicker(pace)
		defer tick.Stop()
		b.ResetTimer()
		for i := range b.N {
			b.StopTimer()
			<-tick.C
			if err := h.Fake.WaitPolling(ctx); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			id := h.Fake.SendText(leader, "/status")
			_, err := h.Fake.WaitSentTo(ctx, leader.ID, i+2)
			d := time.Since(start)
			b.StopTimer()
			if err != nil {
				b.Fatal(err)
			}
			ds = append(ds, d)
			h.Settle(id)
		}
		reportStatus(b, ds)
	})
	// "handler" answers from the summary cached since the last change to a
	// tally; "handler-uncached" changes a tally before every /status, so
	// each one reads all 60,000 tallies again.
	b.Run("handler", func(b *testing.B) { benchStatusHandler(b, leader, false, nil) })
	b.Run("handler-uncached", func(b *testing.B) { benchStatusHandler(b, leader, true, nil) })
	// "term" gives every organization a quota for the term 2026-2030 and
	// an imported total for each of the six years before, so /status also
	// sums the term over 60,000 organizations and averages the years.
	b.Run("term-handler", func(b *testing.B) { benchStatusHandler(b, leader, false, addNationalTerm) })
	b.Run("term-handler-uncached", func(b *testing.B) { benchStatusHandler(b, leader, true, addNationalTerm) })
	// "term-first" is the first /status after a start, on the database of
	// "term": nothing is cached, so it reads every term quota and every
	// imported total once.
	b.Run("term-first", func(b *testing.B) { benchStatusFirst(b, leader) })
}

// nationalTerm is the national database with addNationalTerm's term
// quotas and imported totals, built once per process like national.
var nationalTerm template

// nationalTermCopy is a fresh copy of nationalTerm in the benchmark's own
// folder.
func nationalTermCopy(tb testing.TB) string {
	tb.Helper()
	nationalTerm.once.Do(func() {
		// Its own folder, since the benchmark's is removed when it ends.
		nationalTerm.dir, nationalTerm.err = os.MkdirTemp("", "quotabot-national-term-")
		if nationalTerm.err != nil {
			return
		}
		path := filepath.Join(nationalTerm.dir, "national-term.db")
		if nationalTerm.err = os.Rename(nationalCopy(tb), path); nationalTerm.err != nil {
			return
		}
		db, err := storage.Open(path, storage.Options{NoSync: true})
		if err != nil {
			nationalTerm.err = err
			return
		}
		addNationalTerm(tb, db)
		if nationalTerm.err = db.Close(); nationalTerm.err == nil {
			nationalTerm.path = path
		}
	})
	if nationalTerm.err != nil {
		tb.Fatalf("building the national database with a term: %v", nationalTerm.err)
	}
	dst := filepath.Join(tb.TempDir(), "quotabot-term.db")
	if err := copyFile(nationalTerm.path, dst); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// benchStatusFirst times the first /status of a process: each iteration
// opens a fresh copy of the database and starts a bot on it, outside the
// timer, then times its first /status through HandleUpdate. The copy is
// just written, so its pages are in the page cache, as after a restart.
// Each iteration copies 160 MB, so it runs at most firstStatusRuns times,
// whatever -benchtime says.
func benchStatusFirst(b *testing.B, leader models.User) {
	clock := &bottest.Clock{}
	clock.Set(bottest.At(2026, 6, 15, 10, 0))
	runs := min(b.N, firstStatusRuns)
	ds := make([]time.Duration, 0, runs)
	var cpu time.Duration
	b.StopTimer()
	for i := range runs {
		path := nationalTermCopy(b)
		db, err := storage.Open(path, storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		opts := benchOptions(clock)
		opts.Token, opts.APIURL = bottest.Token, "http://127.0.0.1:1" // never called: the bot does not run
		qa, err := app.New(db, opts)
		if err != nil {
			b.Fatal(err)
		}
		upd := models.Update{ID: int64(i + 1), Message: &models.Message{
			ID: i + 1, From: &leader, Date: int(clock.Now().Unix()),
			Chat: models.Chat{ID: leader.ID, Type: models.ChatTypePrivate}, Text: "/status",
		}}
		cpu0, cpuOK := processCPU()
		b.StartTimer()
		start := time.Now()
		if err := qa.Bot.HandleUpdate(context.Background(), &upd); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
		b.StopTimer()
		if cpu1, ok := processCPU(); ok && cpuOK {
			cpu += cpu1 - cpu0
		}
		msgs, err := db.PendingOutgoing(10, nil)
		if err != nil {
			b.Fatalf("reading the outbox: %v", err)
		}
		reply := slices.IndexFunc(msgs, func(m storage.Outgoing) bool { return m.Kind == storage.KindMessage })
		if reply < 0 {
			b.Fatalf("the reply was not queued: %v", msgs)
		}
		checkNationalStatus(b, msgs[reply].Text)
		if !strings.Contains(msgs[reply].Text, "Giai đoạn 2026-2030") {
			b.Fatalf("the first /status lacks the term:\n%s", msgs[reply].Text)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Remove(path); err != nil {
			b.Fatal(err)
		}
	}
	// In clock ticks of 10 ms: a figure over a few iterations.
	b.ReportMetric(ms(cpu)/float64(runs), "cpu-ms")
	b.ReportMetric(float64(runs), "runs")
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(runs), "ns/op") // over the runs, not b.N
	reportStatus(b, ds)
}

// firstStatusRuns bounds the fresh starts of benchStatusFirst.
const firstStatusRuns = 20

// addNationalTerm gives every organization a term quota and the six years
// before as imported totals. They are written in key order, one year per
// transaction: bbolt keeps a transaction's new keys in one growing node
// until it commits, so keys written out of order (organization by
// organization, six years each) move the node's whole tail every time.
func addNationalTerm(tb testing.TB, db *storage.DB) {
	tb.Helper()
	term := quota.Term{From: 2026, To: 2030}
	js := make([]int, nationalOrgs)
	for j := range js {
		js[j] = j
	}
	slices.SortFunc(js, func(a, b int) int { return strings.Compare(nationalCode(a), nationalCode(b)) })
	err := db.Update(func(tx *storage.Tx) error {
		for _, j := range js {
			if _, err := tx.SetTermQuota(nationalCode(j), term, quota.QuotaValue{Quota: 5 * nationalQuota(j)}); err != nil {
				return err
			}
		}
		return nil
	})
	for y := 2019; y <= 2024 && err == nil; y++ {
		err = db.Update(func(tx *storage.Tx) error {
			for _, j := range js {
				if _, err := tx.SetPastTotal(quota.PastTotal{Org: nationalCode(j), Year: y, Admitted: (j + y) % 7}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		tb.Fatal(err)
	}
}

func benchStatusHandler(b *testing.B, leader models.User, uncached bool, prepare func(testing.TB, *storage.DB)) {
	{
		db := openNational(b)
		if prepare != nil {
			prepare(b, db)
		}
		clock := &bottest.Clock{}
		clock.Set(bottest.At(2026, 6, 15, 10, 0))
		opts := benchOptions(clock)
		opts.Token, opts.APIURL = bottest.Token, "http://127.0.0.1:1" // never called: the bot does not run
		qa, err := app.New(db, opts)
		if err != nil {
			b.Fatal(err)
		}
		qb := qa.Bot
		ctx := context.Background()
		var updateID int64
		handle := func() time.Duration {
			updateID++
			upd := models.Update{ID: updateID, Message: &models.Message{
				ID: int(updateID), From: &leader, Date: int(clock.Now().Unix()),
				Chat: models.Chat{ID: leader.ID, Type: models.ChatTypePrivate}, Text: "/status",
			}}
			start := time.Now()
			if err := qb.HandleUpdate(ctx, &upd); err != nil {
				b.Fatal(err)
			}
			return time.Since(start)
		}
		handle() // warms the page cache
		// A first contact also queues the person's menu; the reply is the
		// message among them.
		msgs, err := db.PendingOutgoing(10, nil)
		if err != nil {
			b.Fatalf("reading the outbox: %v", err)
		}
		reply := slices.IndexFunc(msgs, func(m storage.Outgoing) bool { return m.Kind == storage.KindMessage })
		if reply < 0 {
			b.Fatalf("the reply was not queued: %v", msgs)
		}
		checkNationalStatus(b, msgs[reply].Text)
		ds := make([]time.Duration, 0, b.N)
		cpu0, cpuOK := processCPU()
		b.ResetTimer()
		for range b.N {
			if uncached {
				b.StopTimer()
				// Writing a quota, even the same one, is a change to a
				// tally: the next summary is computed afresh.
				if err := db.Update(func(tx *storage.Tx) error {
					_, err := tx.SetQuota(2026, nationalCode(0), tx.Tally(2026, nationalCode(0)).Quota)
					return err
				}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			ds = append(ds, handle())
		}
		b.StopTimer()
		if cpu1, ok := processCPU(); ok && cpuOK && !uncached {
			// Nothing else runs in the process, so this is the handler's
			// CPU time, the garbage collector's included, whatever else
			// the machine is doing.
			b.ReportMetric(ms(cpu1-cpu0)/float64(b.N), "cpu-ms")
		}
		reportStatus(b, ds)
	}
}

// processCPU is the user and system CPU time of the process so far, from
// /proc/self/stat in clock ticks of 10 ms; false where there is no /proc.
func processCPU() (time.Duration, bool) {
	st, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the command name, which is in parentheses.
	_, rest, ok := strings.Cut(string(st), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}

func reportStatus(b *testing.B, ds []time.Duration) {
	m, p := quantiles(ds)
	b.ReportMetric(m, "median-ms")
	b.ReportMetric(p, "p99-ms")
	b.ReportMetric(nationalOrgs, "orgs")
	b.ReportMetric(nationalAdmissions, "admissions")
}

// rssEnv names the database the child process of BenchmarkResidentMemory
// opens.
const rssEnv = "QUOTABOT_RSS_DB"

// memoryCalls is how many /status and how many /report the measured
// process answers before its memory is read.
const memoryCalls = 150

// TestResidentMemoryProcess is the measured process of
// BenchmarkResidentMemory: a process that did nothing but open the
// national database, run the bot, and answer requests.
func TestResidentMemoryProcess(t *testing.T) {
	path := os.Getenv(rssEnv)
	if path == "" {
		t.Skip("run by BenchmarkResidentMemory")
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	h := runBot(t, db, telegramfake.WithLimits(30, 20))
	leader := bottest.User(nationalLeader)
	for i := range memoryCalls {
		checkNationalStatus(t, bottest.Plain(h.Send(leader, "/status")))
		// Secretaries spread over the whole committee, as real traffic is.
		sec := bottest.User(firstSecretary + int64((i*7919)%nationalOrgs))
		if got := h.Reply(sec, "/report "+personName(3_000_000+i)); !strings.Contains(got, "Đã ghi nhận kết nạp 1 người") {
			t.Fatalf("unexpected reply to /report: %q", got)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	st, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	gc := debug.SetGCPercent(-1)
	debug.SetGCPercent(gc)
	fmt.Printf("memory: %s heap_inuse_kb=%d sys_kb=%d db_map_kb=%d gc_percent=%d\n", procFields(string(st)), ms.HeapInuse/1024, ms.Sys/1024, mappedRss(t, path), gc)
}

// mappedRss is the resident part, in kB, of the process's mappings of
// the file at path (bbolt's map of the database), from /proc/self/smaps:
// the rest of RssFile is the program's own code.
func mappedRss(tb testing.TB, path string) int { return mappedRssOf(tb, "self", path) }

// mappedRssOf is mappedRss of the process pid ("self" for this one).
func mappedRssOf(tb testing.TB, pid, path string) int {
	f, err := os.Open("/proc/" + pid + "/smaps")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		// A mapping's first line is its address range; the lines of its
		// figures are "Name: value kB".
		if !strings.HasSuffix(fields[0], ":") {
			in = len(fields) >= 6 && fields[len(fields)-1] == path
			continue
		}
		if in && fields[0] == "Rss:" && len(fields) >= 2 {
			n, err := strconv.Atoi(fields[1])
			if err == nil {
				kb += n
			}
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return kb
}

// procFields picks the resident-memory lines of /proc/self/status as
// key=kB pairs.
func procFields(status string) string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(status))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch k {
		case "VmRSS", "VmHWM", "RssAnon", "RssFile":
			out = append(out, k+"="+strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	return strings.Join(out, " ")
}

var memory struct {
	once    sync.Once
	metrics map[string]float64
	elapsed time.Duration
}

// BenchmarkResidentMemory reads the resident memory of a fresh process
// (the test binary run again for TestResidentMemoryProcess) that opened
// the national database and answered 150 /status and 150 /report through
// the fake Telegram, with quotabot serve's garbage collector target
// (app.TuneGC). A child process keeps the memory of building the
// database out of the figure. rss-db-map-MB is the part of the file-backed
// memory that is bbolt's map of the database, the rest of it being the
// program's code; the kernel maps the pages already cached around each
// page read (64 KB), so it counts more than the pages bbolt reads. It
// runs once per process; b.N is ignored.
func BenchmarkResidentMemory(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc/self/status")
	}
	memory.once.Do(func() {
		path := nationalCopy(b)
		start := time.Now()
		cmd := exec.Command(os.Args[0], "-test.run=^TestResidentMemoryProcess$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), rssEnv+"="+path)
		out, err := cmd.CombinedOutput()
		memory.elapsed = time.Since(start)
		if err != nil {
			b.Fatalf("the measured process failed: %v\n%s", err, out)
		}
		memory.metrics = map[string]float64{}
		for line := range strings.Lines(string(out)) {
			rest, ok := strings.CutPrefix(line, "memory: ")
			if !ok {
				continue
			}
			for _, f := range strings.Fields(rest) {
				k, v, _ := strings.Cut(f, "=")
				n, err := strconv.ParseFloat(v, 64)
				switch {
				case err != nil:
				case k == "gc_percent":
					memory.metrics[k] = n
				default: // kB
					memory.metrics[k] = n / 1024
				}
			}
		}
		if _, ok := memory.metrics["VmRSS"]; !ok {
			b.Fatalf("no memory figures in the measured process's output:\n%s", out)
		}
		if fi, err := os.Stat(path); err == nil {
			memory.metrics["db"] = float64(fi.Size()) / (1 << 20)
		}
	})
	if memory.metrics == nil {
		b.Fatal("the measurement failed")
	}
	b.ReportMetric(float64(memory.elapsed.Nanoseconds())/float64(b.N), "ns/op")
	for _, m := range []struct{ key, unit string }{
		{"VmRSS", "rss-MB"}, {"VmHWM", "peak-rss-MB"}, {"RssAnon", "rss-anon-MB"}, {"RssFile", "rss-file-MB"},
		{"heap_inuse_kb", "heap-inuse-MB"}, {"db_map_kb", "rss-db-map-MB"}, {"db", "db-file-MB"}, {"gc_percent", "gc-percent"},
	} {
		b.ReportMetric(memory.metrics[m.key], m.unit)
	}
}

var serveMemory struct {
	once    sync.Once
	metrics map[string]float64
	elapsed time.Duration
}

// BenchmarkServeResidentMemory is BenchmarkResidentMemory of quotabot
// itself: the binary built from cmd/quotabot, run as `quotabot serve` on
// a copy of the national database against a fake Telegram in this
// process, answering the same 150 /status and 150 /report. The test
// binary measured there also holds the fake Telegram, its records of
// every message and its code; this one holds only quotabot. It runs once
// per process; b.N is ignored.
func BenchmarkServeResidentMemory(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc/<pid>/status")
	}
	serveMemory.once.Do(func() {
		dir := b.TempDir()
		binary := filepath.Join(dir, "quotabot")
		build := exec.Command(goTool(), "build", "-o", binary, "quotabot/cmd/quotabot")
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("building quotabot: %v\n%s", err, out)
		}
		path := nationalCopy(b)
		// A token of the shape @BotFather gives, which serve's configuration requires.
		fake := telegramfake.New("123456789:AAHbenchmarkbenchmarkbenchmarkbench01", telegramfake.WithLimits(30, 20))
		defer fake.Close()
		cfg := filepath.Join(dir, "quotabot.yaml")
		body := fmt.Sprintf("telegram:\n  token: %q\n  api_url: %q\nstorage:\n  path: %q\n"+
			"schedule:\n  reminders: \"\"\n  digests: \"\"\n  escalation: \"\"\n  probation: \"\"\n  backups: \"\"\n"+
			"quiet:\n  hours: \"\"\n  days_off: []\n  holidays: []\nlog:\n  level: warn\n", fake.Token(), fake.URL(), path)
		if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(binary, "serve", "-config", cfg)
		logFile, err := os.Create(filepath.Join(dir, "quotabot.log"))
		if err != nil {
			b.Fatal(err)
		}
		defer logFile.Close()
		cmd.Stderr = logFile
		logOf := func() string { out, _ := os.ReadFile(logFile.Name()); return string(out) }
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		// The waits end when the process does, not at their timeout.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); cancel(); close(exited) }()
		defer func() { _ = cmd.Process.Kill(); <-exited }()
		leader := bottest.User(nationalLeader)
		for i := range memoryCalls {
			fake.SendText(leader, "/status")
			sent, err := fake.WaitSentTo(ctx, leader.ID, i+1)
			if err != nil {
				b.Fatalf("waiting for /status %d: %v\nquotabot's log:\n%s", i, err, logOf())
			}
			checkNationalStatus(b, bottest.Plain(sent[i:]))
			sec := bottest.User(firstSecretary + int64((i*7919)%nationalOrgs))
			fake.SendText(sec, "/report "+personName(3_000_000+i))
			got, err := fake.WaitSentTo(ctx, sec.ID, 1)
			if err != nil {
				b.Fatalf("waiting for /report %d: %v\nquotabot's log:\n%s", i, err, logOf())
			}
			if !strings.Contains(got[0].Plain(), "Đã ghi nhận kết nạp 1 người") {
				b.Fatalf("unexpected reply to /report: %q", got[0].Plain())
			}
		}
		pid := strconv.Itoa(cmd.Process.Pid)
		st, err := os.ReadFile("/proc/" + pid + "/status")
		if err != nil {
			b.Fatal(err)
		}
		serveMemory.elapsed = time.Since(start)
		serveMemory.metrics = map[string]float64{"db_map": float64(mappedRssOf(b, pid, path)) / 1024}
		for _, f := range strings.Fields(procFields(string(st))) {
			k, v, _ := strings.Cut(f, "=")
			if kb, err := strconv.ParseFloat(v, 64); err == nil {
				serveMemory.metrics[k] = kb / 1024
			}
		}
		if v := fake.Violations(); v != 0 {
			b.Fatalf("%d sends over the flood limit", v)
		}
	})
	if serveMemory.metrics == nil {
		b.Fatal("the measurement failed")
	}
	b.ReportMetric(float64(serveMemory.elapsed.Nanoseconds())/float64(b.N), "ns/op")
	for _, m := range []struct{ key, unit string }{
		{"VmRSS", "rss-MB"}, {"VmHWM", "peak-rss-MB"}, {"RssAnon", "rss-anon-MB"}, {"RssFile", "rss-file-MB"}, {"db_map", "rss-db-map-MB"},
	} {
		b.ReportMetric(serveMemory.metrics[m.key], m.unit)
	}
}

// goTool is the go command of the toolchain running the benchmarks, so a
// binary built here matches the code measured.
func goTool() string {
	if root, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		if p := filepath.Join(strings.TrimSpace(string(root)), "bin", "go"); fileExists(p) {
			return p
		}
	}
	return "go"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

var fanout struct {
	once    sync.Once
	metrics map[string]float64
	elapsed time.Duration
}

// BenchmarkFanout600 has an admin /remind 600 organizations behind, one
// secretary each, against a fake Telegram that enforces 30 messages a
// second and refuses any excess; while the reminders go out a leader asks
// /status ten times, each after the previous answer and 1.5 s apart. The
// limiters run on the real clock, so the run takes about 20 s; it runs
// once per process and b.N is ignored.
func BenchmarkFanout600(b *testing.B) {
	fanout.once.Do(func() { fanout.metrics, fanout.elapsed = runFanout(b) })
	if fanout.metrics == nil {
		b.Fatal("the fan-out failed")
	}
	b.ReportMetric(float64(fanout.elapsed.Nanoseconds())/float64(b.N), "ns/op")
	for _, k := range []string{"msgs/s", "sends/s", "over-limit", "status-median-ms", "status-max-ms", "status-during-fanout"} {
		b.ReportMetric(fanout.metrics[k], k)
	}
}

func runFanout(b *testing.B) (map[string]float64, time.Duration) {
	const orgs = 600
	const firstSec = int64(10_000)
	h := bottest.New(b, func(c *bottest.Config) {
		c.TCP = true
		c.Options.PollTimeout = benchPollTimeout
		c.FakeOptions = []telegramfake.Option{telegramfake.WithLimits(30, 20)}
	})
	leader := bottest.User(nationalLeader)
	err := h.DB.Update(func(tx *storage.Tx) error {
		for i := range orgs {
			code := fmt.Sprintf("CB_%03d", i+1)
			if _, err := tx.PutOrg(quota.Org{Code: code, Name: "Chi bộ " + syllables[i%len(syllables)] + " " + code}); err != nil {
				return err
			}
			if _, err := tx.SetQuota(2026, code, 10); err != nil {
				return err
			}
			id := firstSec + int64(i)
			if _, err := tx.PutUser(quota.User{ID: id, Role: quota.RoleSecretary, Orgs: []string{code}, ChatID: id, Lang: "vi"}); err != nil {
				return err
			}
		}
		_, err := tx.PutUser(quota.User{ID: leader.ID, Role: quota.RoleLeader, ChatID: leader.ID, Lang: "vi"})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	isReminder := func(s telegramfake.Sent) bool { return s.ChatID >= firstSec && s.ChatID < firstSec+orgs }
	firstArrived := make(chan struct{})
	allArrived := make(chan time.Time, 1)
	start := time.Now()
	go func() {
		seen, reminders := 0, 0
		for reminders < orgs {
			sent, err := h.Fake.WaitSent(ctx, seen+1)
			if err != nil {
				close(allArrived)
				return
			}
			for _, s := range sent[seen:] {
				if isReminder(s) {
					reminders++
					if reminders == 1 {
						close(firstArrived)
					}
				}
			}
			seen = len(sent)
		}
		allArrived <- time.Now()
	}()
	h.Fake.SendText(bottest.User(bottest.AdminID), "/remind")

	select {
	case <-firstArrived:
	case <-ctx.Done():
		b.Fatal("no reminder arrived")
	}
	var lat []time.Duration
	during := 0
	var doneAt time.Time
	for i := range 10 {
		if i > 0 {
			select {
			case <-time.After(1500 * time.Millisecond):
			case <-ctx.Done():
				b.Fatal(ctx.Err())
			}
		}
		t0 := time.Now()
		h.Fake.SendText(leader, "/status")
		got, err := h.Fake.WaitSentTo(ctx, leader.ID, i+1)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		if !strings.Contains(got[i].Plain(), "Tổ chức: 600 có chỉ tiêu") {
			b.Fatalf("unexpected /status reply: %q", got[i].Plain())
		}
		select {
		case t, ok := <-allArrived:
			if ok {
				doneAt = t
			}
		default:
			if doneAt.IsZero() {
				during++
			}
		}
	}
	if doneAt.IsZero() {
		t, ok := <-allArrived
		if !ok {
			b.Fatal("not every reminder arrived")
		}
		doneAt = t
	}
	elapsed := doneAt.Sub(start)
	// The reminders, the admin's confirmation and the answers to the
	// leader given while they went out.
	sends := orgs + 1 + during
	median, _ := quantiles(lat)
	return map[string]float64{
		"msgs/s":               orgs / elapsed.Seconds(),
		"sends/s":              float64(sends) / elapsed.Seconds(),
		"over-limit":           float64(h.Fake.Violations()),
		"status-median-ms":     median,
		"status-max-ms":        ms(slices.Max(lat)),
		"status-during-fanout": float64(during),
	}, elapsed
}

// BenchmarkStartNational is the start-up of a bot on the national
// database: from opening the file to the first long poll waiting at
// Telegram, the moment the bot can take a message.
func BenchmarkStartNational(b *testing.B) {
	path := nationalCopy(b)
	fake := telegramfake.New(bottest.Token)
	defer fake.Close()
	clock := &bottest.Clock{}
	clock.Set(bottest.At(2026, 6, 15, 10, 0))
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		db, err := storage.Open(path, storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		opts := benchOptions(clock)
		opts.Token, opts.APIURL = fake.Token(), fake.URL()
		qa, err := app.New(db, opts)
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- qa.Transport.Run(ctx) }()
		if err := fake.WaitPolling(waitCtx(b)); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
		b.StopTimer()
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	m, p := quantiles(ds)
	b.ReportMetric(m, "start-median-ms")
	b.ReportMetric(p, "start-p99-ms")
}

// BenchmarkNationalSize is the size of the national database file and
// how full each bucket's pages are (logged with -v). It runs once per
// process; b.N is ignored.
func BenchmarkNationalSize(b *testing.B) {
	path := nationalCopy(b)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	db, err := storage.Open(path, storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	buckets, other, err := db.Space()
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range buckets {
		if s.Bytes >= 256<<10 { // the tallies, in packs, are under 1 MB
			b.Logf("%-14s %8d keys %6.1f MB %5.1f MB in use (%3.0f %%)", s.Name, s.Keys,
				float64(s.Bytes)/(1<<20), float64(s.InUse)/(1<<20), 100*s.FillRatio)
		}
	}
	b.Logf("pages in no bucket (free, freelist, meta): %d", other)
	b.ReportMetric(float64(fi.Size())/(1<<20), "db-file-MB")
}

// BenchmarkReportNational is a secretary's /report handled on the
// national database by a bot that does not run: the update's
// transaction with its commit, whose pages (and freelist) are those of
// the national file.
func BenchmarkReportNational(b *testing.B) {
	db := openNational(b)
	clock := &bottest.Clock{}
	clock.Set(bottest.At(2026, 6, 15, 10, 0))
	opts := benchOptions(clock)
	opts.Token, opts.APIURL = bottest.Token, "http://127.0.0.1:1" // never called: the bot does not run
	qa, err := app.New(db, opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ds := make([]time.Duration, 0, b.N)
	for i := range b.N + 1 {
		k := int64(i * 7919 % (nationalUsers - nationalLeaders - nationalSpecialist))
		sec := bottest.User(firstSecretary + k)
		upd := models.Update{ID: int64(i + 1), Message: &models.Message{ID: i + 1, From: &sec, Date: int(clock.Now().Unix()),
			Chat: models.Chat{ID: sec.ID, Type: models.ChatTypePrivate}, Text: "/report " + personName(3_000_000+i)}}
		start := time.Now()
		if err := qa.Bot.HandleUpdate(ctx, &upd); err != nil {
			b.Fatal(err)
		}
		if i > 0 { // the first reads the pages into memory
			ds = append(ds, time.Since(start))
		}
	}
	var admitted int
	if err := db.View(func(tx *storage.Tx) error {
		return tx.EachTally(2026, func(_ string, t quota.Tally) error { admitted += t.Admitted; return nil })
	}); err != nil {
		b.Fatal(err)
	}
	if admitted != nationalAdmissions+b.N+1 {
		b.Fatalf("%d admissions after %d reports on %d", admitted, b.N+1, nationalAdmissions)
	}
	m, p := quantiles(ds)
	b.ReportMetric(m, "median-ms")
	b.ReportMetric(p, "p99-ms")
}
