package storage_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/storage"
)

func TestMenusSurviveReopenAndQueueWithTheirCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	cmds := []storage.Command{{Command: "report", Description: "Báo cáo kết nạp"}, {Command: "help", Description: "Hướng dẫn"}}
	update(t, db, func(tx *storage.Tx) error {
		assert.Empty(t, tx.Menu(7))
		created, err := tx.PutMenu(7, "secretary|vi")
		require.NoError(t, err)
		assert.True(t, created)
		created, err = tx.PutMenu(7, "secretary|en")
		require.NoError(t, err)
		assert.False(t, created)
		_, err = tx.PutMenu(8, "leader|vi")
		require.NoError(t, err)
		_, err = tx.Enqueue(storage.PriorityBulk, storage.Outgoing{Kind: storage.KindCommands, ChatID: 7, Commands: cmds})
		return err
	})
	require.NoError(t, db.Close())

	db = openAt(t, path)
	update(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, "secretary|en", tx.Menu(7))
		require.NoError(t, tx.DeleteMenu(8))
		assert.Empty(t, tx.Menu(8))
		return nil
	})
	got, err := db.PendingOutgoing(10, nil)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, storage.KindCommands, got[0].Kind)
	assert.Equal(t, cmds, got[0].Commands, "the menu comes back from the outbox as queued")
}
