package storage

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Upgrade is what Open did to a file of an older schema, for the operator.
type Upgrade struct {
	From, To int
	Backup   string // the copy of the file as it was before
	// SizeBefore is the file's size after the upgrade's transaction,
	// SizeAfter once written anew without its free pages.
	SizeBefore, SizeAfter int64
	// CompactErr says why the file was left with its free pages; the
	// upgrade itself is done either way.
	CompactErr error
}

// Upgraded is what Open did to bring the file's schema up to date; nil
// when it was current or new.
func (db *DB) Upgraded() *Upgrade { return db.upgrade }

// compactAtFree is the share of free pages from which an upgraded file is
// written anew.
const compactAtFree = 0.2

// compactMinFree is the free space below which a file is left as it is:
// bbolt's own growth of a small file is more than a copy would save.
const compactMinFree = 256 << 10

// compactAfterUpgrade writes the file anew after a schema upgrade when
// much of it is free. An upgrade rewrites whole indexes in one
// transaction, which cannot reuse the pages it frees: a national file of
// schema 8 went from 148 to 203 MB, and was 108 MB written anew; bbolt
// never gives pages back to the disk. The copy is made beside the file and put
// in its place only once complete and synced, so a failure before that
// leaves the upgraded file as it was, only larger (CompactErr says why).
// An error is returned only when the file cannot be opened again.
func (db *DB) compactAfterUpgrade(up *Upgrade, opts Options) error {
	var free, pages int
	if err := db.bolt.View(func(tx *bolt.Tx) error {
		st := db.bolt.Stats()
		free, pages = st.FreePageN+st.PendingPageN, int(tx.Size()/int64(db.bolt.Info().PageSize))
		return nil
	}); err != nil {
		return fmt.Errorf("reading the free pages of %s: %w", db.path, err)
	}
	fi, err := os.Stat(db.path)
	if err != nil {
		return fmt.Errorf("reading the size of %s: %w", db.path, err)
	}
	up.SizeBefore, up.SizeAfter = fi.Size(), fi.Size()
	if float64(free) < compactAtFree*float64(pages) || free*db.bolt.Info().PageSize < compactMinFree {
		return nil
	}
	tmp := db.path + ".compacting"
	if err := db.writeCompact(tmp); err != nil {
		_ = os.Remove(tmp)
		up.CompactErr = err
		return nil
	}
	if err := db.bolt.Close(); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("closing %s to put its compact copy in place: %w", db.path, err)
	}
	renamed := os.Rename(tmp, db.path)
	if renamed != nil {
		_ = os.Remove(tmp)
		up.CompactErr = fmt.Errorf("putting the compact copy in place: %w", renamed)
	} else if d, err := os.Open(filepath.Dir(db.path)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	b, err := openWritable(db.path, opts)
	if err != nil {
		return fmt.Errorf("opening %s again after compacting it: %w", db.path, err)
	}
	db.bolt = b
	if fi, err := os.Stat(db.path); err == nil && renamed == nil {
		up.SizeAfter = fi.Size()
	}
	return nil
}

// writeCompact copies every bucket into a new file at path, on full
// pages, and syncs it.
func (db *DB) writeCompact(path string) error {
	_ = os.Remove(path) // a copy a crash left
	dst, err := bolt.Open(path, 0o600, &bolt.Options{NoSync: true, FreelistType: bolt.FreelistArrayType})
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	// Transactions of 64 MB bound the memory the copy takes.
	err = bolt.Compact(dst, db.bolt, 64<<20)
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing the compact copy %s: %w", path, err)
	}
	return nil
}
