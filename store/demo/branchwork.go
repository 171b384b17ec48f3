package demo

import (
	"context"
	"time"

	"zhibu/store"
)

// townshipBranchwork gives a township's demo villages this year's development plan (发展党员
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
