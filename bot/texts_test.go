package bot

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
)

var verbRe = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

// verbs lists a format's printf verbs in order, "%%" left out.
func verbs(format string) []string {
	var out []string
	for _, v := range verbRe.FindAllString(format, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

func TestTextsHaveBothLanguagesWithTheSameVerbs(t *testing.T) {
	require.NotEmpty(t, texts)
	for key, tw := range texts {
		vi, en := tw[0], tw[1]
		assert.NotEmpty(t, strings.TrimSpace(vi), "%s: Vietnamese", key)
		assert.NotEmpty(t, strings.TrimSpace(en), "%s: English", key)
		assert.Equal(t, verbs(vi), verbs(en), "%s: the twins take the same arguments in the same order", key)
	}
}

func TestVerbsHelper(t *testing.T) {
	assert.Equal(t, []string{"%s", "%d", "%.1f"}, verbs("a %s b %d%% c %.1f"))
	assert.Empty(t, verbs("100%% sure"))
}

func TestMenuCommandsHaveTexts(t *testing.T) {
	for _, c := range commands {
		if c.menu == "" {
			continue
		}
		_, ok := texts[c.menu]
		assert.True(t, ok, "/%s: menu text %q", c.name, c.menu)
		for _, a := range c.aliases {
			_, ok := texts["menu_"+a]
			assert.True(t, ok, "/%s: menu text of the alias /%s", c.name, a)
		}
	}
	for _, r := range quota.Roles {
		_, ok := texts["role_"+string(r)]
		assert.True(t, ok, "role %s has a name", r)
	}
}

// TestEveryTextUsedExists reads the package's sources: a key missing from
// texts would panic at the moment a user hits it.
func TestEveryTextUsedExists(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	// A key followed by + is a prefix, checked with its suffixes elsewhere.
	used := regexp.MustCompile(`\.T\(\s*"([a-z0-9_]+)"\s*[,)]`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			n++
			_, ok := texts[m[1]]
			assert.True(t, ok, "%s uses text %q, which does not exist", f, m[1])
		}
	}
	assert.Greater(t, n, 50, "the scan found the texts in use")
}

func TestNumbersByLanguage(t *testing.T) {
	assert.Equal(t, "1.823", langVI.Num(1823))
	assert.Equal(t, "1,823", langEN.Num(1823))
	assert.Equal(t, "50,7%", langVI.Pct(quota.Percent(152, 300)))
	assert.Equal(t, "50.7%", langEN.Pct(quota.Percent(152, 300)))
	assert.Equal(t, langEN, langFor("en-GB"))
	assert.Equal(t, langVI, langFor("fr"))
	assert.Equal(t, langVI, langFor(""))
}
