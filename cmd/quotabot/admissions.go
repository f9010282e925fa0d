package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"time"

	"quotabot/office"
	"quotabot/quota"
)

// clock is the time import-admissions takes as now; tests set it, since
// a register's dates are judged against today.
var clock = time.Now

// cmdImportAdmissions loads named admissions from a register file.
func cmdImportAdmissions(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import-admissions", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	dry := fs.Bool("dry-run", false, "show what would be recorded and keep nothing")
	by := fs.Int64("by", 0, "the Telegram user id of the admin importing, for the audit trail")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import-admissions: give one file: quotabot import-admissions -config FILE [-dry-run] [-by ID] register.xlsx|.ods|.csv")
	}
	if *by < 0 {
		return usagef("import-admissions: -by must be a Telegram user id")
	}
	file := fs.Arg(0)
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("reading %s: %w", file, err)
	}
	name := filepath.Base(file)
	rows, err := office.ReadAdmissions(name, bytes.NewReader(data))
	if err != nil {
		return admissionsFailed(file, err)
	}
	db, err := openDB(cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	now := clock().In(cfg.Location)
	src := office.AdmissionSource{File: name, By: *by, Who: commandLineWho(*by), At: now}
	res, err := office.ImportAdmissions(db, rows, src, quota.DateOf(now), *dry)
	if err != nil {
		return admissionsFailed(file, err)
	}
	verb := "recorded"
	if *dry {
		verb = "dry run, nothing saved; would record"
	}
	fmt.Fprintf(stdout, "%s %d admissions from %s%s; %d already recorded, left as they are\n",
		verb, res.Added, name, yearsSuffix(res.Years), len(res.Known))
	for _, s := range res.Similar {
		fmt.Fprintf(stdout, "  line %d: %s is recorded beside %s of the same day: two people, or a typing mistake?\n", s.Line, s.Name, s.Recorded)
	}
	return nil
}

// commandLineWho names the importer on the command line for the audit
// trail: the admin given, and the system user running the command.
func commandLineWho(by int64) string {
	who := "the command line"
	if u, err := user.Current(); err == nil && u.Username != "" {
		who += " (system user " + u.Username + ")"
	}
	if by != 0 {
		who = "admin " + strconv.FormatInt(by, 10) + " on " + who
	}
	return who
}

// admissionsFailed says the register was refused whole, with every bad line.
func admissionsFailed(file string, err error) error {
	var le *office.LinesError
	var ie *office.ImportError
	if errors.As(err, &le) || errors.As(err, &ie) {
		return fmt.Errorf("%s was not imported, nothing changed: %w", file, err)
	}
	return fmt.Errorf("importing admissions from %s: %w", file, err)
}
