#!/usr/bin/env bash
# Writes the third-party notices of one built binary to stdout: the bundled font's licence,
# Go's own licence, and the licence files of every Go module linked into the binary (read
# from the module cache with "go version -m" and "go mod download -json"), with where the
# MPL-2.0 source of Syncthing is. Usage: packaging/notices.sh BINARY [GOOS GOARCH]
set -euo pipefail
bin=$1 goos=${2:-linux} goarch=${3:-amd64}
cd "$(dirname "$0")/.."
go=${GO:-go}

rule() { printf '\n%s\n%s\n\n' "================================================================================" "$1"; }

cat <<'HEAD'
支部台账（Zhibu）第三方组件许可证 / Third-party notices

This program includes the components listed below. Each is followed by its licence text,
copied from the component's own source.
本软件包含以下第三方组件，每个组件后附其许可证原文。
HEAD

rule "WenQuanYi Micro Hei (文泉驿微米黑) font, bundled in the program"
cat assets/fonts/LICENSE-wqy-microhei.txt

rule "The Go programming language, standard library and runtime ($("$go" env GOVERSION))"
cat "$("$go" env GOROOT)/LICENSE"
[ -f "$("$go" env GOROOT)/PATENTS" ] && { echo; cat "$("$go" env GOROOT)/PATENTS"; }

# "go version -m" lists the modules actually linked (dep, or => for a replacement).
missing=0
while read -r kind path version _; do
	case $kind in dep | "=>") ;; *) continue ;; esac
	[ "$version" = "(devel)" ] && continue
	dir=$("$go" mod download -json "$path@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	if [ -z "$dir" ] || [ ! -d "$dir" ]; then
		echo "notices: $path@$version not in the module cache" >&2
		exit 1
	fi
	rule "Go module $path $version"
	if [ "$path" = github.com/syncthing/syncthing ]; then
		cat <<MPL
The following packages of Syncthing are linked unmodified, under the Mozilla Public Licence 2.0.
Their source code is available at https://github.com/syncthing/syncthing/tree/$version
(and with "go mod download $path@$version"):
MPL
		CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch "$go" list -deps -f '{{with .Module}}{{if eq .Path "github.com/syncthing/syncthing"}}{{$.ImportPath}}{{end}}{{end}}' . |
			sed '/^$/d; s/^/  /'
		echo
	fi
	# Licence files at the module root, and those of bundled C code below it (GLFW, …).
	files=$(cd "$dir" && find . -maxdepth 4 -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' -o -iname 'NOTICE*' -o -name PATENTS \) \
		-not -path '*/testdata/*' -not -path '*/_*' -not -name '*.go' | LC_ALL=C sort)
	if [ -z "$files" ]; then
		echo "notices: no licence file in $path@$version" >&2
		missing=1
		echo "(No licence file in the module; see its source at https://$path.)"
		continue
	fi
	seen=""
	for f in $files; do # a text already shown for this module (copies in subfolders) once
		sum=$(md5sum <"$dir/$f" | cut -c1-32)
		case $seen in *"$sum"*) continue ;; esac
		[ -n "$seen" ] && echo
		seen="$seen $sum"
		echo "--- ${f#./} ---"
		cat "$dir/$f"
	done
done < <("$go" version -m "$bin")

if [ "$goos" = windows ] && [ -f /usr/share/doc/mingw-w64-common/copyright ]; then
	rule "mingw-w64 runtime (linked statically into the Windows program)"
	cat /usr/share/doc/mingw-w64-common/copyright
fi
exit $missing
