package jobs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/config"
	"quotabot/jobs"
)

// TestRegistryHasEveryScheduledJob: every job the configuration can
// schedule has a body, and no body lacks a schedule key.
func TestRegistryHasEveryScheduledJob(t *testing.T) {
	var names []string
	for _, j := range config.Default().Schedule.Jobs() {
		names = append(names, j.Name)
	}
	assert.ElementsMatch(t, names, jobs.Names())
}

// TestUnknownJobIsRefused: a name no job has is an error naming it, not
// a job silently skipped.
func TestUnknownJobIsRefused(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	_, err := h.Jobs.Job("reminder")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"reminder"`)
	for _, name := range jobs.Names() {
		run, err := h.Jobs.Job(name)
		require.NoError(t, err, name)
		assert.NotNil(t, run, name)
	}
}
