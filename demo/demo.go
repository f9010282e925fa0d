// Package demo fills a fresh database with a demonstration committee, for
// `quotabot demo` and for tests that want a realistic committee.
package demo

import (
	"fmt"
	"time"

	"quotabot/quota"
	"quotabot/storage"
)

// Demo user ids: the console signs in as one of them.
const (
	Admin      int64 = 1000
	Leader     int64 = 1001
	Specialist int64 = 3001
	Secretary  int64 = 2001 // secretaries are 2001..2030, one per organization
)

// demoOrgs is a committee of 30 organizations with quotas, four of them
// cells under a base committee that has none of its own. Quotas sum to 300
// and admissions to 152, with some organizations done and some far behind.
var demoOrgs = []struct {
	code, name, parent string
	quota, admitted    int
	lastYear           int
}{
	{"CB_01", "Chi bộ Công ty Cổ phần Sông Hồng", "", 20, 21, 15},
	{"CB_02", "Chi bộ Công ty TNHH A & B <Sông Mã>", "", 18, 18, 12},
	{"CB_03", "Đảng bộ Công ty Điện lực Hà Nam", "", 16, 16, 10},
	{"CB_04", "Chi bộ Ngân hàng Thương mại Cổ phần Miền Trung", "", 15, 15, 9},
	{"CB_05", "Chi bộ Công ty Xi măng Bỉm Sơn", "", 17, 2, 8},
	{"CB_06", "Chi bộ Công ty Cấp nước Thanh Hóa", "", 15, 0, 7},
	{"CB_07", "Chi bộ Công ty Lương thực Miền Bắc", "", 12, 9, 6},
	{"CB_08", "Chi bộ Công ty Cổ phần Dược phẩm Trung ương", "", 12, 8, 8},
	{"CB_09", "Chi bộ Công ty Vận tải Biển Đông", "", 10, 7, 5},
	{"CB_10", "Chi bộ Công ty Bảo hiểm Nhân thọ Việt", "", 10, 1, 6},
	{"DU_TCT", "Đảng ủy Tổng công ty Xây dựng Số 1", "", 0, 0, 0},
	{"CB_11", "Chi bộ Xí nghiệp Xây lắp 1", "DU_TCT", 10, 8, 6},
	{"CB_12", "Chi bộ Xí nghiệp Xây lắp 2", "DU_TCT", 10, 4, 5},
	{"CB_13", "Chi bộ Phòng Kỹ thuật", "DU_TCT", 10, 10, 7},
	{"CB_14", "Chi bộ Ban Quản lý Dự án", "DU_TCT", 10, 3, 4},
	{"CB_15", "Chi bộ Công ty Cổ phần Cơ khí Hà Tĩnh", "", 8, 6, 5},
	{"CB_16", "Chi bộ Công ty May Nam Định", "", 8, 5, 4},
	{"CB_17", "Chi bộ Công ty Thủy sản Cà Mau", "", 8, 0, 3},
	{"CB_18", "Chi bộ Công ty Cao su Phú Riềng", "", 8, 6, 5},
	{"CB_19", "Chi bộ Công ty Chè Thái Nguyên", "", 8, 4, 2},
	{"CB_20", "Chi bộ Công ty Du lịch Hạ Long", "", 8, 3, 4},
	{"CB_21", "Chi bộ Công ty Phân bón Lâm Thao", "", 8, 2, 3},
	{"CB_22", "Chi bộ Công ty Giấy Bãi Bằng", "", 8, 1, 2},
	{"CB_23", "Chi bộ Công ty Đường sắt Sài Gòn", "", 8, 0, 3},
	{"CB_24", "Chi bộ Công ty Thép Thái Nguyên", "", 7, 1, 2},
	{"CB_25", "Chi bộ Công ty Bia Hà Nội", "", 6, 1, 2},
	{"CB_26", "Chi bộ Công ty In Tiến Bộ", "", 5, 0, 1},
	{"CB_27", "Chi bộ Công ty Sữa Ba Vì", "", 5, 1, 1},
	{"CB_28", "Chi bộ Công ty Gốm sứ Bát Tràng", "", 5, 0, 1},
	{"CB_29", "Chi bộ Công ty Muối Bạc Liêu", "", 9, 0, 1},
	{"CB_30", "Chi bộ Công ty Cà phê Buôn Ma Thuột", "", 6, 0, 2},
}

var (
	demoFamily = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	demoMiddle = []string{"Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức"}
	demoGiven  = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"}
)

func demoName(i int) string {
	return demoFamily[i%len(demoFamily)] + " " + demoMiddle[(i/len(demoFamily))%len(demoMiddle)] + " " + demoGiven[(i*7+i/3)%len(demoGiven)]
}

// Seed fills an empty database with the demonstration committee as of
// today: this year's quotas and admissions, last year's for comparison,
// the term under way, the six years before as imported totals, the
// decisions behind the quotas, and users of every role.
func Seed(db *storage.DB, today quota.Date) error {
	now := today.Time().Add(8 * time.Hour)
	return db.Update(func(tx *storage.Tx) error {
		n, next := 0, Secretary
		for i, o := range demoOrgs {
			// Secretaries are numbered over the organizations that have
			// one (those with a quota), so CB_11's is 2011; a base
			// committee without a quota has its candidates from the Board.
			secretary := Admin
			if o.quota > 0 {
				secretary, next = next, next+1
			}
			if _, err := tx.PutOrg(quota.Org{Code: o.code, Name: o.name, Parent: o.parent}); err != nil {
				return err
			}
			if err := seedQuotaHistory(tx, i, o.code, o.quota, o.lastYear, today, now); err != nil {
				return err
			}
			for _, y := range []struct{ year, quota, admitted int }{{today.Year - 1, o.quota, o.lastYear}, {today.Year, o.quota, o.admitted}} {
				on := quota.AsOf(y.year, today)
				span := on.DayOfYear()
				for k := 0; k < y.admitted; k++ {
					// Spread through the year up to the date, and for last
					// year through the whole year so the same period differs.
					d := quota.Date{Year: y.year, Month: 1, Day: 1}.AddDays((k*37 + i*11) % span)
					if y.year < today.Year {
						d = quota.Date{Year: y.year, Month: 1, Day: 1}.AddDays((k*53 + i*17) % quota.DaysInYear(y.year))
					}
					n++
					a := quota.Admission{Org: o.code, Name: demoName(n), Date: d, Decision: fmt.Sprintf("%d-QĐ/ĐU", 100+n),
						ReportedBy: secretary, ReportedAt: now}
					if err := tx.AddAdmission(&a); err != nil {
						return fmt.Errorf("seeding %s: %w", a.Name, err)
					}
					// Most probations that ended were decided on time; one
					// per organization is left overdue for the demo.
					end := a.ProbationEnd()
					if end.Before(today.AddDays(-20)) && k != 0 {
						dec := quota.OfficialDecision{Date: end.AddDays(7), Number: fmt.Sprintf("%d-QĐ/ĐU", 900+n), RecordedBy: a.ReportedBy, RecordedAt: now}
						if _, err := tx.RecordOfficial(a.ID, dec); err != nil {
							return err
						}
					}
				}
			}
			if err := seedCandidates(tx, i, o.code, secretary, today, now); err != nil {
				return err
			}
			if o.quota > 0 {
				sec := quota.User{ID: secretary, Role: quota.RoleSecretary, Orgs: []string{o.code},
					Name: "Bí thư " + o.code, ChatID: secretary, Lang: "vi", RegisteredAt: now}
				if _, err := tx.PutUser(sec); err != nil {
					return err
				}
			}
		}
		users := []quota.User{
			{ID: Admin, Role: quota.RoleAdmin, Name: "Ban Tổ chức", ChatID: Admin, Lang: "vi", RegisteredAt: now},
			{ID: Leader, Role: quota.RoleLeader, Name: "Lãnh đạo", ChatID: Leader, Lang: "vi", RegisteredAt: now},
			{ID: Specialist, Role: quota.RoleSpecialist, Orgs: []string{"CB_01", "CB_02", "CB_03", "CB_04", "CB_05", "CB_06", "CB_07", "CB_08", "CB_09", "CB_10"},
				Name: "Chuyên viên", ChatID: Specialist, Lang: "vi", RegisteredAt: now},
		}
		for _, u := range users {
			if _, err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
}

// seedCandidates gives some organizations a pipeline at various stages,
// so some behind are at risk and some are not.
func seedCandidates(tx *storage.Tx, i int, org string, by int64, today quota.Date, now time.Time) error {
	count := (i * 5) % 7
	for k := 0; k < count; k++ {
		stage := quota.Pipeline[(i+k)%4]
		c := quota.Candidate{Org: org, Name: demoName(1000 + i*10 + k), Source: quota.Sources[(i+k)%len(quota.Sources)],
			Stage: quota.StageIdentified, CreatedBy: by, CreatedAt: now,
			History: []quota.StageChange{{Stage: quota.StageIdentified, On: today.AddDays(-200), At: now, By: by}}}
		for _, s := range quota.Pipeline[1:] {
			if c.Stage == stage {
				break
			}
			if err := c.Move(s, today.AddDays(-100), now, c.CreatedBy); err != nil {
				return err
			}
		}
		if err := tx.AddCandidate(&c); err != nil {
			return fmt.Errorf("seeding candidate %s: %w", c.Name, err)
		}
	}
	return nil
}

// PastYears are the six years before the bot, known as imported totals.
func PastYears(today quota.Date) quota.Term {
	return quota.Term{From: today.Year - 7, To: today.Year - 2}
}

// DemoTerm is the Party term under way: congresses meet in the years
// ending in 0 and 5, so on 15/06/2026 it is "nhiệm kỳ 2025-2030".
func DemoTerm(today quota.Date) quota.Term {
	from := today.Year - today.Year%5
	return quota.Term{From: from, To: from + 5}
}

// seedQuotaHistory sets an organization's quotas with the decisions behind
// them: last year's and this year's by the committee's January decisions
// (one organization's quota for this year raised by a later decision, so
// its history shows), the term's by the decision after the congress, and
// the six years before the bot as imported yearly totals.
func seedQuotaHistory(tx *storage.Tx, i int, code string, yearly, lastYear int, today quota.Date, now time.Time) error {
	if yearly > 0 {
		for _, y := range []int{today.Year - 1, today.Year} {
			dec := quota.Decision{Number: fmt.Sprintf("%d-QĐ/ĐUK", 2300+y%100), Date: quota.Date{Year: y, Month: 1, Day: 15}}
			first := yearly
			if code == "CB_05" && y == today.Year {
				first = yearly - 5 // raised in April, below
			}
			if _, err := tx.SetYearQuota(y, code, quota.QuotaValue{Quota: first, Decision: dec, SetAt: now, SetBy: Admin}); err != nil {
				return err
			}
		}
		if code == "CB_05" {
			dec := quota.Decision{Number: fmt.Sprintf("%d-QĐ/ĐUK", 2400+today.Year%100), Date: quota.Date{Year: today.Year, Month: 4, Day: 10}}
			if _, err := tx.SetYearQuota(today.Year, code, quota.QuotaValue{Quota: yearly, Decision: dec, SetAt: now, SetBy: Admin}); err != nil {
				return err
			}
		}
		t := DemoTerm(today)
		dec := quota.Decision{Number: fmt.Sprintf("%d-QĐ/ĐUK", 1500+t.From%100), Date: quota.Date{Year: t.From, Month: 11, Day: 20}}
		if _, err := tx.SetTermQuota(code, t, quota.QuotaValue{Quota: yearly * 5, Decision: dec, SetAt: now, SetBy: Admin}); err != nil {
			return err
		}
	}
	for y := PastYears(today).From; y <= PastYears(today).To; y++ {
		n := max(0, lastYear+(i+y)%3-1)
		p := quota.PastTotal{Org: code, Year: y, Admitted: n, Source: "Báo cáo tổng kết công tác tổ chức", ImportedBy: Admin, ImportedAt: now}
		if _, err := tx.SetPastTotal(p); err != nil {
			return err
		}
	}
	return nil
}
