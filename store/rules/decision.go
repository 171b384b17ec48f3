package rules

// 四议两公开 figures. 中国共产党农村基层组织工作条例 (2019) names the method; its text was not
// available to check, so the article is unverified. The figures are local practice (county
// procedures: "到会党员人数须占党员总数的三分之二以上…经应到会党员半数以上同意").
const decisionSource = "中国共产党农村基层组织工作条例（2019）第十九条"

var (
	DecisionQuorum = Register(Rule{Key: "decision.quorum_percent", Label: "The resolving meeting needs at least this share present (percent)",
		Default: "67", Source: decisionSource, Local: true, Settable: true,
		Note: "Local practice (county procedures: two thirds present); the article number is not verified."})
	DecisionPass = Register(Rule{Key: "decision.pass_percent", Label: "A resolution passes with more than this share of those due to attend (percent)",
		Default: "50", Source: decisionSource, Local: true, Settable: true,
		Note: "Local practice; county procedures say 半数以上 of those due to attend. The article number is not verified."})
	DecisionPublishDays = Register(Rule{Key: "decision.publish_days", Label: "Publish a resolution within (days of the resolving meeting)",
		Default: "7", Source: "四议两公开（地方做法）", Local: true, Settable: true,
		Note: "Local practice; no source for the 7 days was found."})
)
