package rules

// 发展党员 figures: 中国共产党发展党员工作细则 (2014). Articles checked against copies of the
// text quoting the numbered articles (research of 2026-12-01, /work/research/rules-citations.md).
const pipelineSource = "中国共产党发展党员工作细则（2014）"

// Where the 细则's articles were read (secondary pages quoting the numbered article).
const (
	seenArt5  = "第五条 quoted by scuhx.com (full text from 第一条) and w.sf024.com"
	seenArt13 = "第十三条 quoted by m.110ask.com"
	seenArt17 = "第十七条 in a copy of 第十七–二十条 on m.taodocs.com"
	seenArt20 = "第二十条 quoted by 88.wendadaohang.com"
	seenArt21 = "第二十一、三十三条 quoted by 33.wendadaohang.com"
	seenArt32 = "第三十二条 quoted by 51dongshi.net and zhuwenfeng.cn; 党章 第七条 (2017 text)"
)

var (
	// 第五条 "年满十八岁的…可以申请加入中国共产党".
	PipelineMinAge = Register(Rule{Key: "pipeline.min_age", Label: "Minimum age of an applicant (years)",
		Default: "18", Source: pipelineSource + " 第五条", Verified: seenArt5})
	// 第七条 "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话": the text is
	// confirmed; 第七条 is the audit's reading (issue 23), not seen with its number by a search.
	PipelineInterview = Register(Rule{Key: "pipeline.interview_months", Label: "Talk with the applicant within (months of the application)",
		Default: "1", Source: pipelineSource + " 第七条",
		Note: "Text confirmed; article 7 follows the audit of the text, no copy quoting the number was found."})
	// 第十三条 "对经过一年以上培养教育和考察…可列为发展对象".
	PipelineActivist = Register(Rule{Key: "pipeline.activist_months", Label: "Months as an activist before becoming a development target",
		Default: "12", Source: pipelineSource + " 第十三条", Verified: seenArt13})
	// 第十一条 "党支部每半年对入党积极分子进行一次考察" (one secondary source).
	PipelineAssessment = Register(Rule{Key: "pipeline.assessment_months", Label: "An activist is assessed at least every (months)",
		Default: "6", Source: pipelineSource + " 第十一条",
		Note: "Text confirmed; the article number rests on one secondary source."})
	// 第十七条 "培训时间一般不少于三天（或不少于二十四个学时）".
	PipelineTrainingDays = Register(Rule{Key: "pipeline.training_days", Label: "Minimum days of the concentrated training",
		Default: "3", Source: pipelineSource + " 第十七条", Verified: seenArt17})
	PipelineTrainingHours = Register(Rule{Key: "pipeline.training_hours", Label: "Or at least this many class hours of training",
		Default: "24", Source: pipelineSource + " 第十七条", Verified: seenArt17})
	// No 公示 figure in the 细则 articles read; five working days is common local practice.
	PipelinePublicity = Register(Rule{Key: "pipeline.publicity_workdays", Label: "Working days a publicity notice (公示) runs",
		Default: "5", Source: "发展党员公示（地方做法）", Local: true, Settable: true,
		Note: "Local practice (e.g. college and county rules: at least 5 working days); no article of the 细则 sets it."})
	// "党委对党支部上报的接收预备党员的决议，应当在三个月内审批…不得超过六个月": text
	// confirmed; the article follows 第十九条 预审 and 第二十条 支部大会 (read in a copy of
	// 第十七–二十条) and 第二十二条 谈话: 第二十三条, not seen with its number.
	PipelineApproval = Register(Rule{Key: "pipeline.approval_months", Label: "The higher committee approves within (months of the branch meeting)",
		Default: "3", Source: pipelineSource + " 第二十三条",
		Note: "Text confirmed (3 months, in special cases at most 6); the article number is inferred from its neighbours, not verified."})
	// PipelineConfirmWindow: 第三十二条 "预备党员预备期满，党支部应当及时讨论其能否转为正式
	// 党员". 及时 is not the same day: the window after the probation ends is local practice.
	PipelineConfirmWindow = Register(Rule{Key: "pipeline.confirm_window_months", Label: "The branch meeting on full membership is held within (months after the probation ends)",
		Default: "1", Source: pipelineSource + " 第三十二条（及时讨论；期限为地方做法）", Local: true, Settable: true,
		Note: "第三十二条 says the branch discusses it in good time (及时) after the probation ends; one month is local practice."})
	// 第三十二条 "预备党员的预备期为一年。预备期从支部大会通过其为预备党员之日算起"; 党章 第七条.
	PipelineProbation = Register(Rule{Key: "pipeline.probation_months", Label: "Probation period (months from the branch meeting)",
		Default: "12", Source: pipelineSource + " 第三十二条；中国共产党章程 第七条", Verified: seenArt32})
	// 第三十二条 "可以延长一次预备期，延长时间不能少于半年，最长不超过一年".
	PipelineMinExtension = Register(Rule{Key: "pipeline.min_extension_months", Label: "Probation may be extended once, by at least (months)",
		Default: "6", Source: pipelineSource + " 第三十二条", Verified: seenArt32})
	PipelineMaxExtension = Register(Rule{Key: "pipeline.max_extension_months", Label: "Probation may be extended once, by at most (months)",
		Default: "12", Source: pipelineSource + " 第三十二条；中国共产党章程 第七条", Verified: seenArt32})
	// 第二十条 "有表决权的到会人数必须超过应到会有表决权人数的半数" (strictly more than half),
	// and 第三十三条 applies the same to the 转正 meeting.
	PipelineAttendance = Register(Rule{Key: "pipeline.meeting_attendance", Label: "The branch meeting on an admission or full membership needs more than this share of voting members present",
		Default: "1/2", Source: pipelineSource + " 第二十条、第三十三条", Verified: seenArt20})
	// 第二十一条 "赞成人数超过应到会有表决权的正式党员的半数，才能通过".
	PipelineVote = Register(Rule{Key: "pipeline.vote", Label: "An admission or full membership passes with more than this share of the voting members in favour",
		Default: "1/2", Source: pipelineSource + " 第二十一条、第三十三条", Verified: seenArt21})
	// 第三十三条 is the 转正 procedure; the 30 days are local practice.
	PipelineApplyBefore = Register(Rule{Key: "pipeline.confirm_apply_days", Label: "The application for full membership may be made this many days before probation ends",
		Default: "30", Source: pipelineSource + " 第三十三条（程序）", Local: true, Settable: true,
		Note: "The procedure is 第三十三条; the 30 days are local practice."})
	PipelineDueSoon = Register(Rule{Key: "pipeline.due_soon_days", Label: "Warn this many days before a pipeline deadline",
		Default: "14", Source: "本软件提醒设置", Local: true, Settable: true,
		Note: "A reminder setting of this app, not a rule of the texts."})
)
