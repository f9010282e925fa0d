// Package texts is everything the bot says and the words it understands,
// one catalog per language: vi.go, en.go. A message is a field of Catalog,
// so a missing or misspelt one is a compile error, and a message that takes
// values is a function whose parameters name them. Adding a language is a
// file like en.go and one line in Languages; TestEveryLanguageHasEveryMessage
// fails until every message of the new file is written.
//
// Values passed to a message are already HTML-escaped by the caller (the
// messages are Telegram HTML); numbers passed as int are grouped the
// language's way (1.823 or 1,823).
//
// Why a typed table rather than golang.org/x/text/message catalogs or
// go-i18n: both find a message by a string key at run time and take its
// values as a list (x/text) or a map (go-i18n), so a missing message, a
// misspelt key or a value left out shows only when a user meets it. Fields
// of a struct make the compiler check all three. golang.org/x/text still
// does what it does best here: matching a client's language to ours,
// grouping numbers, and the CLDR plural rules behind Count and Plural.
package texts

import (
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"quotabot/quota"
)

// Lang is one language the bot speaks: its messages and its way of writing
// numbers. Messages are reached through the embedded Catalog:
// l.Greeting(name), l.NotUnderstood.
type Lang struct {
	*Catalog
	*format
}

// Languages lists every language the bot speaks, the default first.
var Languages = []*Lang{
	{Catalog: &vi, format: viFmt},
	{Catalog: &en, format: enFmt},
}

// Default is the language of a user whose Telegram client asks for none
// that the bot speaks.
var Default = Languages[0]

var matcher = language.NewMatcher(tags())

func tags() []language.Tag {
	t := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		t[i] = l.tag
	}
	return t
}

// For picks the language for a Telegram language code ("en-GB" gives
// English); the default when the bot does not speak it.
func For(code string) *Lang {
	tag, err := language.Parse(code)
	if err != nil {
		return Default
	}
	_, i, conf := matcher.Match(tag)
	if conf == language.No {
		return Default
	}
	return Languages[i]
}

// Lookup finds a language by the code a user types to choose it ("vi",
// "EN"): no guessing, unlike For.
func Lookup(code string) (*Lang, bool) {
	code = strings.ToLower(strings.TrimSpace(code))
	for _, l := range Languages {
		if l.Code() == code {
			return l, true
		}
	}
	return nil, false
}

// Codes lists the languages' codes, the default first: "vi", "en".
func Codes() []string {
	c := make([]string, len(Languages))
	for i, l := range Languages {
		c[i] = l.Code()
	}
	return c
}

// format writes numbers in one language, through golang.org/x/text.
type format struct {
	tag language.Tag
	p   *message.Printer
}

func newFormat(tag language.Tag) *format {
	return &format{tag: tag, p: message.NewPrinter(tag)}
}

// Code is the language's code as users type it and Telegram sends it: "vi".
func (f *format) Code() string {
	base, _ := f.tag.Base()
	return base.String()
}

// Tag is the language's BCP 47 tag.
func (f *format) Tag() language.Tag { return f.tag }

// sprintf formats a message with the language's number grouping; only the
// catalogs write messages, so it is not for the chat to call.
func (f *format) sprintf(format string, args ...any) string { return f.p.Sprintf(format, args...) }

// Num writes a whole number the language's way: 1.823 or 1,823.
func (f *format) Num(n int) string { return f.p.Sprintf("%d", n) }

// Pct writes a percentage with one decimal: 50,7% or 50.7%.
func (f *format) Pct(p float64) string { return f.p.Sprintf("%.1f%%", p) }

// PctWhole writes a percentage to the whole number: "cần đạt 60%".
func (f *format) PctWhole(p float64) string { return f.p.Sprintf("%.0f%%", p) }

// Dec1 writes a number with one decimal the language's way: 303,8 or 303.8.
func (f *format) Dec1(x float64) string { return f.p.Sprintf("%.1f", x) }

// Count writes a number and the noun in the form the language's plural
// rules choose for it: "1 organization", "2 organizations".
func (f *format) Count(n int, one, other string) string {
	return f.Num(n) + " " + f.Plural(n, one, other)
}

// Plural picks the word that agrees with n by the language's plural rules
// (CLDR, through golang.org/x/text): one for 1 in English, other for the
// rest; a language without plural forms always takes other.
func (f *format) Plural(n int, one, other string) string {
	if n >= 0 && plural.Cardinal.MatchPlural(f.tag, n, 0, 0, 0, 0) == plural.One {
		return one
	}
	return other
}

// Role is the name of a role.
func (l *Lang) Role(r quota.Role) string { return l.Roles[r] }

// Stage is the name of a candidate's stage.
func (l *Lang) Stage(s quota.Stage) string { return l.Stages[s] }

// Source is the name of the one who introduced a candidate.
func (l *Lang) Source(s quota.Source) string { return l.Sources[s] }

// Band is the name of a default rating band, false for a band of the
// configuration, whose label is its name.
func (l *Lang) Band(b quota.RatingBand) (string, bool) {
	s, ok := l.Bands[b.Standard]
	return s, ok && b.Standard != ""
}
