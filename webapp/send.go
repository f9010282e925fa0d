package webapp

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"quotabot/storage"
)

type sendRequest struct {
	What string `json:"what"` // export, or report when the bot drafts one
	Year int    `json:"year"`
}

type sentJSON struct {
	Message string `json:"message"`
}

// send has the chat send a document to the caller's own chat, by running
// its command as if they had typed it: the chat's own checks, and the
// document goes through the outbox like every reply.
func (s *Server) send(r *http.Request, _ *storage.Tx, c *caller) (any, error) {
	if !c.user.Role.ReadsEverything() {
		return nil, refuse(http.StatusForbidden, c.l.Dashboard.Forbidden)
	}
	var req sendRequest
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1024)).Decode(&req); err != nil {
		return nil, refuse(http.StatusBadRequest, c.l.Dashboard.BadRequest)
	}
	cmd, ok := s.chat.Sends()[req.What]
	if !ok {
		return nil, refuse(http.StatusBadRequest, c.l.Dashboard.BadRequest)
	}
	if req.Year == 0 {
		req.Year = c.today.Year
	}
	if req.Year < 2000 || req.Year > c.today.Year+1 {
		return nil, refuse(http.StatusBadRequest, c.l.Dashboard.BadYear)
	}
	text := cmd + " " + strconv.Itoa(req.Year)
	u, lang := c.user, c.lang
	return deferred(func(ctx context.Context) (any, error) {
		if err := s.chat.Run(ctx, u, lang, text); err != nil {
			return nil, err
		}
		return sentJSON{Message: c.l.Dashboard.Sent}, nil
	}), nil
}
