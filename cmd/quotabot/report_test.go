package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/officedoc"
	"quotabot/quota"
	"quotabot/storage"
)

// letterConfig names the issuer and signer of the report as the letter's
// committee would.
const letterConfig = `report:
  superior: "ĐẢNG BỘ TỈNH BÌNH DƯƠNG"
  issuer: "BAN TỔ CHỨC\nĐẢNG ỦY KHỐI DOANH NGHIỆP"
  committee: "Đảng ủy Khối Doanh nghiệp tỉnh"
  number: "BTCĐUK"
  place: "Thủ Dầu Một"
  recipients: ["- Ban Thường vụ Đảng ủy Khối (để báo cáo),", "- Lưu Ban Tổ chức."]
  signer_on_behalf: "K/T TRƯỞNG BAN"
  signer_title: "PHÓ TRƯỞNG BAN"
  signer_name: "Trần Thị Bích Hằng"
`

// seedLetter is the letter's committee: 1.823 admitted in 2013-2018, kept
// as the yearly totals of years before quotabot, and in 2019 152 named
// admissions against a plan of 300.
func seedLetter(t *testing.T, dbPath string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(dbPath), 0o755))
	db, err := storage.Open(dbPath, storage.Options{NoSync: true})
	require.NoError(t, err)
	defer func() { require.NoError(t, db.Close()) }()
	orgs := []struct {
		code, name, parent string
		quota, admitted    int
	}{
		{"DU_DL", "Đảng bộ Công ty Điện lực", "", 0, 0},
		{"CB_DL1", "Chi bộ Phân xưởng 1", "DU_DL", 150, 100},
		{"CB_DL2", "Chi bộ Phân xưởng 2", "DU_DL", 50, 40},
		{"CB_NH", "Chi bộ Ngân hàng Đầu tư", "", 60, 12},
		{"CB_CN", "Chi bộ Công ty Cấp nước", "", 40, 0},
	}
	perYear := []int{310, 295, 301, 320, 290, 307} // 2013-2018: 1.823
	n := 0
	add := func(tx *storage.Tx, org string, d quota.Date) error {
		n++
		a := quota.Admission{Org: org, Name: fmt.Sprintf("Nguyễn Văn %c%c%c", 'A'+rune(n%26), 'a'+rune(n/26%26), 'a'+rune(n/676%26)),
			Date: d, ReportedBy: 1, ReportedAt: time.Date(2019, 10, 1, 8, 0, 0, 0, time.UTC)}
		return tx.AddAdmission(&a)
	}
	require.NoError(t, db.Update(func(tx *storage.Tx) error {
		for _, o := range orgs {
			if _, err := tx.PutOrg(quota.Org{Code: o.code, Name: o.name, Parent: o.parent}); err != nil {
				return err
			}
			if o.quota > 0 {
				if _, err := tx.SetQuota(2019, o.code, o.quota); err != nil {
					return err
				}
			}
			for k := range o.admitted {
				if err := add(tx, o.code, quota.Date{Year: 2019, Month: 1, Day: 1}.AddDays(k%280)); err != nil {
					return err
				}
			}
		}
		for i, count := range perYear {
			// Split between two organizations, as the office's records give them.
			for _, p := range []quota.PastTotal{{Org: "CB_NH", Year: 2013 + i, Admitted: count / 3}, {Org: "DU_DL", Year: 2013 + i, Admitted: count - count/3}} {
				if _, err := tx.SetPastTotal(p); err != nil {
					return err
				}
			}
		}
		// The term 2016-2020: 1.500 for the committee.
		term := quota.Term{From: 2016, To: 2020}
		for code, q := range map[string]int{"DU_DL": 1000, "CB_NH": 300, "CB_CN": 200} {
			if _, err := tx.SetTermQuota(code, term, quota.QuotaValue{Quota: q}); err != nil {
				return err
			}
		}
		return nil
	}))
}

func TestReportCommandWritesTheLettersFigures(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "data", "quotabot.db")
	cfgPath := writeConfig(t, dir, fmt.Sprintf("storage:\n  path: %q\nlog:\n  level: error\n%s", dbPath, letterConfig))
	seedLetter(t, dbPath)
	out := filepath.Join(dir, "bao-cao-2019.docx")
	code, stdout, stderr := runCLI(t, "", "report", "-config", cfgPath, "-year", "2019", "-o", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "wrote "+out)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	text, err := officedoc.Text(data)
	require.NoError(t, err)
	// In the order a reader meets them.
	want := []string{
		"ĐẢNG BỘ TỈNH BÌNH DƯƠNG", "BAN TỔ CHỨC", "ĐẢNG ỦY KHỐI DOANH NGHIỆP", "Số      -BC/BTCĐUK", "ĐẢNG CỘNG SẢN VIỆT NAM",
		"Thủ Dầu Một, ngày ", "BÁO CÁO", "tình hình thực hiện chỉ tiêu kết nạp đảng viên năm 2019",
		"Ban Thường vụ Đảng ủy Khối Doanh nghiệp tỉnh",
		"Từ năm 2013 đến năm 2018, toàn Đảng bộ kết nạp được 1.823 đảng viên, bình quân mỗi năm khoảng 300 đảng viên.",
		"tính đến ngày 31/12/2019, toàn Đảng bộ kết nạp được 152 đảng viên, bằng 50,7% kế hoạch năm (300 đảng viên)",
		// 320 + 290 + 307 in 2016-2018, and the 152 of 2019.
		"Giai đoạn 2016-2020, tính đến ngày 31/12/2019, toàn Đảng bộ kết nạp được 1.069 đảng viên, bằng 71,3% chỉ tiêu giai đoạn (1.500 đảng viên)",
		"Chưa có tổ chức cơ sở đảng nào hoàn thành chỉ tiêu năm (3 tổ chức được giao chỉ tiêu).",
		"chậm tiến độ, chậm nhất là: Đảng bộ Công ty Điện lực (140/200, thiếu 60); Chi bộ Ngân hàng Đầu tư (12/60, thiếu 48); Chi bộ Công ty Cấp nước (0/40, thiếu 40).",
		"Số tổ chức cơ sở đảng kết nạp được đảng viên mới trong năm: 2/3; có 1 tổ chức được giao chỉ tiêu chưa kết nạp được đảng viên nào: Chi bộ Công ty Cấp nước.",
		"Nơi nhận:", "- Ban Thường vụ Đảng ủy Khối (để báo cáo),", "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Thị Bích Hằng",
		"KẾT QUẢ THỰC HIỆN CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM 2019", "(Kèm theo Báo cáo số      -BC/BTCĐUK, số liệu đến ngày 31/12/2019)",
		"Chi bộ Công ty Cấp nước\n40\n0\n0,0%", "Chi bộ Ngân hàng Đầu tư\n60\n12\n20,0%", "Đảng bộ Công ty Điện lực\n200\n140\n70,0%",
		"Toàn Đảng bộ\n300\n152\n50,7%",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		require.GreaterOrEqual(t, i, 0, "%q missing after offset %d in:\n%s", w, at, text)
		at += i + len(w)
	}
	// The cells under a base organization are in its row, not rows of their own.
	assert.NotContains(t, text, "Chi bộ Phân xưởng 1")
	// A closed year has no risk left to warn of.
	assert.NotContains(t, text, "nguy cơ")

	t.Run("in English", func(t *testing.T) {
		out := filepath.Join(dir, "report-2019.docx")
		code, _, stderr := runCLI(t, "", "report", "-config", cfgPath, "-year", "2019", "-lang", "en", "-o", out)
		require.Equal(t, 0, code, stderr)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		text, err := officedoc.Text(data)
		require.NoError(t, err)
		assert.Contains(t, text, "From 2013 to 2018 the committee admitted 1,823 new members, about 300 a year on average.")
		assert.Contains(t, text, "152 new members, 50.7% of the year's plan (300).")
		assert.Contains(t, text, "Trần Thị Bích Hằng")
	})
	t.Run("as a PDF", func(t *testing.T) {
		if !officedoc.HasConverter() {
			t.Skip("LibreOffice is not installed")
		}
		out := filepath.Join(dir, "bao-cao-2019.pdf")
		code, _, stderr := runCLI(t, "", "report", "-config", cfgPath, "-year", "2019", "-o", out)
		require.Equal(t, 0, code, stderr)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data, []byte("%PDF-")), "not a PDF")
	})
}

func TestReportCommandUsage(t *testing.T) {
	dir, _, cfgPath := officeSetup(t)
	for _, args := range [][]string{
		{"report", "-config", cfgPath},
		{"report", "-config", cfgPath, "-o", filepath.Join(dir, "x.txt")},
		{"report", "-config", cfgPath, "-lang", "fr", "-o", filepath.Join(dir, "x.docx")},
		{"report", "-o", filepath.Join(dir, "x.docx")},
	} {
		code, _, stderr := runCLI(t, "", args...)
		assert.Equal(t, 2, code, "%v: %s", args, stderr)
		assert.NoFileExists(t, filepath.Join(dir, "x.docx"))
	}
}

// The demo's leader asks for the report and gets the Word file, and its
// PDF when LibreOffice is installed, saved where the console runs.
func TestDemoDraftsTheReport(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, out, stderr := runCLI(t, "/draft\n", "demo")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "Dự thảo báo cáo Ban Thường vụ")
	docs, err := filepath.Glob(filepath.Join(dir, "bao-cao-ket-nap-*.docx"))
	require.NoError(t, err)
	require.Len(t, docs, 1, out)
	data, err := os.ReadFile(docs[0])
	require.NoError(t, err)
	text, err := officedoc.Text(data)
	require.NoError(t, err)
	assert.Contains(t, text, "BAN TỔ CHỨC")
	assert.Contains(t, text, "bằng 50,7% kế hoạch năm (300 đảng viên)")
	if officedoc.HasConverter() {
		assert.Contains(t, out, ".pdf")
	}
}

// Without LibreOffice a PDF is refused with what to do instead, and no
// file is left behind.
func TestReportCommandPDFWithoutLibreOffice(t *testing.T) {
	dir, _, cfgPath := officeSetup(t)
	t.Setenv("PATH", dir) // a folder with no soffice in it
	out := filepath.Join(dir, "bao-cao.pdf")
	code, _, stderr := runCLI(t, "", "report", "-config", cfgPath, "-o", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "a PDF needs LibreOffice; write a .docx instead")
	assert.NoFileExists(t, out)
}
