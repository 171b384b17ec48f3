# Turns `go test -bench` output into the table of DESIGN.md's targets: each figure beside its
# target and the machine's baseline measured in the same run (a bare SQLite bulk insert).
# Usage: awk -f bench/table.awk bench/raw.txt
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 3; i + 1 <= NF; i += 2) v[name, $(i + 1)] = $i
}
/^cpu:/ { cpu = substr($0, 6) }
# Member search reports one sub-benchmark per query: the figure is the slowest keystroke of
# the in-memory search (not the table baseline, the roster's memory or the after-edit case).
/^BenchmarkMemberSearch30k\// && $0 !~ /\/(table|edit)\// && $0 !~ /roster-memory/ {
	if ($3 + 0 > v["BenchmarkMemberSearch30k", "ns/op"] + 0) v["BenchmarkMemberSearch30k", "ns/op"] = $3
}
/^BenchmarkMemberSearch30k\/edit\// { v["BenchmarkMemberSearch30k", "edit-ns/op"] = $3 }
function row(what, bench, unit, scale, fmt_, target, ok,   x, s) {
	if (!((bench, unit) in v)) { printf "| %-44s | %14s | %-10s | %-6s |\n", what, "not run", target, ""; return }
	x = v[bench, unit] * scale
	s = sprintf(fmt_, x)
	printf "| %-44s | %14s | %-10s | %-6s |\n", what, s, target, ok == "" ? "" : (eval_(x, ok) ? "ok" : "MISSED")
}
function eval_(x, ok,   op, lim) {
	op = substr(ok, 1, 1); lim = substr(ok, 2) + 0
	return op == "<" ? x < lim : x <= lim
}
END {
	printf "Zhibu benchmarks (make bench), %s\n", cpu
	printf "Machine baseline in this run: bare SQLite bulk insert %.0f rows/s (WAL, synchronous=FULL, one transaction)\n\n", v["BenchmarkMergeVsBare", "bare-rows/s"]
	printf "| %-44s | %14s | %-10s | %-6s |\n", "what", "measured", "target", ""
	printf "|%s|%s|%s|%s|\n", "----------------------------------------------", "----------------", "------------", "--------"
	row("merge, changes/s", "BenchmarkMergeVsBare", "merge-changes/s", 1, "%.0f", "", "")
	row("merge time / bare insert time (same rows)", "BenchmarkMergeVsBare", "ratio", 1, "%.2fx", "<= 2x", "=2")
	row("  the same in CPU time (less load-sensitive)", "BenchmarkMergeVsBare", "cpu-ratio", 1, "%.2fx", "<= 2x", "=2")
	row("40-village quarter by USB, end to end", "BenchmarkTownship40Quarter", "s/stick", 1, "%.2f s", "< 2 s", "<2")
	row("40-village year by USB, end to end", "BenchmarkTownship40Year", "s/stick", 1, "%.2f s", "< 5 s", "<5")
	row("bundle per village-year", "BenchmarkTownship40Year", "bytes/bundle", 1/1024, "%.1f KB", "< 150 KB", "<150")
	row("member search over 30,000, slowest keystroke", "BenchmarkMemberSearch30k", "ns/op", 1e-6, "%.1f ms", "< 5 ms", "<5")
	row("  the same right after a member was edited", "BenchmarkMemberSearch30k", "edit-ns/op", 1e-6, "%.1f ms", "< 5 ms", "<5")
	row("roster import, 5,000 rows", "BenchmarkRosterImport5000", "s/import", 1, "%.2f s", "< 2 s", "<2")
	row("check, township of 40 demo villages", "BenchmarkCheckTownship40", "s/check", 1, "%.2f s", "-", "")
	row("  (members in that township)", "BenchmarkCheckTownship40", "members", 1, "%.0f", "~5,000", "")
	row("notice PDF, one page: time", "BenchmarkOnePage", "ns/op", 1e-6, "%.0f ms", "< 300 ms", "<300")
	row("notice PDF, one page: size", "BenchmarkOnePage", "bytes/pdf", 1/1024, "%.0f KB", "< 300 KB", "<300")
	row("resident memory, 30,000 members loaded", "BenchmarkMemory30k", "MB-rss", 1, "%.0f MB", "< 250 MB", "<250")
	row("login to a usable home, 5,000 members", "BenchmarkLoginToHome", "usable-ms", 1, "%.0f ms", "< 1000 ms", "<1000")
	row("login to a filled home, 5,000 members", "BenchmarkLoginToHome", "filled-ms", 1, "%.0f ms", "< 1000 ms", "<1000")
	row("login to a usable home, 40-village township", "BenchmarkTownshipLoginToHome", "usable-ms", 1, "%.0f ms", "< 1000 ms", "<1000")
	row("login to a filled home, 40-village township", "BenchmarkTownshipLoginToHome", "filled-ms", 1, "%.0f ms", "< 1000 ms", "<1000")
	row("bookkeeping / records, demo village", "BenchmarkTownshipFirstImport12", "village-overhead", 1, "%.2fx", "<= 1.0x", "=1")
	row("bookkeeping / records, township of 12", "BenchmarkTownshipFirstImport12", "town-overhead", 1, "%.2fx", "<= 1.0x", "=1")
	row("first import of 12 demo villages", "BenchmarkTownshipFirstImport12", "import-s", 1, "%.2f s", "< 5 s", "<5")
	row("  the same in CPU time", "BenchmarkTownshipFirstImport12", "import-cpu-s", 1, "%.2f s", "< 5 s", "<5")
	row("  changes imported", "BenchmarkTownshipFirstImport12", "changes", 1, "%.0f", "", "")
	row("county roll-up: 10 townships x 30 villages, import", "BenchmarkCountyRollup", "import-s", 1, "%.1f s", "-", "")
	row("  changes imported", "BenchmarkCountyRollup", "changes", 1, "%.0f", "", "")
	row("  the county's database", "BenchmarkCountyRollup", "county-db-MB", 1, "%.0f MB", "", "")
}
