# claimmark: `make run` to use it, `make test` to check it.
GO       ?= go
ADDR     ?= 127.0.0.1:8000
WASM     := web/app.wasm
SOURCES  := $(shell find app cmd -name '*.go' -not -name '*_test.go') go.mod go.sum

.PHONY: all wasm build run test test-unit test-wasm test-browser bench fuzz screenshot tools clean

all: wasm

wasm: $(WASM)

# The one wasm build, which the tests and the benchmark use too: it
# leaves go-app's server out of the wasm and turns inlining off in go-app
# and claimmark (cmd/internal/wasmbuild says why).
$(WASM): $(SOURCES)
	$(GO) run ./cmd/wasmbuild -o $@ ./cmd/claimmark-wasm

# The command lives in a dot-folder of build/, which the static server
# never sends, so that build/ can hold the site itself.
CLAIMMARK := build/.bin/claimmark
$(CLAIMMARK): $(SOURCES)
	$(GO) build -trimpath -o $@ ./cmd/claimmark

# The static site, to copy to any web server: make build PREFIX=/claimmark
# for a site that lives under /claimmark.
PREFIX ?=
build: wasm $(CLAIMMARK)
	$(CLAIMMARK) build -out build -prefix "$(PREFIX)"

run: wasm $(CLAIMMARK)
	@echo "claimmark: open http://$(ADDR)"
	$(CLAIMMARK) serve -addr $(ADDR)

test: test-unit test-wasm test-browser

test-unit:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/... ./cmd/claimmark-wasm
	$(GO) test ./app/...

# The engine's stack is far smaller than a goroutine's: format's deep
# files are read in WebAssembly too.
WASMEXEC = -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec"
test-wasm: tools
	GOOS=js GOARCH=wasm $(GO) test $(WASMEXEC) ./app/ui/...
	GOOS=js GOARCH=wasm $(GO) test $(WASMEXEC) -run Deep ./app/format

# axe-core for the accessibility checks of the browser tests, pinned by
# its lock file (test only: the app needs no Node).
AXEDIR := cmd/claimmark/testdata/axe
AXE    := $(AXEDIR)/node_modules/axe-core/axe.min.js
$(AXE): $(AXEDIR)/package.json $(AXEDIR)/package-lock.json
	npm ci --prefix $(AXEDIR) --no-audit --no-fund --loglevel=error
	touch $@

# The Argdown parser, to check the Argdown export (test only, pinned too).
ARGDOWNDIR := cmd/claimmark/testdata/argdown
ARGDOWN    := $(ARGDOWNDIR)/node_modules/@argdown/core/package.json
$(ARGDOWN): $(ARGDOWNDIR)/package.json $(ARGDOWNDIR)/package-lock.json
	npm ci --prefix $(ARGDOWNDIR) --no-audit --no-fund --loglevel=error
	touch $@

test-browser: tools wasm $(AXE) $(ARGDOWN)
	$(GO) test -count=1 -timeout 15m ./cmd/...

# The browser tests need Chromium, the wasm tests Node.js, the benchmark
# brotli. As root on Debian, install what is missing; otherwise say how.
TOOLS := chromium:chromium node:nodejs brotli:brotli
tools:
	@missing=""; for t in $(TOOLS); do command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "make test needs$$missing: run 'sudo apt-get install$$missing' (Debian) and try again." >&2; exit 1; \
	  fi; \
	fi

# Recogito's text-annotator, the peer that make bench measures claimmark
# against, pinned by its lock file (bench only: the app needs no Node).
PEERDIR := cmd/claimmark-bench/peer
PEER    := $(PEERDIR)/node_modules/@recogito/text-annotator/package.json
$(PEER): $(PEERDIR)/package.json $(PEERDIR)/package-lock.json
	npm ci --prefix $(PEERDIR) --no-audit --no-fund --loglevel=error
	touch $@

bench: tools wasm $(PEER)
	$(GO) run ./cmd/claimmark-bench -wasm $(WASM) -out build/bench.txt

# Each fuzz target for FUZZTIME; their seed corpora run in `make test`.
FUZZTIME ?= 30s
FUZZ := app/anchor:FuzzSelect app/anchor:FuzzPlace app/anchor:FuzzIndexAt app/document:FuzzNew app/document:FuzzTextOfHTML app/document:FuzzTextOfMarkdown app/format:FuzzDecode \
	app/format:FuzzDecodeWebAnnotation app/format:FuzzDecodeCSV app/format:FuzzParseJSON \
	app/format:FuzzAppendJSONString app/format:FuzzDecodeRecord app/store:FuzzDecodeJournal \
	app/store:FuzzDecodeMessage app/store:FuzzEncodeMessage
fuzz:
	@for f in $(FUZZ); do \
	  echo "fuzz $$f"; \
	  $(GO) test ./$${f%%:*} -run '^$$' -fuzz "^$${f#*:}$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

# Retake the README's screenshot from the running app.
screenshot: tools
	CLAIMMARK_SCREENSHOT=docs/screenshot.png $(GO) test -count=1 -run TestScreenshot ./cmd/claimmark

clean:
	rm -rf build $(WASM)
