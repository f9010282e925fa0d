package quota_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"quotabot/quota"
)

func TestNormalizeNameComposesAndCollapses(t *testing.T) {
	nfd := norm.NFD.String("Nguyễn Văn Á")
	require.NotEqual(t, "Nguyễn Văn Á", nfd, "the input must really be decomposed")

	got, err := quota.NormalizeName("  " + strings.ReplaceAll(nfd, " ", " \t  ") + "\u00a0")
	require.NoError(t, err)
	assert.Equal(t, "Nguyễn Văn Á", got)
	assert.True(t, norm.NFC.IsNormalString(got))
}

func TestNormalizeNameAcceptsRealNames(t *testing.T) {
	for _, in := range []string{
		"Trần Thị Bích Ngọc",
		"Đặng Văn Đức",
		"O'Brien",
		"Jean-Pierre Nguyễn",
		"H’Hen Niê",
		"Y Moan Ê Ban",
		"Lò Văn A",
		"Nguyễn V. A",
	} {
		got, err := quota.NormalizeName(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, in, got)
		}
	}
}

func TestNormalizeNameRefusals(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{"", quota.ErrEmptyName},
		{" \t\u00a0 ", quota.ErrEmptyName},
		{strings.Repeat("a", quota.MaxNameRunes+1), quota.ErrLongName},
		{strings.Repeat("Ă", quota.MaxNameRunes+1), quota.ErrLongName},
		{strings.TrimSpace(strings.Repeat("An ", quota.MaxNameWords+1)), quota.ErrLongName},
		{"Nguyễn Văn 2", quota.ErrAbsurdName},
		{"Nguyễn; Văn", quota.ErrAbsurdName},
		{"Nguyễn @Văn", quota.ErrAbsurdName},
		{"Nguyễn Văn A 😀", quota.ErrAbsurdName},
		{"<b>An</b>", quota.ErrAbsurdName},
		{"A", quota.ErrAbsurdName},
		{"- . '", quota.ErrAbsurdName},
	}
	for _, c := range cases {
		_, err := quota.NormalizeName(c.in)
		assert.ErrorIs(t, err, c.want, "%q", c.in)
	}
	// The limits themselves are accepted.
	_, err := quota.NormalizeName(strings.Repeat("a", quota.MaxNameRunes))
	require.NoError(t, err)
	_, err = quota.NormalizeName(strings.TrimSpace(strings.Repeat("An ", quota.MaxNameWords)))
	require.NoError(t, err)
}

func TestSearchKeyFoldsCaseDiacriticsAndSpaces(t *testing.T) {
	want := quota.SearchKey("Nguyễn Văn Á")
	assert.Equal(t, "nguyen van a", want)
	for _, in := range []string{"nguyen van a", "NGUYỄN  VĂN A", norm.NFD.String("Nguyễn Văn Á"), " Nguyen\tVan  A "} {
		assert.Equal(t, want, quota.SearchKey(in), "%q", in)
	}
	assert.Equal(t, "dang", quota.SearchKey("Đặng"))
	assert.Equal(t, "dang van duc", quota.SearchKey("đặng văn đức"))
	assert.NotEqual(t, quota.SearchKey("Nguyễn Văn A"), quota.SearchKey("Nguyễn Văn Anh"))
}
