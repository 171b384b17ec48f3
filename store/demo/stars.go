package demo

import (
	"context"
	"fmt"

	"zhibu/store"
)

// assessStars gives every village of a township its star assessment for last year (考评 and
// 挂牌授星): each village its own chance for each judged star, so the ratings spread from
// gold to none; the measured stars follow from the village's records.
func assessStars(ctx context.Context, tx *store.Tx, seed uint64, villages []store.Org) error {
	db := tx.DB()
	year := db.Now().Year() - 1
	s, err := db.StarSchemeFor(ctx, year)
	if err != nil {
		return err
	}
	for _, v := range villages {
		// This stream makes no ID numbers: no set of them to share.
		g := newGen(seed, v.Code+"-stars", db.Now(), nil)
		chance := 25 + g.r.IntN(75) // percent
		var awarded []string
		chosen := 0
		for _, x := range s.Stars {
			if x.Measure != "" || g.r.IntN(100) >= chance {
				continue
			}
			if x.Group == store.StarChosen {
				if chosen == s.Grades.Chosen {
					continue
				}
				chosen++
			}
			awarded = append(awarded, x.Code)
		}
		plaque := fmt.Sprintf("%d-01-%02d", year+1, 12+g.r.IntN(10))
		if err := db.AssessStars(ctx, v.Code, year, store.StarAssessment{Awarded: awarded, PlaqueOn: plaque}); err != nil {
			return err
		}
	}
	return nil
}

// selfAssessStars gives a demo village last year's targets (the common and duty stars and the
// first two self-chosen ones) and its self-assessment, awaiting the township.
func selfAssessStars(ctx context.Context, tx *store.Tx) error {
	db := tx.DB()
	year := db.Now().Year() - 1
	s, err := db.StarSchemeFor(ctx, year)
	if err != nil {
		return err
	}
	var targets, claims []string
	chosen := 0
	for _, x := range s.Stars {
		if x.Group == store.StarChosen {
			if chosen == s.Grades.Chosen {
				continue
			}
			chosen++
		}
		targets = append(targets, x.Code)
		if x.Measure == "" && x.Code != "d2" { // the village does not claim governance
			claims = append(claims, x.Code)
		}
	}
	if err := db.DeclareStars(ctx, year, targets); err != nil {
		return err
	}
	return db.SelfAssess(ctx, year, claims, "按年初申报的目标推进，各项工作基本完成。")
}
