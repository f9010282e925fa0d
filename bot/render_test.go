package bot_test

import (
	"bytes"
	"context"
	"image/png"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"quotabot/bot/bottest"
	"quotabot/quota"
	"quotabot/storage"
)

// TestTableAndChartAreDrawnWhenSent: the transaction of /export and of
// /chart queues what to draw, not the file, so no rendering holds the
// write lock; the file is drawn when it is sent, as of the day it was
// asked.
func TestTableAndChartAreDrawnWhenSent(t *testing.T) {
	h := bottest.New(t, func(c *bottest.Config) { c.NoRun = true })
	h.AddOrg("CB_01", "Chi bộ Một", "", 2026, 10)
	h.Register(51, quota.RoleLeader)
	leader := bottest.User(51)
	for i, text := range []string{"/export", "/chart"} {
		upd := models.Update{ID: int64(i + 1), Message: &models.Message{ID: i + 1, From: &leader, Date: int(h.Clock.Now().Unix()),
			Chat: models.Chat{ID: leader.ID, Type: models.ChatTypePrivate}, Text: text}}
		require.NoError(t, h.Bot.HandleUpdate(context.Background(), &upd))
	}
	queued, err := h.DB.PendingOutgoing(10, nil)
	require.NoError(t, err)
	require.Len(t, queued, 2)
	for i, what := range []string{storage.RenderTable, storage.RenderChart} {
		m := queued[i]
		require.NotNil(t, m.Render, what)
		assert.Equal(t, storage.Render{What: what, Year: 2026, On: quota.Date{Year: 2026, Month: 6, Day: 15}, Lang: "vi"}, *m.Render)
		data, err := h.DB.OutgoingFile(m.Key)
		require.NoError(t, err)
		assert.Nil(t, data, "the %s was drawn inside the update's transaction", what)
	}

	h.Start()
	h.Drain(30 * time.Second)
	sent := h.Fake.SentTo(leader.ID)
	doc := documentIn(t, sent)
	_, _, title, _, rows := readTable(t, doc.Document.Data)
	assert.Contains(t, title, "15/06/2026")
	require.NotEmpty(t, rows)
	assert.Equal(t, "CB_01", rows[0].code)
	var photo []byte
	for _, m := range sent {
		if m.Method == "sendPhoto" && m.Document != nil {
			photo = m.Document.Data
		}
	}
	require.NotNil(t, photo, "no chart was sent")
	_, err = png.Decode(bytes.NewReader(photo))
	assert.NoError(t, err)
}
