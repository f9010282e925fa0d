package storage

import bolt "go.etcd.io/bbolt"

// RootPage is the page a bucket starts at, for tests that damage it.
func (db *DB) RootPage(bucket string) uint64 {
	var page uint64
	_ = db.bolt.View(func(tx *bolt.Tx) error {
		page = uint64(tx.Bucket([]byte(bucket)).Root())
		return nil
	})
	return page
}
