# Zhibu (支部台账) — build, run and test. Targets install what is missing on Debian/UOS/Kylin.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
BIN := bin/zhibu
# The version lives in FyneApp.toml alone: the program reads it (embedded), Fyne's packager
# puts it in the Windows version resource, and the packages below are named by it.
VERSION := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml)
BUILD_NUMBER := $(shell sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' FyneApp.toml)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null)
LDFLAGS := -X zhibu/app/cli.Commit=$(COMMIT)
DIST := dist
# The Windows version resource and icon (.syso) writer that Fyne's packager uses, pinned.
VERSIONINFO_TOOL := bin/tools/goversioninfo
VERSIONINFO_TOOL_VERSION := v1.7.0
export LANG := zh_CN.UTF-8
export LC_ALL :=

# Debian packages: cgo + OpenGL/X11 headers for Fyne, and the tools the tests use (syncthing:
# the stock daemon the carrier tests run on loopback, in a temporary home; xvfb and imagemagick:
# the smoke test that starts the real window on a virtual screen, main_test.go).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
TEST_PKGS := $(BUILD_PKGS) poppler-utils syncthing xvfb imagemagick
# Packaging from Linux: mingw-w64 for the Windows cgo build, NSIS, the Debian tools, lintian.
PACKAGE_PKGS := $(BUILD_PKGS) gcc-mingw-w64-x86-64 nsis dpkg-dev zip lintian
# The arm64 .deb (UOS/Kylin on Phytium/Kunpeng PCs): Debian's aarch64 cross compiler and the
# arm64 OpenGL/X11 headers from the arm64 architecture added to dpkg (multiarch).
ARM64_PKGS := gcc-aarch64-linux-gnu libc6-dev-arm64-cross $(addsuffix :arm64,libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build run test bench bench-all deps test-deps clean vet package package-deps package-linux package-linux-arm64 package-windows package-smoke

all: build

# Installs only the packages that are missing (dpkg knows), so repeated runs are quick.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PKGS))
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is required: https://go.dev/dl/ (or the golang package of your distribution)"; exit 1; }

test-deps:
	$(call apt_install,$(TEST_PKGS))

# no_animations: Fyne's own widget animations off. A focused text box's fading cursor redraws
# the whole window 60 times a second (13 % of a core on an idle window, measured); the cursor
# is then drawn solid. The app's own busy bars still move.
GOTAGS := no_animations

build: deps
	$(GO) build -trimpath -tags $(GOTAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .

run: build
	./$(BIN)

vet:
	$(GO) vet ./...

test: test-deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

# The table of DESIGN.md's targets, each figure beside its target and the bare-insert baseline
# of the same run, in bench/results.txt (raw output in bench/raw.txt). Slow benchmarks set up
# tens of thousands of records: allow 10-20 minutes on 2 cores. `make bench-all` runs every
# benchmark as before. Login to home is app/ui's BenchmarkLoginToHome (and the township's).
BENCH_RUNS := \
	"-bench MergeVsBare|RosterImport5000|CheckTownship40 -benchtime 3x ./store/" \
	"-bench MemberSearch30k -benchtime 300x ./store/" \
	"-bench Memory30k -benchtime 2x ./store/" \
	"-bench Township40 -benchtime 1x ./sync/usb/" \
	"-bench OnePage ./app/notice/" \
	"-bench LoginToHome -benchtime 3x ./app/ui/" \
	"-bench TownshipFirstImport12 -benchtime 1x ./sync/exchange/" \
	"-bench CountyRollup -benchtime 1x ./sync/exchange/"

bench: test-deps
	@mkdir -p bench
	@: > bench/raw.txt
	@for r in $(BENCH_RUNS); do $(GO) test -run '^$$' -timeout 30m $$r 2>&1 | tee -a bench/raw.txt; done
	awk -f bench/table.awk bench/raw.txt | tee bench/results.txt

bench-all: test-deps
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./...

# Everything a village PC installs, into dist/: the Windows program, installer and portable
# zip, and the Debian/UOS/Kylin package (checked with lintian).
package: package-linux package-linux-arm64 package-windows
	@ls -l $(DIST)/*.deb $(DIST)/*.exe $(DIST)/*.zip

package-deps:
	$(call apt_install,$(PACKAGE_PKGS))

$(VERSIONINFO_TOOL):
	GOBIN=$(CURDIR)/bin/tools $(GO) install github.com/josephspurrier/goversioninfo/cmd/goversioninfo@$(VERSIONINFO_TOOL_VERSION)

# -buildmode=pie and stripped, as Debian builds its Go programs.
package-linux: package-deps
	$(GO) build -trimpath -buildmode=pie -tags release,$(GOTAGS) -ldflags "-s -w $(LDFLAGS)" -o $(DIST)/linux-amd64/zhibu .
	deb=$$(packaging/linux/build-deb.sh $(DIST)/linux-amd64/zhibu $(VERSION) amd64 $(DIST)) && \
		LANG=C.UTF-8 lintian --fail-on error --info $$deb

# arm64: cross-built with cgo; dpkg-shlibdeps reads the arm64 libraries that multiarch installed.
package-linux-arm64: package-deps
	@dpkg --print-foreign-architectures | grep -qx arm64 || $(SUDO) dpkg --add-architecture arm64
	$(call apt_install,$(ARM64_PKGS))
	CGO_ENABLED=1 GOOS=linux GOARCH=arm64 CC=aarch64-linux-gnu-gcc \
		PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig \
		$(GO) build -trimpath -buildmode=pie -tags release,$(GOTAGS) -ldflags "-s -w $(LDFLAGS)" -o $(DIST)/linux-arm64/zhibu .
	deb=$$(packaging/linux/build-deb.sh $(DIST)/linux-arm64/zhibu $(VERSION) arm64 $(DIST)) && \
		LANG=C.UTF-8 lintian --fail-on error --info $$deb && \
		dpkg-deb -f $$deb Architecture | grep -qx arm64

package-windows: package-deps $(VERSIONINFO_TOOL)
	packaging/windows/build.sh $(VERSIONINFO_TOOL) $(VERSION) $(BUILD_NUMBER) $(COMMIT) $(DIST)

# The Windows packages under Wine and Xvfb: zhibu.exe version, silent install, the window
# and its database in %AppData%\zhibu, uninstall keeping that data (after package-windows).
package-smoke:
	$(call apt_install,wine wine64 xvfb gcc-mingw-w64-x86-64)
	packaging/windows/wine/smoke.sh $(DIST)

clean:
	rm -rf bin $(DIST)
