# Zhibu (支部台账) — build, run and test. Targets install what is missing on Debian/UOS/Kylin.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
BIN := bin/zhibu
VERSION ?= $(shell git describe --tags 2>/dev/null || echo 0.1.0)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null)
LDFLAGS := -X zhibu/app/cli.Version=$(VERSION) -X zhibu/app/cli.Commit=$(COMMIT)
export LANG := zh_CN.UTF-8
export LC_ALL :=

# Debian packages: cgo + OpenGL/X11 headers for Fyne, and the tools the tests use (syncthing:
# the stock daemon the carrier tests run on loopback, in a temporary home).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
TEST_PKGS := $(BUILD_PKGS) poppler-utils syncthing

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build run test bench bench-all deps test-deps clean vet

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

build: deps
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

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
# benchmark as before. Login to home (BenchmarkLoginToHome) belongs to the UI; its row fills
# in once that benchmark exists.
BENCH_RUNS := \
	"-bench MergeVsBare|RosterImport5000|CheckTownship40 -benchtime 3x ./store/" \
	"-bench MemberSearch30k -benchtime 300x ./store/" \
	"-bench Memory30k -benchtime 2x ./store/" \
	"-bench Township40 -benchtime 1x ./sync/usb/" \
	"-bench OnePage ./app/notice/" \
	"-bench LoginToHome -benchtime 3x ./app/ui/"

bench: test-deps
	@mkdir -p bench
	@: > bench/raw.txt
	@for r in $(BENCH_RUNS); do $(GO) test -run '^$$' -timeout 30m $$r 2>&1 | tee -a bench/raw.txt; done
	awk -f bench/table.awk bench/raw.txt | tee bench/results.txt

bench-all: test-deps
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./...

clean:
	rm -rf bin
