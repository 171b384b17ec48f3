package rules

// 四议两公开 figures.
//
// Step 4 (村民会议或村民代表会议决议) follows 中华人民共和国村民委员会组织法 (2010, amended
// 2018): 第二十二条 "召开村民会议，应当有本村十八周岁以上村民的过半数，或者本村三分之二以上
// 的户的代表参加，村民会议所作决定应当经到会人员的过半数通过"; 第二十六条 "村民代表会议有三
// 分之二以上的组成人员参加方可召开，所作决定应当经到会人员的过半数同意". These are national
// law: not settable. "过半数" is strictly more than half; "三分之二以上" includes two thirds.
//
// Step 3 (党员大会审议) figures are local practice (county procedures: "到会党员人数须占党员总数
// 的三分之二以上…经应到会党员半数以上同意").
const villageLaw = "中华人民共和国村民委员会组织法"

// Where the law's articles were read (search of 2026-12-06).
const (
	seenLaw22 = "第二十二条 quoted in full by jd.9ly.com.cn (第四章, with 第二十一、二十三条 around it)"
	seenLaw26 = "第二十六条 quoted in full by ziyunlou.com"
)

const reviewSource = "四议两公开 党员大会审议（地方做法）"

var (
	// DecisionQuorum: the 党员大会审议 (step 3) needs at least this share of the members present.
	DecisionQuorum = Register(Rule{Key: "decision.quorum_percent", Label: "The party members' meeting (step 3) needs at least this share of members present (percent)",
		Default: "67", Source: reviewSource, Local: true, Settable: true,
		Note: "Local practice (county procedures: two thirds of the members present at the party members' meeting)."})
	// DecisionPass: the 党员大会审议 passes with more than this share of those due in favour.
	DecisionPass = Register(Rule{Key: "decision.pass_percent", Label: "The party members' meeting (step 3) agrees with more than this share of those due to attend (percent)",
		Default: "50", Source: reviewSource, Local: true, Settable: true,
		Note: "Local practice; county procedures say 半数以上 of those due to attend the party members' meeting."})
	// DecisionVillagersAdults: a 村民会议 needs more than this share of the adult villagers.
	DecisionVillagersAdults = Register(Rule{Key: "decision.villagers_adults", Label: "A villagers' meeting needs more than this share of the adult villagers present",
		Default: "1/2", Source: villageLaw + " 第二十二条", Verified: seenLaw22})
	// DecisionVillagersHouseholds: or at least this share of the households' representatives.
	DecisionVillagersHouseholds = Register(Rule{Key: "decision.villagers_households", Label: "Or representatives of at least this share of the households",
		Default: "2/3", Source: villageLaw + " 第二十二条", Verified: seenLaw22})
	// DecisionRepresentativesQuorum: a 村民代表会议 needs at least this share of its members.
	DecisionRepresentativesQuorum = Register(Rule{Key: "decision.representatives_quorum", Label: "A villagers' representatives' meeting needs at least this share of its members present",
		Default: "2/3", Source: villageLaw + " 第二十六条", Verified: seenLaw26})
	// DecisionResolvePass: step 4 decides with more than this share of those present.
	DecisionResolvePass = Register(Rule{Key: "decision.resolve_pass", Label: "The villagers' (representatives') meeting decides with more than this share of those present",
		Default: "1/2", Source: villageLaw + " 第二十二条、第二十六条", Verified: seenLaw22 + "; " + seenLaw26})
	DecisionPublishDays = Register(Rule{Key: "decision.publish_days", Label: "Publish a resolution within (days of the resolving meeting)",
		Default: "7", Source: "四议两公开（地方做法）", Local: true, Settable: true,
		Note: "Local practice; no source for the 7 days was found."})
)
