// Package transport takes updates from Telegram, by long polling or by
// webhook, hands each to the chat, and confirms it only after the chat
// committed it. It also answers the health check and owns the order in
// which a running bot starts and stops.
package transport

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// NewAPI is the go-telegram/bot client every part shares. It does not
// touch the network.
func NewAPI(token, apiURL string, pollTimeout time.Duration, client *http.Client, log *slog.Logger) (*tgbot.Bot, error) {
	api, err := tgbot.New(token,
		tgbot.WithServerURL(strings.TrimRight(apiURL, "/")),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(pollTimeout, client),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("telegram client", "err", Redact(err.Error(), token)) }),
	)
	if err != nil {
		return nil, fmt.Errorf("creating the Telegram client: %w", err)
	}
	return api, nil
}

// APIError is an error of the Telegram client with the token taken out
// of its text; errors.Is and errors.As still see the original.
type APIError struct {
	msg string
	err error
}

func (e *APIError) Error() string { return e.msg }
func (e *APIError) Unwrap() error { return e.err }

// Err wraps a client error with what was being done, without the token.
func Err(what string, err error, token string) error {
	return &APIError{msg: what + ": " + Redact(err.Error(), token), err: err}
}

// Redact keeps the token out of logs and errors: the client's errors
// quote the URL, and the URL holds the token. It takes out every form the
// token can take there: as given, trimmed, escaped in a URL, or its
// secret part alone.
func Redact(s, token string) string {
	for _, form := range tokenForms(token) {
		s = strings.ReplaceAll(s, form, "***")
	}
	return s
}

func tokenForms(token string) []string {
	var forms []string
	add := func(f string) {
		if len(f) >= 4 && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	add(token)
	add(strings.TrimSpace(token))
	add(url.PathEscape(token))
	add(url.QueryEscape(token))
	if _, secret, ok := strings.Cut(strings.TrimSpace(token), ":"); ok {
		add(secret)
	}
	// The longest first, so a shorter form never leaves part of a longer one.
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms
}
