package office_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/office"
)

// memStored is a committee held in maps, for the plan's own rules; the
// import through the database is tested where it is stored.
type memStored struct {
	orgs   []office.StoredOrg
	quotas map[string]int // "code/year"
}

func (m memStored) Orgs() []office.StoredOrg { return m.orgs }
func (m memStored) Quota(year int, code string) (int, bool) {
	n, ok := m.quotas[code+"/"+strconv.Itoa(year)]
	return n, ok
}
func (m memStored) TermQuota(office.Span, string) (int, bool) { return 0, false }
func (m memStored) Named(int, string) int                     { return 0 }
func (m memStored) AdmittedTotal(int, string) (int, bool)     { return 0, false }
func (m memStored) QuotaDecision(int, string) (office.Decision, bool) {
	return office.Decision{}, false
}
func (m memStored) TermDecision(office.Span, string) (office.Decision, bool) {
	return office.Decision{}, false
}

func plan(t *testing.T, csv string, st memStored) (*office.Plan, error) {
	t.Helper()
	f, err := office.ReadFile("a.csv", strings.NewReader(csv))
	require.NoError(t, err)
	return office.MakePlan(f, st)
}

func TestPlanMatchesByNameWithDiacritics(t *testing.T) {
	st := memStored{orgs: []office.StoredOrg{
		{Code: "DU_B", Name: "Đảng bộ B"},
		{Code: "CB_HUNG", Name: "Chi bộ Hùng Thịnh", Parent: "DU_B"},
	}, quotas: map[string]int{"CB_HUNG/2026": 2}}
	p, err := plan(t, "Tên đơn vị,Chỉ tiêu 2026\nchi bộ  hùng thịnh,3\nChi bộ Hưng Thịnh,1\n", st)
	require.NoError(t, err)
	require.Len(t, p.Changes, 2)
	hung, hưng := p.Changes[0], p.Changes[1]
	assert.Equal(t, "CB_HUNG", hung.Row.Code, "case and spacing do not count")
	assert.False(t, hung.New)
	assert.Equal(t, office.Change[int]{From: 2, To: 3, FromSet: true, ToSet: true}, hung.Quotas[2026])
	assert.Equal(t, "DU_B", hung.Row.Parent, "without a parent column the parent stays")
	assert.False(t, hung.Parent.Changed())
	assert.True(t, hưng.New, "diacritics distinguish names")
	assert.True(t, hưng.Generated)
	assert.Regexp(t, `^CBHT-[0-9A-F]{4}$`, hưng.Row.Code)

	again, err := plan(t, "Tên đơn vị,Chỉ tiêu 2026\nChi bộ Hưng Thịnh,1\n", st)
	require.NoError(t, err)
	assert.Equal(t, hưng.Row.Code, again.Changes[0].Row.Code, "the generated code is stable")
}

func TestPlanAbsentColumnKeepsPresentEmptyCellClears(t *testing.T) {
	st := memStored{orgs: []office.StoredOrg{
		{Code: "DU_B", Name: "Đảng bộ B"},
		{Code: "CB_B1", Name: "Chi bộ B1", Parent: "DU_B"},
		{Code: "CB_B2", Name: "Chi bộ B2", Parent: "DU_B"},
	}, quotas: map[string]int{"CB_B1/2027": 4, "CB_B2/2027": 4}}
	p, err := plan(t, "mã,tên,chỉ tiêu 2027\nCB_B1,Chi bộ B1,5\nCB_B2,Chi bộ B2,\n", st)
	require.NoError(t, err)
	assert.Equal(t, "DU_B", p.Changes[0].Row.Parent)
	assert.False(t, p.Changes[0].Parent.Changed())
	assert.Equal(t, office.Change[int]{From: 4, To: 0, FromSet: true, ToSet: false}, p.Changes[1].Quotas[2027], "an empty cell clears the quota")

	p, err = plan(t, "mã,tên,trực thuộc\nCB_B1,Chi bộ B1,\nCB_B2,Chi bộ B2,Đảng bộ B\n", st)
	require.NoError(t, err)
	assert.Equal(t, office.Change[string]{From: "DU_B", FromSet: true}, p.Changes[0].Parent, "an empty parent cell makes it top-level")
	assert.Equal(t, "DU_B", p.Changes[1].Row.Parent, "a parent given by name")
	assert.Empty(t, p.Changes[0].Quotas, "no quota column: quotas stay")
}

func TestPlanMistakes(t *testing.T) {
	st := memStored{orgs: []office.StoredOrg{
		{Code: "A1", Name: "Chi bộ An"},
		{Code: "A2", Name: "Chi Bộ An"},
	}}
	_, err := plan(t, "Tên đơn vị,Trực thuộc,Chỉ tiêu 2026\nChi bộ An,,1\nChi bộ Mới,Không Có,1\nChi bộ Mới,,2\n", st)
	errs := importErrors(t, err)
	require.Len(t, errs, 3, "%v", errs)
	assert.Equal(t, office.KindAmbiguousName, errs[0].Kind)
	assert.Contains(t, errs[0].Msg, "A1 and A2")
	assert.Equal(t, office.KindUnknownParent, errs[1].Kind)
	assert.Equal(t, office.KindDupName, errs[2].Kind)
	assert.Equal(t, "Chi bộ Mới", errs[2].Text)
}

func TestPlanSectionNamingAnOrganizationIsItsParent(t *testing.T) {
	st := memStored{orgs: []office.StoredOrg{{Code: "DU_X", Name: "Đảng bộ Xi măng"}}}
	p, err := plan(t, "STT,Tên đơn vị,Chỉ tiêu 2026\nI,Đảng bộ Xi măng,\n1,Chi bộ Lò nung,2\nII,CHI BỘ CƠ SỞ,\n2,Chi bộ Vận tải,1\n", st)
	require.NoError(t, err)
	require.Len(t, p.Changes, 2)
	assert.Equal(t, "DU_X", p.Changes[0].Row.Parent)
	assert.Equal(t, "", p.Changes[1].Row.Parent)
	assert.Equal(t, "CHI BỘ CƠ SỞ", p.Changes[1].Group.To)
	assert.Equal(t, 2, p.Changes[1].Order.To)
	c, u, n, figs := p.Counts()
	assert.Equal(t, []int{2, 0, 0, 2}, []int{c, u, n, figs})
}
