package telegramfake

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/gif" // photo dimensions
	_ "image/jpeg"
	_ "image/png"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
)

func (s *Server) dispatch(r *request) (any, *apiError) {
	switch r.method {
	case "getUpdates":
		return s.getUpdates(r)
	case "getMe":
		return s.botUser, nil
	case "sendMessage":
		return s.sendMessage(r)
	case "sendDocument":
		return s.sendFile(r, "document")
	case "sendPhoto":
		return s.sendFile(r, "photo")
	case "editMessageText":
		return s.editMessageText(r)
	case "editMessageReplyMarkup":
		return s.editMessageReplyMarkup(r)
	case "deleteMessage":
		return s.deleteMessage(r)
	case "answerCallbackQuery":
		return s.answerCallbackQuery(r)
	case "setMyCommands":
		return s.setMyCommands(r)
	case "deleteMyCommands":
		return s.deleteMyCommands(r)
	case "getMyCommands":
		return s.getMyCommands(r)
	case "setWebhook":
		return s.setWebhook(r)
	case "deleteWebhook":
		return s.deleteWebhook(r)
	case "getWebhookInfo":
		s.mu.Lock()
		defer s.mu.Unlock()
		return models.WebhookInfo{URL: s.webhookURL, PendingUpdateCount: len(s.pending)}, nil
	case "getFile":
		return s.getFile(r)
	case "setChatMenuButton":
		return s.setChatMenuButton(r)
	case "getChatMenuButton":
		return s.getChatMenuButton(r)
	}
	return true, nil
}

func chatIDParam(r *request) (int64, *apiError) {
	v := strings.TrimSpace(r.params["chat_id"])
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		// Usernames cannot be resolved here, and Telegram says the same
		// for unknown ones.
		return 0, badRequest("chat not found")
	}
	return id, nil
}

type rendered struct {
	plain    string
	entities []models.MessageEntity
}

// render validates text or a caption the way Telegram does and returns what
// the user will see.
func render(r *request, textParam, entitiesParam string, limit int, caption bool) (rendered, *apiError) {
	text := r.params[textParam]
	mode := r.params["parse_mode"]
	if !utf8.ValidString(text) {
		return rendered{}, badRequest("text must be encoded in UTF-8")
	}
	var out rendered
	switch strings.ToLower(mode) {
	case "":
		out.plain = text
		if raw := r.params[entitiesParam]; raw != "" {
			if err := json.Unmarshal([]byte(raw), &out.entities); err != nil {
				return rendered{}, badRequest("can't parse entities JSON object")
			}
		}
	case "html":
		plain, ents, err := parseHTML(text)
		if err != nil {
			return rendered{}, badRequest("can't parse entities: " + err.Error())
		}
		out.plain, out.entities = plain, ents
	case "markdown", "markdownv2":
		// Not interpreted: the bot is expected to use HTML.
		out.plain = text
	default:
		return rendered{}, badRequest("unsupported parse_mode")
	}
	if !caption && strings.TrimSpace(out.plain) == "" {
		return rendered{}, badRequest("message text is empty")
	}
	if utf16Len(out.plain) > limit {
		if caption {
			return rendered{}, badRequest("message caption is too long")
		}
		return rendered{}, badRequest("message is too long")
	}
	return out, nil
}

type markup struct {
	inline      *models.InlineKeyboardMarkup
	forceReply  bool
	removeKbd   bool
	webApp      bool // some button opens a Mini App
	present     bool
	inlineBytes []byte // canonical form, to detect "not modified"
}

func parseMarkup(raw string) (markup, *apiError) {
	if strings.TrimSpace(raw) == "" {
		return markup{}, nil
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &probe); err != nil {
		return markup{}, badRequest("can't parse reply keyboard markup JSON object")
	}
	m := markup{present: true}
	switch {
	case probe["inline_keyboard"] != nil:
		var ik models.InlineKeyboardMarkup
		if err := json.Unmarshal([]byte(raw), &ik); err != nil {
			return markup{}, badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
		}
		for _, row := range ik.InlineKeyboard {
			for _, b := range row {
				if b.Text == "" {
					return markup{}, badRequest("text buttons are unallowed in the inline keyboard")
				}
				if b.CallbackData != "" && len(b.CallbackData) > 64 {
					return markup{}, badRequest("BUTTON_DATA_INVALID")
				}
				if b.WebApp != nil {
					if e := checkWebAppURL(b.WebApp.URL); e != nil {
						return markup{}, e
					}
					m.webApp = true
				}
			}
		}
		m.inline = &ik
		m.inlineBytes, _ = json.Marshal(ik)
	case probe["force_reply"] != nil:
		var fr models.ForceReply
		if err := json.Unmarshal([]byte(raw), &fr); err != nil || !fr.ForceReply {
			return markup{}, badRequest("can't parse reply keyboard markup JSON object")
		}
		m.forceReply = true
	case probe["remove_keyboard"] != nil:
		m.removeKbd = true
	case probe["keyboard"] != nil:
		var rk models.ReplyKeyboardMarkup
		if err := json.Unmarshal([]byte(raw), &rk); err != nil {
			return markup{}, badRequest("can't parse reply keyboard markup JSON object")
		}
	default:
		return markup{}, badRequest("can't find field \"inline_keyboard\"")
	}
	return m, nil
}

// replyToLocked reads reply_parameters; Telegram refuses a reply to a message it
// does not know unless the bot allows sending without it.
func (s *Server) replyToLocked(r *request, chatID int64) (*models.Message, int, *apiError) {
	raw := r.params["reply_parameters"]
	if raw == "" {
		return nil, 0, nil
	}
	var rp struct {
		MessageID                int  `json:"message_id"`
		AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
	}
	if err := json.Unmarshal([]byte(raw), &rp); err != nil {
		return nil, 0, badRequest("can't parse reply parameters JSON object")
	}
	if rp.MessageID == 0 {
		return nil, 0, nil
	}
	old, ok := s.msgs[msgKey{chatID, rp.MessageID}]
	if !ok {
		if rp.AllowSendingWithoutReply {
			return nil, 0, nil
		}
		return nil, 0, badRequest("message to be replied not found")
	}
	m := old.msg
	m.ReplyToMessage = nil
	return &m, rp.MessageID, nil
}

// admitLocked applies injected faults for a send to chatID; random says
// whether the call is one of the sends SetFaultRate applies to.
func (s *Server) admitLocked(chatID int64, random bool) *apiError {
	if random && s.faultP > 0 && s.faultRand != nil && s.faultRand.Float64() < s.faultP {
		return faultError(s.faultCode, s.faultWait)
	}
	if newID, ok := s.migrated[chatID]; ok {
		e := badRequest("group chat was upgraded to a supergroup chat")
		e.MigrateTo = newID
		return e
	}
	if s.blocked[chatID] {
		if chatID < 0 {
			return &apiError{Code: http.StatusForbidden, Description: "Forbidden: bot was kicked from the group chat"}
		}
		return &apiError{Code: http.StatusForbidden, Description: "Forbidden: bot was blocked by the user"}
	}
	return nil
}

func prune(win []time.Time, cutoff time.Time) []time.Time {
	i := 0
	for i < len(win) && !win[i].After(cutoff) {
		i++
	}
	return win[i:]
}

// limitLocked enforces the flood limits with the real clock; a refused send
// does not use up a slot.
func (s *Server) limitLocked(chatID int64) *apiError {
	if s.perSecond <= 0 && s.perGroupMinute <= 0 {
		return nil
	}
	now := time.Now()
	var wait time.Duration
	if s.perSecond > 0 {
		s.globalWin = prune(s.globalWin, now.Add(-time.Second))
		if n := len(s.globalWin); n >= s.perSecond {
			wait = max(wait, s.globalWin[n-s.perSecond].Add(time.Second).Sub(now))
		}
	}
	group := chatID < 0 && s.perGroupMinute > 0
	if group {
		w := prune(s.groupWin[chatID], now.Add(-time.Minute))
		s.groupWin[chatID] = w
		if n := len(w); n >= s.perGroupMinute {
			wait = max(wait, w[n-s.perGroupMinute].Add(time.Minute).Sub(now))
		}
	}
	if wait > 0 {
		s.violations++
		return tooMany(int(math.Ceil(wait.Seconds())))
	}
	if s.perSecond > 0 {
		s.globalWin = append(s.globalWin, now)
	}
	if group {
		s.groupWin[chatID] = append(s.groupWin[chatID], now)
	}
	return nil
}

func (s *Server) sendMessage(r *request) (any, *apiError) {
	chatID, e := chatIDParam(r)
	if e != nil {
		return nil, e
	}
	text, e := render(r, "text", "entities", maxTextLen, false)
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(r.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if e := webAppInPrivateOnly(mk, chatID); e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.admitLocked(chatID, true); e != nil {
		return nil, e
	}
	reply, replyID, e := s.replyToLocked(r, chatID)
	if e != nil {
		return nil, e
	}
	if e := s.limitLocked(chatID); e != nil {
		return nil, e
	}
	bot := s.botUser
	m := models.Message{
		ID:             s.nextMsgIDLocked(chatID),
		From:           &bot,
		Date:           s.date(),
		Chat:           s.chatLocked(chatID),
		ReplyToMessage: reply,
		Text:           text.plain,
		Entities:       text.entities,
		ReplyMarkup:    mk.inline,
	}
	s.msgs[msgKey{chatID, m.ID}] = &storedMsg{msg: m, fromBot: true}
	s.recordLocked(r, chatID, m.ID, r.params["text"], mk, replyID, nil)
	return m, nil
}

func (s *Server) recordLocked(r *request, chatID int64, msgID int, text string, mk markup, replyID int, doc *File) {
	s.sent = append(s.sent, Sent{
		Method:           r.method,
		ChatID:           chatID,
		MessageID:        msgID,
		Text:             text,
		ParseMode:        r.params["parse_mode"],
		ReplyMarkup:      mk.inline,
		ForceReply:       mk.forceReply,
		RemoveKeyboard:   mk.removeKbd,
		ReplyToMessageID: replyID,
		Document:         doc,
		At:               s.now(),
	})
	s.broadcastLocked()
}

func (s *Server) sendFile(r *request, field string) (any, *apiError) {
	chatID, e := chatIDParam(r)
	if e != nil {
		return nil, e
	}
	caption, e := render(r, "caption", "caption_entities", maxCaptionLen, true)
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(r.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if e := webAppInPrivateOnly(mk, chatID); e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	var upload File
	var existing *storedFile
	if f, ok := r.files[field]; ok {
		upload = f
	} else {
		v := r.params[field]
		if name, ok := strings.CutPrefix(v, "attach://"); ok {
			f, ok := r.files[name]
			if !ok {
				return nil, badRequest("wrong HTTP URL specified")
			}
			upload = f
		} else if existing = s.files[v]; existing == nil {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		} else {
			upload = existing.file
		}
	}
	if len(upload.Data) == 0 {
		return nil, badRequest("file must be non-empty")
	}
	if e := s.admitLocked(chatID, true); e != nil {
		return nil, e
	}
	reply, replyID, e := s.replyToLocked(r, chatID)
	if e != nil {
		return nil, e
	}
	if e := s.limitLocked(chatID); e != nil {
		return nil, e
	}
	sf := existing
	if sf == nil {
		dir := "documents"
		if field == "photo" {
			dir = "photos"
		}
		sf = s.storeFileLocked(dir, upload)
	}
	bot := s.botUser
	m := models.Message{
		ID:              s.nextMsgIDLocked(chatID),
		From:            &bot,
		Date:            s.date(),
		Chat:            s.chatLocked(chatID),
		ReplyToMessage:  reply,
		Caption:         caption.plain,
		CaptionEntities: caption.entities,
		ReplyMarkup:     mk.inline,
	}
	if field == "photo" {
		w, h := 0, 0
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(upload.Data)); err == nil {
			w, h = cfg.Width, cfg.Height
		}
		m.Photo = []models.PhotoSize{{FileID: sf.id, FileUniqueID: sf.uniqueID, Width: w, Height: h, FileSize: len(upload.Data)}}
	} else {
		m.Document = &models.Document{
			FileID:       sf.id,
			FileUniqueID: sf.uniqueID,
			FileName:     upload.Name,
			MimeType:     upload.MimeType,
			FileSize:     int64(len(upload.Data)),
		}
	}
	s.msgs[msgKey{chatID, m.ID}] = &storedMsg{msg: m, fromBot: true}
	doc := upload
	s.recordLocked(r, chatID, m.ID, r.params["caption"], mk, replyID, &doc)
	return m, nil
}

// editTargetLocked finds the bot message an edit refers to.
func (s *Server) editTargetLocked(r *request, counted bool) (int64, *storedMsg, *apiError) {
	chatID, e := chatIDParam(r)
	if e != nil {
		return 0, nil, e
	}
	id, e := intParam(r, "message_id", 0)
	if e != nil {
		return 0, nil, e
	}
	if id == 0 {
		return 0, nil, badRequest("message identifier is not specified")
	}
	if e := s.admitLocked(chatID, counted); e != nil {
		return 0, nil, e
	}
	old, ok := s.msgs[msgKey{chatID, int(id)}]
	if !ok {
		return 0, nil, badRequest("message to edit not found")
	}
	if !old.fromBot {
		return 0, nil, badRequest("message can't be edited")
	}
	return chatID, old, nil
}

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

func sameMarkup(a *models.InlineKeyboardMarkup, b []byte) bool {
	if a == nil {
		return b == nil
	}
	ab, _ := json.Marshal(a)
	return bytes.Equal(ab, b)
}

func sameEntities(a, b []models.MessageEntity) bool {
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(b)
	return bytes.Equal(ab, bb)
}

func (s *Server) editMessageText(r *request) (any, *apiError) {
	if r.params["inline_message_id"] != "" {
		return true, nil
	}
	text, e := render(r, "text", "entities", maxTextLen, false)
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(r.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	chatID, old, e := s.editTargetLocked(r, true)
	if e != nil {
		return nil, e
	}
	if e := webAppInPrivateOnly(mk, chatID); e != nil {
		return nil, e
	}
	if old.msg.Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	if old.msg.Text == text.plain && sameEntities(old.msg.Entities, text.entities) && sameMarkup(old.msg.ReplyMarkup, mk.inlineBytes) {
		return nil, badRequest(notModified)
	}
	if e := s.limitLocked(chatID); e != nil {
		return nil, e
	}
	old.msg.Text = text.plain
	old.msg.Entities = text.entities
	old.msg.ReplyMarkup = mk.inline
	old.msg.EditDate = s.date()
	s.recordLocked(r, chatID, old.msg.ID, r.params["text"], mk, 0, nil)
	return old.msg, nil
}

func (s *Server) editMessageReplyMarkup(r *request) (any, *apiError) {
	if r.params["inline_message_id"] != "" {
		return true, nil
	}
	mk, e := parseMarkup(r.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, old, e := s.editTargetLocked(r, false)
	if e != nil {
		return nil, e
	}
	if sameMarkup(old.msg.ReplyMarkup, mk.inlineBytes) {
		return nil, badRequest(notModified)
	}
	old.msg.ReplyMarkup = mk.inline
	old.msg.EditDate = s.date()
	s.broadcastLocked()
	return old.msg, nil
}

func (s *Server) deleteMessage(r *request) (any, *apiError) {
	chatID, e := chatIDParam(r)
	if e != nil {
		return nil, e
	}
	id, e := intParam(r, "message_id", 0)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := msgKey{chatID, int(id)}
	if _, ok := s.msgs[key]; !ok {
		return nil, badRequest("message to delete not found")
	}
	delete(s.msgs, key)
	s.broadcastLocked()
	return true, nil
}

func (s *Server) answerCallbackQuery(r *request) (any, *apiError) {
	id := r.params["callback_query_id"]
	if utf8.RuneCountInString(r.params["text"]) > 200 {
		// The notice shown over the chat is 0-200 characters.
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.callbacks[id] {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	delete(s.callbacks, id)
	return true, nil
}

var (
	commandRe = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	langRe    = regexp.MustCompile(`^[a-z]{2}$`)
)

// commandsKey names a (scope, language) slot the way Telegram keeps
// command lists apart.
func commandsKey(scope, lang string) string { return scope + "|" + lang }

// scopeParam reads a BotCommandScope the way Telegram does: a known type,
// a chat_id where the type needs one, naming a chat the bot knows, and a
// user_id for chat_member.
func (s *Server) scopeParam(r *request) (string, *apiError) {
	raw := r.params["scope"]
	if raw == "" {
		return "default", nil
	}
	var sc struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID int64           `json:"user_id"`
	}
	if err := json.Unmarshal([]byte(raw), &sc); err != nil || sc.Type == "" {
		return "", badRequest("can't parse BotCommandScope JSON object")
	}
	switch sc.Type {
	case "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
		return sc.Type, nil
	case "chat", "chat_administrators", "chat_member":
	default:
		return "", badRequest("unsupported bot command scope type")
	}
	chat := strings.Trim(string(sc.ChatID), `"`)
	if chat == "" || chat == "null" {
		return "", badRequest("can't parse BotCommandScope JSON object")
	}
	id, err := strconv.ParseInt(chat, 10, 64)
	if err != nil {
		return "", badRequest("chat not found") // usernames are not resolved here
	}
	s.mu.Lock()
	_, known := s.chats[id]
	s.mu.Unlock()
	if !known {
		// Telegram knows a chat only once it has written to the bot.
		return "", badRequest("chat not found")
	}
	key := sc.Type + ":" + strconv.FormatInt(id, 10)
	if sc.Type == "chat_member" {
		if sc.UserID == 0 {
			return "", badRequest("can't parse BotCommandScope JSON object")
		}
		key += ":" + strconv.FormatInt(sc.UserID, 10)
	}
	return key, nil
}

func langParam(r *request) (string, *apiError) {
	lang := r.params["language_code"]
	if lang != "" && !langRe.MatchString(lang) {
		return "", badRequest("invalid language code specified")
	}
	return lang, nil
}

func (s *Server) setMyCommands(r *request) (any, *apiError) {
	var cmds []models.BotCommand
	if err := json.Unmarshal([]byte(r.params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands specified")
	}
	for _, c := range cmds {
		if !commandRe.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(c.Description)); n < 1 || n > 256 {
			return nil, badRequest("command description must be non-empty")
		}
	}
	key, e := s.commandsTarget(r)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	s.broadcastLocked()
	return true, nil
}

// commandsTarget is the key of the command list a call names by its scope
// and language.
func (s *Server) commandsTarget(r *request) (string, *apiError) {
	scope, e := s.scopeParam(r)
	if e != nil {
		return "", e
	}
	lang, e := langParam(r)
	if e != nil {
		return "", e
	}
	return commandsKey(scope, lang), nil
}

func (s *Server) deleteMyCommands(r *request) (any, *apiError) {
	key, e := s.commandsTarget(r)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	s.broadcastLocked()
	return true, nil
}

func (s *Server) getMyCommands(r *request) (any, *apiError) {
	key, e := s.commandsTarget(r)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]models.BotCommand{}, s.commands[key]...), nil
}

var secretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (s *Server) setWebhook(r *request) (any, *apiError) {
	secret := r.params["secret_token"]
	if secret != "" && !secretRe.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = r.params["url"]
	s.webhookSec = secret
	if s.webhookURL == "" {
		s.webhookSec = ""
	}
	if r.params["drop_pending_updates"] == "true" && len(s.pending) > 0 {
		s.confirmLocked(s.pending[len(s.pending)-1].ID)
	}
	s.broadcastLocked()
	return true, nil
}

func (s *Server) deleteWebhook(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL, s.webhookSec = "", ""
	if r.params["drop_pending_updates"] == "true" && len(s.pending) > 0 {
		s.confirmLocked(s.pending[len(s.pending)-1].ID)
	}
	s.broadcastLocked()
	return true, nil
}

func (s *Server) getFile(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[r.params["file_id"]]
	if f == nil {
		return nil, badRequest("invalid file_id")
	}
	return models.File{
		FileID:       f.id,
		FileUniqueID: f.uniqueID,
		FileSize:     int64(len(f.file.Data)),
		FilePath:     f.path,
	}, nil
}
