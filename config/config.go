// Package config loads and checks the YAML configuration, so that a mistake
// stops the program before it touches Telegram or the database.
package config

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	// Zone names must resolve on hosts without a zoneinfo database.
	_ "time/tzdata"

	"github.com/goccy/go-yaml"

	"quotabot/scheduler"
)

// TokenEnv names the environment variable that overrides telegram.token.
const TokenEnv = "QUOTABOT_TOKEN"

// Reminder modes: who counts as behind.
const (
	ModePace  = "pace"  // behind the number expected by today
	ModeQuota = "quota" // below the year's quota
)

// What drives reminders and the at-risk warning: the year's quota, the
// term's, or both (behind on either).
const (
	ByYear = "year"
	ByTerm = "term"
	ByBoth = "both"
)

// Config is the whole configuration.
type Config struct {
	Telegram  Telegram  `yaml:"telegram"`
	Storage   Storage   `yaml:"storage"`
	Timezone  string    `yaml:"timezone"`
	Admins    []int64   `yaml:"admins"`
	Schedule  Schedule  `yaml:"schedule"`
	Quiet     Quiet     `yaml:"quiet"`
	Reminders Reminders `yaml:"reminders"`
	Rating    Rating    `yaml:"rating"`
	Report    Report    `yaml:"report"`
	Sender    Sender    `yaml:"sender"`
	Log       Log       `yaml:"log"`
	HTTP      HTTP      `yaml:"http"`
	WebApp    WebApp    `yaml:"webapp"`

	Location *time.Location `yaml:"-"` // loaded from Timezone
	Grace    time.Duration  `yaml:"-"` // parsed from Schedule.Grace

	tokenFromEnv bool // the token came from QUOTABOT_TOKEN
}

// WebApp is the dashboard opened inside Telegram (a Mini App), served by
// the http.listen server under URL's path.
type WebApp struct {
	URL    string `yaml:"url"`     // the public https address; empty: off
	MaxAge string `yaml:"max_age"` // how long a launch's signed data is accepted

	MaxAgeDuration time.Duration `yaml:"-"` // parsed from MaxAge
}

// Telegram is how the bot reaches the Bot API.
type Telegram struct {
	Token   string  `yaml:"token"`
	APIURL  string  `yaml:"api_url"`
	Webhook Webhook `yaml:"webhook"`
}

// Webhook receives updates by HTTPS instead of long polling when URL is set.
type Webhook struct {
	URL    string `yaml:"url"`
	Listen string `yaml:"listen"`
	Secret string `yaml:"secret_token"`
}

// Storage is where the database and its backups live.
type Storage struct {
	Path        string `yaml:"path"`
	BackupDir   string `yaml:"backup_dir"` // empty: "backups" beside the database
	KeepBackups int    `yaml:"keep_backups"`
}

// Schedule holds the cron spec of each job; an empty spec disables the job.
type Schedule struct {
	Reminders  string `yaml:"reminders"`
	Digests    string `yaml:"digests"`
	Escalation string `yaml:"escalation"`
	Probation  string `yaml:"probation"`
	Backups    string `yaml:"backups"`
	Grace      string `yaml:"grace"`
}

// Quiet is when scheduled messages (reminders, digests, escalations,
// probation notices) are not sent: a run that falls then is held until
// the next allowed moment. Replies to people are never held.
type Quiet struct {
	Hours    string   `yaml:"hours"`    // "21:00-07:00"; "" for none
	DaysOff  []string `yaml:"days_off"` // weekday names, e.g. [sunday]
	Holidays []string `yaml:"holidays"` // "dd/mm" every year, "dd/mm/yyyy", or "dd/mm/yyyy-dd/mm/yyyy"

	Times scheduler.Quiet `yaml:"-"` // parsed from the above
}

// JobSpec is one job's name and cron spec.
type JobSpec struct {
	Name string // also the key under schedule
	Spec string
}

// Jobs lists every job with its spec, disabled ones included, in a fixed order.
func (s Schedule) Jobs() []JobSpec {
	return []JobSpec{
		{"reminders", s.Reminders},
		{"digests", s.Digests},
		{"escalation", s.Escalation},
		{"probation", s.Probation},
		{"backups", s.Backups},
	}
}

// Reminders tunes who is reminded and what the message says.
type Reminders struct {
	Mode string `yaml:"mode"`
	// By says which quota drives reminders and the at-risk warning:
	// the year's, the term's, or both.
	By            string      `yaml:"by"`
	ClosingLine   string      `yaml:"closing_line"`
	EscalateAfter int         `yaml:"escalate_after"`
	Milestones    []Milestone `yaml:"milestones"`
	// ProbationAheadDays is how many days before a probation ends its
	// secretaries are first told.
	ProbationAheadDays int `yaml:"probation_ahead_days"`
}

// Rating sets the advisory bands of quota achievement for the annual
// quality rating; empty keeps the built-in bands.
type Rating struct {
	Bands []Band `yaml:"bands"`
}

// Band is an advisory band: from MinPercent of the quota, labelled Label.
type Band struct {
	MinPercent float64 `yaml:"min_percent"`
	Label      string  `yaml:"label"`
}

// Report names who issues and signs the periodic report to the Standing
// Committee; nothing of a committee's name is built in. Empty keys leave a
// "…" in the draft for the Organization Board to fill in.
type Report struct {
	Superior       string   `yaml:"superior"`         // the body above the issuer, first header line
	Issuer         string   `yaml:"issuer"`           // the issuing body; "\n" breaks the line
	Committee      string   `yaml:"committee"`        // the committee as named in the text
	Number         string   `yaml:"number"`           // the number's suffix, after "Số    -BC/"
	Place          string   `yaml:"place"`            // before the date: "<place>, ngày … tháng … năm …"
	Recipients     []string `yaml:"recipients"`       // the "Nơi nhận" lines
	SignerOnBehalf string   `yaml:"signer_on_behalf"` // "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN"
	SignerTitle    string   `yaml:"signer_title"`     // "TRƯỞNG BAN"
	SignerName     string   `yaml:"signer_name"`
	ProbationDays  int      `yaml:"probation_days"` // probations ending within this many days are listed as due
}

// Milestone is a share of the year's quota expected by a day of the year.
type Milestone struct {
	Date    string `yaml:"date"` // dd/mm
	Percent int    `yaml:"percent"`

	Month time.Month `yaml:"-"` // parsed from Date
	Day   int        `yaml:"-"` // parsed from Date
}

// Telegram's flood limits: about 30 messages a second overall and 20 a
// minute to one group. Sending faster only earns 429 answers.
const (
	MaxPerSecond         = 30
	MaxPerGroupPerMinute = 20
)

// Sender holds the sending limits; Telegram's own are 30/s and 20/min per group.
type Sender struct {
	PerSecond         int `yaml:"per_second"`
	PerGroupPerMinute int `yaml:"per_group_per_minute"`
}

// Log selects the log format and level.
type Log struct {
	Format string `yaml:"format"`
	Level  string `yaml:"level"`
}

// SlogLevel returns the level as slog knows it; info if unset or invalid.
func (l Log) SlogLevel() slog.Level {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(l.Level)); err != nil {
		return slog.LevelInfo
	}
	return lv
}

// HTTP is the optional health and metrics listener.
type HTTP struct {
	Listen string `yaml:"listen"`
}

// Default returns the configuration used when a key is absent.
func Default() *Config {
	c := defaults()
	if err := c.finish(nil); err != nil {
		// The defaults are constants; failing here is a programming error.
		panic(fmt.Sprintf("config defaults are invalid: %v", err))
	}
	return c
}

// defaults are the literal defaults, before derived values such as the
// backup folder, which depend on what the file sets.
func defaults() *Config {
	return &Config{
		Telegram: Telegram{APIURL: "https://api.telegram.org"},
		Storage:  Storage{Path: "data/quotabot.db", KeepBackups: 7},
		Timezone: "Asia/Ho_Chi_Minh",
		Schedule: Schedule{
			Reminders:  "0 8 * * MON",
			Digests:    "0 7 * * MON",
			Escalation: "0 9 * * MON",
			Probation:  "0 8 * * *",
			Backups:    "30 2 * * *",
			Grace:      "6h",
		},
		// The night, Sundays and the solar national holidays; Tết and the
		// Hùng Kings' day move with the lunar calendar, so a committee
		// lists them by date each year.
		Quiet:     Quiet{Hours: "21:00-07:00", DaysOff: []string{"sunday"}, Holidays: []string{"01/01", "30/04", "01/05", "02/09"}},
		Reminders: Reminders{Mode: ModePace, By: ByYear, EscalateAfter: 3, ProbationAheadDays: 30},
		Report:    Report{ProbationDays: 60},
		Sender:    Sender{PerSecond: 30, PerGroupPerMinute: 20},
		Log:       Log{Format: "text", Level: "info"},
		WebApp:    WebApp{MaxAge: "24h"},
	}
}

// RequireToken reports a missing token, which only serving needs.
func (c *Config) RequireToken() error {
	if strings.TrimSpace(c.Telegram.Token) == "" {
		return &Error{Key: "telegram.token", Msg: "missing: set it in the file or " + TokenEnv}
	}
	return nil
}

// Redacted returns the configuration as YAML with secrets masked, for logs.
func (c *Config) Redacted() string {
	cp := *c
	if cp.Telegram.Token != "" {
		cp.Telegram.Token = "***"
	}
	if cp.Telegram.Webhook.Secret != "" {
		cp.Telegram.Webhook.Secret = "***"
	}
	out, err := yaml.Marshal(&cp)
	if err != nil {
		return fmt.Sprintf("(cannot render config: %v)", err)
	}
	return string(out)
}

// finish derives the computed fields and fills defaults that depend on other
// keys, then validates. lines maps key paths to source lines, if known.
func (c *Config) finish(lines map[string]int) error {
	if c.Storage.BackupDir == "" && c.Storage.Path != "" {
		c.Storage.BackupDir = filepath.Join(filepath.Dir(c.Storage.Path), "backups")
	}
	// An empty list in the file means the same as no list.
	if len(c.Admins) == 0 {
		c.Admins = nil
	}
	if len(c.Reminders.Milestones) == 0 {
		c.Reminders.Milestones = nil
	}
	if len(c.Rating.Bands) == 0 {
		c.Rating.Bands = nil
	}
	if len(c.Report.Recipients) == 0 {
		c.Report.Recipients = nil
	}
	return c.validate(lines)
}
