package transport

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

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
		body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var upd models.Update
		if err := json.Unmarshal(body, &upd); err != nil || upd.ID <= 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		t.contact()
		// The request's context ends if Telegram hangs up; the update is
		// finished anyway, and a retry finds it handled.
		if err := t.handle(r.Context(), &upd); err != nil {
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
