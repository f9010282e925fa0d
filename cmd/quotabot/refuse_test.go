package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/storage"
	"quotabot/telegramfake"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(data)
}

// serveRefuses runs the built binary on a database it must refuse: it
// exits at once with the refused-file status, naming the file, with no
// stack trace, and leaves the file as it was.
func serveRefuses(t *testing.T, fake *telegramfake.Server, dbPath string, want ...string) string {
	t.Helper()
	before := fileHash(t, dbPath)
	cfg := serveConfig(t, fake, dbPath)
	s := startServe(t, cfg)
	_, err := s.wait(10 * time.Second)
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "serve must exit on a refused file, got %v\n%s", err, s.stderr.String())
	out := s.stderr.String()
	assert.Equal(t, exitRefused, exit.ExitCode(), out)
	assert.Contains(t, out, dbPath, "the message names the file")
	assert.NotContains(t, out, "goroutine ", "no stack trace")
	assert.NotContains(t, out, "panic")
	for _, w := range want {
		assert.Contains(t, out, w)
	}
	assert.Equal(t, before, fileHash(t, dbPath), "a refused file must not be written")
	assert.Empty(t, fake.Calls("getUpdates"), "a refused file stops the bot before Telegram")
	return out
}

// TestServeRefusesDamagedOrForeignFile: a file cut short, a bbolt file of
// another program, and a file with a zeroed page after a crash.
func TestServeRefusesDamagedOrForeignFile(t *testing.T) {
	skipShort(t)
	newFake := func(t *testing.T) *telegramfake.Server {
		fake := telegramfake.New(fakeToken)
		t.Cleanup(fake.Close)
		return fake
	}
	year := time.Now().In(committeeZone).Year()

	// A database with pages of its own for the organizations, left by a
	// crash: serve ran, answered, and was killed.
	crashed := func(t *testing.T) string {
		dbPath := filepath.Join(t.TempDir(), "quotabot.db")
		seed(t, dbPath, func(tx *storage.Tx) error {
			for i := range 300 {
				if err := addOrg(tx, fmt.Sprintf("CB_%03d", i), year, 5); err != nil {
					return err
				}
			}
			return nil
		})
		fake := newFake(t)
		s := startServe(t, serveConfig(t, fake, dbPath))
		ctx, cancel := s.ctx(time.Minute)
		defer cancel()
		fake.SendText(chatUser(42), "/start")
		if _, err := fake.WaitSentTo(ctx, 42, 1); err != nil {
			s.failNow(err)
		}
		s.kill()
		return dbPath
	}

	t.Run("cut short", func(t *testing.T) {
		dbPath := crashed(t)
		data, err := os.ReadFile(dbPath)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dbPath, data[:len(data)/3], 0o600))
		serveRefuses(t, newFake(t), dbPath, "damaged", "quotabot check", "quotabot restore")
	})
	t.Run("foreign bbolt file", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "quotabot.db")
		b, err := bolt.Open(dbPath, 0o600, nil)
		require.NoError(t, err)
		require.NoError(t, b.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucket([]byte("sessions"))
			if err != nil {
				return err
			}
			return bk.Put([]byte("alice"), []byte("{}"))
		}))
		require.NoError(t, b.Close())
		serveRefuses(t, newFake(t), dbPath, "not a quotabot database", "another program")
	})
	t.Run("zeroed page after a crash", func(t *testing.T) {
		dbPath := crashed(t)
		zeroBucketPage(t, dbPath, "orgs")
		serveRefuses(t, newFake(t), dbPath, "damaged", "quotabot check", "quotabot restore")

		// check names the damage and changes nothing either.
		before := fileHash(t, dbPath)
		code, stdout, errOut := runCLI(t, "", "check", dbPath)
		assert.Equal(t, exitRefused, code, errOut)
		assert.Contains(t, stdout, "problem:")
		assert.Equal(t, before, fileHash(t, dbPath))
	})
	t.Run("sound file after a crash is served", func(t *testing.T) {
		dbPath := crashed(t)
		// Telegram numbers updates on from the last one: an id the file
		// recorded as handled would be taken for the same update again.
		fake := telegramfake.New(fakeToken, telegramfake.WithFirstUpdateID(1000))
		t.Cleanup(fake.Close)
		s := startServe(t, serveConfig(t, fake, dbPath))
		ctx, cancel := s.ctx(time.Minute)
		defer cancel()
		fake.SendText(chatUser(42), "/status")
		// The reply to /start may go once more, if the kill came before it
		// left the outbox; the answer to /status must come.
		for n := 1; ; n++ {
			sent, err := fake.WaitSentTo(ctx, 42, n)
			if err != nil {
				s.failNow(err)
			}
			if strings.Contains(sent[n-1].Plain(), "Tổ chức: 300 có chỉ tiêu") {
				break
			}
		}
		s.stop()
	})
}

func zeroBucketPage(t *testing.T, path, bucket string) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	require.NoError(t, err)
	var page int64
	require.NoError(t, b.View(func(tx *bolt.Tx) error {
		page = int64(tx.Bucket([]byte(bucket)).Root())
		return nil
	}))
	size := int64(b.Info().PageSize)
	require.NoError(t, b.Close())
	require.NotZero(t, page, "the bucket must have a page of its own")
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(make([]byte, size), page*size)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}
