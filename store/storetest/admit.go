package storetest

import (
	"testing"

	"zhibu/assets"
	"zhibu/store"
)

// Admit adds a candidate to the fixture's branch and walks it from the application to step
// last (at most 17, 上级党委审批 on 2026-07-10) with dates that keep every rule of the
// pipeline; the branch needs at least two members to introduce it (steps 5 and 9 name
// 王保国 and 赵红梅) and five to vote at step 15. It returns the candidate's ID.
func Admit(t testing.TB, f *Fixture, name string, seq, last int) string {
	t.Helper()
	id, err := f.DB.AddCandidate(f.Ctx, store.CandidateInput{Name: name, IDNumber: ValidID("2000-01-01", seq)})
	if err != nil {
		t.Fatal(err)
	}
	S := func(n int, date string) store.StepInput { return store.StepInput{CandidateID: id, Step: n, Date: date} }
	steps := []store.StepInput{S(1, "2025-03-01"), S(2, "2025-03-20"), S(3, "2025-04-09"), S(4, "2025-04-15"),
		{CandidateID: id, Step: 5, Date: "2025-04-20", People: "王保国,赵红梅"}, S(6, "2025-10-10"), S(6, "2026-04-08"),
		S(7, "2026-04-10"), S(8, "2026-04-15"), {CandidateID: id, Step: 9, Date: "2026-04-20", People: "王保国,赵红梅"},
		S(10, "2026-05-10"), {CandidateID: id, Step: 11, Date: "2026-05-20", Hours: 24}, S(12, "2026-06-03"),
		S(store.StepPublicity, "2026-06-04"), S(13, "2026-06-11"), S(14, "2026-06-11"),
		{CandidateID: id, Step: 15, Date: "2026-06-16", VotesFor: 4, Present: 5}, S(16, "2026-06-20"), S(17, "2026-07-10")}
	for _, s := range steps {
		if s.Step > last && s.Step != store.StepPublicity || s.Step == store.StepPublicity && last < 13 {
			break
		}
		if _, err := f.DB.RecordStep(f.Ctx, s); err != nil {
			t.Fatalf("%s step %d on %s: %s", name, s.Step, s.Date, assets.Chinese(err))
		}
	}
	return id
}
