package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"quotabot/texts"
)

func FuzzParseCandidateArgs(f *testing.F) {
	for _, s := range []string{
		"", "them Lê Văn Tám; doan", "hoc le van tam; 10/03/2026", "gioithieu Lê Văn Tám", "hoso Lê Văn Tám",
		"loai Lê Văn Tám; chuyển công tác; thêm", "add Nguyen Van An; youth", "xoa #12", "CB_01", ";", " ; ; ",
		"them  Nguyễn\u00a0Văn\tA ;", "them Nguye\u0302\u0303n Va\u0306n A", "them \u0301; doan", "them \xff\xfe; x",
		"THEM Lê Văn Tám", "them " + strings.Repeat("Ă ", 60),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := parseCandidateArgs(s)
		if v, ok := texts.ParseVerb(string(a.action)); a.action != "" && (!ok || v != a.action) {
			t.Fatalf("%q: action %q is not a verb", s, a.action)
		}
		if strings.Contains(a.word, " ") {
			t.Fatalf("%q: the first word %q holds a space", s, a.word)
		}
		if a.arg != strings.TrimSpace(a.arg) {
			t.Fatalf("%q: the argument %q is not trimmed", s, a.arg)
		}
		if a.nameErr != nil {
			if a.name != "" {
				t.Fatalf("%q: name %q with error %v", s, a.name, a.nameErr)
			}
			return
		}
		switch {
		case a.name == "":
			t.Fatalf("%q: an empty name without error", s)
		case strings.Contains(a.name, ";"):
			t.Fatalf("%q: name %q holds ';'", s, a.name)
		case !utf8.ValidString(a.name):
			t.Fatalf("%q: name %q is not UTF-8", s, a.name)
		case !norm.NFC.IsNormalString(a.name):
			t.Fatalf("%q: name %q is not NFC", s, a.name)
		case a.name != strings.Join(strings.Fields(a.name), " "):
			t.Fatalf("%q: name %q has stray spaces", s, a.name)
		}
	})
}

func FuzzParseCommand(f *testing.F) {
	const username = "quotabot_test_bot"
	for _, s := range []string{
		"", "/", "/start", "/Report@quotabot_test_bot Nguyễn Văn A; 01/03/2026", "/report@OtherBot x", "/STATUS",
		"/report\nNguyễn Văn A\nTrần Thị B", "/nguon them Lê Văn Tám; doan", "/@", "/@quotabot_test_bot", "//x",
		"hello", " /report", "/ĐOÀN x", "/\u0130", "/baocao@QUOTABOT_TEST_BOT  a  \n b ", "/a@b@c", "/\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, args := parseCommand(text, username)
		if !strings.HasPrefix(text, "/") {
			if cmd != "" {
				t.Fatalf("%q is no command but gave %q", text, cmd)
			}
			return
		}
		if cmd == "@other" {
			return
		}
		if cmd != strings.ToLower(cmd) {
			t.Fatalf("%q: command %q is not lower case", text, cmd)
		}
		if strings.ContainsAny(cmd, " \n@") {
			t.Fatalf("%q: command %q holds a separator", text, cmd)
		}
		if args != strings.TrimSpace(args) {
			t.Fatalf("%q: arguments %q are not trimmed", text, args)
		}
		if !strings.Contains(strings.ToLower(text), cmd) && utf8.ValidString(text) {
			t.Fatalf("%q: command %q does not come from the text", text, cmd)
		}
	})
}
