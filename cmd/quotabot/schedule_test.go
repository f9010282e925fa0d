package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/config"
	"quotabot/quota"
	"quotabot/scheduler"
)

const scheduleSecretary int64 = 701

// scheduleHarness is a bot with one organization behind and its
// secretary, and the configuration serve would read.
func scheduleHarness(t *testing.T) (*bottest.Harness, *config.Config) {
	t.Helper()
	cfg := config.Default()
	cfg.Location = bottest.Zone
	cfg.Storage.BackupDir = t.TempDir()
	// The jobs take the backup folder from the options serve builds.
	h := bottest.New(t, func(c *bottest.Config) {
		c.Options.BackupDir, c.Options.KeepBackups = backupDir(cfg), cfg.Storage.KeepBackups
	})
	cfg.Storage.Path = h.Path
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 12)
	h.Register(scheduleSecretary, quota.RoleSecretary, "CB_01")
	return h, cfg
}

func newTestScheduler(t *testing.T, h *bottest.Harness, cfg *config.Config) *scheduler.Scheduler {
	t.Helper()
	s, err := newScheduler(cfg, h.Jobs, h.DB, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, h.Clock.Now)
	require.NoError(t, err)
	return s
}

// settle waits until the bot sent everything the jobs queued.
func settle(t *testing.T, h *bottest.Harness) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, h.Sender.WaitIdle(ctx))
}

func TestSchedulerRegistersConfiguredJobs(t *testing.T) {
	h, cfg := scheduleHarness(t)
	cfg.Schedule.Digests = "" // disabled
	s := newTestScheduler(t, h, cfg)
	ctx := context.Background()
	at := bottest.At(2026, 6, 15, 8, 0)

	require.NoError(t, s.RunNow(ctx, "reminders", at))
	settle(t, h)
	got := h.Fake.SentTo(scheduleSecretary)
	require.Len(t, got, 1)
	assert.Contains(t, got[0].Plain(), "0/12")
	last, err := h.DB.LastRun("reminders")
	require.NoError(t, err)
	assert.True(t, at.Equal(last), last)

	require.NoError(t, s.RunNow(ctx, "escalation", at))
	require.ErrorIs(t, s.RunNow(ctx, "digests", at), scheduler.ErrUnknownJob, "an empty spec disables the job")
	require.ErrorIs(t, s.RunNow(ctx, "reminders", at), scheduler.ErrAlreadyRan)

	require.NoError(t, s.RunNow(ctx, "backups", at))
	files, err := os.ReadDir(cfg.Storage.BackupDir)
	require.NoError(t, err)
	assert.Len(t, files, 1, "the backup job writes a copy")
}

func TestSchedulerMakesUpAMissedReminderOnce(t *testing.T) {
	h, cfg := scheduleHarness(t)
	// Monday 15/06/2026 09:00: the 08:00 reminder was missed, the one a
	// week before ran.
	h.Clock.Set(bottest.At(2026, 6, 15, 9, 0))
	require.NoError(t, h.DB.SetLastRun("reminders", bottest.At(2026, 6, 8, 8, 0)))
	s := newTestScheduler(t, h, cfg)
	ctx := context.Background()

	s.MakeUp(ctx)
	settle(t, h)
	got := h.Fake.SentTo(scheduleSecretary)
	require.Len(t, got, 1, "the missed run is made up")
	assert.Contains(t, got[0].Plain(), "đến 15/06/2026 cần kết nạp 5")
	last, err := h.DB.LastRun("reminders")
	require.NoError(t, err)
	assert.True(t, bottest.At(2026, 6, 15, 8, 0).Equal(last), last)
	for _, job := range []string{"digests", "escalation", "backups"} {
		last, err := h.DB.LastRun(job)
		require.NoError(t, err)
		assert.True(t, last.IsZero(), "%s never ran, so it waits for its time", job)
	}

	s.MakeUp(ctx)
	settle(t, h)
	assert.Len(t, h.Fake.SentTo(scheduleSecretary), 1, "made up once")
	assert.Len(t, h.Fake.Calls("sendMessage"), 1)
}

func TestSchedulerDoesNotMakeUpPastTheGrace(t *testing.T) {
	h, cfg := scheduleHarness(t)
	require.Equal(t, 6*time.Hour, cfg.Grace)
	// Seven hours after the missed 08:00 run.
	h.Clock.Set(bottest.At(2026, 6, 15, 15, 0))
	before := bottest.At(2026, 6, 8, 8, 0)
	require.NoError(t, h.DB.SetLastRun("reminders", before))
	s := newTestScheduler(t, h, cfg)

	s.MakeUp(context.Background())
	settle(t, h)
	assert.Empty(t, h.Fake.SentTo(scheduleSecretary))
	last, err := h.DB.LastRun("reminders")
	require.NoError(t, err)
	assert.True(t, before.Equal(last), last)
}
