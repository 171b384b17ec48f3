package demo

// plan is what has gone wrong in one demo village: the findings "zhibu check" reports on it
// and the reasons of its light on the township's overview. The zero plan is a village whose
// records are all in order.
type plan struct {
	noCommittee []int // months back (1: last month) with no 支委会
	silentGroup []int // months back with the last party group silent
	stopped     []int // months back with no organisational life at all
	noLecture   bool  // no party lecture in the quarter before this one
	behind      []int // members behind with dues, by how many months (one member each)
	modeGaps    bool  // one floating and one elderly member without this quarter's record
	talkOverdue bool  // the applicant's talk is overdue, not just due soon
	story       string
}

// villagePlan is a village's own demo: one of every kind of gap, so each part of the check
// has something to show. No committee meeting three months ago, one party group silent two
// months ago, no party lecture last quarter, three members 3, 4 and 7 months behind with
// dues (the last an alarm: six months in a row), one floating and one elderly member not
// yet contacted this quarter.
var villagePlan = plan{noCommittee: []int{3}, silentGroup: []int{2}, noLecture: true, behind: []int{3, 4, 7}, modeGaps: true,
	story: "every kind of gap"}

// townshipPlans are the villages of a township's demo that have a problem, by their place in
// the township (0: the first village); every other village is in order. Each problem is a
// different one, so the overview shows a handful of lights that each have a reason a
// township cadre recognises. Ten villages show them all; forty show 35 green.
var townshipPlans = map[int]plan{
	1: {noCommittee: []int{1, 2}, story: "no committee meeting in the last two months: amber for its on-time rate"},
	3: {behind: []int{7}, story: "a member seven months behind with dues (six in a row: an alarm): red"},
	5: {talkOverdue: true, story: "an applicant's talk more than a month after the application: amber"},
	6: {behind: []int{3, 4}, story: "two members three and four months behind with dues: amber"},
	8: {stopped: []int{1, 2}, story: "no organisational life in the last two months: red for its on-time rate"},
}

// townshipPlan is the plan of the i-th village of a township.
func townshipPlan(i int) plan { return townshipPlans[i] }
