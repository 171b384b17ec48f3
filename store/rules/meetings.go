package rules

// Organisational life (组织生活) figures: 中国共产党支部工作条例（试行）(2018).
const branchSource = "中国共产党支部工作条例（试行）（2018）"

var (
	// GeneralPerQuarter: 支部党员大会, at least this many per quarter.
	GeneralPerQuarter = Register(Rule{Key: "meeting.general.per_quarter", Label: "Branch general meetings per quarter (at least)",
		Default: "1", Source: branchSource + " 第十五条"})
	// CommitteePerMonth: 支部委员会会议, at least this many per month.
	CommitteePerMonth = Register(Rule{Key: "meeting.committee.per_month", Label: "Branch committee meetings per month (at least)",
		Default: "1", Source: branchSource + " 第十五条"})
	// GroupPerMonth: 党小组会, at least this many per month in each party group.
	GroupPerMonth = Register(Rule{Key: "meeting.group.per_month", Label: "Party group meetings per month in each group (at least)",
		Default: "1", Source: branchSource + " 第十五条"})
	// LecturePerQuarter: 党课; the 条例 sets no count for a branch, quarterly is common practice.
	LecturePerQuarter = Register(Rule{Key: "meeting.lecture.per_quarter", Label: "Party lectures per quarter (at least)",
		Default: "1", Source: branchSource + " 第十五条", Local: true, Settable: true})
	// ThemeDayDay: 主题党日 is held once a month on a fixed day of the month.
	ThemeDayDay = Register(Rule{Key: "theme_day.day_of_month", Label: "Day of the month of the theme party day",
		Default: "10", Source: branchSource + " 第十六条", Local: true, Settable: true})
	// LifePerYear: 组织生活会, at least once a year, usually in the fourth quarter.
	LifePerYear = Register(Rule{Key: "meeting.life.per_year", Label: "Organisational life meetings per year (at least)",
		Default: "1", Source: branchSource + " 第十七条"})
	// AppraisalPerYear: 民主评议党员, once a year, usually with the 组织生活会.
	AppraisalPerYear = Register(Rule{Key: "meeting.appraisal.per_year", Label: "Democratic appraisals of members per year",
		Default: "1", Source: branchSource + " 第十九条"})
	// TalkPerYear: 谈心谈话, at least once a year.
	TalkPerYear = Register(Rule{Key: "meeting.talk.per_year", Label: "Heart-to-heart talks per year (at least)",
		Default: "1", Source: branchSource + " 第十八条"})
	// AttendanceMin: a meeting whose attendance (excused floating members aside) is below this
	// percentage is reported.
	AttendanceMin = Register(Rule{Key: "meeting.attendance_min_percent", Label: "Lowest acceptable attendance of a meeting (percent)",
		Default: "80", Source: branchSource, Local: true, Settable: true})
	// GeneralQuorum: a branch general meeting that votes needs more than this share of the
	// members with voting rights (full members) present.
	GeneralQuorum = Register(Rule{Key: "meeting.general.quorum", Label: "A general meeting needs more than this share of full members present",
		Default: "1/2", Source: branchSource})
	// CommitteeQuorum: a committee meeting needs more than this share of the committee present.
	CommitteeQuorum = Register(Rule{Key: "meeting.committee.quorum", Label: "A committee meeting needs more than this share of the committee present",
		Default: "1/2", Source: branchSource})
	// AppraisalExcellentMax: at most this share of the rated members may be rated 优秀.
	AppraisalExcellentMax = Register(Rule{Key: "appraisal.excellent_max", Label: "At most this share of rated members may be rated excellent",
		Default: "1/3", Source: branchSource + " 第十九条", Local: true, Settable: true})
)
