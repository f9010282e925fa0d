// Package webapp is the dashboard leaders open inside Telegram: a Mini
// App page and a small JSON API over the same storage, the same rules
// and the same figures as the chat. Every API call carries the initData
// Telegram signed for the person who opened it.
package webapp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Errors of an initData check. None of them carries the data itself, so
// a refusal logs nothing personal.
var (
	ErrNoInitData    = errors.New("no initData")
	ErrMalformed     = errors.New("initData is not a query string of single fields")
	ErrNoSignature   = errors.New("initData carries no hash")
	ErrBadSignature  = errors.New("initData signature does not match the bot token")
	ErrExpired       = errors.New("initData is older than allowed")
	ErrFromTheFuture = errors.New("initData is dated in the future")
	ErrNoUser        = errors.New("initData names no user")
)

// clockSkew is how far in the future auth_date may be: the client's
// clock is not ours.
const clockSkew = time.Minute

// InitData is what Telegram tells the page about the launch, once its
// signature is checked.
type InitData struct {
	User     WebUser
	AuthDate time.Time
	QueryID  string
}

// WebUser is the person who opened the Mini App, as Telegram describes
// them (the WebAppUser object).
type WebUser struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

// secretKey is HMAC-SHA-256 of the bot token keyed with "WebAppData".
func secretKey(token string) []byte {
	m := hmac.New(sha256.New, []byte("WebAppData"))
	m.Write([]byte(token))
	return m.Sum(nil)
}

// dataCheckString is every received field but hash, sorted by key, as
// key=value joined by line feeds.
func dataCheckString(v url.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		if k != "hash" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(v.Get(k))
	}
	return b.String()
}

func signature(v url.Values, token string) []byte {
	m := hmac.New(sha256.New, secretKey(token))
	m.Write([]byte(dataCheckString(v)))
	return m.Sum(nil)
}

// Check verifies initData as Telegram's Mini Apps documentation says:
// the hash is the hex HMAC-SHA-256 of the data-check-string, keyed with
// HMAC-SHA-256 of the bot token keyed with "WebAppData". Data signed more
// than maxAge before now is refused.
func Check(raw, token string, now time.Time, maxAge time.Duration) (InitData, error) {
	if raw == "" {
		return InitData{}, ErrNoInitData
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return InitData{}, ErrMalformed
	}
	for _, vals := range v {
		if len(vals) != 1 {
			return InitData{}, ErrMalformed
		}
	}
	got, err := hex.DecodeString(v.Get("hash"))
	if err != nil || len(got) == 0 {
		return InitData{}, ErrNoSignature
	}
	if !hmac.Equal(got, signature(v, token)) {
		return InitData{}, ErrBadSignature
	}
	// Only signed data is read past this point.
	secs, err := strconv.ParseInt(v.Get("auth_date"), 10, 64)
	if err != nil {
		return InitData{}, ErrMalformed
	}
	at := time.Unix(secs, 0)
	switch {
	case now.Sub(at) > maxAge:
		return InitData{}, ErrExpired
	case at.Sub(now) > clockSkew:
		return InitData{}, ErrFromTheFuture
	}
	d := InitData{AuthDate: at, QueryID: v.Get("query_id")}
	if err := json.Unmarshal([]byte(v.Get("user")), &d.User); err != nil || d.User.ID == 0 {
		return InitData{}, ErrNoUser
	}
	return d, nil
}

// Sign builds initData for a user as Telegram would, signed with the
// token. Only the demo uses it, with its own token: a real deployment
// has only what Telegram signed.
func Sign(u WebUser, token string, at time.Time) (string, error) {
	user, err := json.Marshal(u)
	if err != nil {
		return "", fmt.Errorf("encoding the demo user: %w", err)
	}
	v := url.Values{}
	v.Set("auth_date", strconv.FormatInt(at.Unix(), 10))
	v.Set("query_id", "demo")
	v.Set("user", string(user))
	v.Set("hash", hex.EncodeToString(signature(v, token)))
	return v.Encode(), nil
}
