#!/usr/bin/env bash
# Builds the Windows amd64 program (cgo with mingw-w64; icon, version resource and the
# Chinese name from FyneApp.toml), its NSIS installer and a portable zip into DISTDIR.
# Usage: packaging/windows/build.sh GOVERSIONINFO-TOOL VERSION BUILD COMMIT DISTDIR
set -euo pipefail
versioninfo=$1 version=$2 build=$3 commit=$4 dist=$5
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$dist"
dist=$(cd "$dist" && pwd) # makensis works in the script's folder
stage=$dist/windows-amd64
rm -rf "$stage"
mkdir -p "$stage"
name=$(sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$root/FyneApp.toml")

# A Windows icon file holding the 256×256 PNG as it is (Vista and later read PNG icons).
png=$root/assets/icons/zhibu.png
size=$(stat -c %s "$png")
le32() { printf "\\x$(printf %02x $(($1 & 255)))\\x$(printf %02x $((($1 >> 8) & 255)))\\x$(printf %02x $((($1 >> 16) & 255)))\\x$(printf %02x $((($1 >> 24) & 255)))"; }
{
	printf '\x00\x00\x01\x00\x01\x00'         # ICONDIR: reserved, type 1 (icon), 1 image
	printf '\x00\x00\x00\x00\x01\x00\x20\x00' # 256×256 (0 means 256), 1 plane, 32 bpp
	le32 "$size"                              # bytes of the image
	le32 22                                   # offset of the image: 6 + 16
	cat "$png"
} >"$stage/zhibu.ico"

# The version resource (name 支部台账, version, icon, manifest) as a .syso beside main.go,
# linked by go build for windows/amd64 only (its name says so) and removed afterwards.
# goversioninfo is the library Fyne's packager uses; calling it directly keeps our -ldflags
# (fyne package builds twice and drops GOFLAGS' -ldflags on the second build).
syso=$root/zhibu_windows_amd64.syso
trap 'rm -f "$syso"' EXIT
sed "s/@VERSION4@/$version.$build/" "$here/zhibu.exe.manifest" >"$stage/zhibu.exe.manifest"
IFS=. read -r major minor patch <<<"$version"
echo '{}' >"$stage/versioninfo.json" # every field is set by a flag below
"$versioninfo" -64 -o "$syso" -icon "$stage/zhibu.ico" -manifest "$stage/zhibu.exe.manifest" \
	-charset 1200 -translation 2052 -product-name "$name" -description "$name" \
	-company "支部台账作者" -copyright "© 支部台账作者" -original-name zhibu.exe -internal-name zhibu \
	-product-version "$version.$build" -file-version "$version.$build" \
	-ver-major "$major" -ver-minor "$minor" -ver-patch "$patch" -ver-build "$build" \
	-product-ver-major "$major" -product-ver-minor "$minor" -product-ver-patch "$patch" -product-ver-build "$build" \
	"$stage/versioninfo.json"
(cd "$root" && CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	go build -trimpath -tags release,no_animations -ldflags "-H=windowsgui -s -w -X zhibu/app/cli.Commit=$commit" -o "$stage/zhibu.exe" .)
rm -f "$syso"
trap - EXIT

"$root/packaging/notices.sh" "$stage/zhibu.exe" windows amd64 >"$stage/THIRD-PARTY-NOTICES.txt"

# Installer: x.y.z plus the build number as the fourth part of the Windows version.
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DVERSION4="$version.$build" -DSTAGE="$stage" \
	-DOUTFILE="$dist/zhibu-$version-windows-amd64-setup.exe" "$here/zhibu.nsi"

# Portable zip: the program, the notices and a short Chinese note (UTF-8 with BOM and CRLF,
# so that every Notepad reads it).
port=$stage/zhibu-$version
rm -rf "$port"
mkdir -p "$port"
cp "$stage/zhibu.exe" "$stage/THIRD-PARTY-NOTICES.txt" "$port/"
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$here/portable-readme.txt"; } >"$port/说明.txt"
rm -f "$dist/zhibu-$version-windows-amd64-portable.zip"
(cd "$stage" && find "zhibu-$version" -exec touch -d "@${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct)}" {} + &&
	TZ=UTC zip -q -X -r -9 "$dist/zhibu-$version-windows-amd64-portable.zip" "zhibu-$version")
rm -rf "$port"
