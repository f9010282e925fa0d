package transport

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"quotabot/storage"
)

// HealthHandler answers 200 when the database answers and Telegram was
// reached within maxAge (or answers a getMe now), and 503 with the reason
// otherwise.
func (t *Transport) HealthHandler(maxAge time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := t.db.View(func(tx *storage.Tx) error { _ = tx.Size(); return nil }); err != nil {
			http.Error(w, fmt.Sprintf("database: %v", err), http.StatusServiceUnavailable)
			return
		}
		if time.Since(t.LastContact()) > maxAge {
			if err := t.Ping(ctx); err != nil {
				http.Error(w, fmt.Sprintf("telegram: not reached for %s: %v", time.Since(t.LastContact()).Round(time.Second), err), http.StatusServiceUnavailable)
				return
			}
		}
		fmt.Fprintln(w, "ok")
	})
}
