package bot

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// texts holds every sentence the bot says, the Vietnamese first and its
// English twin beside it. Arguments are already HTML-escaped by the
// caller; %d numbers are grouped by the language (1.823 or 1,823), so a
// year or an id is passed as a string.
var texts = map[string][2]string{
	"greeting": {
		"Xin chào %s! Đây là bot theo dõi chỉ tiêu kết nạp đảng viên.\nGõ /help để xem các lệnh.",
		"Hello %s! This bot follows the quotas for admitting new Party members.\nType /help for the commands.",
	},
	"greeting_unregistered": {
		"Xin chào %s! Bot này dành cho các đồng chí được Ban Tổ chức mời. Nếu đồng chí có đường link mời, hãy mở đường link đó.\nMã Telegram của đồng chí: <code>%s</code>",
		"Hello %s! This bot is for people invited by the Organization Board. If you have an invitation link, open it.\nYour Telegram id: <code>%s</code>",
	},
	"registered": {
		"Đã đăng ký đồng chí với vai trò <b>%s</b>%s. Gõ /help để xem các lệnh.",
		"You are registered as <b>%s</b>%s. Type /help for the commands.",
	},
	"registered_org":      {" của <b>%s</b>", " of <b>%s</b>"},
	"already_registered":  {"Đồng chí đã được đăng ký với vai trò <b>%s</b>.", "You are already registered as <b>%s</b>."},
	"invitation_unknown":  {"Mã mời không đúng. Hãy xin Ban Tổ chức một đường link mời mới.", "This invitation code is not valid. Ask the Organization Board for a new link."},
	"invitation_used":     {"Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần.", "This invitation was already used. Each code works once."},
	"invitation_expired":  {"Mã mời này đã hết hạn. Hãy xin Ban Tổ chức một đường link mời mới.", "This invitation has expired. Ask the Organization Board for a new link."},
	"not_registered":      {"Đồng chí chưa được đăng ký nên chưa dùng được lệnh này. Hãy mở đường link mời do Ban Tổ chức gửi, hoặc gõ /help.", "You are not registered, so this command is not available. Open the invitation link from the Organization Board, or type /help."},
	"forbidden":           {"Lệnh này không dành cho vai trò <b>%s</b>.", "This command is not available to the <b>%s</b> role."},
	"unknown_command":     {"Không có lệnh %s. Gõ /help để xem các lệnh.", "There is no command %s. Type /help for the commands."},
	"not_understood":      {"Bot chỉ hiểu các lệnh bắt đầu bằng /. Gõ /help để xem các lệnh.", "The bot understands commands that start with /. Type /help for the commands."},
	"group_private":       {"Lệnh này chỉ dùng trong cuộc trò chuyện riêng với bot.", "This command works only in a private chat with the bot."},
	"internal_error":      {"Xin lỗi, bot gặp lỗi khi xử lý tin nhắn này và không ghi nhận gì. Đồng chí vui lòng thử lại sau.", "Sorry, the bot failed to handle this message and recorded nothing. Please try again later."},
	"edited_ignored":      {"Bot không xử lý tin nhắn đã sửa. Nếu cần sửa báo cáo, dùng /undo rồi gửi lại.", "The bot does not handle edited messages. To correct a report, use /undo and send it again."},
	"role_admin":          {"quản trị", "admin"},
	"role_leader":         {"lãnh đạo", "leader"},
	"role_specialist":     {"chuyên viên theo dõi", "specialist"},
	"role_secretary":      {"bí thư", "secretary"},
	"help_head":           {"<b>Các lệnh của đồng chí</b> (vai trò: %s)", "<b>Your commands</b> (role: %s)"},
	"help_head_anonymous": {"<b>Các lệnh</b>\n/start — bắt đầu; /start &lt;mã mời&gt; — đăng ký bằng mã mời\n/help — hướng dẫn\nĐể dùng bot, hãy mở đường link mời do Ban Tổ chức gửi.", "<b>Commands</b>\n/start — begin; /start &lt;code&gt; — register with an invitation code\n/help — this help\nTo use the bot, open the invitation link from the Organization Board."},
	"help_report": {
		"/report (hoặc /baocao) — báo cáo kết nạp, mỗi dòng một người:\n<code>/report Nguyễn Văn A; 15/03/2026; 123-QĐ/ĐU</code>\nNgày mặc định là hôm nay; số quyết định có thể bỏ trống. Gõ /report không kèm gì để được hướng dẫn từng bước.",
		"/report (or /baocao) — report admissions, one person per line:\n<code>/report Nguyen Van A; 15/03/2026; 123-QD/DU</code>\nThe date defaults to today; the decision number may be left out. Type /report alone for a guided dialog.",
	},
	"help_undo":             {"/undo — hủy báo cáo kết nạp gần nhất của đồng chí", "/undo — retract your last reported admission"},
	"help_status":           {"/status (hoặc /tiendo) — tiến độ; <code>/status MA_TO_CHUC</code>, <code>/status 2025</code>", "/status (or /tiendo) — progress; <code>/status ORG_CODE</code>, <code>/status 2025</code>"},
	"help_status_secretary": {"/status (hoặc /tiendo) — tiến độ của tổ chức đồng chí; <code>/status 2025</code> cho năm khác", "/status (or /tiendo) — your organization's progress; <code>/status 2025</code> for another year"},
	"help_invite": {
		"/invite — tạo link mời: <code>/invite secretary MA_TO_CHUC</code>, <code>/invite specialist MA1 MA2</code>, <code>/invite leader</code>, <code>/invite admin</code>",
		"/invite — create an invitation link: <code>/invite secretary ORG_CODE</code>, <code>/invite specialist CODE1 CODE2</code>, <code>/invite leader</code>, <code>/invite admin</code>",
	},
	"help_remind": {"/remind — gửi nhắc việc ngay cho các tổ chức chậm tiến độ", "/remind — send the reminders to organizations behind now"},
	"help_export": {"/export [năm] — bảng tổng hợp của năm, tệp Excel", "/export [year] — the year's table as an Excel file"},
	"help_lang":   {"/lang vi|en — đổi ngôn ngữ", "/lang vi|en — change language"},
	"help_start":  {"/start — lời chào; /help — hướng dẫn này", "/start — greeting; /help — this help"},
	"lang_set":    {"Đã chuyển sang tiếng Việt.", "Switched to English."},
	"lang_usage":  {"Cách dùng: <code>/lang vi</code> hoặc <code>/lang en</code>", "Usage: <code>/lang vi</code> or <code>/lang en</code>"},
	"invite_usage": {
		"Cách dùng: <code>/invite &lt;vai trò&gt; [mã tổ chức ...]</code>\nVai trò: secretary (bí thư, một tổ chức), specialist (chuyên viên, các tổ chức được phân công), leader (lãnh đạo), admin (quản trị).\nVí dụ: <code>/invite secretary CB_01</code>",
		"Usage: <code>/invite &lt;role&gt; [org code ...]</code>\nRoles: secretary (one organization), specialist (the organizations assigned), leader, admin.\nExample: <code>/invite secretary CB_01</code>",
	},
	"invite_one_org":  {"Vai trò bí thư cần đúng một mã tổ chức. Ví dụ: <code>/invite secretary CB_01</code>", "The secretary role takes exactly one organization code. Example: <code>/invite secretary CB_01</code>"},
	"invite_some_org": {"Vai trò chuyên viên cần ít nhất một mã tổ chức. Ví dụ: <code>/invite specialist CB_01 CB_02</code>", "The specialist role takes at least one organization code. Example: <code>/invite specialist CB_01 CB_02</code>"},
	"invite_no_org":   {"Vai trò %s không kèm mã tổ chức. Ví dụ: <code>/invite leader</code>", "The %s role takes no organization code. Example: <code>/invite leader</code>"},
	"unknown_org":     {"Không có tổ chức mã <code>%s</code>. Kiểm tra lại mã (ví dụ <code>CB_01</code>).", "There is no organization with code <code>%s</code>. Check the code (for example <code>CB_01</code>)."},
	"invite_created": {
		"Link mời <b>%s</b>%s (dùng một lần, hết hạn %s):\n%s\nGửi link này cho người được mời; họ chỉ cần mở link và bấm Bắt đầu.",
		"Invitation for <b>%s</b>%s (works once, expires %s):\n%s\nSend this link to the person invited; they only need to open it and press Start.",
	},
	"report_usage": {
		"Mỗi dòng một người: <code>họ tên; ngày kết nạp; số quyết định</code>\nVí dụ:\n<code>/report Nguyễn Văn A; 15/03/2026; 123-QĐ/ĐU\nTrần Thị B; 16/03/2026</code>",
		"One person per line: <code>full name; admission date; decision number</code>\nExample:\n<code>/report Nguyen Van A; 15/03/2026; 123-QD/DU\nTran Thi B; 16/03/2026</code>",
	},
	"report_errors":        {"Chưa ghi nhận gì, vì có dòng chưa đúng:", "Nothing was recorded, because some lines are not right:"},
	"report_line_error":    {"Dòng %d (<i>%s</i>): %s", "Line %d (<i>%s</i>): %s"},
	"report_recorded":      {"Đã ghi nhận kết nạp %d người vào <b>%s</b>:", "Recorded %d admission(s) for <b>%s</b>:"},
	"report_item":          {"• %s — %s%s", "• %s — %s%s"},
	"report_decision":      {", QĐ %s", ", decision %s"},
	"tally_line":           {"Năm %s: <b>%d/%d</b> (%s)", "Year %s: <b>%d/%d</b> (%s)"},
	"tally_no_quota":       {"Năm %s: <b>%d</b> người (chưa có chỉ tiêu)", "Year %s: <b>%d</b> admitted (no quota set)"},
	"report_duplicate":     {"đã ghi nhận trước đó (cùng họ tên, cùng ngày)", "already recorded (same name, same date)"},
	"no_org":               {"Tài khoản của đồng chí chưa gắn với tổ chức nào. Liên hệ Ban Tổ chức.", "Your account is not attached to an organization. Contact the Organization Board."},
	"org_inactive":         {"Tổ chức <b>%s</b> đã ngừng hoạt động; không ghi nhận thêm.", "Organization <b>%s</b> is deactivated; nothing more can be recorded."},
	"err_empty_name":       {"thiếu họ tên", "the name is missing"},
	"err_long_name":        {"họ tên quá dài", "the name is too long"},
	"err_absurd_name":      {"họ tên chỉ gồm chữ cái, dấu cách, dấu - hoặc dấu chấm", "a name has only letters, spaces, '-' or '.'"},
	"err_bad_date":         {"ngày viết theo dạng dd/mm/yyyy, ví dụ 15/03/2026", "write the date as dd/mm/yyyy, for example 15/03/2026"},
	"err_no_such_day":      {"không có ngày này trong lịch", "there is no such day"},
	"err_future_date":      {"ngày kết nạp ở tương lai", "the admission date is in the future"},
	"err_old_date":         {"ngày kết nạp quá xa (chỉ nhận năm nay và năm trước)", "the date is too old (this year and last year only)"},
	"err_bad_decision":     {"số quyết định quá dài", "the decision number is too long"},
	"err_too_many_parts":   {"mỗi dòng tối đa 3 phần, cách nhau bởi dấu ;", "a line has at most three parts separated by ;"},
	"err_no_lines":         {"chưa có họ tên nào", "no name given"},
	"err_too_many_lines":   {"quá nhiều dòng trong một tin nhắn (tối đa 50)", "too many lines in one message (at most 50)"},
	"err_dup_in_message":   {"trùng với một dòng khác trong tin nhắn", "repeats another line of the message"},
	"undo_nothing":         {"Đồng chí chưa có báo cáo kết nạp nào để hủy.", "You have no reported admission to retract."},
	"undo_done":            {"Đã hủy báo cáo kết nạp <b>%s</b> (%s) của <b>%s</b>. Bản ghi vẫn được lưu trong nhật ký.", "Retracted the admission of <b>%s</b> (%s) in <b>%s</b>. The record stays in the audit trail."},
	"status_org_head":      {"<b>Tiến độ kết nạp năm %s — %s</b> (đến %s)", "<b>Admissions %s — %s</b> (as of %s)"},
	"status_committee":     {"<b>Tiến độ kết nạp đảng viên năm %s — toàn Đảng bộ</b> (đến %s)", "<b>Party admissions %s — the whole committee</b> (as of %s)"},
	"status_admitted":      {"Đã kết nạp: <b>%d/%d</b> (%s kế hoạch)", "Admitted: <b>%d/%d</b> (%s of plan)"},
	"status_admitted_nq":   {"Đã kết nạp: <b>%d</b> (chưa giao chỉ tiêu)", "Admitted: <b>%d</b> (no quota set)"},
	"status_expected":      {"Theo tiến độ đến nay cần: %d; %s", "Expected by today: %d; %s"},
	"status_short":         {"còn thiếu <b>%d</b>", "short by <b>%d</b>"},
	"status_on_pace":       {"đúng tiến độ", "on pace"},
	"status_met":           {"✅ Đã hoàn thành chỉ tiêu", "✅ Quota met"},
	"status_last_year":     {"Cùng kỳ năm trước: %d", "Same period last year: %d"},
	"status_orgs":          {"Tổ chức: %d có chỉ tiêu; <b>%d</b> hoàn thành; <b>%d</b> chậm tiến độ", "Organizations: %d with a quota; <b>%d</b> met; <b>%d</b> behind pace"},
	"status_furthest":      {"Chậm nhất:", "Furthest behind:"},
	"status_furthest_item": {"• %s (<code>%s</code>): %d/%d, thiếu %d", "• %s (<code>%s</code>): %d/%d, short by %d"},
	"status_children":      {"Các tổ chức trực thuộc:", "Subordinate organizations:"},
	"status_child_item":    {"• %s: %d/%d (%s)", "• %s: %d/%d (%s)"},
	"status_bad_args":      {"Cách dùng: <code>/status</code>, <code>/status MA_TO_CHUC</code>, <code>/status 2025</code> hoặc <code>/status MA_TO_CHUC 2025</code>", "Usage: <code>/status</code>, <code>/status ORG_CODE</code>, <code>/status 2025</code> or <code>/status ORG_CODE 2025</code>"},
	"status_own_only":      {"Bí thư chỉ xem được tiến độ của tổ chức mình.", "A secretary sees only their own organization's progress."},
	"status_empty":         {"Chưa có tổ chức hoặc chỉ tiêu nào cho năm %s.", "No organizations or quotas for %s yet."},
	"more_lines":           {"… và %d dòng nữa", "… and %d more lines"},
	"menu_start":           {"Bắt đầu", "Start"},
	"menu_help":            {"Hướng dẫn", "Help"},
	"menu_report":          {"Báo cáo kết nạp", "Report admissions"},
	"menu_undo":            {"Hủy báo cáo gần nhất", "Retract the last report"},
	"menu_status":          {"Tiến độ thực hiện chỉ tiêu", "Progress against the quota"},
	"menu_baocao":          {"Báo cáo kết nạp", "Report admissions (Vietnamese alias)"},
	"menu_tiendo":          {"Tiến độ", "Progress (Vietnamese alias)"},
	"menu_invite":          {"Tạo link mời (quản trị)", "Create an invitation (admin)"},
	"menu_remind":          {"Gửi nhắc việc ngay (quản trị)", "Send reminders now (admin)"},
	"menu_export":          {"Xuất bảng Excel", "Export the Excel table"},
	"menu_lang":            {"Đổi ngôn ngữ", "Change language"},
	"dialog_name":          {"Nhập <b>họ và tên</b> người được kết nạp:", "Type the <b>full name</b> of the person admitted:"},
	"dialog_date":          {"Ngày kết nạp của <b>%s</b>? Chọn bên dưới hoặc gõ dd/mm/yyyy.", "Admission date of <b>%s</b>? Choose below or type dd/mm/yyyy."},
	"dialog_decision":      {"Số quyết định kết nạp? Gõ số quyết định hoặc bấm Bỏ qua.", "Admission decision number? Type it or press Skip."},
	"dialog_confirm":       {"Xác nhận ghi nhận kết nạp:\n<b>%s</b> — %s%s\nvào <b>%s</b>?", "Confirm this admission:\n<b>%s</b> — %s%s\nin <b>%s</b>?"},
	"dialog_cancelled":     {"Đã hủy, không ghi nhận gì.", "Cancelled; nothing was recorded."},
	"dialog_expired":       {"Hộp thoại này đã kết thúc. Gõ /report để bắt đầu lại.", "This dialog has ended. Type /report to start again."},
	"remind_text": {
		"🔔 <b>Nhắc việc: kết nạp đảng viên năm %s</b>\n<b>%s</b> đã kết nạp <b>%d/%d</b> (%s).\nTheo tiến độ, đến %s cần kết nạp %d; còn thiếu <b>%d</b>.\nĐề nghị chi bộ đôn đốc, báo cáo kết nạp bằng lệnh /report.",
		"🔔 <b>Reminder: Party admissions %s</b>\n<b>%s</b> has admitted <b>%d/%d</b> (%s).\nBy %s, %d were expected; <b>%d</b> short.\nPlease report admissions with /report.",
	},
	"remind_text_quota": {
		"🔔 <b>Nhắc việc: kết nạp đảng viên năm %s</b>\n<b>%s</b> đã kết nạp <b>%d/%d</b> (%s), chưa hoàn thành chỉ tiêu; còn thiếu <b>%d</b>.\nĐề nghị chi bộ đôn đốc, báo cáo kết nạp bằng lệnh /report.",
		"🔔 <b>Reminder: Party admissions %s</b>\n<b>%s</b> has admitted <b>%d/%d</b> (%s), below the quota; <b>%d</b> short.\nPlease report admissions with /report.",
	},
	"remind_done":         {"Đã xếp hàng gửi %d tin nhắc việc tới %d tổ chức chậm tiến độ.", "Queued %d reminders to %d organizations behind."},
	"remind_no_secretary": {"%d tổ chức chậm tiến độ chưa có bí thư đăng ký nhận tin: %s", "%d organizations behind have no registered secretary: %s"},
	"digest_head":         {"<b>📊 Tổng hợp định kỳ</b>", "<b>📊 Periodic digest</b>"},
	"digest_assigned":     {"<b>Các tổ chức đồng chí theo dõi</b> (đến %s):", "<b>Your assigned organizations</b> (as of %s):"},
	"digest_item":         {"• %s (<code>%s</code>): %d/%d (%s)%s", "• %s (<code>%s</code>): %d/%d (%s)%s"},
	"digest_item_short":   {" — thiếu %d", " — short by %d"},
	"digest_escalated":    {"⚠️ <b>Đã nhắc nhiều lần liên tiếp mà chưa có kết nạp mới:</b>", "⚠️ <b>Reminded several times in a row with no new admission:</b>"},
	"digest_esc_item":     {"• %s (<code>%s</code>): %d lần, %d/%d", "• %s (<code>%s</code>): %d times, %d/%d"},
	"digest_unreachable":  {"<b>Người dùng đã chặn bot, không nhận được tin:</b>", "<b>Users who blocked the bot and get no messages:</b>"},
	"digest_user_item":    {"• %s (<code>%s</code>, %s)", "• %s (<code>%s</code>, %s)"},
	"escalate_text": {
		"⚠️ <b>Cần đôn đốc:</b> <b>%s</b> (<code>%s</code>) đã được nhắc %d lần liên tiếp mà chưa có kết nạp mới.\nNăm %s: %d/%d; đến %s cần %d.",
		"⚠️ <b>Needs attention:</b> <b>%s</b> (<code>%s</code>) was reminded %d times in a row with no new admission.\nYear %s: %d/%d; by %s, %d expected.",
	},
	"import_done": {
		"Đã nhập danh sách: %d tổ chức mới, %d tổ chức cập nhật, %d chỉ tiêu thay đổi (năm %s). Gõ /status để xem.",
		"Imported: %d new organizations, %d updated, %d quotas changed (years %s). Type /status to see them.",
	},
	"import_dry": {
		"Thử nhập (chưa lưu gì): sẽ có %d tổ chức mới, %d tổ chức cập nhật, %d chỉ tiêu thay đổi (năm %s).",
		"Dry run (nothing saved): %d new organizations, %d updated, %d quotas changed (years %s).",
	},
	"import_refused":      {"Không nhập gì, vì tệp có %d lỗi (sửa tất cả rồi gửi lại):", "Nothing was imported: the file has %d errors (fix them all and send it again):"},
	"import_bad_file":     {"Không đọc được tệp: %s\nGửi tệp .xlsx hoặc .csv có dòng tiêu đề: mã, tên, trực thuộc, chỉ tiêu %s.", "The file could not be read: %s\nSend an .xlsx or .csv file with a header row: code, name, parent, quota_%s."},
	"import_not_admin":    {"Chỉ quản trị viên mới nhập được danh sách chỉ tiêu.", "Only an admin can import the quota list."},
	"import_wrong_type":   {"Bot chỉ nhận tệp .xlsx hoặc .csv (danh sách tổ chức và chỉ tiêu).", "The bot takes only .xlsx or .csv files (the list of organizations and quotas)."},
	"import_too_big":      {"Tệp quá lớn (tối đa 20 MB).", "The file is too large (20 MB at most)."},
	"export_caption":      {"Bảng tổng hợp kết nạp đảng viên năm %s (đến %s)", "Party admissions table %s (as of %s)"},
	"export_title":        {"TỔNG HỢP KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM %s (đến ngày %s)", "PARTY ADMISSIONS %s (as of %s)"},
	"export_total":        {"Toàn Đảng bộ", "Whole committee"},
	"export_bad_year":     {"Cách dùng: <code>/export</code> hoặc <code>/export 2025</code>", "Usage: <code>/export</code> or <code>/export 2025</code>"},
	"col_code":            {"Mã", "Code"},
	"col_name":            {"Tên tổ chức", "Organization"},
	"col_quota":           {"Chỉ tiêu", "Quota"},
	"col_admitted":        {"Đã kết nạp", "Admitted"},
	"col_percent":         {"Tỷ lệ", "Percent"},
	"col_expected":        {"Cần đạt đến nay", "Expected by now"},
	"col_shortfall":       {"Còn thiếu", "Shortfall"},
	"col_status":          {"Đánh giá", "Status"},
	"st_met":              {"Hoàn thành", "Met"},
	"st_on_pace":          {"Đúng tiến độ", "On pace"},
	"st_behind":           {"Chậm tiến độ", "Behind"},
	"st_no_quota":         {"Chưa giao chỉ tiêu", "No quota"},
	"chart_title":         {"Tiến độ kết nạp đảng viên năm %s (đến %s)", "Party admissions %s (as of %s)"},
	"chart_percent":       {"%% chỉ tiêu", "%% of quota"},
	"chart_expected":      {"Tiến độ cần đạt", "Expected pace"},
	"chart_more":          {"… %d tổ chức khác …", "… %d more …"},
	"help_chart":          {"/chart [năm] — biểu đồ tiến độ", "/chart [year] — progress chart"},
	"help_users":          {"/users — danh sách người dùng; /revoke MÃ_TELEGRAM — thu hồi quyền truy cập", "/users — the registered users; /revoke TELEGRAM_ID — revoke a user's access"},
	"users_head":          {"<b>Người dùng đã đăng ký</b> (%d):", "<b>Registered users</b> (%d):"},
	"users_item":          {"• %s — %s%s (<code>%s</code>)%s", "• %s — %s%s (<code>%s</code>)%s"},
	"users_unreachable":   {" ⚠️ đã chặn bot", " ⚠️ blocked the bot"},
	"revoke_usage":        {"Cách dùng: <code>/revoke MÃ_TELEGRAM</code> (xem mã bằng /users).", "Usage: <code>/revoke TELEGRAM_ID</code> (see the ids with /users)."},
	"revoke_unknown":      {"Không có người dùng mã <code>%s</code>.", "There is no user with id <code>%s</code>."},
	"revoke_config_admin": {"Người dùng <code>%s</code> là quản trị trong tệp cấu hình; bỏ khỏi mục admins rồi khởi động lại bot.", "User <code>%s</code> is an admin in the configuration file; remove them from admins and restart the bot."},
	"revoke_self":         {"Đồng chí không thể tự thu hồi quyền của mình.", "You cannot revoke your own access."},
	"revoked":             {"Đã thu hồi quyền truy cập của %s (<code>%s</code>, %s). Các báo cáo của người này vẫn được giữ.", "Revoked the access of %s (<code>%s</code>, %s). Their reports are kept."},
	"menu_users":          {"Người dùng (quản trị)", "Users (admin)"},
	"menu_revoke":         {"Thu hồi quyền (quản trị)", "Revoke access (admin)"},
	"help_import":         {"Gửi tệp .xlsx hoặc .csv danh sách tổ chức và chỉ tiêu để nhập (ghi chú \"thử\" để chạy thử)", "Send an .xlsx or .csv list of organizations and quotas to import it (caption \"dry\" for a dry run)"},
	"menu_chart":          {"Biểu đồ tiến độ", "Progress chart"},
	"stage_identified":    {"quần chúng ưu tú", "identified"},
	"stage_trained":       {"đã học lớp bồi dưỡng nhận thức về Đảng", "attended the Party awareness class"},
	"stage_introduced":    {"đã được giới thiệu", "introduced"},
	"stage_submitted":     {"đã nộp hồ sơ", "dossier submitted"},
	"stage_admitted":      {"đã kết nạp", "admitted"},
	"stage_dropped":       {"đã loại khỏi nguồn", "dropped"},
	"source_youth_union":  {"Đoàn Thanh niên", "Youth Union"},
	"source_trade_union":  {"Công đoàn", "Trade Union"},
	"source_member":       {"đảng viên giới thiệu", "a Party member"},
	"source_other":        {"khác", "other"},
	"cand_usage": {
		"Quản lý nguồn kết nạp (quần chúng ưu tú):\n<code>/nguon</code> — danh sách, có nút bấm\n<code>/nguon them Họ Tên; doan</code> — thêm (nguồn: doan, congdoan, dangvien, khac)\n<code>/nguon hoc Họ Tên; 15/03/2026</code> — đã học lớp bồi dưỡng nhận thức về Đảng\n<code>/nguon gioithieu Họ Tên</code> — đã được giới thiệu\n<code>/nguon hoso Họ Tên</code> — đã nộp hồ sơ\n<code>/nguon loai Họ Tên; lý do</code> — loại khỏi nguồn\nKhi kết nạp, báo cáo bằng /report với đúng họ tên.",
		"Candidate pipeline:\n<code>/candidate</code> — the list, with buttons\n<code>/candidate add Full Name; youth</code> — add (source: youth, union, member, other)\n<code>/candidate class Full Name; 15/03/2026</code> — attended the Party awareness class\n<code>/candidate introduce Full Name</code> — introduced\n<code>/candidate submit Full Name</code> — dossier submitted\n<code>/candidate drop Full Name; reason</code> — drop\nWhen admitted, report it with /report and the same name.",
	},
	"cand_reader_usage":     {"Cách dùng: <code>/nguon MA_TO_CHUC</code> — danh sách nguồn của một tổ chức.", "Usage: <code>/candidate ORG_CODE</code> — an organization's candidates."},
	"cand_list_head":        {"<b>Nguồn kết nạp — %s</b>", "<b>Candidates — %s</b>"},
	"cand_list_item":        {"%d. %s — %s (%s)", "%d. %s — %s (%s)"},
	"cand_list_empty":       {"Chưa có quần chúng nào trong nguồn. Thêm bằng: <code>/nguon them Họ Tên; doan</code>", "No candidates yet. Add one: <code>/candidate add Full Name; youth</code>"},
	"cand_list_closed":      {"Đã kết nạp hoặc đã loại: %d", "Admitted or dropped: %d"},
	"cand_added":            {"Đã thêm <b>%s</b> vào nguồn (%s), giai đoạn: %s.", "Added <b>%s</b> to the pipeline (%s), stage: %s."},
	"cand_moved":            {"<b>%s</b>: %s.", "<b>%s</b>: %s."},
	"cand_dropped":          {"Đã loại <b>%s</b> khỏi nguồn. Lý do: %s", "Dropped <b>%s</b>. Reason: %s"},
	"cand_not_found":        {"Không có <b>%s</b> trong nguồn của tổ chức. Gõ /nguon để xem danh sách.", "<b>%s</b> is not among the organization's candidates. Type /candidate for the list."},
	"cand_duplicate":        {"<b>%s</b> đã có trong nguồn (%s).", "<b>%s</b> is already a candidate (%s)."},
	"cand_bad_source":       {"Nguồn giới thiệu chưa đúng. Dùng: doan (Đoàn Thanh niên), congdoan (Công đoàn), dangvien (đảng viên giới thiệu), khac.", "Unknown source. Use: youth (Youth Union), union (Trade Union), member (a Party member), other."},
	"cand_stage_order":      {"Chưa chuyển được: <b>%s</b> đang ở giai đoạn \"%s\"; các giai đoạn đi lần lượt: quần chúng ưu tú → học lớp bồi dưỡng → được giới thiệu → nộp hồ sơ → kết nạp.", "Not moved: <b>%s</b> is at \"%s\"; stages go in order: identified → awareness class → introduced → dossier → admitted."},
	"cand_stage_closed":     {"<b>%s</b> không còn trong nguồn (%s).", "<b>%s</b> is no longer in the pipeline (%s)."},
	"cand_need_date":        {"Cần ngày học lớp, ví dụ: <code>/nguon hoc Họ Tên; 15/03/2026</code>", "The class date is needed, for example: <code>/candidate class Full Name; 15/03/2026</code>"},
	"cand_need_reason":      {"Cần lý do loại, ví dụ: <code>/nguon loai Họ Tên; chuyển công tác</code>", "A reason is needed, for example: <code>/candidate drop Full Name; moved away</code>"},
	"cand_erased":           {"Đã xóa hồ sơ nguồn số %s. Nhật ký chỉ ghi nhận việc xóa.", "Erased candidate record %s. The audit trail keeps only that it was erased."},
	"cand_erase_usage":      {"Cách dùng: <code>/nguon xoa SỐ</code> (chỉ xóa được người đã loại khỏi nguồn).", "Usage: <code>/candidate erase ID</code> (only a dropped candidate)."},
	"cand_not_dropped":      {"Chỉ xóa được hồ sơ của người đã loại khỏi nguồn.", "Only a dropped candidate's record can be erased."},
	"cand_private":          {"Danh sách nguồn chỉ xem được trong cuộc trò chuyện riêng.", "Candidate names are shown only in a private chat."},
	"cand_not_yours":        {"Đồng chí không theo dõi tổ chức này.", "You are not assigned to this organization."},
	"cand_pick":             {"Chọn một người để chuyển giai đoạn hoặc loại khỏi nguồn:", "Choose someone to move to the next stage or drop:"},
	"cand_card":             {"<b>%s</b> — %s\nNguồn: %s", "<b>%s</b> — %s\nSource: %s"},
	"cand_ask_name":         {"Nhập <b>họ và tên</b> quần chúng ưu tú:", "Type the candidate's <b>full name</b>:"},
	"cand_ask_source":       {"<b>%s</b> do ai giới thiệu, bồi dưỡng?", "Who introduced <b>%s</b>?"},
	"cand_ask_class":        {"Ngày <b>%s</b> học lớp bồi dưỡng nhận thức về Đảng? Gõ dd/mm/yyyy hoặc bấm Hôm nay.", "When did <b>%s</b> attend the Party awareness class? Type dd/mm/yyyy or press Today."},
	"cand_ask_reason":       {"Lý do loại <b>%s</b> khỏi nguồn?", "Why is <b>%s</b> dropped?"},
	"btn_add_candidate":     {"➕ Thêm nguồn", "➕ Add candidate"},
	"btn_next_trained":      {"Đã học lớp bồi dưỡng", "Attended the class"},
	"btn_next_introduced":   {"Đã được giới thiệu", "Introduced"},
	"btn_next_submitted":    {"Đã nộp hồ sơ", "Dossier submitted"},
	"btn_drop":              {"Loại khỏi nguồn", "Drop"},
	"report_from_candidate": {" (từ nguồn)", " (from the pipeline)"},
	"pipeline_line":         {"Nguồn đã được giới thiệu trở lên: %d; nếu kết nạp hết: %d/%d", "Candidates introduced or further: %d; if all are admitted: %d/%d"},
	"at_risk_org":           {"⚠️ <b>Nguy cơ không hoàn thành chỉ tiêu</b>: kể cả khi kết nạp hết nguồn đã giới thiệu vẫn thiếu %d. Cần phát triển thêm nguồn.", "⚠️ <b>At risk of missing the quota</b>: even if every introduced candidate is admitted, %d short. More candidates are needed."},
	"at_risk_committee":     {"⚠️ Nguy cơ không hoàn thành (kể cả khi kết nạp hết nguồn đã giới thiệu): <b>%d</b> tổ chức", "⚠️ At risk even if every introduced candidate is admitted: <b>%d</b> organizations"},
	"at_risk_item":          {"• %s (<code>%s</code>): %d/%d, nguồn %d, thiếu %d", "• %s (<code>%s</code>): %d/%d, %d candidates, %d short"},
	"sources_line":          {"Nguồn theo nơi giới thiệu: %s", "Candidates by source: %s"},
	"conversion_line":       {"Giới thiệu năm %s → đã kết nạp: %d/%d (%s)", "Introduced in %s → admitted: %d/%d (%s)"},
	"probation_head":        {"<b>Sắp hết thời gian dự bị</b> (cần xét công nhận đảng viên chính thức):", "<b>Probations ending soon</b> (official membership to decide):"},
	"probation_item":        {"• %s — kết nạp %s, hết dự bị %s%s", "• %s — admitted %s, probation ends %s%s"},
	"probation_overdue":     {" ⚠️ quá hạn", " ⚠️ overdue"},
	"probation_ahead": {
		"📅 <b>Sắp hết thời gian dự bị</b>\nĐồng chí <b>%s</b> (%s) kết nạp ngày %s, hết 12 tháng dự bị ngày <b>%s</b>. Đề nghị chi bộ chuẩn bị xét công nhận đảng viên chính thức, rồi ghi nhận bằng:\n<code>/chinhthuc %s; dd/mm/yyyy; số quyết định</code>",
		"📅 <b>Probation ending</b>\n<b>%s</b> (%s) was admitted on %s; the 12-month probation ends on <b>%s</b>. Please prepare the decision on official membership, then record it with:\n<code>/official %s; dd/mm/yyyy; decision number</code>",
	},
	"probation_due": {
		"⏰ <b>Hôm nay hết thời gian dự bị</b>\nĐồng chí <b>%s</b> (%s) kết nạp ngày %s, hết dự bị hôm nay (%s). Đề nghị chi bộ xét công nhận đảng viên chính thức và ghi nhận:\n<code>/chinhthuc %s; dd/mm/yyyy; số quyết định</code>",
		"⏰ <b>Probation ends today</b>\n<b>%s</b> (%s), admitted on %s, ends probation today (%s). Please decide on official membership and record it:\n<code>/official %s; dd/mm/yyyy; decision number</code>",
	},
	"probation_late": {
		"⚠️ <b>Quá hạn xét đảng viên chính thức</b>\nĐồng chí <b>%s</b> (%s) kết nạp ngày %s, đã hết dự bị từ %s mà chưa có quyết định công nhận. Ghi nhận:\n<code>/chinhthuc %s; dd/mm/yyyy; số quyết định</code>",
		"⚠️ <b>Official membership overdue</b>\n<b>%s</b> (%s), admitted on %s, ended probation on %s with no decision recorded. Record it:\n<code>/official %s; dd/mm/yyyy; decision number</code>",
	},
	"probation_escalate": {
		"⚠️ <b>Quá hạn xét đảng viên chính thức</b>: %s (<code>%s</code>) — đồng chí %s, hết dự bị %s, chưa có quyết định công nhận.",
		"⚠️ <b>Official membership overdue</b>: %s (<code>%s</code>) — %s, probation ended %s, no decision recorded.",
	},
	"official_usage": {
		"Ghi nhận quyết định công nhận đảng viên chính thức:\n<code>/chinhthuc Họ Tên; dd/mm/yyyy; số quyết định</code>",
		"Record the official-membership decision:\n<code>/official Full Name; dd/mm/yyyy; decision number</code>",
	},
	"official_not_found": {"Không tìm thấy đảng viên dự bị <b>%s</b> của tổ chức đang chờ xét chính thức.", "No probationary member <b>%s</b> of the organization is awaiting the decision."},
	"official_done":      {"Đã ghi nhận: <b>%s</b> được công nhận đảng viên chính thức ngày %s%s.", "Recorded: <b>%s</b> recognized as an official member on %s%s."},
	"official_early":     {"Ngày công nhận phải sau ngày kết nạp (%s) và không ở tương lai.", "The date must be after the admission (%s) and not in the future."},
	"rating_head": {
		"<b>Bảng tham khảo mức hoàn thành chỉ tiêu kết nạp năm %s</b>\n<i>Chỉ là căn cứ tham khảo cho đánh giá, xếp loại chất lượng, không phải kết quả xếp loại.</i>",
		"<b>Advisory table of quota achievement, %s</b>\n<i>Advisory input to the annual quality rating only, not a rating.</i>",
	},
	"rating_band_line":      {"<b>%s</b> (từ %s): %d tổ chức", "<b>%s</b> (from %s): %d organizations"},
	"chart_bad_year":        {"Cách dùng: <code>/chart</code> hoặc <code>/chart 2025</code>", "Usage: <code>/chart</code> or <code>/chart 2025</code>"},
	"cand_future_class":     {"ngày học lớp ở tương lai", "the class date is in the future"},
	"rating_bad_year":       {"Cách dùng: <code>/rating</code> hoặc <code>/rating 2025</code>", "Usage: <code>/rating</code> or <code>/rating 2025</code>"},
	"band_met":              {"Hoàn thành chỉ tiêu", "Quota met"},
	"band_mostly":           {"Đạt phần lớn chỉ tiêu", "Mostly met"},
	"band_half":             {"Đạt từ một nửa", "Half or more"},
	"band_low":              {"Đạt dưới một nửa", "Under half"},
	"help_candidate":        {"/nguon (hoặc /candidate) — nguồn kết nạp: thêm, chuyển giai đoạn, loại", "/candidate (or /nguon) — the candidate pipeline: add, move, drop"},
	"help_candidate_reader": {"/nguon MA_TO_CHUC — danh sách nguồn của một tổ chức", "/candidate ORG_CODE — an organization's candidates"},
	"help_official":         {"/chinhthuc (hoặc /official) — ghi nhận công nhận đảng viên chính thức", "/official (or /chinhthuc) — record official membership"},
	"help_rating":           {"/rating [năm] — bảng tham khảo mức hoàn thành chỉ tiêu", "/rating [year] — advisory table of quota achievement"},
	"menu_candidate":        {"Nguồn kết nạp", "Candidate pipeline"},
	"menu_nguon":            {"Nguồn kết nạp", "Candidate pipeline (Vietnamese alias)"},
	"menu_official":         {"Công nhận đảng viên chính thức", "Official membership"},
	"menu_chinhthuc":        {"Công nhận đảng viên chính thức", "Official membership (Vietnamese alias)"},
	"menu_rating":           {"Bảng tham khảo xếp loại", "Advisory rating table"},
	"sheet_rating":          {"Tham khảo xếp loại", "Advisory rating"},
	"sheet_pipeline":        {"Nguồn", "Pipeline"},
	"col_band":              {"Mức (tham khảo)", "Band (advisory)"},
	"col_advanced":          {"Nguồn đã giới thiệu", "Introduced candidates"},
	"col_at_risk":           {"Nguy cơ", "At risk"},
	"col_intro_year":        {"Giới thiệu trong năm", "Introduced this year"},
	"col_admitted_from":     {"Đã kết nạp từ số đó", "Of those, admitted"},
	"col_conversion":        {"Tỷ lệ chuyển", "Conversion"},
	"yes":                   {"Có", "Yes"},
	"btn_today":             {"Hôm nay", "Today"},
	"btn_yesterday":         {"Hôm qua", "Yesterday"},
	"btn_skip":              {"Bỏ qua", "Skip"},
	"btn_confirm":           {"✅ Ghi nhận", "✅ Record"},
	"btn_cancel":            {"Hủy", "Cancel"},
}

// lang speaks one language: its texts and its way of writing numbers.
type lang struct {
	code    string // "vi" or "en"
	idx     int
	printer *message.Printer
}

var (
	langVI = lang{code: "vi", idx: 0, printer: message.NewPrinter(language.Vietnamese)}
	langEN = lang{code: "en", idx: 1, printer: message.NewPrinter(language.English)}
)

// langFor picks English for an English Telegram client or an English
// choice, Vietnamese otherwise.
func langFor(code string) lang {
	if strings.HasPrefix(strings.ToLower(code), "en") {
		return langEN
	}
	return langVI
}

// T formats a text in the language.
func (l lang) T(key string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		panic(fmt.Sprintf("bot: no text %q", key))
	}
	return l.printer.Sprintf(t[l.idx], args...)
}

// Pct writes a percentage with one decimal: 50,7% or 50.7%.
func (l lang) Pct(p float64) string { return l.printer.Sprintf("%.1f%%", p) }

// Num writes a whole number the language's way: 1.823 or 1,823.
func (l lang) Num(n int) string { return l.printer.Sprintf("%d", n) }
