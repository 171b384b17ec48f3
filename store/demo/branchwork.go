package demo

import (
	"context"
	"time"

	"zhibu/store"
)

// townshipBranchwork names the ninth village (the one without organisational life) for this
// year's 整顿 as a weak branch, and gives a township's demo villages this year's development plan (发展党员
// 指导性计划): most a quota one or two above what they admitted so far, the second village a
// quota it has already exceeded, so the overview and the report show both.
func townshipBranchwork(ctx context.Context, tx *store.Tx, villages []store.Org) error {
	db := tx.DB()
	year := db.Now().Year()
	ps, err := db.Plans(ctx, year)
	if err != nil {
		return err
	}
	admitted := map[string]int{}
	for _, p := range ps {
		admitted[p.OrgID] = p.Admitted
	}
	if len(villages) > 8 {
		if err := rectify(ctx, db, villages[8]); err != nil {
			return err
		}
	}
	for i, v := range villages {
		quota := admitted[v.ID] + 1 + i%2
		if i == 1 && admitted[v.ID] > 0 {
			quota = admitted[v.ID] - 1
		}
		if err := db.SetPlan(ctx, v.Code, year, quota, "按县委组织部下达的年度指导性计划"); err != nil {
			return err
		}
	}
	return nil
}

// trainings records a demo village's trainings of this year (党员教育培训): each party lecture
// of the year as a 专题党课 of 3 class hours, the township's spring 集中培训 of 8 hours and an
// online course of 24 for every member (32: the year's requirement), and, when
// trainCommittee, the county party school's 40-hour course for the secretary and committee
// members — so a village without it shows them short of 56 hours.
func trainings(ctx context.Context, tx *store.Tx, orgID string, trainCommittee bool) error {
	db := tx.DB()
	now := db.Now()
	y := store.YearOf(now)
	ms, err := db.Meetings(ctx, store.MeetingFilter{OrgID: orgID, Kind: store.MeetingLecture, Period: &y})
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Present == 0 {
			continue
		}
		if _, err := db.AddTraining(ctx, store.NewTraining{OrgID: orgID, MeetingID: m.ID, Tenths: 30}); err != nil {
			return err
		}
	}
	members, err := db.Members(ctx, store.MemberFilter{OrgID: orgID})
	if err != nil {
		return err
	}
	var all, committee []string
	for _, m := range members {
		all = append(all, m.ID)
		if m.Position == "secretary" || m.Position == "deputy" || m.Position == "committee" {
			committee = append(committee, m.ID)
		}
	}
	if len(all) == 0 {
		return nil
	}
	spring := time.Date(now.Year(), 3, 18, 0, 0, 0, 0, time.UTC)
	if spring.Before(now) {
		if _, err := db.AddTraining(ctx, store.NewTraining{OrgID: orgID, Title: "春季党员集中轮训（流动党员送学上门）", Date: spring.Format("2006-01-02"),
			Kind: store.TrainingCentral, Organiser: "乡镇党委", Tenths: 80, Attendees: all}); err != nil {
			return err
		}
	}
	online := now.AddDate(0, 0, -3)
	if _, err := db.AddTraining(ctx, store.NewTraining{OrgID: orgID, Title: "党员网络培训专题课程", Date: online.Format("2006-01-02"),
		Kind: store.TrainingOnline, Organiser: "县委组织部", Tenths: 240, Attendees: all}); err != nil {
		return err
	}
	school := time.Date(now.Year(), 5, 12, 0, 0, 0, 0, time.UTC)
	if trainCommittee && len(committee) > 0 && school.Before(now) {
		if _, err := db.AddTraining(ctx, store.NewTraining{OrgID: orgID, Title: "村党组织书记和班子成员示范培训班", Date: school.Format("2006-01-02"),
			Kind: store.TrainingSchool, Organiser: "县委党校", Tenths: 400, Attendees: committee}); err != nil {
			return err
		}
	}
	return nil
}

// rectify names a demo village for the year's 整顿 (软弱涣散党组织整顿): two reasons, the 包联
// leader, two items due in three weeks, and the township's first 约谈.
func rectify(ctx context.Context, db *store.DB, v store.Org) error {
	now := db.Now()
	due := now.AddDate(0, 0, 21).Format("2006-01-02")
	id, _, err := db.AddRectification(ctx, store.NewRectification{VillageCode: v.Code, Year: now.Year(), Reasons: []string{"orglife", "role"},
		ReasonText: "近两个月未开展组织生活", Leader: "张副书记", Plan: "一月一调度：恢复三会一课，补开组织生活会，年底前销号。",
		Items: []store.NewTask{{Title: "恢复三会一课，按月召开支委会和党小组会", Due: due, Owner: "支部书记", Evidence: "会议记录照片"},
			{Title: "召开专题组织生活会，查摆问题并制定整改措施", Due: due, Owner: "支部书记", Evidence: "组织生活会记录"}}})
	if err != nil {
		return err
	}
	return db.RecordRectifyEvent(ctx, id, store.RectifyTalk, now.AddDate(0, 0, -2).Format("2006-01-02"), "张副书记",
		"约谈支部书记，指出组织生活停摆问题，要求一个月内恢复")
}
