package webapp

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// Chat is what the dashboard takes from the chat side: who a person is,
// the figures /status computes and the chat's words. The bot implements
// it; the dashboard computes no figure of its own.
type Chat interface {
	Who(tx *storage.Tx, id int64, languageCode string) (u quota.User, lang string, ok bool)
	Today() quota.Date
	AsOf(year int, today quota.Date) quota.Date
	Summary(tx *storage.Tx, year int, today quota.Date, keep int) (quota.Summary, error)
	OrgProgress(tx *storage.Tx, code string, year int, on quota.Date) (quota.Progress, []quota.Progress, int, error)
	CommitteeCount(tx *storage.Tx, year int, on quota.Date) (quota.YearCount, error)
	Term(tx *storage.Tx, code string, year int, today quota.Date) (quota.Progress, bool, error)
	EachProgress(tx *storage.Tx, year int, on quota.Date, f func(p quota.Progress, advanced int)) error
	SamePeriodLastYear(tx *storage.Tx, code string, year int, on quota.Date) int
	Pipeline(tx *storage.Tx, codes []string, year int) (bySource map[quota.Source]int, introduced, admitted int, err error)
	ProbationWindow() int
	YearAtRisk() bool
	Run(ctx context.Context, u quota.User, lang, text string) error
	// Sends are the commands that send a document, by what they send
	// ("export", "report").
	Sends() map[string]string
}

// Options configure the dashboard's server.
type Options struct {
	Token  string        // the bot token, the key of initData signatures
	MaxAge time.Duration // initData signed longer ago is refused
	Now    func() time.Time
	Log    *slog.Logger
}

// Server serves the page and its API.
type Server struct {
	db    *storage.DB
	chat  Chat
	opts  Options
	mux   *http.ServeMux
	cache caches
}

//go:embed static
var static embed.FS

// New builds the server. Mount it under the public URL's path with
// http.StripPrefix; the page uses relative addresses only.
func New(db *storage.DB, chat Chat, opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.MaxAge <= 0 {
		opts.MaxAge = 24 * time.Hour
	}
	s := &Server{db: db, chat: chat, opts: opts, mux: http.NewServeMux(), cache: caches{forests: map[forestKey]*forest{}}}
	files, _ := fs.Sub(static, "static")
	s.mux.Handle("GET /", pageHandler(files))
	s.mux.Handle("GET /api/me", s.api(s.me))
	s.mux.Handle("GET /api/summary", s.api(s.summary))
	s.mux.Handle("GET /api/orgs", s.api(s.orgs))
	s.mux.Handle("GET /api/org", s.api(s.org))
	s.mux.Handle("GET /api/search", s.api(s.search))
	s.mux.Handle("GET /api/chart", s.api(s.chart))
	s.mux.Handle("POST /api/send", s.api(s.send))
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// pageHandler serves the embedded files; the page itself is never cached,
// so a new version reaches clients at once.
func pageHandler(files fs.FS) http.Handler {
	fsrv := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		// The page's own files and API, nothing else; Telegram's web
		// clients show it in a frame.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "+
			"img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://web.telegram.org https://*.telegram.org")
		fsrv.ServeHTTP(w, r)
	})
}

// caller is the person behind an API call, as the chat knows them.
type caller struct {
	user  quota.User
	lang  string
	l     *texts.Lang // the chat's language for them
	today quota.Date
	// The generations read before the transaction began: what it computes
	// may be cached under them.
	gen, orgGen uint64
}

// apiError is an answer other than 200, with a message for the page.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func refuse(status int, msg string) error { return &apiError{status: status, msg: msg} }

// deferred is what a handler that writes returns: it runs once the read
// transaction is closed.
type deferred func(ctx context.Context) (any, error)

type handler func(r *http.Request, tx *storage.Tx, c *caller) (any, error)

// api checks the caller's initData, finds them in the chat's users and
// runs h in one read transaction, answering JSON.
func (s *Server) api(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		raw, _ := strings.CutPrefix(r.Header.Get("Authorization"), "tma ")
		d, err := Check(raw, s.opts.Token, s.opts.Now(), s.opts.MaxAge)
		if err != nil {
			// The reason only: the data is the person's.
			s.opts.Log.Info("dashboard refused", "path", r.URL.Path, "reason", err.Error())
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": texts.Default.Dashboard.Unauthorized})
			return
		}
		var out any
		gen, orgGen := s.db.Generation(), s.db.OrgGeneration()
		err = s.db.View(func(tx *storage.Tx) error {
			u, lang, ok := s.chat.Who(tx, d.User.ID, d.User.LanguageCode)
			l, known := texts.Lookup(lang)
			if !known {
				l = texts.Default
			}
			c := &caller{user: u, lang: l.Code(), l: l, today: s.chat.Today(), gen: gen, orgGen: orgGen}
			if !ok {
				return refuse(http.StatusForbidden, l.Dashboard.NotRegistered)
			}
			var err error
			out, err = h(r, tx, c)
			return err
		})
		if d, ok := out.(deferred); ok && err == nil {
			// Writing runs outside the read transaction: a write waiting on
			// a reader of the same goroutine could wait forever.
			out, err = d(r.Context())
		}
		if ae := (*apiError)(nil); errors.As(err, &ae) {
			writeJSON(w, ae.status, map[string]string{"error": ae.msg})
			return
		}
		if err != nil {
			s.opts.Log.Error("dashboard", "path", r.URL.Path, "user", d.User.ID, "err", err)
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": texts.Default.InternalError})
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// yearParam reads ?year=, today's year when absent; the chat's range.
func (s *Server) yearParam(r *http.Request, c *caller) (int, error) {
	v := r.URL.Query().Get("year")
	if v == "" {
		return c.today.Year, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > c.today.Year+1 {
		return 0, refuse(http.StatusBadRequest, c.l.Dashboard.BadYear)
	}
	return y, nil
}

// intParam reads a non-negative integer parameter with a default and a cap.
func intParam(r *http.Request, name string, def, most int) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || n < 0 {
		return def
	}
	return min(n, most)
}

// mayRead applies the chat's rule to an organization's figures and gives
// its lineage; a code that does not exist is refused to a secretary the
// same way as another's, so codes cannot be probed.
func (s *Server) mayRead(tx *storage.Tx, c *caller, code string) (quota.Lineage, error) {
	if _, err := tx.Org(code); err != nil {
		if c.user.Role.ReadsEverything() {
			return nil, refuse(http.StatusNotFound, c.l.Dashboard.NoOrg)
		}
		return nil, refuse(http.StatusForbidden, c.l.Dashboard.Forbidden)
	}
	l := tx.Lineage(code)
	if !c.user.Reads(l) {
		return nil, refuse(http.StatusForbidden, c.l.Dashboard.Forbidden)
	}
	return l, nil
}
