package telegramfake

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// AddUpdate queues u with the next update id and returns that id. Messages
// it carries are remembered so the bot can reply to or edit them.
func (s *Server) AddUpdate(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addUpdateLocked(u)
}

func (s *Server) addUpdateLocked(u models.Update) int64 {
	s.nextUpdateID++
	u.ID = s.nextUpdateID
	s.rememberLocked(u)
	raw, err := json.Marshal(u)
	if err != nil {
		// Every models.Update marshals; failing is a programming error.
		panic("telegramfake: marshalling an update: " + err.Error())
	}
	s.pending = append(s.pending, queued{ID: u.ID, raw: raw})
	s.broadcastLocked()
	return u.ID
}

// rememberLocked keeps the messages and callbacks an update carries, so
// the bot can reply to, edit or answer them.
func (s *Server) rememberLocked(u models.Update) {
	for _, m := range []*models.Message{u.Message, u.EditedMessage, u.ChannelPost, u.EditedChannelPost} {
		if m == nil || m.ID == 0 {
			continue
		}
		s.chats[m.Chat.ID] = m.Chat
		if m.ID > s.lastMsgID[m.Chat.ID] {
			s.lastMsgID[m.Chat.ID] = m.ID
		}
		s.msgs[msgKey{m.Chat.ID, m.ID}] = &storedMsg{msg: *m, fromBot: m.From != nil && m.From.ID == s.botUser.ID}
	}
	if u.CallbackQuery != nil {
		s.callbacks[u.CallbackQuery.ID] = true
	}
}

// queued is an update waiting for the bot, kept as the JSON Telegram
// sends, so an update the client library cannot decode is delivered as
// it is.
type queued struct {
	ID  int64
	raw json.RawMessage
}

// AddRawUpdate queues one update given as the JSON object Telegram would
// send (without update_id, which it sets to the next id, or with one,
// which it replaces) and returns its id. The object is sent byte for
// byte otherwise: kinds and fields newer than the client library, values
// its types cannot hold, anything Telegram could send. It fails only if
// raw is not a JSON object.
func (s *Server) AddRawUpdate(raw string) (int64, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		return 0, fmt.Errorf("telegramfake: a raw update must be a JSON object: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpdateID++
	id := s.nextUpdateID
	obj["update_id"] = json.RawMessage(strconv.FormatInt(id, 10))
	out, err := json.Marshal(obj)
	if err != nil {
		return 0, fmt.Errorf("telegramfake: re-encoding a raw update: %w", err)
	}
	var u models.Update
	if json.Unmarshal(out, &u) == nil {
		s.rememberLocked(u)
	}
	s.pending = append(s.pending, queued{ID: id, raw: out})
	s.broadcastLocked()
	return id, nil
}

func privateChat(u models.User) models.Chat {
	return models.Chat{
		ID:        u.ID,
		Type:      models.ChatTypePrivate,
		Username:  u.Username,
		FirstName: u.FirstName,
		LastName:  u.LastName,
	}
}

func (s *Server) date() int { return int(s.now().Unix()) }

func (s *Server) nextMsgIDLocked(chatID int64) int {
	s.lastMsgID[chatID]++
	return s.lastMsgID[chatID]
}

func (s *Server) userMessageLocked(chat models.Chat, from models.User) *models.Message {
	f := from
	return &models.Message{
		ID:   s.nextMsgIDLocked(chat.ID),
		From: &f,
		Date: s.date(),
		Chat: chat,
	}
}

// SendText queues a private text message from the user; a leading
// "/command" gets its bot_command entity as Telegram adds it.
func (s *Server) SendText(from models.User, text string) int64 {
	return s.SendGroupText(privateChat(from), from, text)
}

// SendGroupText queues a text message from a user in chat. A chat without a
// type is a group, or a supergroup if its id looks like one.
func (s *Server) SendGroupText(chat models.Chat, from models.User, text string) int64 {
	if chat.Type == "" {
		chat.Type = chatTypeFor(chat.ID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.userMessageLocked(chat, from)
	m.Text = text
	m.Entities = botCommandEntities(text)
	return s.addUpdateLocked(models.Update{Message: m})
}

// SendDocument queues a private document message; the file can then be
// fetched with getFile and downloaded.
func (s *Server) SendDocument(from models.User, fileName, mimeType string, content []byte, caption string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.storeFileLocked("documents", File{Name: fileName, MimeType: mimeType, Data: content})
	m := s.userMessageLocked(privateChat(from), from)
	m.Document = &models.Document{
		FileID:       f.id,
		FileUniqueID: f.uniqueID,
		FileName:     fileName,
		MimeType:     mimeType,
		FileSize:     int64(len(content)),
	}
	m.Caption = caption
	m.CaptionEntities = botCommandEntities(caption)
	return s.addUpdateLocked(models.Update{Message: m})
}

// SendSticker queues a private sticker message, a typical input the bot
// does not understand.
func (s *Server) SendSticker(from models.User) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.storeFileLocked("stickers", File{Name: "sticker.webp", MimeType: "image/webp", Data: []byte("RIFF\x00\x00\x00\x00WEBP")})
	m := s.userMessageLocked(privateChat(from), from)
	m.Sticker = &models.Sticker{
		FileID:       f.id,
		FileUniqueID: f.uniqueID,
		Type:         "regular",
		Width:        512,
		Height:       512,
		Emoji:        "👍",
		SetName:      "fake_stickers",
	}
	return s.addUpdateLocked(models.Update{Message: m})
}

// EditText queues an edited_message: the user changed the text of their
// private message messageID.
func (s *Server) EditText(from models.User, messageID int, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	chat := privateChat(from)
	f := from
	m := models.Message{ID: messageID, From: &f, Chat: chat, Date: s.date()}
	if old, ok := s.msgs[msgKey{chat.ID, messageID}]; ok {
		m = old.msg
	}
	m.Text = text
	m.Entities = botCommandEntities(text)
	m.EditDate = s.date()
	return s.addUpdateLocked(models.Update{EditedMessage: &m})
}

// PressButton queues a callback_query for pressing a button with data under
// the bot's message msg. The data is not checked against the keyboard, so
// stale or forged presses can be simulated.
func (s *Server) PressButton(from models.User, msg Sent, data string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var m models.Message
	if old, ok := s.msgs[msgKey{msg.ChatID, msg.MessageID}]; ok {
		m = old.msg
	} else {
		bot := s.botUser
		m = models.Message{ID: msg.MessageID, From: &bot, Chat: s.chatLocked(msg.ChatID), Date: s.date(), Text: msg.Plain(), ReplyMarkup: msg.ReplyMarkup}
	}
	s.nextCBQ++
	cq := &models.CallbackQuery{
		ID:           strconv.FormatInt(4000000000000000000+s.nextCBQ, 10),
		From:         from,
		Message:      models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &m},
		ChatInstance: strconv.FormatInt(-7000000000000000000+msg.ChatID, 10),
		Data:         data,
	}
	return s.addUpdateLocked(models.Update{CallbackQuery: cq})
}

func chatTypeFor(id int64) models.ChatType {
	switch {
	case id > 0:
		return models.ChatTypePrivate
	case id <= -1000000000000:
		return models.ChatTypeSupergroup
	default:
		return models.ChatTypeGroup
	}
}

func (s *Server) chatLocked(id int64) models.Chat {
	if c, ok := s.chats[id]; ok {
		return c
	}
	return models.Chat{ID: id, Type: chatTypeFor(id)}
}

func (s *Server) storeFileLocked(dir string, f File) *storedFile {
	s.nextFile++
	ext := path.Ext(f.Name)
	if ext == "" {
		ext = ".bin"
	}
	sf := &storedFile{
		id:       fmt.Sprintf("BQACAgIAAxkBAAI%06d", s.nextFile),
		uniqueID: fmt.Sprintf("AgAD%06d", s.nextFile),
		path:     fmt.Sprintf("%s/file_%d%s", dir, s.nextFile, strings.ToLower(ext)),
		file:     f,
	}
	s.files[sf.id] = sf
	s.filePaths[sf.path] = sf
	return sf
}

// confirmLocked forgets updates up to and including id.
func (s *Server) confirmLocked(id int64) {
	i := 0
	for i < len(s.pending) && s.pending[i].ID <= id {
		i++
	}
	s.pending = append([]queued(nil), s.pending[i:]...)
	if id > s.confirmed {
		s.confirmed = id
	}
	s.broadcastLocked()
}

func intParam(r *request, name string, def int64) (int64, *apiError) {
	v, ok := r.params[name]
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, badRequest("invalid " + name + " specified")
	}
	return n, nil
}

func (s *Server) getUpdates(r *request) (any, *apiError) {
	offset, e := intParam(r, "offset", 0)
	if e != nil {
		return nil, e
	}
	limit, e := intParam(r, "limit", 100)
	if e != nil {
		return nil, e
	}
	if limit < 1 || limit > 100 {
		limit = 100
	}
	timeout, e := intParam(r, "timeout", 0)
	if e != nil {
		return nil, e
	}
	timeout = max(timeout, 0)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.webhookURL != "" {
		return nil, &apiError{Code: http.StatusConflict, Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	// A newer poll ends the pending one, as on Telegram.
	s.pollGen++
	gen := s.pollGen
	switch {
	case offset > 0:
		s.confirmLocked(offset - 1)
	case offset < 0:
		if keep := int(-offset); keep < len(s.pending) {
			s.confirmLocked(s.pending[len(s.pending)-keep-1].ID)
		}
	default:
		s.broadcastLocked()
	}

	ctx := r.ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(timeout)*time.Second)
		defer cancel()
	}
	waiting := false
	defer func() {
		if waiting {
			s.polling--
		}
	}()
	for {
		if len(s.pending) > 0 || timeout == 0 {
			n := min(int(limit), len(s.pending))
			out := make([]json.RawMessage, 0, n)
			for _, q := range s.pending[:n] {
				out = append(out, q.raw)
			}
			return out, nil
		}
		if !waiting {
			waiting = true
			s.polling++
			s.broadcastLocked()
		}
		if err := s.waitLocked(ctx); err != nil {
			// Timeout, a gone client or shutdown: an empty answer.
			return []json.RawMessage{}, nil
		}
		if s.down {
			return nil, &apiError{gateway: true}
		}
		if s.pollGen != gen {
			return nil, faultError(http.StatusConflict, 0)
		}
		if s.webhookURL != "" {
			return []json.RawMessage{}, nil
		}
	}
}

// WaitPolling blocks until a getUpdates long poll is waiting with nothing
// to deliver, which means the bot has confirmed every queued update (its
// handlers may still be running).
func (s *Server) WaitPolling(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.polling == 0 || len(s.pending) > 0 {
		if err := s.waitLocked(ctx); err != nil {
			return fmt.Errorf("waiting for a long poll: %w", err)
		}
	}
	return nil
}
