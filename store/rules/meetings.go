package rules

// Organisational life (组织生活) figures: 中国共产党支部工作条例（试行）(2018).
//
// Verification (issue 10, /work/research/rules-citations.md): no official full text was at
// hand; article numbers marked Verified were read in secondary pages that quote the article
// with its number (reposts of 共产党员网); the others are inferred from the numbers around them
// and say so.
const branchSource = "中国共产党支部工作条例（试行）（2018）"

// Where the 支部工作条例 articles were read.
const (
	branchSeen1    = "第十一条 quoted by xgll.com.cn (来源：共产党员网, 2021-09-16), talaoshi.com, lawsask.com"
	branchSeen2    = "第十二、十三条 quoted by xgll.com.cn (来源：共产党员网, 2021-09-17)"
	branchSeen7    = "第十七条 quoted by miniwenda.com"
	branchSeen9    = "第十九条 quoted by ty-gm.com"
	branchSeen6    = "第十六条 (三会一课 and 主题党日 in one article) quoted by glnlw.com"
	branchInferred = "" // text read, article number branchInferred from its neighbours: not verified
)

var (
	// GeneralPerQuarter: 支部党员大会, at least this many per quarter.
	GeneralPerQuarter = Register(Rule{Key: "meeting.general.per_quarter", Label: "Branch general meetings per quarter (at least)",
		Default: "1", Source: branchSource + " 第十一条", Verified: branchSeen1})
	// CommitteePerMonth: 支部委员会会议, at least this many per month.
	CommitteePerMonth = Register(Rule{Key: "meeting.committee.per_month", Label: "Branch committee meetings per month (at least)",
		Default: "1", Source: branchSource + " 第十二条", Verified: branchSeen2})
	// GroupPerMonth: 党小组会, at least this many per month in each party group.
	GroupPerMonth = Register(Rule{Key: "meeting.group.per_month", Label: "Party group meetings per month in each group (at least)",
		Default: "1", Source: branchSource + " 第十三条", Verified: branchSeen2})
	// LecturePerQuarter: 党课; the 条例 (三会一课, 第十六条) sets no count for a branch:
	// quarterly is common local practice.
	LecturePerQuarter = Register(Rule{Key: "meeting.lecture.per_quarter", Label: "Party lectures per quarter (at least)",
		Default: "1", Source: branchSource + " 第十六条（三会一课；次数为地方做法）", Local: true, Settable: true, Verified: branchSeen6})
	// ThemeDayDay: 主题党日 is held once a month (第十六条) on a fixed day of the month; which
	// day is local practice.
	ThemeDayDay = Register(Rule{Key: "theme_day.day_of_month", Label: "Day of the month of the theme party day",
		Default: "10", Source: branchSource + " 第十六条（每月相对固定1天；日期为地方做法）", Local: true, Settable: true, Verified: branchSeen6})
	// LifePerYear: 组织生活会, at least once a year, usually in the fourth quarter.
	LifePerYear = Register(Rule{Key: "meeting.life.per_year", Label: "Organisational life meetings per year (at least)",
		Default: "1", Source: branchSource + " 第十七条", Verified: branchSeen7})
	// AppraisalPerYear: 民主评议党员, once a year, usually with the 组织生活会.
	AppraisalPerYear = Register(Rule{Key: "meeting.appraisal.per_year", Label: "Democratic appraisals of members per year",
		Default: "1", Source: branchSource + " 第十八条", Verified: branchInferred})
	// TalkPerYear: 谈心谈话, at least once a year.
	TalkPerYear = Register(Rule{Key: "meeting.talk.per_year", Label: "Heart-to-heart talks per year (at least)",
		Default: "1", Source: branchSource + " 第十九条", Verified: branchSeen9})
	// AttendanceMin: a meeting whose attendance (excused floating members aside) is below this
	// percentage is reported.
	AttendanceMin = Register(Rule{Key: "meeting.attendance_min_percent", Label: "Lowest acceptable attendance of a meeting (percent)",
		Default: "80", Source: branchSource + "（无全国统一比例，地方做法）", Local: true, Settable: true})
	// GeneralQuorum: a branch general meeting that votes needs at least this share ("半数以上":
	// 以上 includes the figure itself) of the members with voting rights (full members) present.
	GeneralQuorum = Register(Rule{Key: "meeting.general.quorum", Label: "A general meeting needs at least this share of full members present",
		Default: "1/2", Source: branchSource + " 第十一条", Verified: branchSeen1})
	// CommitteeQuorum: a committee meeting needs at least this share ("半数以上") of the
	// committee present.
	CommitteeQuorum = Register(Rule{Key: "meeting.committee.quorum", Label: "A committee meeting needs at least this share of the committee present",
		Default: "1/2", Source: branchSource + " 第十二条", Verified: branchSeen2})
	// CommitteeMinFull: a branch with at least this many full members has a committee (and so
	// owes monthly committee meetings); below it only a 书记 (and maybe a 副书记). The 条例's
	// chapter 6 says so; its article number is not verified.
	CommitteeMinFull = Register(Rule{Key: "meeting.committee_min_full", Label: "A branch with at least this many full members has a committee",
		Default: "7", Source: branchSource + " 第六章", Verified: ""})
	// AppraisalExcellentMax: at most this share of the members taking part (党员总数 of the
	// appraisal) may be rated 优秀: national guidance on 民主评议党员 (共产党员网 answers:
	// "评为优秀的党员一般不超过参加评议党员总数的三分之一"), not a figure of the 条例.
	AppraisalExcellentMax = Register(Rule{Key: "appraisal.excellent_max", Label: "At most this share of the members taking part may be rated excellent",
		Default: "1/3", Source: "关于民主评议党员的全国指导意见（共产党员网）：优秀一般不超过参评党员总数的三分之一", Settable: true,
		Note: "National guidance (answers on 共产党员网), not an article of the 条例; no article number."})
)

// Units in which a meeting kind is required (the store's period kinds).
const (
	PerMonth   = "month"
	PerQuarter = "quarter"
	PerYear    = "year"
)

// Who is expected (应到) at a meeting of a kind.
const (
	ExpectAll       = "all"       // every member on the roll
	ExpectCommittee = "committee" // the committee: 书记, 副书记, 委员
	ExpectGroup     = "group"     // the party group's members
)

// MeetingKind is one kind of meeting of organisational life, as the rules see it: the one
// table the store derives its kind list, its required meetings, who is expected, the quorum
// check and the attendance KPI from.
type MeetingKind struct {
	Slug  string // CLI.md slug
	Label string // catalog key of the Chinese name
	// Unit and Count: at least Count (a rule's value) per Unit; Unit "" means not required.
	// The theme day has no count rule: once a month, on the day ThemeDayDay names.
	Unit  string
	Count *Rule
	// PerGroup: required of each party group (党小组会); NeedsCommittee: required only of a
	// branch that has a committee (CommitteeMinFull).
	PerGroup       bool
	NeedsCommittee bool
	Expect         string // ExpectAll, ExpectCommittee or ExpectGroup
	// Quorum: the share that must be present, counted over voting (full) members when
	// QuorumVoting, else over everyone expected; nil: no quorum.
	Quorum       *Rule
	QuorumVoting bool
	// Attendance: the kind's attendance counts in 党员平均参会率 (DOMAIN.md).
	Attendance bool
}

// MeetingKinds lists the kinds in the order the app shows them.
var MeetingKinds = []MeetingKind{
	{Slug: "general", Label: "Branch general meeting", Unit: PerQuarter, Count: &GeneralPerQuarter, Expect: ExpectAll,
		Quorum: &GeneralQuorum, QuorumVoting: true, Attendance: true},
	{Slug: "committee", Label: "Committee meeting", Unit: PerMonth, Count: &CommitteePerMonth, NeedsCommittee: true,
		Expect: ExpectCommittee, Quorum: &CommitteeQuorum},
	{Slug: "group", Label: "Party group meeting", Unit: PerMonth, Count: &GroupPerMonth, PerGroup: true, Expect: ExpectGroup,
		Attendance: true},
	{Slug: "lecture", Label: "Party lecture", Unit: PerQuarter, Count: &LecturePerQuarter, Expect: ExpectAll, Attendance: true},
	{Slug: "theme-day", Label: "Theme party day", Unit: PerMonth, Expect: ExpectAll, Attendance: true},
	{Slug: "life", Label: "Organisational life meeting", Unit: PerYear, Count: &LifePerYear, Expect: ExpectAll},
	{Slug: "appraisal", Label: "Democratic appraisal", Unit: PerYear, Count: &AppraisalPerYear, Expect: ExpectAll},
	{Slug: "talk", Label: "Heart-to-heart talk", Unit: PerYear, Count: &TalkPerYear, Expect: ExpectAll},
}

// Kind finds a meeting kind by slug.
func Kind(slug string) (MeetingKind, bool) {
	for _, k := range MeetingKinds {
		if k.Slug == slug {
			return k, true
		}
	}
	return MeetingKind{}, false
}

// FrequencyRule is the rule a kind's requirement is reported under: its count, or for the
// theme day its fixed day.
func (k MeetingKind) FrequencyRule() Rule {
	if k.Count != nil {
		return *k.Count
	}
	return ThemeDayDay
}
