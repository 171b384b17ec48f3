package rules

// 积分 / 星级 figures: local schemes (DOMAIN.md "积分 and 星级"), all settings.
const pointsSource = "党员积分管理（地方做法）"

var (
	PointsPerStar = Register(Rule{Key: "points.per_star", Label: "Points for one star",
		Default: "10", Source: pointsSource, Local: true, Settable: true})
	// PointsLayout: "stars" (积分换星) or "532" (5 common + 3 duty + 2 self-chosen stars).
	PointsLayout = Register(Rule{Key: "points.layout", Label: "Star layout (stars or 532)",
		Default: "stars", Source: pointsSource, Local: true, Settable: true})
	PointsAttendance = Register(Rule{Key: "points.attendance", Label: "Points for attending a meeting",
		Default: "2", Source: pointsSource, Local: true, Settable: true})
	PointsDues = Register(Rule{Key: "points.dues_on_time", Label: "Points for a month's dues paid on time",
		Default: "1", Source: pointsSource, Local: true, Settable: true})
	// PointsService: each volunteer service recorded (member_services) earns this.
	PointsService = Register(Rule{Key: "points.service", Label: "Points for a volunteer service",
		Default: "5", Source: pointsSource, Local: true, Settable: true})
	// PointsCommitment: a commitment fulfilled (践诺) in the period.
	PointsCommitment = Register(Rule{Key: "points.commitment", Label: "Points for a commitment fulfilled",
		Default: "3", Source: pointsSource, Local: true, Settable: true})
	// PointsVisit: a visit to a linked household (联系户).
	PointsVisit = Register(Rule{Key: "points.household_visit", Label: "Points for a visit to a linked household",
		Default: "1", Source: pointsSource, Local: true, Settable: true})
	PointsDeduction = Register(Rule{Key: "points.deduction", Label: "Points deducted for an absence without reason",
		Default: "-2", Source: pointsSource, Local: true, Settable: true})
)
