package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/office"
	"quotabot/quota"
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
		help := helpFor(texts.Default, u)
		for n := range names {
			assert.Contains(t, help, "/"+n+" ", "%s: the help names every command of the menu", role)
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
