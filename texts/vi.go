package texts

import (
	"strings"

	"golang.org/x/text/language"

	"quotabot/quota"
)

var viFmt = newFormat(language.Vietnamese)

var vi = Catalog{
	Name: "Tiếng Việt",
	Greeting: func(name string) string {
		return viFmt.sprintf("Xin chào đồng chí %s! Đây là bot theo dõi chỉ tiêu kết nạp đảng viên.\nGõ /help để xem các lệnh.", name)
	},
	GreetingUnregistered: func(name, id string) string {
		return viFmt.sprintf("Xin chào đồng chí %s! Bot này dành cho các đồng chí được Ban Tổ chức mời. Nếu đồng chí có đường link mời, hãy mở đường link đó.\nMã Telegram của đồng chí: <code>%s</code>", name, id)
	},
	Registered: func(role, orgs string) string {
		return viFmt.sprintf("Đã đăng ký đồng chí với vai trò <b>%s</b>%s. Gõ /help để xem các lệnh.", role, orgs)
	},
	RegisteredOrg: func(names string) string {
		return viFmt.sprintf(" của <b>%s</b>", names)
	},
	AlreadyRegistered: func(role string) string {
		return viFmt.sprintf("Đồng chí đã được đăng ký với vai trò <b>%s</b>.", role)
	},
	InvitationUnknown: "Mã mời không đúng. Hãy xin Ban Tổ chức một đường link mời mới.",
	InvitationUsed:    "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần.",
	InvitationExpired: "Mã mời này đã hết hạn. Hãy xin Ban Tổ chức một đường link mời mới.",
	NotRegistered:     "Đồng chí chưa được đăng ký nên chưa dùng được lệnh này. Hãy mở đường link mời do Ban Tổ chức gửi, hoặc gõ /help.",
	Forbidden: func(role string) string {
		return viFmt.sprintf("Lệnh này không dành cho vai trò <b>%s</b>.", role)
	},
	UnknownCommand: func(command string) string {
		return viFmt.sprintf("Không có lệnh %s. Gõ /help để xem các lệnh.", command)
	},
	NotUnderstood: "Bot chỉ hiểu các lệnh bắt đầu bằng /. Gõ /help để xem các lệnh.",
	GroupPrivate:  "Lệnh này chỉ dùng trong cuộc trò chuyện riêng với bot.",
	InternalError: "Xin lỗi, bot gặp lỗi khi xử lý tin nhắn này và không ghi nhận gì. Đồng chí vui lòng thử lại sau.",
	EditedIgnored: "Bot không xử lý tin nhắn đã sửa. Nếu cần sửa báo cáo, dùng /undo rồi gửi lại.",
	HelpHead: func(role string) string {
		return viFmt.sprintf("<b>Các lệnh của đồng chí</b> (vai trò: %s)", role)
	},
	HelpHeadAnonymous: "<b>Các lệnh</b>",
	LangSet:           "Đã chuyển sang tiếng Việt.",
	LangUsage: func(choices string) string {
		return "Cách dùng: " + choices
	},
	InviteUsage:   "Cách dùng: <code>/invite &lt;vai trò&gt; [mã tổ chức ...]</code>\nVai trò: secretary (bí thư, một tổ chức), specialist (chuyên viên, các tổ chức được phân công), leader (lãnh đạo), admin (quản trị).\nVí dụ: <code>/invite secretary CB_01</code>",
	InviteOneOrg:  "Vai trò bí thư cần đúng một mã tổ chức. Ví dụ: <code>/invite secretary CB_01</code>",
	InviteSomeOrg: "Vai trò chuyên viên cần ít nhất một mã tổ chức. Ví dụ: <code>/invite specialist CB_01 CB_02</code>",
	InviteNoOrg: func(role string) string {
		return viFmt.sprintf("Vai trò %s không kèm mã tổ chức. Ví dụ: <code>/invite leader</code>", role)
	},
	UnknownOrg: func(code string) string {
		return viFmt.sprintf("Không có tổ chức mã <code>%s</code>. Kiểm tra lại mã (ví dụ <code>CB_01</code>).", code)
	},
	InviteCreated: func(role, orgs, expires, link string) string {
		return viFmt.sprintf("Link mời <b>%s</b>%s (dùng một lần, hết hạn %s):\n%s\nGửi link này cho người được mời; họ chỉ cần mở link và bấm Bắt đầu.", role, orgs, expires, link)
	},
	ReportUsage:  "Mỗi dòng một người: <code>họ tên; ngày kết nạp; số quyết định</code>\nVí dụ:\n<code>/report Nguyễn Văn A; 15/03/2026; 123-QĐ/ĐU\nTrần Thị B; 16/03/2026</code>",
	ReportErrors: "Chưa ghi nhận gì, vì có dòng chưa đúng:",
	ReportLineError: func(line int, text, problem string) string {
		return viFmt.sprintf("Dòng %d (<i>%s</i>): %s", line, text, problem)
	},
	ReportRecorded: func(n int, org string) string {
		return viFmt.sprintf("Đã ghi nhận kết nạp %d người vào <b>%s</b>:", n, org)
	},
	ReportItem: func(name, date, decision string) string {
		return viFmt.sprintf("• %s — %s%s", name, date, decision)
	},
	ReportDecision: func(number string) string {
		return viFmt.sprintf(", QĐ %s", number)
	},
	TallyLine: func(year string, admitted, quota int, percent string) string {
		return viFmt.sprintf("Năm %s: <b>%d/%d</b> (%s)", year, admitted, quota, percent)
	},
	TallyNoQuota: func(year string, admitted int) string {
		return viFmt.sprintf("Năm %s: <b>%d</b> người (chưa giao chỉ tiêu)", year, admitted)
	},
	ReportDuplicate: "Đã ghi nhận trước đó (cùng họ tên, cùng ngày).",
	NoOrg:           "Tài khoản của đồng chí chưa gắn với tổ chức nào. Liên hệ Ban Tổ chức.",
	OrgInactive: func(org string) string {
		return viFmt.sprintf("Tổ chức <b>%s</b> đã ngừng hoạt động; không ghi nhận thêm.", org)
	},
	ErrEmptyName:    "Thiếu họ tên.",
	ErrLongName:     "Họ tên quá dài.",
	ErrAbsurdName:   "Họ tên chỉ gồm chữ cái, dấu cách, dấu - hoặc dấu chấm.",
	ErrBadDate:      "Ngày viết theo dạng dd/mm/yyyy, ví dụ 15/03/2026.",
	ErrNoSuchDay:    "Không có ngày này trong lịch.",
	ErrFutureDate:   "Ngày kết nạp ở tương lai.",
	ErrOldDate:      "Ngày kết nạp quá xa (chỉ nhận năm nay và năm trước).",
	ErrBadDecision:  "Số quyết định quá dài.",
	ErrTooManyParts: "Mỗi dòng tối đa 3 phần, cách nhau bởi dấu chấm phẩy (;).",
	ErrNoLines:      "Chưa có họ tên nào.",
	ErrTooManyLines: "Quá nhiều dòng trong một tin nhắn (tối đa 50).",
	ErrDupInMessage: "Trùng với một dòng khác trong tin nhắn.",
	UndoNothing:     "Đồng chí chưa có báo cáo kết nạp nào để hủy.",
	UndoDone: func(name, date, org string) string {
		return viFmt.sprintf("Đã hủy báo cáo kết nạp <b>%s</b> (%s) của <b>%s</b>. Bản ghi vẫn được lưu trong nhật ký.", name, date, org)
	},
	StatusOrgHead: func(year, org, date string) string {
		return viFmt.sprintf("<b>Tiến độ kết nạp năm %s — %s</b> (đến %s)", year, org, date)
	},
	StatusCommittee: func(year, date string) string {
		return viFmt.sprintf("<b>Tiến độ kết nạp đảng viên năm %s — toàn Đảng bộ</b> (đến %s)", year, date)
	},
	StatusAdmitted: func(admitted, quota int, percent string) string {
		return viFmt.sprintf("Đã kết nạp: <b>%d/%d</b> (%s kế hoạch)", admitted, quota, percent)
	},
	StatusAdmittedNq: func(admitted int) string {
		return viFmt.sprintf("Đã kết nạp: <b>%d</b> (chưa giao chỉ tiêu)", admitted)
	},
	StatusExpected: func(expected int, pace string) string {
		return viFmt.sprintf("Theo tiến độ đến nay cần: %d; %s", expected, pace)
	},
	StatusShort: func(short int) string {
		return viFmt.sprintf("còn thiếu <b>%d</b>", short)
	},
	StatusOnPace: "đúng tiến độ",
	StatusExceeded: func(over int) string {
		return viFmt.sprintf("✅ Vượt chỉ tiêu: thêm %d người", over)
	},
	StatusMet: "✅ Đã hoàn thành chỉ tiêu",
	StatusLastYear: func(admitted int) string {
		return viFmt.sprintf("Cùng kỳ năm trước: %d", admitted)
	},
	StatusOrgs: func(withQuota, met, behind int) string {
		return viFmt.sprintf("Tổ chức: %d có chỉ tiêu; <b>%d</b> hoàn thành; <b>%d</b> chậm tiến độ", withQuota, met, behind)
	},
	StatusFurthest: "Chậm nhất:",
	StatusFurthestItem: func(org, code string, admitted, quota, short int) string {
		return viFmt.sprintf("• %s (<code>%s</code>): %d/%d, thiếu %d", org, code, admitted, quota, short)
	},
	StatusChildren: "Các tổ chức trực thuộc:",
	StatusChildItem: func(org string, admitted, quota int, percent string) string {
		return viFmt.sprintf("• %s: %d/%d (%s)", org, admitted, quota, percent)
	},
	StatusBadArgs: "Cách dùng: <code>/status</code>, <code>/status MA_TO_CHUC</code>, <code>/status 2025</code>, <code>/status MA_TO_CHUC 2025</code> hoặc một giai đoạn: <code>/status 2021-2025</code>",
	StatusOwnOnly: "Bí thư chỉ xem được tiến độ của tổ chức mình và các tổ chức trực thuộc.",
	StatusChildNoQuota: func(org string, admitted int) string {
		return viFmt.sprintf("• %s: %d người (chưa giao chỉ tiêu)", org, admitted)
	},
	StatusEmpty: func(year string) string {
		return viFmt.sprintf("Năm %s chưa có tổ chức nào được giao chỉ tiêu.", year)
	},
	MoreLines: func(n int) string {
		return viFmt.sprintf("… và %d dòng nữa", n)
	},
	DialogName: "Nhập <b>họ và tên</b> người được kết nạp:",
	DialogDate: func(name string) string {
		return viFmt.sprintf("Ngày kết nạp của <b>%s</b>? Chọn bên dưới hoặc gõ dd/mm/yyyy.", name)
	},
	DialogDecision: "Số quyết định kết nạp? Gõ số quyết định hoặc bấm Bỏ qua.",
	DialogConfirm: func(name, date, decision, org string) string {
		return viFmt.sprintf("Xác nhận ghi nhận kết nạp:\n<b>%s</b> — %s%s\nvào <b>%s</b>?", name, date, decision, org)
	},
	DialogCancelled: "Đã hủy, không ghi nhận gì.",
	DialogExpired:   "Nút này đã cũ: hộp thoại đã kết thúc, không có gì thay đổi.",
	RemindText: func(year, org string, admitted, quota int, percent, date string, expected, short int) string {
		return viFmt.sprintf("🔔 <b>Nhắc việc: kết nạp đảng viên năm %s</b>\n<b>%s</b> đã kết nạp <b>%d/%d</b> (%s).\nTheo tiến độ, đến %s cần kết nạp %d: <b>còn thiếu %d so với tiến độ</b>.\nĐề nghị %s tập trung phát triển đảng viên và báo cáo kết nạp bằng lệnh /report.", year, org, admitted, quota, percent, date, expected, short, viKind(org))
	},
	RemindTextQuota: func(year, org string, admitted, quota int, percent string, short int) string {
		return viFmt.sprintf("🔔 <b>Nhắc việc: kết nạp đảng viên năm %s</b>\n<b>%s</b> đã kết nạp <b>%d/%d</b> (%s), chưa hoàn thành chỉ tiêu: <b>còn thiếu %d so với chỉ tiêu</b>.\nĐề nghị %s tập trung phát triển đảng viên và báo cáo kết nạp bằng lệnh /report.", year, org, admitted, quota, percent, short, viKind(org))
	},
	RemindDone: func(reminders, orgs int) string {
		return viFmt.sprintf("Đã xếp hàng gửi %d tin nhắc việc tới %d tổ chức chậm tiến độ.", reminders, orgs)
	},
	RemindNoSecretary: func(n int, orgs string) string {
		return viFmt.sprintf("%d tổ chức chậm tiến độ chưa có bí thư đăng ký nhận tin: %s", n, orgs)
	},
	DigestHead: "<b>📊 Tổng hợp định kỳ</b>",
	DigestAssigned: func(date string) string {
		return viFmt.sprintf("<b>Các tổ chức đồng chí theo dõi</b> (đến %s):", date)
	},
	DigestItem: func(org, code string, admitted, quota int, percent, short string) string {
		return viFmt.sprintf("• %s (<code>%s</code>): %d/%d (%s)%s", org, code, admitted, quota, percent, short)
	},
	DigestItemShort: func(short int) string {
		return viFmt.sprintf(" — thiếu %d", short)
	},
	DigestEscalated: "⚠️ <b>Đã nhắc nhiều lần liên tiếp mà chưa có kết nạp mới:</b>",
	DigestEscItem: func(org, code string, times, admitted, quota int) string {
		return viFmt.sprintf("• %s (<code>%s</code>): %d lần, %d/%d", org, code, times, admitted, quota)
	},
	DigestUnreachable: "<b>Người dùng đã chặn bot, không nhận được tin:</b>",
	DigestUserItem: func(name, id, role string) string {
		return viFmt.sprintf("• %s (<code>%s</code>, %s)", name, id, role)
	},
	EscalateText: func(org, code string, times int, year string, admitted, quota int, date string, expected int) string {
		return viFmt.sprintf("⚠️ <b>Cần đôn đốc:</b> <b>%s</b> (<code>%s</code>) đã được nhắc %d lần liên tiếp mà chưa có kết nạp mới.\nNăm %s: %d/%d; đến %s cần %d.", org, code, times, year, admitted, quota, date, expected)
	},
	ImportRefused: func(n int) string {
		return viFmt.sprintf("Không nhập gì, vì tệp có %d lỗi (sửa tất cả rồi gửi lại):", n)
	},
	ImportLegacyExcel: "Tệp là sổ Excel 97-2003 (.xls), bot không đọc được. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx (Tệp > Lưu thành > Sổ làm việc Excel) rồi gửi tệp .xlsx.",
	ImportLegacyFont:  "Chữ trong tệp dùng bảng mã cũ (TCVN3/ABC .VnTime hoặc VNI), không phải Unicode. Hãy chuyển mã bằng Unikey (Công cụ chuyển mã, nguồn TCVN3 hoặc VNI, đích Unicode), hoặc mở bằng Excel và lưu dạng \"CSV UTF-8\".",
	ImportNotText:     "Tệp không phải văn bản UTF-8. Hãy mở tệp bằng Excel và lưu dạng \"CSV UTF-8\".",
	ImportNoHeader:    "Không tìm thấy dòng tiêu đề trong 20 dòng đầu: cần cột tên (\"tên tổ chức cơ sở đảng\", \"đơn vị\") cùng cột mã (\"mã\"), \"STT\" hoặc các cột chỉ tiêu (\"chỉ tiêu 2026\", \"giai đoạn 2026-2030\").",
	ImportUnreadable:  "Tệp bị hỏng hoặc không phải tệp .xlsx, .ods hay .csv. Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.",
	ImportBadFile: func(problem, year string) string {
		return viFmt.sprintf("Không đọc được tệp. %s\nGửi tệp .xlsx, .ods hoặc .csv có dòng tiêu đề: tên tổ chức và các cột chỉ tiêu như \"Chỉ tiêu %s\" (và nếu có: mã, trực thuộc).", problem, year)
	},
	ImpLine: func(line, problem string) string {
		return viFmt.sprintf("Dòng %s: %s", line, problem)
	},
	ImpDupColumn: func(column, first, second string) string {
		return viFmt.sprintf("Cột %s xuất hiện hai lần (cột %s và %s).", column, first, second)
	},
	ImpBadYear: func(column, value, min, max string) string {
		return viFmt.sprintf("Cột %s \"%s\": năm phải từ %s đến %s.", column, value, min, max)
	},
	ImpDupYear: func(year, first, second string) string {
		return viFmt.sprintf("Chỉ tiêu năm %s xuất hiện hai lần (cột %s và %s).", year, first, second)
	},
	ImpDupCode: func(code, line string) string {
		return viFmt.sprintf("Mã <code>%s</code> trùng, đã dùng ở dòng %s.", code, line)
	},
	ImpEmptyCode: "Thiếu mã tổ chức.",
	ImpBadCode: func(code string) string {
		return viFmt.sprintf("Mã <code>%s</code> chỉ gồm chữ không dấu, số, \"_\" hoặc \"-\" (tối đa 32 ký tự).", code)
	},
	ImpEmptyName: "Thiếu tên tổ chức.",
	ImpLongName: func(length, max string) string {
		return viFmt.sprintf("Tên dài %s ký tự, tối đa %s.", length, max)
	},
	ImpBadParentCode: func(code string) string {
		return viFmt.sprintf("Mã cấp trên <code>%s</code> chỉ gồm chữ không dấu, số, \"_\" hoặc \"-\".", code)
	},
	ImpQuotaNegative: func(year, value string) string {
		return viFmt.sprintf("Chỉ tiêu năm %s \"%s\" không được âm.", year, value)
	},
	ImpQuotaAmbiguous: func(year, value string) string {
		return viFmt.sprintf("Chỉ tiêu năm %s \"%s\" không rõ: viết số không có dấu phân cách hàng nghìn.", year, value)
	},
	ImpQuotaNotWhole: func(year, value string) string {
		return viFmt.sprintf("Chỉ tiêu năm %s \"%s\" phải là số nguyên.", year, value)
	},
	ImpQuotaTooBig: func(year, value, max string) string {
		return viFmt.sprintf("Chỉ tiêu năm %s \"%s\" quá lớn (tối đa %s).", year, value, max)
	},
	ImpUnknownParent: func(code string) string {
		return viFmt.sprintf("Đơn vị cấp trên <code>%s</code> không có trong tệp và chưa có trong hệ thống.", code)
	},
	ImpOwnParent: "Tổ chức không thể trực thuộc chính nó.",
	ImpCycle: func(code, path string) string {
		return viFmt.sprintf("Cấp trên <code>%s</code> tạo thành vòng lặp: %s.", code, path)
	},
	ImpBadTerm: func(column, value, maxYears, min, max string) string {
		return viFmt.sprintf("Cột %s \"%s\": giai đoạn đi từ một năm đến một năm sau đó, dài tối đa %s năm, trong khoảng %s đến %s.", column, value, maxYears, min, max)
	},
	ImpDupTerm: func(term, first, second string) string {
		return viFmt.sprintf("Chỉ tiêu giai đoạn %s xuất hiện hai lần (cột %s và %s).", term, first, second)
	},
	ImpYearColumn: func(column, value string) string {
		return viFmt.sprintf("Cột %s \"%s\" ghi một năm nhưng không phải cột bot đọc được: viết \"Chỉ tiêu 2026\", \"Giai đoạn 2026-2030\" hoặc \"Đã kết nạp 2025\", hoặc xóa cột này.", column, value)
	},
	ImpAmbiguousName: func(name, first, second string) string {
		return viFmt.sprintf("Tên \"%s\" khớp với cả <code>%s</code> và <code>%s</code>: hãy ghi mã tổ chức để chỉ rõ.", name, first, second)
	},
	ImpDupName: func(name, line string) string {
		return viFmt.sprintf("Tên \"%s\" cũng có ở dòng %s: hãy ghi mã cho từng tổ chức.", name, line)
	},
	ImpTotalNotNumber: func(column, value string) string {
		return viFmt.sprintf("Dòng tổng cộng ghi %s là \"%s\", không phải một số.", column, value)
	},
	ImpTotalMismatch: func(column, total, sum string) string {
		return viFmt.sprintf("Dòng tổng cộng ghi %s là %s, nhưng cộng các dòng trên được %s.", column, total, sum)
	},
	ImpHiddenRow: func(name string) string {
		return viFmt.sprintf("Dòng của \"%s\" đang bị ẩn; bot vẫn đọc dòng này.", name)
	},
	ImpHiddenColumn: func(column, value string) string {
		return viFmt.sprintf("Cột %s \"%s\" đang bị ẩn; bot vẫn đọc cột này.", column, value)
	},
	ImportLineText: func(line, text, problem string) string {
		return viFmt.sprintf("Dòng %s (%s): %s", line, text, problem)
	},
	ImpPastIgnored: func(year, named, total string) string {
		return viFmt.sprintf("Năm %s đã có %s người kết nạp được ghi tên, nên số đó được tính thay cho tổng %s (tổng vẫn được lưu).", year, named, total)
	},
	ImpNoQuotaColumn: func(columns string) string {
		return viFmt.sprintf("Không có thay đổi: tệp không có cột chỉ tiêu nào được nhận ra. Các cột tìm thấy: %s.\nĐặt tên cột chỉ tiêu như \"Chỉ tiêu 2026\", \"Năm 2026\" hoặc \"Giai đoạn 2026-2030\".", columns)
	},
	ImpBadCaption: "Không nhập gì: chú thích của tệp chỉ có thể là \"thử\" (thử nhập, chưa lưu) và/hoặc quyết định giao chỉ tiêu, ví dụ <code>thử 2323-QĐ/ĐUK, 11/4/2019</code>.",
	ImportHeadDry: func(file, sheet, lines string) string {
		return viFmt.sprintf("<b>Thử nhập, chưa lưu gì.</b> Tệp %s, trang \"%s\", dòng tiêu đề %s.", file, sheet, lines)
	},
	ImportHeadDone: func(file, sheet, lines string) string {
		return viFmt.sprintf("<b>Đã nhập danh sách.</b> Tệp %s, trang \"%s\", dòng tiêu đề %s.", file, sheet, lines)
	},
	ImportDecision: func(decision, from string) string {
		return viFmt.sprintf("Quyết định giao chỉ tiêu: %s (%s).", decision, from)
	},
	ImportDecisionTitle: "theo dòng tiêu đề",
	ImportDecisionGiven: "theo lệnh nhập",
	ImportColumns:       "<b>Các cột:</b>",
	ImportColItem: func(column, header, what string) string {
		return viFmt.sprintf("• cột %s \"%s\" → %s", column, header, what)
	},
	ImportColIgnored: func(column, header, why string) string {
		return viFmt.sprintf("• cột %s \"%s\" → bỏ qua: %s", column, header, why)
	},
	ImportFieldOrdinal: "số thứ tự (giữ thứ tự của danh sách)",
	ImportFieldCode:    "mã tổ chức",
	ImportFieldName:    "tên tổ chức",
	ImportFieldParent:  "cấp trên",
	ImportFieldQuota: func(year string) string {
		return viFmt.sprintf("chỉ tiêu năm %s", year)
	},
	ImportFieldTerm: func(term string) string {
		return viFmt.sprintf("chỉ tiêu giai đoạn %s", term)
	},
	ImportFieldAdmitted: func(year string) string {
		return viFmt.sprintf("số đã kết nạp năm %s", year)
	},
	ImportWhyNote:    "ghi chú",
	ImportWhyUnknown: "không phải cột bot dùng",
	ImportNoCode:     "Tệp không có cột mã: tổ chức được nhận theo tên (phân biệt dấu); tổ chức mới được cấp mã.",
	ImportNoParent:   "Tệp không có cột cấp trên: cấp trên của các tổ chức đã có được giữ nguyên.",
	ImportFirstRows:  "<b>Các dòng đầu, như sẽ lưu:</b>",
	ImportRowItem: func(line, name, code, extra string) string {
		return viFmt.sprintf("• dòng %s: %s (<code>%s</code>)%s", line, name, code, extra)
	},
	ImportRowGroup: func(group string) string {
		return viFmt.sprintf(", mục %s", group)
	},
	ImportRowParent: func(code string) string {
		return viFmt.sprintf(", trực thuộc <code>%s</code>", code)
	},
	ImportRowFigure: func(label, value string) string {
		return viFmt.sprintf("; %s: %s", label, value)
	},
	ImportSkipped: "<b>Các dòng bỏ qua (không phải tổ chức):</b>",
	ImportSkipSection: func(line, text string) string {
		return viFmt.sprintf("• dòng %s: tiêu đề mục \"%s\"", line, text)
	},
	ImportSkipTotal: func(line, text string) string {
		return viFmt.sprintf("• dòng %s: dòng tổng cộng \"%s\"", line, text)
	},
	ImportSkipSignature: func(line, text string) string {
		return viFmt.sprintf("• dòng %s: phần ký tên \"%s\"", line, text)
	},
	ImportSkipNumbering: func(line, text string) string {
		return viFmt.sprintf("• dòng %s: dòng đánh số cột \"%s\"", line, text)
	},
	ImportWarnings: "<b>Cần xem lại:</b>",
	ImportChanges:  "<b>Thay đổi theo tổ chức:</b>",
	ImportChangeItem: func(name, code, what string) string {
		return viFmt.sprintf("• %s (<code>%s</code>): %s", name, code, what)
	},
	ImportChangeNew:     "mới",
	ImportChangeNewCode: "mới, mã cấp tự động",
	ImportChangeRenamed: func(from string) string {
		return viFmt.sprintf("đổi tên từ \"%s\"", from)
	},
	ImportChangeUnder: func(code string) string {
		return viFmt.sprintf("trực thuộc <code>%s</code>", code)
	},
	ImportChangeMoved: func(from, to string) string {
		return viFmt.sprintf("chuyển cấp trên %s → %s", from, to)
	},
	ImportChangeGroup: func(from, to string) string {
		return viFmt.sprintf("mục %s → %s", from, to)
	},
	ImportChangeDecision: func(decision, what string) string {
		return viFmt.sprintf("%s theo quyết định %s", what, decision)
	},
	ImportChangeEarlier: func(what, decision string) string {
		return viFmt.sprintf("%s giữ nguyên theo quyết định mới hơn %s; số của tệp được lưu vào lịch sử", what, decision)
	},
	ImportChangeSet: func(label, value string) string {
		return viFmt.sprintf("%s: %s", label, value)
	},
	ImportChangeFigure: func(label, from, to string) string {
		return viFmt.sprintf("%s: %s → %s", label, from, to)
	},
	ImportChangeOrder: func(from, to string) string {
		return viFmt.sprintf("thứ tự %s → %s", from, to)
	},
	ImportTopLevel: "toàn Đảng bộ",
	ImportNone:     "chưa giao",
	ImportNoTotal:  "chưa có",
	ImportMore: func(n int) string {
		return viFmt.sprintf("… và %d tổ chức khác", n)
	},
	ImportTotalDry: func(created, updated, unchanged, quotas int) string {
		return viFmt.sprintf("<b>Sẽ có:</b> %d tổ chức mới, %d tổ chức cập nhật, %d không đổi; %d chỉ tiêu thay đổi.", created, updated, unchanged, quotas)
	},
	ImportTotalDone: func(created, updated, unchanged, quotas int) string {
		return viFmt.sprintf("<b>Kết quả:</b> %d tổ chức mới, %d tổ chức cập nhật, %d không đổi; %d chỉ tiêu thay đổi. Gõ /status để xem.", created, updated, unchanged, quotas)
	},
	ImportIdentical: "Không có thay đổi: tệp giống hệt dữ liệu hiện có.",
	ImportDryHint:   "Gửi lại tệp không kèm chú thích \"thử\" để nhập thật.",
	ImportNotAdmin:  "Chỉ quản trị viên mới nhập được danh sách chỉ tiêu.",
	ImportWrongType: "Bot chỉ nhận tệp .xlsx, .ods hoặc .csv (danh sách tổ chức và chỉ tiêu).",
	ImportTooBig:    "Tệp quá lớn (tối đa 20 MB).",
	ExportCaption: func(year, date string) string {
		return viFmt.sprintf("Bảng tổng hợp kết nạp đảng viên năm %s (đến %s)", year, date)
	},
	ExportTitle: func(year, date string) string {
		return viFmt.sprintf("TỔNG HỢP KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM %s (đến ngày %s)", year, date)
	},
	ExportTotal:   "Toàn Đảng bộ",
	ExportBadYear: "Cách dùng: <code>/export</code> hoặc <code>/export 2025</code>",
	ColParent:     "Trực thuộc",
	ColCode:       "Mã",
	ColName:       "Tên tổ chức",
	ColQuota:      "Chỉ tiêu",
	ColAdmitted:   "Đã kết nạp",
	ColPercent:    "Tỷ lệ",
	ColExpected:   "Cần đạt đến nay",
	ColShortfall:  "Còn thiếu",
	ColStatus:     "Đánh giá",
	StExceeded:    "Vượt chỉ tiêu",
	StMet:         "Hoàn thành",
	StOnPace:      "Đúng tiến độ",
	StBehind:      "Chậm tiến độ",
	StNoQuota:     "Chưa giao chỉ tiêu",
	ChartTitle: func(year, date string) string {
		return viFmt.sprintf("Tiến độ kết nạp đảng viên năm %s (đến %s)", year, date)
	},
	ChartPercent:  "% chỉ tiêu",
	ChartExpected: "Tiến độ cần đạt",
	ChartMore: func(n int) string {
		return viFmt.sprintf("… %d tổ chức khác …", n)
	},
	OrgUsage: "Cách dùng: <code>/org MA_TO_CHUC</code>, <code>/org MA_TO_CHUC off</code> hoặc <code>/org MA_TO_CHUC on</code>",
	OrgCard: func(org, code, parent, state, year string, quota, admitted int, secretaries string) string {
		return viFmt.sprintf("<b>%s</b> (<code>%s</code>)\nTrực thuộc: %s\nTrạng thái: %s\nNăm %s: chỉ tiêu %d, đã kết nạp %d\nBí thư: %s", org, code, parent, state, year, quota, admitted, secretaries)
	},
	OrgActive:        "đang hoạt động",
	OrgInactiveState: "đã ngừng hoạt động",
	OrgTop:           "toàn Đảng bộ",
	OrgNone:          "chưa có",
	OrgDeactivated: func(org string) string {
		return viFmt.sprintf("Đã ngừng hoạt động <b>%s</b>: không nhận báo cáo mới, không nhắc việc; lịch sử được giữ nguyên.", org)
	},
	OrgReactivated: func(org string) string {
		return viFmt.sprintf("<b>%s</b> hoạt động trở lại.", org)
	},
	UsersHead: func(n int) string {
		return viFmt.sprintf("<b>Người dùng đã đăng ký</b> (%d):", n)
	},
	UsersItem: func(name, role, orgs, id, blocked string) string {
		return viFmt.sprintf("• %s — %s%s (<code>%s</code>)%s", name, role, orgs, id, blocked)
	},
	UsersUnreachable: " ⚠️ đã chặn bot",
	RevokeUsage:      "Cách dùng: <code>/revoke MÃ_TELEGRAM</code> (xem mã bằng /users).",
	RevokeUnknown: func(id string) string {
		return viFmt.sprintf("Không có người dùng mã <code>%s</code>.", id)
	},
	RevokeConfigAdmin: func(id string) string {
		return viFmt.sprintf("Người dùng <code>%s</code> là quản trị trong tệp cấu hình; bỏ khỏi mục admins rồi khởi động lại bot.", id)
	},
	RevokeSelf: "Đồng chí không thể tự thu hồi quyền của mình.",
	Revoked: func(name, id, role string) string {
		return viFmt.sprintf("Đã thu hồi quyền truy cập của %s (<code>%s</code>, %s). Các báo cáo của người này vẫn được giữ.", name, id, role)
	},
	CandUsage:       "Quản lý nguồn kết nạp (quần chúng ưu tú):\n<code>/nguon</code> — danh sách, có nút bấm\n<code>/nguon them Họ Tên; doan</code> — thêm (nguồn: doan, congdoan, dangvien, khac)\n<code>/nguon hoc Họ Tên; 15/03/2026</code> — đã học lớp bồi dưỡng nhận thức về Đảng\n<code>/nguon gioithieu Họ Tên</code> — đã được giới thiệu\n<code>/nguon hoso Họ Tên</code> — đã nộp hồ sơ\n<code>/nguon loai Họ Tên; lý do</code> — loại khỏi nguồn\nKhi kết nạp, báo cáo bằng /report với đúng họ tên.",
	CandReaderUsage: "Cách dùng: <code>/nguon MA_TO_CHUC</code> — danh sách nguồn của một tổ chức.",
	CandListHead: func(org string) string {
		return viFmt.sprintf("<b>Nguồn kết nạp — %s</b>", org)
	},
	CandListItem: func(n int, name, stage, source string) string {
		return viFmt.sprintf("%d. %s — %s (%s)", n, name, stage, source)
	},
	CandListEmpty: "Chưa có quần chúng nào trong nguồn. Thêm bằng: <code>/nguon them Họ Tên; doan</code>",
	CandListClosed: func(n int) string {
		return viFmt.sprintf("Đã kết nạp hoặc đã loại: %d", n)
	},
	CandAdded: func(name, source, stage string) string {
		return viFmt.sprintf("Đã thêm <b>%s</b> vào nguồn (%s), giai đoạn: %s.", name, source, stage)
	},
	CandMoved: func(name, stage string) string {
		return viFmt.sprintf("<b>%s</b>: %s.", name, stage)
	},
	CandDropped: func(name, reason string) string {
		return viFmt.sprintf("Đã loại <b>%s</b> khỏi nguồn. Lý do: %s", name, reason)
	},
	CandNotFound: func(name string) string {
		return viFmt.sprintf("Không có <b>%s</b> trong nguồn của tổ chức. Gõ /nguon để xem danh sách.", name)
	},
	CandDuplicate: func(name, stage string) string {
		return viFmt.sprintf("<b>%s</b> đã có trong nguồn (%s).", name, stage)
	},
	CandBadSource: "Nguồn giới thiệu chưa đúng. Dùng: doan (Đoàn Thanh niên), congdoan (Công đoàn), dangvien (Đảng viên giới thiệu), khac (Khác).",
	CandStageOrder: func(name, stage string) string {
		return viFmt.sprintf("Chưa chuyển được: <b>%s</b> đang ở giai đoạn \"%s\"; các giai đoạn đi lần lượt: quần chúng ưu tú → học lớp bồi dưỡng → được giới thiệu → nộp hồ sơ → kết nạp.", name, stage)
	},
	CandStageClosed: func(name, stage string) string {
		return viFmt.sprintf("<b>%s</b> không còn trong nguồn (%s).", name, stage)
	},
	CandNeedDate:   "Cần ngày học lớp, ví dụ: <code>/nguon hoc Họ Tên; 15/03/2026</code>",
	CandNeedReason: "Cần lý do loại, ví dụ: <code>/nguon loai Họ Tên; chuyển công tác</code>",
	CandErased: func(id string) string {
		return viFmt.sprintf("Đã xóa hồ sơ nguồn số %s. Nhật ký chỉ ghi nhận việc xóa.", id)
	},
	CandEraseUsage: "Cách dùng: <code>/nguon xoa SỐ</code> (chỉ xóa được người đã loại khỏi nguồn).",
	CandNotDropped: "Chỉ xóa được hồ sơ của người đã loại khỏi nguồn.",
	CandPrivate:    "Danh sách nguồn chỉ xem được trong cuộc trò chuyện riêng.",
	CandNotYours:   "Đồng chí không theo dõi tổ chức này.",
	CandPick:       "Chọn một người để chuyển giai đoạn hoặc loại khỏi nguồn:",
	CandCard: func(name, stage, source string) string {
		return viFmt.sprintf("<b>%s</b> — %s\nNguồn: %s", name, stage, source)
	},
	CandAskName: "Nhập <b>họ và tên</b> quần chúng ưu tú:",
	CandAskSource: func(name string) string {
		return viFmt.sprintf("<b>%s</b> do ai giới thiệu, bồi dưỡng?", name)
	},
	CandAskClass: func(name string) string {
		return viFmt.sprintf("Ngày <b>%s</b> học lớp bồi dưỡng nhận thức về Đảng? Gõ dd/mm/yyyy hoặc bấm Hôm nay.", name)
	},
	CandAskReason: func(name string) string {
		return viFmt.sprintf("Lý do loại <b>%s</b> khỏi nguồn?", name)
	},
	BtnAddCandidate:     "➕ Thêm nguồn",
	BtnDrop:             "Loại khỏi nguồn",
	ReportFromCandidate: " (từ nguồn)",
	PipelineLine: func(advanced, ifAll, quota int) string {
		return viFmt.sprintf("Nguồn đã được giới thiệu trở lên: %d; nếu kết nạp hết: %d/%d", advanced, ifAll, quota)
	},
	RemindAtRisk: "⚠️ Kể cả khi kết nạp hết nguồn đã giới thiệu vẫn chưa đủ chỉ tiêu: cần phát triển thêm nguồn.",
	RemindAtRiskTerm: func(term string) string {
		return viFmt.sprintf("⚠️ Kể cả khi kết nạp hết nguồn đã giới thiệu vẫn chưa đủ chỉ tiêu giai đoạn %s: cần phát triển thêm nguồn.", term)
	},
	AtRiskOrg: func(short int) string {
		return viFmt.sprintf("⚠️ <b>Nguy cơ không hoàn thành chỉ tiêu</b>: kể cả khi kết nạp hết nguồn đã giới thiệu vẫn thiếu %d. Cần phát triển thêm nguồn.", short)
	},
	AtRiskCommittee: func(n int) string {
		return viFmt.sprintf("⚠️ Nguy cơ không hoàn thành (kể cả khi kết nạp hết nguồn đã giới thiệu): <b>%d</b> tổ chức", n)
	},
	AtRiskItem: func(org, code string, admitted, quota, candidates, short int) string {
		return viFmt.sprintf("• %s (<code>%s</code>): %d/%d, nguồn %d, thiếu %d", org, code, admitted, quota, candidates, short)
	},
	SourcesLine: func(sources string) string {
		return viFmt.sprintf("Nguồn theo nơi giới thiệu: %s", sources)
	},
	ConversionLine: func(year string, admitted, introduced int, percent string) string {
		return viFmt.sprintf("Giới thiệu năm %s → đã kết nạp: %d/%d (%s)", year, admitted, introduced, percent)
	},
	ProbationHead: "<b>Sắp hết thời gian dự bị</b> (cần xét công nhận đảng viên chính thức):",
	ProbationItem: func(name, admitted, ends, late string) string {
		return viFmt.sprintf("• %s — kết nạp %s, hết dự bị %s%s", name, admitted, ends, late)
	},
	ProbationOverdue: " ⚠️ quá hạn",
	ProbationAhead: func(name, org, admitted, ends string) string {
		return viFmt.sprintf("📅 <b>Sắp hết thời gian dự bị</b>\nĐồng chí <b>%[1]s</b> (%[2]s) kết nạp ngày %[3]s, hết 12 tháng dự bị ngày <b>%[4]s</b>. Đề nghị %[5]s chuẩn bị xét công nhận đảng viên chính thức, rồi ghi nhận bằng:\n<code>/chinhthuc %[1]s; dd/mm/yyyy; số quyết định</code>", name, org, admitted, ends, viKind(org))
	},
	ProbationDue: func(name, org, admitted, ends string) string {
		return viFmt.sprintf("⏰ <b>Hôm nay hết thời gian dự bị</b>\nĐồng chí <b>%[1]s</b> (%[2]s) kết nạp ngày %[3]s, hết dự bị hôm nay (%[4]s). Đề nghị %[5]s xét công nhận đảng viên chính thức và ghi nhận:\n<code>/chinhthuc %[1]s; dd/mm/yyyy; số quyết định</code>", name, org, admitted, ends, viKind(org))
	},
	ProbationLate: func(name, org, admitted, ended string) string {
		return viFmt.sprintf("⚠️ <b>Quá hạn xét đảng viên chính thức</b>\nĐồng chí <b>%[1]s</b> (%[2]s) kết nạp ngày %[3]s, đã hết dự bị từ %[4]s mà chưa có quyết định công nhận. Đề nghị %[5]s xét và ghi nhận:\n<code>/chinhthuc %[1]s; dd/mm/yyyy; số quyết định</code>", name, org, admitted, ended, viKind(org))
	},
	ProbationEscalate: func(org, code, name, ended string) string {
		return viFmt.sprintf("⚠️ <b>Quá hạn xét đảng viên chính thức</b>: %s (<code>%s</code>) — đồng chí %s, hết dự bị %s, chưa có quyết định công nhận.", org, code, name, ended)
	},
	OfficialUsage: "Ghi nhận quyết định công nhận đảng viên chính thức:\n<code>/chinhthuc Họ Tên; dd/mm/yyyy; số quyết định</code>",
	OfficialNotFound: func(name string) string {
		return viFmt.sprintf("Không tìm thấy đảng viên dự bị <b>%s</b> của tổ chức đang chờ xét chính thức.", name)
	},
	OfficialDone: func(name, date, decision string) string {
		return viFmt.sprintf("Đã ghi nhận: <b>%s</b> được công nhận đảng viên chính thức ngày %s%s.", name, date, decision)
	},
	RatingHead: func(year string) string {
		return viFmt.sprintf("<b>Bảng tham khảo mức hoàn thành chỉ tiêu kết nạp năm %s</b>\n<i>Chỉ là căn cứ tham khảo cho đánh giá, xếp loại chất lượng, không phải kết quả xếp loại.</i>", year)
	},
	RatingBandLine: func(band, from string, n int) string {
		return viFmt.sprintf("<b>%s</b> (từ %s): %d tổ chức", band, from, n)
	},
	ChartBadYear:    "Cách dùng: <code>/chart</code> hoặc <code>/chart 2025</code>",
	CandFutureClass: "Ngày học lớp ở tương lai.",
	RatingBadYear:   "Cách dùng: <code>/rating</code> hoặc <code>/rating 2025</code>",
	SheetRating:     "Tham khảo xếp loại",
	SheetPipeline:   "Nguồn",
	ColBand:         "Mức (tham khảo)",
	ColAdvanced:     "Nguồn đã giới thiệu",
	ColAtRisk:       "Nguy cơ",
	ColIntroYear:    "Giới thiệu trong năm",
	ColAdmittedFrom: "Đã kết nạp từ số đó",
	ColConversion:   "Tỷ lệ chuyển",
	Yes:             "Có",
	BtnToday:        "Hôm nay",
	BtnYesterday:    "Hôm qua",
	BtnSkip:         "Bỏ qua",
	BtnConfirm:      "✅ Ghi nhận",
	BtnCancel:       "Hủy",

	ReportSimilar: func(name, date string) string {
		return viFmt.sprintf("  ⚠️ Cùng ngày đã có <b>%s</b> (%s), tên chỉ khác dấu. Nếu gõ nhầm, gõ /undo để hủy.", name, date)
	},
	StatusTerm: func(term string, admitted, quota int, percent, due string) string {
		return viFmt.sprintf("Giai đoạn %s: <b>%d/%d</b> (%s), cần đạt %s đến nay", term, admitted, quota, percent, due)
	},
	StatusTermExceeded: func(term string, admitted, quota int, percent string) string {
		return viFmt.sprintf("Giai đoạn %s: <b>%d/%d</b> (%s) — ✅ vượt chỉ tiêu giai đoạn", term, admitted, quota, percent)
	},
	StatusTermMet: func(term string, admitted, quota int, percent string) string {
		return viFmt.sprintf("Giai đoạn %s: <b>%d/%d</b> (%s) — ✅ đã hoàn thành chỉ tiêu giai đoạn", term, admitted, quota, percent)
	},
	StatusTermShort: func(term string, expected, short int) string {
		return viFmt.sprintf("Giai đoạn %s: theo tiến độ đến nay cần %d; còn thiếu <b>%d</b>", term, expected, short)
	},
	StatusTermOrgs: func(withQuota, met, behind int) string {
		return viFmt.sprintf("Chỉ tiêu giai đoạn: %d tổ chức; <b>%d</b> hoàn thành; <b>%d</b> chậm tiến độ", withQuota, met, behind)
	},
	StatusPrior: func(years string, admitted, average int, percent string) string {
		return viFmt.sprintf("Các năm %s: đã kết nạp <b>%d</b>, bình quân mỗi năm <b>%d</b> (%s)", years, admitted, average, percent)
	},
	StatusPriorOne: func(year string, admitted int) string {
		return viFmt.sprintf("Năm %s: đã kết nạp <b>%d</b>", year, admitted)
	},
	StatusBaseReach: func(reached, total int) string {
		return viFmt.sprintf("Số tổ chức cơ sở đảng kết nạp được đảng viên mới: <b>%d/%d</b>", reached, total)
	},
	StatusBaseNone: func(orgs string) string {
		return viFmt.sprintf("Chưa kết nạp được đảng viên nào: %s", orgs)
	},
	StatusBaseMore: func(n int) string {
		return viFmt.sprintf("và %d tổ chức khác", n)
	},
	StatusTermHead: func(term, date string) string {
		return viFmt.sprintf("<b>Tiến độ kết nạp giai đoạn %s — toàn Đảng bộ</b> (đến %s)", term, date)
	},
	StatusTermOrgHead: func(term, org, date string) string {
		return viFmt.sprintf("<b>Tiến độ kết nạp giai đoạn %s — %s</b> (đến %s)", term, org, date)
	},
	StatusSpanHead: func(years, org string) string {
		return viFmt.sprintf("<b>Kết nạp đảng viên các năm %s — %s</b>", years, org)
	},
	StatusSpanTotal: func(admitted, average int, percent string) string {
		return viFmt.sprintf("Tổng cộng: <b>%d</b>; bình quân mỗi năm <b>%d</b> (%s)", admitted, average, percent)
	},
	StatusYearItem: func(year string, admitted, quota int, percent, source string) string {
		return viFmt.sprintf("• Năm %s: %d/%d (%s)%s", year, admitted, quota, percent, source)
	},
	StatusYearItemNq: func(year string, admitted int, source string) string {
		return viFmt.sprintf("• Năm %s: %d%s", year, admitted, source)
	},
	StatusYearTotal: " <i>(số liệu tổng hợp)</i>",
	StatusTermNone: func(term string) string {
		return viFmt.sprintf("Giai đoạn %s chưa giao chỉ tiêu; số đã kết nạp các năm:", term)
	},
	AtRiskTermOrg: func(term string, short int) string {
		return viFmt.sprintf("⚠️ <b>Nguy cơ không hoàn thành chỉ tiêu giai đoạn %s</b>: kể cả khi kết nạp hết nguồn đã giới thiệu vẫn thiếu %d.", term, short)
	},
	AtRiskTermCommittee: func(term string, n int) string {
		return viFmt.sprintf("⚠️ Nguy cơ không hoàn thành chỉ tiêu giai đoạn %s: <b>%d</b> tổ chức", term, n)
	},
	RemindTermText: func(term, org string, admitted, quota int, percent, date string, expected, short int) string {
		return viFmt.sprintf("🔔 <b>Nhắc việc: kết nạp đảng viên giai đoạn %s</b>\n<b>%s</b> đã kết nạp <b>%d/%d</b> (%s) chỉ tiêu giai đoạn.\nTheo tiến độ, đến %s cần kết nạp %d: <b>còn thiếu %d so với tiến độ</b>.\nĐề nghị %s tập trung phát triển đảng viên và báo cáo kết nạp bằng lệnh /report.", term, org, admitted, quota, percent, date, expected, short, viKind(org))
	},
	RemindTermLine: func(term string, admitted, quota int, percent string, expected, short int) string {
		return viFmt.sprintf("Giai đoạn %s: đã kết nạp %d/%d (%s); đến nay cần %d, còn thiếu <b>%d</b>.", term, admitted, quota, percent, expected, short)
	},
	DigestNoAdmission: func(year string, n int) string {
		return viFmt.sprintf("<b>Chưa kết nạp được đảng viên nào năm %s</b> (%d tổ chức):", year, n)
	},
	DigestNoneItem: func(org, code string) string {
		return viFmt.sprintf("• %s (<code>%s</code>)", org, code)
	},
	HistoryHead: func(org string) string {
		return viFmt.sprintf("<b>Kết nạp đảng viên qua các năm — %s</b>", org)
	},
	HistoryCommittee: "toàn Đảng bộ",
	HistoryEmpty:     "Chưa có số liệu kết nạp của năm nào.",
	HistoryBadArgs:   "Cách dùng: <code>/history</code>, <code>/history MA_TO_CHUC</code>, <code>/history 2013-2019</code> hoặc <code>/history MA_TO_CHUC 2013-2019</code>",
	HistoryChartTitle: func(org string) string {
		return viFmt.sprintf("Kết nạp đảng viên qua các năm — %s", org)
	},
	HistoryChartQuota: "Chỉ tiêu",
	HistoryChartNamed: "Đã kết nạp",
	HistoryChartTotal: "Số liệu tổng hợp (không có danh sách)",
	HistoryChartAvg: func(years, average string) string {
		return viFmt.sprintf("Bình quân %s: %s/năm", years, average)
	},
	HistoryChartCount: "Số đảng viên kết nạp",
	OrgQuotaLine: func(period string, quota int, decision string) string {
		return viFmt.sprintf("Chỉ tiêu %s: %d%s", period, quota, decision)
	},
	OrgTerm: func(term string) string {
		return viFmt.sprintf("giai đoạn %s", term)
	},
	OrgDecision: func(decision string) string {
		return viFmt.sprintf(" (theo Quyết định %s)", decision)
	},
	OrgEarlier: func(values string) string {
		return viFmt.sprintf("  trước đó: %s", values)
	},
	OrgEarlierItem: func(quota int, decision string) string {
		return viFmt.sprintf("%d%s", quota, decision)
	},
	SheetTerm: func(term string) string {
		return viFmt.sprintf("Giai đoạn %s", term)
	},
	SheetDecisions:  "Quyết định giao chỉ tiêu",
	SheetYears:      "Các năm",
	ColTermQuota:    "Chỉ tiêu giai đoạn",
	ColDecision:     "Quyết định",
	ColDecisionDate: "Ngày quyết định",
	ColPeriod:       "Năm / giai đoạn",
	ColEarlier:      "Các giá trị trước",
	ColYear:         "Năm",
	ColSource:       "Nguồn số liệu",
	SourceNamed:     "Danh sách kết nạp",
	SourceTotal:     "Số liệu tổng hợp",
	SourceNone:      "Chưa có",
	RemindBlocked: func(n int, orgs string) string {
		return viFmt.sprintf("%d tổ chức chậm tiến độ có bí thư đã chặn bot, không nhận được tin nhắc: %s", n, orgs)
	},
	RemindHeld: func(from string) string {
		return "Đang ngoài giờ gửi tin (ban đêm hoặc ngày nghỉ): các tin nhắc sẽ được gửi từ " + from + "."
	},
	UnremindedHead: "<b>Tổ chức chậm tiến độ không nhắc được</b> (không tính vào số lần đã nhắc):",
	UnremindedBlocked: func(n int) string {
		return viFmt.sprintf("Bí thư đã chặn bot (%d):", n)
	},
	UnremindedNoSecretary: func(n int) string {
		return viFmt.sprintf("Chưa có bí thư đăng ký nhận tin (%d):", n)
	},
	UnremindedItem: func(org, code string) string {
		return viFmt.sprintf("• %s (<code>%s</code>)", org, code)
	},
	SimilarCandidate: func(name, stage string) string {
		return viFmt.sprintf("⚠️ Trong nguồn đã có <b>%s</b> (%s), tên chỉ khác dấu: nếu là cùng một người, hãy loại bản ghi gõ nhầm.", name, stage)
	},
	CandAmbiguous: func(name string) string {
		return viFmt.sprintf("Có nhiều người trong nguồn trùng tên <b>%s</b> khi bỏ dấu. Hãy gõ họ tên có dấu.", name)
	},
	PrBlank: "…",
	PrParty: "ĐẢNG CỘNG SẢN VIỆT NAM",
	PrNumber: func(issuer string) string {
		return viFmt.sprintf("Số      -BC/%s", issuer)
	},
	PrPlaceDate: func(place, day, month, year string) string {
		return viFmt.sprintf("%s, ngày %s tháng %s năm %s", place, day, month, year)
	},
	PrKind: "BÁO CÁO",
	PrSubject: func(year string) string {
		return viFmt.sprintf("tình hình thực hiện chỉ tiêu kết nạp đảng viên năm %s", year)
	},
	PrIntro: func(committee, year, date string) string {
		return viFmt.sprintf("Ban Tổ chức báo cáo Ban Thường vụ %s tình hình kết nạp đảng viên năm %s, số liệu tính đến ngày %s, như sau:", committee, year, date)
	},
	PrHResults: "I. KẾT QUẢ KẾT NẠP ĐẢNG VIÊN",
	PrHistory: func(from, to string, admitted, average int) string {
		return viFmt.sprintf("Từ năm %s đến năm %s, toàn Đảng bộ kết nạp được %d đảng viên, bình quân mỗi năm khoảng %d đảng viên.", from, to, admitted, average)
	},
	PrHistoryOne: func(year string, admitted int) string {
		return viFmt.sprintf("Năm %s, toàn Đảng bộ kết nạp được %d đảng viên.", year, admitted)
	},
	PrYear: func(year, date string, admitted int, percent string, quota int) string {
		return viFmt.sprintf("Năm %s, tính đến ngày %s, toàn Đảng bộ kết nạp được %d đảng viên, bằng %s kế hoạch năm (%d đảng viên)", year, date, admitted, percent, quota)
	},
	PrYearNq: func(year, date string, admitted int) string {
		return viFmt.sprintf("Năm %s, tính đến ngày %s, toàn Đảng bộ kết nạp được %d đảng viên; chưa giao chỉ tiêu năm", year, date, admitted)
	},
	PrYearLast: func(admitted int) string {
		return viFmt.sprintf("; cùng kỳ năm trước kết nạp được %d đảng viên", admitted)
	},
	PrExpected: func(expected, remaining int) string {
		return viFmt.sprintf("Theo tiến độ, đến nay cần kết nạp %d đảng viên; để hoàn thành kế hoạch năm còn phải kết nạp %d đảng viên.", expected, remaining)
	},
	PrOrgsMet: func(met, withQuota int, orgs string) string {
		return viFmt.sprintf("Có %d/%d tổ chức cơ sở đảng được giao chỉ tiêu đã hoàn thành chỉ tiêu năm: %s.", met, withQuota, orgs)
	},
	PrOrgsMetNone: func(withQuota int) string {
		return viFmt.sprintf("Chưa có tổ chức cơ sở đảng nào hoàn thành chỉ tiêu năm (%d tổ chức được giao chỉ tiêu).", withQuota)
	},
	PrOrgsBehind: func(n int, orgs string) string {
		return viFmt.sprintf("Có %d tổ chức cơ sở đảng chậm tiến độ, chậm nhất là: %s.", n, orgs)
	},
	PrOrgBehind: func(org string, admitted, quota, short int) string {
		return viFmt.sprintf("%s (%d/%d, thiếu %d)", org, admitted, quota, short)
	},
	PrOrgsRisk: func(n int, orgs string) string {
		return viFmt.sprintf("Có %d tổ chức cơ sở đảng có nguy cơ không hoàn thành chỉ tiêu dù kết nạp hết số quần chúng đã được giới thiệu: %s.", n, orgs)
	},
	PrOrgRisk: func(org string, short int) string {
		return viFmt.sprintf("%s (còn thiếu %d)", org, short)
	},
	PrOrgsNone: func(n int, orgs string) string {
		return viFmt.sprintf("; có %d tổ chức được giao chỉ tiêu chưa kết nạp được đảng viên nào: %s", n, orgs)
	},
	PrMore: func(n int) string {
		return viFmt.sprintf("và %d tổ chức khác", n)
	},
	PrHPipeline: "II. NGUỒN KẾT NẠP VÀ ĐẢNG VIÊN DỰ BỊ",
	PrPipeline: func(candidates int, sources string, advanced int) string {
		return viFmt.sprintf("Hiện có %d quần chúng ưu tú trong nguồn kết nạp (%s); trong đó %d người đã được giới thiệu hoặc đã nộp hồ sơ.", candidates, sources, advanced)
	},
	PrSource: func(source string, n int) string {
		return viFmt.sprintf("%s: %d", source, n)
	},
	PrPipelineNone: "Chưa có quần chúng ưu tú nào được ghi nhận trong nguồn kết nạp.",
	PrProbation: func(n int, date string, overdue int) string {
		return viFmt.sprintf("Có %d đảng viên dự bị hết thời gian dự bị đến ngày %s cần xét công nhận đảng viên chính thức, trong đó %d trường hợp đã quá hạn.", n, date, overdue)
	},
	PrProbationNone: func(date string) string {
		return viFmt.sprintf("Không có đảng viên dự bị nào hết thời gian dự bị đến ngày %s.", date)
	},
	PrHProposals: "III. NHẬN XÉT VÀ ĐỀ XUẤT",
	PrProposals:  "(Ban Tổ chức bổ sung nhận xét, nguyên nhân và đề xuất.)",
	PrClosing:    "Ban Tổ chức kính báo cáo Ban Thường vụ.",
	PrRecipients: "Nơi nhận:",
	PrAnnexTitle: func(year string) string {
		return viFmt.sprintf("KẾT QUẢ THỰC HIỆN CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM %s CỦA CÁC TỔ CHỨC CƠ SỞ ĐẢNG", year)
	},
	PrAnnexNote: func(issuer, date string) string {
		return viFmt.sprintf("(Kèm theo Báo cáo số      -BC/%s, số liệu đến ngày %s)", issuer, date)
	},
	PrColNo:       "STT",
	PrColOrg:      "Tổ chức cơ sở đảng",
	PrColAdvanced: "Nguồn đã giới thiệu",
	PrAtRisk:      "; nguy cơ không đạt",
	PrTerm: func(term, date string, admitted int, percent string, quota, expected int) string {
		return viFmt.sprintf("Giai đoạn %s, tính đến ngày %s, toàn Đảng bộ kết nạp được %d đảng viên, bằng %s chỉ tiêu giai đoạn (%d đảng viên); theo tiến độ, đến nay cần đạt %d đảng viên.", term, date, admitted, percent, quota, expected)
	},
	PrTermMet: func(term, date string, admitted int, percent string, quota int) string {
		return viFmt.sprintf("Giai đoạn %s, tính đến ngày %s, toàn Đảng bộ kết nạp được %d đảng viên, bằng %s chỉ tiêu giai đoạn (%d đảng viên), đã hoàn thành chỉ tiêu giai đoạn.", term, date, admitted, percent, quota)
	},
	PrTermRisk: func(n int, term string) string {
		return viFmt.sprintf("Có %d tổ chức cơ sở đảng có nguy cơ không hoàn thành chỉ tiêu giai đoạn %s.", n, term)
	},
	PrColTerm: func(term string) string { return "Giai đoạn " + term },
	PrTermCell: func(admitted, quota int, percent string) string {
		return viFmt.sprintf("%d/%d (%s)", admitted, quota, percent)
	},
	PrOrgsAdmitting: func(admitting, bases int) string {
		return viFmt.sprintf("Số tổ chức cơ sở đảng kết nạp được đảng viên mới trong năm: %d/%d", admitting, bases)
	},

	DraftBadYear: "Năm chưa đúng. Ví dụ: <code>/draft</code> hoặc <code>/draft 2025</code>",
	DraftCaption: func(year, date string) string {
		return viFmt.sprintf("Dự thảo báo cáo Ban Thường vụ về kết nạp đảng viên năm %s, số liệu đến ngày %s. Tệp Word để chỉnh sửa và ghi số văn bản.", year, date)
	},
	DraftCaptionPDF: func(year, date string) string {
		return viFmt.sprintf("Bản PDF để đọc trên điện thoại (năm %s, số liệu đến ngày %s).", year, date)
	},
	DraftFile:  func(year string) string { return "bao-cao-ket-nap-" + year },
	ExportFile: func(year string) string { return "ket-nap-" + year },
	ChartFile:  func(year string) string { return "tien-do-" + year },

	AdmBadFile: func(file, problem string) string {
		return viFmt.sprintf("Không đọc được tệp <b>%s</b> như danh sách đảng viên kết nạp: %s", file, problem)
	},
	AdmRefused: func(file string, lines int) string {
		return viFmt.sprintf("Chưa nhập tệp <b>%s</b>, không có gì thay đổi, vì có %d dòng chưa đúng:", file, lines)
	},
	AdmDone: func(file string, added int, years string, known int) string {
		return viFmt.sprintf("Đã nhập tệp <b>%s</b>: ghi nhận %d người được kết nạp (năm %s); %d người đã có trong dữ liệu, giữ nguyên.", file, added, years, known)
	},
	AdmDry: func(file string, added int, years string, known int) string {
		return viFmt.sprintf("Chạy thử, chưa lưu gì: tệp <b>%s</b> sẽ ghi nhận %d người được kết nạp (năm %s); %d người đã có trong dữ liệu.", file, added, years, known)
	},
	AdmOrg: func(org string, added int) string { return viFmt.sprintf("• %s: %d", org, added) },
	AdmSimilar: func(line int, name, recorded, date string) string {
		return viFmt.sprintf("⚠️ Dòng %d: <b>%s</b> được ghi bên cạnh <b>%s</b> cùng ngày %s, tên chỉ khác dấu: hai người khác nhau, hay gõ nhầm?", line, name, recorded, date)
	},
	ErrNoOrg:             "Thiếu tổ chức (mã hoặc tên).",
	ErrUnknownOrg:        "Không có tổ chức nào có mã hoặc tên này.",
	ErrAmbiguousOrg:      "Có nhiều tổ chức cùng tên này, hãy ghi mã tổ chức.",
	ErrInactiveOrg:       "Tổ chức này đã ngừng hoạt động.",
	ErrNoDate:            "Thiếu ngày kết nạp.",
	ErrBirthLate:         "Ngày sinh sau ngày kết nạp.",
	ErrTooYoung:          "Người này chưa đủ 18 tuổi vào ngày kết nạp.",
	ErrDupInFile:         func(first string) string { return "Trùng với dòng " + first + " trong tệp." },
	HelpImportAdmissions: "Gửi tệp .xlsx hoặc .csv danh sách đảng viên được kết nạp (mã hoặc tên tổ chức, họ và tên, ngày kết nạp, số quyết định, ngày sinh) để nhập (ghi chú \"thử\" để chạy thử).",

	StatusDeactivated: func(n int) string {
		return viFmt.sprintf("Không tính %d tổ chức đã ngừng hoạt động.", n)
	},
	StatusOrgDeactivated: "Tổ chức đã ngừng hoạt động: số liệu dưới đây là lịch sử, không tính vào tổng.",
	OfficialEarly: func(name, admitted, from string) string {
		return viFmt.sprintf("Chưa hết 12 tháng dự bị: đồng chí <b>%s</b> kết nạp ngày %s, chỉ được công nhận đảng viên chính thức từ ngày <b>%s</b>.", name, admitted, from)
	},
	OfficialFuture: "Ngày công nhận không được ở tương lai.",
	ExportOwn: func(name string) string {
		return viFmt.sprintf("%s — riêng (không gồm tổ chức trực thuộc)", name)
	},
	ExportSubtotal: func(name string) string {
		return viFmt.sprintf("Cộng %s (gồm các tổ chức trực thuộc)", name)
	},
	ErrMessageTooLong: func(lines, max int) string {
		return viFmt.sprintf("Tin nhắn có %d dòng; mỗi lần báo cáo tối đa %d dòng, hãy chia thành nhiều tin nhắn.", lines, max)
	},
	ErrDateOtherOrder: func(input, meant string) string {
		return viFmt.sprintf("Ngày %s viết theo thứ tự năm-tháng-ngày; hãy viết ngày/tháng/năm: %s.", input, meant)
	},
	ErrDateYear: func(year, min, max string) string {
		return viFmt.sprintf("Năm %s của ngày nằm ngoài khoảng %s–%s.", year, min, max)
	},
	ErrYearRange: func(year, from, to string) string {
		return viFmt.sprintf("Năm %s nằm ngoài khoảng có số liệu: từ %s đến %s.", year, from, to)
	},
	ErrBadYear:    "Năm viết bằng 4 chữ số, ví dụ 2025.",
	ReportRefused: "Chưa ghi nhận gì:",
	ReportCellHasSecretary: func(org string) string {
		return viFmt.sprintf("<b>%s</b> có bí thư đăng ký riêng; việc báo cáo kết nạp của tổ chức đó do đồng chí bí thư ấy thực hiện.", org)
	},
	ReportNotAssigned: func(org string) string {
		return viFmt.sprintf("<b>%s</b> không trực thuộc tổ chức của đồng chí, nên đồng chí không báo cáo thay được.", org)
	},
	UndoUsage: "Lệnh /undo không kèm số hay tên: nó hủy toàn bộ báo cáo của tin nhắn gần nhất. Để sửa hoặc hủy một người khác, dùng /sua.",
	UndoBatch: func(n int, org string) string {
		return viFmt.sprintf("Đã hủy cả %d người của tin nhắn báo cáo gần nhất vào <b>%s</b>:", n, org)
	},
	UndoKept:     "Các bản ghi vẫn được lưu trong nhật ký.",
	CorrectUsage: "Cách dùng: <code>/sua</code>, <code>/sua 2025</code> hoặc <code>/sua Họ Tên</code> — chọn người cần sửa hoặc rút lại.",
	CorrectNone: func(org, year string) string {
		return viFmt.sprintf("<b>%s</b> chưa có báo cáo kết nạp nào năm %s để sửa.", org, year)
	},
	CorrectPick: func(org, year string) string {
		return viFmt.sprintf("Kết nạp năm %s của <b>%s</b>, mới nhất trước. Chọn người cần sửa hoặc rút lại:", year, org)
	},
	CorrectCard: func(name, date, decision string) string {
		return viFmt.sprintf("<b>%s</b> — kết nạp ngày %s%s\nChọn điều cần sửa:", name, date, decision)
	},
	CorrectAskName: func(name string) string {
		return viFmt.sprintf("Nhập họ và tên đúng thay cho <b>%s</b>:", name)
	},
	CorrectAskDate: func(name string) string {
		return viFmt.sprintf("Nhập ngày kết nạp đúng của <b>%s</b> (dd/mm/yyyy):", name)
	},
	CorrectAskDecision: func(name string) string {
		return viFmt.sprintf("Nhập số quyết định kết nạp đúng của <b>%s</b> (gõ - để bỏ số đã ghi):", name)
	},
	CorrectNoChange: "Giá trị mới giống giá trị đã ghi; không có gì thay đổi.",
	CorrectDone: func(name, field, old, new string) string {
		return viFmt.sprintf("Đã sửa <b>%s</b>: %s “%s” → “%s”. Việc sửa được ghi vào nhật ký.", name, field, old, new)
	},
	BtnFixName:     "Sửa họ tên",
	BtnFixDate:     "Sửa ngày",
	BtnFixDecision: "Sửa số quyết định",
	CorrectNotFound: func(name string) string {
		return viFmt.sprintf("Không có <b>%s</b> trong các báo cáo kết nạp năm nay và năm trước của tổ chức. Gõ /sua để xem danh sách.", name)
	},
	BtnOlder: func(n int) string {
		return viFmt.sprintf("Cũ hơn › (còn %d người)", n)
	},
	BtnRetract:      "Rút lại (không tính nữa)",
	AdmissionsUsage: "Cách dùng: <code>/danhsach</code>, <code>/danhsach MA_TO_CHUC</code>, <code>/danhsach MA_TO_CHUC 2025</code>",
	AdmissionsNone: func(org, year string) string {
		return viFmt.sprintf("<b>%s</b> chưa có báo cáo kết nạp nào năm %s.", org, year)
	},
	AdmissionsHead: func(year, org string, counting, retracted int) string {
		return viFmt.sprintf("<b>Danh sách kết nạp năm %s — %s</b>: %d người được tính, %d đã rút lại", year, org, counting, retracted)
	},
	AdmissionsItem: func(n, name, date, decision, mark string) string {
		return n + ". " + name + " — " + date + decision + mark
	},
	AdmissionsRetracted: func(date string) string {
		return viFmt.sprintf(" — <i>đã rút lại ngày %s, không tính</i>", date)
	},
	AdmissionsCorrected: " (đã sửa)",
	SheetAdmissions:     "Danh sách kết nạp",
	ColPerson:           "Họ và tên",
	ColAdmissionDate:    "Ngày kết nạp",
	ColDecisionNo:       "Số quyết định",
	ColReporter:         "Người báo cáo",
	ColReportedAt:       "Thời điểm báo cáo",
	ColRetracted:        "Đã rút lại",
	ColCorrections:      "Các lần sửa",
	AlreadyRegisteredOther: func(current, offered, id string) string {
		return viFmt.sprintf("Đồng chí đã được đăng ký với vai trò <b>%s</b>; đường link này mời vai trò <b>%s</b>, nên chưa thay đổi gì. Để đổi vai trò, đề nghị quản trị thu hồi quyền hiện tại (<code>/revoke %s</code>) rồi đồng chí mở lại đường link này.", current, offered, id)
	},
	InvitationRedeemed: func(name, id, role string) string {
		return viFmt.sprintf("Lời mời đã được sử dụng: %s (<code>%s</code>) đã đăng ký với vai trò <b>%s</b>.", name, id, role)
	},
	AccessEnded: "Quyền sử dụng bot của đồng chí đã được Ban Tổ chức thu hồi. Các báo cáo đồng chí đã gửi vẫn được giữ. Nếu cần dùng lại, đề nghị liên hệ Ban Tổ chức để được mời lại.",
	Fields:      map[quota.Field]string{quota.FieldName: "họ tên", quota.FieldDate: "ngày kết nạp", quota.FieldDecision: "số quyết định"},
	Roles: map[quota.Role]string{
		quota.RoleAdmin:      "quản trị",
		quota.RoleLeader:     "lãnh đạo",
		quota.RoleSpecialist: "chuyên viên theo dõi",
		quota.RoleSecretary:  "bí thư",
	},
	Stages: map[quota.Stage]string{
		quota.StageIdentified: "quần chúng ưu tú",
		quota.StageTrained:    "đã học lớp bồi dưỡng nhận thức về Đảng",
		quota.StageIntroduced: "đã được giới thiệu",
		quota.StageSubmitted:  "đã nộp hồ sơ",
		quota.StageAdmitted:   "đã kết nạp",
		quota.StageDropped:    "đã loại khỏi nguồn",
	},
	Sources: map[quota.Source]string{
		quota.SourceYouthUnion: "Đoàn Thanh niên",
		quota.SourceTradeUnion: "Công đoàn",
		quota.SourceMember:     "Đảng viên giới thiệu",
		quota.SourceOther:      "Khác",
	},
	NextStageButtons: map[quota.Stage]string{
		quota.StageTrained:    "Đã học lớp bồi dưỡng",
		quota.StageIntroduced: "Đã được giới thiệu",
		quota.StageSubmitted:  "Đã nộp hồ sơ",
	},
	Bands: map[quota.Standard]string{
		quota.BandMet:    "Hoàn thành chỉ tiêu",
		quota.BandMostly: "Đạt phần lớn chỉ tiêu",
		quota.BandHalf:   "Đạt từ một nửa",
		quota.BandLow:    "Đạt dưới một nửa",
	},

	CmdStart: Command{Menu: "Bắt đầu", Help: "lời chào; <code>/start &lt;mã mời&gt;</code> — đăng ký bằng mã mời"},
	CmdHelp:  Command{Menu: "Hướng dẫn", Help: "các lệnh của đồng chí, kèm ví dụ"},
	CmdReport: Command{
		Menu: "Báo cáo kết nạp",
		Help: "báo cáo kết nạp, mỗi dòng một người:\n<code>/report Nguyễn Văn A; 15/03/2026; 123-QĐ/ĐU</code>\nNgày mặc định là hôm nay; số quyết định có thể bỏ trống. Gõ /report không kèm gì để được hướng dẫn từng bước.",
	},
	CmdUndo: Command{Menu: "Hủy báo cáo gần nhất", Help: "hủy toàn bộ tin nhắn báo cáo kết nạp gần nhất của đồng chí"},
	CmdCorrect: Command{
		Menu: "Sửa hoặc rút lại một báo cáo",
		Help: "chọn một người đã báo cáo trong năm để sửa họ tên, ngày, số quyết định, hoặc rút lại; mọi lần sửa được ghi vào nhật ký",
	},
	CmdAdmissions: Command{
		Menu:          "Danh sách người được kết nạp",
		Help:          "danh sách người được kết nạp của một tổ chức, có đánh dấu người đã rút lại: <code>/danhsach MA_TO_CHUC [năm]</code>",
		HelpSecretary: "danh sách người được kết nạp trong năm của tổ chức đồng chí; <code>/danhsach 2025</code> cho năm khác",
	},
	CmdStatus: Command{
		Menu:          "Tiến độ thực hiện chỉ tiêu",
		Help:          "tiến độ; <code>/status MA_TO_CHUC</code>, <code>/status 2025</code>",
		HelpSecretary: "tiến độ của tổ chức đồng chí; <code>/status 2025</code> cho năm khác",
	},
	CmdInvite: Command{
		Menu: "Tạo link mời",
		Help: "tạo link mời: <code>/invite secretary MA_TO_CHUC</code>, <code>/invite specialist MA1 MA2</code>, <code>/invite leader</code>, <code>/invite admin</code>",
	},
	CmdRemind: Command{Menu: "Gửi nhắc việc ngay", Help: "gửi nhắc việc ngay cho các tổ chức chậm tiến độ"},
	CmdExport: Command{Menu: "Xuất bảng Excel", Help: "bảng tổng hợp của năm, tệp Excel: <code>/export [năm]</code>"},
	CmdChart:  Command{Menu: "Biểu đồ tiến độ", Help: "biểu đồ tiến độ: <code>/chart [năm]</code>"},
	CmdCandidate: Command{
		Menu:          "Nguồn kết nạp",
		Help:          "danh sách nguồn của một tổ chức: <code>/nguon MA_TO_CHUC</code>",
		HelpSecretary: "nguồn kết nạp: thêm, chuyển giai đoạn, loại",
	},
	CmdOfficial: Command{Menu: "Công nhận đảng viên chính thức", Help: "ghi nhận công nhận đảng viên chính thức"},
	CmdRating:   Command{Menu: "Bảng tham khảo xếp loại", Help: "bảng tham khảo mức hoàn thành chỉ tiêu: <code>/rating [năm]</code>"},
	CmdOrg: Command{
		Menu: "Xem, ngừng hoặc cho hoạt động lại tổ chức",
		Help: "xem, ngừng hoặc cho hoạt động lại một tổ chức (giữ nguyên lịch sử): <code>/org MA_TO_CHUC [off|on]</code>",
	},
	CmdUsers:  Command{Menu: "Người dùng đã đăng ký", Help: "danh sách người dùng đã đăng ký"},
	CmdRevoke: Command{Menu: "Thu hồi quyền truy cập", Help: "thu hồi quyền truy cập của một người: <code>/revoke MÃ_TELEGRAM</code>"},
	CmdLang:   Command{Menu: "Đổi ngôn ngữ", Help: "đổi ngôn ngữ, ví dụ <code>/lang en</code>"},
	CmdDraft: Command{
		Menu: "Dự thảo báo cáo Ban Thường vụ (Word)",
		Help: "dự thảo báo cáo Ban Thường vụ về kết nạp đảng viên, tệp Word để chỉnh sửa (kèm PDF nếu máy chủ có LibreOffice): <code>/draft [năm]</code>",
	},
	CmdHistory: Command{
		Menu: "Kết nạp qua các năm, so với chỉ tiêu, kèm biểu đồ",
		Help: "kết nạp qua các năm, so với chỉ tiêu, kèm biểu đồ: <code>/history [MA_TO_CHUC] [2013-2019]</code>",
	},
	HelpAliases: func(aliases string) string {
		return " (hoặc " + aliases + ")"
	},
	HelpImport:         "Gửi tệp danh sách tổ chức và chỉ tiêu (.xlsx, .ods hoặc .csv, đúng như danh sách kèm quyết định) để nhập; ghi chú \"thử\" để xem trước mà chưa lưu, và ghi số quyết định nếu tiêu đề tệp không có: <code>thử 2323-QĐ/ĐUK, 11/4/2019</code>.",
	HelpInvitationHint: "Để dùng bot, hãy mở đường link mời do Ban Tổ chức gửi.",

	Dashboard: Dashboard{
		Title:         "Tiến độ kết nạp đảng viên",
		Committee:     "Toàn Đảng bộ",
		AsOf:          "đến ngày",
		OfPlan:        "kế hoạch",
		NoQuota:       "chưa giao chỉ tiêu",
		Expected:      "Theo tiến độ đến nay cần",
		Shortfall:     "Còn thiếu",
		OnPace:        "Đúng tiến độ",
		Furthest:      "Chậm nhất",
		Risky:         "Nguy cơ không hoàn thành chỉ tiêu",
		RiskySources:  "nguồn",
		Tree:          "Các tổ chức",
		Subordinates:  "Tổ chức trực thuộc",
		SortShortfall: "Thiếu nhiều nhất",
		SortPercent:   "Tỷ lệ thấp nhất",
		SortName:      "Theo tên",
		More:          "Xem thêm",
		Search:        "Tìm tổ chức hoặc người",
		SearchOrgs:    "Tổ chức",
		SearchPeople:  "Người",
		NothingFound:  "Không tìm thấy.",
		QuotaHistory:  "Chỉ tiêu các năm",
		Admissions:    "Danh sách đã kết nạp trong năm",
		NoAdmissions:  "Chưa có ai được kết nạp trong năm.",
		NamesHidden:   "Danh sách theo tên chỉ dành cho chuyên viên được phân công theo dõi tổ chức này.",
		Pipeline:      "Nguồn kết nạp",
		ByStage:       "Theo bước",
		BySource:      "Theo nơi giới thiệu",
		Candidates:    "Quần chúng trong nguồn",
		Probations:    "Sắp hết thời gian dự bị",
		NoProbations:  "Không có đảng viên dự bị sắp hết hạn.",
		Overdue:       "quá hạn",
		Chart:         "Kết quả các năm",
		SendExport:    "Gửi bảng Excel vào chat",
		SendReport:    "Gửi dự thảo báo cáo vào chat",
		ColYear:       "Năm",
		ColAdmitted:   "Đã kết nạp",
		ColPct:        "Tỷ lệ",
		ColName:       "Họ tên",
		ColDate:       "Ngày",
		ColDecision:   "Số quyết định",
		ColEnds:       "Hết dự bị",
		Earlier:       "trước đó:",
		Loading:       "Đang tải…",
		Error:         "Không tải được dữ liệu. Đồng chí thử mở lại.",
		Inactive:      "đã ngừng hoạt động",
		Term:          "Giai đoạn",
		TermNeeded:    "cần đạt đến nay",
		OrgsWithQuota: "Tổ chức có chỉ tiêu",
		Met:           "Hoàn thành",
		Behind:        "Chậm tiến độ",
		AtRisk:        "Có nguy cơ không đạt",
		AtRiskGap:     "Còn thiếu kể cả khi kết nạp hết nguồn",
		LastYear:      "Cùng kỳ năm trước",
		Advanced:      "Đã giới thiệu hoặc nộp hồ sơ",
		Conversion: func(admitted, introduced, percent string) string {
			return "Giới thiệu trong năm → đã kết nạp: " + admitted + "/" + introduced + " (" + percent + ")"
		},
		Sent:          "Đã gửi vào cuộc trò chuyện với bot.",
		Unauthorized:  "Không xác thực được phiên mở từ Telegram. Đồng chí hãy mở lại bảng theo dõi từ bot.",
		NotRegistered: "Đồng chí chưa được đăng ký. Hãy mở đường link mời do Ban Tổ chức gửi.",
		Forbidden:     "Vai trò của đồng chí không xem được mục này.",
		NoOrg:         "Không có tổ chức này.",
		BadYear:       "Năm không hợp lệ.",
		BadRequest:    "Yêu cầu không hợp lệ.",
		Open:          "📊 Mở bảng theo dõi",
		Menu:          "Bảng theo dõi",
	},
	Words: Words{
		Roles: map[quota.Role][]string{
			quota.RoleAdmin:      {"quan tri", "quantri"},
			quota.RoleLeader:     {"lanh dao", "lanhdao"},
			quota.RoleSpecialist: {"chuyen vien", "chuyenvien"},
			quota.RoleSecretary:  {"bi thu", "bithu"},
		},
		Sources: map[quota.Source][]string{
			quota.SourceYouthUnion: {"doan", "doan thanh nien", "dtn"},
			quota.SourceTradeUnion: {"cong doan", "congdoan", "cd"},
			quota.SourceMember:     {"dang vien", "dangvien", "dv"},
			quota.SourceOther:      {"khac"},
		},
		CandidateVerbs: map[Verb][]string{
			VerbAdd:       {"them"},
			VerbClass:     {"hoc"},
			VerbIntroduce: {"gioithieu"},
			VerbSubmit:    {"hoso"},
			VerbDrop:      {"loai"},
			VerbErase:     {"xoa"},
			VerbList:      {"ds"},
		},
		DryRun: []string{"thu", "chay thu"},
	},
}

// viKind is how a Vietnamese message names an organization: by its own
// kind as its name gives it ("Chi bộ ...", "Đảng ủy ...", "Đảng bộ ..."),
// or the neutral "tổ chức".
func viKind(name string) string {
	folded := quota.SearchKey(name)
	for _, k := range []struct{ prefix, kind string }{
		{"chi bo", "chi bộ"},
		{"dang uy", "đảng ủy"},
		{"dang bo", "đảng bộ"},
	} {
		if strings.HasPrefix(folded, k.prefix+" ") {
			return k.kind
		}
	}
	return "tổ chức"
}
