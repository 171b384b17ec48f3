#!/usr/bin/env bash
# Builds dist/zhibu_VERSION_ARCH.deb from a built binary: the program, its desktop entry,
# icon, manual page, copyright with the third-party notices, and Depends found by
# dpkg-shlibdeps plus the X11 libraries GLFW opens at run time.
# Usage: packaging/linux/build-deb.sh BINARY VERSION ARCH DISTDIR
set -euo pipefail
bin=$1 version=$2 arch=$3 dist=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg=$work/pkg
# Reproducible timestamps: the commit's date (or now outside git).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}

install -D -m 0755 "$bin" "$pkg/usr/bin/zhibu"
install -D -m 0644 "$here/zhibu.desktop" "$pkg/usr/share/applications/zhibu.desktop"
install -D -m 0644 "$root/assets/icons/zhibu.png" "$pkg/usr/share/icons/hicolor/256x256/apps/zhibu.png"
install -d -m 0755 "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/zhibu"
gzip -9n <"$here/zhibu.1" >"$pkg/usr/share/man/man1/zhibu.1.gz"
"$root/packaging/notices.sh" "$bin" linux "$arch" | gzip -9n >"$pkg/usr/share/doc/zhibu/THIRD-PARTY-NOTICES.gz"
cat >"$pkg/usr/share/doc/zhibu/copyright" <<COPYRIGHT
Zhibu (支部台账)

Copyright (C) $(date -u -d "@$SOURCE_DATE_EPOCH" +%Y) the Zhibu authors.

The program bundles the font WenQuanYi Micro Hei (Apache License 2.0; on Debian systems its
text is in /usr/share/common-licenses/Apache-2.0) and links Go modules under their own
licences, among them Syncthing's lib/protocol under the Mozilla Public License 2.0
(/usr/share/common-licenses/MPL-2.0), unmodified; its source is at
https://github.com/syncthing/syncthing. Every component's licence text, as it ships with the
component, is in /usr/share/doc/zhibu/THIRD-PARTY-NOTICES.gz.
COPYRIGHT
{
	printf 'zhibu (%s) unstable; urgency=medium\n\n  * Release %s.\n\n' "$version" "$version"
	printf ' -- Zhibu maintainers <zhibu@zhibu.invalid>  %s\n' "$(date -R -u -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$pkg/usr/share/doc/zhibu/changelog.gz"

# Libraries the binary links (libc, libGL, libX11), found the Debian way, plus those GLFW
# loads with dlopen on X11 (cursor, screens, input), which no linker table shows.
mkdir -p "$work/src/debian"
printf 'Source: zhibu\n\nPackage: zhibu\nArchitecture: any\n' >"$work/src/debian/control"
cp "$bin" "$work/src/zhibu"
shlibs=$(cd "$work/src" && dpkg-shlibdeps -O -e zhibu 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
depends="$shlibs, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1"

install -d -m 0755 "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: zhibu
Version: $version
Architecture: $arch
Maintainer: Zhibu maintainers <zhibu@zhibu.invalid>
Installed-Size: $(du -sk --apparent-size "$pkg/usr" | cut -f1)
Depends: $depends
Section: misc
Priority: optional
Homepage: https://zhibu.invalid
Description: records of a village party branch, offline first (支部台账)
 Zhibu keeps the records of a village party branch: meetings (三会一课),
 theme party days, member files, party dues and the steps of admitting new
 members, prints wall notices as PDF, and syncs with the township office by
 USB stick or over the office network. It works without a network.
CONTROL

find "$pkg" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$dist"
out=$dist/zhibu_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out" >/dev/null
echo "$out"
