package officedoc_test

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotabot/officedoc"
)

// keep writes the sample and its PDF into a folder to look at.
var keep = flag.String("keep", "", "folder to keep the sample letter and its PDF in")

func sample() officedoc.Letter {
	return officedoc.Letter{
		Superior:  "ĐẢNG BỘ TỈNH BÌNH DƯƠNG",
		Issuer:    "ĐẢNG ỦY KHỐI DOANH NGHIỆP",
		Number:    "Số     -BC/ĐUK",
		Party:     "ĐẢNG CỘNG SẢN VIỆT NAM",
		PlaceDate: "Bình Dương, ngày 15 tháng 10 năm 2019",
		Kind:      "BÁO CÁO",
		Subject:   "tình hình kết nạp đảng viên năm 2019",
		Body: []officedoc.Paragraph{
			{Text: "I. TÌNH HÌNH KẾT NẠP ĐẢNG VIÊN", Heading: true},
			{Text: "Từ năm 2013 đến năm 2018, toàn Đảng bộ Khối kết nạp được 1.823 đảng viên, bình quân mỗi năm khoảng 300 đảng viên."},
			{Text: "Từ đầu năm 2019 đến nay, kết nạp được 152 đảng viên, bằng 50,7% kế hoạch; Lê Văn Hùng và Lê Văn Hưng là hai người."},
		},
		RecipientsLabel: "Nơi nhận:",
		Recipients:      []string{"- Ban Thường vụ Đảng ủy Khối,", "- Lưu Văn phòng."},
		SignOnBehalf:    "T/M BAN THƯỜNG VỤ",
		SignTitle:       "PHÓ BÍ THƯ",
		SignName:        "Nguyễn Thị Ánh",
		Annex: &officedoc.Annex{
			Title: "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN CỦA CÁC TỔ CHỨC CƠ SỞ ĐẢNG",
			Note:  "(Kèm theo Báo cáo số     -BC/ĐUK)",
			Columns: []officedoc.Column{
				{Header: "STT", Weight: 1, Align: officedoc.Center},
				{Header: "Tổ chức cơ sở đảng", Weight: 6},
				{Header: "Chỉ tiêu", Weight: 2, Align: officedoc.Right},
				{Header: "Đã kết nạp", Weight: 2, Align: officedoc.Right},
				{Header: "Tỷ lệ", Weight: 2, Align: officedoc.Right},
			},
			Rows:  [][]string{{"1", "Đảng bộ Công ty Điện lực", "12", "7", "58,3%"}, {"2", "Chi bộ Ngân hàng Đầu tư", "5", "1", "20,0%"}},
			Total: []string{"", "Tổng cộng", "17", "8", "47,1%"},
		},
	}
}

func write(t *testing.T, l officedoc.Letter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := officedoc.WriteDOCX(&buf, l); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLetterText(t *testing.T) {
	text, err := officedoc.Text(write(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	// Every part of the layout, in the order a reader meets it.
	want := []string{"ĐẢNG BỘ TỈNH BÌNH DƯƠNG", "ĐẢNG ỦY KHỐI DOANH NGHIỆP", "Số     -BC/ĐUK", "ĐẢNG CỘNG SẢN VIỆT NAM",
		"Bình Dương, ngày 15 tháng 10 năm 2019", "BÁO CÁO", "tình hình kết nạp đảng viên năm 2019",
		"1.823 đảng viên", "bằng 50,7% kế hoạch", "Lê Văn Hùng và Lê Văn Hưng",
		"Nơi nhận:", "- Lưu Văn phòng.", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Thị Ánh",
		"KẾT QUẢ KẾT NẠP", "Đảng bộ Công ty Điện lực", "58,3%", "Tổng cộng", "47,1%"}
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("%q missing after offset %d in:\n%s", w, at, text)
		}
		at += i + len(w)
	}
}

func TestLetterWithoutSuperiorOrAnnex(t *testing.T) {
	l := sample()
	l.Superior, l.Annex, l.SignOnBehalf = "", nil, ""
	text, err := officedoc.Text(write(t, l))
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"BÌNH DƯƠNG\n", "T/M", "Tổng cộng"} {
		if strings.Contains(text, absent) {
			t.Errorf("%q is in a letter without it:\n%s", absent, text)
		}
	}
	if !strings.Contains(text, "PHÓ BÍ THƯ") {
		t.Errorf("the signer's title is missing:\n%s", text)
	}
}

func TestLetterOpensInLibreOffice(t *testing.T) {
	if !officedoc.HasConverter() {
		t.Skip("LibreOffice is not installed")
	}
	if testing.Short() {
		t.Skip("converting takes seconds")
	}
	data := write(t, sample())
	pdf, err := officedoc.PDF(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 5000 {
		t.Fatalf("not a PDF of a letter: %d bytes starting %q", len(pdf), pdf[:min(len(pdf), 8)])
	}
	if *keep != "" {
		for name, b := range map[string][]byte{"letter.docx": data, "letter.pdf": pdf} {
			if err := os.WriteFile(filepath.Join(*keep, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The document carries none of the template's own: no thumbnail of another
// page, no other author; its title is the letter's.
func TestLetterProperties(t *testing.T) {
	data := write(t, sample())
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	if _, ok := files["docProps/thumbnail.jpeg"]; ok {
		t.Error("the template's thumbnail is still there")
	}
	if strings.Contains(files["_rels/.rels"], "thumbnail") {
		t.Error("the package still points at a thumbnail")
	}
	if !strings.Contains(files["docProps/core.xml"], "<dc:title>BÁO CÁO tình hình kết nạp đảng viên năm 2019</dc:title>") ||
		strings.Contains(files["docProps/core.xml"], "gomutex") {
		t.Errorf("core properties:\n%s", files["docProps/core.xml"])
	}
}

// Names come from users: markup, control characters and invalid UTF-8
// must leave a document that opens, with the text as written where XML
// allows it.
func TestLetterWithHostileText(t *testing.T) {
	l := sample()
	l.Annex.Rows = append(l.Annex.Rows, []string{"3", "Chi bộ <A & B> \"Sông\x01Mã\" \xff", "1", "0", "0,0%"})
	text, err := officedoc.Text(write(t, l))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Chi bộ <A & B> \"Sông") {
		t.Errorf("the name is lost:\n%s", text)
	}
}
