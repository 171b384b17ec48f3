#!/usr/bin/env bash
# Captures the installer's and uninstaller's pages as a user sees them (not silent), under
# Wine and Xvfb, to PNG files for review: welcome, folder, progress/finish, and the
# uninstaller's confirmation. Enter moves to the next page, as a user pressing 下一步 would.
# Needs wine wine64 xvfb imagemagick xdotool gcc-mingw-w64-x86-64 (not run by CI).
# Usage: packaging/windows/wine/pages.sh DISTDIR OUTDIR   (after make package-windows)
set -euo pipefail
dist=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=/usr/lib/wine/wine64
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 30); do [ -s "$work/display" ] && break; sleep 0.5; done
export DISPLAY=:$(cat "$work/display")
cleanup() { /usr/lib/wine/wineserver -k 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$wine" wineboot -i >/dev/null 2>&1
"$wine" winecfg /v win10 >/dev/null 2>&1
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	"$here/bcryptprimitives.c" -ladvapi32
# A Chinese Windows shows dialogs in its CJK UI font; the prefix has none, so the bundled
# WenQuanYi Micro Hei stands in for the dialog fonts (NSIS's Chinese pages ask for 宋体) (otherwise every Chinese glyph is a box).
root=$(cd "$here/../../.." && pwd)
cp "$root/assets/fonts/wqy-microhei.ttf" "$WINEPREFIX/drive_c/windows/Fonts/"
for f in "宋体" "SimSun" "MS Shell Dlg" "MS Shell Dlg 2" "Tahoma" "Microsoft Sans Serif"; do
	"$wine" reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontSubstitutes' /v "$f" /d "WenQuanYi Micro Hei" /f >/dev/null 2>&1
done

# shot NAME: waits for a window titled like the installer, captures the screen.
shot() {
	for _ in $(seq 60); do xdotool search --name "$2" >/dev/null 2>&1 && break; sleep 1; done
	sleep 3
	import -window root "$out/$1.png"
	echo "$out/$1.png"
}
next() { xdotool search --name "$1" windowactivate --sync key Return 2>/dev/null || xdotool key Return; }

setup=$(ls "$dist"/zhibu-*-windows-amd64-setup.exe)
"$wine" "$setup" >/dev/null 2>&1 &
shot 1-welcome "安装"
next "安装"
shot 2-folder "安装"
next "安装"
sleep 10
shot 3-finish "安装"
xdotool key space # untick 现在打开, then finish
xdotool key Return
sleep 3
c=$WINEPREFIX/drive_c
"$wine" "$c/Program Files/Zhibu/uninstall.exe" >/dev/null 2>&1 &
shot 4-uninstall "卸载"
