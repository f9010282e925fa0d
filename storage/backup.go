package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// WriteTo writes a consistent copy of the database while it serves: a
// read transaction sees one moment, and writers are not blocked.
func (db *DB) WriteTo(w io.Writer) (int64, error) {
	var n int64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("copying the database: %w", err)
	}
	return n, nil
}

const backupPrefix, backupSuffix = "quotabot-", ".db"

// BackupTo writes a hot copy into dir under a name that sorts by time,
// and keeps only the newest keep copies. The copy is written under a
// temporary name, synced and renamed, so a half-written copy never looks
// like a backup.
func (db *DB) BackupTo(dir string, at time.Time, keep int) (string, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("creating the backup folder %s: %w", dir, err)
	}
	name := filepath.Join(dir, backupPrefix+at.UTC().Format("20060102T150405Z")+backupSuffix)
	if err := writeFileAtomic(name, func(f *os.File) error {
		_, err := db.WriteTo(f)
		return err
	}); err != nil {
		return "", err
	}
	if err := pruneBackups(dir, keep); err != nil {
		return name, err
	}
	return name, nil
}

// writeFileAtomic writes path through a temporary file in the same
// folder, synced before the rename and the folder synced after.
func writeFileAtomic(path string, write func(f *os.File) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("renaming %s into place: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// Backups lists the complete backups in dir, oldest first.
func Backups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing backups in %s: %w", dir, err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupSuffix) && !e.IsDir() {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}

func pruneBackups(dir string, keep int) error {
	if keep <= 0 {
		return nil
	}
	all, err := Backups(dir)
	if err != nil {
		return err
	}
	var errs []error
	for len(all) > keep {
		if err := os.Remove(all[0]); err != nil {
			errs = append(errs, fmt.Errorf("removing old backup %s: %w", all[0], err))
		}
		all = all[1:]
	}
	return errors.Join(errs...)
}

// ErrNotQuotabot means a file is not a quotabot database this version can
// use.
var ErrNotQuotabot = errors.New("not a quotabot database")

// Inspect reads a database file's schema version without changing it.
func Inspect(path string) (int, error) {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return 0, fmt.Errorf("opening %s: %w: no database there", path, ErrNotQuotabot)
	}
	version := 0
	err := readOnly(path, 2*time.Second, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("%s has no quotabot metadata: %w", path, ErrNotQuotabot)
		}
		v := meta.Get(keySchema)
		if len(v) != 8 {
			return fmt.Errorf("%s has no schema version: %w", path, ErrNotQuotabot)
		}
		version = int(be64(v))
		return nil
	})
	if errors.Is(err, ErrLocked) {
		// Held by a running quotabot, so it is one; it just cannot be read now.
		return 0, fmt.Errorf("opening %s: %w", path, ErrLocked)
	}
	if errors.Is(err, ErrDamaged) {
		return 0, fmt.Errorf("opening %s: %w: %w", path, ErrNotQuotabot, err)
	}
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", path, err)
	}
	if version < 1 || version > SchemaVersion {
		return version, fmt.Errorf("%s has schema %d, this quotabot knows 1 to %d: %w", path, version, SchemaVersion, ErrNotQuotabot)
	}
	return version, nil
}

// Restore replaces the database file at path with a copy of backup, after
// checking that backup is a quotabot database of a known schema. The
// database must not be open.
func Restore(backup, path string) error { return RestoreKeeping(backup, path, "") }

// ReplacedName is where RestoreKeeping keeps the database it replaces:
// beside it, named by the moment, so that a restore can itself be undone.
func ReplacedName(path string, at time.Time) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + "-replaced-" + at.UTC().Format("20060102T150405Z") + filepath.Ext(path)
}

// RestoreKeeping is Restore that first copies the database it replaces
// to keep, unless keep is empty or there is no database yet. The copy is
// taken under the database's lock and completed before anything is
// replaced.
func RestoreKeeping(backup, path, keep string) error {
	if _, err := Inspect(backup); err != nil {
		return err
	}
	src, err := os.Open(backup)
	if err != nil {
		return fmt.Errorf("opening %s: %w", backup, err)
	}
	defer src.Close()
	// Hold the lock while replacing, so a running bot is not overwritten.
	if _, err := os.Stat(path); err == nil {
		held, err := openWritable(path, Options{LockTimeout: 2 * time.Second})
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return fmt.Errorf("opening %s: %w (stop quotabot before restoring)", path, ErrLocked)
		case errors.Is(err, fs.ErrPermission):
			return fmt.Errorf("opening %s: %w", path, err)
		case err == nil:
			defer held.Close()
		}
		// Any other error is a file too damaged to open, which no running
		// quotabot can hold either: replacing it is what restore is for,
		// and its bytes are kept as they are.
		if keep != "" {
			if err := keepReplaced(held, path, keep); err != nil {
				return err
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("creating the database folder: %w", err)
	}
	return writeFileAtomic(path, func(f *os.File) error {
		_, err := io.Copy(f, src)
		return err
	})
}

// keepReplaced copies the database about to be replaced to keep: through
// bbolt when it opened, byte for byte when it is too damaged to.
func keepReplaced(held *bolt.DB, path, keep string) error {
	err := writeFileAtomic(keep, func(f *os.File) error {
		if held != nil {
			return held.View(func(tx *bolt.Tx) error {
				_, err := tx.WriteTo(f)
				return err
			})
		}
		old, err := os.Open(path)
		if err != nil {
			return err
		}
		defer old.Close()
		_, err = io.Copy(f, old)
		return err
	})
	if err != nil {
		return fmt.Errorf("keeping a copy of the replaced database: %w", err)
	}
	return nil
}

// BackupFile writes a hot copy of the database to path, atomically.
func (db *DB) BackupFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("creating the backup folder: %w", err)
	}
	return writeFileAtomic(path, func(f *os.File) error {
		_, err := db.WriteTo(f)
		return err
	})
}
