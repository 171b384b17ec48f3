package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"zhibu/store"
)

// Organisational life from 1 January of last year to today, with topics that fit their
// month, and the gaps of the village's plan so that "zhibu check" has something to say
// (planted findings). Last year's 组织生活会, 民主评议 and 谈心谈话 were held in December;
// this year's are still to come. Each meeting lists the members on the roll on its day (a
// probationary member from the branch meeting that accepted them), and attendance is never
// below the rule's minimum.

var (
	// themeTitles by month (1–12); %d in July is the party's age.
	themeTitles = []string{"学习贯彻党的二十届全会精神", "重温入党誓词 坚定理想信念", "学雷锋 做表率 党员志愿服务在行动",
		"清明祭英烈 传承红色基因", "劳动创造幸福 党员带头干", "学习《中国共产党纪律处分条例》", "庆祝建党%d周年 重温入党初心",
		"学习习近平总书记关于“三农”工作的重要论述", "秋收助农 党员在行动", "学习新时代“枫桥经验” 化解矛盾纠纷",
		"人居环境整治 党员示范先行", "冬季防火安全与关爱困难群众"}
	// plenums: the 全会 studied in January of a year.
	plenums      = map[int]string{2025: "学习贯彻党的二十届三中全会精神", 2026: "学习贯彻党的二十届四中全会精神"}
	setItems     = []string{"集中学习", "重温入党誓词", "交纳党费", "通报支部工作"}
	ownItems     = []string{"清扫村道、整治人居环境", "走访慰问困难党员和老党员", "帮助留守老人收秋", "宣讲防诈骗知识", "义务植树", "河道巡查"}
	committeeTop = []string{"研究年度工作计划和党员承诺事项", "研究春季人居环境整治和春耕工作", "研究发展党员工作和入党积极分子培养",
		"研究清明祭扫安全和森林防火工作", "研究“三夏”生产和防汛准备工作", "研究“七一”活动安排和党费收缴情况", "研究防汛和困难群众救助工作",
		"研究秋收秋种准备工作", "研究国庆期间安全稳定和村集体经济项目", "研究秋收秋种和秸秆禁烧工作", "研究冬季防火和民主评议准备工作",
		"研究组织生活会和民主评议党员工作"}
	generalTop = []string{"讨论通过支部年度工作计划", "学习传达上级会议精神，讨论村级重大事项", "通报上半年支部工作和党费收缴使用情况",
		"讨论村级重大事项（四议两公开）"} // by quarter
	lectureTop = []string{"党课：学习党章 遵守党规", "党课：从党史中汲取奋进力量", "书记讲党课：做新时代合格党员", "党课：乡村振兴中的党员责任"}
	groupTop   = []string{"学习党报党刊", "讨论本组党员联系群众情况", "学习新修订的党规党纪", "交流身边好人好事", "收集本组群众意见建议"}
	placesDemo = []string{"村党群服务中心", "村委会会议室", "村文化广场"}
	reachedHow = []string{"微信视频送学", "电话传达会议精神", "寄送学习资料"}
)

// themeTitle is the theme of a month.
func themeTitle(month time.Time) string {
	if month.Month() == time.January {
		if t, ok := plenums[month.Year()]; ok {
			return t
		}
	}
	t := themeTitles[int(month.Month())-1]
	if month.Month() == time.July {
		t = fmt.Sprintf(t, month.Year()-1921)
	}
	return t
}

type demoMember struct {
	id, name, status, position, group, category, joined, confirmed string
	birth                                                          time.Time
}

func (g *gen) roll(ctx context.Context, tx *store.Tx, orgID string) ([]demoMember, error) {
	all, err := tx.DB().Members(ctx, store.MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	ms := make([]demoMember, len(all))
	for i, x := range all {
		birth, _ := time.Parse(time.DateOnly, x.BirthDate)
		ms[i] = demoMember{id: x.ID, name: x.Name, status: x.Status, position: x.Position, group: x.GroupID, category: x.Category,
			joined: x.JoinedDate, confirmed: x.ConfirmedDate, birth: birth}
	}
	return ms, nil
}

// meetings records the organisational life of one village (called inside Fill's transaction).
func (g *gen) meetings(ctx context.Context, tx *store.Tx, orgID string) error {
	ms, err := g.roll(ctx, tx, orgID)
	if err != nil || len(ms) == 0 {
		return err
	}
	var groupIDs []string
	seen := map[string]bool{}
	var secretary, recorder string
	for _, m := range ms {
		if m.group != "" && !seen[m.group] {
			seen[m.group] = true
			groupIDs = append(groupIDs, m.group)
		}
		switch {
		case m.position == "secretary" && secretary == "":
			secretary = m.id
		case m.position == "committee" && recorder == "":
			recorder = m.id
		}
	}
	today := g.today
	thisMonth := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	lastQuarter := store.QuarterOf(store.QuarterOf(today).Start().AddDate(0, -1, 0))
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
			case x.joined > date: // not yet a member (or not yet accepted) that day
				continue
			case kind == store.MeetingCommittee && x.position != "secretary" && x.position != "deputy" && x.position != "committee":
				continue
			case kind == store.MeetingGroup && x.group != group:
				continue
			}
			m.Attendance = append(m.Attendance, g.attend(x))
		}
		g.enoughPresent(m.Attendance)
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
	for month := g.history; !month.After(thisMonth); month = month.AddDate(0, 1, 0) {
		back := (thisMonth.Year()-month.Year())*12 + int(thisMonth.Month()-month.Month())
		day := func(d int) string { return month.AddDate(0, 0, d-1).Format(time.DateOnly) }
		title := themeTitle(month)
		if _, err := tx.PutTheme(ctx, orgID, store.Theme{Month: month.Format("2006-01"), Title: title, SetItems: setItems}); err != nil {
			return err
		}
		if slices.Contains(g.plan.stopped, back) { // the planted gap: no meeting at all that month
			continue
		}
		if err := add(store.MeetingThemeDay, day(10), title, ""); err != nil {
			return err
		}
		if !slices.Contains(g.plan.noCommittee, back) { // the planted gap: no committee meeting
			if err := add(store.MeetingCommittee, day(3+g.r.IntN(5)), committeeTop[int(month.Month())-1], ""); err != nil {
				return err
			}
		}
		for j, grp := range groupIDs {
			if j == len(groupIDs)-1 && slices.Contains(g.plan.silentGroup, back) { // the planted gap: one party group silent
				continue
			}
			if err := add(store.MeetingGroup, day(12+g.r.IntN(10)), g.pick(groupTop), grp); err != nil {
				return err
			}
		}
		q := store.QuarterOf(month)
		if int(month.Month())%3 == 2 { // the middle month of each quarter
			if err := add(store.MeetingGeneral, day(20+g.r.IntN(5)), generalTop[(int(month.Month())-1)/3], ""); err != nil {
				return err
			}
			if q != lastQuarter || !g.plan.noLecture {
				if err := add(store.MeetingLecture, day(25), lectureTop[(int(month.Month())-1)/3], ""); err != nil {
					return err
				}
			}
		}
		if month.Month() == time.December && month.Year() < today.Year() {
			for _, k := range []string{store.MeetingLife, store.MeetingAppraisal, store.MeetingTalk} {
				if err := add(k, day(26), fmt.Sprintf("%d年度%s", month.Year(), store.MeetingKind.Label(k)), ""); err != nil {
					return err
				}
			}
		}
	}
	// The branch meeting that accepted the probationary candidate (step 15).
	for _, a := range g.admissions {
		if err := add(store.MeetingGeneral, a.date, "讨论接收"+a.name+"同志为预备党员", ""); err != nil {
			return err
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
	case x.category == "elderly" && n < 10:
		a.Status = store.AttendSick
	case n < 5:
		a.Status = store.AttendLeave
	case n < 7:
		a.Status = store.AttendUnexcused
	}
	return a
}

// enoughPresent brings a meeting's attendance up to 85% of the members expected (floating
// members excused aside): a real branch whose meeting is thin calls the absent back.
func (g *gen) enoughPresent(as []store.Attendee) {
	expected, present := 0, 0
	for _, a := range as {
		if a.Status != store.AttendFloating {
			expected++
		}
		if a.Status == store.AttendPresent {
			present++
		}
	}
	for i := range as {
		if present*100 >= 85*expected {
			return
		}
		if s := as[i].Status; s != store.AttendPresent && s != store.AttendFloating {
			as[i].Status = store.AttendPresent
			present++
		}
	}
}
