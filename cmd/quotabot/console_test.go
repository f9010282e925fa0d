package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/storage"
)

// Two console sessions on one database file: the second one's lines must
// reach the bot although the database remembers the first one's update
// ids.
func TestConsoleTwoSessionsOnOneDatabase(t *testing.T) {
	dbPath, cfg, year := consoleCommittee(t)

	code, out, errOut := runCLI(t, "/report Nguyễn Văn An\n/status\n", "console", "-config", cfg, "-as", "7")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Nguyễn Văn An")
	assert.Contains(t, out, fmt.Sprintf("Năm %d: 1/10", year))

	code, out, errOut = runCLI(t, "/report Trần Thị Bình\n/status\n", "console", "-config", cfg, "-as", "7")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Trần Thị Bình", "the second session's first line must not be dropped")
	assert.Contains(t, out, fmt.Sprintf("Năm %d: 2/10", year))
	assert.Equal(t, 2, admittedCount(t, dbPath, year))
}

// consoleCommittee is a database with CB_01 (quota 10 this year) and its
// secretary, user 7, and a configuration that uses it.
func consoleCommittee(t *testing.T) (dbPath, cfg string, year int) {
	t.Helper()
	dir := t.TempDir()
	dbPath = filepath.Join(dir, "quotabot.db")
	year = time.Now().Year()
	seed(t, dbPath, func(tx *storage.Tx) error {
		if err := addOrg(tx, "CB_01", year, 10); err != nil {
			return err
		}
		return addSecretary(tx, 7, "CB_01")
	})
	cfg = writeConfig(t, dir, fmt.Sprintf("storage:\n  path: %q\nlog:\n  level: error\n", dbPath))
	return dbPath, cfg, year
}

func admittedCount(t *testing.T, path string, year int) int {
	t.Helper()
	db, err := storage.Open(path, storage.Options{LockTimeout: time.Second})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	var n int
	require.NoError(t, db.View(func(tx *storage.Tx) error { n = tx.Tally(year, "CB_01").Admitted; return nil }))
	return n
}

// TestConsoleShowsTheNoticeOfAnOldButton: pressing a button whose dialog is
// over records nothing and says so, as Telegram shows a callback's answer.
func TestConsoleShowsTheNoticeOfAnOldButton(t *testing.T) {
	dbPath, cfg, year := consoleCommittee(t)

	// Name, Today, Skip, Record; then Record once more on the old question.
	code, out, errOut := runCLI(t, "/report\nNguyễn Văn An\n:tap 1\n:tap 1\n:tap 1\n:tap 1\n", "console", "-config", cfg, "-as", "7")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, fmt.Sprintf("Năm %d: 1/10", year))
	assert.Contains(t, out, "ⓘ Nút này đã cũ: hộp thoại đã kết thúc, không có gì thay đổi.", "the old button's press is answered")
	assert.Equal(t, 1, admittedCount(t, dbPath, year), "and records nothing")
}

// A backslash at the end of a line continues the message, so the console
// sends a report of several lines as one message, and /undo takes it back
// whole.
func TestConsoleSendsSeveralLinesAsOneMessage(t *testing.T) {
	dbPath, cfg, year := consoleCommittee(t)

	code, out, errOut := runCLI(t, "/report Nguyễn Văn An\\\nTrần Thị Bình\n", "console", "-config", cfg, "-as", "7")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Đã ghi nhận kết nạp 2 người")
	assert.Contains(t, out, fmt.Sprintf("Năm %d: 2/10", year))
	assert.NotContains(t, out, "Bot chỉ hiểu các lệnh", "the second line is not a message of its own")
	assert.Equal(t, 2, admittedCount(t, dbPath, year))

	code, out, errOut = runCLI(t, "/undo\n", "console", "-config", cfg, "-as", "7")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, fmt.Sprintf("Năm %d: 0/10", year), "the message is taken back whole")
	assert.Equal(t, 0, admittedCount(t, dbPath, year))
}
