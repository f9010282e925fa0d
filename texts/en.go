package texts

import (
	"golang.org/x/text/language"

	"quotabot/quota"
)

var enFmt = newFormat(language.English)

var en = Catalog{
	Name: "English",
	Greeting: func(name string) string {
		return enFmt.sprintf("Hello %s! This bot follows the quotas for admitting new Party members.\nType /help for the commands.", name)
	},
	GreetingUnregistered: func(name, id string) string {
		return enFmt.sprintf("Hello %s! This bot is for people invited by the Organization Board. If you have an invitation link, open it.\nYour Telegram id: <code>%s</code>", name, id)
	},
	Registered: func(role, orgs string) string {
		return enFmt.sprintf("You are registered as <b>%s</b>%s. Type /help for the commands.", role, orgs)
	},
	RegisteredOrg: func(names string) string {
		return enFmt.sprintf(" of <b>%s</b>", names)
	},
	AlreadyRegistered: func(role string) string {
		return enFmt.sprintf("You are already registered as <b>%s</b>.", role)
	},
	InvitationUnknown: "This invitation code is not valid. Ask the Organization Board for a new link.",
	InvitationUsed:    "This invitation was already used. Each code works once.",
	InvitationExpired: "This invitation has expired. Ask the Organization Board for a new link.",
	NotRegistered:     "You are not registered, so this command is not available. Open the invitation link from the Organization Board, or type /help.",
	Forbidden: func(role string) string {
		return enFmt.sprintf("This command is not available to the <b>%s</b> role.", role)
	},
	UnknownCommand: func(command string) string {
		return enFmt.sprintf("There is no command %s. Type /help for the commands.", command)
	},
	NotUnderstood: "The bot understands commands that start with /. Type /help for the commands.",
	GroupPrivate:  "This command works only in a private chat with the bot.",
	InternalError: "Sorry, the bot failed to handle this message and recorded nothing. Please try again later.",
	EditedIgnored: "The bot does not handle edited messages. To correct a report, use /undo and send it again.",
	HelpHead: func(role string) string {
		return enFmt.sprintf("<b>Your commands</b> (role: %s)", role)
	},
	HelpHeadAnonymous: "<b>Commands</b>",
	LangSet:           "Switched to English.",
	LangUsage: func(choices string) string {
		return "Usage: " + choices
	},
	InviteUsage:   "Usage: <code>/invite &lt;role&gt; [org code ...]</code>\nRoles: secretary (one organization), specialist (the organizations assigned), leader, admin.\nExample: <code>/invite secretary CB_01</code>",
	InviteOneOrg:  "The secretary role takes exactly one organization code. Example: <code>/invite secretary CB_01</code>",
	InviteSomeOrg: "The specialist role takes at least one organization code. Example: <code>/invite specialist CB_01 CB_02</code>",
	InviteNoOrg: func(role string) string {
		return enFmt.sprintf("The %s role takes no organization code. Example: <code>/invite leader</code>", role)
	},
	UnknownOrg: func(code string) string {
		return enFmt.sprintf("There is no organization with code <code>%s</code>. Check the code (for example <code>CB_01</code>).", code)
	},
	InviteCreated: func(role, orgs, expires, link string) string {
		return enFmt.sprintf("Invitation for <b>%s</b>%s (works once, expires %s):\n%s\nSend this link to the person invited; they only need to open it and press Start.", role, orgs, expires, link)
	},
	ReportUsage:  "One person per line: <code>full name; admission date; decision number</code>\nExample:\n<code>/report Nguyen Van A; 15/03/2026; 123-QD/DU\nTran Thi B; 16/03/2026</code>",
	ReportErrors: "Nothing was recorded, because some lines are not right:",
	ReportLineError: func(line int, text, problem string) string {
		return enFmt.sprintf("Line %d (<i>%s</i>): %s", line, text, problem)
	},
	ReportRecorded: func(n int, org string) string {
		return enFmt.sprintf("Recorded %s for <b>%s</b>:", enFmt.Count(n, "admission", "admissions"), org)
	},
	ReportItem: func(name, date, decision string) string {
		return enFmt.sprintf("• %s — %s%s", name, date, decision)
	},
	ReportDecision: func(number string) string {
		return enFmt.sprintf(", decision %s", number)
	},
	TallyLine: func(year string, admitted, quota int, percent string) string {
		return enFmt.sprintf("Year %s: <b>%d/%d</b> (%s)", year, admitted, quota, percent)
	},
	TallyNoQuota: func(year string, admitted int) string {
		return enFmt.sprintf("Year %s: <b>%d</b> admitted (no quota set)", year, admitted)
	},
	ReportDuplicate: "Already recorded (same name, same date).",
	NoOrg:           "Your account is not attached to an organization. Contact the Organization Board.",
	OrgInactive: func(org string) string {
		return enFmt.sprintf("Organization <b>%s</b> is deactivated; nothing more can be recorded.", org)
	},
	ErrEmptyName:    "The name is missing.",
	ErrLongName:     "The name is too long.",
	ErrAbsurdName:   "A name has only letters, spaces, '-' or '.'.",
	ErrBadDate:      "Write the date as dd/mm/yyyy, for example 15/03/2026.",
	ErrNoSuchDay:    "There is no such day.",
	ErrFutureDate:   "The admission date is in the future.",
	ErrOldDate:      "The date is too old (this year and last year only).",
	ErrBadDecision:  "The decision number is too long.",
	ErrTooManyParts: "A line has at most three parts, separated by semicolons (;).",
	ErrNoLines:      "No name is given.",
	ErrTooManyLines: "Too many lines in one message (at most 50).",
	ErrDupInMessage: "It repeats another line of the message.",
	UndoNothing:     "You have no reported admission to retract.",
	UndoDone: func(name, date, org string) string {
		return enFmt.sprintf("Retracted the admission of <b>%s</b> (%s) in <b>%s</b>. The record stays in the audit trail.", name, date, org)
	},
	StatusOrgHead: func(year, org, date string) string {
		return enFmt.sprintf("<b>Admissions %s — %s</b> (as of %s)", year, org, date)
	},
	StatusCommittee: func(year, date string) string {
		return enFmt.sprintf("<b>Party admissions %s — the whole committee</b> (as of %s)", year, date)
	},
	StatusAdmitted: func(admitted, quota int, percent string) string {
		return enFmt.sprintf("Admitted: <b>%d/%d</b> (%s of plan)", admitted, quota, percent)
	},
	StatusAdmittedNq: func(admitted int) string {
		return enFmt.sprintf("Admitted: <b>%d</b> (no quota set)", admitted)
	},
	StatusExpected: func(expected int, pace string) string {
		return enFmt.sprintf("Expected by today: %d; %s", expected, pace)
	},
	StatusShort: func(short int) string {
		return enFmt.sprintf("short by <b>%d</b>", short)
	},
	StatusOnPace: "on pace",
	StatusExceeded: func(over int) string {
		return enFmt.sprintf("✅ Quota exceeded, by %d", over)
	},
	StatusMet: "✅ Quota met",
	StatusLastYear: func(admitted int) string {
		return enFmt.sprintf("Same period last year: %d", admitted)
	},
	StatusOrgs: func(withQuota, met, behind int) string {
		return enFmt.sprintf("Organizations: %d with a quota; <b>%d</b> met; <b>%d</b> behind pace", withQuota, met, behind)
	},
	StatusFurthest: "Furthest behind:",
	StatusFurthestItem: func(org, code string, admitted, quota, short int) string {
		return enFmt.sprintf("• %s (<code>%s</code>): %d/%d, short by %d", org, code, admitted, quota, short)
	},
	StatusChildren: "Subordinate organizations:",
	StatusChildItem: func(org string, admitted, quota int, percent string) string {
		return enFmt.sprintf("• %s: %d/%d (%s)", org, admitted, quota, percent)
	},
	StatusBadArgs: "Usage: <code>/status</code>, <code>/status ORG_CODE</code>, <code>/status 2025</code>, <code>/status ORG_CODE 2025</code> or a term: <code>/status 2021-2025</code>",
	StatusOwnOnly: "A secretary sees only the progress of their own organization and those under it.",
	StatusChildNoQuota: func(org string, admitted int) string {
		return enFmt.sprintf("• %s: %d admitted (no quota set)", org, admitted)
	},
	StatusEmpty: func(year string) string {
		return enFmt.sprintf("No organization has a quota for %s yet.", year)
	},
	MoreLines: func(n int) string {
		return enFmt.sprintf("… and %s more", enFmt.Count(n, "line", "lines"))
	},
	DialogName: "Type the <b>full name</b> of the person admitted:",
	DialogDate: func(name string) string {
		return enFmt.sprintf("Admission date of <b>%s</b>? Choose below or type dd/mm/yyyy.", name)
	},
	DialogDecision: "Admission decision number? Type it or press Skip.",
	DialogConfirm: func(name, date, decision, org string) string {
		return enFmt.sprintf("Confirm this admission:\n<b>%s</b> — %s%s\nin <b>%s</b>?", name, date, decision, org)
	},
	DialogCancelled: "Cancelled; nothing was recorded.",
	DialogExpired:   "This button is out of date: its dialog has ended and nothing changed.",
	RemindText: func(year, org string, admitted, quota int, percent, date string, expected, short int) string {
		return enFmt.sprintf("🔔 <b>Reminder: Party admissions %s</b>\n<b>%s</b> has admitted <b>%d/%d</b> (%s).\nBy %s, %d were expected: <b>%d short of the pace</b>.\nPlease report admissions with /report.", year, org, admitted, quota, percent, date, expected, short)
	},
	RemindTextQuota: func(year, org string, admitted, quota int, percent string, short int) string {
		return enFmt.sprintf("🔔 <b>Reminder: Party admissions %s</b>\n<b>%s</b> has admitted <b>%d/%d</b> (%s), below the quota: <b>%d short of the quota</b>.\nPlease report admissions with /report.", year, org, admitted, quota, percent, short)
	},
	RemindDone: func(reminders, orgs int) string {
		return enFmt.sprintf("Queued %s to %s behind.", enFmt.Count(reminders, "reminder", "reminders"), enFmt.Count(orgs, "organization", "organizations"))
	},
	RemindNoSecretary: func(n int, orgs string) string {
		return enFmt.sprintf("%s behind %s no registered secretary: %s", enFmt.Count(n, "organization", "organizations"), enFmt.Plural(n, "has", "have"), orgs)
	},
	DigestHead: "<b>📊 Periodic digest</b>",
	DigestAssigned: func(date string) string {
		return enFmt.sprintf("<b>Your assigned organizations</b> (as of %s):", date)
	},
	DigestItem: func(org, code string, admitted, quota int, percent, short string) string {
		return enFmt.sprintf("• %s (<code>%s</code>): %d/%d (%s)%s", org, code, admitted, quota, percent, short)
	},
	DigestItemShort: func(short int) string {
		return enFmt.sprintf(" — short by %d", short)
	},
	DigestEscalated: "⚠️ <b>Reminded several times in a row with no new admission:</b>",
	DigestEscItem: func(org, code string, times, admitted, quota int) string {
		return enFmt.sprintf("• %s (<code>%s</code>): %s, %d/%d", org, code, enFmt.Count(times, "time", "times"), admitted, quota)
	},
	DigestUnreachable: "<b>Users who blocked the bot and get no messages:</b>",
	DigestUserItem: func(name, id, role string) string {
		return enFmt.sprintf("• %s (<code>%s</code>, %s)", name, id, role)
	},
	EscalateText: func(org, code string, times int, year string, admitted, quota int, date string, expected int) string {
		return enFmt.sprintf("⚠️ <b>Needs attention:</b> <b>%s</b> (<code>%s</code>) was reminded %s in a row with no new admission.\nYear %s: %d/%d; by %s, %d expected.", org, code, enFmt.Count(times, "time", "times"), year, admitted, quota, date, expected)
	},
	ImportRefused: func(n int) string {
		return enFmt.sprintf("Nothing was imported: the file has %s (fix them all and send it again):", enFmt.Count(n, "error", "errors"))
	},
	ImportLegacyExcel: "The file is an Excel 97-2003 workbook (.xls), which cannot be read. Open it in Excel or LibreOffice, save it as .xlsx (File > Save As > Excel Workbook), then send the .xlsx.",
	ImportLegacyFont:  "The text is in a legacy Vietnamese font encoding (TCVN3/ABC .VnTime, or VNI), not Unicode. Convert it with Unikey (source TCVN3 or VNI, destination Unicode), or open it in Excel and save it as \"CSV UTF-8\".",
	ImportNotText:     "The file is not UTF-8 text. Open it in Excel and save it as \"CSV UTF-8\".",
	ImportNoHeader:    "No header row in the first 20 rows: a name column (\"tên tổ chức cơ sở đảng\", \"đơn vị\" or \"name\") is needed, with a code (\"mã\"), \"STT\" or quota columns (\"chỉ tiêu 2026\", \"giai đoạn 2026-2030\").",
	ImportUnreadable:  "The file is damaged or not an .xlsx, .ods or .csv file. Open it in Excel or LibreOffice and save it as .xlsx.",
	ImportBadFile: func(problem, year string) string {
		return enFmt.sprintf("The file could not be read. %s\nSend an .xlsx, .ods or .csv file with a header row: the organization's name and its quotas, such as \"Chỉ tiêu %s\" (and, if you have them, code and parent).", problem, year)
	},
	ImpLine: func(line, problem string) string {
		return enFmt.sprintf("Line %s: %s", line, problem)
	},
	ImpDupColumn: func(column, first, second string) string {
		return enFmt.sprintf("The %s column appears twice (columns %s and %s).", column, first, second)
	},
	ImpBadYear: func(column, value, min, max string) string {
		return enFmt.sprintf("Column %s \"%s\": the year must be between %s and %s.", column, value, min, max)
	},
	ImpDupYear: func(year, first, second string) string {
		return enFmt.sprintf("The quota for %s appears twice (columns %s and %s).", year, first, second)
	},
	ImpDupCode: func(code, line string) string {
		return enFmt.sprintf("The code <code>%s</code> is already used on line %s.", code, line)
	},
	ImpEmptyCode: "The code is empty.",
	ImpBadCode: func(code string) string {
		return enFmt.sprintf("The code <code>%s</code> must be 1 to 32 letters, digits, \"_\" or \"-\".", code)
	},
	ImpEmptyName: "The name is empty.",
	ImpLongName: func(length, max string) string {
		return enFmt.sprintf("The name is %s characters long, at most %s.", length, max)
	},
	ImpBadParentCode: func(code string) string {
		return enFmt.sprintf("The parent code <code>%s</code> must be letters, digits, \"_\" or \"-\".", code)
	},
	ImpQuotaNegative: func(year, value string) string {
		return enFmt.sprintf("The quota for %s, \"%s\", must not be negative.", year, value)
	},
	ImpQuotaAmbiguous: func(year, value string) string {
		return enFmt.sprintf("The quota for %s, \"%s\", is ambiguous: write it without a thousands separator.", year, value)
	},
	ImpQuotaNotWhole: func(year, value string) string {
		return enFmt.sprintf("The quota for %s, \"%s\", must be a whole number.", year, value)
	},
	ImpQuotaTooBig: func(year, value, max string) string {
		return enFmt.sprintf("The quota for %s, \"%s\", is too large (at most %s).", year, value, max)
	},
	ImpUnknownParent: func(code string) string {
		return enFmt.sprintf("The parent <code>%s</code> is neither in the file nor an existing organization.", code)
	},
	ImpOwnParent: "An organization cannot be its own parent.",
	ImpCycle: func(code, path string) string {
		return enFmt.sprintf("The parent <code>%s</code> makes a cycle: %s.", code, path)
	},
	ImpBadTerm: func(column, value, maxYears, min, max string) string {
		return enFmt.sprintf("Column %s \"%s\": a term runs from one year to a later one, at most %s years, between %s and %s.", column, value, maxYears, min, max)
	},
	ImpDupTerm: func(term, first, second string) string {
		return enFmt.sprintf("The quota for the term %s appears twice (columns %s and %s).", term, first, second)
	},
	ImpYearColumn: func(column, value string) string {
		return enFmt.sprintf("Column %s \"%s\" holds a year but is not a column the import knows: write \"Chỉ tiêu 2026\", \"Giai đoạn 2026-2030\" or \"Đã kết nạp 2025\", or delete the column.", column, value)
	},
	ImpAmbiguousName: func(name, first, second string) string {
		return enFmt.sprintf("The name \"%s\" matches both <code>%s</code> and <code>%s</code>: write the code to say which.", name, first, second)
	},
	ImpDupName: func(name, line string) string {
		return enFmt.sprintf("The name \"%s\" is also on line %s: give each a code.", name, line)
	},
	ImpTotalNotNumber: func(column, value string) string {
		return enFmt.sprintf("The total for %s is \"%s\", not a number.", column, value)
	},
	ImpTotalMismatch: func(column, total, sum string) string {
		return enFmt.sprintf("The total for %s says %s, but the rows above add up to %s.", column, total, sum)
	},
	ImpHiddenRow: func(name string) string {
		return enFmt.sprintf("The row of \"%s\" is hidden; it was read.", name)
	},
	ImpHiddenColumn: func(column, value string) string {
		return enFmt.sprintf("Column %s \"%s\" is hidden; it was read.", column, value)
	},
	ImportLineText: func(line, text, problem string) string {
		return enFmt.sprintf("Line %s (%s): %s", line, text, problem)
	},
	ImpPastIgnored: func(year, named, total string) string {
		return enFmt.sprintf("In %s, %s named admissions count instead of the total %s (the total is kept).", year, named, total)
	},
	ImpNoQuotaColumn: func(columns string) string {
		return enFmt.sprintf("No change: the file has no quota column that was recognized. Columns found: %s.\nName the quota columns like \"Chỉ tiêu 2026\", \"Năm 2026\" or \"Giai đoạn 2026-2030\".", columns)
	},
	ImpBadCaption: "Nothing was imported: the caption of the file can only be \"dry\" (a dry run, nothing saved) and/or the decision setting the quotas, e.g. <code>dry 2323-QĐ/ĐUK, 11/4/2019</code>.",
	ImportHeadDry: func(file, sheet, lines string) string {
		return enFmt.sprintf("<b>Dry run, nothing saved.</b> File %s, sheet \"%s\", header on line %s.", file, sheet, lines)
	},
	ImportHeadDone: func(file, sheet, lines string) string {
		return enFmt.sprintf("<b>Imported.</b> File %s, sheet \"%s\", header on line %s.", file, sheet, lines)
	},
	ImportDecision: func(decision, from string) string {
		return enFmt.sprintf("Decision setting the quotas: %s (%s).", decision, from)
	},
	ImportDecisionTitle: "from the title rows",
	ImportDecisionGiven: "as given",
	ImportColumns:       "<b>Columns:</b>",
	ImportColItem: func(column, header, what string) string {
		return enFmt.sprintf("• column %s \"%s\" → %s", column, header, what)
	},
	ImportColIgnored: func(column, header, why string) string {
		return enFmt.sprintf("• column %s \"%s\" → ignored: %s", column, header, why)
	},
	ImportFieldOrdinal: "number (keeps the list's order)",
	ImportFieldCode:    "organization code",
	ImportFieldName:    "organization name",
	ImportFieldParent:  "parent",
	ImportFieldQuota: func(year string) string {
		return enFmt.sprintf("quota for %s", year)
	},
	ImportFieldTerm: func(term string) string {
		return enFmt.sprintf("quota for the term %s", term)
	},
	ImportFieldAdmitted: func(year string) string {
		return enFmt.sprintf("admitted in %s", year)
	},
	ImportWhyNote:    "remarks",
	ImportWhyUnknown: "not a column the bot uses",
	ImportNoCode:     "The file has no code column: organizations are matched by name (diacritics count); new ones get a code.",
	ImportNoParent:   "The file has no parent column: the parents of existing organizations stay as they are.",
	ImportFirstRows:  "<b>First rows, as they will be stored:</b>",
	ImportRowItem: func(line, name, code, extra string) string {
		return enFmt.sprintf("• line %s: %s (<code>%s</code>)%s", line, name, code, extra)
	},
	ImportRowGroup: func(group string) string {
		return enFmt.sprintf(", section %s", group)
	},
	ImportRowParent: func(code string) string {
		return enFmt.sprintf(", under <code>%s</code>", code)
	},
	ImportRowFigure: func(label, value string) string {
		return enFmt.sprintf("; %s: %s", label, value)
	},
	ImportSkipped: "<b>Rows skipped (not organizations):</b>",
	ImportSkipSection: func(line, text string) string {
		return enFmt.sprintf("• line %s: section heading \"%s\"", line, text)
	},
	ImportSkipTotal: func(line, text string) string {
		return enFmt.sprintf("• line %s: total row \"%s\"", line, text)
	},
	ImportSkipSignature: func(line, text string) string {
		return enFmt.sprintf("• line %s: signature block \"%s\"", line, text)
	},
	ImportSkipNumbering: func(line, text string) string {
		return enFmt.sprintf("• line %s: column numbering \"%s\"", line, text)
	},
	ImportWarnings: "<b>Please check:</b>",
	ImportChanges:  "<b>Changes per organization:</b>",
	ImportChangeItem: func(name, code, what string) string {
		return enFmt.sprintf("• %s (<code>%s</code>): %s", name, code, what)
	},
	ImportChangeNew:     "new",
	ImportChangeNewCode: "new, code generated",
	ImportChangeRenamed: func(from string) string {
		return enFmt.sprintf("renamed from \"%s\"", from)
	},
	ImportChangeUnder: func(code string) string {
		return enFmt.sprintf("under <code>%s</code>", code)
	},
	ImportChangeMoved: func(from, to string) string {
		return enFmt.sprintf("parent %s → %s", from, to)
	},
	ImportChangeGroup: func(from, to string) string {
		return enFmt.sprintf("section %s → %s", from, to)
	},
	ImportChangeDecision: func(decision, what string) string {
		return enFmt.sprintf("%s under decision %s", what, decision)
	},
	ImportChangeEarlier: func(what, decision string) string {
		return enFmt.sprintf("%s stays as the later decision %s set it; the file's number goes into its history", what, decision)
	},
	ImportChangeSet: func(label, value string) string {
		return enFmt.sprintf("%s: %s", label, value)
	},
	ImportChangeFigure: func(label, from, to string) string {
		return enFmt.sprintf("%s: %s → %s", label, from, to)
	},
	ImportChangeOrder: func(from, to string) string {
		return enFmt.sprintf("position %s → %s", from, to)
	},
	ImportTopLevel: "top level",
	ImportNone:     "none",
	ImportNoTotal:  "none",
	ImportMore: func(n int) string {
		return "… and " + enFmt.Count(n, "more organization", "more organizations")
	},
	ImportTotalDry: func(created, updated, unchanged, quotas int) string {
		return "<b>Would make:</b> " + importCounts(created, updated, unchanged, quotas) + "."
	},
	ImportTotalDone: func(created, updated, unchanged, quotas int) string {
		return "<b>Result:</b> " + importCounts(created, updated, unchanged, quotas) + ". Type /status to see them."
	},
	ImportIdentical: "No change: the file is identical to the stored data.",
	ImportDryHint:   "Send the file again without the caption \"dry\" to import it.",
	ImportNotAdmin:  "Only an admin can import the quota list.",
	ImportWrongType: "The bot takes only .xlsx, .ods or .csv files (the list of organizations and quotas).",
	ImportTooBig:    "The file is too large (20 MB at most).",
	ExportCaption: func(year, date string) string {
		return enFmt.sprintf("Party admissions table %s (as of %s)", year, date)
	},
	ExportTitle: func(year, date string) string {
		return enFmt.sprintf("PARTY ADMISSIONS %s (as of %s)", year, date)
	},
	ExportTotal:   "Whole committee",
	ExportBadYear: "Usage: <code>/export</code> or <code>/export 2025</code>",
	ColParent:     "Parent",
	ColCode:       "Code",
	ColName:       "Organization",
	ColQuota:      "Quota",
	ColAdmitted:   "Admitted",
	ColPercent:    "Percent",
	ColExpected:   "Expected by now",
	ColShortfall:  "Shortfall",
	ColStatus:     "Status",
	StExceeded:    "Exceeded",
	StMet:         "Met",
	StOnPace:      "On pace",
	StBehind:      "Behind",
	StNoQuota:     "No quota set",
	ChartTitle: func(year, date string) string {
		return enFmt.sprintf("Party admissions %s (as of %s)", year, date)
	},
	ChartPercent:  "% of quota",
	ChartExpected: "Expected pace",
	ChartMore: func(n int) string {
		return enFmt.sprintf("… %d more …", n)
	},
	OrgUsage: "Usage: <code>/org ORG_CODE</code>, <code>/org ORG_CODE off</code> or <code>/org ORG_CODE on</code>",
	OrgCard: func(org, code, parent, state, year string, quota, admitted int, secretaries string) string {
		return enFmt.sprintf("<b>%s</b> (<code>%s</code>)\nUnder: %s\nState: %s\nYear %s: quota %d, admitted %d\nSecretaries: %s", org, code, parent, state, year, quota, admitted, secretaries)
	},
	OrgActive:        "active",
	OrgInactiveState: "deactivated",
	OrgTop:           "the committee",
	OrgNone:          "none",
	OrgDeactivated: func(org string) string {
		return enFmt.sprintf("Deactivated <b>%s</b>: no new reports, no reminders; its history is kept.", org)
	},
	OrgReactivated: func(org string) string {
		return enFmt.sprintf("<b>%s</b> is active again.", org)
	},
	UsersHead: func(n int) string {
		return enFmt.sprintf("<b>Registered users</b> (%d):", n)
	},
	UsersItem: func(name, role, orgs, id, blocked string) string {
		return enFmt.sprintf("• %s — %s%s (<code>%s</code>)%s", name, role, orgs, id, blocked)
	},
	UsersUnreachable: " ⚠️ blocked the bot",
	RevokeUsage:      "Usage: <code>/revoke TELEGRAM_ID</code> (see the ids with /users).",
	RevokeUnknown: func(id string) string {
		return enFmt.sprintf("There is no user with id <code>%s</code>.", id)
	},
	RevokeConfigAdmin: func(id string) string {
		return enFmt.sprintf("User <code>%s</code> is an admin in the configuration file; remove them from admins and restart the bot.", id)
	},
	RevokeSelf: "You cannot revoke your own access.",
	Revoked: func(name, id, role string) string {
		return enFmt.sprintf("Revoked the access of %s (<code>%s</code>, %s). Their reports are kept.", name, id, role)
	},
	CandUsage:       "Candidate pipeline:\n<code>/candidate</code> — the list, with buttons\n<code>/candidate add Full Name; youth</code> — add (source: youth, union, member, other)\n<code>/candidate class Full Name; 15/03/2026</code> — attended the Party awareness class\n<code>/candidate introduce Full Name</code> — introduced\n<code>/candidate submit Full Name</code> — dossier submitted\n<code>/candidate drop Full Name; reason</code> — drop\nWhen admitted, report it with /report and the same name.",
	CandReaderUsage: "Usage: <code>/candidate ORG_CODE</code> — an organization's candidates.",
	CandListHead: func(org string) string {
		return enFmt.sprintf("<b>Candidates — %s</b>", org)
	},
	CandListItem: func(n int, name, stage, source string) string {
		return enFmt.sprintf("%d. %s — %s (%s)", n, name, stage, source)
	},
	CandListEmpty: "No candidates yet. Add one: <code>/candidate add Full Name; youth</code>",
	CandListClosed: func(n int) string {
		return enFmt.sprintf("Admitted or dropped: %d", n)
	},
	CandAdded: func(name, source, stage string) string {
		return enFmt.sprintf("Added <b>%s</b> to the pipeline (%s), stage: %s.", name, source, stage)
	},
	CandMoved: func(name, stage string) string {
		return enFmt.sprintf("<b>%s</b>: %s.", name, stage)
	},
	CandDropped: func(name, reason string) string {
		return enFmt.sprintf("Dropped <b>%s</b>. Reason: %s", name, reason)
	},
	CandNotFound: func(name string) string {
		return enFmt.sprintf("<b>%s</b> is not among the organization's candidates. Type /candidate for the list.", name)
	},
	CandDuplicate: func(name, stage string) string {
		return enFmt.sprintf("<b>%s</b> is already a candidate (%s).", name, stage)
	},
	CandBadSource: "Unknown source. Use: youth (Youth Union), union (Trade Union), member (Party member), other (Other).",
	CandStageOrder: func(name, stage string) string {
		return enFmt.sprintf("Not moved: <b>%s</b> is at \"%s\"; stages go in order: identified → awareness class → introduced → dossier → admitted.", name, stage)
	},
	CandStageClosed: func(name, stage string) string {
		return enFmt.sprintf("<b>%s</b> is no longer in the pipeline (%s).", name, stage)
	},
	CandNeedDate:   "The class date is needed, for example: <code>/candidate class Full Name; 15/03/2026</code>",
	CandNeedReason: "A reason is needed, for example: <code>/candidate drop Full Name; moved away</code>",
	CandErased: func(id string) string {
		return enFmt.sprintf("Erased candidate record %s. The audit trail keeps only that it was erased.", id)
	},
	CandEraseUsage: "Usage: <code>/candidate erase ID</code> (only a dropped candidate).",
	CandNotDropped: "Only a dropped candidate's record can be erased.",
	CandPrivate:    "Candidate names are shown only in a private chat.",
	CandNotYours:   "You are not assigned to this organization.",
	CandPick:       "Choose someone to move to the next stage or drop:",
	CandCard: func(name, stage, source string) string {
		return enFmt.sprintf("<b>%s</b> — %s\nSource: %s", name, stage, source)
	},
	CandAskName: "Type the candidate's <b>full name</b>:",
	CandAskSource: func(name string) string {
		return enFmt.sprintf("Who introduced <b>%s</b>?", name)
	},
	CandAskClass: func(name string) string {
		return enFmt.sprintf("When did <b>%s</b> attend the Party awareness class? Type dd/mm/yyyy or press Today.", name)
	},
	CandAskReason: func(name string) string {
		return enFmt.sprintf("Why is <b>%s</b> dropped?", name)
	},
	BtnAddCandidate:     "➕ Add candidate",
	BtnDrop:             "Drop",
	ReportFromCandidate: " (from the pipeline)",
	PipelineLine: func(advanced, ifAll, quota int) string {
		return enFmt.sprintf("Candidates introduced or further: %d; if all are admitted: %d/%d", advanced, ifAll, quota)
	},
	RemindAtRisk: "⚠️ Even if every introduced candidate is admitted, the quota will not be met: more candidates are needed.",
	RemindAtRiskTerm: func(term string) string {
		return enFmt.sprintf("⚠️ Even if every introduced candidate is admitted, the term quota %s will not be met: more candidates are needed.", term)
	},
	AtRiskOrg: func(short int) string {
		return enFmt.sprintf("⚠️ <b>At risk of missing the quota</b>: even if every introduced candidate is admitted, %d short. More candidates are needed.", short)
	},
	AtRiskCommittee: func(n int) string {
		return enFmt.sprintf("⚠️ At risk even if every introduced candidate is admitted: <b>%s</b>", enFmt.Count(n, "organization", "organizations"))
	},
	AtRiskItem: func(org, code string, admitted, quota, candidates, short int) string {
		return enFmt.sprintf("• %s (<code>%s</code>): %d/%d, %s, %d short", org, code, admitted, quota, enFmt.Count(candidates, "candidate", "candidates"), short)
	},
	SourcesLine: func(sources string) string {
		return enFmt.sprintf("Candidates by source: %s", sources)
	},
	ConversionLine: func(year string, admitted, introduced int, percent string) string {
		return enFmt.sprintf("Introduced in %s → admitted: %d/%d (%s)", year, admitted, introduced, percent)
	},
	ProbationHead: "<b>Probations ending soon</b> (official membership to decide):",
	ProbationItem: func(name, admitted, ends, late string) string {
		return enFmt.sprintf("• %s — admitted %s, probation ends %s%s", name, admitted, ends, late)
	},
	ProbationOverdue: " ⚠️ overdue",
	ProbationAhead: func(name, org, admitted, ends string) string {
		return enFmt.sprintf("📅 <b>Probation ending</b>\n<b>%[1]s</b> (%[2]s) was admitted on %[3]s; the 12-month probation ends on <b>%[4]s</b>. Please prepare the decision on official membership, then record it with:\n<code>/official %[1]s; dd/mm/yyyy; decision number</code>", name, org, admitted, ends)
	},
	ProbationDue: func(name, org, admitted, ends string) string {
		return enFmt.sprintf("⏰ <b>Probation ends today</b>\n<b>%[1]s</b> (%[2]s), admitted on %[3]s, ends probation today (%[4]s). Please decide on official membership and record it:\n<code>/official %[1]s; dd/mm/yyyy; decision number</code>", name, org, admitted, ends)
	},
	ProbationLate: func(name, org, admitted, ended string) string {
		return enFmt.sprintf("⚠️ <b>Official membership overdue</b>\n<b>%[1]s</b> (%[2]s), admitted on %[3]s, ended probation on %[4]s with no decision recorded. Please decide and record it:\n<code>/official %[1]s; dd/mm/yyyy; decision number</code>", name, org, admitted, ended)
	},
	ProbationEscalate: func(org, code, name, ended string) string {
		return enFmt.sprintf("⚠️ <b>Official membership overdue</b>: %s (<code>%s</code>) — %s, probation ended %s, no decision recorded.", org, code, name, ended)
	},
	OfficialUsage: "Record the official-membership decision:\n<code>/official Full Name; dd/mm/yyyy; decision number</code>",
	OfficialNotFound: func(name string) string {
		return enFmt.sprintf("No probationary member <b>%s</b> of the organization is awaiting the decision.", name)
	},
	OfficialDone: func(name, date, decision string) string {
		return enFmt.sprintf("Recorded: <b>%s</b> recognized as an official member on %s%s.", name, date, decision)
	},
	RatingHead: func(year string) string {
		return enFmt.sprintf("<b>Advisory table of quota achievement, %s</b>\n<i>Advisory input to the annual quality rating only, not a rating.</i>", year)
	},
	RatingBandLine: func(band, from string, n int) string {
		return enFmt.sprintf("<b>%s</b> (from %s): %s", band, from, enFmt.Count(n, "organization", "organizations"))
	},
	ChartBadYear:    "Usage: <code>/chart</code> or <code>/chart 2025</code>",
	CandFutureClass: "The class date is in the future.",
	RatingBadYear:   "Usage: <code>/rating</code> or <code>/rating 2025</code>",
	SheetRating:     "Advisory rating",
	SheetPipeline:   "Pipeline",
	ColBand:         "Band (advisory)",
	ColAdvanced:     "Introduced candidates",
	ColAtRisk:       "At risk",
	ColIntroYear:    "Introduced this year",
	ColAdmittedFrom: "Of those, admitted",
	ColConversion:   "Conversion",
	Yes:             "Yes",
	BtnToday:        "Today",
	BtnYesterday:    "Yesterday",
	BtnSkip:         "Skip",
	BtnConfirm:      "✅ Record",
	BtnCancel:       "Cancel",

	ReportSimilar: func(name, date string) string {
		return enFmt.sprintf("  ⚠️ <b>%s</b> (%s) is already recorded that day, a name that differs only in its diacritics. If this was a typing mistake, type /undo.", name, date)
	},
	StatusTerm: func(term string, admitted, quota int, percent, due string) string {
		return enFmt.sprintf("Term %s: <b>%d/%d</b> (%s), %s due by today", term, admitted, quota, percent, due)
	},
	StatusTermExceeded: func(term string, admitted, quota int, percent string) string {
		return enFmt.sprintf("Term %s: <b>%d/%d</b> (%s) — ✅ term quota exceeded", term, admitted, quota, percent)
	},
	StatusTermMet: func(term string, admitted, quota int, percent string) string {
		return enFmt.sprintf("Term %s: <b>%d/%d</b> (%s) — ✅ term quota met", term, admitted, quota, percent)
	},
	StatusTermShort: func(term string, expected, short int) string {
		return enFmt.sprintf("Term %s: %d expected by today; <b>%d</b> short", term, expected, short)
	},
	StatusTermOrgs: func(withQuota, met, behind int) string {
		return enFmt.sprintf("Term quotas: %s; <b>%d</b> met; <b>%d</b> behind pace", enFmt.Count(withQuota, "organization", "organizations"), met, behind)
	},
	StatusPrior: func(years string, admitted, average int, percent string) string {
		return enFmt.sprintf("Years %s: <b>%d</b> admitted, on average <b>%d</b> a year (%s)", years, admitted, average, percent)
	},
	StatusPriorOne: func(year string, admitted int) string {
		return enFmt.sprintf("Year %s: <b>%d</b> admitted", year, admitted)
	},
	StatusBaseReach: func(reached, total int) string {
		return enFmt.sprintf("Base organizations that admitted new members: <b>%d/%d</b>", reached, total)
	},
	StatusBaseNone: func(orgs string) string {
		return enFmt.sprintf("Admitted no one yet: %s", orgs)
	},
	StatusBaseMore: func(n int) string {
		return enFmt.sprintf("and %d more", n)
	},
	StatusTermHead: func(term, date string) string {
		return enFmt.sprintf("<b>Admissions over the term %s — the whole committee</b> (as of %s)", term, date)
	},
	StatusTermOrgHead: func(term, org, date string) string {
		return enFmt.sprintf("<b>Admissions over the term %s — %s</b> (as of %s)", term, org, date)
	},
	StatusSpanHead: func(years, org string) string {
		return enFmt.sprintf("<b>Party admissions %s — %s</b>", years, org)
	},
	StatusSpanTotal: func(admitted, average int, percent string) string {
		return enFmt.sprintf("In all: <b>%d</b>; on average <b>%d</b> a year (%s)", admitted, average, percent)
	},
	StatusYearItem: func(year string, admitted, quota int, percent, source string) string {
		return enFmt.sprintf("• %s: %d/%d (%s)%s", year, admitted, quota, percent, source)
	},
	StatusYearItemNq: func(year string, admitted int, source string) string {
		return enFmt.sprintf("• %s: %d%s", year, admitted, source)
	},
	StatusYearTotal: " <i>(imported total)</i>",
	StatusTermNone: func(term string) string {
		return enFmt.sprintf("The term %s has no quota set; admitted by year:", term)
	},
	AtRiskTermOrg: func(term string, short int) string {
		return enFmt.sprintf("⚠️ <b>At risk of missing the term quota %s</b>: even if every introduced candidate is admitted, %d short.", term, short)
	},
	AtRiskTermCommittee: func(term string, n int) string {
		return enFmt.sprintf("⚠️ At risk of missing the term quota %s: <b>%s</b>", term, enFmt.Count(n, "organization", "organizations"))
	},
	RemindTermText: func(term, org string, admitted, quota int, percent, date string, expected, short int) string {
		return enFmt.sprintf("🔔 <b>Reminder: Party admissions over the term %s</b>\n<b>%s</b> has admitted <b>%d/%d</b> (%s) of the term quota.\nBy %s, %d were expected: <b>%d short of the pace</b>.\nPlease report admissions with /report.", term, org, admitted, quota, percent, date, expected, short)
	},
	RemindTermLine: func(term string, admitted, quota int, percent string, expected, short int) string {
		return enFmt.sprintf("Term %s: %d/%d admitted (%s); %d expected by now, <b>%d</b> short.", term, admitted, quota, percent, expected, short)
	},
	DigestNoAdmission: func(year string, n int) string {
		return enFmt.sprintf("<b>Admitted no one in %s</b> (%s):", year, enFmt.Count(n, "organization", "organizations"))
	},
	DigestNoneItem: func(org, code string) string {
		return enFmt.sprintf("• %s (<code>%s</code>)", org, code)
	},
	HistoryHead: func(org string) string {
		return enFmt.sprintf("<b>Party admissions year by year — %s</b>", org)
	},
	HistoryCommittee: "the whole committee",
	HistoryEmpty:     "No admissions recorded for any year yet.",
	HistoryBadArgs:   "Usage: <code>/history</code>, <code>/history ORG_CODE</code>, <code>/history 2013-2019</code> or <code>/history ORG_CODE 2013-2019</code>",
	HistoryChartTitle: func(org string) string {
		return enFmt.sprintf("Party admissions year by year — %s", org)
	},
	HistoryChartQuota: "Quota",
	HistoryChartNamed: "Admitted",
	HistoryChartTotal: "Imported totals (no names)",
	HistoryChartAvg: func(years, average string) string {
		return enFmt.sprintf("Average %s: %s a year", years, average)
	},
	HistoryChartCount: "Members admitted",
	OrgQuotaLine: func(period string, quota int, decision string) string {
		return enFmt.sprintf("Quota %s: %d%s", period, quota, decision)
	},
	OrgTerm: func(term string) string {
		return enFmt.sprintf("term %s", term)
	},
	OrgDecision: func(decision string) string {
		return enFmt.sprintf(" (by decision %s)", decision)
	},
	OrgEarlier: func(values string) string {
		return enFmt.sprintf("  earlier: %s", values)
	},
	OrgEarlierItem: func(quota int, decision string) string {
		return enFmt.sprintf("%d%s", quota, decision)
	},
	SheetTerm: func(term string) string {
		return enFmt.sprintf("Term %s", term)
	},
	SheetDecisions:  "Quota decisions",
	SheetYears:      "Years",
	ColTermQuota:    "Term quota",
	ColDecision:     "Decision",
	ColDecisionDate: "Decision date",
	ColPeriod:       "Year / term",
	ColEarlier:      "Earlier values",
	ColYear:         "Year",
	ColSource:       "Source",
	SourceNamed:     "Named admissions",
	SourceTotal:     "Imported total",
	SourceNone:      "None",
	RemindBlocked: func(n int, orgs string) string {
		return enFmt.sprintf("%s behind %s a secretary who blocked the bot and gets no reminder: %s", enFmt.Count(n, "organization", "organizations"), enFmt.Plural(n, "has", "have"), orgs)
	},
	RemindHeld: func(from string) string {
		return "Outside sending hours (night or a day off): the reminders go out from " + from + "."
	},
	UnremindedHead: "<b>Organizations behind that could not be reminded</b> (not counted as reminded):",
	UnremindedBlocked: func(n int) string {
		return enFmt.sprintf("The secretary blocked the bot (%d):", n)
	},
	UnremindedNoSecretary: func(n int) string {
		return enFmt.sprintf("No registered secretary (%d):", n)
	},
	UnremindedItem: func(org, code string) string {
		return enFmt.sprintf("• %s (<code>%s</code>)", org, code)
	},
	SimilarCandidate: func(name, stage string) string {
		return enFmt.sprintf("⚠️ <b>%s</b> (%s) is already a candidate, a name that differs only in its diacritics: if they are the same person, drop the mistyped record.", name, stage)
	},
	CandAmbiguous: func(name string) string {
		return enFmt.sprintf("Several candidates match <b>%s</b> once diacritics are ignored. Type the name with its diacritics.", name)
	},
	PrBlank: "…",
	PrParty: "COMMUNIST PARTY OF VIET NAM",
	PrNumber: func(issuer string) string {
		return enFmt.sprintf("No.      -BC/%s", issuer)
	},
	PrPlaceDate: func(place, day, month, year string) string {
		return enFmt.sprintf("%s, %s/%s/%s", place, day, month, year)
	},
	PrKind: "REPORT",
	PrSubject: func(year string) string {
		return enFmt.sprintf("on the admission of new Party members against the quota of %s", year)
	},
	PrIntro: func(committee, year, date string) string {
		return enFmt.sprintf("The Organization Board reports to the Standing Committee of %s on the admission of new Party members in %s, with the figures as of %s:", committee, year, date)
	},
	PrHResults: "I. ADMISSIONS",
	PrHistory: func(from, to string, admitted, average int) string {
		return enFmt.sprintf("From %s to %s the committee admitted %s, about %d a year on average.", from, to, enFmt.Count(admitted, "new member", "new members"), average)
	},
	PrHistoryOne: func(year string, admitted int) string {
		return enFmt.sprintf("In %s the committee admitted %s.", year, enFmt.Count(admitted, "new member", "new members"))
	},
	PrYear: func(year, date string, admitted int, percent string, quota int) string {
		return enFmt.sprintf("In %s, as of %s, the committee admitted %s, %s of the year's plan (%d)", year, date, enFmt.Count(admitted, "new member", "new members"), percent, quota)
	},
	PrYearNq: func(year, date string, admitted int) string {
		return enFmt.sprintf("In %s, as of %s, the committee admitted %s; no quota is set for the year", year, date, enFmt.Count(admitted, "new member", "new members"))
	},
	PrYearLast: func(admitted int) string {
		return enFmt.sprintf("; %d in the same period last year", admitted)
	},
	PrExpected: func(expected, remaining int) string {
		return enFmt.sprintf("At the planned pace %d should be admitted by now; %d more %s needed to complete the year's plan.", expected, remaining, enFmt.Plural(remaining, "is", "are"))
	},
	PrOrgsMet: func(met, withQuota int, orgs string) string {
		return enFmt.sprintf("%d of the %s with a quota %s met it: %s.", met, enFmt.Count(withQuota, "base organization", "base organizations"), enFmt.Plural(met, "has", "have"), orgs)
	},
	PrOrgsMetNone: func(withQuota int) string {
		return enFmt.sprintf("No base organization has met its quota yet (%d %s one).", withQuota, enFmt.Plural(withQuota, "has", "have"))
	},
	PrOrgsBehind: func(n int, orgs string) string {
		return enFmt.sprintf("%s %s behind pace, the furthest behind: %s.", enFmt.Count(n, "base organization", "base organizations"), enFmt.Plural(n, "is", "are"), orgs)
	},
	PrOrgBehind: func(org string, admitted, quota, short int) string {
		return enFmt.sprintf("%s (%d/%d, %d short)", org, admitted, quota, short)
	},
	PrOrgsRisk: func(n int, orgs string) string {
		return enFmt.sprintf("%s %s at risk of missing the quota even if every introduced candidate is admitted: %s.", enFmt.Count(n, "base organization", "base organizations"), enFmt.Plural(n, "is", "are"), orgs)
	},
	PrOrgRisk: func(org string, short int) string {
		return enFmt.sprintf("%s (%d missing)", org, short)
	},
	PrOrgsNone: func(n int, orgs string) string {
		return enFmt.sprintf("; %d with a quota %s admitted no one: %s", n, enFmt.Plural(n, "has", "have"), orgs)
	},
	PrMore: func(n int) string {
		return enFmt.sprintf("and %d more", n)
	},
	PrHPipeline: "II. CANDIDATES AND PROBATIONARY MEMBERS",
	PrPipeline: func(candidates int, sources string, advanced int) string {
		return enFmt.sprintf("%s %s in the pipeline (%s); %d of them %s introduced or submitted a dossier.", enFmt.Count(candidates, "outstanding candidate", "outstanding candidates"), enFmt.Plural(candidates, "is", "are"), sources, advanced, enFmt.Plural(advanced, "is", "are"))
	},
	PrSource: func(source string, n int) string {
		return enFmt.sprintf("%s: %d", source, n)
	},
	PrPipelineNone: "No outstanding candidate is recorded in the pipeline.",
	PrProbation: func(n int, date string, overdue int) string {
		return enFmt.sprintf("%s %s the end of probation by %s and %s recognition as official members; %d of them %s overdue.", enFmt.Count(n, "probationary member", "probationary members"), enFmt.Plural(n, "reaches", "reach"), date, enFmt.Plural(n, "awaits", "await"), overdue, enFmt.Plural(overdue, "is", "are"))
	},
	PrProbationNone: func(date string) string {
		return enFmt.sprintf("No probation ends by %s.", date)
	},
	PrHProposals: "III. ASSESSMENT AND PROPOSALS",
	PrProposals:  "(The Organization Board adds its assessment, the causes and its proposals.)",
	PrClosing:    "Respectfully submitted to the Standing Committee.",
	PrRecipients: "Recipients:",
	PrAnnexTitle: func(year string) string {
		return enFmt.sprintf("ADMISSIONS AGAINST THE %s QUOTA BY BASE ORGANIZATION", year)
	},
	PrAnnexNote: func(issuer, date string) string {
		return enFmt.sprintf("(Attached to report No.      -BC/%s, figures as of %s)", issuer, date)
	},
	PrColNo:       "No.",
	PrColOrg:      "Base organization",
	PrColAdvanced: "Candidates introduced",
	PrAtRisk:      "; at risk",
	PrTerm: func(term, date string, admitted int, percent string, quota, expected int) string {
		return enFmt.sprintf("In the term %s, as of %s, the committee admitted %s, %s of the term's quota (%d); at the planned pace %d should be admitted by now.", term, date, enFmt.Count(admitted, "new member", "new members"), percent, quota, expected)
	},
	PrTermMet: func(term, date string, admitted int, percent string, quota int) string {
		return enFmt.sprintf("In the term %s, as of %s, the committee admitted %s, %s of the term's quota (%d): the term's quota is met.", term, date, enFmt.Count(admitted, "new member", "new members"), percent, quota)
	},
	PrTermRisk: func(n int, term string) string {
		return enFmt.sprintf("%s %s at risk of missing the quota of the term %s.", enFmt.Count(n, "base organization", "base organizations"), enFmt.Plural(n, "is", "are"), term)
	},
	PrColTerm: func(term string) string { return "Term " + term },
	PrTermCell: func(admitted, quota int, percent string) string {
		return enFmt.sprintf("%d/%d (%s)", admitted, quota, percent)
	},
	PrOrgsAdmitting: func(admitting, bases int) string {
		return enFmt.sprintf("Base organizations that admitted new members this year: %d of %d", admitting, bases)
	},

	DraftBadYear: "That is not a year. Example: <code>/draft</code> or <code>/draft 2025</code>",
	DraftCaption: func(year, date string) string {
		return enFmt.sprintf("Draft report to the Standing Committee on admissions in %s, figures as of %s. A Word file to edit and number.", year, date)
	},
	DraftCaptionPDF: func(year, date string) string {
		return enFmt.sprintf("The PDF to read on a phone (%s, figures as of %s).", year, date)
	},
	DraftFile:  func(year string) string { return "admissions-report-" + year },
	ExportFile: func(year string) string { return "admissions-" + year },
	ChartFile:  func(year string) string { return "progress-" + year },

	AdmBadFile: func(file, problem string) string {
		return enFmt.sprintf("The file <b>%s</b> could not be read as a list of admissions: %s", file, problem)
	},
	AdmRefused: func(file string, lines int) string {
		return enFmt.sprintf("The file <b>%s</b> was not imported, nothing changed, because %s not right:", file, enFmt.Count(lines, "line is", "lines are"))
	},
	AdmDone: func(file string, added int, years string, known int) string {
		return enFmt.sprintf("Imported <b>%s</b>: %s recorded (%s); %d already recorded, left as %s.", file, enFmt.Count(added, "admission", "admissions"), years, known, enFmt.Plural(known, "it was", "they were"))
	},
	AdmDry: func(file string, added int, years string, known int) string {
		return enFmt.sprintf("Dry run, nothing saved: <b>%s</b> would record %s (%s); %d %s already recorded.", file, enFmt.Count(added, "admission", "admissions"), years, known, enFmt.Plural(known, "is", "are"))
	},
	AdmOrg: func(org string, added int) string { return enFmt.sprintf("• %s: %d", org, added) },
	AdmSimilar: func(line int, name, recorded, date string) string {
		return enFmt.sprintf("⚠️ Line %d: <b>%s</b> is recorded beside <b>%s</b> of the same day, %s, a name that differs only in its diacritics: two people, or a typing mistake?", line, name, recorded, date)
	},
	ErrNoOrg:             "The organization (code or name) is missing.",
	ErrUnknownOrg:        "No organization has this code or name.",
	ErrAmbiguousOrg:      "Several organizations have this name: write the code.",
	ErrInactiveOrg:       "The organization is deactivated.",
	ErrNoDate:            "The admission date is missing.",
	ErrBirthLate:         "The birth date is after the admission date.",
	ErrTooYoung:          "The person is under 18 on the admission date.",
	ErrDupInFile:         func(first string) string { return "The same person is on line " + first + " of the file." },
	HelpImportAdmissions: "Send an .xlsx or .csv list of admitted members (organization code or name, full name, admission date, decision number, birth date) to record them (caption \"dry\" for a dry run).",

	StatusDeactivated: func(n int) string {
		return enFmt.sprintf("%s not counted.", enFmt.Count(n, "deactivated organization is", "deactivated organizations are"))
	},
	StatusOrgDeactivated: "The organization is deactivated: the figures below are its history, counted in no total.",
	OfficialEarly: func(name, admitted, from string) string {
		return enFmt.sprintf("The 12-month probation has not ended: <b>%s</b> was admitted on %s and can be recognized as an official member from <b>%s</b>.", name, admitted, from)
	},
	OfficialFuture: "The date of the recognition cannot be in the future.",
	ExportOwn: func(name string) string {
		return enFmt.sprintf("%s — own (without the organizations under it)", name)
	},
	ExportSubtotal: func(name string) string {
		return enFmt.sprintf("Subtotal %s (with the organizations under it)", name)
	},
	ErrMessageTooLong: func(lines, max int) string {
		return enFmt.sprintf("The message has %s; one report takes at most %d, so split it into several messages.", enFmt.Count(lines, "line", "lines"), max)
	},
	ErrDateOtherOrder: func(input, meant string) string {
		return enFmt.sprintf("The date %s is written year first; write day/month/year: %s.", input, meant)
	},
	ErrDateYear: func(year, min, max string) string {
		return enFmt.sprintf("The year %s of the date is not between %s and %s.", year, min, max)
	},
	ErrYearRange: func(year, from, to string) string {
		return enFmt.sprintf("The year %s is outside the years with figures: %s to %s.", year, from, to)
	},
	ErrBadYear:    "A year is written with four digits, for example 2025.",
	ReportRefused: "Nothing was recorded:",
	ReportCellHasSecretary: func(org string) string {
		return enFmt.sprintf("<b>%s</b> has its own registered secretary, who reports its admissions.", org)
	},
	ReportNotAssigned: func(org string) string {
		return enFmt.sprintf("<b>%s</b> is not under your organization, so you cannot report for it.", org)
	},
	UndoUsage: "/undo takes no number or name: it retracts the whole report of your last message. To correct or retract someone else, use /correct.",
	UndoBatch: func(n int, org string) string {
		if n == 1 {
			return enFmt.sprintf("Retracted the admission of your last report message in <b>%s</b>:", org)
		}
		return enFmt.sprintf("Retracted all %s of your last report message in <b>%s</b>:", enFmt.Count(n, "admission", "admissions"), org)
	},
	UndoKept:     "The records stay in the audit trail.",
	CorrectUsage: "Usage: <code>/correct</code>, <code>/correct 2025</code> or <code>/correct Full Name</code> — pick the person to correct or retract.",
	CorrectNone: func(org, year string) string {
		return enFmt.sprintf("<b>%s</b> has no reported admission in %s to correct.", org, year)
	},
	CorrectPick: func(org, year string) string {
		return enFmt.sprintf("Admissions of <b>%s</b> in %s, latest first. Choose the person to correct or retract:", org, year)
	},
	CorrectCard: func(name, date, decision string) string {
		return enFmt.sprintf("<b>%s</b> — admitted on %s%s\nChoose what to correct:", name, date, decision)
	},
	CorrectAskName: func(name string) string {
		return enFmt.sprintf("Type the right full name instead of <b>%s</b>:", name)
	},
	CorrectAskDate: func(name string) string {
		return enFmt.sprintf("Type the right admission date of <b>%s</b> (dd/mm/yyyy):", name)
	},
	CorrectAskDecision: func(name string) string {
		return enFmt.sprintf("Type the right decision number of <b>%s</b> (type - to remove the one recorded):", name)
	},
	CorrectNoChange: "The new value is the one recorded; nothing changed.",
	CorrectDone: func(name, field, old, new string) string {
		return enFmt.sprintf("Corrected <b>%s</b>: %s “%s” → “%s”. The correction is kept in the audit trail.", name, field, old, new)
	},
	BtnFixName:     "Correct the name",
	BtnFixDate:     "Correct the date",
	BtnFixDecision: "Correct the decision number",
	CorrectNotFound: func(name string) string {
		return enFmt.sprintf("<b>%s</b> is not among the organization's reported admissions of this year and the last. Type /correct for the list.", name)
	},
	BtnOlder: func(n int) string {
		return enFmt.sprintf("Older › (%d more)", n)
	},
	BtnRetract:      "Retract (stop counting)",
	AdmissionsUsage: "Usage: <code>/admissions</code>, <code>/admissions ORG_CODE</code>, <code>/admissions ORG_CODE 2025</code>",
	AdmissionsNone: func(org, year string) string {
		return enFmt.sprintf("<b>%s</b> has no reported admission in %s.", org, year)
	},
	AdmissionsHead: func(year, org string, counting, retracted int) string {
		return enFmt.sprintf("<b>Admissions %s — %s</b>: %d counting, %d retracted", year, org, counting, retracted)
	},
	AdmissionsItem: func(n, name, date, decision, mark string) string {
		return n + ". " + name + " — " + date + decision + mark
	},
	AdmissionsRetracted: func(date string) string {
		return enFmt.sprintf(" — <i>retracted on %s, not counted</i>", date)
	},
	AdmissionsCorrected: " (corrected)",
	SheetAdmissions:     "Admissions",
	ColPerson:           "Full name",
	ColAdmissionDate:    "Admission date",
	ColDecisionNo:       "Decision number",
	ColReporter:         "Reported by",
	ColReportedAt:       "Reported at",
	ColRetracted:        "Retracted",
	ColCorrections:      "Corrections",
	AlreadyRegisteredOther: func(current, offered, id string) string {
		return enFmt.sprintf("You are already registered as <b>%s</b>; this link invites a <b>%s</b>, so nothing was changed. To change role, ask an admin to revoke your current access (<code>/revoke %s</code>), then open this link again.", current, offered, id)
	},
	InvitationRedeemed: func(name, id, role string) string {
		return enFmt.sprintf("Your invitation was used: %s (<code>%s</code>) is registered as <b>%s</b>.", name, id, role)
	},
	AccessEnded: "Your access to the bot was ended by the Organization Board. The reports you sent are kept. To use it again, ask the Organization Board for a new invitation.",
	Fields:      map[quota.Field]string{quota.FieldName: "name", quota.FieldDate: "admission date", quota.FieldDecision: "decision number"},
	Roles: map[quota.Role]string{
		quota.RoleAdmin:      "admin",
		quota.RoleLeader:     "leader",
		quota.RoleSpecialist: "specialist",
		quota.RoleSecretary:  "secretary",
	},
	Stages: map[quota.Stage]string{
		quota.StageIdentified: "identified",
		quota.StageTrained:    "attended the Party awareness class",
		quota.StageIntroduced: "introduced",
		quota.StageSubmitted:  "dossier submitted",
		quota.StageAdmitted:   "admitted",
		quota.StageDropped:    "dropped",
	},
	Sources: map[quota.Source]string{
		quota.SourceYouthUnion: "Youth Union",
		quota.SourceTradeUnion: "Trade Union",
		quota.SourceMember:     "Party member",
		quota.SourceOther:      "Other",
	},
	NextStageButtons: map[quota.Stage]string{
		quota.StageTrained:    "Attended the class",
		quota.StageIntroduced: "Introduced",
		quota.StageSubmitted:  "Dossier submitted",
	},
	Bands: map[quota.Standard]string{
		quota.BandMet:    "Quota met",
		quota.BandMostly: "Mostly met",
		quota.BandHalf:   "Half or more",
		quota.BandLow:    "Under half",
	},

	CmdStart: Command{Menu: "Start", Help: "greeting; <code>/start &lt;code&gt;</code> registers with an invitation code"},
	CmdHelp:  Command{Menu: "Help", Help: "your commands, with examples"},
	CmdReport: Command{
		Menu: "Report admissions",
		Help: "report admissions, one person per line:\n<code>/report Nguyen Van A; 15/03/2026; 123-QD/DU</code>\nThe date defaults to today; the decision number may be left out. Type /report alone for a guided dialog.",
	},
	CmdUndo: Command{Menu: "Retract the last report", Help: "retract your whole last report message"},
	CmdCorrect: Command{
		Menu: "Correct or retract a report",
		Help: "choose someone reported this year to correct the name, date or decision number, or to retract; every correction is kept in the audit trail",
	},
	CmdAdmissions: Command{
		Menu:          "Named admissions",
		Help:          "an organization's named admissions, retracted ones marked: <code>/admissions ORG_CODE [year]</code>",
		HelpSecretary: "your organization's named admissions this year; <code>/admissions 2025</code> for another year",
	},
	CmdStatus: Command{
		Menu:          "Progress against the quota",
		Help:          "progress; <code>/status ORG_CODE</code>, <code>/status 2025</code>",
		HelpSecretary: "your organization's progress; <code>/status 2025</code> for another year",
	},
	CmdInvite: Command{
		Menu: "Create an invitation",
		Help: "create an invitation link: <code>/invite secretary ORG_CODE</code>, <code>/invite specialist CODE1 CODE2</code>, <code>/invite leader</code>, <code>/invite admin</code>",
	},
	CmdRemind: Command{Menu: "Send the reminders now", Help: "send the reminders to organizations behind now"},
	CmdExport: Command{Menu: "Export the Excel table", Help: "the year's table as an Excel file: <code>/export [year]</code>"},
	CmdChart:  Command{Menu: "Progress chart", Help: "progress chart: <code>/chart [year]</code>"},
	CmdCandidate: Command{
		Menu:          "Candidate pipeline",
		Help:          "an organization's candidates: <code>/candidate ORG_CODE</code>",
		HelpSecretary: "the candidate pipeline: add, move, drop",
	},
	CmdOfficial: Command{Menu: "Official membership", Help: "record official membership"},
	CmdRating:   Command{Menu: "Advisory rating table", Help: "advisory table of quota achievement: <code>/rating [year]</code>"},
	CmdOrg: Command{
		Menu: "Show, deactivate or reactivate an organization",
		Help: "show, deactivate or reactivate an organization (its history is kept): <code>/org ORG_CODE [off|on]</code>",
	},
	CmdUsers:  Command{Menu: "Registered users", Help: "the registered users"},
	CmdRevoke: Command{Menu: "Revoke access", Help: "revoke a user's access: <code>/revoke TELEGRAM_ID</code>"},
	CmdLang:   Command{Menu: "Change language", Help: "change the language, for example <code>/lang vi</code>"},
	CmdDraft: Command{
		Menu: "Draft the report to the Standing Committee (Word)",
		Help: "draft the report to the Standing Committee on admissions, as a Word file to edit (with a PDF when the server has LibreOffice): <code>/draft [year]</code>",
	},
	CmdHistory: Command{
		Menu: "Admissions year by year against quota, with a chart",
		Help: "admissions year by year against quota, with a chart: <code>/history [ORG_CODE] [2013-2019]</code>",
	},
	HelpAliases: func(aliases string) string {
		return " (or " + aliases + ")"
	},
	HelpImport:         "Send the list of organizations and quotas (.xlsx, .ods or .csv, as the decision's list is) to import it; caption \"dry\" for a preview that saves nothing, and the decision if the title does not say it: <code>dry 2323-QĐ/ĐUK, 11/4/2019</code>.",
	HelpInvitationHint: "To use the bot, open the invitation link from the Organization Board.",

	Dashboard: Dashboard{
		Title:         "Party admissions",
		Committee:     "Whole committee",
		AsOf:          "as of",
		OfPlan:        "of plan",
		NoQuota:       "no quota set",
		Expected:      "Expected by today",
		Shortfall:     "Short by",
		OnPace:        "On pace",
		Furthest:      "Furthest behind",
		Risky:         "At risk of missing the quota",
		RiskySources:  "candidates",
		Tree:          "Organizations",
		Subordinates:  "Subordinate organizations",
		SortShortfall: "Largest shortfall",
		SortPercent:   "Lowest share",
		SortName:      "By name",
		More:          "Show more",
		Search:        "Search organizations or people",
		SearchOrgs:    "Organizations",
		SearchPeople:  "People",
		NothingFound:  "Nothing found.",
		QuotaHistory:  "Quotas by year",
		Admissions:    "Admitted this year, by name",
		NoAdmissions:  "Nobody admitted this year yet.",
		NamesHidden:   "The lists by name are for the specialists assigned to this organization.",
		Pipeline:      "Candidate pipeline",
		ByStage:       "By stage",
		BySource:      "By source",
		Candidates:    "Candidates in the pipeline",
		Probations:    "Probations ending",
		NoProbations:  "No probation ending soon.",
		Overdue:       "overdue",
		Chart:         "Results by year",
		SendExport:    "Send the Excel table to the chat",
		SendReport:    "Send the draft report to the chat",
		ColYear:       "Year",
		ColAdmitted:   "Admitted",
		ColPct:        "Share",
		ColName:       "Name",
		ColDate:       "Date",
		ColDecision:   "Decision",
		ColEnds:       "Probation ends",
		Earlier:       "before:",
		Loading:       "Loading…",
		Error:         "Could not load the data. Try opening it again.",
		Inactive:      "deactivated",
		Term:          "Term",
		TermNeeded:    "expected by now",
		OrgsWithQuota: "Organizations with a quota",
		Met:           "Met",
		Behind:        "Behind pace",
		AtRisk:        "At risk",
		AtRiskGap:     "Short even with every advanced candidate",
		LastYear:      "Same period last year",
		Advanced:      "Introduced or dossier submitted",
		Conversion: func(admitted, introduced, percent string) string {
			return "Introduced this year → admitted: " + admitted + "/" + introduced + " (" + percent + ")"
		},
		Sent:          "Sent to your chat with the bot.",
		Unauthorized:  "This session could not be verified as opened from Telegram. Open the dashboard again from the bot.",
		NotRegistered: "You are not registered. Open the invitation link from the Organization Board.",
		Forbidden:     "Your role cannot see this.",
		NoOrg:         "There is no such organization.",
		BadYear:       "Not a valid year.",
		BadRequest:    "Not a valid request.",
		Open:          "📊 Open the dashboard",
		Menu:          "Dashboard",
	},
	Words: Words{
		Roles: map[quota.Role][]string{
			quota.RoleAdmin:      {"admin"},
			quota.RoleLeader:     {"leader"},
			quota.RoleSpecialist: {"specialist"},
			quota.RoleSecretary:  {"secretary"},
		},
		Sources: map[quota.Source][]string{
			quota.SourceYouthUnion: {"youth", "youth union"},
			quota.SourceTradeUnion: {"trade union", "union"},
			quota.SourceMember:     {"member", "party member"},
			quota.SourceOther:      {"other"},
		},
		CandidateVerbs: map[Verb][]string{
			VerbAdd:       {"add"},
			VerbClass:     {"class"},
			VerbIntroduce: {"introduce"},
			VerbSubmit:    {"submit"},
			VerbDrop:      {"drop"},
			VerbErase:     {"erase"},
			VerbList:      {"list"},
		},
		DryRun: []string{"dry", "dry-run", "dry run"},
	},
}

// importCounts says an import's counts with English plurals.
func importCounts(created, updated, unchanged, quotas int) string {
	return enFmt.Count(created, "new organization", "new organizations") + ", " + enFmt.Num(updated) + " updated, " +
		enFmt.Num(unchanged) + " unchanged; " + enFmt.Count(quotas, "quota changed", "quotas changed")
}
