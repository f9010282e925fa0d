package telegramfake

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// utf16Len counts UTF-16 code units, which is how Telegram measures text
// lengths and entity offsets.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

type openTag struct {
	name   string // as written, lower-cased
	offset int    // UTF-16 offset in the plain text where the tag starts
	entity models.MessageEntity
	keep   bool // false for tags that produce no entity
}

// parseHTML follows Telegram's HTML parse mode: it returns the visible text
// and its entities, or the reason Telegram would refuse the markup.
func parseHTML(src string) (string, []models.MessageEntity, error) {
	var (
		out      strings.Builder
		outLen   int // UTF-16 length of out
		stack    []openTag
		entities []models.MessageEntity
	)
	emit := func(s string) {
		out.WriteString(s)
		outLen += utf16Len(s)
	}
	i := 0
	for i < len(src) {
		c := src[i]
		switch c {
		case '&':
			r, n, ok := decodeEntity(src[i:])
			if !ok {
				return "", nil, fmt.Errorf("Unsupported HTML entity at byte offset %d", i)
			}
			emit(string(r))
			i += n
		case '<':
			start := i
			if i+1 < len(src) && src[i+1] == '/' {
				end := strings.IndexByte(src[i:], '>')
				if end < 0 {
					return "", nil, fmt.Errorf("Unclosed end tag at byte offset %d", start)
				}
				name := strings.ToLower(strings.TrimSpace(src[i+2 : i+end]))
				i += end + 1
				if len(stack) == 0 {
					return "", nil, fmt.Errorf("Unexpected end tag at byte offset %d", start)
				}
				top := stack[len(stack)-1]
				if name != top.name {
					return "", nil, fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", start, top.name, name)
				}
				stack = stack[:len(stack)-1]
				if top.keep && outLen > top.offset {
					e := top.entity
					e.Offset = top.offset
					e.Length = outLen - top.offset
					entities = append(entities, e)
				}
				continue
			}
			tag, n, err := parseStartTag(src, i)
			if err != nil {
				return "", nil, err
			}
			i += n
			tag.offset = outLen
			// A code block inside pre only names the language of the pre.
			if tag.name == "code" && len(stack) > 0 && stack[len(stack)-1].name == "pre" && tag.entity.Language != "" {
				stack[len(stack)-1].entity.Language = tag.entity.Language
				tag.keep = false
			}
			stack = append(stack, tag)
		default:
			r, n := utf8.DecodeRuneInString(src[i:])
			if r == '>' {
				// Telegram tolerates a bare '>' in text.
				emit(">")
				i++
				continue
			}
			emit(src[i : i+n])
			i += n
		}
	}
	if len(stack) > 0 {
		return "", nil, fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	sort.SliceStable(entities, func(a, b int) bool {
		if entities[a].Offset != entities[b].Offset {
			return entities[a].Offset < entities[b].Offset
		}
		return entities[a].Length > entities[b].Length
	})
	return out.String(), entities, nil
}

// decodeEntity decodes one character reference at the start of s. Only the
// references Telegram documents are accepted.
func decodeEntity(s string) (rune, int, bool) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 12 {
		return 0, 0, false
	}
	body := s[1:end]
	switch body {
	case "lt":
		return '<', end + 1, true
	case "gt":
		return '>', end + 1, true
	case "amp":
		return '&', end + 1, true
	case "quot":
		return '"', end + 1, true
	}
	if body[0] != '#' || len(body) < 2 {
		return 0, 0, false
	}
	var (
		v   uint64
		err error
	)
	if body[1] == 'x' || body[1] == 'X' {
		if len(body) < 3 {
			return 0, 0, false
		}
		v, err = strconv.ParseUint(body[2:], 16, 32)
	} else {
		v, err = strconv.ParseUint(body[1:], 10, 32)
	}
	if err != nil || v == 0 || v > unicode.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		return 0, 0, false
	}
	return rune(v), end + 1, true
}

// parseStartTag reads "<name attr=...>" at src[i:], returning the tag and
// the number of bytes consumed.
func parseStartTag(src string, i int) (openTag, int, error) {
	start := i
	i++
	j := i
	for j < len(src) && (isASCIIAlnum(src[j]) || src[j] == '-') {
		j++
	}
	if j == i {
		return openTag{}, 0, fmt.Errorf("Unsupported start tag \"\" at byte offset %d", start)
	}
	name := strings.ToLower(src[i:j])
	i = j
	attrs := map[string]string{}
	for {
		for i < len(src) && isHTMLSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			return openTag{}, 0, fmt.Errorf("Unclosed start tag at byte offset %d", start)
		}
		if src[i] == '>' {
			i++
			break
		}
		if src[i] == '/' && i+1 < len(src) && src[i+1] == '>' {
			// Self-closing tags make no sense for the supported set.
			return openTag{}, 0, fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, start)
		}
		k := i
		for k < len(src) && (isASCIIAlnum(src[k]) || src[k] == '-' || src[k] == '_') {
			k++
		}
		if k == i {
			return openTag{}, 0, fmt.Errorf("Empty attribute name in the tag \"%s\" at byte offset %d", name, i)
		}
		attr := strings.ToLower(src[i:k])
		i = k
		for i < len(src) && isHTMLSpace(src[i]) {
			i++
		}
		value := ""
		if i < len(src) && src[i] == '=' {
			i++
			for i < len(src) && isHTMLSpace(src[i]) {
				i++
			}
			if i >= len(src) {
				return openTag{}, 0, fmt.Errorf("Unclosed start tag at byte offset %d", start)
			}
			if q := src[i]; q == '"' || q == '\'' {
				end := strings.IndexByte(src[i+1:], q)
				if end < 0 {
					return openTag{}, 0, fmt.Errorf("Unclosed start tag at byte offset %d", start)
				}
				raw := src[i+1 : i+1+end]
				i += end + 2
				dec, err := decodeAttr(raw)
				if err != nil {
					return openTag{}, 0, fmt.Errorf("%v in the tag \"%s\" at byte offset %d", err, name, start)
				}
				value = dec
			} else {
				k := i
				for k < len(src) && !isHTMLSpace(src[k]) && src[k] != '>' {
					k++
				}
				value = src[i:k]
				i = k
			}
		}
		attrs[attr] = value
	}
	tag := openTag{name: name, keep: true}
	switch name {
	case "b", "strong":
		tag.entity.Type = models.MessageEntityTypeBold
	case "i", "em":
		tag.entity.Type = models.MessageEntityTypeItalic
	case "u", "ins":
		tag.entity.Type = models.MessageEntityTypeUnderline
	case "s", "strike", "del":
		tag.entity.Type = models.MessageEntityTypeStrikethrough
	case "tg-spoiler":
		tag.entity.Type = models.MessageEntityTypeSpoiler
	case "span":
		if attrs["class"] != "tg-spoiler" {
			return openTag{}, 0, fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", start)
		}
		tag.entity.Type = models.MessageEntityTypeSpoiler
	case "a":
		href, ok := attrs["href"]
		if !ok || href == "" {
			tag.keep = false // Telegram drops links without a target
			break
		}
		tag.entity.Type = models.MessageEntityTypeTextLink
		tag.entity.URL = href
	case "code":
		tag.entity.Type = models.MessageEntityTypeCode
		if lang, ok := strings.CutPrefix(attrs["class"], "language-"); ok {
			tag.entity.Language = lang
		}
	case "pre":
		tag.entity.Type = models.MessageEntityTypePre
	case "blockquote":
		tag.entity.Type = models.MessageEntityTypeBlockquote
		if _, ok := attrs["expandable"]; ok {
			tag.entity.Type = models.MessageEntityTypeExpandableBlockquote
		}
	case "tg-emoji":
		id := attrs["emoji-id"]
		if id == "" {
			return openTag{}, 0, fmt.Errorf("Custom emoji identifier must be non-empty at byte offset %d", start)
		}
		tag.entity.Type = models.MessageEntityTypeCustomEmoji
		tag.entity.CustomEmojiID = id
	default:
		return openTag{}, 0, fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, start)
	}
	return tag, i - start, nil
}

// decodeAttr decodes character references inside a quoted attribute value.
func decodeAttr(s string) (string, error) {
	if !strings.Contains(s, "&") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			r, n, ok := decodeEntity(s[i:])
			if !ok {
				return "", fmt.Errorf("Unsupported HTML entity")
			}
			b.WriteRune(r)
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), nil
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// isWordRune mirrors what Telegram treats as part of a word when it decides
// whether "/cmd" stands alone.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isCommandByte(c byte) bool {
	return isASCIIAlnum(c) || c == '_'
}

// botCommandEntities finds "/command" and "/command@botname" the way
// Telegram's clients and servers do: ASCII letters, digits and underscores
// only, not glued to a preceding or following word.
func botCommandEntities(text string) []models.MessageEntity {
	var out []models.MessageEntity
	for i := 0; i < len(text); i++ {
		if text[i] != '/' {
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if isWordRune(prev) || prev == '/' || prev == '<' || prev == '>' {
				continue
			}
		}
		j := i + 1
		for j < len(text) && isCommandByte(text[j]) {
			j++
		}
		if j == i+1 || j-i-1 > 64 {
			continue
		}
		end := j
		if j < len(text) && text[j] == '@' {
			k := j + 1
			for k < len(text) && isCommandByte(text[k]) {
				k++
			}
			if n := k - j - 1; n < 3 || n > 32 {
				continue
			}
			end = k
			j = k
		}
		if j < len(text) {
			next, _ := utf8.DecodeRuneInString(text[j:])
			if isWordRune(next) || next == '/' || next == '<' || next == '>' {
				continue
			}
		}
		out = append(out, models.MessageEntity{
			Type:   models.MessageEntityTypeBotCommand,
			Offset: utf16Len(text[:i]),
			Length: utf16Len(text[i:end]),
		})
		i = end - 1
	}
	return out
}

// PlainHTML returns what a Telegram client would show for text in HTML parse
// mode: tags removed and character references decoded. Malformed markup is
// returned unchanged.
func PlainHTML(text string) string {
	plain, _, err := parseHTML(text)
	if err != nil {
		return text
	}
	return plain
}
