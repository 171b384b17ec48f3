package store_test

import (
	"errors"
	"sync"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestParallelWrongPasswordsLock: 40 wrong passwords tried at once lock the account, as 40
// in a row would (each failure is counted in the statement that checks the count).
func TestParallelWrongPasswordsLock(t *testing.T) {
	f := storetest.Village(t)
	var wg sync.WaitGroup
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.DB.Login(f.Ctx, f.Admin, "wrong password")
		}()
	}
	wg.Wait()
	if _, err := f.DB.Login(f.Ctx, f.Admin, storetest.Password); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("after 40 parallel wrong passwords the right one gives %v, want locked", err)
	}
}
