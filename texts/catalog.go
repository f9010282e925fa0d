package texts

import "quotabot/quota"

// Catalog is everything the bot says in one language, and the words it
// understands in it. Every field must be set: a test fails otherwise.
type Catalog struct {
	// Name is the language's own name, as /lang offers it.
	Name                 string
	Greeting             func(name string) string
	GreetingUnregistered func(name, id string) string
	Registered           func(role, orgs string) string
	RegisteredOrg        func(names string) string
	AlreadyRegistered    func(role string) string
	InvitationUnknown    string
	InvitationUsed       string
	InvitationExpired    string
	NotRegistered        string
	Forbidden            func(role string) string
	UnknownCommand       func(command string) string
	NotUnderstood        string
	GroupPrivate         string
	InternalError        string
	EditedIgnored        string
	HelpHead             func(role string) string
	HelpHeadAnonymous    string
	LangSet              string
	// LangUsage lists the choices, such as "<code>/lang en</code> (English)".
	LangUsage          func(choices string) string
	InviteUsage        string
	InviteOneOrg       string
	InviteSomeOrg      string
	InviteNoOrg        func(role string) string
	UnknownOrg         func(code string) string
	InviteCreated      func(role, orgs, expires, link string) string
	ReportUsage        string
	ReportErrors       string
	ReportLineError    func(line int, text, problem string) string
	ReportRecorded     func(n int, org string) string
	ReportItem         func(name, date, decision string) string
	ReportDecision     func(number string) string
	TallyLine          func(year string, admitted, quota int, percent string) string
	TallyNoQuota       func(year string, admitted int) string
	ReportDuplicate    string
	NoOrg              string
	OrgInactive        func(org string) string
	ErrEmptyName       string
	ErrLongName        string
	ErrAbsurdName      string
	ErrBadDate         string
	ErrNoSuchDay       string
	ErrFutureDate      string
	ErrOldDate         string
	ErrBadDecision     string
	ErrTooManyParts    string
	ErrNoLines         string
	ErrTooManyLines    string
	ErrDupInMessage    string
	UndoNothing        string
	UndoDone           func(name, date, org string) string
	StatusOrgHead      func(year, org, date string) string
	StatusCommittee    func(year, date string) string
	StatusAdmitted     func(admitted, quota int, percent string) string
	StatusAdmittedNq   func(admitted int) string
	StatusExpected     func(expected int, pace string) string
	StatusShort        func(short int) string
	StatusOnPace       string
	StatusExceeded     func(over int) string
	StatusMet          string
	StatusLastYear     func(admitted int) string
	StatusOrgs         func(withQuota, met, behind int) string
	StatusFurthest     string
	StatusFurthestItem func(org, code string, admitted, quota, short int) string
	StatusChildren     string
	StatusChildItem    func(org string, admitted, quota int, percent string) string
	StatusBadArgs      string
	StatusOwnOnly      string
	StatusChildNoQuota func(org string, admitted int) string
	StatusEmpty        func(year string) string
	MoreLines          func(n int) string
	DialogName         string
	DialogDate         func(name string) string
	DialogDecision     string
	DialogConfirm      func(name, date, decision, org string) string
	DialogCancelled    string
	// DialogExpired answers a press on an old button, as a short notice
	// (Telegram shows at most 200 characters).
	DialogExpired     string
	RemindText        func(year, org string, admitted, quota int, percent, date string, expected, short int) string
	RemindTextQuota   func(year, org string, admitted, quota int, percent string, short int) string
	RemindDone        func(reminders, orgs int) string
	RemindNoSecretary func(n int, orgs string) string
	DigestHead        string
	DigestAssigned    func(date string) string
	DigestItem        func(org, code string, admitted, quota int, percent, short string) string
	DigestItemShort   func(short int) string
	DigestEscalated   string
	DigestEscItem     func(org, code string, times, admitted, quota int) string
	DigestUnreachable string
	DigestUserItem    func(name, id, role string) string
	EscalateText      func(org, code string, times int, year string, admitted, quota int, date string, expected int) string
	ImportRefused     func(n int) string
	// What is wrong with an uploaded file that could not be read.
	ImportLegacyExcel    string
	ImportLegacyFont     string
	ImportNotText        string
	ImportNoHeader       string
	ImportUnreadable     string
	ImportBadFile        func(problem, year string) string
	ImpLine              func(line, problem string) string
	ImpDupColumn         func(column, first, second string) string
	ImpBadYear           func(column, value, min, max string) string
	ImpDupYear           func(year, first, second string) string
	ImpDupCode           func(code, line string) string
	ImpEmptyCode         string
	ImpBadCode           func(code string) string
	ImpEmptyName         string
	ImpLongName          func(length, max string) string
	ImpBadParentCode     func(code string) string
	ImpQuotaNegative     func(year, value string) string
	ImpQuotaAmbiguous    func(year, value string) string
	ImpQuotaNotWhole     func(year, value string) string
	ImpQuotaTooBig       func(year, value, max string) string
	ImpUnknownParent     func(code string) string
	ImpOwnParent         string
	ImpCycle             func(code, path string) string
	ImpBadTerm           func(column, value, maxYears, min, max string) string
	ImpDupTerm           func(term, first, second string) string
	ImpYearColumn        func(column, value string) string
	ImpAmbiguousName     func(name, first, second string) string
	ImpDupName           func(name, line string) string
	ImpTotalNotNumber    func(column, value string) string
	ImpTotalMismatch     func(column, total, sum string) string
	ImpHiddenRow         func(name string) string
	ImpHiddenColumn      func(column, value string) string
	ImportLineText       func(line, text, problem string) string
	ImpPastIgnored       func(year, named, total string) string
	ImpNoQuotaColumn     func(columns string) string
	ImpBadCaption        string
	ImportHeadDry        func(file, sheet, lines string) string
	ImportHeadDone       func(file, sheet, lines string) string
	ImportDecision       func(decision, from string) string
	ImportDecisionTitle  string
	ImportDecisionGiven  string
	ImportColumns        string
	ImportColItem        func(column, header, what string) string
	ImportColIgnored     func(column, header, why string) string
	ImportFieldOrdinal   string
	ImportFieldCode      string
	ImportFieldName      string
	ImportFieldParent    string
	ImportFieldQuota     func(year string) string
	ImportFieldTerm      func(term string) string
	ImportFieldAdmitted  func(year string) string
	ImportWhyNote        string
	ImportWhyUnknown     string
	ImportNoCode         string
	ImportNoParent       string
	ImportFirstRows      string
	ImportRowItem        func(line, name, code, extra string) string
	ImportRowGroup       func(group string) string
	ImportRowParent      func(code string) string
	ImportRowFigure      func(label, value string) string
	ImportSkipped        string
	ImportSkipSection    func(line, text string) string
	ImportSkipTotal      func(line, text string) string
	ImportSkipSignature  func(line, text string) string
	ImportSkipNumbering  func(line, text string) string
	ImportWarnings       string
	ImportChanges        string
	ImportChangeItem     func(name, code, what string) string
	ImportChangeNew      string
	ImportChangeNewCode  string
	ImportChangeRenamed  func(from string) string
	ImportChangeUnder    func(code string) string
	ImportChangeMoved    func(from, to string) string
	ImportChangeGroup    func(from, to string) string
	ImportChangeDecision func(decision, what string) string
	ImportChangeEarlier  func(what, decision string) string
	ImportChangeSet      func(label, value string) string
	ImportChangeFigure   func(label, from, to string) string
	ImportChangeOrder    func(from, to string) string
	ImportTopLevel       string
	ImportNone           string
	ImportNoTotal        string
	ImportMore           func(n int) string
	ImportTotalDry       func(created, updated, unchanged, quotas int) string
	ImportTotalDone      func(created, updated, unchanged, quotas int) string
	ImportIdentical      string
	ImportDryHint        string
	ImportNotAdmin       string
	ImportWrongType      string
	ImportTooBig         string
	ExportCaption        func(year, date string) string
	ExportTitle          func(year, date string) string
	ExportTotal          string
	ExportBadYear        string
	ColParent            string
	ColCode              string
	ColName              string
	ColQuota             string
	ColAdmitted          string
	ColPercent           string
	ColExpected          string
	ColShortfall         string
	ColStatus            string
	StExceeded           string
	StMet                string
	StOnPace             string
	StBehind             string
	StNoQuota            string
	ChartTitle           func(year, date string) string
	ChartPercent         string
	ChartExpected        string
	ChartMore            func(n int) string
	OrgUsage             string
	OrgCard              func(org, code, parent, state, year string, quota, admitted int, secretaries string) string
	OrgActive            string
	OrgInactiveState     string
	OrgTop               string
	OrgNone              string
	OrgDeactivated       func(org string) string
	OrgReactivated       func(org string) string
	UsersHead            func(n int) string
	UsersItem            func(name, role, orgs, id, blocked string) string
	UsersUnreachable     string
	RevokeUsage          string
	RevokeUnknown        func(id string) string
	RevokeConfigAdmin    func(id string) string
	RevokeSelf           string
	Revoked              func(name, id, role string) string
	CandUsage            string
	CandReaderUsage      string
	CandListHead         func(org string) string
	CandListItem         func(n int, name, stage, source string) string
	CandListEmpty        string
	CandListClosed       func(n int) string
	CandAdded            func(name, source, stage string) string
	CandMoved            func(name, stage string) string
	CandDropped          func(name, reason string) string
	CandNotFound         func(name string) string
	CandDuplicate        func(name, stage string) string
	CandBadSource        string
	CandStageOrder       func(name, stage string) string
	CandStageClosed      func(name, stage string) string
	CandNeedDate         string
	CandNeedReason       string
	CandErased           func(id string) string
	CandEraseUsage       string
	CandNotDropped       string
	CandPrivate          string
	CandNotYours         string
	CandPick             string
	CandCard             func(name, stage, source string) string
	CandAskName          string
	CandAskSource        func(name string) string
	CandAskClass         func(name string) string
	CandAskReason        func(name string) string
	BtnAddCandidate      string
	BtnDrop              string
	ReportFromCandidate  string
	PipelineLine         func(advanced, ifAll, quota int) string
	// RemindAtRisk closes a reminder whose pipeline cannot close the gap,
	// without a second shortfall figure.
	RemindAtRisk string
	// RemindAtRiskTerm is the same for the term's quota.
	RemindAtRiskTerm  func(term string) string
	AtRiskOrg         func(short int) string
	AtRiskCommittee   func(n int) string
	AtRiskItem        func(org, code string, admitted, quota, candidates, short int) string
	SourcesLine       func(sources string) string
	ConversionLine    func(year string, admitted, introduced int, percent string) string
	ProbationHead     string
	ProbationItem     func(name, admitted, ends, late string) string
	ProbationOverdue  string
	ProbationAhead    func(name, org, admitted, ends string) string
	ProbationDue      func(name, org, admitted, ends string) string
	ProbationLate     func(name, org, admitted, ended string) string
	ProbationEscalate func(org, code, name, ended string) string
	OfficialUsage     string
	OfficialNotFound  func(name string) string
	OfficialDone      func(name, date, decision string) string
	RatingHead        func(year string) string
	RatingBandLine    func(band, from string, n int) string
	ChartBadYear      string
	CandFutureClass   string
	RatingBadYear     string
	SheetRating       string
	SheetPipeline     string
	ColBand           string
	ColAdvanced       string
	ColAtRisk         string
	ColIntroYear      string
	ColAdmittedFrom   string
	ColConversion     string
	Yes               string
	BtnToday          string
	BtnYesterday      string
	BtnSkip           string
	BtnConfirm        string
	BtnCancel         string

	ReportSimilar         func(name, date string) string
	StatusTerm            func(term string, admitted, quota int, percent, due string) string
	StatusTermExceeded    func(term string, admitted, quota int, percent string) string
	StatusTermMet         func(term string, admitted, quota int, percent string) string
	StatusTermShort       func(term string, expected, short int) string
	StatusTermOrgs        func(withQuota, met, behind int) string
	StatusPrior           func(years string, admitted, average int, percent string) string
	StatusPriorOne        func(year string, admitted int) string
	StatusBaseReach       func(reached, total int) string
	StatusBaseNone        func(orgs string) string
	StatusBaseMore        func(n int) string
	StatusTermHead        func(term, date string) string
	StatusTermOrgHead     func(term, org, date string) string
	StatusSpanHead        func(years, org string) string
	StatusSpanTotal       func(admitted, average int, percent string) string
	StatusYearItem        func(year string, admitted, quota int, percent, source string) string
	StatusYearItemNq      func(year string, admitted int, source string) string
	StatusYearTotal       string
	StatusTermNone        func(term string) string
	AtRiskTermOrg         func(term string, short int) string
	AtRiskTermCommittee   func(term string, n int) string
	RemindTermText        func(term, org string, admitted, quota int, percent, date string, expected, short int) string
	RemindTermLine        func(term string, admitted, quota int, percent string, expected, short int) string
	DigestNoAdmission     func(year string, n int) string
	DigestNoneItem        func(org, code string) string
	HistoryHead           func(org string) string
	HistoryCommittee      string
	HistoryEmpty          string
	HistoryBadArgs        string
	HistoryChartTitle     func(org string) string
	HistoryChartQuota     string
	HistoryChartNamed     string
	HistoryChartTotal     string
	HistoryChartAvg       func(years, average string) string
	HistoryChartCount     string
	OrgQuotaLine          func(period string, quota int, decision string) string
	OrgTerm               func(term string) string
	OrgDecision           func(decision string) string
	OrgEarlier            func(values string) string
	OrgEarlierItem        func(quota int, decision string) string
	SheetTerm             func(term string) string
	SheetDecisions        string
	SheetYears            string
	ColTermQuota          string
	ColDecision           string
	ColDecisionDate       string
	ColPeriod             string
	ColEarlier            string
	ColYear               string
	ColSource             string
	SourceNamed           string
	SourceTotal           string
	SourceNone            string
	RemindBlocked         func(n int, orgs string) string
	RemindHeld            func(from string) string
	UnremindedHead        string
	UnremindedBlocked     func(n int) string
	UnremindedNoSecretary func(n int) string
	UnremindedItem        func(org, code string) string
	SimilarCandidate      func(name, stage string) string
	CandAmbiguous         func(name string) string
	PrBlank               string
	PrParty               string
	PrNumber              func(issuer string) string
	PrPlaceDate           func(place, day, month, year string) string
	PrKind                string
	PrSubject             func(year string) string
	PrIntro               func(committee, year, date string) string
	PrHResults            string
	PrHistory             func(from, to string, admitted, average int) string
	PrHistoryOne          func(year string, admitted int) string
	PrYear                func(year, date string, admitted int, percent string, quota int) string
	PrYearNq              func(year, date string, admitted int) string
	PrYearLast            func(admitted int) string
	PrExpected            func(expected, remaining int) string
	PrOrgsMet             func(met, withQuota int, orgs string) string
	PrOrgsMetNone         func(withQuota int) string
	PrOrgsBehind          func(n int, orgs string) string
	PrOrgBehind           func(org string, admitted, quota, short int) string
	PrOrgsRisk            func(n int, orgs string) string
	PrOrgRisk             func(org string, short int) string
	PrOrgsNone            func(n int, orgs string) string
	PrMore                func(n int) string
	PrHPipeline           string
	PrPipeline            func(candidates int, sources string, advanced int) string
	PrSource              func(source string, n int) string
	PrPipelineNone        string
	PrProbation           func(n int, date string, overdue int) string
	PrProbationNone       func(date string) string
	PrHProposals          string
	PrProposals           string
	PrClosing             string
	PrRecipients          string
	PrAnnexTitle          func(year string) string
	PrAnnexNote           func(issuer, date string) string
	PrColNo               string
	PrColOrg              string
	PrColAdvanced         string
	PrAtRisk              string
	PrTerm                func(term, date string, admitted int, percent string, quota, expected int) string
	PrTermMet             func(term, date string, admitted int, percent string, quota int) string
	PrTermRisk            func(n int, term string) string
	PrColTerm             func(term string) string
	PrTermCell            func(admitted, quota int, percent string) string
	PrOrgsAdmitting       func(admitting, bases int) string

	// The periodic report sent in chat.
	DraftBadYear    string
	DraftCaption    func(year, date string) string
	DraftCaptionPDF func(year, date string) string
	DraftFile       func(year string) string
	ExportFile      func(year string) string // the year's table, without its extension
	ChartFile       func(year string) string // the year's chart, without its extension

	// A register of named admissions an admin sends.
	AdmBadFile      func(file, problem string) string
	AdmRefused      func(file string, lines int) string
	AdmDone         func(file string, added int, years string, known int) string
	AdmDry          func(file string, added int, years string, known int) string
	AdmOrg          func(org string, added int) string
	AdmSimilar      func(line int, name, recorded, date string) string
	ErrNoOrg        string
	ErrUnknownOrg   string
	ErrAmbiguousOrg string
	ErrInactiveOrg  string
	ErrNoDate       string
	ErrBirthLate    string
	ErrTooYoung     string
	ErrDupInFile    func(first string) string
	// HelpImportAdmissions tells an admin how to send a register; it is no command.
	HelpImportAdmissions string

	// Recording and correcting.
	StatusDeactivated      func(n int) string
	StatusOrgDeactivated   string
	OfficialEarly          func(name, admitted, from string) string
	OfficialFuture         string
	ExportOwn              func(name string) string
	ExportSubtotal         func(name string) string
	ErrMessageTooLong      func(lines, max int) string
	ErrDateOtherOrder      func(input, meant string) string
	ErrDateYear            func(year, min, max string) string
	ErrYearRange           func(year, from, to string) string
	ErrBadYear             string
	ReportRefused          string
	ReportCellHasSecretary func(org string) string
	ReportNotAssigned      func(org string) string
	UndoUsage              string
	UndoBatch              func(n int, org string) string
	UndoKept               string
	CorrectUsage           string
	CorrectNone            func(org, year string) string
	CorrectPick            func(org, year string) string
	CorrectCard            func(name, date, decision string) string
	CorrectAskName         func(name string) string
	CorrectAskDate         func(name string) string
	CorrectAskDecision     func(name string) string
	CorrectNoChange        string
	CorrectDone            func(name, field, old, new string) string
	BtnFixName             string
	BtnFixDate             string
	BtnFixDecision         string
	CorrectNotFound        func(name string) string
	BtnOlder               func(n int) string
	BtnRetract             string
	AdmissionsUsage        string
	AdmissionsNone         func(org, year string) string
	AdmissionsHead         func(year, org string, counting, retracted int) string
	AdmissionsItem         func(n, name, date, decision, mark string) string
	AdmissionsRetracted    func(date string) string
	AdmissionsCorrected    string
	SheetAdmissions        string
	ColPerson              string
	ColAdmissionDate       string
	ColDecisionNo          string
	ColReporter            string
	ColReportedAt          string
	ColRetracted           string
	ColCorrections         string
	AlreadyRegisteredOther func(current, offered, id string) string
	InvitationRedeemed     func(name, id, role string) string
	AccessEnded            string
	// Fields name what a correction changed.
	Fields map[quota.Field]string
	// The names of the domain's values.
	Roles   map[quota.Role]string
	Stages  map[quota.Stage]string
	Sources map[quota.Source]string
	// NextStageButtons label the button that moves a candidate to a stage.
	NextStageButtons map[quota.Stage]string
	// Bands name the rating bands of quota.DefaultBands.
	Bands map[quota.Standard]string

	// Each command's entry in the menu and in /help.
	CmdStart, CmdHelp, CmdReport, CmdUndo, CmdStatus, CmdInvite, CmdRemind,
	CmdExport, CmdChart, CmdCandidate, CmdOfficial, CmdRating, CmdOrg,
	CmdUsers, CmdRevoke, CmdLang, CmdHistory, CmdDraft, CmdCorrect, CmdAdmissions Command
	// HelpAliases follows a command in /help with its other names.
	HelpAliases func(aliases string) string
	// HelpImport tells an admin how to import a file; it is no command.
	HelpImport string
	// HelpInvitationHint ends the help of a person not registered.
	HelpInvitationHint string

	// Dashboard is the Mini App's words.
	Dashboard Dashboard

	// Words are what users type, in this language (see vocab.go).
	Words Words
}

// Dashboard is what the Mini App says: plain text, no HTML. The page's own
// words go to it as JSON under their tags; the rest are the server's.
type Dashboard struct {
	Title         string `json:"title"`
	Committee     string `json:"committee"`
	AsOf          string `json:"as_of"` // before a date: "đến ngày 15/06/2026"
	OfPlan        string `json:"of_plan"`
	NoQuota       string `json:"no_quota"`
	Expected      string `json:"expected"`
	Shortfall     string `json:"shortfall"`
	OnPace        string `json:"on_pace"`
	Furthest      string `json:"furthest"`
	Risky         string `json:"risky"`         // the head of the organizations at risk
	RiskySources  string `json:"risky_sources"` // before their advanced candidates
	Tree          string `json:"tree"`
	Subordinates  string `json:"subordinates"`
	SortShortfall string `json:"sort_shortfall"`
	SortPercent   string `json:"sort_percent"`
	SortName      string `json:"sort_name"`
	More          string `json:"more"`
	Search        string `json:"search"`
	SearchOrgs    string `json:"search_orgs"`
	SearchPeople  string `json:"search_people"`
	NothingFound  string `json:"nothing_found"`
	QuotaHistory  string `json:"quota_history"`
	Admissions    string `json:"admissions"`
	NoAdmissions  string `json:"no_admissions"`
	NamesHidden   string `json:"names_hidden"`
	Pipeline      string `json:"pipeline"`
	ByStage       string `json:"by_stage"`
	BySource      string `json:"by_source"`
	Candidates    string `json:"candidates"`
	Probations    string `json:"probations"`
	NoProbations  string `json:"no_probations"`
	Overdue       string `json:"overdue"`
	Chart         string `json:"chart"`
	SendExport    string `json:"send_export"`
	SendReport    string `json:"send_report"`
	ColYear       string `json:"col_year"`
	ColAdmitted   string `json:"col_admitted"`
	ColPct        string `json:"col_pct"`
	ColName       string `json:"col_name"`
	ColDate       string `json:"col_date"`
	ColDecision   string `json:"col_decision"`
	ColEnds       string `json:"col_ends"`
	Earlier       string `json:"earlier"` // before a quota a later decision replaced
	Loading       string `json:"loading"`
	Error         string `json:"error"`
	Inactive      string `json:"inactive"`
	Term          string `json:"term"`        // before a term's span: "Giai đoạn 2021-2025"
	TermNeeded    string `json:"term_needed"` // before the number the term needs by now

	// The labels of the figures on a card.
	OrgsWithQuota string `json:"-"`
	Met           string `json:"-"`
	Behind        string `json:"-"`
	AtRisk        string `json:"-"`
	AtRiskGap     string `json:"-"`
	LastYear      string `json:"-"`
	Advanced      string `json:"-"`
	// Conversion is the year's introductions that were admitted.
	Conversion func(admitted, introduced, percent string) string `json:"-"`
	Sent       string                                            `json:"-"`
	// Refusals of an API call.
	Unauthorized  string `json:"-"`
	NotRegistered string `json:"-"`
	Forbidden     string `json:"-"`
	NoOrg         string `json:"-"`
	BadYear       string `json:"-"`
	BadRequest    string `json:"-"`
	// Open is the button under /status; Menu the chat's menu button.
	Open string `json:"-"`
	Menu string `json:"-"`
}

// Command is how a command presents itself.
type Command struct {
	Menu string // its description in Telegram's command menu
	Help string // its line in /help, after the command's names, with an example
	// HelpSecretary replaces Help for a secretary, who acts on one
	// organization; empty when the help is the same.
	HelpSecretary string
}

// Words are the words users type for the bot's values, matched after
// quota.SearchKey (lower case, diacritics removed). Every language's words
// are understood whatever the user's language.
type Words struct {
	Roles          map[quota.Role][]string
	Sources        map[quota.Source][]string
	CandidateVerbs map[Verb][]string
	// DryRun are the captions that make an uploaded import a dry run.
	DryRun []string
}
