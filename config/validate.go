package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"quotabot/scheduler"
)

// validate checks every key and fills Location, Grace and the milestones'
// parsed dates. It reports the first mistake it finds.
func (c *Config) validate(lines map[string]int) error {
	fail := func(key, format string, args ...any) error {
		return &Error{Key: key, Msg: fmt.Sprintf(format, args...), Line: lineOf(lines, key)}
	}

	if c.Telegram.Token != "" && !tokenRe.MatchString(c.Telegram.Token) {
		// The message never repeats the value: it is a password.
		e := fail("telegram.token", "the value does not look like a bot token: @BotFather gives digits, a colon, then 35 or more of A-Z a-z 0-9 _ - (such as 123456789:AAH…)")
		if c.tokenFromEnv {
			e = &Error{Key: "telegram.token", Msg: "the value of " + TokenEnv + " does not look like a bot token: @BotFather gives digits, a colon, then 35 or more of A-Z a-z 0-9 _ - (such as 123456789:AAH…)"}
		}
		return e
	}
	if err := checkURL(c.Telegram.APIURL, false); err != nil {
		return fail("telegram.api_url", "%v", err)
	}
	if err := c.Telegram.Webhook.check(fail); err != nil {
		return err
	}

	if strings.TrimSpace(c.Storage.Path) == "" {
		return fail("storage.path", "empty: give the database file, e.g. data/quotabot.db")
	}
	if c.Storage.KeepBackups < 1 {
		return fail("storage.keep_backups", "must be at least 1, got %d", c.Storage.KeepBackups)
	}

	if c.Timezone == "" {
		return fail("timezone", "empty: give an IANA zone such as Asia/Ho_Chi_Minh")
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return fail("timezone", "unknown time zone %q: use an IANA name such as Asia/Ho_Chi_Minh", c.Timezone)
	}
	c.Location = loc

	for i, id := range c.Admins {
		if id <= 0 {
			return fail(fmt.Sprintf("admins[%d]", i), "must be a positive Telegram user id, got %d", id)
		}
	}

	for _, j := range c.Schedule.Jobs() {
		if j.Spec == "" {
			continue
		}
		if err := scheduler.ValidateSpec(j.Spec); err != nil {
			return fail("schedule."+j.Name, "%v; write 5 fields such as \"0 8 * * MON\", or \"\" to disable the job", err)
		}
	}
	grace, err := time.ParseDuration(c.Schedule.Grace)
	if err != nil || grace < 0 {
		return fail("schedule.grace", "bad duration %q: want e.g. \"6h\" or \"30m\", not negative", c.Schedule.Grace)
	}
	c.Grace = grace

	if err := c.Quiet.check(fail); err != nil {
		return err
	}

	if err := c.Rating.check(fail); err != nil {
		return err
	}
	if err := c.Reminders.check(fail); err != nil {
		return err
	}
	if err := c.Report.check(fail); err != nil {
		return err
	}

	if c.Sender.PerSecond <= 0 || c.Sender.PerSecond > MaxPerSecond {
		return fail("sender.per_second", "must be 1 to %d (Telegram's limit), got %d", MaxPerSecond, c.Sender.PerSecond)
	}
	if c.Sender.PerGroupPerMinute <= 0 || c.Sender.PerGroupPerMinute > MaxPerGroupPerMinute {
		return fail("sender.per_group_per_minute", "must be 1 to %d (Telegram's limit), got %d", MaxPerGroupPerMinute, c.Sender.PerGroupPerMinute)
	}

	switch c.Log.Format {
	case "text", "json":
	default:
		return fail("log.format", "must be text or json, got %q", c.Log.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return fail("log.level", "must be debug, info, warn or error, got %q", c.Log.Level)
	}

	if c.HTTP.Listen != "" {
		if err := checkListen(c.HTTP.Listen); err != nil {
			return fail("http.listen", "%v", err)
		}
	}
	return c.WebApp.check(c.HTTP.Listen, fail)
}

func (w *WebApp) check(listen string, fail func(key, format string, args ...any) error) error {
	age, err := time.ParseDuration(w.MaxAge)
	if err != nil || age <= 0 {
		return fail("webapp.max_age", "bad duration %q: want e.g. \"24h\" or \"1h\", more than zero", w.MaxAge)
	}
	w.MaxAgeDuration = age
	if w.URL == "" {
		return nil
	}
	// Telegram opens a Mini App only from an https address.
	if err := checkURL(w.URL, true); err != nil {
		return fail("webapp.url", "%v", err)
	}
	if u, _ := url.Parse(w.URL); u.RawQuery != "" || u.Fragment != "" {
		return fail("webapp.url", "bad URL %q: no query or fragment; Telegram appends its own", w.URL)
	}
	if listen == "" {
		return fail("webapp.url", "needs http.listen, where the dashboard is served (e.g. \"127.0.0.1:8080\")")
	}
	return nil
}

// lineOf finds the line of key or, for a key the file omits, of the nearest
// enclosing key it has.
func lineOf(lines map[string]int, key string) int {
	for {
		if l, ok := lines[key]; ok {
			return l
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

// tokenRe is the form of the tokens @BotFather gives: the bot's id, a
// colon, and a secret of 35 characters or more.
var tokenRe = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]{35,}$`)

// Telegram accepts 1 to 256 of these characters as a webhook secret.
var secretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (w Webhook) check(fail func(key, format string, args ...any) error) error {
	if w.URL == "" {
		return nil
	}
	if err := checkURL(w.URL, true); err != nil {
		return fail("telegram.webhook.url", "%v", err)
	}
	if w.Listen == "" {
		return fail("telegram.webhook.listen", "required when telegram.webhook.url is set, e.g. \":8443\"")
	}
	if err := checkListen(w.Listen); err != nil {
		return fail("telegram.webhook.listen", "%v", err)
	}
	if w.Secret == "" {
		// Without a secret anyone who learns the URL can post updates, and
		// a bot that requires one would refuse every update Telegram sends.
		return fail("telegram.webhook.secret_token", "required when telegram.webhook.url is set: 1 to 256 characters of A-Z, a-z, 0-9, _ and -, e.g. the output of `openssl rand -hex 32`")
	}
	if !secretRe.MatchString(w.Secret) {
		return fail("telegram.webhook.secret_token", "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
	}
	return nil
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

func (q *Quiet) check(fail func(key, format string, args ...any) error) error {
	var t scheduler.Quiet
	var err error
	if t.From, t.To, err = scheduler.ParseQuietHours(q.Hours); err != nil {
		return fail("quiet.hours", "%v", err)
	}
	for i, name := range q.DaysOff {
		d, ok := weekdays[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			return fail(fmt.Sprintf("quiet.days_off[%d]", i), "%q is not a day of the week: write sunday, monday, … saturday", name)
		}
		if !slices.Contains(t.DaysOff, d) {
			t.DaysOff = append(t.DaysOff, d)
		}
	}
	if len(t.DaysOff) == 7 {
		return fail("quiet.days_off", "every day is off: scheduled messages would never go out")
	}
	for i, s := range q.Holidays {
		h, err := scheduler.ParseHoliday(s)
		if err != nil {
			return fail(fmt.Sprintf("quiet.holidays[%d]", i), "%v", err)
		}
		t.Holidays = append(t.Holidays, h)
	}
	q.Times = t
	return nil
}

func (r *Reminders) check(fail func(key, format string, args ...any) error) error {
	switch r.Mode {
	case ModePace, ModeQuota:
	default:
		return fail("reminders.mode", "must be %s or %s, got %q", ModePace, ModeQuota, r.Mode)
	}
	switch r.By {
	case ByYear, ByTerm, ByBoth:
	default:
		return fail("reminders.by", "must be %s, %s or %s, got %q", ByYear, ByTerm, ByBoth, r.By)
	}
	if r.EscalateAfter < 1 {
		return fail("reminders.escalate_after", "must be at least 1, got %d", r.EscalateAfter)
	}
	if r.ProbationAheadDays < 1 || r.ProbationAheadDays > 365 {
		return fail("reminders.probation_ahead_days", "must be 1 to 365, got %d", r.ProbationAheadDays)
	}
	for i := range r.Milestones {
		m := &r.Milestones[i]
		key := fmt.Sprintf("reminders.milestones[%d]", i)
		month, day, err := parseDayMonth(m.Date)
		if err != nil {
			return fail(key+".date", "%v", err)
		}
		m.Month, m.Day = month, day
		if m.Percent < 0 || m.Percent > 100 {
			return fail(key+".percent", "must be 0 to 100, got %d", m.Percent)
		}
		if i > 0 {
			prev := r.Milestones[i-1]
			if m.Month < prev.Month || (m.Month == prev.Month && m.Day <= prev.Day) {
				return fail(key+".date", "%s is not after the previous milestone %s: list them in date order", m.Date, prev.Date)
			}
			if m.Percent <= prev.Percent {
				return fail(key+".percent", "%d is not more than the previous milestone's %d", m.Percent, prev.Percent)
			}
		}
	}
	return nil
}

func (r *Rating) check(fail func(key, format string, args ...any) error) error {
	for i, b := range r.Bands {
		key := fmt.Sprintf("rating.bands[%d]", i)
		if strings.TrimSpace(b.Label) == "" {
			return fail(key+".label", "must not be empty")
		}
		if b.MinPercent < 0 || b.MinPercent > 1000 {
			return fail(key+".min_percent", "must be 0 to 1000, got %g", b.MinPercent)
		}
		if i > 0 && b.MinPercent >= r.Bands[i-1].MinPercent {
			return fail(key+".min_percent", "%g is not below the previous band's %g: list bands from the highest", b.MinPercent, r.Bands[i-1].MinPercent)
		}
	}
	if n := len(r.Bands); n > 0 && r.Bands[n-1].MinPercent != 0 {
		return fail(fmt.Sprintf("rating.bands[%d].min_percent", n-1), "the last band must start at 0, so every organization has one")
	}
	return nil
}

// parseDayMonth reads "dd/mm"; 29/02 is allowed as leap years have it.
func (r *Report) check(fail func(key, format string, args ...any) error) error {
	if r.ProbationDays < 0 || r.ProbationDays > 366 {
		return fail("report.probation_days", "must be from 0 to 366, got %d", r.ProbationDays)
	}
	for i, line := range r.Recipients {
		if strings.TrimSpace(line) == "" {
			return fail(fmt.Sprintf("report.recipients[%d]", i), "empty: write who receives the report, e.g. \"- Ban Thường vụ Đảng ủy Khối (để báo cáo),\"")
		}
	}
	return nil
}

func parseDayMonth(s string) (time.Month, int, error) {
	bad := fmt.Errorf("bad date %q: want day/month such as \"30/06\"", s)
	d, m, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, bad
	}
	day, err1 := strconv.Atoi(d)
	month, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || day < 1 {
		return 0, 0, bad
	}
	// 2024 is a leap year, so every real day/month exists in it.
	if t := time.Date(2024, time.Month(month), day, 0, 0, 0, 0, time.UTC); t.Day() != day {
		return 0, 0, fmt.Errorf("bad date %q: there is no day %d in month %d", s, day, month)
	}
	return time.Month(month), day, nil
}

func checkURL(s string, httpsOnly bool) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("bad URL %q: %w", s, err)
	}
	if u.Host == "" || (u.Scheme != "https" && (httpsOnly || u.Scheme != "http")) {
		if httpsOnly {
			return fmt.Errorf("bad URL %q: must be https://host/...", s)
		}
		return fmt.Errorf("bad URL %q: must be http(s)://host", s)
	}
	return nil
}

func checkListen(s string) error {
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return fmt.Errorf("bad address %q: want host:port or :port: %w", s, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("bad address %q: bad port %q", s, port)
	}
	return nil
}
