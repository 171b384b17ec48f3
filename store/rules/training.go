package rules

// 党员教育培训 学时 (中国共产党党员教育管理工作条例, 2019, chapter on 党员教育培训). The figures
// were checked against public copies of the text (members ≥ 32 学时 a year of 集中学习培训;
// 基层党组织书记和班子成员 ≥ 56; new 基层党组织书记 trained within half a year — not checked: the
// member file does not say since when someone is secretary; 预备党员 trained once); the article numbers were not verified, so none is cited.
var (
	TrainingMemberHours = Register(Rule{Key: "training.member_hours", Label: "Class hours of concentrated study and training a member needs a year",
		Default: "32", Source: "中国共产党党员教育管理工作条例（2019）党员教育培训（条次未核实）", Settable: true,
		Note: "The article number is not verified; the figure is."})
	TrainingCadreHours = Register(Rule{Key: "training.cadre_hours", Label: "Class hours a branch secretary or committee member needs a year",
		Default: "56", Source: "中国共产党党员教育管理工作条例（2019）党员教育培训（条次未核实）", Settable: true,
		Note: "The article number is not verified; the figure is."})
)
