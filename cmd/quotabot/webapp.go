package main

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"quotabot/app"
	"quotabot/storage"
	"quotabot/webapp"
)

// dashboard is the Mini App's server over the chat: the chat's figures,
// rules and words, with initData checked against token.
func dashboard(db *storage.DB, a *app.App, token string, maxAge time.Duration, now func() time.Time, log *slog.Logger) *webapp.Server {
	return webapp.New(db, a.Bot.Dashboard(), webapp.Options{Token: token, MaxAge: maxAge, Now: now, Log: log})
}

// mountDashboard serves the dashboard under the path of its public
// address, as nginx passes it on (deploy/nginx-webapp.conf).
func mountDashboard(mux *http.ServeMux, publicURL string, h http.Handler) error {
	u, err := url.Parse(publicURL)
	if err != nil {
		return err
	}
	prefix := strings.TrimSuffix(u.Path, "/")
	mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	return nil
}
