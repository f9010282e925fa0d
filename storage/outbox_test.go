package storage_test

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"quotabot/storage"
)

func enqueue(t *testing.T, db *storage.DB, p storage.Priority, m storage.Outgoing) bool {
	t.Helper()
	var queued bool
	update(t, db, func(tx *storage.Tx) error {
		var err error
		queued, err = tx.Enqueue(p, m)
		return err
	})
	return queued
}

func pending(t *testing.T, db *storage.DB, n int, skip func([]byte, int64) bool) []storage.Outgoing {
	t.Helper()
	out, err := db.PendingOutgoing(n, skip)
	require.NoError(t, err)
	return out
}

func texts(ms []storage.Outgoing) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Text
	}
	return out
}

func outboxLen(t *testing.T, db *storage.DB) int {
	t.Helper()
	n := 0
	view(t, db, func(tx *storage.Tx) error { n = tx.OutboxLen(); return nil })
	return n
}

var queuedAt = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

func TestEnqueueDedupes(t *testing.T) {
	db := openDB(t)
	m := storage.Outgoing{Kind: storage.KindMessage, ChatID: 5, Text: "Nhắc việc", DedupeKey: "remind:A:2026-06-15", QueuedAt: queuedAt}
	assert.True(t, enqueue(t, db, storage.PriorityBulk, m))
	assert.False(t, enqueue(t, db, storage.PriorityBulk, m))
	assert.False(t, enqueue(t, db, storage.PriorityReply, m), "the key holds whatever the priority")
	// Without a key, nothing is deduplicated.
	m.DedupeKey = ""
	assert.True(t, enqueue(t, db, storage.PriorityBulk, m))
	assert.True(t, enqueue(t, db, storage.PriorityBulk, m))
	assert.Equal(t, 3, outboxLen(t, db))

	// A key is kept after its message is sent, until pruned.
	for _, p := range pending(t, db, 10, nil) {
		update(t, db, func(tx *storage.Tx) error { return tx.DeleteOutgoing(p.Key) })
	}
	m.DedupeKey = "remind:A:2026-06-15"
	assert.False(t, enqueue(t, db, storage.PriorityBulk, m))
	update(t, db, func(tx *storage.Tx) error { return tx.PruneOutboxKeys(queuedAt) })
	assert.False(t, enqueue(t, db, storage.PriorityBulk, m), "a key queued at the cut-off is kept")
	update(t, db, func(tx *storage.Tx) error { return tx.PruneOutboxKeys(queuedAt.Add(time.Second)) })
	assert.True(t, enqueue(t, db, storage.PriorityBulk, m))
}

func TestPendingOutgoingOrder(t *testing.T) {
	db := openDB(t)
	for _, e := range []struct {
		p    storage.Priority
		text string
		chat int64
	}{
		{storage.PriorityBulk, "bulk 1", 10},
		{storage.PriorityBulk, "bulk 2", 11},
		{storage.PriorityReply, "reply 1", 12},
		{storage.PriorityBulk, "bulk 3", 10},
		{storage.PriorityReply, "reply 2", 10},
		{storage.PriorityReply, "reply 3", 13},
	} {
		require.True(t, enqueue(t, db, e.p, storage.Outgoing{Kind: storage.KindMessage, ChatID: e.chat, Text: e.text, QueuedAt: queuedAt}))
	}
	all := pending(t, db, 100, nil)
	assert.Equal(t, []string{"reply 1", "reply 2", "reply 3", "bulk 1", "bulk 2", "bulk 3"}, texts(all))
	for _, m := range all {
		assert.NotEmpty(t, m.Key)
		assert.True(t, m.QueuedAt.Equal(queuedAt))
	}
	assert.Equal(t, []string{"reply 1", "reply 2"}, texts(pending(t, db, 2, nil)))

	// Skipped messages do not use up the limit.
	notTen := pending(t, db, 3, func(_ []byte, chat int64) bool { return chat == 10 })
	assert.Equal(t, []string{"reply 1", "reply 3", "bulk 2"}, texts(notTen))
	inFlight := string(all[0].Key)
	rest := pending(t, db, 100, func(k []byte, _ int64) bool { return string(k) == inFlight })
	assert.Equal(t, []string{"reply 2", "reply 3", "bulk 1", "bulk 2", "bulk 3"}, texts(rest))
	assert.Empty(t, pending(t, db, 0, nil))
}

func TestDeleteReplaceBuryOutgoing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	for _, text := range []string{"một", "hai", "ba"} {
		enqueue(t, db, storage.PriorityReply, storage.Outgoing{Kind: storage.KindMessage, ChatID: -100, Text: text, QueuedAt: queuedAt})
	}
	enqueue(t, db, storage.PriorityBulk, storage.Outgoing{Kind: storage.KindDocument, ChatID: 7, Text: "báo cáo",
		File:    &storage.File{Name: "tiendo.xlsx", Data: []byte{1, 2, 3}},
		Buttons: [][]storage.Button{{{Text: "Xem", Data: "r:1:ok"}}}, QueuedAt: queuedAt})
	ms := pending(t, db, 10, nil)
	require.Len(t, ms, 4)

	update(t, db, func(tx *storage.Tx) error { return tx.DeleteOutgoing(ms[0].Key) })
	// A group migrated to a supergroup: the message is rewritten in place.
	moved := ms[1]
	moved.ChatID, moved.Attempts = -1001234, 1
	update(t, db, func(tx *storage.Tx) error { return tx.ReplaceOutgoing(moved) })
	update(t, db, func(tx *storage.Tx) error { return tx.BuryOutgoing(ms[2]) })

	after := pending(t, db, 10, nil)
	require.Len(t, after, 2)
	assert.Equal(t, "hai", after[0].Text)
	assert.Equal(t, moved.Key, after[0].Key, "a rewritten message keeps its place")
	assert.Equal(t, int64(-1001234), after[0].ChatID)
	assert.Equal(t, 1, after[0].Attempts)
	assert.Equal(t, "báo cáo", after[1].Text)
	require.NotNil(t, after[1].File)
	assert.Equal(t, "tiendo.xlsx", after[1].File.Name)
	assert.Nil(t, after[1].File.Data, "reading the queue leaves the bytes where they are")
	data, err := db.OutgoingFile(after[1].Key)
	require.NoError(t, err)
	assert.Equal(t, []byte{1, 2, 3}, data)
	assert.Equal(t, "r:1:ok", after[1].Buttons[0][0].Data)

	// Everything survives closing and reopening the file.
	require.NoError(t, db.Close())
	db = openAt(t, path)
	reopened := pending(t, db, 10, nil)
	assert.Equal(t, texts(after), texts(reopened))
	assert.Equal(t, int64(-1001234), reopened[0].ChatID)
	assert.True(t, enqueue(t, db, storage.PriorityReply, storage.Outgoing{Kind: storage.KindMessage, ChatID: 1, Text: "bốn", QueuedAt: queuedAt}))
	assert.Equal(t, []string{"hai", "bốn", "báo cáo"}, texts(pending(t, db, 10, nil)),
		"numbering continues after a reopen, so FIFO holds")
	require.NoError(t, db.Close())

	// The buried message is kept for the operator.
	raw, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	require.NoError(t, err)
	defer func() { _ = raw.Close() }()
	var dead []storage.Outgoing
	require.NoError(t, raw.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("dead"))
		require.NotNil(t, b)
		return b.ForEach(func(_, v []byte) error {
			var m storage.Outgoing
			if err := json.Unmarshal(v, &m); err != nil {
				return err
			}
			dead = append(dead, m)
			return nil
		})
	}))
	require.Len(t, dead, 1)
	assert.Equal(t, "ba", dead[0].Text)
}

func TestAdmissionsSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quotabot.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	a := add(t, db, quotaAdmission("A", "Nguyễn Văn A", day(1, 3, 2026), 5))
	update(t, db, func(tx *storage.Tx) error {
		require.NoError(t, tx.PutDialog(5, []byte(`{"step":1}`)))
		return tx.MarkUpdateHandled(77, queuedAt)
	})
	require.NoError(t, db.Close())

	db = openAt(t, path)
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, 1, tx.Tally(2026, "A").Admitted)
		got, err := tx.Admission(a.ID)
		require.NoError(t, err)
		assert.Equal(t, "Nguyễn Văn A", got.Name)
		assert.True(t, tx.UpdateHandled(77))
		assert.JSONEq(t, `{"step":1}`, string(tx.Dialog(5)))
		return nil
	})
	b := add(t, db, quotaAdmission("A", "Trần B", day(1, 3, 2026), 5))
	assert.Greater(t, b.ID, a.ID)
	err = db.Update(func(tx *storage.Tx) error {
		x := quotaAdmission("A", "NGUYỄN  văn a", day(1, 3, 2026), 6)
		return tx.AddAdmission(&x)
	})
	assert.ErrorIs(t, err, storage.ErrDuplicate, "the dedupe index survives too")
}

// Keys are pruned oldest first, whatever their names, and only those
// queued before the cut-off.
func TestPruneOutboxKeysByQueueTime(t *testing.T) {
	db := openDB(t)
	base := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	names := []string{"zeta", "alpha", "mid", "beta"} // not in time order by name
	for i, name := range names {
		m := storage.Outgoing{Kind: storage.KindMessage, ChatID: 1, Text: name, DedupeKey: name, QueuedAt: base.Add(time.Duration(i) * time.Hour)}
		require.True(t, enqueue(t, db, storage.PriorityBulk, m))
	}
	update(t, db, func(tx *storage.Tx) error { return tx.PruneOutboxKeys(base.Add(90 * time.Minute)) })
	for i, name := range names {
		m := storage.Outgoing{Kind: storage.KindMessage, ChatID: 1, Text: name, DedupeKey: name, QueuedAt: base.Add(5 * time.Hour)}
		assert.Equal(t, i < 2, enqueue(t, db, storage.PriorityBulk, m), "%s queued at +%dh", name, i)
	}
}

// TestFileBodiesAreKeptApart: a file's bytes are stored beside the queue,
// read only for the message being sent, removed with it, and kept with a
// message set aside.
func TestFileBodiesAreKeptApart(t *testing.T) {
	db := openDB(t)
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = byte(i)
	}
	for _, name := range []string{"a.xlsx", "b.png"} {
		enqueue(t, db, storage.PriorityReply, storage.Outgoing{Kind: storage.KindDocument, ChatID: 7, Text: name,
			File: &storage.File{Name: name, Data: big}, QueuedAt: queuedAt})
	}
	ms := pending(t, db, 10, nil)
	require.Len(t, ms, 2)
	for _, m := range ms {
		assert.Nil(t, m.File.Data)
		data, err := db.OutgoingFile(m.Key)
		require.NoError(t, err)
		assert.Equal(t, big, data, m.File.Name)
	}

	update(t, db, func(tx *storage.Tx) error { return tx.DeleteOutgoing(ms[0].Key) })
	gone, err := db.OutgoingFile(ms[0].Key)
	require.NoError(t, err)
	assert.Nil(t, gone, "the bytes leave with their message")

	moved := ms[1]
	moved.ChatID = -100
	update(t, db, func(tx *storage.Tx) error { return tx.ReplaceOutgoing(moved) })
	kept, err := db.OutgoingFile(moved.Key)
	require.NoError(t, err)
	assert.Equal(t, big, kept, "a rewritten message keeps its file")

	update(t, db, func(tx *storage.Tx) error { return tx.BuryOutgoing(moved) })
	assert.Zero(t, outboxLen(t, db))
	buried, err := db.OutgoingFile(moved.Key)
	require.NoError(t, err)
	assert.Nil(t, buried)
}
