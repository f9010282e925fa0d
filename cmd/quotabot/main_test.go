package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/config"
	"quotabot/storage"
)

// binary is the quotabot built once for the subprocess tests; empty in
// -short runs, which skip them.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	code, err := runTests(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runTests(m *testing.M) (int, error) {
	if testing.Short() {
		return m.Run(), nil
	}
	dir, err := os.MkdirTemp("", "quotabot-bin-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "quotabot")
	// The same toolchain as the test, so the binary matches the code under test.
	goTool := "go"
	if root, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		if p := filepath.Join(strings.TrimSpace(string(root)), "bin", "go"); fileExists(p) {
			goTool = p
		}
	}
	build := exec.Command(goTool, "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return 0, fmt.Errorf("building quotabot: %w", err)
	}
	return m.Run(), nil
}

// runCLI runs the command line in process and returns the exit status and
// what it printed.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	err := run(ctx, args, strings.NewReader(stdin), &out, &errb)
	code = exitCode(err, &errb)
	return code, out.String(), errb.String()
}

// writeConfig writes a configuration file into dir and returns its path.
func writeConfig(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "quotabot.yaml")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "", "version")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, version)
	assert.Contains(t, out, fmt.Sprintf("schema %d", storage.SchemaVersion))
}

func TestUsageErrors(t *testing.T) {
	t.Run("no arguments", func(t *testing.T) {
		code, _, errOut := runCLI(t, "")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "usage: quotabot")
	})
	t.Run("unknown command", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "frobnicate")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, `"frobnicate"`)
		assert.Contains(t, errOut, "usage: quotabot")
	})
	t.Run("serve without -config", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "serve")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "-config")
	})
	t.Run("serve with an unknown flag", func(t *testing.T) {
		code, _, _ := runCLI(t, "", "serve", "-confg", "x.yaml")
		assert.Equal(t, 2, code)
	})
	t.Run("console without -as", func(t *testing.T) {
		dir := t.TempDir()
		cfg := writeConfig(t, dir, fmt.Sprintf("storage:\n  path: %q\n", filepath.Join(dir, "q.db")))
		code, _, errOut := runCLI(t, "", "console", "-config", cfg)
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "-as")
		assert.NoFileExists(t, filepath.Join(dir, "q.db"))
	})
}

// A bad configuration stops serve with status 2 and a message naming the
// key, before the database is created.
func TestServeBadConfig(t *testing.T) {
	cases := []struct {
		name, body, key string
	}{
		{"unknown key", "storage:\n  pth: x.db\n", "storage.pth"},
		{"bad time zone", "timezone: Asia/Hanoi_Nowhere\n", "timezone"},
		{"cron spec that never fires", "schedule:\n  reminders: \"0 0 31 2 *\"\n", "schedule.reminders"},
		{"missing token", "", "telegram.token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(config.TokenEnv, "")
			dir := t.TempDir()
			dbDir := filepath.Join(dir, "data")
			dbPath := filepath.Join(dbDir, "quotabot.db")
			token := "telegram:\n  token: \"123456:AAtest-token_0123456789abcdefghijkl\"\n  api_url: \"http://127.0.0.1:1\"\n"
			if tc.key == "telegram.token" {
				token = "telegram:\n  api_url: \"http://127.0.0.1:1\"\n"
			}
			// The storage path comes first, so a later mistake cannot hide it.
			body := fmt.Sprintf("%sstorage:\n  path: %q\n", token, dbPath)
			if strings.HasPrefix(tc.body, "storage:") {
				body = fmt.Sprintf("%sstorage:\n  path: %q\n%s", token, dbPath, strings.TrimPrefix(tc.body, "storage:\n"))
			} else {
				body += tc.body
			}
			cfg := writeConfig(t, dir, body)

			code, _, errOut := runCLI(t, "", "serve", "-config", cfg)
			assert.Equal(t, 2, code, errOut)
			assert.Contains(t, errOut, tc.key)
			assert.NoFileExists(t, dbPath)
			assert.NoDirExists(t, dbDir, "serve created the database folder before refusing the configuration")
		})
	}
}

// QUOTABOT_TOKEN stands in for telegram.token; serve then reaches the
// database, which another process holds, and says so.
func TestServeTokenFromEnvAndLockedDatabase(t *testing.T) {
	t.Setenv(config.TokenEnv, "123456:AAfrom-the-environment_0123456789abc")
	// In a bubble, the lock's timeout passes without waiting for it.
	synctest.Test(t, testServeTokenFromEnvAndLockedDatabase)
}

func testServeTokenFromEnvAndLockedDatabase(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "held.db")
	held, err := storage.Open(dbPath, storage.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = held.Close() })
	cfg := writeConfig(t, dir, fmt.Sprintf("telegram:\n  api_url: \"http://127.0.0.1:1\"\nstorage:\n  path: %q\nlog:\n  level: error\n", dbPath))

	start := time.Now()
	code, _, errOut := runCLI(t, "", "serve", "-config", cfg)
	assert.Equal(t, 1, code, errOut)
	assert.Contains(t, errOut, "another quotabot holds the database file")
	assert.Contains(t, errOut, dbPath)
	assert.NotContains(t, errOut, "telegram.token")
	assert.Less(t, time.Since(start), 10*time.Second, "a held database must fail within seconds")
}

func TestDemo(t *testing.T) {
	code, out, errOut := runCLI(t, "/status\n", "demo")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "152/300")
	assert.Contains(t, out, "50,7%")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
