package config_test

import (
	"errors"
	"testing"

	"quotabot/config"
)

func TestReportKeys(t *testing.T) {
	c, err := config.Parse([]byte(`report:
  superior: "ĐẢNG BỘ TỈNH BÌNH DƯƠNG"
  issuer: "BAN TỔ CHỨC\nĐẢNG ỦY KHỐI DOANH NGHIỆP"
  committee: Đảng ủy Khối Doanh nghiệp tỉnh
  number: BTCĐUK
  place: Bình Dương
  recipients: ["- Ban Thường vụ Đảng ủy Khối (để báo cáo),", "- Lưu Ban Tổ chức."]
  signer_on_behalf: K/T TRƯỞNG BAN
  signer_title: PHÓ TRƯỞNG BAN
  signer_name: Nguyễn Thị Ánh
`), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	r := c.Report
	if r.Issuer != "BAN TỔ CHỨC\nĐẢNG ỦY KHỐI DOANH NGHIỆP" || r.Place != "Bình Dương" || len(r.Recipients) != 2 ||
		r.SignerName != "Nguyễn Thị Ánh" || r.ProbationDays != 60 {
		t.Errorf("report = %+v", r)
	}
	for _, bad := range []struct{ yaml, key string }{
		{"report:\n  probation_days: -1\n", "report.probation_days"},
		{"report:\n  probation_days: 400\n", "report.probation_days"},
		{"report:\n  recipients: [\"- A,\", \" \"]\n", "report.recipients[1]"},
		{"report:\n  signer: X\n", "report.signer"},
	} {
		_, err := config.Parse([]byte(bad.yaml), noEnv)
		var ce *config.Error
		if !errors.As(err, &ce) || ce.Key != bad.key {
			t.Errorf("%q: error %v, want one naming %s", bad.yaml, err, bad.key)
		}
	}
}
