package webapp_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/webapp"
)

const botToken = "7342037359:AAHI25ES9xCOMPWYWjsg9bHb1a5Ui3wyhS4"

// signedByHand builds initData the way Telegram's documentation writes
// it out, written here a second time on purpose: the data-check-string
// spelled out by hand, the secret key HMAC_SHA256(<bot_token>,
// "WebAppData"), the hash hex(HMAC_SHA256(data_check_string, secret_key)).
func signedByHand(token, authDate, user string) string {
	dcs := "auth_date=" + authDate + "\nquery_id=AAHdF6IQAAAAAN0XohDhrOrc\nuser=" + user
	k := hmac.New(sha256.New, []byte("WebAppData"))
	k.Write([]byte(token))
	h := hmac.New(sha256.New, k.Sum(nil))
	h.Write([]byte(dcs))
	return "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=" + url.QueryEscape(user) +
		"&auth_date=" + authDate + "&hash=" + hex.EncodeToString(h.Sum(nil))
}

const userJSON = `{"id":279058397,"first_name":"Vladislav","last_name":"Kibenko","username":"vdkfrost","language_code":"ru","is_premium":true,"allows_write_to_pm":true}`

func TestCheckAcceptsWhatTelegramSigned(t *testing.T) {
	now := time.Unix(1662771648, 0).Add(10 * time.Minute)
	d, err := webapp.Check(signedByHand(botToken, "1662771648", userJSON), botToken, now, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, int64(279058397), d.User.ID)
	assert.Equal(t, "Vladislav", d.User.FirstName)
	assert.Equal(t, "ru", d.User.LanguageCode)
	assert.Equal(t, "AAHdF6IQAAAAAN0XohDhrOrc", d.QueryID)
	assert.Equal(t, int64(1662771648), d.AuthDate.Unix())
}

func TestCheckRefuses(t *testing.T) {
	now := time.Unix(1662771648, 0).Add(10 * time.Minute)
	good := signedByHand(botToken, "1662771648", userJSON)
	cases := []struct {
		name string
		raw  string
		now  time.Time
		want error
	}{
		{"another user put in", strings.Replace(good, "279058397", "279058398", 1), now, webapp.ErrBadSignature},
		{"the date moved", strings.Replace(good, "auth_date=1662771648", "auth_date=1662771649", 1), now, webapp.ErrBadSignature},
		{"a field added", good + "&chat_type=sender", now, webapp.ErrBadSignature},
		{"the hash changed", good[:len(good)-1] + "0", now, webapp.ErrBadSignature},
		{"another bot's token", signedByHand("6100000000:AAAnotherBotsTokenWithThirtyFiveChars", "1662771648", userJSON), now, webapp.ErrBadSignature},
		{"older than allowed", good, now.Add(time.Hour), webapp.ErrExpired},
		{"from the future", good, time.Unix(1662771648, 0).Add(-10 * time.Minute), webapp.ErrFromTheFuture},
		{"no hash", strings.Split(good, "&hash=")[0], now, webapp.ErrNoSignature},
		{"a hash that is not hex", strings.Split(good, "&hash=")[0] + "&hash=zz", now, webapp.ErrNoSignature},
		{"nothing", "", now, webapp.ErrNoInitData},
		{"a field twice", good + "&user=x", now, webapp.ErrMalformed},
		{"not a query string", "%zz", now, webapp.ErrMalformed},
		{"signed but no user", signedWithoutUser(), now, webapp.ErrNoUser},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := webapp.Check(c.raw, botToken, c.now, 30*time.Minute)
			assert.ErrorIs(t, err, c.want)
		})
	}
}

func signedWithoutUser() string {
	dcs := "auth_date=1662771648"
	k := hmac.New(sha256.New, []byte("WebAppData"))
	k.Write([]byte(botToken))
	h := hmac.New(sha256.New, k.Sum(nil))
	h.Write([]byte(dcs))
	return "auth_date=1662771648&hash=" + hex.EncodeToString(h.Sum(nil))
}

func TestSignIsWhatCheckAccepts(t *testing.T) {
	at := time.Unix(1800000000, 0)
	raw, err := webapp.Sign(webapp.WebUser{ID: 1001, FirstName: "Lãnh đạo", LanguageCode: "vi"}, botToken, at)
	require.NoError(t, err)
	d, err := webapp.Check(raw, botToken, at, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, int64(1001), d.User.ID)
	assert.Equal(t, "Lãnh đạo", d.User.FirstName)
	_, err = webapp.Check(raw, "1:another", at, time.Minute)
	assert.ErrorIs(t, err, webapp.ErrBadSignature)
}

func FuzzCheck(f *testing.F) {
	f.Add(signedByHand(botToken, "1662771648", userJSON))
	f.Add("auth_date=1&hash=00")
	f.Add("%")
	f.Fuzz(func(t *testing.T, raw string) {
		d, err := webapp.Check(raw, botToken, time.Unix(1662771648, 0), time.Hour)
		if err == nil && d.User.ID == 0 {
			t.Fatalf("accepted %q with no user", raw)
		}
	})
}
