package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	dry := fs.Bool("dry-run", false, "show what would change and keep nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import: give one file: quotabot import -config FILE [-dry-run] orgs.xlsx|orgs.csv")
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
	fmt.Fprintf(stdout, "reading %s …\n", filepath.Base(file))
	rows, err := office.ReadOrgs(file, bytes.NewReader(data))
	var ie *office.ImportError
	if err != nil && !errors.As(err, &ie) {
		return importFailed(file, err)
	}
	db, err := openDB(cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if ie != nil {
		// The parents are checked too, so that every mistake is listed.
		return importFailed(file, office.WithTreeErrors(db, ie))
	}
	start := time.Now()
	res, err := office.ImportOrgs(db, rows, *dry, func(done, total int) {
		fmt.Fprintf(stdout, "  %d/%d rows\n", done, total)
	})
	if err != nil {
		return importFailed(file, err)
	}
	verb := "imported"
	if *dry {
		verb = "dry run, nothing saved; would import"
	}
	fmt.Fprintf(stdout, "%s %d rows in %s: %d new organizations, %d updated, %d unchanged, %d quotas changed%s\n",
		verb, len(rows), time.Since(start).Round(time.Millisecond), res.Created, res.Updated, res.Unchanged, res.QuotasChanged, yearsSuffix(res.Years))
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

// importFailed says the file was refused whole, with every bad row.
func importFailed(file string, err error) error {
	var ie *office.ImportError
	if errors.As(err, &ie) {
		return fmt.Errorf("%s was not imported, nothing changed: %w", file, err)
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
	db, err := openDB(cfg)
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
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	if err := os.Rename(tmp, *out); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, buf.Len())
	return nil
}
