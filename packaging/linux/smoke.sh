#!/usr/bin/env bash
# Smoke test of the installed .deb's window: starts /usr/bin/zhibu as a fresh user would (an
# empty home) on a virtual screen, waits for its database in ~/.config/zhibu, and checks the
# window drew something (Xvfb's root is black with -br; the app's light theme is not). Run by
# CI after installing the .deb; needs xvfb and imagemagick (make test-deps installs them).
# Usage: packaging/linux/smoke.sh [BINARY]   (default /usr/bin/zhibu)
set -euo pipefail
bin=${1:-/usr/bin/zhibu}
work=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1366x768x24 -br -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
app=
# The program is stopped and waited for before its home is removed (it may still be writing
# its settings there); a failure to clean up a temporary folder is not the test's result.
cleanup() {
	if [ -n "$app" ]; then
		kill "$app" 2>/dev/null || true
		wait "$app" 2>/dev/null || true
	fi
	kill "$xvfb" 2>/dev/null || true
	wait "$xvfb" 2>/dev/null || true
	rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 30); do [ -s "$work/display" ] && break; sleep 0.5; done
export DISPLAY=:$(cat "$work/display")
mkdir -p "$work/home"
(cd / && HOME=$work/home LANG=C.UTF-8 exec "$bin" >"$work/log" 2>&1) &
app=$!
db=$work/home/.config/zhibu/zhibu.db
for _ in $(seq 60); do [ -e "$db" ] && break; sleep 1; done
[ -e "$db" ] || { echo "deb smoke: $bin made no database in ~/.config/zhibu" >&2; cat "$work/log" >&2; exit 1; }
sleep 5 # let the window draw
kill -0 "$app" 2>/dev/null || { echo "deb smoke: $bin exited" >&2; cat "$work/log" >&2; exit 1; }
import -display "$DISPLAY" -window root "$work/shot.png"
drawn=$(convert "$work/shot.png" -fill white +opaque black -format '%[fx:mean]' info:)
mode=$(stat -c %a "$db")
echo "deb smoke: window drawn over $(awk -v f="$drawn" 'BEGIN{printf "%.0f", f*100}')% of the screen, database mode $mode"
awk -v f="$drawn" 'BEGIN{exit !(f > 0.2)}' || { echo "deb smoke: the screen stayed black" >&2; exit 1; }
[ "$mode" = 600 ] || { echo "deb smoke: database is mode $mode, not 600" >&2; exit 1; }
[ -n "${ZHIBU_SMOKE_SHOT:-}" ] && cp "$work/shot.png" "$ZHIBU_SMOKE_SHOT"
exit 0
