package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/office"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/texts"
)

// TestEveryCommandPresentsItself: the menu and /help come from the
// command table, so each command in them has its texts in every language,
// within Telegram's limit, and every name is used once.
func TestEveryCommandPresentsItself(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range commands {
		for _, n := range append([]string{c.name}, c.aliases...) {
			assert.False(t, seen[n], "/%s is one command's name", n)
			seen[n] = true
		}
		if c.text == nil {
			continue
		}
		for _, l := range texts.Languages {
			ct := c.text(l)
			assert.NotEmpty(t, ct.Menu, "%s: menu of /%s", l.Code(), c.name)
			assert.LessOrEqual(t, utf8.RuneCountInString(ct.Menu), 256, "%s: menu of /%s", l.Code(), c.name)
			assert.NotEmpty(t, ct.Help, "%s: help of /%s", l.Code(), c.name)
		}
	}
	for _, role := range quota.Roles {
		u := &quota.User{Role: role}
		names := map[string]bool{}
		for _, c := range menuFor(texts.Default, u) {
			assert.False(t, names[c.Command], "%s: /%s once in the menu", role, c.Command)
			names[c.Command] = true
		}
		for _, l := range texts.Languages {
			help := helpFor(l, u)
			for n := range names {
				assert.Contains(t, help, "/"+n+" ", "%s: the help names every command of the menu", role)
				assert.NotRegexp(t, `(?m)^/`+n+`\b[^\n—]*— (<code>)?/`+n+`\b`, help, "%s, %s: /%s is not named twice in its line", l.Code(), role, n)
			}
		}
	}
}

// TestEveryImportMistakeIsSaid reads the kinds of import mistakes from
// the office package's source: each must have its sentence in every
// language, never the English text the file reader wrote.
func TestEveryImportMistakeIsSaid(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../office/import.go", nil, 0)
	require.NoError(t, err)
	var kinds []office.ErrorKind
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || vs.Type == nil || len(vs.Values) != 1 {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "ErrorKind" {
			v, _ := strconv.Unquote(vs.Values[0].(*ast.BasicLit).Value)
			kinds = append(kinds, office.ErrorKind(v))
		}
		return true
	})
	require.Greater(t, len(kinds), 10, "the kinds were found")
	for _, k := range kinds {
		e := office.RowError{Line: 7, Kind: k, Msg: "ENGLISH FROM THE READER", Args: []any{"code", 2, 3, 2100}}
		for _, l := range texts.Languages {
			got := rowError(l, e)
			assert.NotContains(t, got, "ENGLISH FROM THE READER", "%s: %s has its own sentence", l.Code(), k)
			assert.True(t, strings.HasSuffix(got, "."), "%s: %s is a whole sentence: %q", l.Code(), k, got)
		}
	}
}

// BenchmarkMenuUnchanged is what every private message of a registered
// user pays to find that their menu is already the right one.
func BenchmarkMenuUnchanged(b *testing.B) {
	db, err := storage.Open(filepath.Join(b.TempDir(), "q.db"), storage.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	u := quota.User{ID: 7, Role: quota.RoleSecretary, Orgs: []string{"CB_01"}}
	now := time.Now()
	if err := db.Update(func(tx *storage.Tx) error { return queueMenu(tx, u, texts.Default, storage.PriorityReply, now) }); err != nil {
		b.Fatal(err)
	}
	err = db.View(func(tx *storage.Tx) error {
		// queueMenu only reads when the menu is unchanged, so a read
		// transaction serves the benchmark.
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			m := menuOf(texts.Default, u.Role)
			if tx.Menu(u.ID) != m.fp {
				b.Fatal("the menu changed")
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// FuzzEveryReportMistakeIsSaid: whatever a secretary types after /report,
// each mistake the parser finds has its sentence in every language, never
// the domain's English.
func FuzzEveryReportMistakeIsSaid(f *testing.F) {
	for _, s := range []string{
		"Nguyễn Văn A; 31/02/2026", "; 01/03/2026", "12345", "A; 2026-03-01", "A; 01/03/1900", "A; 01/03/2027",
		"A; 01/03/2026; 1; 2", "A; 01/03/2026; " + strings.Repeat("9", 41), "A\nA", "", strings.Repeat("A\n", 51),
		"A; 1/3", "A; 32/13/2026", "A; 00/00/0000", "A;;", "Lê Văn Hùng; 20/11/2026\nLê Văn Hùng; 20/11/2026",
	} {
		f.Add(s)
	}
	today := quota.Date{Year: 2026, Month: 6, Day: 15}
	f.Fuzz(func(t *testing.T, s string) {
		_, errs := quota.ParseReport(s, today)
		for _, e := range errs {
			for _, l := range texts.Languages {
				got := reason(l, e.Err)
				if got == esc(e.Err.Error()) {
					t.Fatalf("%q: %v has no sentence in %s", s, e.Err, l.Code())
				}
			}
		}
	})
}
