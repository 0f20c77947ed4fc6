# paygen — the same targets run locally and in CI (.ci/run calls `make lint` and `make test`).
GO      ?= go
BIN     := bin/paygen
ROWS    ?= 1_000_000
DATE    ?= $(shell date -u +%Y-%m-%d)
VERSION ?= $(shell sed -n 's/^const version = "\(.*\)"$$/\1/p' cmd/paygen/main.go)
# A static, reproducible binary; the Dockerfile builds with the same command
# (tests/deploy_test.go compares them).
BUILDFLAGS := -trimpath -ldflags='-s -w'
export PATH := $(shell $(GO) env GOPATH)/bin:$(PATH)

.PHONY: all build generate drift data test test-short test-deps lint fuzz bench validate profile learnability athena-ddl docker clean

all: build

build:
	CGO_ENABLED=0 $(GO) build $(BUILDFLAGS) -o $(BIN) ./cmd/paygen

## generate: recompile schema/transaction_schema.yaml into generated/
generate:
	$(GO) generate ./...

## drift: fail when generated/ does not match the schema
drift:
	$(GO) run ./cmd/schemac -check

## data: 1,000,000 payments into outputs/
data: build
	./$(BIN) generate --rows $(ROWS) --out outputs --date $(DATE) --overwrite

## test-deps: install what the tests need on a fresh machine (idempotent)
test-deps:
	@for s in tests/tools/install-*.sh; do [ -f "$$s" ] && bash "$$s" || exit 1; done

## test: the whole suite (drift check, vet, unit, end-to-end, S3, browser, DuckDB, race)
test: test-deps drift
	$(GO) vet ./...
	mkdir -p tests/artifacts
	PAYGEN_REQUIRE_S3=1 CI=true $(GO) test -count=1 -artifacts -outputdir $(CURDIR)/tests/artifacts ./...
	@if [ -f tests/duckdb/go.mod ]; then cd tests/duckdb && $(GO) test -count=1 ./...; fi
	# workers append different columns of one block at once (and spool them): check it under the race detector
	$(GO) test -race -count=1 -run 'TestWorkersDoNotChangeBytes|TestConcurrent|TestSpool' ./runtime/pqwrite/ ./runtime/colwrite/
	# declared columns read the block from several writer goroutines too
	$(GO) test -race -count=1 -run TestDeterministic ./generated/examples/extended/

## test-short: the fast tier, no binary build, no end-to-end runs, no 1M-row files (see README, Tests)
test-short: drift
	$(GO) test -short -count=1 ./...

LATEST = $$(ls -t outputs/*.parquet 2>/dev/null | head -1)

## validate: check the newest file in outputs/ against the data contract
validate: build
	@f=$(LATEST); [ -n "$$f" ] || { echo "no file in outputs/: run make data"; exit 2; }; \
	./$(BIN) validate "$$f" --html "$${f%.parquet}.validation.html"

## profile: HTML + JSON profile of the newest file in outputs/
profile: build
	@f=$(LATEST); [ -n "$$f" ] || { echo "no file in outputs/: run make data"; exit 2; }; \
	./$(BIN) profile "$$f" --json "$${f%.parquet}.profile.json"

## learnability: baseline model and leakage check on the newest file in outputs/
learnability: build
	@f=$(LATEST); [ -n "$$f" ] || { echo "no file in outputs/: run make data"; exit 2; }; \
	./$(BIN) learnability "$$f"

## athena-ddl: print the Athena table DDL (generated/athena_gen.sql) for a database and S3 location,
## as one statement ready for the Athena console or API (no comment lines, no final ;):
##   make athena-ddl DATABASE=analytics BUCKET=my-bucket PREFIX=payments
athena-ddl:
	@[ -n "$(DATABASE)" ] && [ -n "$(BUCKET)" ] || { echo "usage: make athena-ddl DATABASE=db BUCKET=bucket [PREFIX=prefix]" >&2; exit 2; }
	@echo '$(DATABASE)' | grep -Eqx '[a-z0-9_]+' || { echo "athena-ddl: DATABASE must be lowercase letters, digits and _" >&2; exit 2; }
	@echo '$(BUCKET)' | grep -Eqx '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]' || { echo "athena-ddl: BUCKET is not an S3 bucket name" >&2; exit 2; }
	@echo '$(PREFIX)' | grep -Eqx '[A-Za-z0-9._=/-]*' || { echo "athena-ddl: PREFIX may only hold letters, digits and . _ = / -" >&2; exit 2; }
	@p='$(PREFIX)'; while [ "$${p#/}" != "$$p" ]; do p="$${p#/}"; done; while [ "$${p%/}" != "$$p" ]; do p="$${p%/}"; done; \
	sed -e '/^--/d' -e '/^$$/d' -e '$$s/;$$//' -e 's|[$$]{database}|$(DATABASE)|g' -e 's|[$$]{bucket}|$(BUCKET)|g' \
	    -e 's|[$$]{prefix}/|'"$${p:+$$p/}"'|g' generated/athena_gen.sql

## docker: build the container image paygen:VERSION (needs a Docker engine)
docker:
	docker build --build-arg VERSION=$(VERSION) -t paygen:$(VERSION) .

## lint: gofmt, vet, staticcheck (pinned) and the binary cross-compiled for every release platform
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
PLATFORMS   := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@for p in $(PLATFORMS); do echo "build $$p"; \
	  GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/paygen || exit 1; done

## fuzz: run every fuzz target for FUZZTIME (default 20s) each with FUZZPAR workers (default 2);
## `make test` (plain go test) runs their seed corpora. New failing inputs land in the package's
## testdata/fuzz/. One target: make fuzz FUZZ_TARGETS=./runtime/colscan:FuzzOpenAndScan
FUZZTIME ?= 20s
FUZZPAR  ?= 2
FUZZ_TARGETS ?= \
	./runtime/colscan:FuzzOpenAndScan ./runtime/contract:FuzzValidate ./runtime/profile:FuzzRun \
	./runtime/learn:FuzzAnalyzeFile ./schemac/load:FuzzLoad \
	./cmd/paygen/internal/s3up:FuzzParseURL ./cmd/paygen/internal/s3up:FuzzReadEnvFile \
	./cmd/paygen:FuzzParseCount ./cmd/paygen:FuzzParseBytes ./cmd/paygen:FuzzParseShard ./cmd/paygen:FuzzCheckEndpoint \
	./runtime/refdata:FuzzLuhn
fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; name=$${t##*:}; echo "== $$name ($$pkg, $(FUZZTIME))"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s -parallel $(FUZZPAR) || exit 1; done

## bench: hot-path Go benchmarks, paygen vs its peers at 1M rows, RSS at 1M and 20M, validate/profile times
bench: build
	bash tests/tools/bench.sh 2>&1 | tee bench.txt

clean:
	rm -rf bin outputs bench.txt
