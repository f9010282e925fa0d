package texts

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

// TestEveryLanguageHasEveryMessage walks the catalogs: a message left out
// of a language is an empty string or a nil function there.
func TestEveryLanguageHasEveryMessage(t *testing.T) {
	require.GreaterOrEqual(t, len(Languages), 2)
	fields := reflect.TypeFor[Catalog]().NumField()
	require.Greater(t, fields, 200, "the walk sees the catalog")
	for _, l := range Languages {
		c := reflect.ValueOf(*l.Catalog)
		for i := range fields {
			name := c.Type().Field(i).Name
			checkSet(t, l.Code()+"."+name, c.Field(i), reflect.ValueOf(*Default.Catalog).Field(i))
		}
	}
}

// checkSet fails for a zero value; a map or a list must have every key
// the default language has.
func checkSet(t *testing.T, where string, v, def reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		assert.NotEmpty(t, strings.TrimSpace(v.String()), where)
	case reflect.Func:
		assert.False(t, v.IsNil(), where)
	case reflect.Slice:
		assert.Positive(t, v.Len(), where)
	case reflect.Map:
		assert.Equal(t, def.Len(), v.Len(), "%s: the same entries as the default language", where)
		for _, k := range def.MapKeys() {
			e := v.MapIndex(k)
			if assert.True(t, e.IsValid(), "%s[%v]", where, k) {
				checkSet(t, fmt.Sprintf("%s[%v]", where, k), e, def.MapIndex(k))
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f, d := v.Field(i), def.Field(i)
			// An optional field is optional in the default language too.
			if f.Kind() == reflect.String && d.String() == "" {
				assert.Empty(t, f.String(), "%s.%s is set only where the default sets it", where, v.Type().Field(i).Name)
				continue
			}
			checkSet(t, where+"."+v.Type().Field(i).Name, f, d)
		}
	default:
		t.Errorf("%s: a catalog field of kind %s is not checked", where, v.Kind())
	}
}

func TestDomainValuesHaveNames(t *testing.T) {
	for _, l := range Languages {
		for _, r := range quota.Roles {
			assert.NotEmpty(t, l.Role(r), "%s: role %s", l.Code(), r)
			assert.NotEmpty(t, l.Words.Roles[r], "%s: words for role %s", l.Code(), r)
		}
		for _, s := range append(append([]quota.Stage{}, quota.Pipeline...), quota.StageDropped) {
			assert.NotEmpty(t, l.Stage(s), "%s: stage %s", l.Code(), s)
		}
		for _, s := range quota.Pipeline {
			if next, ok := s.Next(); ok && next != quota.StageAdmitted {
				assert.NotEmpty(t, l.NextStageButtons[next], "%s: the button to %s", l.Code(), next)
			}
		}
		for _, s := range quota.Sources {
			assert.NotEmpty(t, l.Source(s), "%s: source %s", l.Code(), s)
			assert.NotEmpty(t, l.Words.Sources[s], "%s: words for source %s", l.Code(), s)
		}
		for _, v := range Verbs {
			assert.NotEmpty(t, l.Words.CandidateVerbs[v], "%s: words for /candidate %s", l.Code(), v)
		}
		for _, b := range quota.DefaultBands {
			name, ok := l.Band(b)
			assert.True(t, ok && name != "", "%s: band %s", l.Code(), b.Standard)
		}
	}
}

var (
	badVerb = regexp.MustCompile(`%!|%[a-z]\b|<nil>`)
	tagRe   = regexp.MustCompile(`</?(b|i|code|a|pre|u|s)\b[^>]*>`)
)

// TestMessagesTakeTheirValues calls every message with a distinct value
// for each parameter: each value must show (a translation that drops one
// loses what the user needs), no printf verb may be left unfilled, and
// the HTML must be balanced, or Telegram refuses the message.
func TestMessagesTakeTheirValues(t *testing.T) {
	calls := 0
	for _, l := range Languages {
		c := reflect.ValueOf(*l.Catalog)
		for i := range c.NumField() {
			f := c.Field(i)
			name := l.Code() + "." + c.Type().Field(i).Name
			if f.Kind() != reflect.Func {
				continue
			}
			ft := f.Type()
			args := make([]reflect.Value, ft.NumIn())
			want := make([]string, ft.NumIn())
			for j := range args {
				switch ft.In(j).Kind() {
				case reflect.String:
					s := fmt.Sprintf("«v%d»", j)
					args[j], want[j] = reflect.ValueOf(s), s
				case reflect.Int:
					n := 7001 + 1000*j
					args[j], want[j] = reflect.ValueOf(n), l.Num(n)
				default:
					t.Fatalf("%s: parameter %d of kind %s has no sample", name, j, ft.In(j).Kind())
				}
			}
			out := f.Call(args)[0].String()
			calls++
			for j, w := range want {
				assert.Contains(t, out, w, "%s: parameter %d shows", name, j)
			}
			assert.NotRegexp(t, badVerb, out, name)
			assertBalanced(t, name, out)
		}
	}
	assert.Greater(t, calls, 150)
}

func TestPlainMessagesAreBalanced(t *testing.T) {
	for _, l := range Languages {
		c := reflect.ValueOf(*l.Catalog)
		for i := range c.NumField() {
			if f := c.Field(i); f.Kind() == reflect.String {
				name := l.Code() + "." + c.Type().Field(i).Name
				assert.NotRegexp(t, badVerb, f.String(), "%s: a plain message is not a format", name)
				assertBalanced(t, name, f.String())
			}
		}
	}
}

// TestMistakesAreWholeSentences: what is wrong with a line, a file or a
// row is said as a sentence, capital first and a full stop last, since it
// follows "Dòng 3:" or stands alone.
func TestMistakesAreWholeSentences(t *testing.T) {
	for _, l := range Languages {
		c := reflect.ValueOf(*l.Catalog)
		for i := range c.NumField() {
			name := c.Type().Field(i).Name
			if !isMistake(name) {
				continue
			}
			f := c.Field(i)
			var s string
			switch f.Kind() {
			case reflect.String:
				s = f.String()
			case reflect.Func:
				args := make([]reflect.Value, f.Type().NumIn())
				for j := range args {
					args[j] = reflect.Zero(f.Type().In(j))
					if f.Type().In(j).Kind() == reflect.String {
						args[j] = reflect.ValueOf("x")
					}
				}
				s = f.Call(args)[0].String()
			}
			first, _ := utf8.DecodeRuneInString(s)
			assert.True(t, unicode.IsUpper(first), "%s.%s starts a sentence: %q", l.Code(), name, s)
			assert.True(t, strings.HasSuffix(s, "."), "%s.%s ends a sentence: %q", l.Code(), name, s)
		}
	}
}

// isMistake tells the messages that say what is wrong with a line, a row
// or a file from the headers and lines around them.
func isMistake(name string) bool {
	switch {
	case name == "ReportDuplicate", strings.HasPrefix(name, "Err"):
		return true
	case name == "ImpLine", strings.HasPrefix(name, "Import"):
		return false
	}
	return strings.HasPrefix(name, "Imp")
}

func assertBalanced(t *testing.T, name, s string) {
	t.Helper()
	var open []string
	for _, m := range tagRe.FindAllStringSubmatch(s, -1) {
		if strings.HasPrefix(m[0], "</") {
			if assert.NotEmpty(t, open, "%s: %s closes nothing", name, m[0]) {
				assert.Equal(t, open[len(open)-1], m[1], "%s: tags nest", name)
				open = open[:len(open)-1]
			}
			continue
		}
		open = append(open, m[1])
	}
	assert.Empty(t, open, "%s: every tag is closed", name)
}

// TestNoticesFitTelegram: a button's answer is at most 200 characters.
func TestNoticesFitTelegram(t *testing.T) {
	for _, l := range Languages {
		for name, s := range map[string]string{"DialogExpired": l.DialogExpired, "NotRegistered": l.NotRegistered, "Forbidden": l.Forbidden(l.Role(quota.RoleSpecialist))} {
			assert.LessOrEqual(t, utf8.RuneCountInString(s), 200, "%s.%s", l.Code(), name)
		}
	}
}

func TestNumbersByLanguage(t *testing.T) {
	vi, en := Languages[0], Languages[1]
	assert.Equal(t, "1.823", vi.Num(1823))
	assert.Equal(t, "1,823", en.Num(1823))
	assert.Equal(t, "50,7%", vi.Pct(quota.Percent(152, 300)))
	assert.Equal(t, "50.7%", en.Pct(quota.Percent(152, 300)))
}

func TestPluralForms(t *testing.T) {
	vi, en := Languages[0], Languages[1]
	assert.Equal(t, "1 organization", en.Count(1, "organization", "organizations"))
	assert.Equal(t, "0 organizations", en.Count(0, "organization", "organizations"))
	assert.Equal(t, "1,001 organizations", en.Count(1001, "organization", "organizations"))
	assert.Equal(t, "1 tổ chức", vi.Count(1, "tổ chức", "tổ chức"))
	assert.Equal(t, "Recorded 1 admission for <b>X</b>:", en.ReportRecorded(1, "X"))
	assert.Equal(t, "Recorded 2 admissions for <b>X</b>:", en.ReportRecorded(2, "X"))
	assert.Equal(t, "Queued 1 reminder to 1 organization behind.", en.RemindDone(1, 1))
	assert.Contains(t, en.ImportTotalDone(1, 0, 2, 1), "1 new organization, 0 updated, 2 unchanged; 1 quota changed.")
	assert.Contains(t, en.ImportMore(2), "2 more organizations")
	assert.Contains(t, en.AdmDone("f.xlsx", 1, "2026", 1), "1 admission recorded (2026); 1 already recorded, left as it was.")
	assert.Contains(t, en.AdmRefused("f.xlsx", 1), "because 1 line is not right:")
	assert.Contains(t, en.PrTermRisk(2, "2021-2025"), "2 base organizations are at risk")
}

// TestNoOneWithAPlural calls every English message with 1 for each number:
// "1 organizations" or "Recorded 1 admission(s)" means a count was written
// without its plural form.
func TestNoOneWithAPlural(t *testing.T) {
	en := Languages[1]
	wrong := regexp.MustCompile(`\b1 (new |more |base |outstanding |probationary )?(organizations|admissions|lines|errors|times|reminders|candidates|members|quotas|users|people)\b|\(s\)`)
	c := reflect.ValueOf(*en.Catalog)
	for i := range c.NumField() {
		f := c.Field(i)
		if f.Kind() != reflect.Func {
			continue
		}
		args := make([]reflect.Value, f.Type().NumIn())
		for j := range args {
			args[j] = reflect.ValueOf(1)
			if f.Type().In(j).Kind() == reflect.String {
				args[j] = reflect.ValueOf("x")
			}
		}
		out := f.Call(args)[0].String()
		assert.NotRegexp(t, wrong, out, "en.%s", c.Type().Field(i).Name)
	}
}

func TestLanguageChoice(t *testing.T) {
	vi, en := Languages[0], Languages[1]
	assert.Same(t, vi, Default)
	assert.Same(t, en, For("en-GB"))
	assert.Same(t, en, For("en"))
	assert.Same(t, vi, For("vi"))
	assert.Same(t, vi, For("fr"))
	assert.Same(t, vi, For(""))
	assert.Same(t, vi, For("not a tag"))
	l, ok := Lookup(" EN ")
	assert.True(t, ok)
	assert.Same(t, en, l)
	_, ok = Lookup("en-GB")
	assert.False(t, ok, "a choice is exact")
	assert.Equal(t, []string{"vi", "en"}, Codes())
}

func TestSourcesAsTyped(t *testing.T) {
	cases := map[string]quota.Source{
		"doan": quota.SourceYouthUnion, "Đoàn": quota.SourceYouthUnion, "Đoàn Thanh niên": quota.SourceYouthUnion,
		"  ĐOÀN  THANH NIÊN ": quota.SourceYouthUnion, "youth": quota.SourceYouthUnion, "Youth Union": quota.SourceYouthUnion,
		"youth_union": quota.SourceYouthUnion, "congdoan": quota.SourceTradeUnion, "Công đoàn": quota.SourceTradeUnion,
		"union": quota.SourceTradeUnion, "trade_union": quota.SourceTradeUnion, "dangvien": quota.SourceMember,
		"Đảng viên": quota.SourceMember, "member": quota.SourceMember, "Party member": quota.SourceMember,
		"khac": quota.SourceOther, "Khác": quota.SourceOther, "other": quota.SourceOther,
	}
	for in, want := range cases {
		got, ok := ParseSource(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "doanthanh", "friend", "đảng", "youth union member", ";"} {
		got, ok := ParseSource(in)
		assert.False(t, ok, in)
		assert.Empty(t, got, in)
	}
	// Every source round-trips through its stored form, which the dialog's
	// buttons carry.
	for _, s := range quota.Sources {
		got, ok := ParseSource(string(s))
		assert.True(t, ok, s)
		assert.Equal(t, s, got)
	}
}

func TestWordsInEveryLanguage(t *testing.T) {
	for in, want := range map[string]quota.Role{"Bí thư": quota.RoleSecretary, "secretary": quota.RoleSecretary, "LANH DAO": quota.RoleLeader, "quản trị": quota.RoleAdmin} {
		got, ok := ParseRole(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for in, want := range map[string]quota.Source{"Đoàn": quota.SourceYouthUnion, "youth_union": quota.SourceYouthUnion, "công đoàn": quota.SourceTradeUnion, "member": quota.SourceMember, "khác": quota.SourceOther} {
		got, ok := ParseSource(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	v, ok := ParseVerb("Thêm")
	assert.True(t, ok)
	assert.Equal(t, VerbAdd, v)
	_, ok = ParseRole("chairman")
	assert.False(t, ok)
	_, ok = ParseVerb("Nguyễn")
	assert.False(t, ok)
	assert.True(t, IsDryRun(" Thử "))
	assert.True(t, IsDryRun("dry run"))
	assert.False(t, IsDryRun("danh sách 2026"))
}

// TestNoWordMeansTwoThings: a word of one language must not name another
// value in another language, or the first language read would decide.
func TestNoWordMeansTwoThings(t *testing.T) {
	check := func(kind string, words func(Words) map[string][]string) {
		seen := map[string]string{}
		for _, l := range Languages {
			for v, ws := range words(l.Words) {
				for _, w := range ws {
					assert.Equal(t, quota.SearchKey(w), w, "%s word %q is written as matched", kind, w)
					if prev, ok := seen[w]; ok {
						assert.Equal(t, prev, v, "%s word %q", kind, w)
					}
					seen[w] = v
				}
			}
		}
	}
	check("role", func(w Words) map[string][]string { return stringKeys(w.Roles) })
	check("source", func(w Words) map[string][]string { return stringKeys(w.Sources) })
	check("verb", func(w Words) map[string][]string { return stringKeys(w.CandidateVerbs) })
}

func stringKeys[K ~string](m map[K][]string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

// FuzzWords reads any text as a role, source, verb or caption: never a
// panic, and a value found reads back from its own code.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Bí thư", "youth", "them", "thử", "", "\xff", "  DRY   RUN ", "Đoàn Thanh niên", "congdoan", "DTN", "cd", "quản trị"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// What is typed in another case or with spacing means the same.
		for _, parse := range []func(string) (string, bool){
			func(s string) (string, bool) { r, ok := ParseRole(s); return string(r), ok },
			func(s string) (string, bool) { r, ok := ParseSource(s); return string(r), ok },
			func(s string) (string, bool) { r, ok := ParseVerb(s); return string(r), ok },
		} {
			v, ok := parse(s)
			if !ok {
				continue
			}
			if again, ok := parse("  " + s + " "); !ok || again != v {
				t.Fatalf("%q reads as %q, but as %q with spacing", s, v, again)
			}
			if up := strings.ToUpper(s); quota.SearchKey(up) == quota.SearchKey(s) {
				if again, ok := parse(up); !ok || again != v {
					t.Fatalf("%q reads as %q, but as %q in capitals", s, v, again)
				}
			}
		}
		if r, ok := ParseRole(s); ok {
			back, ok := ParseRole(string(r))
			assert.True(t, ok && back == r, "%q", s)
		}
		if src, ok := ParseSource(s); ok {
			back, ok := ParseSource(string(src))
			assert.True(t, ok && back == src, "%q", s)
		}
		if v, ok := ParseVerb(s); ok {
			back, ok := ParseVerb(string(v))
			assert.True(t, ok && back == v, "%q", s)
		}
		_ = IsDryRun(s)
		// A language code from Telegram or typed to /lang: always a
		// language, and a choice names itself.
		if For(s) == nil {
			t.Fatalf("For(%q) is nil", s)
		}
		if l, ok := Lookup(s); ok {
			if back, ok := Lookup(l.Code()); !ok || back != l {
				t.Fatalf("Lookup(%q) = %s, which does not look itself up", s, l.Code())
			}
		}
	})
}
