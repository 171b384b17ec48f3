package store

import (
	"context"
	"time"
)

// TaskKPI is how a village stands with its task-list items (整改台账) in the KPIs: what is
// open and overdue now (the overview), and what was closed in the period and was overdue at
// its end (the 通报).
type TaskKPI struct {
	Open    int `json:"open"`    // not accepted yet (open, returned, or done awaiting review)
	Overdue int `json:"overdue"` // open and past the deadline today
	// Closed counts the items accepted during the period.
	Closed int `json:"closed_in_period"`
	// OverdueAtEnd counts the items past their deadline at the end of the period (today for
	// the current one) that were neither done nor accepted by then (an item returned since
	// counts as not done).
	OverdueAtEnd int `json:"overdue_at_end"`
}

// kpiTasks fills the task figures of the KPIs from the items as Tasks derives them.
func (db *DB) kpiTasks(ctx context.Context, at map[string]*KPI, p Period, asOf time.Time) error {
	ts, err := db.Tasks(ctx, TaskFilter{})
	if err != nil {
		return err
	}
	end := fmtDay(asOf) // the first day after what the figures cover
	for _, t := range ts {
		k := at[t.VillageID]
		if k == nil {
			continue
		}
		if t.State != TaskAccepted {
			k.Tasks.Open++
		}
		if t.Overdue {
			k.Tasks.Overdue++
		}
		reviewed := ""
		if len(t.Reviewed) >= 10 {
			reviewed = t.Reviewed[:10]
		}
		closedBy := t.State == TaskAccepted && reviewed < end
		if closedBy && reviewed >= p.FirstDay() {
			k.Tasks.Closed++
		}
		doneBy := t.DoneOn != "" && t.DoneOn < end && !t.Returned
		if t.Due < end && !closedBy && !doneBy {
			k.Tasks.OverdueAtEnd++
		}
	}
	return nil
}
