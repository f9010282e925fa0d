package storage

import "fmt"

// Command is one entry of a command menu queued for a chat.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// Menu is the fingerprint of the command menu last queued for a user's
// chat, "" when none was, so a start-up queues only the menus that changed.
func (tx *Tx) Menu(user int64) string {
	return string(tx.bucket(bucketMenus).Get(i64(user)))
}

// PutMenu records the fingerprint of the menu queued for a user's chat;
// created is true when none was recorded before.
func (tx *Tx) PutMenu(user int64, fingerprint string) (created bool, err error) {
	b := tx.bucket(bucketMenus)
	created = b.Get(i64(user)) == nil
	if err := b.Put(i64(user), []byte(fingerprint)); err != nil {
		return false, fmt.Errorf("recording the menu of user %d: %w", user, err)
	}
	return created, nil
}

// DeleteMenu forgets the menu of a user's chat, when access ends.
func (tx *Tx) DeleteMenu(user int64) error {
	if err := tx.bucket(bucketMenus).Delete(i64(user)); err != nil {
		return fmt.Errorf("forgetting the menu of user %d: %w", user, err)
	}
	return nil
}
