package store

import "zhibu/assets"

// The 25 steps and 5 stages of 中国共产党发展党员工作细则 (2014), plus the two 公示 (public
// notices) the app tracks as steps of their own: 91 发展对象公示 (before the branch meeting,
// step 15) and 92 转正公示 (before the branch meeting on full membership, step 23).

// Pseudo steps: the two 公示.
const (
	StepPublicity        = 91
	StepConfirmPublicity = 92
)

// PipelineStep describes one step.
type PipelineStep struct {
	N     int    `json:"step"`
	Stage int    `json:"stage"`
	Key   string `json:"-"` // catalog key of the step's name
}

// Name is the step's Chinese name.
func (s PipelineStep) Name() string { return assets.T(s.Key) }

// pipelineOrder lists the steps in the order they are taken.
var pipelineOrder = []PipelineStep{
	{1, 1, "Application for membership submitted"},
	{2, 1, "Talk with the applicant"},
	{3, 2, "Recommended and chosen as an activist"},
	{4, 2, "Activist reported to the higher committee"},
	{5, 2, "Two contact persons assigned"},
	{6, 2, "Education and assessment of the activist"},
	{7, 3, "Chosen as a development target"},
	{8, 3, "Development target reported to the higher committee"},
	{9, 3, "Two introducers chosen"},
	{10, 3, "Political review"},
	{11, 3, "Concentrated training"},
	{12, 4, "Review by the branch committee"},
	{StepPublicity, 4, "Publicity notice of the development target"},
	{13, 4, "Preliminary review by the higher committee"},
	{14, 4, "Application form for membership filled in"},
	{15, 4, "Branch meeting accepts the probationary member"},
	{16, 4, "Higher committee sends someone to talk"},
	{17, 4, "Higher committee approves"},
	{18, 4, "Filed with the organisation department above"},
	{19, 5, "Placed in the branch and a party group"},
	{20, 5, "Admission oath"},
	{21, 5, "Continued education and assessment"},
	{22, 5, "Application for full membership"},
	{StepConfirmPublicity, 5, "Publicity notice of full membership"},
	{23, 5, "Branch meeting discusses full membership"},
	{24, 5, "Higher committee approves full membership"},
	{25, 5, "Documents filed"},
}

// PipelineSteps lists the steps in order.
func PipelineSteps() []PipelineStep { return append([]PipelineStep(nil), pipelineOrder...) }

// StepByNumber finds a step.
func StepByNumber(n int) (PipelineStep, bool) {
	for _, s := range pipelineOrder {
		if s.N == n {
			return s, true
		}
	}
	return PipelineStep{}, false
}

func stepIndex(n int) int {
	for i, s := range pipelineOrder {
		if s.N == n {
			return i
		}
	}
	return -1
}

// StageName is the Chinese name of a stage (1–5).
func StageName(stage int) string {
	switch stage {
	case 1:
		return assets.T("Applicant")
	case 2:
		return assets.T("Activist")
	case 3:
		return assets.T("Development target")
	case 4:
		return assets.T("Acceptance as probationary member")
	case 5:
		return assets.T("Probation and full membership")
	}
	return ""
}
