package rules

// Dues (党费) figures: 关于中国共产党党费收缴、使用和管理的规定 (中组发〔2008〕3号) and
// 中国共产党章程 第九条. Articles checked against copies quoting 第一–六条 and 第十二条
// (research of 2026-12-01).
const duesSource = "关于中国共产党党费收缴、使用和管理的规定（2008）"

// Where the 规定's and 党章's articles were read.
const (
	seenDues1to6 = "第一–六条 quoted in order by 78911.com.cn; w.sf024.com; miniwenda.com (第二条)"
	seenDues12   = "第十二条 quoted by uianet.net"
	seenCharter9 = "党章 第九条 (2017 text, read in full)"
)

var (
	// DuesSalariedBands: monthly after-tax income bands of salaried members, "upper:percent"
	// pairs in yuan, the upper bound included ("含"); "*" is the open top band. 第二条 (第一条
	// defines the base: the stable after-tax salary).
	DuesSalariedBands = Register(Rule{Key: "dues.salaried_bands", Label: "Dues rates of salaried members (income up to yuan: percent)",
		Default: "3000:0.5,5000:1,10000:1.5,*:2", Source: duesSource + " 第二条（基数：第一条）", Verified: seenDues1to6})
	// DuesRetiredBands: the same for retired members' pension, 第五条.
	DuesRetiredBands = Register(Rule{Key: "dues.retired_bands", Label: "Dues rates of retired members (pension up to yuan: percent)",
		Default: "5000:0.5,*:1", Source: duesSource + " 第五条", Verified: seenDues1to6})
	// DuesRetiredBase: which pension is the base, "total" or "basic". 第五条 says the total; a
	// later notice (组电明字〔2017〕5号, seen only in secondary copies) says the basic pension
	// without allowances.
	DuesRetiredBase = Register(Rule{Key: "dues.retired_base", Label: "Dues base of retired members (total or basic pension)",
		Default: "total", Source: duesSource + " 第五条；组电明字〔2017〕5号", Settable: true,
		Note: "第五条 says the total pension; a 2017 notice (secondary copies only) says the basic pension without allowances."})
	// DuesFarmer: the monthly amount of 农民党员 in yuan (0.2–1.0, set per province), 第六条.
	DuesFarmer = Register(Rule{Key: "dues.farmer_amount", Label: "Monthly dues of farmer members (yuan, 0.2 to 1.0)",
		Default: "0.20", Source: duesSource + " 第六条", Settable: true, Verified: seenDues1to6})
	// DuesMinimum: students, unemployed, members on relief or 低保, in yuan per month, 第六条.
	DuesMinimum = Register(Rule{Key: "dues.minimum_amount", Label: "Monthly dues of students, unemployed members and members on relief (yuan)",
		Default: "0.20", Source: duesSource + " 第六条", Verified: seenDues1to6})
	// DuesBackpay: "补交党费的时间一般不得超过6个月", 第十二条 (national).
	DuesBackpay = Register(Rule{Key: "dues.backpay_months", Label: "Back-payment of dues accepted for at most this many months",
		Default: "6", Source: duesSource + " 第十二条", Verified: seenDues12})
	// DuesQuarterly: "经党支部同意，可以每季度交纳一次党费", 第十二条 (national): a payment may
	// cover this many months at once.
	DuesQuarterly = Register(Rule{Key: "dues.quarterly_months", Label: "With the branch's consent dues may be paid for this many months at once (quarterly)",
		Default: "3", Source: duesSource + " 第十二条", Verified: seenDues12})
	// DuesWarn: unpaid months that raise a warning: local practice, before 第九条's six.
	DuesWarn = Register(Rule{Key: "dues.warn_months", Label: "Unpaid months that raise a warning",
		Default: "3", Source: "党费催缴提醒（地方做法）", Local: true, Settable: true,
		Note: "Local practice: a warning before the six months of 党章 第九条."})
	// DuesAlarm: consecutive unpaid months treated as leaving the party (党章 第九条).
	DuesAlarm = Register(Rule{Key: "dues.alarm_months", Label: "Consecutive unpaid months treated as leaving the party",
		Default: "6", Source: "中国共产党章程 第九条", Verified: seenCharter9})
)

// 党章 第九条 has a second half: "党员如果没有正当理由，连续六个月不参加党的组织生活，或不交
// 纳党费，或不做党所分配的工作，就被认为是自行脱党". Absence is checked like dues: excused
// absences and 流动在外 members reached another way (送学上门) count as taking part.
var (
	OrgLifeWarn = Register(Rule{Key: "orglife.warn_months", Label: "Months without taking part in organisational life that raise a warning",
		Default: "3", Source: "组织生活缺席提醒（地方做法）", Local: true, Settable: true,
		Note: "Local practice: a warning before the six months of 党章 第九条."})
	OrgLifeAlarm = Register(Rule{Key: "orglife.alarm_months", Label: "Consecutive months without taking part in organisational life treated as leaving the party",
		Default: "6", Source: "中国共产党章程 第九条", Verified: seenCharter9})
)
