package bot_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot"
	"quotabot/bot/bottest"
	"quotabot/officedoc"
	"quotabot/quota"
	"quotabot/storage"
	"quotabot/telegramfake"
)

var letterHead = bot.LetterHead{
	Superior: "ĐẢNG BỘ TỈNH BÌNH DƯƠNG", Issuer: "BAN TỔ CHỨC\nĐẢNG ỦY KHỐI DOANH NGHIỆP", Committee: "Đảng ủy Khối Doanh nghiệp tỉnh",
	Number: "BTCĐUK", Place: "Thủ Dầu Một", Recipients: []string{"- Ban Thường vụ Đảng ủy Khối (để báo cáo),", "- Lưu Ban Tổ chức."},
	SignerOnBehalf: "K/T TRƯỞNG BAN", SignerTitle: "PHÓ TRƯỞNG BAN", SignerName: "Trần Thị Bích Hằng", ProbationDays: 60,
}

// draftCommittee is three base organizations with 2026 quotas of 20; the
// secretaries report 7 in chat. 2024 and 2025 hold 30 and 25 admissions,
// the 2025 ones in March, so their probations are overdue on 15/06/2026.
func draftCommittee(t *testing.T) *bottest.Harness {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.Letter = letterHead })
	h.AddOrg("CB01", "Chi bộ Phân xưởng Cơ khí", "", 2026, 10)
	h.AddOrg("CB02", "Chi bộ Kho vận", "", 2026, 4)
	h.AddOrg("CB03", "Chi bộ Văn phòng", "", 2026, 6)
	h.Register(11, quota.RoleSecretary, "CB01")
	h.Register(12, quota.RoleSecretary, "CB02")
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for i := range 55 {
			d := quota.Date{Year: 2024, Month: 4, Day: 1}.AddDays(i)
			if i >= 30 {
				d = quota.Date{Year: 2025, Month: 3, Day: 1}.AddDays(i - 30)
			}
			a := quota.Admission{Org: []string{"CB01", "CB02", "CB03"}[i%3], Name: fmt.Sprintf("Đảng Viên Số %c%c", 'A'+rune(i%26), 'A'+rune(i/26)),
				Date: d, ReportedBy: 11, ReportedAt: h.Clock.Now()}
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
			if d.Year == 2024 {
				if _, err := tx.RecordOfficial(a.ID, quota.OfficialDecision{Date: a.ProbationEnd(), Number: "1-QĐ/ĐU", RecordedBy: 11, RecordedAt: h.Clock.Now()}); err != nil {
					return err
				}
			}
		}
		for i := range 8 {
			c := quota.Candidate{Org: "CB01", Name: fmt.Sprintf("Quần Chúng %c", 'A'+rune(i)), Source: quota.SourceYouthUnion,
				Stage: quota.StageIntroduced, CreatedBy: 11, CreatedAt: h.Clock.Now()}
			if i == 7 {
				c.Org, c.Source, c.Stage = "CB03", quota.SourceTradeUnion, quota.StageIdentified
			}
			if err := tx.AddCandidate(&c); err != nil {
				return err
			}
		}
		return nil
	}))
	require.Contains(t, h.Reply(bottest.User(11), "/report Lê Văn Hùng; 10/03/2026\nLê Văn Hưng; 12/03/2026\nTrần Thị Mai; 11/04/2026"), "Đã ghi nhận kết nạp 3 người")
	require.Contains(t, h.Reply(bottest.User(12), "/report Đỗ Thị Hạnh; 01/02/2026\nHoàng Minh Quân; 02/02/2026\nPhạm Đức Thắng; 03/02/2026\nNgô Thị Lan; 04/02/2026"), "Đã ghi nhận kết nạp 4 người")
	return h
}

func draftText(t *testing.T, doc telegramfake.Sent) string {
	t.Helper()
	text, err := officedoc.Text(doc.Document.Data)
	require.NoError(t, err)
	return text
}

func TestDraftReportForTheStandingCommittee(t *testing.T) {
	h := draftCommittee(t)
	h.Register(20, quota.RoleLeader)
	sent := h.Send(bottest.User(20), "/draft")
	doc := documentIn(t, sent)
	assert.Equal(t, "bao-cao-ket-nap-2026.docx", doc.Document.Name)
	assert.Contains(t, doc.Plain(), "Dự thảo báo cáo Ban Thường vụ về kết nạp đảng viên năm 2026, số liệu đến ngày 15/06/2026")
	text := draftText(t, doc)
	// In the order a reader meets them; the figures agree with /status.
	want := []string{
		"ĐẢNG BỘ TỈNH BÌNH DƯƠNG", "BAN TỔ CHỨC", "ĐẢNG ỦY KHỐI DOANH NGHIỆP", "*", "Số      -BC/BTCĐUK", "ĐẢNG CỘNG SẢN VIỆT NAM",
		"Thủ Dầu Một, ngày 15 tháng 6 năm 2026", "BÁO CÁO", "tình hình thực hiện chỉ tiêu kết nạp đảng viên năm 2026",
		"Ban Tổ chức báo cáo Ban Thường vụ Đảng ủy Khối Doanh nghiệp tỉnh",
		"Từ năm 2024 đến năm 2025, toàn Đảng bộ kết nạp được 55 đảng viên, bình quân mỗi năm khoảng 28 đảng viên.",
		"Năm 2026, tính đến ngày 15/06/2026, toàn Đảng bộ kết nạp được 7 đảng viên, bằng 35,0% kế hoạch năm (20 đảng viên); cùng kỳ năm trước kết nạp được 25 đảng viên.",
		"Theo tiến độ, đến nay cần kết nạp 7 đảng viên; để hoàn thành kế hoạch năm còn phải kết nạp 13 đảng viên.",
		"Có 1/3 tổ chức cơ sở đảng được giao chỉ tiêu đã hoàn thành chỉ tiêu năm: Chi bộ Kho vận.",
		"Có 2 tổ chức cơ sở đảng chậm tiến độ, chậm nhất là: Chi bộ Văn phòng (0/6, thiếu 2); Chi bộ Phân xưởng Cơ khí (3/10, thiếu 1).",
		"Có 1 tổ chức cơ sở đảng có nguy cơ không hoàn thành chỉ tiêu dù kết nạp hết số quần chúng đã được giới thiệu: Chi bộ Văn phòng (còn thiếu 6).",
		"Số tổ chức cơ sở đảng kết nạp được đảng viên mới trong năm: 2/3; có 1 tổ chức được giao chỉ tiêu chưa kết nạp được đảng viên nào: Chi bộ Văn phòng.",
		"Hiện có 8 quần chúng ưu tú trong nguồn kết nạp (Đoàn Thanh niên: 7; Công đoàn: 1; Đảng viên giới thiệu: 0; Khác: 0); trong đó 7 người đã được giới thiệu hoặc đã nộp hồ sơ.",
		"Có 25 đảng viên dự bị hết thời gian dự bị đến ngày 14/08/2026 cần xét công nhận đảng viên chính thức, trong đó 25 trường hợp đã quá hạn.",
		"Nơi nhận:", "- Lưu Ban Tổ chức.", "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Thị Bích Hằng",
		"KẾT QUẢ THỰC HIỆN CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM 2026",
		"1\nChi bộ Phân xưởng Cơ khí\n10\n3\n30,0%\n7\nChậm tiến độ\n",
		"2\nChi bộ Kho vận\n4\n4\n100,0%\n0\nHoàn thành\n",
		"3\nChi bộ Văn phòng\n6\n0\n0,0%\n0\nChậm tiến độ; nguy cơ không đạt\n",
		"Toàn Đảng bộ\n20\n7\n35,0%\n7\n",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		require.GreaterOrEqual(t, i, 0, "%q missing after offset %d in:\n%s", w, at, text)
		at += i + len(w)
	}
	assert.Contains(t, h.Reply(bottest.User(20), "/status"), "Đã kết nạp: 7/20 (35,0% kế hoạch)", "the report and /status agree")

	if officedoc.HasConverter() {
		// The PDF follows once LibreOffice has converted the document.
		var pdf *telegramfake.Sent
		deadline := time.Now().Add(time.Minute)
		for pdf == nil && time.Now().Before(deadline) {
			for _, m := range h.Fake.SentTo(20) {
				if m.Document != nil && strings.HasSuffix(m.Document.Name, ".pdf") {
					pdf = &m
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
		require.NotNil(t, pdf, "LibreOffice is here, so a PDF comes too")
		assert.Equal(t, "bao-cao-ket-nap-2026.pdf", pdf.Document.Name)
		assert.True(t, bytes.HasPrefix(pdf.Document.Data, []byte("%PDF-")))
		assert.Contains(t, pdf.Plain(), "Bản PDF để đọc trên điện thoại")
	}
}

func TestDraftInEnglishAndForAnotherYear(t *testing.T) {
	h := draftCommittee(t)
	h.StoreUser(quota.User{ID: 21, Role: quota.RoleSpecialist, Orgs: []string{"CB01"}, Lang: "en", LangChosen: true, RegisteredAt: h.Clock.Now()})
	doc := documentIn(t, h.Send(bottest.User(21), "/duthao 2025"))
	assert.Equal(t, "admissions-report-2025.docx", doc.Document.Name)
	text := draftText(t, doc)
	for _, w := range []string{"COMMUNIST PARTY OF VIET NAM", "Thủ Dầu Một, 15/6/2026", "In 2024 the committee admitted 30 new members.",
		"In 2025, as of 31/12/2025, the committee admitted 25 new members; no quota is set for the year; 30 in the same period last year."} {
		assert.Contains(t, text, w)
	}
	assert.NotContains(t, text, "at risk", "a closed year has no risk left")
}

func TestDraftIsForReaders(t *testing.T) {
	h := draftCommittee(t)
	got := h.Send(bottest.User(11), "/draft")
	assert.Contains(t, bottest.Plain(got), "Lệnh này không dành cho vai trò bí thư")
	for _, m := range got {
		assert.Nil(t, m.Document, "a secretary got a document")
	}
	assert.Contains(t, h.Reply(bottest.User(99), "/draft"), "chưa được đăng ký")
	h.Register(20, quota.RoleLeader)
	assert.Contains(t, h.Reply(bottest.User(20), "/draft 1999"), "Năm chưa đúng")
	assert.Contains(t, h.Reply(bottest.User(20), "/help"), "/draft")
}
