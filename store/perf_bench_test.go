package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/replica"
	"zhibu/store/storetest"
)

// The benchmarks `make bench` puts in its table (bench/results.txt), each reporting the figure
// DESIGN.md sets a target for as a metric of its own.

// BenchmarkMergeVsBare merges a village's bundle of 2,000 members into an empty township and,
// in the same iteration, bulk-inserts as many bare rows: "ratio" is merge time over bare
// insert time (target ≤ 2), both measured under the same load.
func BenchmarkMergeVsBare(b *testing.B) {
	in, village := benchBundle(b, 2000, 0)
	ctx := context.Background()
	n := len(in.Changes)
	var merge, bare, mergeCPU, bareCPU float64
	for range b.N {
		town := storetest.Township(b)
		if err := town.DB.Replica().AddPeer(ctx, village); err != nil {
			b.Fatal(err)
		}
		bi := in
		bi.Changes = append([]replica.Change(nil), in.Changes...)
		db := bareDB(b)
		start, startCPU := nowSeconds(), cpuSeconds()
		if _, err := town.DB.Replica().ImportChanges(ctx, bi); err != nil {
			b.Fatal(err)
		}
		mid, midCPU := nowSeconds(), cpuSeconds()
		tx, _ := db.Begin()
		st, err := tx.Prepare("INSERT INTO t(tbl,row_id,field,value,hlc,device) VALUES(?,?,?,?,?,?)")
		if err != nil {
			b.Fatal(err)
		}
		for i, c := range in.Changes {
			if _, err := st.Exec(c.Table, c.RowID, c.Field, c.Value, int64(i)<<16, c.Device); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		merge += mid - start
		bare += nowSeconds() - mid
		mergeCPU += midCPU - startCPU
		bareCPU += cpuSeconds() - midCPU
	}
	b.ReportMetric(float64(n*b.N)/merge, "merge-changes/s")
	b.ReportMetric(float64(n*b.N)/bare, "bare-rows/s")
	b.ReportMetric(merge/bare, "ratio")
	// CPU time is less disturbed than wall time when other programs share the cores.
	if bareCPU > 0 {
		b.ReportMetric(mergeCPU/bareCPU, "cpu-ratio")
	}
}

// rosterCSV is a roster of n valid members.
func rosterCSV(n int) string {
	var s strings.Builder
	s.WriteString("姓名,出生日期,身份证号码,入党时间,手机\n")
	surn := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	for i := range n {
		year := 1940 + i%60
		birth := fmt.Sprintf("%d-%02d-%02d", year, 1+i%12, 1+(i/12)%28)
		fmt.Fprintf(&s, "%c%c%c,%s,%s,%d-07-01,138%08d\n", surn[i%len(surn)], '建'+rune(i%7), '国'+rune(i%11), birth,
			storetest.ValidID(birth, i/336%1000), year+20+i%5, i)
	}
	return s.String()
}

// BenchmarkRosterImport5000 imports a 5,000-row roster into an empty village (target < 2 s).
func BenchmarkRosterImport5000(b *testing.B) {
	csv := rosterCSV(5000)
	for range b.N {
		b.StopTimer()
		f := storetest.Village(b)
		b.StartTimer()
		rep, err := f.DB.ImportRoster(f.Ctx, "roster.csv", strings.NewReader(csv), false)
		if err != nil || rep.Added != 5000 {
			b.Fatalf("added %d: %v %v", rep.Added, err, rep.Problems[:min(3, len(rep.Problems))])
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/import")
}

// BenchmarkCheckTownship40 runs check for a township holding 40 demo villages (≈5,000
// members): the findings of every village for one month.
func BenchmarkCheckTownship40(b *testing.B) {
	f := storetest.Township(b)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 1, Villages: 40}); err != nil {
		b.Fatal(err)
	}
	var members int
	f.DB.SQL().QueryRow("SELECT count(*) FROM members WHERE deleted=0").Scan(&members)
	home, _ := f.DB.Home(f.Ctx)
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.DB.Check(f.Ctx, home.ID, "2026-11"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(members), "members")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/check")
}

// BenchmarkMemory30k loads 30,000 members as the member list does and reports the process's
// resident memory (target < 250 MB). Run it alone: earlier benchmarks in the same process
// count too.
func BenchmarkMemory30k(b *testing.B) {
	f := storetest.Village(b)
	fillMembers(b, f, 30000)
	var ms []store.Member
	for b.Loop() {
		var err error
		if ms, err = f.DB.Members(f.Ctx, store.MemberFilter{}); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	b.ReportMetric(float64(len(ms)), "members")
	if rss := residentMB(); rss > 0 {
		b.ReportMetric(rss, "MB-rss")
	}
	runtime.KeepAlive(ms)
}

// residentMB is the process's resident set size in MB (0 where /proc is missing).
func residentMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		var kb float64
		if _, err := fmt.Sscanf(s.Text(), "VmRSS: %f kB", &kb); err == nil {
			return kb / 1024
		}
	}
	return 0
}

func nowSeconds() float64 { return float64(time.Now().UnixNano()) / 1e9 }
