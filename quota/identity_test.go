package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"

	"quotabot/quota"
)

func TestIdentityKeepsDiacritics(t *testing.T) {
	assert.False(t, quota.SameName("Lê Văn Hùng", "Lê Văn Hưng"), "diacritics distinguish people")
	assert.False(t, quota.SameName("Nguyễn Văn An", "Nguyen Van An"))
	assert.True(t, quota.SimilarName("Lê Văn Hùng", "Lê Văn Hưng"))
	assert.True(t, quota.SimilarName("Nguyễn Văn An", "Nguyen Van An"))
}

func TestIdentityFoldsCaseSpacingAndForm(t *testing.T) {
	assert.True(t, quota.SameName("Lê Văn Hùng", "  LÊ   văn\tHÙNG "))
	assert.True(t, quota.SameName("Lê Văn Hùng", norm.NFD.String("Lê Văn Hùng")))
	assert.True(t, quota.SameName("Đặng Văn Đức", "đặng văn đức"))
	assert.False(t, quota.SimilarName("Lê Văn Hùng", "lê văn hùng"), "the same person is not merely similar")
	assert.False(t, quota.SimilarName("Lê Văn Hùng", "Lê Văn Hải"))
	// Cherokee folds to its capitals; the fold must not swap the cases.
	assert.True(t, quota.SameName("ꮝ", "Ꮝ"))
	assert.Equal(t, "Ꮝ", quota.IdentityKey(quota.IdentityKey("ꮝ")))
}

func TestMatchName(t *testing.T) {
	names := []string{"Lê Văn Hùng", "Lê Văn Hưng", "Nguyễn Văn An"}
	i, err := quota.MatchName("nguyen van an", names)
	assert.NoError(t, err)
	assert.Equal(t, 2, i, "search ignores diacritics")

	i, err = quota.MatchName("LÊ VĂN HƯNG", names)
	assert.NoError(t, err)
	assert.Equal(t, 1, i, "the same person wins over a similar one")

	_, err = quota.MatchName("le van hung", names)
	assert.ErrorIs(t, err, quota.ErrNameAmbiguous)

	_, err = quota.MatchName("Trần Thị Bình", names)
	assert.ErrorIs(t, err, quota.ErrNameNotFound)
}

func FuzzIdentityKey(f *testing.F) {
	f.Add("Lê Văn Hùng")
	f.Add("\xff  ĐẶNG\tvăn")
	f.Fuzz(func(t *testing.T, s string) {
		k := quota.IdentityKey(s)
		if quota.IdentityKey(k) != k {
			t.Fatalf("IdentityKey(%q) = %q is not stable", s, k)
		}
		if !quota.SameName(s, s) || quota.SimilarName(s, s) {
			t.Fatalf("%q is not the same as itself", s)
		}
		for _, other := range []string{quota.SearchKey(s), "Lê Văn Hùng", "le van hung", "LÊ VĂN HƯNG"} {
			if got, want := quota.MatcherFor(other).SimilarKey(k), quota.SimilarName(k, other); got != want {
				t.Fatalf("the matcher of %q says %v of %q, SimilarName %v", other, got, k, want)
			}
		}
	})
}

func TestMatcherAgreesWithSimilarName(t *testing.T) {
	m := quota.MatcherFor("  LÊ văn   HƯNG ")
	assert.True(t, m.SimilarKey(quota.IdentityKey("Lê Văn Hùng")), "diacritics differ")
	assert.False(t, m.SimilarKey(quota.IdentityKey("lê văn hưng")), "the same person")
	assert.False(t, m.SimilarKey(quota.IdentityKey("Lê Văn Hải")), "another name")
}
