package office_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"quotabot/office"
)

const benchOrgs = 60_000

// benchWorkbook is an import file at national scale: 60,000 organizations
// under 600 base committees, with quotas for two years.
func benchWorkbook(b *testing.B) []byte {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	rows := [][]any{
		{"ĐẢNG ỦY KHỐI DOANH NGHIỆP"},
		{"DANH SÁCH CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN"},
		{"STT", "Mã", "Tên tổ chức đảng", "Trực thuộc", "Chỉ tiêu 2025", "Chỉ tiêu 2026"},
	}
	for i := range benchOrgs {
		parent := ""
		if i%100 != 0 {
			parent = fmt.Sprintf("ORG%05d", i/100*100)
		}
		rows = append(rows, []any{i + 1, fmt.Sprintf("ORG%05d", i),
			fmt.Sprintf("Chi bộ Công ty Cổ phần Sông Hồng số %d", i), parent, i % 9, i % 11})
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(ref, r); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkReadOrgsXLSX60k(b *testing.B) {
	data := benchWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rows, err := office.ReadOrgsXLSX(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if len(rows) != benchOrgs {
			b.Fatalf("%d rows", len(rows))
		}
	}
}

func BenchmarkWriteXLSX60k(b *testing.B) {
	t := office.Table{Title: "Kết quả kết nạp đảng viên năm 2026", Year: 2026}
	for i := range benchOrgs {
		t.Rows = append(t.Rows, office.TableRow{
			Level: min(i%100, 1), Code: fmt.Sprintf("ORG%05d", i),
			Name:  fmt.Sprintf("Chi bộ Công ty Cổ phần Sông Hồng số %d", i),
			Quota: i % 11, Admitted: i % 7, Expected: i % 5, Shortfall: i % 3,
			Status: "Chậm tiến độ", Subtotal: i%100 == 0,
		})
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := office.WriteXLSX(&buf, t); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/file")
}
