package transport

import (
	"context"
	"crypto/subtle"
	"errors"
	"io"
	"net/http"

	tgbot "github.com/go-telegram/bot"
)

// MaxUpdateBytes bounds a webhook request's body. The largest update
// Telegram can send, a 4096-character text of characters JSON escapes,
// with entities, replying to another such message and quoting it, is
// about 100 KB (TestLargestRealUpdate measures it); 1 MiB leaves a wide
// margin and refuses a body no update reaches before reading it whole.
const MaxUpdateBytes = 1 << 20

// WebhookHandler takes updates that Telegram posts. Unlike the library's
// handler, it refuses a wrong secret token and answers 200 only after the
// update's transaction committed, so Telegram retries an update we did
// not keep; a retried update that was kept is recognized and changes
// nothing.
func (t *Transport) WebhookHandler(secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxUpdateBytes))
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "request entity too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		upd := decodeWhole(body)
		if upd == nil {
			u, err := peek(body)
			if err != nil && u.id <= 0 {
				// Nothing Telegram sends: not an update at all.
				http.Error(w, "bad request", http.StatusBadRequest)
				return
			}
			if upd, err = t.decodeOne(u); err != nil {
				http.Error(w, "not handled, retry", http.StatusInternalServerError)
				return
			}
		}
		t.contact()
		if upd == nil {
			// As when polling: recorded as handled and answered 200, so
			// Telegram does not retry it for a day.
			w.WriteHeader(http.StatusOK)
			return
		}
		// The request's context ends if Telegram hangs up; the update is
		// finished anyway, and a retry finds it handled.
		if err := t.handle(r.Context(), upd); err != nil {
			http.Error(w, "not handled, retry", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// SetWebhook registers the webhook with Telegram.
func (t *Transport) SetWebhook(ctx context.Context, url, secret string) error {
	_, err := t.api.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: url, SecretToken: secret,
		AllowedUpdates: []string{"message", "edited_message", "callback_query", "my_chat_member"}})
	if err != nil {
		return Err("registering the webhook", err, t.opts.Token)
	}
	return nil
}
