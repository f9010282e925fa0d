package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"quotabot/storage"
)

// openPTY opens a pseudo-terminal: what is written to master is typed on
// the terminal that slave is.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { _ = m.Close() })
	require.NoError(t, unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0))
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	require.NoError(t, err)
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return m, s
}

// restoreOnTerminal runs restore with a person typing answer on a terminal.
func restoreOnTerminal(t *testing.T, answer string, args ...string) (code int, stdout string) {
	t.Helper()
	master, slave := openPTY(t)
	_, err := master.WriteString(answer + "\n")
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	err = run(ctx, append([]string{"restore"}, args...), slave, &out, &errb)
	return exitCode(err, &errb), out.String()
}

func TestRestoreAsksOnATerminal(t *testing.T) {
	dir, dbPath, cfg := opsSetup(t, "Nguyễn Văn An")
	backup := filepath.Join(dir, "copy.db")
	code, _, errOut := runCLI(t, "", "backup", "-config", cfg, "-o", backup)
	require.Equal(t, 0, code, errOut)
	seed(t, dbPath, func(tx *storage.Tx) error { return admitNames(tx, "Trần Thị Bình") })
	kept := func() []string {
		k, err := filepath.Glob(filepath.Join(dir, "data", "quotabot-replaced-*.db"))
		require.NoError(t, err)
		return k
	}

	code, out := restoreOnTerminal(t, "n", "-config", cfg, backup)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "This replaces "+dbPath)
	assert.Contains(t, out, "Replace it? [y/N]")
	assert.Contains(t, out, "nothing was changed")
	assert.Equal(t, 2, admittedIn(t, dbPath), "a no keeps the database")
	assert.Empty(t, kept())

	code, out = restoreOnTerminal(t, "y", "-config", cfg, backup)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "restored "+backup)
	assert.Equal(t, 1, admittedIn(t, dbPath))
	require.Len(t, kept(), 1)
	assert.Equal(t, 2, admittedIn(t, kept()[0]), "the replaced database is kept")
}

// A script's stdin is often /dev/null, a character device but no
// terminal: without -yes the restore is refused, not answered "no" with
// success.
func TestRestoreFromDevNullNeedsYes(t *testing.T) {
	dir, dbPath, cfg := opsSetup(t, "Nguyễn Văn An")
	backup := filepath.Join(dir, "copy.db")
	code, _, errOut := runCLI(t, "", "backup", "-config", cfg, "-o", backup)
	require.Equal(t, 0, code, errOut)
	seed(t, dbPath, func(tx *storage.Tx) error { return admitNames(tx, "Trần Thị Bình") })
	null, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer null.Close()

	var out, errb bytes.Buffer
	err = run(context.Background(), []string{"restore", "-config", cfg, backup}, null, &out, &errb)
	assert.Equal(t, 2, exitCode(err, &errb), out.String())
	assert.Contains(t, errb.String(), "-yes")
	assert.Equal(t, 2, admittedIn(t, dbPath), "the database is left as it was")
}
