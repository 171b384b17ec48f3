#!/usr/bin/env bash
# Builds the Windows amd64 program (icon, version resource, Chinese name, via Fyne's
# packager and mingw-w64), its NSIS installer and a portable zip into DISTDIR.
# Usage: packaging/windows/build.sh FYNE-TOOL VERSION BUILD COMMIT DISTDIR
set -euo pipefail
fyne=$1 version=$2 build=$3 commit=$4 dist=$5
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$dist"
dist=$(cd "$dist" && pwd) # makensis works in the script's folder
stage=$dist/windows-amd64
rm -rf "$stage"
mkdir -p "$stage"

# Fyne's packager embeds the icon and the version resource from FyneApp.toml; it passes
# GOFLAGS' -ldflags on. It writes fyne_metadata_init.go and a .syso into the source folder
# while it builds and removes them afterwards.
# It also bumps Build in FyneApp.toml after every package: the file is put back as it was, so
# the build number changes only when a person changes it.
cp "$root/FyneApp.toml" "$stage/FyneApp.toml.orig"
trap 'mv "$stage/FyneApp.toml.orig" "$root/FyneApp.toml"' EXIT
(cd "$root" && CC=x86_64-w64-mingw32-gcc GOFLAGS="-ldflags=-X=zhibu/app/cli.Commit=$commit" \
	"$fyne" package --os windows --release)
# It names the program after FyneApp.toml's Name (支部台账.exe); shortcuts and scripts use zhibu.exe.
name=$(sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$root/FyneApp.toml")
mv "$root/$name.exe" "$stage/zhibu.exe"
mv "$stage/FyneApp.toml.orig" "$root/FyneApp.toml"
trap - EXIT

# A Windows icon file holding the 256×256 PNG as it is (Vista and later read PNG icons).
png=$root/assets/icons/zhibu.png
size=$(stat -c %s "$png")
le32() { printf "\\x$(printf %02x $(($1 & 255)))\\x$(printf %02x $((($1 >> 8) & 255)))\\x$(printf %02x $((($1 >> 16) & 255)))\\x$(printf %02x $((($1 >> 24) & 255)))"; }
{
	printf '\x00\x00\x01\x00\x01\x00'                  # ICONDIR: reserved, type 1 (icon), 1 image
	printf '\x00\x00\x00\x00\x01\x00\x20\x00'          # 256×256 (0 means 256), 1 plane, 32 bpp
	le32 "$size"                                       # bytes of the image
	le32 22                                            # offset of the image: 6 + 16
	cat "$png"
} >"$stage/zhibu.ico"

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
(cd "$stage" && TZ=UTC find "zhibu-$version" -exec touch -d "@${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct)}" {} + &&
	zip -q -X -r -9 "$dist/zhibu-$version-windows-amd64-portable.zip" "zhibu-$version")
rm -rf "$port"
