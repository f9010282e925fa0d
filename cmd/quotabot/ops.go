package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"quotabot/storage"
)

func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("backup", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	out := fs.String("o", "", "the backup file to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("backup: -o FILE is required")
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	db, err := storage.Open(cfg.Storage.Path, storage.Options{LockTimeout: time.Second})
	if errors.Is(err, storage.ErrLocked) {
		return fmt.Errorf("%w; while it runs, its scheduled backups are written to %s (schedule.backups)", err, backupDir(cfg))
	}
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.BackupFile(*out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *out)
	return nil
}

func cmdRestore(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("restore", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	yes := fs.Bool("yes", false, "replace the database without asking (for scripts)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("restore: give the backup file: quotabot restore -config FILE [-yes] BACKUP.db")
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	backup, live := fs.Arg(0), cfg.Storage.Path
	if _, err := storage.Inspect(backup); err != nil {
		return fmt.Errorf("restoring %s: %w", backup, err)
	}
	keep := ""
	if info, err := os.Stat(live); err == nil {
		keep = storage.ReplacedName(live, time.Now())
		if !*yes {
			if !isTerminal(stdin) {
				return usagef("restore replaces %s (changed %s): confirm on a terminal, or add -yes in a script", live, info.ModTime().Format(time.DateTime))
			}
			fmt.Fprintf(stdout, "This replaces %s (changed %s) with %s.\nThe replaced database is kept as %s.\nReplace it? [y/N] ",
				live, info.ModTime().Format(time.DateTime), backup, keep)
			if !confirmed(stdin) {
				fmt.Fprintln(stdout, "nothing was changed")
				return nil
			}
		}
	}
	if err := storage.RestoreKeeping(backup, live, keep); err != nil {
		return fmt.Errorf("restoring %s: %w", backup, err)
	}
	if keep != "" {
		fmt.Fprintf(stdout, "the replaced database is kept as %s\n", keep)
	}
	fmt.Fprintf(stdout, "restored %s to %s; run quotabot check to verify it\n", backup, live)
	return nil
}

// isTerminal reports whether r is a terminal a person can answer on: a
// terminal, not any character device (a script's </dev/null is one).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// confirmed reads one answer; only a yes (in English or Vietnamese) is one.
func confirmed(r io.Reader) bool {
	line, _ := bufio.NewReader(r).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "c", "co", "có":
		return true
	}
	return false
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	path := fs.String("config", "", "configuration file (YAML); or give a database file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var name string
	switch {
	case fs.NArg() == 1:
		name = fs.Arg(0)
	case *path != "":
		cfg, err := loadConfig(*path)
		if err != nil {
			return err
		}
		name = cfg.Storage.Path
	default:
		return usagef("check: quotabot check -config FILE, or quotabot check DATABASE.db")
	}
	// The pages first, read-only: a damaged file is described, never
	// opened for writing.
	damage, err := storage.VerifyFile(name)
	if err != nil {
		return err
	}
	for _, p := range damage {
		fmt.Fprintln(stdout, "problem:", p)
	}
	if len(damage) > 0 {
		return fmt.Errorf("%s: %d problems in the file's structure: %w; put back a backup with quotabot restore", name, len(damage), storage.ErrDamaged)
	}
	file := name
	if fs.NArg() == 1 {
		// A file named directly is often a backup: it is checked on a
		// copy, so that opening it (which upgrades an older schema)
		// never changes it.
		copied, cleanup, err := copyForCheck(name)
		if err != nil {
			return err
		}
		defer cleanup()
		file = copied
	}
	if _, err := storage.Inspect(file); err != nil {
		return err
	}
	db, err := storage.Open(file, storage.Options{LockTimeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	problems := db.Check()
	for _, p := range problems {
		fmt.Fprintln(stdout, "problem:", p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %d problems", name, len(problems))
	}
	fmt.Fprintf(stdout, "%s: ok\n", name)
	return nil
}

func copyForCheck(path string) (string, func(), error) {
	if _, err := storage.Inspect(path); err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "quotabot-check-")
	if err != nil {
		return "", nil, fmt.Errorf("making room to check %s: %w", path, err)
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	dst := filepath.Join(dir, filepath.Base(path))
	if err := storage.Restore(path, dst); err != nil {
		cleanup()
		return "", nil, err
	}
	return dst, cleanup, nil
}
