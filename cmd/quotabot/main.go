// Command quotabot runs the bot and its office tasks. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"quotabot/config"
	"quotabot/storage"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit statuses of SPEC §7, and one for a database file that was refused:
// restarting cannot help, so the systemd unit lists it in
// RestartPreventExitStatus.
const (
	exitOK      = 0
	exitFail    = 1
	exitUsage   = 2
	exitRefused = 3
)

// usageError is a mistake in the command line or the configuration.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "quotabot:", err)
	var ue usageError
	var ce *config.Error
	if errors.As(err, &ue) || errors.As(err, &ce) {
		return exitUsage
	}
	if errors.Is(err, storage.ErrDamaged) || errors.Is(err, storage.ErrNotQuotabot) || errors.Is(err, storage.ErrNewerSchema) {
		return exitRefused
	}
	return exitFail
}

const usage = `usage: quotabot <command> [flags]

commands:
  serve   -config FILE                     run the bot
  console -config FILE -as ID              chat with the bot in the terminal
  demo                                     the console on a demonstration committee
  import  -config FILE [-dry-run] [-lang vi|en] [-decision "SỐ, dd/mm/yyyy"] FILE
                                           create or update organizations and quotas from the decision's list (.xlsx, .ods, .csv)
  import-admissions -config FILE [-dry-run] [-by ID] FILE
                                           record named admissions from a register (.xlsx, .ods, .csv)
  export  -config FILE [-year Y] -o FILE   the year's table (.xlsx or .csv)
  report  -config FILE [-year Y] -o FILE   the periodic report to the Standing Committee (.docx, or .pdf with LibreOffice)
  backup  -config FILE -o FILE             copy the database (when the bot is not running)
  restore -config FILE [-yes] BACKUP       replace the database with a checked backup, keeping the old one
  check   -config FILE | DATABASE          verify a database's consistency
  version                                  print the version`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("%s", usage)
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, args, stderr)
	case "console":
		return cmdConsole(ctx, args, stdin, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, args, stdin, stdout, stderr)
	case "import-admissions":
		return cmdImportAdmissions(ctx, args, stdout, stderr)
	case "import":
		return cmdImport(ctx, args, stdout, stderr)
	case "export":
		return cmdExport(ctx, args, stdout, stderr)
	case "report":
		return cmdReport(ctx, args, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, args, stdout, stderr)
	case "restore":
		return cmdRestore(ctx, args, stdin, stdout, stderr)
	case "check":
		return cmdCheck(ctx, args, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "quotabot %s (database schema %d)\n", version, storage.SchemaVersion)
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return usagef("unknown command %q\n%s", cmd, usage)
}

// newFlags makes a flag set whose errors are usage errors, not exits.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	return nil
}

// loadConfig reads the configuration named by -config.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return nil, usagef("-config FILE is required")
	}
	return config.Load(path, os.Getenv)
}

// newLogger sets up slog once, as the configuration says.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.Log.SlogLevel()}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if cfg.Log.Format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(h)
}

// fileSize is n bytes for an operator: MB from one on, KB below.
func fileSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// openDB opens the configured database and says on stderr what an
// upgrade of its schema did: where the copy of the old file is, and how
// large the file is now.
func openDB(cfg *config.Config, stderr io.Writer) (*storage.DB, error) {
	db, err := storage.Open(cfg.Storage.Path, storage.Options{})
	if err != nil {
		return nil, err
	}
	if up := db.Upgraded(); up != nil {
		log := newLogger(cfg, stderr)
		log.Info("database upgraded", "database", db.Path(), "from_schema", up.From, "to_schema", up.To,
			"copy_of_the_old_file", up.Backup, "size_after_upgrade", fileSize(up.SizeBefore), "size", fileSize(up.SizeAfter))
		if up.CompactErr != nil {
			log.Warn("the upgraded database keeps the pages its upgrade freed; quotabot reuses them as it writes",
				"database", db.Path(), "err", up.CompactErr)
		}
	}
	return db, nil
}
