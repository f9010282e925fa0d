package storage_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/quota"
	"quotabot/storage"
)

func TestRootsChildrenAndAdmissionsOf(t *testing.T) {
	db := openDB(t)
	update(t, db, func(tx *storage.Tx) error {
		for _, o := range []quota.Org{{Code: "DU_A", Name: "A"}, {Code: "CB_A1", Name: "A1", Parent: "DU_A"},
			{Code: "CB_A1x", Name: "A1x", Parent: "CB_A1"}, {Code: "CB_B", Name: "B"}} {
			_, err := tx.PutOrg(o)
			require.NoError(t, err)
		}
		for _, a := range []quota.Admission{
			{Org: "CB_A1", Name: "Lê Văn Hùng", Date: day(20, 11, 2026)},
			{Org: "CB_A1", Name: "Lê Văn Hưng", Date: day(2, 3, 2026)},
			{Org: "CB_A1", Name: "Trần Thị B", Date: day(2, 3, 2025)},
			{Org: "CB_A1x", Name: "Phạm Văn C", Date: day(2, 4, 2026)},
		} {
			require.NoError(t, tx.AddAdmission(&a))
		}
		return nil
	})
	view(t, db, func(tx *storage.Tx) error {
		assert.Equal(t, []string{"CB_B", "DU_A"}, tx.Roots())
		var pairs []string
		require.NoError(t, tx.EachChild(func(parent, child string) error {
			pairs = append(pairs, parent+">"+child)
			return nil
		}))
		assert.Equal(t, []string{"CB_A1>CB_A1x", "DU_A>CB_A1"}, pairs)
		var codes []string
		require.NoError(t, tx.EachOrgCode(func(code string) error {
			codes = append(codes, strings.Clone(code))
			return nil
		}))
		assert.Equal(t, []string{"CB_A1", "CB_A1x", "CB_B", "DU_A"}, codes)

		adm, err := tx.AdmissionsOf("CB_A1", 2026)
		require.NoError(t, err)
		var names []string
		for _, a := range adm {
			names = append(names, a.Name)
		}
		// By date; the cell's own only, the year's only.
		assert.Equal(t, []string{"Lê Văn Hưng", "Lê Văn Hùng"}, names)
		return nil
	})
	// A retracted admission stops counting and leaves the list.
	update(t, db, func(tx *storage.Tx) error {
		adm, err := tx.AdmissionsOf("CB_A1", 2026)
		require.NoError(t, err)
		_, err = tx.Retract(adm[0].ID, 1, adm[0].ReportedAt)
		return err
	})
	view(t, db, func(tx *storage.Tx) error {
		adm, err := tx.AdmissionsOf("CB_A1", 2026)
		require.NoError(t, err)
		require.Len(t, adm, 1)
		assert.Equal(t, "Lê Văn Hùng", adm[0].Name)
		return nil
	})
}
