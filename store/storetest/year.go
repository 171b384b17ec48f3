package storetest

import (
	"fmt"
	"testing"
	"time"

	"zhibu/store"
)

var yearNames = []string{"张建国", "李秀英", "王小明", "刘德华", "陈静", "杨帆", "赵丽华", "黄志强", "周敏", "吴刚"}

// VillageYear fills the database with a year of typical work, as the sync benchmarks and
// size tests use it: members entered, then edits (notes, phones, addresses) one hour apart,
// ending at the clock's time when called (so a receiver with the same clock accepts them).
func (f *Fixture) VillageYear(t testing.TB, members, edits int) {
	t.Helper()
	f.Clock.Add(-time.Duration(edits) * time.Hour)
	var ids []string
	for i := range members {
		ids = append(ids, f.AddMember(t, yearNames[i%len(yearNames)], fmt.Sprintf("19%02d-0%d-1%d", 30+i%50, 1+i%9, i%10), "2001-07-01", i))
	}
	err := f.DB.Write(f.Ctx, func(tx *store.Tx) error {
		for i := range edits {
			id := ids[(i*7)%len(ids)]
			m, err := tx.Member(f.Ctx, id)
			if err != nil {
				return err
			}
			m.Notes = fmt.Sprintf("%d月走访记录：身体健康，按时交纳党费。第%d次", 1+i%12, i)
			if i%3 == 0 {
				m.Phone = fmt.Sprintf("138%08d", i)
			}
			if i%5 == 0 {
				m.Address = fmt.Sprintf("张庄村%d组%d号", i%9, i)
			}
			if err := tx.UpdateMember(f.Ctx, m); err != nil {
				return err
			}
			f.Clock.Add(time.Hour)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
