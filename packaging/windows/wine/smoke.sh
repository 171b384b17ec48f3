#!/usr/bin/env bash
# Smoke test of the Windows packages under Wine (Debian's wine 8, 64-bit only) and Xvfb, in a
# throw-away prefix: zhibu.exe version; the installer (silent) puts the program, the Start-menu
# and desktop shortcuts and the uninstall entry in place; the installed program opens its
# window and makes its database in %AppData%\zhibu; the uninstaller removes the program and
# keeps that data. Run by "make package-smoke" (CI too); needs wine wine64 xvfb gcc-mingw-w64-x86-64.
# Usage: packaging/windows/wine/smoke.sh DISTDIR   (after make package-windows)
set -euo pipefail
dist=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
# Wine maps Windows file names to Unix ones through the locale: an ungenerated one (the
# Makefile's zh_CN.UTF-8 on a fresh Debian) would lose the Chinese shortcut names.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=/usr/lib/wine/wine64
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 30); do [ -s "$work/display" ] && break; sleep 0.5; done
export DISPLAY=:$(cat "$work/display")
cleanup() { /usr/lib/wine/wineserver -k 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() {
	echo "wine smoke: $*" >&2
	find "$WINEPREFIX/drive_c" -name "*.lnk" >&2
	exit 1
}

"$wine" wineboot -i >/dev/null 2>&1
"$wine" winecfg /v win10 >/dev/null 2>&1 # Wine says Windows 7 otherwise, which the installer refuses
# Go's runtime needs bcryptprimitives.dll (ProcessPrng), which Wine 8 lacks: a test-only stub.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	"$here/bcryptprimitives.c" -ladvapi32

c=$WINEPREFIX/drive_c
out=$("$wine" "$dist/windows-amd64/zhibu.exe" version | tr -d '\r')
echo "$out"
case $out in "zhibu "*) ;; *) fail "zhibu.exe version printed \"$out\"" ;; esac

setup=$(ls "$dist"/zhibu-*-windows-amd64-setup.exe)
timeout 120 "$wine" "$setup" /S
for f in "Program Files/Zhibu/zhibu.exe" "Program Files/Zhibu/uninstall.exe" "Program Files/Zhibu/THIRD-PARTY-NOTICES.txt" \
	"users/Public/Desktop/支部台账.lnk" "ProgramData/Microsoft/Windows/Start Menu/Programs/支部台账/支部台账.lnk"; do
	[ -e "$c/$f" ] || fail "installer did not make $f"
done
"$wine" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.zhibu.app' >/dev/null 2>&1 ||
	fail "no uninstall entry"

"$wine" "$c/Program Files/Zhibu/zhibu.exe" >/dev/null 2>&1 &
for _ in $(seq 120); do
	ls "$c"/users/*/AppData/Roaming/zhibu/zhibu.db >/dev/null 2>&1 && break
	sleep 1
done
ls "$c"/users/*/AppData/Roaming/zhibu/zhibu.db >/dev/null 2>&1 || fail "the installed program made no database in %AppData%\\zhibu"
/usr/lib/wine/wineserver -k

timeout 120 "$wine" "$c/Program Files/Zhibu/uninstall.exe" /S
sleep 3 # the uninstaller finishes from a copy of itself in %TEMP%
[ ! -e "$c/Program Files/Zhibu/zhibu.exe" ] || fail "uninstaller left zhibu.exe"
[ ! -e "$c/users/Public/Desktop/支部台账.lnk" ] || fail "uninstaller left the desktop shortcut"
ls "$c"/users/*/AppData/Roaming/zhibu/zhibu.db >/dev/null 2>&1 || fail "uninstaller removed the user's data"
echo "wine smoke: exe, installer, window, data folder and uninstaller OK"
