# claimmark: `make run` to use it, `make test` to check it.
GO       ?= go
ADDR     ?= 127.0.0.1:8000
WASM     := web/app.wasm
SOURCES  := $(shell find app cmd -name '*.go' -not -name '*_test.go') go.mod go.sum

.PHONY: all wasm run test test-unit test-wasm test-browser bench fuzz chromium clean

all: wasm

wasm: $(WASM)

$(WASM): $(SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./cmd/claimmark-wasm

build/claimmark: $(SOURCES)
	$(GO) build -trimpath -o $@ ./cmd/claimmark

run: wasm build/claimmark
	@echo "claimmark: open http://$(ADDR)"
	./build/claimmark serve -addr $(ADDR)

test: test-unit test-wasm test-browser

test-unit:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/... ./cmd/claimmark-wasm
	$(GO) test ./app/...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./app/ui/...

test-browser: chromium wasm
	$(GO) test -count=1 -timeout 15m ./cmd/...

# The browser tests need Debian's Chromium; install it when running as root.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v /usr/bin/chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium brotli >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (Debian) and try again." >&2; exit 1; \
	  fi; }

bench: chromium wasm
	@command -v brotli >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq brotli >/dev/null; } || { echo "make bench needs brotli: sudo apt-get install brotli" >&2; exit 1; }
	$(GO) run ./cmd/claimmark-bench -wasm $(WASM) -out build/bench.txt

fuzz:
	$(GO) test ./app/anchor -run '^$$' -fuzz FuzzSelect -fuzztime 30s
	$(GO) test ./app/document -run '^$$' -fuzz FuzzNew -fuzztime 30s
	$(GO) test ./app/format -run '^$$' -fuzz FuzzDecode -fuzztime 30s

clean:
	rm -rf build $(WASM)
