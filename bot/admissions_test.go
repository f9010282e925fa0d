package bot_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
)

// register reads a test register written by LibreOffice or Gnumeric.
func register(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "office", "testdata", "admissions", name))
	require.NoError(t, err)
	return data
}

// registerCommittee is the organizations the test registers name, with
// 2026 quotas, on 15/10/2026.
func registerCommittee(t *testing.T) *bottest.Harness {
	h := bottest.New(t)
	h.Clock.Set(bottest.At(2026, 10, 15, 9, 0))
	h.AddOrg("DU01", "Đảng ủy Công ty Cổ phần Sông Hồng", "", 2026, 0)
	h.AddOrg("CB01", "Chi bộ Phân xưởng Cơ khí", "DU01", 2026, 10)
	h.AddOrg("CB02", "Chi bộ Kho vận", "DU01", 2026, 4)
	h.AddOrg("CB03", "Chi bộ Văn phòng", "", 2026, 6)
	return h
}

func TestAdminSendsARegisterOfAdmissions(t *testing.T) {
	h := registerCommittee(t)
	admin := bottest.User(bottest.AdminID)
	h.Register(20, quota.RoleLeader)
	leader := bottest.User(20)

	got := sendFile(t, h, admin, "register.xlsx", xlsxType, register(t, "register.xlsx"), "thử")
	assert.Contains(t, got, "Chạy thử, chưa lưu gì: tệp register.xlsx sẽ ghi nhận 5 người được kết nạp (năm 2025, 2026); 0 người đã có trong dữ liệu.")
	assert.Contains(t, h.Reply(leader, "/status CB01"), "0/10")

	got = sendFile(t, h, admin, "register.xlsx", xlsxType, register(t, "register.xlsx"), "")
	assert.Contains(t, got, "Đã nhập tệp register.xlsx: ghi nhận 5 người được kết nạp (năm 2025, 2026); 0 người đã có trong dữ liệu, giữ nguyên.")
	assert.Contains(t, got, "• Chi bộ Phân xưởng Cơ khí: 2")
	assert.Contains(t, got, "• Chi bộ Kho vận: 1")
	assert.Contains(t, got, "Dòng 5: Lê Văn Hưng được ghi bên cạnh Lê Văn Hùng cùng ngày 15/03/2026")
	// Read back as a leader sees it.
	assert.Contains(t, h.Reply(leader, "/status CB01"), "2/10")
	assert.Contains(t, h.Reply(leader, "/status CB03"), "1/6")
	assert.Contains(t, h.Reply(leader, "/status CB03 2025"), "Đã kết nạp: 1")

	// A person a secretary reported in chat is the same person in the
	// register: recognized, not doubled.
	h.Register(13, quota.RoleSecretary, "CB02")
	require.Contains(t, h.Reply(bottest.User(13), "/report Đỗ Thị Hạnh; 20/05/2026"), "Đã ghi nhận kết nạp 1 người")
	got = sendFile(t, h, admin, "export.xlsx", xlsxType, register(t, "export.xlsx"), "")
	assert.Contains(t, got, "ghi nhận 1 người được kết nạp (năm 2026); 1 người đã có trong dữ liệu, giữ nguyên.")
	assert.Contains(t, h.Reply(leader, "/status CB02"), "3/4")

	// The audit trail says who imported them.
	require.NoError(t, h.DB.View(func(tx *storage.Tx) error {
		audit, err := tx.Audit()
		require.NoError(t, err)
		require.Len(t, audit, 2)
		assert.Equal(t, "5 admissions imported from register.xlsx by admin 42 in chat", audit[0].What)
		assert.Equal(t, bottest.AdminID, audit[0].By)
		return tx.EachAdmission(func(a quota.Admission) error {
			if a.Name == "Lê Văn Hùng" {
				assert.Equal(t, bottest.AdminID, a.ReportedBy)
				assert.Equal(t, "register.xlsx, line 4, by admin 42 in chat", a.Imported)
				assert.Equal(t, quota.Date{Year: 1990, Month: 5, Day: 12}, a.Birth)
			}
			return nil
		})
	}))
}

func TestARegisterWithMistakesChangesNothing(t *testing.T) {
	h := registerCommittee(t)
	admin := bottest.User(bottest.AdminID)
	got := sendFile(t, h, admin, "register-bad.xlsx", xlsxType, register(t, "register-bad.xlsx"), "")
	for _, want := range []string{
		"Chưa nhập tệp register-bad.xlsx, không có gì thay đổi, vì có 6 dòng chưa đúng:",
		"Dòng 3 (CB99; Trần Văn An; 15/03/2026): Không có tổ chức nào có mã hoặc tên này.",
		"Dòng 4 (CB01; Trần Văn Bình; 15/03/2027): ",
		"Dòng 5 (CB01; lê văn hùng; 15/03/2026): Trùng với dòng 2 trong tệp.",
		"Dòng 6 (CB01; Trần Văn Cường; 01/03/2026): Người này chưa đủ 18 tuổi vào ngày kết nạp.",
		"Dòng 8 (CB01; Trần Văn Em; 31/02/2026): ",
	} {
		assert.Contains(t, got, want)
	}
	assert.Equal(t, 0, h.Tally(2026, "CB01").Admitted)

	// Only an admin imports.
	h.Register(13, quota.RoleSecretary, "CB02")
	got = sendFile(t, h, bottest.User(13), "register.xlsx", xlsxType, register(t, "register.xlsx"), "")
	assert.Contains(t, got, "Chỉ quản trị viên")
	assert.Equal(t, 0, h.Tally(2026, "CB01").Admitted)
}
