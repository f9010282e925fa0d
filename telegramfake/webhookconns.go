package telegramfake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// DeliverWebhookConcurrently posts the updates pending now to the webhook
// over up to conns connections at once, as Telegram does (its
// max_connections, 40 by default), and confirms them once every one was
// answered 2xx. It returns how many were delivered; on a failure nothing
// is confirmed, and Telegram would post them all again.
func (s *Server) DeliverWebhookConcurrently(ctx context.Context, conns int) (int, error) {
	s.mu.Lock()
	target, secret := s.webhookURL, s.webhookSec
	batch := append([]queued(nil), s.pending...)
	s.mu.Unlock()
	if target == "" {
		return 0, errors.New("telegramfake: no webhook set")
	}
	if len(batch) == 0 {
		return 0, nil
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: max(1, conns)}}
	defer client.CloseIdleConnections()
	work := make(chan queued)
	errs := make(chan error, len(batch))
	var wg sync.WaitGroup
	for range max(1, conns) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				errs <- postWebhook(ctx, client, target, secret, u)
			}
		}()
	}
	for _, u := range batch {
		work <- u
	}
	close(work)
	wg.Wait()
	close(errs)
	var failed []error
	for err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return len(batch) - len(failed), errors.Join(failed...)
	}
	s.mu.Lock()
	s.confirmLocked(batch[len(batch)-1].ID)
	s.mu.Unlock()
	return len(batch), nil
}

func postWebhook(ctx context.Context, client *http.Client, target, secret string, u queued) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader([]byte(u.raw)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("telegramfake: webhook answered %d for update %d", resp.StatusCode, u.ID)
	}
	return nil
}
