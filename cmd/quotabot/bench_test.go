package main

// Benchmarks whose figures are kept in BENCHMARKS.md. They run only with
// -bench.

import (
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const (
	benchParents = 60
	benchCells   = 999 // under each parent: 60 × (1 + 999) = 60,000
	benchOrgs    = benchParents * (1 + benchCells)
)

// writeNationalXLSX writes the quota list of a national committee: a title
// block, then 60 parents each followed by its cells, with quotas for year.
func writeNationalXLSX(b *testing.B, path string, year int) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	put := func(cells ...any) {
		n++
		ref, err := excelize.CoordinatesToCellName(1, n)
		if err == nil {
			err = sw.SetRow(ref, cells)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	put("ĐẢNG ỦY KHỐI DOANH NGHIỆP TRUNG ƯƠNG")
	put(fmt.Sprintf("DANH SÁCH CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM %d", year))
	put("(Kèm theo Quyết định số 45-QĐ/ĐU)")
	put("STT", "Mã", "Tên tổ chức", "Trực thuộc", fmt.Sprintf("Chỉ tiêu %d", year))
	stt := 0
	for p := range benchParents {
		parent := fmt.Sprintf("DU%02d", p+1)
		stt++
		put(stt, parent, fmt.Sprintf("Đảng ủy Tổng công ty Sông Hồng số %d", p+1), "", 10)
		for c := range benchCells {
			stt++
			put(stt, fmt.Sprintf("%s-CB%03d", parent, c+1),
				fmt.Sprintf("Chi bộ Công ty Cổ phần số %d thuộc Đảng ủy Tổng công ty số %d", c+1, p+1), parent, 1+c%9)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// benchConfig writes a configuration for a fresh database in dir.
func benchConfig(b *testing.B, dir string) string {
	b.Helper()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		b.Fatal(err)
	}
	cfg := filepath.Join(dir, "quotabot.yaml")
	body := fmt.Sprintf("storage:\n  path: %q\nlog:\n  level: error\n", filepath.Join(dir, "quotabot.db"))
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		b.Fatal(err)
	}
	return cfg
}

// BenchmarkImportExport60k runs `quotabot import` of a 60,000-organization
// workbook into a fresh database (with the database's real syncs), then
// `quotabot export -o table.xlsx` of that database.
func BenchmarkImportExport60k(b *testing.B) {
	dir := b.TempDir()
	probe, err := loadConfig(benchConfig(b, filepath.Join(dir, "probe")))
	if err != nil {
		b.Fatal(err)
	}
	year := nowIn(probe).Year()
	file := filepath.Join(dir, "chi-tieu.xlsx")
	writeNationalXLSX(b, file, year)
	ctx := context.Background()
	var importTime, exportTime time.Duration
	runs := 0
	for b.Loop() {
		runs++
		sub := filepath.Join(dir, fmt.Sprint(runs))
		cfg := benchConfig(b, sub)

		var out, errb bytes.Buffer
		start := time.Now()
		err = run(ctx, []string{"import", "-config", cfg, "-lang", "en", file}, strings.NewReader(""), &out, &errb)
		importTime += time.Since(start)
		if err != nil {
			b.Fatalf("import: %v\n%s", err, errb.String())
		}
		if want := fmt.Sprintf("Result: %s new organizations", message.NewPrinter(language.English).Sprint(benchOrgs)); !strings.Contains(out.String(), want) {
			b.Fatalf("import said %q, want %q", out.String(), want)
		}

		table := filepath.Join(sub, "table.xlsx")
		out.Reset()
		start = time.Now()
		err = run(ctx, []string{"export", "-config", cfg, "-o", table}, strings.NewReader(""), &out, &errb)
		exportTime += time.Since(start)
		if err != nil {
			b.Fatalf("export: %v\n%s", err, errb.String())
		}
		if fi, err := os.Stat(table); err != nil || fi.Size() == 0 {
			b.Fatalf("export wrote no table: %v", err)
		}
	}
	b.ReportMetric(importTime.Seconds()/float64(runs), "import-s")
	b.ReportMetric(exportTime.Seconds()/float64(runs), "export-s")
	b.ReportMetric(benchOrgs, "rows")
}
