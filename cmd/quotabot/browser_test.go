package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/demo"
	"quotabot/webapp"
)

// browser starts Debian's chromium headless, or skips the test when it is
// not installed. Screenshots go to $QUOTABOT_SCREENSHOTS, or a temporary
// folder.
func browser(t *testing.T) (context.Context, string) {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if os.Getenv("QUOTABOT_BROWSER") == "required" {
			t.Fatal("chromium is not installed (Debian package: chromium) and QUOTABOT_BROWSER=required")
		}
		t.Skip("chromium is not installed (Debian package: chromium)")
	}
	shots := os.Getenv("QUOTABOT_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), // the screenshots show the page, not a scrollbar
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	require.NoError(t, chromedp.Do(ctx), "starting chromium")
	return ctx, shots
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, png, 0o644))
	t.Logf("screenshot %s", p)
}

// textOf waits for the element and reads its text.
func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))), sel)
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	require.NoError(t, err, sel)
	return strings.TrimSpace(s)
}

// waitFor polls a JavaScript condition.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second)))
	require.NoError(t, err, cond)
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

// TestDashboardInABrowser opens the link `quotabot demo` prints in
// headless chromium, on a phone and on a desktop, as the demo's leader,
// and reads back what a person would see against what the chat says.
func TestDashboardInABrowser(t *testing.T) {
	ctx, shots := browser(t)
	d := startDemo(t)
	link := d.link

	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)), chromedp.Navigate(link)))
	waitFor(t, ctx, `document.querySelectorAll('#tree li').length > 0 && document.getElementById('status').hidden`)

	// The year at a glance is /status's.
	status := d.say("/status")
	tally, pct := textOf(t, ctx, "#glance-tally"), textOf(t, ctx, "#glance-pct")
	assert.Equal(t, "152/300", tally)
	assert.Contains(t, status, "Đã kết nạp: "+tally+" ("+pct+" kế hoạch)")
	orgs := regexp.MustCompile(`Tổ chức: (\d+) có chỉ tiêu; (\d+) hoàn thành; (\d+) chậm tiến độ`).FindStringSubmatch(status)
	require.Len(t, orgs, 4, status)
	assert.Equal(t, orgs[1], textOf(t, ctx, "#fact-with-quota"))
	assert.Equal(t, orgs[2], textOf(t, ctx, "#fact-met"))
	assert.Equal(t, orgs[3], textOf(t, ctx, "#fact-behind"))
	assert.Contains(t, status, "Cùng kỳ năm trước: "+textOf(t, ctx, "#fact-last-year"))
	assert.Contains(t, textOf(t, ctx, "#title"), "Tiến độ kết nạp")
	// Readable on a phone: nothing wider than the screen.
	assert.LessOrEqual(t, eval[int](t, ctx, `document.documentElement.scrollWidth`), 360)
	// The furthest behind come first in the tree, as in /status.
	first := eval[string](t, ctx, `document.querySelector('#tree li').dataset.code`)
	assert.Contains(t, status, "• "+eval[string](t, ctx, `document.querySelector('#tree li .row-name').firstChild.textContent`)+" ("+first+")")
	// So do those at risk, with their advanced candidates and the gap.
	risky := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#risky li')).map(li => li.dataset.code + '|' + li.querySelector('.tally').textContent + '|' + li.querySelector('.row-fig small').textContent)`)
	require.NotEmpty(t, risky)
	for _, r := range risky {
		f := strings.Split(r, "|")
		m := regexp.MustCompile(`nguồn (\d+) · Còn thiếu (\d+)`).FindStringSubmatch(f[2])
		require.Len(t, m, 3, f[2])
		assert.Contains(t, status, "("+f[0]+"): "+f[1]+", nguồn "+m[1]+", thiếu "+m[2])
	}
	screenshot(t, ctx, shots, "dashboard-360-light.png")

	// The send button puts the year's table in the leader's chat.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#actions button[data-send="export"]`))))
	waitFor(t, ctx, `Array.from(document.querySelectorAll('.toast')).some(e => e.textContent.indexOf('Đã gửi') === 0)`)
	assert.Regexp(t, `file saved: .*ket-nap-\d{4}\.xlsx`, d.say("/help"), "the chat received the table")

	// Drill into the base committee: its standing and its cells are
	// /status DU_TCT's.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#tree li[data-code="DU_TCT"]`))))
	waitFor(t, ctx, `document.getElementById('glance-name').textContent.indexOf('Tổng công ty') >= 0 && document.querySelectorAll('#tree li').length === 4 && document.getElementById('status').hidden`)
	orgStatus := d.say("/status DU_TCT")
	assert.Contains(t, orgStatus, "Đã kết nạp: "+textOf(t, ctx, "#glance-tally")+" ("+textOf(t, ctx, "#glance-pct")+" kế hoạch)")
	cells := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#tree li')).map(li => li.querySelector('.row-name').firstChild.textContent + ': ' + li.querySelector('.tally').textContent + ' (' + li.querySelector('.pct').textContent + ')')`)
	for _, c := range cells {
		assert.Contains(t, orgStatus, "• "+c)
	}

	// Search ignores case and diacritics: "nguyen" finds "Nguyễn".
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search"), "nguyen")))
	waitFor(t, ctx, `document.querySelectorAll('#results .result-person').length > 0`)
	people := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#results .result-person .row-name')).map(e => e.textContent)`)
	require.NotEmpty(t, people)
	for _, p := range people {
		assert.True(t, strings.HasPrefix(p, "Nguyễn "), "found %q", p)
	}
	screenshot(t, ctx, shots, "search-360-light.png")

	// Into a cell: its named admissions and pipeline.
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('search').value=''; document.getElementById('results').hidden=true`),
		chromedp.Click(chromedp.CSS(`#tree li[data-code="CB_12"]`))))
	waitFor(t, ctx, `document.getElementById('glance-name').textContent.indexOf('Xây lắp 2') >= 0 && document.getElementById('status').hidden`)
	cellStatus := d.say("/status CB_12")
	cellTally := textOf(t, ctx, "#glance-tally")
	assert.Contains(t, cellStatus, "Đã kết nạp: "+cellTally+" ("+textOf(t, ctx, "#glance-pct")+" kế hoạch)")
	admitted := eval[int](t, ctx, `document.querySelectorAll('#admissions tr').length - 1`)
	assert.Equal(t, strings.Split(cellTally, "/")[0], fmt.Sprint(admitted), "one named row per admission")
	assert.Contains(t, textOf(t, ctx, "#crumbs"), "Đảng ủy Tổng công ty")
	screenshot(t, ctx, shots, "org-360-light.png")

	// Telegram switches to its dark theme.
	dark, err := json.Marshal(map[string]any{"eventType": "theme_changed", "eventData": map[string]any{"theme_params": webapp.DarkTheme}})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.postMessage(%q, '*')`, dark))))
	waitFor(t, ctx, `document.documentElement.classList.contains('dark')`)
	assert.Equal(t, "rgb(15, 15, 15)", eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`))
	assert.Equal(t, "rgb(255, 255, 255)", eval[string](t, ctx, `getComputedStyle(document.getElementById('glance-tally')).color`))
	screenshot(t, ctx, shots, "org-360-dark.png")
	// The apps call Telegram.WebView.receiveEvent instead; back to light
	// for a moment, then dark again.
	light, err := json.Marshal(map[string]any{"theme_params": webapp.LightTheme})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.Telegram.WebView.receiveEvent('theme_changed', %s)`, light))))
	waitFor(t, ctx, `!document.documentElement.classList.contains('dark')`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.postMessage(%q, '*')`, dark))))
	waitFor(t, ctx, `document.documentElement.classList.contains('dark')`)

	// Back to the committee, on a desktop: the chart's six years are the
	// demo's imported totals of the years before the bot, last year and
	// this year.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Click(chromedp.CSS(`#crumbs a`))))
	waitFor(t, ctx, `document.getElementById('title').textContent.indexOf('Tiến độ') === 0 && document.getElementById('status').hidden && document.querySelectorAll('#chart .col').length === 6`)
	assert.Equal(t, "152/300", textOf(t, ctx, "#glance-tally"))
	screenshot(t, ctx, shots, "dashboard-1280-dark.png")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(strings.Replace(link, "#", "?light#", 1))))
	waitFor(t, ctx, `document.querySelectorAll('#tree li').length > 0 && document.getElementById('status').hidden`)
	screenshot(t, ctx, shots, "dashboard-1280-light.png")

	// The button under /status CB_05 opens the dashboard at CB_05.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(strings.Replace(link, "/#", "/?org=CB_05#", 1))))
	waitFor(t, ctx, `document.getElementById('glance-name').textContent.indexOf('Bỉm Sơn') >= 0 && document.getElementById('status').hidden`)
	assert.Contains(t, d.say("/status CB_05"), "Đã kết nạp: "+textOf(t, ctx, "#glance-tally")+" ("+textOf(t, ctx, "#glance-pct")+" kế hoạch)")

	// A secretary opens their own organization, and only that.
	base := link[:strings.Index(link, "#")]
	sec, err := webapp.LaunchURL(base, webapp.WebUser{ID: demo.Secretary + 4, FirstName: "Bí thư", LanguageCode: "vi"}, consoleToken, time.Now(), webapp.LightTheme)
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)), chromedp.Navigate(sec)))
	waitFor(t, ctx, `document.getElementById('glance-name').textContent.indexOf('Bỉm Sơn') >= 0 && document.getElementById('status').hidden`)
	assert.True(t, eval[bool](t, ctx, `document.getElementById('back').hidden`), "nowhere to go back to")
	assert.True(t, eval[bool](t, ctx, `document.getElementById('actions').hidden`), "no /export for a secretary")
	assert.Contains(t, d.say(":as 2005"), "2005")
	assert.Contains(t, d.say("/status"), "Đã kết nạp: "+textOf(t, ctx, "#glance-tally")+" ("+textOf(t, ctx, "#glance-pct")+" kế hoạch)")
	screenshot(t, ctx, shots, "secretary-360-light.png")
}
