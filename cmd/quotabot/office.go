package main

import (
	"context"
	"io"
	"time"

	"quotabot/config"
)

func nowIn(cfg *config.Config) time.Time { return time.Now().In(cfg.Location) }

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return usagef("import: not yet")
}

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return usagef("export: not yet")
}
