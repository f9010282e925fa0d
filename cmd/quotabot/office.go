package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"quotabot/bot"
	"quotabot/config"
	"quotabot/office"
	"quotabot/quota"
	"quotabot/texts"
)

func nowIn(cfg *config.Config) time.Time { return time.Now().In(cfg.Location) }

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	dry := fs.Bool("dry-run", false, "show what would change and keep nothing; the database is not created")
	language := fs.String("lang", "vi", "language of the report: vi or en")
	decision := fs.String("decision", "", `the decision that set the quotas, e.g. "2323-QĐ/ĐUK, 11/4/2019" (default: the file's title row)`)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import: give one file: quotabot import -config FILE [-dry-run] [-lang vi|en] [-decision \"SỐ, dd/mm/yyyy\"] orgs.xlsx|orgs.ods|orgs.csv")
	}
	l, ok := texts.Lookup(*language)
	if !ok {
		return usagef("import: -lang is one of %s", strings.Join(texts.Codes(), ", "))
	}
	var given *office.Decision
	if *decision != "" {
		d, ok := office.ParseDecision(*decision)
		if !ok {
			return usagef("import: -decision %q: write its number and date, e.g. \"2323-QĐ/ĐUK, 11/4/2019\"", *decision)
		}
		given = &d
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
	f, err := office.ReadFile(file, bytes.NewReader(data))
	var ie *office.ImportError
	if err != nil && !errors.As(err, &ie) {
		return importFailed(l, file, err)
	}
	// A dry run on a database that does not exist yet compares with an
	// empty committee, and creates nothing.
	if _, statErr := os.Stat(cfg.Storage.Path); *dry && errors.Is(statErr, os.ErrNotExist) {
		if ie != nil {
			return importFailed(l, file, ie)
		}
		p, err := office.PlanOnEmpty(f)
		if err != nil {
			return importFailed(l, file, err)
		}
		p.Decision = given
		fmt.Fprintln(stdout, bot.PlainText(bot.ImportReport(l, p, name, true, cliListLimit)))
		return nil
	}
	db, err := openDB(cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	if ie != nil {
		// Checked against the stored organizations too, so that every
		// mistake is listed.
		return importFailed(l, file, office.WithStoredErrors(db, ie))
	}
	opts := office.ImportOptions{DryRun: *dry, Decision: given, Source: name, At: nowIn(cfg)}
	opts.Progress = func(done, total int) {
		if total >= 5000 {
			fmt.Fprintf(stdout, "  %d/%d\n", done, total)
		}
	}
	p, err := office.Import(db, f, opts)
	if err != nil {
		return importFailed(l, file, err)
	}
	fmt.Fprintln(stdout, bot.PlainText(bot.ImportReport(l, p, name, *dry, cliListLimit)))
	return nil
}

// cliListLimit bounds the lists of an import's report on a terminal: a
// national list names its first thousand changes, then counts the rest.
const cliListLimit = 1000

// refusedError is a file refused whole, said in the officer's language.
type refusedError struct{ text string }

func (e refusedError) Error() string { return e.text }

// importFailed says the file was refused whole, with every mistake, in
// the words the chat uses.
func importFailed(l *texts.Lang, file string, err error) error {
	var ie *office.ImportError
	var nq *office.NoQuotaColumnError
	if errors.As(err, &ie) || errors.As(err, &nq) || errors.Is(err, office.ErrLegacyExcel) ||
		errors.Is(err, office.ErrLegacyFont) || errors.Is(err, office.ErrNotText) || errors.Is(err, office.ErrNoHeader) {
		return refusedError{filepath.Base(file) + ": " + bot.PlainText(bot.ImportRefusal(l, err, strconv.Itoa(time.Now().Year())))}
	}
	return fmt.Errorf("importing %s: %w", file, err)
}

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	year := fs.Int("year", 0, "the year (default: this year)")
	out := fs.String("o", "", "output file, .xlsx or .csv")
	language := fs.String("lang", texts.Default.Code(), "language of the headers: "+strings.Join(texts.Codes(), " or "))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, ok := texts.Lookup(*language); !ok {
		return usagef("export: -lang must be one of %s", strings.Join(texts.Codes(), ", "))
	}
	if *out == "" {
		return usagef("export: -o FILE.xlsx is required")
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	if format != "xlsx" && format != "csv" {
		return usagef("export: -o must name a .xlsx or .csv file")
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	today := quota.DateOf(nowIn(cfg))
	if *year == 0 {
		*year = today.Year
	}
	// The same rule as /export in chat.
	var ye *quota.YearRangeError
	if err := quota.CheckYear(*year, today); errors.As(err, &ye) {
		return usagef("export: -year %d: the years that can be exported are %d to %d", ye.Year, ye.From, ye.To)
	}
	db, err := openDB(cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	// The table is the chat's /export, in the language asked for.
	var buf bytes.Buffer
	spec := bot.TableSpec(botOptions(cfg, nil).Options, *language, *year, quota.DateOf(nowIn(cfg)))
	if err := office.ExportTable(db, &buf, format, spec); err != nil {
		return fmt.Errorf("exporting %d: %w", *year, err)
	}
	// Written whole or not at all, so a failed export leaves no half file.
	if err := writeWhole(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, buf.Len())
	return nil
}

func yearsSuffix(ys []int) string {
	if len(ys) == 0 {
		return ""
	}
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = fmt.Sprint(y)
	}
	return " (" + strings.Join(s, ", ") + ")"
}

// writeWhole writes a file under a temporary name and renames it, so a
// failure leaves either the old file or none, never half of the new one.
func writeWhole(path string, data []byte) error {
	tmp := path + ".tmp"
	err := os.WriteFile(tmp, data, 0o644)
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp) // nothing of a failed write is left behind
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
