package webapp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/demo"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/webapp"
)

// dash is a bot on the demonstration committee with its dashboard.
type dash struct {
	h   *bottest.Harness
	srv *httptest.Server
	log *bytes.Buffer
}

// Users of the matrix beyond the demonstration's own.
const (
	stranger     int64 = 777
	baseSecOfTCT int64 = 2100 // secretary of the base committee DU_TCT
)

func newDash(t *testing.T) *dash {
	t.Helper()
	h := bottest.New(t)
	require.NoError(t, demo.Seed(h.DB, quota.DateOf(h.Clock.Now())))
	h.Register(baseSecOfTCT, quota.RoleSecretary, "DU_TCT")
	var buf bytes.Buffer
	s := webapp.New(h.DB, h.Bot.Dashboard(), webapp.Options{
		Token: bottest.Token, MaxAge: time.Hour, Now: h.Clock.Now,
		Log: slog.New(slog.NewTextHandler(&buf, nil)),
	})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &dash{h: h, srv: srv, log: &buf}
}

func (d *dash) initData(t *testing.T, id int64, lang string) string {
	t.Helper()
	raw, err := webapp.Sign(webapp.WebUser{ID: id, FirstName: "Người", LastName: "Thử", Username: "nguoithu", LanguageCode: lang}, bottest.Token, d.h.Clock.Now())
	require.NoError(t, err)
	return raw
}

// call makes an API call as the user and decodes the answer into out.
func (d *dash) call(t *testing.T, auth, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, d.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", "tma "+auth)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if out != nil && resp.StatusCode == http.StatusOK {
		require.NoError(t, json.Unmarshal(data, out), "%s", data)
	}
	return resp.StatusCode
}

func (d *dash) get(t *testing.T, id int64, path string, out any) int {
	t.Helper()
	return d.call(t, d.initData(t, id, "vi"), http.MethodGet, path, "", out)
}

func TestSignatureIsCheckedOnEveryRoute(t *testing.T) {
	d := newDash(t)
	good := d.initData(t, demo.Leader, "vi")
	var me struct{ Role string }
	require.Equal(t, http.StatusOK, d.call(t, good, http.MethodGet, "/api/me", "", &me))
	assert.Equal(t, "leader", me.Role)

	tampered := strings.Replace(good, "1001", "1000", 1) // the leader made admin
	expired, err := webapp.Sign(webapp.WebUser{ID: demo.Leader, FirstName: "Người"}, bottest.Token, d.h.Clock.Now().Add(-2*time.Hour))
	require.NoError(t, err)
	otherBot, err := webapp.Sign(webapp.WebUser{ID: demo.Leader, FirstName: "Người"}, "999999:ANOTHER-bots-token", d.h.Clock.Now())
	require.NoError(t, err)
	routes := []struct{ method, path, body string }{
		{"GET", "/api/me", ""}, {"GET", "/api/summary", ""}, {"GET", "/api/orgs", ""},
		{"GET", "/api/org?code=CB_05", ""}, {"GET", "/api/search?q=nguyen&scope=CB_05", ""},
		{"GET", "/api/chart", ""}, {"POST", "/api/send", `{"what":"export"}`},
	}
	for _, bad := range []struct{ name, auth string }{
		{"missing", ""}, {"tampered", tampered}, {"expired", expired}, {"another bot's token", otherBot},
	} {
		for _, r := range routes {
			assert.Equal(t, http.StatusUnauthorized, d.call(t, bad.auth, r.method, r.path, r.body, nil), "%s initData on %s %s", bad.name, r.method, r.path)
		}
	}
	// Nothing was sent for a refused call, and the log holds the reasons
	// but nothing of the person.
	assert.Empty(t, d.h.Fake.SentTo(demo.Leader))
	logged := d.log.String()
	assert.Contains(t, logged, webapp.ErrBadSignature.Error())
	assert.Contains(t, logged, webapp.ErrExpired.Error())
	assert.Contains(t, logged, webapp.ErrNoInitData.Error())
	for _, personal := range []string{"1001", "Người", "nguoithu", "hash", "auth_date"} {
		assert.NotContains(t, logged, personal)
	}
}

// TestAuthorizationMatrix puts every role against every route: what the
// chat lets each read, the dashboard lets them read, and nothing more.
func TestAuthorizationMatrix(t *testing.T) {
	d := newDash(t)
	secCB05 := demo.Secretary + 4 // CB_05
	type who struct {
		name string
		id   int64
	}
	people := []who{{"admin", demo.Admin}, {"config admin", bottest.AdminID}, {"leader", demo.Leader},
		{"specialist", demo.Specialist}, {"secretary CB_05", secCB05}, {"secretary DU_TCT", baseSecOfTCT}, {"stranger", stranger}}
	ok, no, unk := http.StatusOK, http.StatusForbidden, http.StatusNotFound
	//                                       admin cfgadm leader spec secCB05 secTCT stranger
	matrix := []struct {
		method, path, body string
		want               [7]int
	}{
		{"GET", "/api/me", "", [7]int{ok, ok, ok, ok, ok, ok, no}},
		{"GET", "/api/summary", "", [7]int{ok, ok, ok, ok, ok, ok, no}},
		{"GET", "/api/orgs", "", [7]int{ok, ok, ok, ok, ok, ok, no}},
		{"GET", "/api/orgs?parent=DU_TCT", "", [7]int{ok, ok, ok, ok, no, ok, no}},
		{"GET", "/api/orgs?parent=CB_06", "", [7]int{ok, ok, ok, ok, no, no, no}},
		{"GET", "/api/org?code=CB_05", "", [7]int{ok, ok, ok, ok, ok, no, no}},
		{"GET", "/api/org?code=CB_06", "", [7]int{ok, ok, ok, ok, no, no, no}},
		{"GET", "/api/org?code=CB_11", "", [7]int{ok, ok, ok, ok, no, ok, no}},
		{"GET", "/api/org?code=NOPE", "", [7]int{unk, unk, unk, unk, no, no, no}},
		{"GET", "/api/search?q=nguyen&scope=CB_06", "", [7]int{ok, ok, ok, ok, no, no, no}},
		{"GET", "/api/search?q=nguyen&scope=CB_12", "", [7]int{ok, ok, ok, ok, no, ok, no}},
		{"GET", "/api/search?q=nguyen", "", [7]int{ok, ok, ok, ok, ok, ok, no}},
		{"GET", "/api/chart", "", [7]int{ok, ok, ok, ok, ok, ok, no}},
		{"GET", "/api/chart?code=CB_06", "", [7]int{ok, ok, ok, ok, no, no, no}},
		{"POST", "/api/send", `{"what":"export","year":2026}`, [7]int{ok, ok, ok, ok, no, no, no}},
	}
	for _, m := range matrix {
		for i, p := range people {
			got := d.call(t, d.initData(t, p.id, "vi"), m.method, m.path, m.body, nil)
			assert.Equal(t, m.want[i], got, "%s: %s %s", p.name, m.method, m.path)
		}
	}
}

type progress struct {
	Code, Name, Tally, Pct, Status string
	Admitted, Quota, Expected      int
	Shortfall                      int
}

func TestSecretarySeesOnlyTheirOwn(t *testing.T) {
	d := newDash(t)
	sec := demo.Secretary + 4
	var sum struct {
		Scope    string
		Progress progress
	}
	require.Equal(t, http.StatusOK, d.get(t, sec, "/api/summary", &sum))
	assert.Equal(t, "org", sum.Scope)
	assert.Equal(t, "CB_05", sum.Progress.Code)
	assert.Equal(t, "2/17", sum.Progress.Tally)

	var tree struct {
		Total int
		Items []progress
	}
	require.Equal(t, http.StatusOK, d.get(t, sec, "/api/orgs", &tree))
	require.Equal(t, 1, tree.Total)
	assert.Equal(t, "CB_05", tree.Items[0].Code)

	var found struct {
		Orgs   []struct{ Code string }
		People []struct{ Name string }
	}
	// "Chi bộ" is in every name; a secretary finds their own only.
	require.Equal(t, http.StatusOK, d.get(t, sec, "/api/search?q=chi+bo", &found))
	require.Len(t, found.Orgs, 1)
	assert.Equal(t, "CB_05", found.Orgs[0].Code)
	for _, p := range found.People {
		assert.Contains(t, quota.SearchKey(p.Name), "chi bo")
	}

	// The base committee's secretary reads its cells.
	require.Equal(t, http.StatusOK, d.get(t, baseSecOfTCT, "/api/orgs?parent=DU_TCT", &tree))
	assert.Equal(t, 4, tree.Total)
}

type summary struct {
	Scope     string
	Year      int
	On        string
	Progress  progress
	WithQuota int `json:"with_quota"`
	Met       int
	Behind    int
	AtRisk    int `json:"at_risk"`
	LastYear  int `json:"last_year"`
	Furthest  []progress
}

// TestFiguresEqualStatus reads the same committee through /status and
// through the dashboard: every figure the page shows is the chat's.
func TestFiguresEqualStatus(t *testing.T) {
	d := newDash(t)
	for _, lang := range []string{"vi", "en"} {
		user := bottest.User(demo.Leader)
		if lang == "en" {
			user = bottest.EnglishUser(demo.Leader)
		}
		status := d.h.Reply(user, "/status")
		var s summary
		require.Equal(t, http.StatusOK, d.call(t, d.initData(t, demo.Leader, lang), "GET", "/api/summary", "", &s))
		if lang == "vi" {
			assert.Equal(t, "152/300", s.Progress.Tally)
			assert.Contains(t, status, "Đã kết nạp: "+s.Progress.Tally+" ("+s.Progress.Pct+" kế hoạch)")
			assert.Contains(t, status, fmt.Sprintf("Tổ chức: %d có chỉ tiêu; %d hoàn thành; %d chậm tiến độ", s.WithQuota, s.Met, s.Behind))
			assert.Contains(t, status, fmt.Sprintf("Cùng kỳ năm trước: %d", s.LastYear))
			assert.Contains(t, status, fmt.Sprintf("%d tổ chức", s.AtRisk))
		} else {
			assert.Contains(t, status, "Admitted: "+s.Progress.Tally+" ("+s.Progress.Pct+" of plan)")
			assert.Contains(t, status, fmt.Sprintf("Organizations: %d with a quota; %d met; %d behind pace", s.WithQuota, s.Met, s.Behind))
		}
		require.NotEmpty(t, s.Furthest)
		for _, p := range s.Furthest[:3] {
			assert.Contains(t, status, fmt.Sprintf("(%s): %s", p.Code, p.Tally))
		}
	}

	// An organization with cells, as a reader asks /status DU_TCT.
	status := d.h.Reply(bottest.User(demo.Leader), "/status DU_TCT")
	var o struct {
		Progress progress
		Advanced int
	}
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/org?code=DU_TCT", &o))
	assert.Equal(t, "25/40", o.Progress.Tally)
	assert.Contains(t, status, "Đã kết nạp: "+o.Progress.Tally+" ("+o.Progress.Pct+" kế hoạch)")
	assert.Contains(t, status, fmt.Sprintf("Theo tiến độ đến nay cần: %d; đúng tiến độ", o.Progress.Expected))
	assert.Equal(t, "on_pace", o.Progress.Status)
	assert.Contains(t, status, fmt.Sprintf("Nguồn đã được giới thiệu trở lên: %d;", o.Advanced))
	var tree struct{ Items []progress }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?parent=DU_TCT", &tree))
	require.Len(t, tree.Items, 4)
	for _, c := range tree.Items {
		assert.Contains(t, status, fmt.Sprintf("%s: %s (%s)", c.Name, c.Tally, c.Pct))
	}
	// Sorted by shortfall, the furthest behind first, as /status lists them.
	assert.Equal(t, "CB_14", tree.Items[0].Code)

	// A secretary's own, as they ask /status.
	sec := demo.Secretary + 4
	status = d.h.Reply(bottest.User(sec), "/status")
	var s summary
	require.Equal(t, http.StatusOK, d.get(t, sec, "/api/summary", &s))
	assert.Contains(t, status, "Đã kết nạp: "+s.Progress.Tally+" ("+s.Progress.Pct+" kế hoạch)")
}

func TestSendPutsTheExportInTheChat(t *testing.T) {
	d := newDash(t)
	var sent struct{ Message string }
	require.Equal(t, http.StatusOK, d.call(t, d.initData(t, demo.Leader, "vi"), "POST", "/api/send", `{"what":"export","year":2026}`, &sent))
	assert.Equal(t, "Đã gửi vào cuộc trò chuyện với bot.", sent.Message)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := d.h.Fake.WaitSentTo(ctx, demo.Leader, 1)
	require.NoError(t, err)
	require.Equal(t, "sendDocument", got[0].Method)
	require.NotNil(t, got[0].Document)
	assert.Equal(t, "ket-nap-2026.xlsx", got[0].Document.Name)
	assert.Greater(t, len(got[0].Document.Data), 1000)

	// An unknown kind or year sends nothing.
	assert.Equal(t, http.StatusBadRequest, d.call(t, d.initData(t, demo.Leader, "vi"), "POST", "/api/send", `{"what":"letters"}`, nil))
	assert.Equal(t, http.StatusBadRequest, d.call(t, d.initData(t, demo.Leader, "vi"), "POST", "/api/send", `{"what":"export","year":1999}`, nil))
	require.NoError(t, d.h.Sender.WaitIdle(ctx))
	assert.Len(t, d.h.Fake.SentTo(demo.Leader), 1)
}

// TestTheTreeFollowsEveryChange: what the dashboard keeps between calls
// is dropped by the next report, move or rename.
func TestTheTreeFollowsEveryChange(t *testing.T) {
	d := newDash(t)
	type tree struct{ Items []progress }
	find := func(tr tree, code string) progress {
		for _, it := range tr.Items {
			if it.Code == code {
				return it
			}
		}
		t.Fatalf("%s is not in the tree", code)
		return progress{}
	}
	var before, after tree
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?sort=name&limit=100", &before))
	assert.Equal(t, "25/40", find(before, "DU_TCT").Tally)

	// A cell's secretary reports; the cell and its parent count it.
	require.NoError(t, d.h.DB.Update(func(tx *storage.Tx) error {
		_, err := tx.PutUser(quota.User{ID: 2111, Role: quota.RoleSecretary, Orgs: []string{"CB_11"}, ChatID: 2111, Lang: "vi"})
		return err
	}))
	assert.Contains(t, d.h.Reply(bottest.User(2111), "/report Nguyễn Thị Mới"), "Nguyễn Thị Mới")
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?sort=name&limit=100", &after))
	assert.Equal(t, "26/40", find(after, "DU_TCT").Tally)

	// A cell moves to the top and is renamed.
	require.NoError(t, d.h.DB.Update(func(tx *storage.Tx) error {
		_, err := tx.PutOrg(quota.Org{Code: "CB_14", Name: "Chi bộ Nguyễn Trãi"})
		return err
	}))
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?sort=name&limit=100", &after))
	assert.Equal(t, "23/30", find(after, "DU_TCT").Tally)
	assert.Equal(t, "3/10", find(after, "CB_14").Tally)
	var found struct{ Orgs []struct{ Code, Name string } }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/search?q=NGUYEN+trai", &found))
	require.Len(t, found.Orgs, 1)
	assert.Equal(t, "Chi bộ Nguyễn Trãi", found.Orgs[0].Name)
}

// TestNamesOnlyWhereTheChatShowsThem: a specialist reads every figure but
// the named admissions and candidates of their own organizations only.
func TestNamesOnlyWhereTheChatShowsThem(t *testing.T) {
	d := newDash(t)
	type page struct {
		Names      bool
		Progress   progress
		Admissions []struct{ Name string }
		Candidates []struct{ Name string }
	}
	var own, other page
	require.Equal(t, http.StatusOK, d.get(t, demo.Specialist, "/api/org?code=CB_05", &own))
	assert.True(t, own.Names)
	assert.Len(t, own.Admissions, own.Progress.Admitted)
	require.Equal(t, http.StatusOK, d.get(t, demo.Specialist, "/api/org?code=CB_12", &other))
	assert.False(t, other.Names)
	assert.Equal(t, "4/10", other.Progress.Tally, "the figures are there")
	assert.Empty(t, other.Admissions)
	assert.Empty(t, other.Candidates)
	var found struct{ People []struct{ Name string } }
	require.Equal(t, http.StatusOK, d.get(t, demo.Specialist, "/api/search?q=nguyen&scope=DU_TCT", &found))
	assert.Empty(t, found.People)
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/search?q=nguyen&scope=DU_TCT", &found))
	assert.NotEmpty(t, found.People)
}

// TestAYearBeforeQuotabot: a year known only by imported totals reads as
// /status reads it.
func TestAYearBeforeQuotabot(t *testing.T) {
	d := newDash(t)
	require.NoError(t, d.h.DB.Update(func(tx *storage.Tx) error {
		// The demo's own totals of the years before the bot give way to
		// the ones of this test.
		for _, c := range tx.Subtree("DU_TCT") {
			if err := tx.DeletePastTotal(2023, c); err != nil {
				return err
			}
		}
		for _, p := range []quota.PastTotal{{Org: "CB_11", Year: 2023, Admitted: 6}, {Org: "CB_12", Year: 2023, Admitted: 3}} {
			if _, err := tx.SetPastTotal(p); err != nil {
				return err
			}
		}
		_, err := tx.SetQuota(2023, "CB_11", 8)
		return err
	}))
	status := d.h.Reply(bottest.User(demo.Leader), "/status DU_TCT 2023")
	var o struct{ Progress progress }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/org?code=DU_TCT&year=2023", &o))
	assert.Equal(t, "9/8", o.Progress.Tally)
	assert.Contains(t, status, "9/8")
	var tree struct{ Items []progress }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?year=2023&sort=name&limit=100", &tree))
	for _, it := range tree.Items {
		if it.Code == "DU_TCT" {
			assert.Equal(t, "9/8", it.Tally)
			return
		}
	}
	t.Fatal("DU_TCT is not in the tree")
}

// TestTheTermAtAGlance: the term's standing beside the year, as /status
// writes it, for the committee and for an organization with its cells.
func TestTheTermAtAGlance(t *testing.T) {
	d := newDash(t)
	term := quota.Term{From: 2026, To: 2030}
	require.NoError(t, d.h.DB.Update(func(tx *storage.Tx) error {
		for code, n := range map[string]int{"DU_TCT": 150, "CB_01": 90, "CB_05": 80} {
			if _, err := tx.SetTermQuota(code, term, quota.QuotaValue{Quota: n}); err != nil {
				return err
			}
		}
		return nil
	}))
	type withTerm struct {
		Term *struct {
			Span string
			progress
		}
	}
	for _, c := range []struct{ path, status string }{
		{"/api/summary", "/status"},
		{"/api/org?code=DU_TCT", "/status DU_TCT"},
	} {
		status := d.h.Reply(bottest.User(demo.Leader), c.status)
		var got withTerm
		require.Equal(t, http.StatusOK, d.get(t, demo.Leader, c.path, &got))
		require.NotNil(t, got.Term, c.path)
		assert.Equal(t, "2026-2030", got.Term.Span)
		assert.Contains(t, status, fmt.Sprintf("Giai đoạn 2026-2030: %s (%s)", got.Term.Tally, got.Term.Pct), c.path)
		if got.Term.Shortfall > 0 {
			assert.Contains(t, status, fmt.Sprintf("cần %d; còn thiếu %d", got.Term.Expected, got.Term.Shortfall), c.path)
		}
	}
	var none withTerm
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/org?code=CB_02", &none))
	assert.Nil(t, none.Term, "an organization with no term quota")
}

// TestLanguageFollowsTheChat: Vietnamese by default, English for an
// English Telegram, unless the person chose a language with /lang.
func TestLanguageFollowsTheChat(t *testing.T) {
	d := newDash(t)
	type me struct {
		Lang     string
		RoleName string `json:"role_name"`
		Texts    struct{ Title string }
	}
	var vi, en, chosen me
	require.Equal(t, http.StatusOK, d.call(t, d.initData(t, demo.Leader, "vi"), "GET", "/api/me", "", &vi))
	assert.Equal(t, "vi", vi.Lang)
	assert.Equal(t, "Tiến độ kết nạp đảng viên", vi.Texts.Title)
	assert.Equal(t, "lãnh đạo", vi.RoleName)
	require.Equal(t, http.StatusOK, d.call(t, d.initData(t, demo.Leader, "en-GB"), "GET", "/api/me", "", &en))
	assert.Equal(t, "en", en.Lang)
	assert.Equal(t, "Party admissions", en.Texts.Title)
	var s summary
	require.Equal(t, http.StatusOK, d.call(t, d.initData(t, demo.Leader, "en"), "GET", "/api/summary", "", &s))
	assert.Equal(t, "50.7%", s.Progress.Pct)

	d.h.Reply(bottest.User(demo.Leader), "/lang vi")
	require.Equal(t, http.StatusOK, d.call(t, d.initData(t, demo.Leader, "en"), "GET", "/api/me", "", &chosen))
	assert.Equal(t, "vi", chosen.Lang, "a language chosen in chat holds on the dashboard")
}

// TestSendsWhatTheChatSends: a button for each document the chat sends,
// the drafted report too once the chat drafts it.
func TestSendsWhatTheChatSends(t *testing.T) {
	d := newDash(t)
	var me struct{ Sends []string }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/me", &me))
	sends := d.h.Bot.Dashboard().Sends()
	require.Len(t, me.Sends, len(sends))
	for _, what := range me.Sends {
		cmd, ok := sends[what]
		require.True(t, ok, what)
		before := len(d.h.Fake.SentTo(demo.Leader))
		require.Equal(t, http.StatusOK, d.call(t, d.initData(t, demo.Leader, "vi"), "POST", "/api/send", `{"what":"`+what+`"}`, nil), cmd)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		got, err := d.h.Fake.WaitSentTo(ctx, demo.Leader, before+1)
		cancel()
		require.NoError(t, err, cmd)
		assert.NotNil(t, got[len(got)-1].Document, "%s sends a document", cmd)
	}
	var sec struct{ Sends []string }
	require.Equal(t, http.StatusOK, d.get(t, demo.Secretary+4, "/api/me", &sec))
	assert.Empty(t, sec.Sends, "a secretary has no /export in chat either")
}

// TestQuotaHistoryNamesTheDecisions: each year's quota of an organization
// with the decision behind it and the values a later decision replaced.
func TestQuotaHistoryNamesTheDecisions(t *testing.T) {
	d := newDash(t)
	// Dated after the demo's own decisions for CB_05 (15/01 and 10/04), so
	// these two are the latest.
	first := quota.Decision{Number: "2323-QĐ/ĐUK", Date: quota.Date{Year: 2026, Month: 5, Day: 11}}
	later := quota.Decision{Number: "2400-QĐ/ĐUK", Date: quota.Date{Year: 2026, Month: 6, Day: 2}}
	require.NoError(t, d.h.DB.Update(func(tx *storage.Tx) error {
		if _, err := tx.SetYearQuota(2026, "CB_05", quota.QuotaValue{Quota: 15, Decision: first}); err != nil {
			return err
		}
		_, err := tx.SetYearQuota(2026, "CB_05", quota.QuotaValue{Quota: 17, Decision: later})
		return err
	}))
	var o struct {
		History []struct {
			Year     int
			Tally    string
			Decision string
			Earlier  []string
		}
	}
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/org?code=CB_05", &o))
	require.NotEmpty(t, o.History)
	h := o.History[0]
	assert.Equal(t, 2026, h.Year)
	assert.Equal(t, "2/17", h.Tally)
	assert.Equal(t, later.String(), h.Decision)
	require.NotEmpty(t, h.Earlier)
	assert.Contains(t, h.Earlier[len(h.Earlier)-1], "15 ("+first.String()+")")
}

// TestTheTreeIsPaginated: pages of the tree put together are the whole
// level once, in the order asked, whatever the page size.
func TestTheTreeIsPaginated(t *testing.T) {
	d := newDash(t)
	for _, by := range []string{"shortfall", "percent", "name"} {
		var all struct {
			Total int
			Items []progress
		}
		require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?limit=100&sort="+by, &all))
		require.Equal(t, all.Total, len(all.Items))
		require.Greater(t, all.Total, 20)
		var paged []string
		for off := 0; off < all.Total; off += 7 {
			var page struct {
				Total, Offset int
				Items         []progress
			}
			require.Equal(t, http.StatusOK, d.get(t, demo.Leader, fmt.Sprintf("/api/orgs?limit=7&offset=%d&sort=%s", off, by), &page))
			assert.Equal(t, all.Total, page.Total)
			assert.Equal(t, off, page.Offset)
			assert.LessOrEqual(t, len(page.Items), 7)
			for _, it := range page.Items {
				paged = append(paged, it.Code)
			}
		}
		var whole []string
		for _, it := range all.Items {
			whole = append(whole, it.Code)
		}
		assert.Equal(t, whole, paged, by)
	}
	var capped struct{ Items []progress }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?limit=100000", &capped))
	assert.LessOrEqual(t, len(capped.Items), 100)
}

// TestNoYearWarningWhenTheTermDrives: with reminders.by term, /status
// warns of no organization at risk of missing the year, nor does the page.
func TestNoYearWarningWhenTheTermDrives(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.RemindBy = quota.DriveTerm })
	require.NoError(t, demo.Seed(h.DB, quota.DateOf(h.Clock.Now())))
	srv := httptest.NewServer(webapp.New(h.DB, h.Bot.Dashboard(), webapp.Options{Token: bottest.Token, Now: h.Clock.Now}))
	t.Cleanup(srv.Close)
	d := &dash{h: h, srv: srv}
	status := h.Reply(bottest.User(demo.Leader), "/status")
	assert.NotContains(t, status, "Nguy cơ không hoàn thành (kể cả")
	var s struct {
		Risky []progress
		Facts []struct{ ID string }
	}
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/summary", &s))
	assert.Empty(t, s.Risky)
	for _, f := range s.Facts {
		assert.NotEqual(t, "fact-at-risk", f.ID)
	}
}

// TestADeactivatedOrganizationCountsNowhere: from its deactivation on, an
// organization counts in no total of the tree, as in /status.
func TestADeactivatedOrganizationCountsNowhere(t *testing.T) {
	d := newDash(t)
	d.h.Reply(bottest.User(demo.Admin), "/org CB_11 off")
	status := d.h.Reply(bottest.User(demo.Leader), "/status DU_TCT")
	var o struct{ Progress progress }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/org?code=DU_TCT", &o))
	assert.Equal(t, "17/30", o.Progress.Tally, "CB_11's 8/10 left out")
	assert.Contains(t, status, "Đã kết nạp: "+o.Progress.Tally)
	var tree struct{ Items []progress }
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/orgs?sort=name&limit=100", &tree))
	for _, it := range tree.Items {
		if it.Code == "DU_TCT" {
			assert.Equal(t, o.Progress.Tally, it.Tally)
		}
	}
	// The committee's line is /status's, whatever it counts.
	var s summary
	require.Equal(t, http.StatusOK, d.get(t, demo.Leader, "/api/summary", &s))
	assert.Equal(t, 290, s.Progress.Quota, "CB_11's quota left out")
	assert.Contains(t, d.h.Reply(bottest.User(demo.Leader), "/status"), "Đã kết nạp: "+s.Progress.Tally+" ("+s.Progress.Pct)
}
