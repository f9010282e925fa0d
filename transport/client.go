// Package transport takes updates from Telegram, by long polling or by
// webhook, hands each to the chat, and confirms it only after the chat
// committed it. It also answers the health check and owns the order in
// which a running bot starts and stops.
package transport

import (
	"fmt"
	"log/slog"
	"net/http"
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
// quote the URL, and the URL holds the token.
func Redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "***")
}
