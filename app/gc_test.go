package app_test

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"

	"quotabot/app"
)

func TestTuneGCKeepsTheOperatorsChoice(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })

	assert.Equal(t, app.ServingGCPercent, app.TuneGC(func(string) string { return "" }))
	assert.Equal(t, app.ServingGCPercent, debug.SetGCPercent(100), "without GOGC the serving target is set")

	// GOGC was read by the runtime at start; TuneGC leaves it.
	debug.SetGCPercent(200)
	assert.Equal(t, 200, app.TuneGC(func(k string) string {
		if k == "GOGC" {
			return "200"
		}
		return ""
	}))
	assert.Equal(t, 200, debug.SetGCPercent(100), "GOGC set: the target is left as the operator chose")
}
