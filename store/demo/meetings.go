package demo

import (
	"context"
	"fmt"
	"time"

	"zhibu/store"
)

// Organisational life of the last twelve months, with deliberate gaps so that "zhibu check"
// has something to say: no committee meeting three months ago, no party lecture in the
// quarter before this one, one party group silent two months ago; this year's 组织生活会,
// 民主评议 and 谈心谈话 are still to come (last year's were held in December).

var (
	themeTitles = []string{"学习贯彻党的二十届四中全会精神", "重温入党誓词 坚定理想信念", "学习《中国共产党纪律处分条例》",
		"清明祭英烈 传承红色基因", "劳动创造幸福 党员带头干", "学习习近平总书记关于“三农”工作的重要论述", "庆祝建党105周年 重温入党初心",
		"党员承诺践诺 服务乡村振兴", "秋收助农 党员在行动", "学习新时代“枫桥经验” 化解矛盾纠纷", "人居环境整治 党员示范先行",
		"冬季防火安全与关爱困难群众"}
	setItems     = []string{"集中学习", "重温入党誓词", "交纳党费", "通报支部工作"}
	ownItems     = []string{"清扫村道、整治人居环境", "走访慰问困难党员和老党员", "帮助留守老人收秋", "宣讲防诈骗知识", "义务植树", "河道巡查"}
	committeeTop = []string{"研究本月主题党日安排", "研究发展党员工作", "研究党费收缴情况", "研究村集体经济项目", "研究困难群众救助名单",
		"研究人居环境整治工作", "研究秋收秋种工作", "研究年终民主评议安排"}
	generalTop = []string{"讨论村级重大事项（四议两公开）", "学习传达上级会议精神", "讨论接收预备党员", "通报上半年支部工作"}
	lectureTop = []string{"书记讲党课：做合格党员", "党课：学习党章 遵守党规", "党课：乡村振兴中的党员责任", "党课：从党史中汲取力量"}
	groupTop   = []string{"学习党报党刊", "讨论本组党员联系群众情况", "学习新修订的党规党纪", "交流身边好人好事"}
	placesDemo = []string{"村党群服务中心", "村委会会议室", "村文化广场"}
	reachedHow = []string{"微信视频送学", "电话传达会议精神", "寄送学习资料"}
)

type demoMember struct {
	id, status, position, group, category string
}

// meetings records the organisational life of one village (called inside Fill's transaction).
func (g *gen) meetings(ctx context.Context, tx *store.Tx, orgID string) error {
	all, err := tx.DB().Members(ctx, store.MemberFilter{OrgID: orgID, All: true})
	if err != nil {
		return err
	}
	var ms []demoMember
	groups := map[string]bool{}
	var groupIDs []string
	for _, x := range all {
		m := demoMember{id: x.ID, status: x.Status, position: x.Position, group: x.GroupID, category: x.Category}
		ms = append(ms, m)
		if m.group != "" && !groups[m.group] {
			groups[m.group] = true
			groupIDs = append(groupIDs, m.group)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	var secretary, recorder string
	for _, m := range ms {
		switch {
		case m.position == "secretary" && secretary == "":
			secretary = m.id
		case m.position == "committee" && recorder == "":
			recorder = m.id
		}
	}
	today := time.Date(g.now.Year(), g.now.Month(), g.now.Day(), 0, 0, 0, 0, time.UTC)
	thisMonth := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	thisQuarter := store.QuarterOf(today)
	lectureGap := store.QuarterOf(thisQuarter.Start().AddDate(0, -1, 0))
	add := func(kind, date, topic, group string) error {
		d, _ := time.Parse(time.DateOnly, date)
		if d.After(today) {
			return nil
		}
		m := store.Meeting{OrgID: orgID, Kind: kind, Date: date, Time: fmt.Sprintf("%02d:%02d", 8+g.r.IntN(8), 30*g.r.IntN(2)),
			Place: g.pick(placesDemo), Topic: topic, HostID: secretary, RecorderID: recorder, GroupID: group,
			Minutes: "会议由支部书记主持。" + topic + "。与会党员逐一发言，会议形成一致意见。"}
		for _, x := range ms {
			switch {
			case kind == store.MeetingCommittee && x.position != "secretary" && x.position != "deputy" && x.position != "committee":
				continue
			case kind == store.MeetingGroup && x.group != group:
				continue
			}
			m.Attendance = append(m.Attendance, g.attend(x))
		}
		if kind == store.MeetingThemeDay {
			for _, it := range setItems {
				m.Items = append(m.Items, store.MeetingItem{Kind: "set", Title: it, Done: "已完成"})
			}
			own := g.pick(ownItems)
			m.Items = append(m.Items, store.MeetingItem{Kind: "own", Title: own, Done: "党员" + fmt.Sprint(5+g.r.IntN(10)) + "人参加"})
		}
		_, err := tx.SaveMeeting(ctx, m)
		return err
	}
	for i := 11; i >= 0; i-- {
		month := thisMonth.AddDate(0, -i, 0)
		day := func(d int) string { return month.AddDate(0, 0, d-1).Format(time.DateOnly) }
		ym := month.Format("2006-01")
		title := themeTitles[int(month.Month())-1]
		if _, err := tx.PutTheme(ctx, orgID, store.Theme{Month: ym, Title: title, SetItems: setItems}); err != nil {
			return err
		}
		if err := add(store.MeetingThemeDay, day(10), title, ""); err != nil {
			return err
		}
		if i != 3 { // the deliberate gap: no committee meeting three months ago
			if err := add(store.MeetingCommittee, day(3+g.r.IntN(5)), committeeTop[g.r.IntN(len(committeeTop))], ""); err != nil {
				return err
			}
		}
		for j, grp := range groupIDs {
			if i == 2 && j == len(groupIDs)-1 { // one party group silent two months ago
				continue
			}
			if err := add(store.MeetingGroup, day(12+g.r.IntN(10)), groupTop[g.r.IntN(len(groupTop))], grp); err != nil {
				return err
			}
		}
		q := store.QuarterOf(month)
		if int(month.Month())%3 == 2 { // the middle month of each quarter
			if err := add(store.MeetingGeneral, day(20+g.r.IntN(5)), generalTop[g.r.IntN(len(generalTop))], ""); err != nil {
				return err
			}
			if q != lectureGap {
				if err := add(store.MeetingLecture, day(25), lectureTop[g.r.IntN(len(lectureTop))], ""); err != nil {
					return err
				}
			}
		}
		if month.Month() == time.December && i > 0 {
			for _, k := range []string{store.MeetingLife, store.MeetingAppraisal, store.MeetingTalk} {
				if err := add(k, day(26), fmt.Sprintf("%d年度%s", month.Year(), store.MeetingKind.Label(k)), ""); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// attend is a plausible attendance of one member.
func (g *gen) attend(x demoMember) store.Attendee {
	a := store.Attendee{MemberID: x.id, Status: store.AttendPresent}
	n := g.r.IntN(100)
	switch {
	case x.category == "floating" && n < 80:
		a.Status, a.Note = store.AttendFloating, g.pick(reachedHow)
	case x.category == "elderly" && n < 12:
		a.Status = store.AttendSick
	case n < 6:
		a.Status = store.AttendLeave
	case n < 8:
		a.Status = store.AttendUnexcused
	}
	return a
}
