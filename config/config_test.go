package config_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/config"
)

func noEnv(string) string { return "" }

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// withoutLocation drops the fields that hold pointers to loaded data.
func withoutLocation(c *config.Config) config.Config {
	cp := *c
	cp.Location = nil
	return cp
}

func TestExampleLoadsAndMatchesDefaults(t *testing.T) {
	c, err := config.Load("../config.example.yaml", noEnv)
	require.NoError(t, err)
	def := config.Default()
	assert.Equal(t, withoutLocation(def), withoutLocation(c), "config.example.yaml must show the defaults")
	assert.Equal(t, "Asia/Ho_Chi_Minh", c.Location.String())
	assert.Equal(t, 6*time.Hour, c.Grace)
	assert.Equal(t, "https://api.telegram.org", c.Telegram.APIURL)
	assert.Equal(t, "data/quotabot.db", c.Storage.Path)
	assert.Equal(t, filepath.Join("data", "backups"), c.Storage.BackupDir)
	assert.Equal(t, "0 8 * * MON", c.Schedule.Reminders)
}

func TestExampleHasContractKeys(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	require.NoError(t, err)
	text := string(data)
	for _, want := range []string{
		"\ntelegram:\n", "\n  token: ", "\n  api_url: https://api.telegram.org",
		"\nstorage:\n", "\n  path: data/quotabot.db",
		"\ntimezone: Asia/Ho_Chi_Minh", "\nadmins: ",
		"\nschedule:", "\n  reminders: \"0 8 * * MON\"",
	} {
		assert.Contains(t, text, want)
	}
}

func TestDefaultsWhenEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "telegram:\n  token: " + goodToken + "\n"} {
		c, err := config.Parse([]byte(src), noEnv)
		require.NoError(t, err, src)
		assert.Equal(t, "Asia/Ho_Chi_Minh", c.Timezone)
		assert.Equal(t, "0 7 * * MON", c.Schedule.Digests)
		assert.Equal(t, config.ModePace, c.Reminders.Mode)
		assert.Equal(t, 30, c.Sender.PerSecond)
		assert.Equal(t, 7, c.Storage.KeepBackups)
	}
}

func TestValuesOverrideDefaults(t *testing.T) {
	src := `
telegram:
  token: " 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0 "
  webhook:
    url: https://bot.example.org/hook
    listen: ":8443"
    secret_token: s3cr3t_-x
storage:
  path: state/q.db
timezone: Europe/Paris
admins: [111, 222]
schedule:
  reminders: "CRON_TZ=Asia/Ho_Chi_Minh 0 8 * * MON"
  digests: ""
  grace: 90m
reminders:
  mode: quota
  milestones:
    - {date: "31/03", percent: 20}
    - {date: "30/06", percent: 50}
    - {date: "29/02", percent: 60}
`
	_, err := config.Parse([]byte(src), noEnv)
	var ce *config.Error
	require.ErrorAs(t, err, &ce, "29/02 comes before 30/06")
	assert.Equal(t, "reminders.milestones[2].date", ce.Key)

	src = strings.Replace(src, `{date: "29/02", percent: 60}`, `{date: "31/12", percent: 100}`, 1)
	c, err := config.Parse([]byte(src), noEnv)
	require.NoError(t, err)
	assert.Equal(t, goodToken, c.Telegram.Token, "trimmed")
	assert.Equal(t, "Europe/Paris", c.Location.String())
	assert.Equal(t, []int64{111, 222}, c.Admins)
	assert.Empty(t, c.Schedule.Digests, "an empty spec disables the job")
	assert.Equal(t, "0 9 * * MON", c.Schedule.Escalation, "absent keys keep defaults")
	assert.Equal(t, 90*time.Minute, c.Grace)
	assert.Equal(t, filepath.Join("state", "backups"), c.Storage.BackupDir, "backups follow the database")
	require.Len(t, c.Reminders.Milestones, 3)
	assert.Equal(t, time.June, c.Reminders.Milestones[1].Month)
	assert.Equal(t, 30, c.Reminders.Milestones[1].Day)
	assert.NoError(t, c.RequireToken())

	red := c.Redacted()
	assert.NotContains(t, red, "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0")
	assert.NotContains(t, red, "s3cr3t_-x")
	assert.Contains(t, red, "Europe/Paris")
}

func TestTokenFromEnvironment(t *testing.T) {
	fromFile := "telegram:\n  token: " + goodToken + "\n"
	c, err := config.Parse([]byte(fromFile), env(map[string]string{"QUOTABOT_TOKEN": " " + envToken + "\n"}))
	require.NoError(t, err)
	assert.Equal(t, envToken, c.Telegram.Token)

	c, err = config.Parse([]byte(fromFile), noEnv)
	require.NoError(t, err)
	assert.Equal(t, goodToken, c.Telegram.Token)

	c, err = config.Parse(nil, nil)
	require.NoError(t, err)
	err = c.RequireToken()
	var ce *config.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "telegram.token", ce.Key)
	assert.Contains(t, err.Error(), "QUOTABOT_TOKEN")

	c, err = config.Parse(nil, env(map[string]string{"QUOTABOT_TOKEN": envToken}))
	require.NoError(t, err)
	assert.NoError(t, c.RequireToken())
}

const (
	goodToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
	envToken  = "987654321:AAE-env_token_0123456789abcdefghijkl"
)

// A token that cannot work is refused at load, naming the key and never
// repeating the value; one with spaces or a newline around it is trimmed.
func TestTokenForm(t *testing.T) {
	for _, tok := range []string{"not-a-token", "123:abc", "123456789:short", ":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0",
		"abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0", "123456789:AAHdqTcvCH1vGWJxf SeofSAs0K5PALDsaw0", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0/x"} {
		for _, src := range []struct {
			file string
			env  map[string]string
		}{
			{fmt.Sprintf("telegram:\n  token: %q\n", tok), nil},
			{"", map[string]string{"QUOTABOT_TOKEN": tok}},
		} {
			_, err := config.Parse([]byte(src.file), env(src.env))
			var ce *config.Error
			require.ErrorAs(t, err, &ce, "%q", tok)
			assert.Equal(t, "telegram.token", ce.Key)
			assert.NotContains(t, err.Error(), tok)
			if _, secret, ok := strings.Cut(tok, ":"); ok && len(secret) > 3 {
				assert.NotContains(t, err.Error(), secret)
			}
			if src.env != nil {
				assert.Contains(t, err.Error(), "QUOTABOT_TOKEN")
			}
		}
	}
	for _, src := range []string{
		"telegram:\n  token: \" " + goodToken + "\"\n",
		"telegram:\n  token: \"" + goodToken + "\\n\"\n",
		"telegram:\n  token: |\n    " + goodToken + "\n",
	} {
		c, err := config.Parse([]byte(src), noEnv)
		require.NoError(t, err, src)
		assert.Equal(t, goodToken, c.Telegram.Token)
	}
}

func TestUnknownKeyNamesPathAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.yaml")
	require.NoError(t, os.WriteFile(path, []byte("timezone: Asia/Ho_Chi_Minh\ntelegram:\n  tokn: abc\n"), 0o600))
	_, err := config.Load(path, noEnv)
	var ce *config.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "telegram.tokn", ce.Key)
	assert.Equal(t, 3, ce.Line)
	assert.Equal(t, path, ce.File)
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, "config: telegram.tokn: unknown key"), msg)
	assert.Contains(t, msg, path+":3")
	assert.Contains(t, msg, "token", "lists the valid keys")
	assert.NotContains(t, msg, "\n", "one line")
}

func TestBadConfigs(t *testing.T) {
	cases := []struct {
		name, src, key string
		line           int
	}{
		{"unknown top-level key", "timezone: UTC\nfoo: 1\n", "foo", 2},
		{"unknown nested key", "schedule:\n  reminder: \"0 8 * * *\"\n", "schedule.reminder", 2},
		{"unknown key in list item", "reminders:\n  milestones:\n    - date: \"30/06\"\n      pct: 5\n", "reminders.milestones[0].pct", 4},
		{"unknown time zone", "timezone: Mars/Olympus\n", "timezone", 1},
		{"empty time zone", "timezone: \"\"\n", "timezone", 1},
		{"bad cron spec", "schedule:\n  reminders: \"0 8 * *\"\n", "schedule.reminders", 2},
		{"cron never fires", "schedule:\n  digests: \"0 0 31 2 *\"\n", "schedule.digests", 2},
		{"cron tz without spec", "schedule:\n  backups: \"CRON_TZ=\"\n", "schedule.backups", 2},
		{"bad grace", "schedule:\n  grace: soon\n", "schedule.grace", 2},
		{"negative grace", "schedule:\n  grace: -1h\n", "schedule.grace", 2},
		{"bad mode", "reminders:\n  mode: weekly\n", "reminders.mode", 2},
		{"bad by", "reminders:\n  by: decade\n", "reminders.by", 2},
		{"escalate_after zero", "reminders:\n  escalate_after: 0\n", "reminders.escalate_after", 2},
		{"milestone bad date", "reminders:\n  milestones:\n    - {date: \"31/02\", percent: 10}\n", "reminders.milestones[0].date", 3},
		{"milestone date format", "reminders:\n  milestones:\n    - {date: \"2025-06-30\", percent: 10}\n", "reminders.milestones[0].date", 3},
		{"milestone percent", "reminders:\n  milestones:\n    - {date: \"30/06\", percent: 150}\n", "reminders.milestones[0].percent", 3},
		{"milestone not increasing", "reminders:\n  milestones:\n    - {date: \"30/06\", percent: 50}\n    - {date: \"30/09\", percent: 40}\n", "reminders.milestones[1].percent", 4},
		{"sender per second", "sender:\n  per_second: 0\n", "sender.per_second", 2},
		{"sender per group", "sender:\n  per_group_per_minute: -3\n", "sender.per_group_per_minute", 2},
		{"sender over Telegram's limit", "sender:\n  per_second: 100\n", "sender.per_second", 2},
		{"sender per group over Telegram's limit", "sender:\n  per_group_per_minute: 21\n", "sender.per_group_per_minute", 2},
		{"webhook without secret", "telegram:\n  webhook:\n    url: https://example.org/hook\n    listen: \":8443\"\n", "telegram.webhook.secret_token", 2},
		{"webhook empty secret", "telegram:\n  webhook:\n    url: https://example.org/hook\n    listen: \":8443\"\n    secret_token: \"\"\n", "telegram.webhook.secret_token", 5},
		{"log format", "log:\n  format: xml\n", "log.format", 2},
		{"quiet hours", "quiet:\n  hours: \"21h-7h\"\n", "quiet.hours", 2},
		{"quiet day off", "quiet:\n  days_off: [sunday, funday]\n", "quiet.days_off[1]", 2},
		{"quiet every day off", "quiet:\n  days_off: [mon, tue, wed, thu, fri, sat, sun]\n", "quiet.days_off", 2},
		{"quiet holiday", "quiet:\n  holidays:\n    - \"30/02/2026\"\n", "quiet.holidays[0]", 3},
		{"quiet holiday range", "quiet:\n  holidays:\n    - \"01/01\"\n    - \"22/02/2026-14/02/2026\"\n", "quiet.holidays[1]", 4},
		{"log level", "log:\n  level: loud\n", "log.level", 2},
		{"admin id", "admins: [5, -7]\n", "admins[1]", 1},
		{"admin type", "admins: [5, bob]\n", "admins[1]", 1},
		{"admins not a list", "admins: bob\n", "admins", 1},
		{"number as text", "sender:\n  per_second: fast\n", "sender.per_second", 2},
		{"webhook http", "telegram:\n  webhook:\n    url: http://example.org/hook\n    listen: \":8443\"\n", "telegram.webhook.url", 3},
		{"webhook no listen", "telegram:\n  webhook:\n    url: https://example.org/hook\n", "telegram.webhook.listen", 2},
		{"webhook bad secret", "telegram:\n  webhook:\n    url: https://example.org/hook\n    listen: \":8443\"\n    secret_token: \"no spaces\"\n", "telegram.webhook.secret_token", 5},
		{"api url", "telegram:\n  api_url: api.telegram.org\n", "telegram.api_url", 2},
		{"storage path", "storage:\n  path: \"\"\n", "storage.path", 2},
		{"keep backups", "storage:\n  keep_backups: 0\n", "storage.keep_backups", 2},
		{"http listen", "http:\n  listen: \"8080\"\n", "http.listen", 2},
		{"webapp http", "http:\n  listen: \":8080\"\nwebapp:\n  url: http://example.org/app/\n", "webapp.url", 4},
		{"webapp fragment", "http:\n  listen: \":8080\"\nwebapp:\n  url: \"https://example.org/app/#x\"\n", "webapp.url", 4},
		{"webapp no listen", "webapp:\n  url: https://example.org/app/\n", "webapp.url", 2},
		{"webapp max age", "webapp:\n  max_age: forever\n", "webapp.max_age", 2},
		{"root not a mapping", "- a\n- b\n", "", 1},
		{"syntax", "telegram: [\n", "", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Parse([]byte(tc.src), noEnv)
			require.Error(t, err)
			assert.Nil(t, c)
			var ce *config.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.key, ce.Key, err.Error())
			assert.Equal(t, tc.line, ce.Line, err.Error())
			assert.NotContains(t, err.Error(), "\n", "one line")
			if tc.key != "" {
				assert.Contains(t, err.Error(), "config: "+tc.key+": ")
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.yaml")
	_, err := config.Load(path, noEnv)
	var ce *config.Error
	require.ErrorAs(t, err, &ce)
	assert.True(t, errors.Is(err, os.ErrNotExist))
	assert.Contains(t, err.Error(), path)
}

func TestQuietTimes(t *testing.T) {
	c, err := config.Parse([]byte("quiet:\n  hours: \"22:00-06:30\"\n  days_off: [Saturday, sun]\n  holidays: [\"02/09\", \"14/02/2026-22/02/2026\"]\n"), noEnv)
	require.NoError(t, err)
	q := c.Quiet.Times
	assert.Equal(t, 22*time.Hour, q.From)
	assert.Equal(t, 6*time.Hour+30*time.Minute, q.To)
	assert.Equal(t, []time.Weekday{time.Saturday, time.Sunday}, q.DaysOff)
	require.Len(t, q.Holidays, 2)
	hcm := c.Location
	assert.True(t, q.Holds(time.Date(2026, 2, 17, 10, 0, 0, 0, hcm)), "Tết")
	assert.True(t, q.Holds(time.Date(2027, 9, 2, 10, 0, 0, 0, hcm)), "National Day, every year")
	assert.False(t, q.Holds(time.Date(2026, 6, 15, 10, 0, 0, 0, hcm)))

	// The defaults: nights, Sundays, the solar national holidays.
	d := config.Default().Quiet.Times
	assert.True(t, d.Holds(time.Date(2026, 6, 16, 22, 0, 0, 0, hcm)))
	assert.True(t, d.Holds(time.Date(2026, 6, 21, 10, 0, 0, 0, hcm)))
	assert.True(t, d.Holds(time.Date(2026, 4, 30, 10, 0, 0, 0, hcm)))

	// Nothing held, when a committee wants that.
	c, err = config.Parse([]byte("quiet:\n  hours: \"\"\n  days_off: []\n  holidays: []\n"), noEnv)
	require.NoError(t, err)
	assert.False(t, c.Quiet.Times.Holds(time.Date(2026, 6, 21, 23, 0, 0, 0, hcm)))
}

func TestSlogLevel(t *testing.T) {
	c := config.Default()
	assert.Equal(t, "INFO", c.Log.SlogLevel().String())
	c.Log.Level = "debug"
	assert.Equal(t, "DEBUG", c.Log.SlogLevel().String())
}

func TestJobsListsEverySchedule(t *testing.T) {
	jobs := config.Default().Schedule.Jobs()
	names := make([]string, 0, len(jobs))
	for _, j := range jobs {
		names = append(names, j.Name)
		assert.NotEmpty(t, j.Spec)
	}
	assert.Equal(t, []string{"reminders", "digests", "escalation", "probation", "backups"}, names)
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("telegram:\n  token: x\n"))
	f.Add([]byte("schedule:\n  reminders: \"CRON_TZ=\"\n"))
	f.Add([]byte("reminders:\n  milestones:\n    - {date: \"/\", percent: 1}\n"))
	f.Add([]byte("admins: [&a 1, *a]\n"))
	f.Add([]byte("{[: \x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := config.Parse(data, noEnv)
		if err != nil {
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("not a *config.Error: %T %v", err, err)
			}
			return
		}
		if c.Location == nil {
			t.Fatal("no location")
		}
	})
}
