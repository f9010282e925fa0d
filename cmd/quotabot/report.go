package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"quotabot/app"
	"quotabot/bot"
	"quotabot/config"
	"quotabot/officedoc"
	"quotabot/texts"
)

// letterHead passes the report keys of the configuration to the bot.
func letterHead(r config.Report) bot.LetterHead {
	return bot.LetterHead{
		Superior: r.Superior, Issuer: r.Issuer, Committee: r.Committee, Number: r.Number, Place: r.Place,
		Recipients: r.Recipients, SignerOnBehalf: r.SignerOnBehalf, SignerTitle: r.SignerTitle, SignerName: r.SignerName,
		ProbationDays: r.ProbationDays,
	}
}

// cmdReport drafts the periodic report to the Standing Committee.
func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("report", stderr)
	path := fs.String("config", "", "configuration file (YAML)")
	year := fs.Int("year", 0, "the year (default: this year)")
	out := fs.String("o", "", "output file, .docx (or .pdf, with LibreOffice installed)")
	language := fs.String("lang", texts.Default.Code(), "language of the report: "+strings.Join(texts.Codes(), " or "))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("report: -o FILE.docx is required")
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	if format != "docx" && format != "pdf" {
		return usagef("report: -o must name a .docx or .pdf file")
	}
	if _, ok := texts.Lookup(*language); !ok {
		return usagef("report: -lang must be one of %s", strings.Join(texts.Codes(), ", "))
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	if *year == 0 {
		*year = nowIn(cfg).Year()
	}
	db, err := openDB(cfg, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	opts := botOptions(cfg, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	// Drafting talks to no one; the client only needs a token to exist.
	opts.Token = "0:offline"
	a, err := app.New(db, opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	err = a.Bot.WriteReport(ctx, &buf, *language, *year, format == "pdf")
	if errors.Is(err, officedoc.ErrNoConverter) {
		return fmt.Errorf("report: a PDF needs LibreOffice; write a .docx instead: %w", err)
	}
	if err != nil {
		return fmt.Errorf("drafting the report of %d: %w", *year, err)
	}
	// Written whole or not at all, so a failed draft leaves no half file.
	if err := writeWhole(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, buf.Len())
	return nil
}
