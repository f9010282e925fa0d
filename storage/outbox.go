package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"quotabot/quota"
)

// Priority orders the outbox: replies to a person go ahead of bulk
// reminders and digests.
type Priority byte

// Priorities, most urgent first.
const (
	PriorityReply Priority = 0
	PriorityBulk  Priority = 1
)

// Kinds of outgoing messages.
const (
	KindMessage        = "message"
	KindDocument       = "document"
	KindPhoto          = "photo"
	KindEdit           = "edit" // removes the inline keyboard of MessageID
	KindCallbackAnswer = "callback_answer"
	KindCommands       = "commands"    // sets the command menu of ChatID to Commands; none deletes it
	KindMenuButton     = "menu_button" // sets the menu button of ChatID to open the Mini App at WebApp, labelled Text; no WebApp restores the default
)

// Button is an inline keyboard button.
type Button struct {
	Text   string `json:"text"`
	Data   string `json:"data"`
	WebApp string `json:"web_app,omitempty"` // the address of a Mini App the button opens instead
}

// File is an attachment sent with a document or photo. Its bytes are
// kept apart from the queue, so reading the queue never decodes them:
// Enqueue stores Data aside, PendingOutgoing leaves it nil, and
// OutgoingFile reads it when the message is sent.
type File struct {
	Name string `json:"name"`
	Data []byte `json:"data,omitempty"`
}

// Kinds of files drawn when their message is sent.
const (
	RenderTable = "table" // the year's table, as /export sends it
	RenderChart = "chart" // the year's chart, as /chart sends it
)

// Render names a file that is drawn when its message is sent rather than
// in the transaction that queued it, so a national table never holds up
// the single writer. File.Name is its name.
type Render struct {
	What string     `json:"what"`
	Year int        `json:"year"`
	On   quota.Date `json:"on"`   // the date it is as of, the day it was asked
	Lang string     `json:"lang"` // "vi" or "en"
}

// Outgoing is a message waiting in the outbox. It is written in the same
// transaction as what caused it, and deleted once Telegram accepted it.
type Outgoing struct {
	Key        []byte     `json:"-"` // position in the outbox, set when read
	Kind       string     `json:"kind"`
	ChatID     int64      `json:"chat_id"`
	Text       string     `json:"text,omitempty"` // Telegram HTML; the caption of a file
	Buttons    [][]Button `json:"buttons,omitempty"`
	ForceReply bool       `json:"force_reply,omitempty"`
	MessageID  int        `json:"message_id,omitempty"`  // the message an edit changes
	CallbackID string     `json:"callback_id,omitempty"` // the query a callback answer closes
	File       *File      `json:"file,omitempty"`
	Render     *Render    `json:"render,omitempty"`   // the file is drawn when sent`
	Commands   []Command  `json:"commands,omitempty"` // the menu a KindCommands sets
	WebApp     string     `json:"web_app,omitempty"`  // the Mini App a KindMenuButton opens
	DedupeKey  string     `json:"dedupe_key,omitempty"`
	QueuedAt   time.Time  `json:"queued_at"`
	Attempts   int        `json:"attempts,omitempty"`
}

// Enqueue puts a message in the outbox. A message with a DedupeKey that was
// already queued is not queued again: queued is false.
func (tx *Tx) Enqueue(p Priority, m Outgoing) (queued bool, err error) {
	if m.DedupeKey != "" {
		keys := tx.bucket(bucketOutboxKeys)
		if keys.Get([]byte(m.DedupeKey)) != nil {
			return false, nil
		}
		if err := keys.Put([]byte(m.DedupeKey), i64(m.QueuedAt.UnixNano())); err != nil {
			return false, fmt.Errorf("recording outbox key %s: %w", m.DedupeKey, err)
		}
		if err := tx.bucket(bucketKeysByTime).Put(append(i64(m.QueuedAt.UnixNano()), m.DedupeKey...), nil); err != nil {
			return false, fmt.Errorf("recording outbox key %s: %w", m.DedupeKey, err)
		}
	}
	b := tx.bucket(bucketOutbox)
	seq, err := b.NextSequence()
	if err != nil {
		return false, fmt.Errorf("numbering an outgoing message: %w", err)
	}
	k := make([]byte, 9)
	k[0] = byte(p)
	binary.BigEndian.PutUint64(k[1:], seq)
	if m.File != nil && m.File.Data != nil {
		if err := tx.bucket(bucketOutboxFiles).Put(k, m.File.Data); err != nil {
			return false, fmt.Errorf("queueing the file %s to %d: %w", m.File.Name, m.ChatID, err)
		}
		m.File = &File{Name: m.File.Name}
	}
	v, err := json.Marshal(m)
	if err != nil {
		return false, fmt.Errorf("encoding an outgoing message: %w", err)
	}
	if err := b.Put(k, v); err != nil {
		return false, fmt.Errorf("queueing a message to %d: %w", m.ChatID, err)
	}
	return true, nil
}

// PendingOutgoing reads up to n queued messages in sending order, skipping
// those skip rejects (already in flight, waiting for a chat's limit).
func (db *DB) PendingOutgoing(n int, skip func(key []byte, chatID int64) bool) ([]Outgoing, error) {
	return db.pending(n, skip, false)
}

// PendingReplies is PendingOutgoing for replies only, for while bulk
// messages are held: it stops where the bulk messages begin.
func (db *DB) PendingReplies(n int, skip func(key []byte, chatID int64) bool) ([]Outgoing, error) {
	return db.pending(n, skip, true)
}

func (db *DB) pending(n int, skip func(key []byte, chatID int64) bool, repliesOnly bool) ([]Outgoing, error) {
	var out []Outgoing
	err := db.View(func(tx *Tx) error {
		c := tx.bucket(bucketOutbox).Cursor()
		for k, v := c.First(); k != nil && len(out) < n; k, v = c.Next() {
			if repliesOnly && Priority(k[0]) != PriorityReply {
				break
			}
			var m Outgoing
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("decoding outgoing message %x: %w", k, err)
			}
			if skip != nil && skip(k, m.ChatID) {
				continue
			}
			m.Key = append([]byte(nil), k...)
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// OutgoingFile is the bytes of a queued message's file, read when it is
// sent; nil when it has none.
func (db *DB) OutgoingFile(key []byte) ([]byte, error) {
	var data []byte
	err := db.View(func(tx *Tx) error {
		if v := tx.bucket(bucketOutboxFiles).Get(key); v != nil {
			data = append([]byte(nil), v...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the file of outgoing message %x: %w", key, err)
	}
	return data, nil
}

// OutboxLen is the number of queued messages.
func (tx *Tx) OutboxLen() int { return tx.bucket(bucketOutbox).Stats().KeyN }

// DeleteOutgoing removes a sent message from the outbox, with its file.
func (tx *Tx) DeleteOutgoing(key []byte) error {
	if err := tx.bucket(bucketOutbox).Delete(key); err != nil {
		return fmt.Errorf("removing a sent message: %w", err)
	}
	if err := tx.bucket(bucketOutboxFiles).Delete(key); err != nil {
		return fmt.Errorf("removing the file of a sent message: %w", err)
	}
	return nil
}

// ReplaceOutgoing rewrites a queued message (a new chat id after a group
// migration, a count of attempts); its file stays where it is.
func (tx *Tx) ReplaceOutgoing(m Outgoing) error {
	if m.File != nil {
		m.File = &File{Name: m.File.Name, Data: m.File.Data}
		if tx.bucket(bucketOutboxFiles).Get(m.Key) != nil {
			m.File.Data = nil
		}
	}
	v, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding an outgoing message: %w", err)
	}
	if err := tx.bucket(bucketOutbox).Put(m.Key, v); err != nil {
		return fmt.Errorf("rewriting an outgoing message: %w", err)
	}
	return nil
}

// BuryOutgoing moves a message that cannot be sent out of the queue, kept
// for the operator to inspect, its file with it.
func (tx *Tx) BuryOutgoing(m Outgoing) error {
	if v := tx.bucket(bucketOutboxFiles).Get(m.Key); v != nil && m.File != nil {
		m.File = &File{Name: m.File.Name, Data: append([]byte(nil), v...)}
	}
	dead := tx.bucket(bucketDead)
	seq, err := dead.NextSequence()
	if err != nil {
		return fmt.Errorf("numbering an unsendable message: %w", err)
	}
	v, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding an unsendable message: %w", err)
	}
	if err := dead.Put(u64(seq), v); err != nil {
		return fmt.Errorf("keeping an unsendable message: %w", err)
	}
	return tx.DeleteOutgoing(m.Key)
}

// PruneOutboxKeys forgets dedupe keys queued before the time. The keys are
// read in the order they were queued, so a prune costs what it removes,
// not what the file holds.
func (tx *Tx) PruneOutboxKeys(before time.Time) error {
	keys := tx.bucket(bucketOutboxKeys)
	c := tx.bucket(bucketKeysByTime).Cursor()
	for k, _ := c.First(); k != nil && int64(binary.BigEndian.Uint64(k)) < before.UnixNano(); k, _ = c.First() {
		if err := keys.Delete(k[8:]); err != nil {
			return fmt.Errorf("pruning outbox keys: %w", err)
		}
		if err := c.Delete(); err != nil {
			return fmt.Errorf("pruning outbox keys: %w", err)
		}
	}
	return nil
}

// migrateKeysByTime indexes by time the dedupe keys of a schema 1 file.
func migrateKeysByTime(tx *Tx) error {
	byTime := tx.bucket(bucketKeysByTime)
	return tx.bucket(bucketOutboxKeys).ForEach(func(k, v []byte) error {
		if len(v) != 8 {
			return nil
		}
		return byTime.Put(append(append([]byte(nil), v...), k...), nil)
	})
}
