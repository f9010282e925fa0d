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

// Phones and web pages paste names with characters nobody sees; the name
// is what the person typed.
func TestNormalizeNameStripsInvisibleCharacters(t *testing.T) {
	for _, in := range []string{
		"\ufeffNguyễn Văn An",          // a leading byte-order mark
		"Nguyễn\u200b Văn An",          // zero-width space
		"Nguyễn Văn\u200d An",          // zero-width joiner
		"Nguyễn \u200cVăn An\u2060",    // non-joiner, word joiner
		"Ngu\u00adyễn Văn An",          // soft hyphen
		"\u200b\ufeff Nguyễn  Văn An ", // several, with spaces
		"Nguye\u200b\u0302\u0303n Văn An",
	} {
		got, err := quota.NormalizeName(in)
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, "Nguyễn Văn An", got, "%q", in)
		}
		assert.Equal(t, quota.SearchKey("Nguyễn Văn An"), quota.SearchKey(in), "%q", in)
		assert.True(t, quota.SameName("Nguyễn Văn An", in), "%q is the same person", in)
	}
	// Control characters and the bidi controls that reorder what is
	// shown are still refused.
	for _, in := range []string{
		"Nguyễn\u202eVăn An", "\u202dNguyễn Văn An", "Nguyễn Văn\u2066 An\u2069",
		"Nguyễn\x00Văn", "Nguyễn\x07 Văn", "Nguyễn\u200f Văn", "Nguyễn\u061c Văn",
	} {
		_, err := quota.NormalizeName(in)
		assert.ErrorIs(t, err, quota.ErrAbsurdName, "%q", in)
	}
	// Nothing but invisible characters is an empty name.
	_, err := quota.NormalizeName("\u200b\ufeff")
	assert.ErrorIs(t, err, quota.ErrEmptyName)
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
