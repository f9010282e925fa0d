package office

import (
	"os"
	"testing"
)

// The workbooks LibreOffice and Gnumeric save are read without loading
// their cells twice; the slow way stays for other layouts.
func TestSheetLayoutOfOfficeFiles(t *testing.T) {
	for name, want := range map[string]struct {
		sheet  string
		hidden []int
		merges int
	}{
		"decision.xlsx":          {"Danh sách", nil, 11},
		"decision-gnumeric.xlsx": {"Danh sách", nil, 11},
		"codes.xlsx":             {"Chỉ tiêu", []int{5}, 1},
	} {
		data, err := os.ReadFile("testdata/import/" + name)
		if err != nil {
			t.Fatal(err)
		}
		hidden, merges, ok := sheetLayout(data, want.sheet)
		if !ok {
			t.Fatalf("%s: layout not read", name)
		}
		if len(hidden) != len(want.hidden) {
			t.Errorf("%s: hidden %v, want %v", name, hidden, want.hidden)
		}
		for _, c := range want.hidden {
			if !hidden[c] {
				t.Errorf("%s: column %d not hidden", name, c)
			}
		}
		if len(merges) != want.merges {
			t.Errorf("%s: %d merges, want %d: %v", name, len(merges), want.merges, merges)
		}
	}
}
