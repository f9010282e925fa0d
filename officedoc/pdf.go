package officedoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoConverter is returned by PDF when LibreOffice is not installed.
var ErrNoConverter = errors.New("LibreOffice (soffice) is not installed")

// HasConverter reports whether PDF can work here.
func HasConverter() bool {
	_, err := exec.LookPath("soffice")
	return err == nil
}

// PDF converts a .docx file to PDF with LibreOffice, for reading on a
// phone. Each conversion has its own LibreOffice profile, so conversions
// running at once do not wait on each other's lock.
func PDF(ctx context.Context, docx []byte) ([]byte, error) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		return nil, ErrNoConverter
	}
	dir, err := os.MkdirTemp("", "officedoc-")
	if err != nil {
		return nil, fmt.Errorf("converting to PDF: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "letter.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		return nil, fmt.Errorf("converting to PDF: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("converting to PDF with LibreOffice: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	out, err := os.ReadFile(filepath.Join(dir, "letter.pdf"))
	if err != nil {
		return nil, fmt.Errorf("converting to PDF with LibreOffice: no PDF written: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}
