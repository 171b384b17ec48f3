package store_test

import (
	"strings"
	"testing"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// 中国共产党党员教育管理工作条例 (2019; article not verified): newly appointed secretaries of
// basic-level organisations are trained within half a year (DOMAIN.md, Training; issue 24
// item 4). Local: the appointment is the day the records here made the member 书记 by an edit
// after the member was entered; a roster that arrives with its secretary is no appointment.
func TestNewSecretaryTrainedWithinHalfAYear(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	old, err := f.DB.AddMember(f.Ctx, store.Member{Name: "王老书记", IDNumber: storetest.ValidID("1960-01-01", 1), JoinedDate: "1990-07-01",
		Position: "secretary"})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	nu := f.AddMember(t, "李新民", "1980-03-01", "2008-07-01", 3)
	find := func() []store.Finding {
		t.Helper()
		fs, err := f.DB.Check(f.Ctx, home.ID, store.MonthOf(f.Clock.Now()).String())
		if err != nil {
			t.Fatal(err)
		}
		var out []store.Finding
		for _, x := range fs {
			if x.Kind == "training_new_secretary" {
				out = append(out, x)
			}
		}
		return out
	}
	if fs := find(); len(fs) != 0 {
		t.Fatalf("the secretary entered with the roster is reported as newly appointed: %+v", fs)
	}
	// Two weeks later the branch elects 李新民; the old secretary steps down.
	start := f.Clock.Now()
	f.Clock.Set(start.AddDate(0, 0, 14))
	if err := f.DB.SetCommittee(f.Ctx, home.ID, map[string]string{nu: store.PositionSecretary}); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	appointed := f.Clock.Now().Format(time.DateOnly)
	f.Clock.Set(start.AddDate(0, 2, 0))
	fs := find()
	if len(fs) != 1 || fs[0].Subject != nu || fs[0].Severity != store.SeverityInfo || !strings.Contains(fs[0].Title, appointed) {
		t.Fatalf("two months after the appointment: %+v", fs)
	}
	// Past the half year, untrained: a warning.
	f.Clock.Set(start.AddDate(0, 7, 0))
	if fs = find(); len(fs) != 1 || fs[0].Severity != store.SeverityWarning {
		t.Fatalf("seven months after the appointment: %+v", fs)
	}
	// Trained (a training dated after the appointment): nothing more to say.
	if _, err := f.DB.AddTraining(f.Ctx, store.NewTraining{Title: "新任村党组织书记任职培训", Date: f.Clock.Now().AddDate(0, 0, -3).Format(time.DateOnly),
		Kind: store.TrainingSchool, Organiser: "县委党校", Tenths: 240, Attendees: []string{nu}}); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	if fs = find(); len(fs) != 0 {
		t.Errorf("a trained new secretary is still reported: %+v", fs)
	}
	_ = old
}
