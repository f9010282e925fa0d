package transport

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/go-telegram/bot/models"
)

// BenchmarkDecodeBatch compares reading a batch of 100 /report updates
// whole, as the library's type, with reading it as raw updates decoded
// one by one, as the poller does.
func BenchmarkDecodeBatch(b *testing.B) {
	var ups []string
	for i := range 100 {
		ups = append(ups, fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"from":{"id":7,"is_bot":false,"first_name":"Người","language_code":"vi"},"chat":{"id":7,"type":"private","first_name":"Người"},"date":1781492400,"text":"/report Nguyễn Văn An %d; 01/06/2026","entities":[{"type":"bot_command","offset":0,"length":7}]}}`, i+1, i+1, i))
	}
	body := []byte(`{"ok":true,"result":[` + join(ups) + `]}`)
	b.Run("whole", func(b *testing.B) {
		for range b.N {
			var r struct {
				Result []*models.Update `json:"result"`
			}
			if err := json.Unmarshal(body, &r); err != nil || len(r.Result) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("one by one", func(b *testing.B) {
		for range b.N {
			var r getUpdatesResponse
			if err := json.Unmarshal(body, &r); err != nil {
				b.Fatal(err)
			}
			for _, raw := range r.Result {
				u, err := peek(raw)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := u.decode(); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func join(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += ","
		}
		out += p
	}
	return out
}
