package quota

import (
	"errors"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Name limits: a person's full name is a few words; anything else is a
// typing accident that must not be recorded.
const (
	MaxNameRunes = 100
	MaxNameWords = 10
)

// Errors of NormalizeName.
var (
	ErrEmptyName  = errors.New("the name is empty")
	ErrLongName   = errors.New("the name is too long")
	ErrAbsurdName = errors.New("a name has letters only, with spaces, '-', '.' or an apostrophe")
)

// invisible are the characters phones and web pages slip into pasted
// text without showing them: zero-width space, non-joiner and joiner,
// word joiner, soft hyphen, and the byte-order mark. They carry nothing
// in a name, so they go, as extra spaces do. Other format characters
// (the bidi overrides that reorder what is shown) stay refused.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff':
		return true
	}
	return false
}

// stripInvisible removes the invisible characters.
func stripInvisible(s string) string {
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

// NormalizeName returns the name in Unicode NFC with invisible characters
// removed and spaces collapsed, or an error when it cannot be a person's
// name.
func NormalizeName(s string) (string, error) {
	s = strings.Join(strings.Fields(norm.NFC.String(stripInvisible(s))), " ")
	if s == "" {
		return "", ErrEmptyName
	}
	if utf8.RuneCountInString(s) > MaxNameRunes || len(strings.Fields(s)) > MaxNameWords {
		return "", ErrLongName
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.Is(unicode.Mn, r), r == ' ', r == '-', r == '.', r == '\'', r == '’':
		default:
			return "", ErrAbsurdName
		}
	}
	if letters < 2 {
		return "", ErrAbsurdName
	}
	return s, nil
}

// SearchKey folds case, Vietnamese diacritics and spacing, so that
// "nguyen van a" finds "Nguyễn Văn A".
func SearchKey(s string) string {
	if k, ok := latinSearchKey(s); ok {
		return k
	}
	return slowSearchKey(s)
}

func slowSearchKey(s string) string {
	// A chain keeps buffers, so each call builds its own: SearchKey runs
	// in concurrent handlers. Removing marks after NFD turns "Nguyễn"
	// into "Nguyen".
	chain := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	// Invalid UTF-8 makes the chain give up, which would keep the marks;
	// replacing it first keeps the key the same however often it is taken.
	folded, _, err := transform.String(chain, stripInvisible(strings.ToValidUTF8(s, "\uFFFD")))
	if err != nil {
		folded = s
	}
	return strings.Join(strings.Fields(lowerFold(folded)), " ")
}

func lowerFold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		}
		return unicode.ToLower(r)
	}, s)
}

// Latin letters, Vietnamese ones included, fold one by one: their
// decomposition does not reach their neighbours, and once the marks are
// gone nothing is left to compose. So a name written only in them (every
// Vietnamese name) is folded from a table, twenty times faster than
// through the chain; anything else takes the chain. FuzzSearchKeyTable
// holds the two to the same answer.
const (
	latinEnd      = 0x250 // Basic Latin to Latin Extended-B
	marksFrom     = 0x300 // combining diacritical marks, all Mn
	marksEnd      = 0x370
	vietFrom      = 0x1E00 // Latin Extended Additional: ạ, ế, ữ…
	vietEnd       = 0x1F00
	latinFoldSize = latinEnd + (vietEnd - vietFrom)
)

var (
	latinFoldOnce sync.Once
	latinFold     []string
)

func latinFoldOf(r rune) (string, bool) {
	latinFoldOnce.Do(func() {
		latinFold = make([]string, latinFoldSize)
		for r := rune(0); r < latinEnd; r++ {
			latinFold[r] = foldRune(r)
		}
		for r := rune(vietFrom); r < vietEnd; r++ {
			latinFold[latinEnd+r-vietFrom] = foldRune(r)
		}
	})
	switch {
	case r < latinEnd:
		return latinFold[r], true
	case r >= marksFrom && r < marksEnd:
		return "", true
	case r >= vietFrom && r < vietEnd:
		return latinFold[latinEnd+r-vietFrom], true
	}
	return "", false
}

// foldRune is the chain and the case folding of one rune, spaces kept.
func foldRune(r rune) string {
	// The soft hyphen sits in the Latin table's range: it goes, as the
	// slow path strips it.
	if invisible(r) {
		return ""
	}
	chain := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(chain, string(r))
	if err != nil {
		folded = string(r)
	}
	return lowerFold(folded)
}

// latinSearchKey is SearchKey by the table; ok is false for a string with
// anything the table does not hold, or invalid UTF-8.
func latinSearchKey(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return "", false
		}
		f, ok := latinFoldOf(r)
		if !ok {
			return "", false
		}
		b.WriteString(f)
		i += size
	}
	return strings.Join(strings.Fields(b.String()), " "), true
}

// searchKeyDiffers reports whether SearchKey(s) surely differs from key,
// decided from the letters of s before anything the key would collapse
// or that the table does not hold; false means only that it may not.
// It spares building the key of every name an organization recorded on
// a day, when most differ in their first letters.
func searchKeyDiffers(s, key string) bool {
	j := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				// A space between a letter and an ASCII letter or digit
				// stays one space; before anything else it may end up
				// trailing or doubled (a mark that goes, another space),
				// which SearchKey collapses.
				if j == 0 || i+1 >= len(s) || !asciiAlnum(s[i+1]) {
					return false
				}
			case c < ' ' || c == 0x7f:
				return false
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if j >= len(key) || key[j] != c {
				return true
			}
			i++
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f, ok := latinFoldOf(r)
		if !ok || f == "" || (r == utf8.RuneError && size == 1) || strings.IndexFunc(f, unicode.IsSpace) >= 0 {
			return false
		}
		if !strings.HasPrefix(key[j:], f) {
			return true
		}
		i += size
		j += len(f)
	}
	return false
}

func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
