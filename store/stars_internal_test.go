package store

import "testing"

// TestRateStarsRules: the grade rules at their edges, the 十星 variant, and a village that
// declared on paper (no targets in the app), computed by hand.
func TestRateStarsRules(t *testing.T) {
	ten := DefaultStarScheme(SchemeTen, 2026)
	all := StarIndicators{OnTime: 1, Attendance: 1, Dues: 1, Tasks: 1}
	judged := "c5,c6,c7,c8,c9,c10"
	cases := []struct {
		name   string
		s      StarScheme
		in     StarIndicators
		d      starDeclaration
		a      starAssessment
		stars  int
		colour string
		class  string
	}{
		// Ten stars, every one: 10 ≥ 9 gold, ≥ 8 first class.
		{"十星, all", ten, all, starDeclaration{}, starAssessment{awarded: judged, at: "x"}, 10, ColourGold, Class1},
		// Dues 94.9% < 95% loses c3; one judged star withheld: 8 stars, silver, first class.
		{"十星, 8", ten, StarIndicators{OnTime: 1, Attendance: 1, Dues: 0.949, Tasks: 1}, starDeclaration{},
			starAssessment{awarded: "c5,c6,c7,c8,c9", at: "x"}, 8, ColourSilver, Class1},
		// Measured four only, at their thresholds exactly: 4 stars, no colour, third class.
		{"十星, thresholds", ten, StarIndicators{OnTime: 0.9, Attendance: 0.85, Dues: 0.95, Tasks: 0.8}, starDeclaration{},
			starAssessment{at: "x"}, 4, "", Class3},
		// 5 stars: red (≥ 5) and second class (≥ 5).
		{"十星, 5", ten, all, starDeclaration{}, starAssessment{awarded: "c5", at: "x"}, 5, ColourRed, Class2},
		// 532 declared on paper: the township's award of o1 and o2 counts them as targets:
		// 4 measured + c5 d1 d2 d3 + o1 o2 = 10. o3 beyond them is not awarded here.
		{"532 on paper", DefaultStarScheme(Scheme532, 2026), all, starDeclaration{},
			starAssessment{awarded: "c5,d1,d2,d3,o1,o2", at: "x"}, 10, ColourGold, Class1},
		// 532 with targets declared without o2: an award of o2 does not count (9 stars).
		{"532 declared", DefaultStarScheme(Scheme532, 2026), all,
			starDeclaration{targets: "c1,c2,c3,c4,c5,d1,d2,d3,o1", declaredAt: "x"},
			starAssessment{awarded: "c5,d1,d2,d3,o1,o2", at: "x"}, 9, ColourGold, Class1},
	}
	for _, c := range cases {
		r := rateStars(c.s, c.in, c.d, c.a)
		if r.Stars != c.stars || r.Colour != c.colour || r.Class != c.class {
			t.Errorf("%s: %d stars %q %s; want %d %q %s", c.name, r.Stars, r.Colour, r.Class, c.stars, c.colour, c.class)
		}
	}
	// Points for one star of 20 with stars worth 10: two earned stars make one.
	s := DefaultStarScheme(Scheme532, 2026)
	s.Grades.PerStar = 20
	if r := rateStars(s, StarIndicators{OnTime: 1, Attendance: 1}, starDeclaration{}, starAssessment{}); r.Points != 20 || r.Stars != 1 {
		t.Errorf("积分换星: %d points, %d stars; want 20, 1", r.Points, r.Stars)
	}
}
