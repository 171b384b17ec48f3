package rules

// Dues (党费) figures: 关于中国共产党党费收缴、使用和管理的规定 (2008) and 中国共产党章程 第九条.
const duesSource = "关于中国共产党党费收缴、使用和管理的规定（2008）"

var (
	// DuesSalariedBands: monthly after-tax income bands of salaried members, "upper:percent"
	// pairs in yuan, the upper bound included; "*" is the open top band.
	DuesSalariedBands = Register(Rule{Key: "dues.salaried_bands", Label: "Dues rates of salaried members (income up to yuan: percent)",
		Default: "3000:0.5,5000:1,10000:1.5,*:2", Source: duesSource + " 第一条"})
	// DuesRetiredBands: the same for retired members' pension.
	DuesRetiredBands = Register(Rule{Key: "dues.retired_bands", Label: "Dues rates of retired members (pension up to yuan: percent)",
		Default: "5000:0.5,*:1", Source: duesSource + " 第二条"})
	// DuesRetiredBase: which pension is the base, "total" or "basic".
	DuesRetiredBase = Register(Rule{Key: "dues.retired_base", Label: "Dues base of retired members (total or basic pension)",
		Default: "total", Source: duesSource + " 第二条", Settable: true})
	// DuesFarmer: the monthly amount of 农民党员 in yuan (0.2–1.0, set per province).
	DuesFarmer = Register(Rule{Key: "dues.farmer_amount", Label: "Monthly dues of farmer members (yuan, 0.2 to 1.0)",
		Default: "0.20", Source: duesSource + " 第三条", Settable: true})
	// DuesMinimum: students, unemployed, members on relief or 低保, in yuan per month.
	DuesMinimum = Register(Rule{Key: "dues.minimum_amount", Label: "Monthly dues of students, unemployed members and members on relief (yuan)",
		Default: "0.20", Source: duesSource + " 第三条"})
	// DuesBackpay: how many months back a payment is normally accepted.
	DuesBackpay = Register(Rule{Key: "dues.backpay_months", Label: "Back-payment of dues accepted for at most this many months",
		Default: "6", Source: duesSource, Local: true, Settable: true})
	// DuesWarn: unpaid months that raise a warning.
	DuesWarn = Register(Rule{Key: "dues.warn_months", Label: "Unpaid months that raise a warning",
		Default: "3", Source: "中国共产党章程 第九条", Local: true, Settable: true})
	// DuesAlarm: consecutive unpaid months treated as leaving the party (党章 第九条).
	DuesAlarm = Register(Rule{Key: "dues.alarm_months", Label: "Consecutive unpaid months treated as leaving the party",
		Default: "6", Source: "中国共产党章程 第九条"})
)
