package rules

// 发展党员 figures: 中国共产党发展党员工作细则 (2014).
const pipelineSource = "中国共产党发展党员工作细则（2014）"

var (
	PipelineMinAge = Register(Rule{Key: "pipeline.min_age", Label: "Minimum age of an applicant (years)",
		Default: "18", Source: pipelineSource + " 第六条"})
	PipelineInterview = Register(Rule{Key: "pipeline.interview_months", Label: "Talk with the applicant within (months of the application)",
		Default: "1", Source: pipelineSource + " 第八条"})
	PipelineActivist = Register(Rule{Key: "pipeline.activist_months", Label: "Months as an activist before becoming a development target",
		Default: "12", Source: pipelineSource + " 第十五条"})
	PipelineAssessment = Register(Rule{Key: "pipeline.assessment_months", Label: "An activist is assessed at least every (months)",
		Default: "6", Source: pipelineSource + " 第十三条"})
	PipelineTrainingDays = Register(Rule{Key: "pipeline.training_days", Label: "Minimum days of the concentrated training",
		Default: "3", Source: pipelineSource + " 第十九条"})
	PipelineTrainingHours = Register(Rule{Key: "pipeline.training_hours", Label: "Or at least this many class hours of training",
		Default: "24", Source: pipelineSource + " 第十九条"})
	PipelinePublicity = Register(Rule{Key: "pipeline.publicity_workdays", Label: "Working days a publicity notice (公示) runs",
		Default: "5", Source: pipelineSource + " 第二十一条", Local: true, Settable: true})
	PipelineApproval = Register(Rule{Key: "pipeline.approval_months", Label: "The higher committee approves within (months of the branch meeting)",
		Default: "3", Source: pipelineSource + " 第二十七条"})
	PipelineProbation = Register(Rule{Key: "pipeline.probation_months", Label: "Probation period (months from the branch meeting)",
		Default: "12", Source: pipelineSource + " 第三十一条"})
	PipelineMaxExtension = Register(Rule{Key: "pipeline.max_extension_months", Label: "Probation may be extended once, by at most (months)",
		Default: "12", Source: pipelineSource + " 第三十四条"})
	PipelineApplyBefore = Register(Rule{Key: "pipeline.confirm_apply_days", Label: "The application for full membership may be made this many days before probation ends",
		Default: "30", Source: pipelineSource + " 第三十三条", Local: true, Settable: true})
	PipelineDueSoon = Register(Rule{Key: "pipeline.due_soon_days", Label: "Warn this many days before a pipeline deadline",
		Default: "14", Source: pipelineSource, Local: true, Settable: true})
)
