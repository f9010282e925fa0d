package bot_test

import (
	"bytes"
	"image"
	_ "image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"quotabot/bot/bottest"
	"quotabot/demo"
	"quotabot/quota"
	"quotabot/storage"
)

const letterLeader int64 = 501

var letterDecision = quota.Decision{Number: "2323-QĐ/ĐUK", Date: quota.Date{Year: 2019, Month: 4, Day: 11}}

// admitNamed records n named admissions of an organization in a year,
// spread from 2 January, one a day.
func admitNamed(t *testing.T, h *bottest.Harness, org string, year, n int) {
	t.Helper()
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for k := range n {
			a := quota.Admission{Org: org, Name: "Người " + spellOut(year*1000+k), Date: date(year, 1, 2).AddDays(k % 280),
				ReportedBy: 1, ReportedAt: h.Clock.Now()}
			if err := tx.AddAdmission(&a); err != nil {
				return err
			}
		}
		return nil
	}))
}

// letterHarness is the committee of the letter on 15/10/2019: 1,823
// admitted in 2013-2018, known only as yearly totals for the whole
// committee, and 2019's plan of 300 set by decision 2323-QĐ/ĐUK, with
// 152 named admissions. The third organization admitted no one.
func letterHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t)
	h.Clock.Set(bottest.At(2019, 10, 15, 9, 0))
	orgs := []struct {
		code, name      string
		quota, admitted int
	}{{"DU_DIEN", "Đảng ủy Công ty Điện lực", 150, 90}, {"DU_XD", "Đảng ủy Tổng công ty Xây dựng", 100, 62}, {"CB_MUOI", "Chi bộ Công ty Muối", 50, 0}}
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for _, o := range orgs {
			if _, err := tx.PutOrg(quota.Org{Code: o.code, Name: o.name}); err != nil {
				return err
			}
			if _, err := tx.SetYearQuota(2019, o.code, quota.QuotaValue{Quota: o.quota, Decision: letterDecision}); err != nil {
				return err
			}
		}
		for y, n := range map[int]int{2013: 280, 2014: 295, 2015: 300, 2016: 310, 2017: 318, 2018: 320} {
			if _, err := tx.SetPastTotal(quota.PastTotal{Year: y, Admitted: n, Source: "báo cáo 2013-2018"}); err != nil {
				return err
			}
		}
		return nil
	}))
	for _, o := range orgs {
		admitNamed(t, h, o.code, 2019, o.admitted)
	}
	h.Register(letterLeader, quota.RoleLeader)
	return h
}

// The letter as a test: "Từ năm 2013-2018 kết nạp 1.823 đảng viên, bình
// quân mỗi năm 300 … năm 2019 kết nạp 152, bằng 50,6% kế hoạch". /status
// rounds the share to one decimal as everywhere else (152/300 = 50.67%,
// so 50,7%); the letter's 50,6% is the share cut to one decimal, which
// quota.PercentAsTheLetterSays gives for the drafted report. The mean
// per year, 303.8, is said as the letter says it (two significant digits,
// 300) with the exact figure beside it.
func TestStatusStatesTheLettersFigures(t *testing.T) {
	h := letterHarness(t)
	got := h.Reply(bottest.User(letterLeader), "/status")
	assert.Contains(t, got, "Tiến độ kết nạp đảng viên năm 2019 — toàn Đảng bộ (đến 15/10/2019)")
	assert.Contains(t, got, "Đã kết nạp: 152/300 (50,7% kế hoạch)")
	assert.Contains(t, got, "Các năm 2013-2018: đã kết nạp 1.823, bình quân mỗi năm 300 (303,8)")
	assert.Contains(t, got, "Số tổ chức cơ sở đảng kết nạp được đảng viên mới: 2/3")
	assert.Contains(t, got, "Chưa kết nạp được đảng viên nào: Chi bộ Công ty Muối")
	assert.InDelta(t, 50.6, quota.PercentAsTheLetterSays(152, 300), 1e-9)

	en := h.Reply(bottest.EnglishUser(letterLeader), "/status")
	assert.Contains(t, en, "Admitted: 152/300 (50.7% of plan)")
	assert.Contains(t, en, "Years 2013-2018: 1,823 admitted, on average 300 a year (303.8)")
	assert.Contains(t, en, "Base organizations that admitted new members: 2/3")

	// The years before, one by one, marked as totals.
	span := h.Reply(bottest.User(letterLeader), "/status 2013-2018")
	assert.Contains(t, span, "Kết nạp đảng viên các năm 2013-2018 — toàn Đảng bộ")
	assert.Contains(t, span, "• Năm 2013: 280 (số liệu tổng hợp)")
	assert.Contains(t, span, "• Năm 2018: 320 (số liệu tổng hợp)")
	assert.Contains(t, span, "Tổng cộng: 1.823; bình quân mỗi năm 300 (303,8)")

	// A year before the bot, asked for, shows its total as a total.
	y2016 := h.Reply(bottest.User(letterLeader), "/status 2016")
	assert.Contains(t, y2016, "Đã kết nạp: 310 (chưa giao chỉ tiêu) (số liệu tổng hợp)")
}

// The term of the letter's decision, seen on 01/01/2024 in the middle of
// it: 612 of 1,500 admitted, 60% due (1,096 of 1,826 days, 2024 being
// leap), some of the years known only as totals.
func TestStatusShowsTheTermBesideTheYear(t *testing.T) {
	h := bottest.New(t)
	h.Clock.Set(bottest.At(2024, 1, 1, 9, 0))
	term := quota.Term{From: 2021, To: 2025}
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		for _, o := range []quota.Org{{Code: "DU_A", Name: "Đảng ủy A"}, {Code: "CB_A1", Name: "Chi bộ A1", Parent: "DU_A"}, {Code: "CB_B", Name: "Chi bộ B"}} {
			if _, err := tx.PutOrg(o); err != nil {
				return err
			}
		}
		for code, n := range map[string]int{"DU_A": 1000, "CB_A1": 200, "CB_B": 300} {
			if _, err := tx.SetTermQuota(code, term, quota.QuotaValue{Quota: n, Decision: letterDecision}); err != nil {
				return err
			}
		}
		for _, p := range []quota.PastTotal{{Org: "DU_A", Year: 2021, Admitted: 150}, {Org: "CB_A1", Year: 2021, Admitted: 50},
			{Org: "CB_B", Year: 2021, Admitted: 100}, {Org: "DU_A", Year: 2022, Admitted: 100}} {
			if _, err := tx.SetPastTotal(p); err != nil {
				return err
			}
		}
		_, err := tx.SetQuota(2024, "CB_B", 60)
		return err
	}))
	admitNamed(t, h, "CB_A1", 2022, 40)
	admitNamed(t, h, "CB_B", 2022, 72)
	admitNamed(t, h, "DU_A", 2023, 100)
	h.Register(letterLeader, quota.RoleLeader)
	h.Register(601, quota.RoleSecretary, "CB_B")

	// 150+50+100 + 100+40+72 + 100 = 612 of 1,500.
	got := h.Reply(bottest.User(letterLeader), "/status")
	assert.Contains(t, got, "Giai đoạn 2021-2025: 612/1.500 (40,8%), cần đạt 60% đến nay")
	assert.Contains(t, got, "Giai đoạn 2021-2025: theo tiến độ đến nay cần 900; còn thiếu 288")

	// DU_A and its cell: 150+50+100+40+100 = 440 of 1,200; 720 due.
	org := h.Reply(bottest.User(letterLeader), "/status DU_A")
	assert.Contains(t, org, "Giai đoạn 2021-2025: 440/1.200 (36,7%), cần đạt 60% đến nay")

	// CB_B has a yearly quota inside the term (60 for 2024), so its pace
	// follows it: the other four years share 240 by days, 2021-2023 being
	// 240 × 1095/1461 = 179.88, due by 01/01/2024 with 60 × 1/366.
	sec := h.Reply(bottest.User(601), "/status")
	assert.Contains(t, sec, "Giai đoạn 2021-2025: 172/300 (57,3%), cần đạt 60% đến nay")
	assert.Contains(t, sec, "Giai đoạn 2021-2025: theo tiến độ đến nay cần 180; còn thiếu 8")

	termView := h.Reply(bottest.User(letterLeader), "/status giai đoạn 2021-2025")
	assert.Contains(t, termView, "Tiến độ kết nạp giai đoạn 2021-2025 — toàn Đảng bộ (đến 01/01/2024)")
	assert.Contains(t, termView, "Chỉ tiêu giai đoạn: 3 tổ chức; 0 hoàn thành; 3 chậm tiến độ")
	assert.Contains(t, termView, "• Năm 2021: 300 (số liệu tổng hợp)")
	assert.Contains(t, termView, "• Năm 2022: 212")
	assert.Contains(t, termView, "• Năm 2024: 0/60 (0,0%)")
	assert.NotContains(t, termView, "Năm 2025", "the years to come are not listed")
	assert.Equal(t, termView, h.Reply(bottest.User(letterLeader), "/tiendo 2021–2025"), "the alias and an en dash")

	orgTerm := h.Reply(bottest.User(601), "/status 2021-2025")
	assert.Contains(t, orgTerm, "Tiến độ kết nạp giai đoạn 2021-2025 — Chi bộ B (đến 01/01/2024)")
	assert.Contains(t, orgTerm, "• Năm 2022: 72")
	bad := h.Reply(bottest.User(letterLeader), "/status 2025-2021")
	assert.Contains(t, bad, "/status 2021-2025", "a backward term is refused with an example")
}

// The demonstration committee on 15/06/2026 shows the term beside the
// year and the years before: 149 admitted in 2025 and 152 so far in 2026
// of the term's 1,500; 2025 and 2026 have yearly quotas of 300, so the
// term's pace follows them: q + q × 166/365 for a yearly quota q, rounded
// down per organization as the yearly pace is, 421 in all (28%).
func TestDemoShowsTheTermAndTheYearsBefore(t *testing.T) {
	h := demoHarness(t)
	got := h.Reply(bottest.User(demo.Leader), "/status")
	assert.Contains(t, got, "Đã kết nạp: 152/300 (50,7% kế hoạch)\nCùng kỳ năm trước:")
	assert.Contains(t, got, "Giai đoạn 2025-2030: 301/1.500 (20,1%), cần đạt 28% đến nay")
	assert.Contains(t, got, "Giai đoạn 2025-2030: theo tiến độ đến nay cần 421; còn thiếu 120")
	assert.Contains(t, got, "Các năm 2019-2025: đã kết nạp 1.045, bình quân mỗi năm 150 (149,3)")
	assert.Contains(t, got, "Số tổ chức cơ sở đảng kết nạp được đảng viên mới: 20/27")

	sec := h.Reply(bottest.User(demo.Secretary+4), "/status") // CB_05
	assert.Contains(t, sec, "Giai đoạn 2025-2030: 10/85 (11,8%), cần đạt")

	years := h.Reply(bottest.User(demo.Leader), "/status 2019-2024")
	assert.Contains(t, years, "Tổng cộng: 896; bình quân mỗi năm 150 (149,3)")
}

func TestOrgShowsTheDecisionsBehindItsQuotas(t *testing.T) {
	h := demoHarness(t)
	got := h.Reply(bottest.User(bottest.AdminID), "/org CB_05")
	assert.Contains(t, got, "Chỉ tiêu 2026: 17 (theo Quyết định 2426-QĐ/ĐUK, 10/04/2026)\n  trước đó: 12 (theo Quyết định 2326-QĐ/ĐUK, 15/01/2026)")
	assert.Contains(t, got, "Chỉ tiêu giai đoạn 2025-2030: 85 (theo Quyết định 1525-QĐ/ĐUK, 20/11/2025)")
	en := h.Reply(bottest.EnglishUser(bottest.AdminID), "/org CB_05")
	assert.Contains(t, en, "Quota 2026: 17 (by decision 2426-QĐ/ĐUK, 10/04/2026)\n  earlier: 12 (by decision 2326-QĐ/ĐUK, 15/01/2026)")
	assert.Contains(t, en, "Quota term 2025-2030: 85")
}

func TestExportHasTheTermTheDecisionsAndTheYears(t *testing.T) {
	h := demoHarness(t)
	doc := documentIn(t, h.Send(bottest.User(demo.Leader), "/export"))
	f, err := excelize.OpenReader(bytes.NewReader(doc.Document.Data))
	require.NoError(t, err)
	defer f.Close()
	assert.Contains(t, f.GetSheetList(), "Giai đoạn 2025-2030")

	rows, err := f.GetRows("Giai đoạn 2025-2030")
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	assert.Equal(t, []string{"Mã", "Tên tổ chức", "Chỉ tiêu giai đoạn", "Quyết định", "Ngày quyết định", "Đã kết nạp", "Tỷ lệ (%)",
		"Cần đạt đến nay", "Còn thiếu", "Đánh giá", "Đã kết nạp 2025", "Đã kết nạp 2026"}, rows[0])
	byCode := map[string][]string{}
	for _, r := range rows[1:] {
		byCode[r[0]] = r
	}
	// CB_05: 8 admitted in 2025, 2 in 2026, of 85; the term's pace as
	// /status says it.
	assert.Equal(t, []string{"CB_05", "Chi bộ Công ty Xi măng Bỉm Sơn", "85", "1525-QĐ/ĐUK", "20/11/2025", "10", "11.8"}, byCode["CB_05"][:7])
	assert.Equal(t, []string{"8", "2"}, byCode["CB_05"][10:])
	sec := h.Reply(bottest.User(demo.Secretary+4), "/status")
	assert.Contains(t, sec, "Giai đoạn 2025-2030: 10/85 (11,8%)")
	assert.Contains(t, sec, "theo tiến độ đến nay cần "+byCode["CB_05"][7]+"; còn thiếu "+byCode["CB_05"][8])
	total := rows[len(rows)-1]
	assert.Equal(t, []string{"", "Toàn Đảng bộ", "1500", "", "", "301"}, total[:6])

	dec, err := f.GetRows("Quyết định giao chỉ tiêu")
	require.NoError(t, err)
	var cb05 [][]string
	for _, r := range dec {
		if r[0] == "CB_05" {
			cb05 = append(cb05, r)
		}
	}
	require.Len(t, cb05, 2)
	assert.Equal(t, []string{"CB_05", "Chi bộ Công ty Xi măng Bỉm Sơn", "2026", "17", "2426-QĐ/ĐUK", "10/04/2026", "12 (2326-QĐ/ĐUK, 15/01/2026)"}, cb05[0])
	assert.Equal(t, "2025-2030", cb05[1][2])

	years, err := f.GetRows("Các năm")
	require.NoError(t, err)
	require.Len(t, years, 1+8, "2019 to 2026")
	assert.Equal(t, []string{"2019", "0", years[1][2], "", "Số liệu tổng hợp"}, years[1])
	assert.Equal(t, []string{"2025", "300", "149", "49.7", "Danh sách kết nạp"}, years[7])
	assert.Equal(t, []string{"2026", "300", "152", "50.7", "Danh sách kết nạp"}, years[8])
}

func TestHistoryShowsTheYearsAgainstQuotaWithAChart(t *testing.T) {
	h := letterHarness(t)
	msgs := h.Send(bottest.User(letterLeader), "/history")
	require.Len(t, msgs, 2, bottest.Plain(msgs))
	text := msgs[0].Plain()
	assert.Contains(t, text, "Kết nạp đảng viên qua các năm — toàn Đảng bộ")
	assert.Contains(t, text, "• Năm 2013: 280 (số liệu tổng hợp)")
	assert.Contains(t, text, "• Năm 2019: 152/300 (50,7%)")
	assert.Contains(t, text, "Các năm 2013-2018: đã kết nạp 1.823, bình quân mỗi năm 300 (303,8)")
	photo := msgs[1]
	require.Equal(t, "sendPhoto", photo.Method)
	require.NotNil(t, photo.Document)
	img, format, err := image.Decode(bytes.NewReader(photo.Document.Data))
	require.NoError(t, err)
	assert.Equal(t, "png", format)
	assert.GreaterOrEqual(t, img.Bounds().Dx(), 576)
	assert.Contains(t, photo.Plain(), "Kết nạp đảng viên qua các năm — toàn Đảng bộ")

	org := h.Send(bottest.User(letterLeader), "/lichsu DU_DIEN 2018-2019")
	require.Len(t, org, 2)
	assert.Contains(t, org[0].Plain(), "Kết nạp đảng viên qua các năm — Đảng ủy Công ty Điện lực")
	assert.Contains(t, org[0].Plain(), "• Năm 2018: 0\n• Năm 2019: 90/150 (60,0%)", "the committee-only totals are not an organization's")

	en := h.Send(bottest.EnglishUser(letterLeader), "/history 2013-2019")
	assert.Contains(t, en[0].Plain(), "• 2013: 280 (imported total)")
	assert.Contains(t, en[0].Plain(), "Years 2013-2018: 1,823 admitted, on average 300 a year (303.8)")

	for _, args := range []string{"2019-2013", "DU_DIEN DU_XD", "x!"} {
		assert.Contains(t, h.Reply(bottest.User(letterLeader), "/history "+args), "Cách dùng: /history", args)
	}
	assert.Contains(t, h.Reply(bottest.User(letterLeader), "/history XX_1"), "XX_1")
}

// With reminders.by: term, the at-risk warning follows the term: in its
// last year, 55 of 100 with no candidate advanced leaves 45 short.
func TestAtRiskFollowsTheTermWhenItDrives(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.Options.RemindBy = quota.DriveTerm })
	term := quota.Term{From: 2022, To: 2026}
	h.AddOrg("CB_X", "Chi bộ X", "", 2026, 10)
	h.AdmitN("CB_X", 5)
	require.NoError(t, h.DB.Update(func(tx *storage.Tx) error {
		if _, err := tx.SetTermQuota("CB_X", term, quota.QuotaValue{Quota: 100}); err != nil {
			return err
		}
		for y := 2022; y <= 2025; y++ {
			if _, err := tx.SetPastTotal(quota.PastTotal{Org: "CB_X", Year: y, Admitted: 12 + y%2}); err != nil {
				return err
			}
		}
		return nil
	}))
	h.Register(letterLeader, quota.RoleLeader)
	org := h.Reply(bottest.User(letterLeader), "/status CB_X")
	assert.Contains(t, org, "Giai đoạn 2022-2026: 55/100 (55,0%)")
	assert.Contains(t, org, "Nguy cơ không hoàn thành chỉ tiêu giai đoạn 2022-2026: kể cả khi kết nạp hết nguồn đã giới thiệu vẫn thiếu 45.")
	assert.NotContains(t, org, "chỉ tiêu: kể cả", "the year does not drive the warning")
	committee := h.Reply(bottest.User(letterLeader), "/status")
	assert.Contains(t, committee, "Nguy cơ không hoàn thành chỉ tiêu giai đoạn 2022-2026: 1 tổ chức")
	assert.NotContains(t, committee, "Nguy cơ không hoàn thành (kể cả")
}

// The committee's term and its years before are kept between two
// /status while nothing of theirs changes; a term quota or a past total
// imported again, or an admission, shows at once.
func TestStatusTermAndYearsBeforeFollowEveryChange(t *testing.T) {
	h := bottest.New(t)
	h.Clock.Set(bottest.At(2026, 6, 15, 9, 0))
	h.Register(20, quota.RoleLeader)
	admin := bottest.User(bottest.AdminID)
	leader := bottest.User(20)
	importList := func(csv string) {
		t.Helper()
		got := sendFile(t, h, admin, "ds.csv", "text/csv", []byte(csv), "")
		require.Contains(t, got, "Kết quả", "the list was imported")
	}
	importList("Mã,Tên tổ chức,Chỉ tiêu 2026,Giai đoạn 2026-2030,Đã kết nạp 2024,Đã kết nạp 2025\n" +
		"CB01,Chi bộ Một,4,20,3,5\nCB02,Chi bộ Hai,6,30,7,9\nCB03,Chi bộ Ba,,10,,\n")
	first := h.Reply(leader, "/status")
	assert.Contains(t, first, "Giai đoạn 2026-2030: 0/60 (0,0%)")
	assert.Contains(t, first, "Các năm 2024-2025: đã kết nạp 24")
	assert.Equal(t, first, h.Reply(leader, "/status"), "nothing changed")

	// A new term quota, and a past year's total corrected.
	importList("Mã,Tên tổ chức,Chỉ tiêu 2026,Giai đoạn 2026-2030,Đã kết nạp 2024,Đã kết nạp 2025\n" +
		"CB01,Chi bộ Một,4,25,3,5\nCB02,Chi bộ Hai,6,30,7,19\nCB03,Chi bộ Ba,,10,,\n")
	second := h.Reply(leader, "/status")
	assert.Contains(t, second, "Giai đoạn 2026-2030: 0/65 (0,0%)", "the term quota imported again")
	assert.Contains(t, second, "Các năm 2024-2025: đã kết nạp 34", "the total imported again")

	// An admission counts in the year and in the term.
	h.Register(601, quota.RoleSecretary, "CB01")
	require.Contains(t, h.Reply(bottest.User(601), "/report Nguyễn Văn An; 10/06/2026"), "1/4")
	third := h.Reply(leader, "/status")
	assert.Contains(t, third, "Giai đoạn 2026-2030: 1/65 (1,5%)")
	assert.Contains(t, third, "Đã kết nạp: 1/10")
	assert.Contains(t, third, "Các năm 2024-2025: đã kết nạp 34")

	// The term's own view and /history read the same figures.
	termView := h.Reply(leader, "/status 2026-2030")
	assert.Contains(t, termView, "Giai đoạn 2026-2030: 1/65 (1,5%)")
	assert.Contains(t, termView, "Chỉ tiêu giai đoạn: 3 tổ chức")
	history := h.Reply(leader, "/history 2024-2026")
	assert.Contains(t, history, "2025: 24 (số liệu tổng hợp)")
}
