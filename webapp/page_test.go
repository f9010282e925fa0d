package webapp_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/texts"
)

// maxPageBytes is the weight the page may have with its scripts and
// styles: a phone on a slow network opens it inside Telegram.
const maxPageBytes = 300 * 1024

func TestPageWeighsUnder300KB(t *testing.T) {
	d := newDash(t)
	fetch := func(path string) (string, http.Header) {
		resp, err := http.Get(d.srv.URL + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, path)
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return string(b), resp.Header
	}
	page, h := fetch("/")
	assert.Contains(t, h.Get("Content-Type"), "text/html")
	assert.Contains(t, h.Get("Content-Security-Policy"), "script-src 'self'", "no script from elsewhere")
	total := len(page)
	// Everything the page loads, found in it: nothing from elsewhere.
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(page, -1)
	require.Len(t, refs, 2, "the page loads its script and its styles")
	for _, r := range refs {
		assert.NotContains(t, r[1], "//", "%s is loaded from elsewhere", r[1])
		body, _ := fetch("/" + r[1])
		total += len(body)
	}
	t.Logf("page with its script and styles: %d bytes", total)
	assert.Less(t, total, maxPageBytes)
}

func TestTheAPINeedsNoPageButItsSignature(t *testing.T) {
	d := newDash(t)
	resp, err := http.Get(d.srv.URL + "/api/me")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	resp2, err := http.Get(d.srv.URL + "/api/nothing")
	require.NoError(t, err)
	defer resp2.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp2.StatusCode)
}

// TestEveryWordOfThePageIsInTheCatalogs: the page names its words by the
// catalog's JSON tags; each must exist, in every language.
func TestEveryWordOfThePageIsInTheCatalogs(t *testing.T) {
	js, err := os.ReadFile("static/app.js")
	require.NoError(t, err)
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`\bT\.([a-z_]+)`).FindAllStringSubmatch(string(js), -1) {
		used[m[1]] = true
	}
	require.Greater(t, len(used), 30)
	for _, l := range texts.Languages {
		b, err := json.Marshal(l.Dashboard)
		require.NoError(t, err)
		var words map[string]string
		require.NoError(t, json.Unmarshal(b, &words))
		for k := range used {
			assert.NotEmpty(t, words[k], "%s: the page's word %q", l.Code(), k)
		}
	}
}
