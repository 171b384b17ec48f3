package rules

// 四议两公开 figures: 中国共产党农村基层组织工作条例 (2019) 第十九条 names the method; the
// figures are common local practice.
const decisionSource = "中国共产党农村基层组织工作条例（2019）第十九条"

var (
	DecisionQuorum = Register(Rule{Key: "decision.quorum_percent", Label: "The resolving meeting needs at least this share present (percent)",
		Default: "67", Source: decisionSource, Local: true, Settable: true})
	DecisionPass = Register(Rule{Key: "decision.pass_percent", Label: "A resolution passes with more than this share of those due to attend (percent)",
		Default: "50", Source: decisionSource, Local: true, Settable: true})
	DecisionPublishDays = Register(Rule{Key: "decision.publish_days", Label: "Publish a resolution within (days of the resolving meeting)",
		Default: "7", Source: decisionSource, Local: true, Settable: true})
)
