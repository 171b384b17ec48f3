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

.PHONY: all build run test bench deps test-deps clean vet

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

bench: test-deps
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./...

clean:
	rm -rf bin
