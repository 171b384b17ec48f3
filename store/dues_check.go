package store

import (
	"context"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/rules"
)

func init() { RegisterChecker(checkDues) }

// checkAsOf is the day findings of a period are judged on: the day after the period ends,
// or today if the period is not over.
func (db *DB) checkAsOf(period string) (time.Time, error) {
	today := db.today()
	if period == "" {
		return today, nil
	}
	_, to, err := periodRange(period)
	if err != nil {
		return today, err
	}
	if end := to.AddDate(0, 0, 1); end.Before(today) {
		return end, nil
	}
	return today, nil
}

// checkDues warns of members with unpaid months (dues.warn_months) or months paid below the
// computed amount, and alarms when a member has not paid for dues.alarm_months in a row
// (党章 第九条).
func checkDues(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	asOf, err := db.checkAsOf(period)
	if err != nil {
		return nil, err
	}
	warn, err := db.ruleInt(ctx, rules.DuesWarn.Key)
	if err != nil {
		return nil, err
	}
	statuses, err := db.DuesStatuses(ctx, orgID, asOf)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, a := range statuses {
		if len(a.Short) == 0 {
			continue
		}
		var months []string
		for _, x := range a.Short {
			months = append(months, assets.T("%s paid %s of %s yuan", x.Month, Yuan(x.Paid), Yuan(x.Due)))
		}
		out = append(out, Finding{Kind: "dues_short", Severity: "warning", OrgID: orgID, Subject: a.MemberID,
			Title:  assets.T("%s paid less than the computed dues: %s; %s yuan short.", a.Name, strings.Join(months, "；"), Yuan(a.ShortTotal())),
			Action: assets.T("Collect the %s yuan from %s, or correct the dues basis if the amount is wrong.", Yuan(a.ShortTotal()), a.Name),
			Rule:   rules.DuesSalariedBands.Key, Source: rules.DuesSalariedBands.Source})
	}
	for _, a := range arrearsOf(statuses) {
		months := strings.Join(a.Unpaid, "、")
		switch {
		case a.Alarm:
			out = append(out, Finding{Kind: "dues_overdue", Severity: "alarm", OrgID: orgID, Subject: a.MemberID,
				Title:  assets.T("%s has not paid dues for %d months in a row (%s).", a.Name, a.Consecutive, months),
				Action: assets.T("Talk with %s now: six months unpaid without good reason is treated as leaving the party (党章 第九条). Record the payment or the reason.", a.Name),
				Rule:   rules.DuesAlarm.Key, Source: rules.DuesAlarm.Source})
		case len(a.Unpaid) >= warn:
			out = append(out, Finding{Kind: "dues_overdue", Severity: "warning", OrgID: orgID, Subject: a.MemberID,
				Title:  assets.T("%s owes dues for %d months (%s), %s yuan.", a.Name, len(a.Unpaid), months, Yuan(a.Owed)),
				Action: assets.T("Remind %s to pay at the next theme party day and record the payment.", a.Name),
				Rule:   rules.DuesWarn.Key, Source: rules.DuesWarn.Source})
		}
	}
	return out, nil
}
