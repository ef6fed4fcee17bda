# Pandu: `make build` builds the bundled site into public/, `make test` runs every check.
GO ?= go
PANDU := bin/pandu

.PHONY: build test deps fmt-check vet lint lint-workflows scripts release-check cross release-snapshot unit benchmarks faults edits bench bench-serve bench-search serve clean pandu pdf

pandu:
	$(GO) build -o $(PANDU) ./generator

build: pandu
	$(PANDU) build --source . --dest public

test: deps fmt-check vet lint lint-workflows scripts release-check cross unit benchmarks faults edits

# Installs the test tools that are missing (Chromium, poppler, zbar, Java, npm packages).
deps:
	@bash .ci/deps

fmt-check:
	@out=$$(gofmt -l generator); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# staticcheck and deadcode (pinned in go.mod as tools, so they build offline once `go mod download`
# has run). deadcode runs with -test: code that only tests call (package sitecheck,
# internal/testfs, data's Load* helpers) counts as used, so what it reports is code nothing calls
# at all. It prints its findings and exits 0 either way, so any output fails the target.
lint:
	$(GO) tool staticcheck ./...
	@out=$$($(GO) tool deadcode -test ./...) || exit 1; \
	if [ -n "$$out" ]; then echo "deadcode: functions nothing calls (remove them):"; echo "$$out"; exit 1; fi

# The GitHub Actions workflows cannot run here: actionlint checks them (a tool pinned in go.mod,
# so it builds offline once `go mod download` has run).
lint-workflows:
	$(GO) tool actionlint .github/workflows/*.yml

unit:
	$(GO) test -race -timeout 30m ./...

# Runs every benchmark once (-benchtime 1x), untimed: a benchmark that no longer runs (a stage's
# API changed under it) fails the tests instead of waiting for the next measurement.
benchmarks:
	@out=$$($(GO) test -run '^$$' -bench . -benchtime 1x ./... 2>&1) || { echo "$$out" | grep -v '^Benchmark'; exit 1; }

# The scripts make runs (bench) work with Debian stable's Python 3.11 and Node 20.
scripts:
	@bash .ci/scripts-check

# GoReleaser builds the editors' release binaries (.goreleaser.yaml). It is built once per machine,
# outside the work tree (make clean keeps it), from the Go module proxy at a fixed version.
GORELEASER_VERSION := v2.15.1
GORELEASER := $(shell $(GO) env GOPATH)/pkg/pandu-tools/goreleaser-$(GORELEASER_VERSION)/goreleaser

$(GORELEASER):
	@echo "building goreleaser $(GORELEASER_VERSION) into $(dir $@) (once; a few minutes)"
	GOBIN=$(dir $@) $(GO) install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)

release-check: $(GORELEASER)
	$(GORELEASER) check

# Cross-compiles the release's six targets (the workflow that publishes them cannot run here),
# the same list as .goreleaser.yaml's targets, and vets the code and tests as Windows builds them.
RELEASE_TARGETS := windows/amd64 windows/arm64 darwin/arm64 darwin/amd64 linux/amd64 linux/arm64
cross:
	@want=$$(sed -n 's/^ *- \(windows\|darwin\|linux\)_\([a-z0-9]*\)$$/\1\/\2/p' .goreleaser.yaml | xargs); \
	if [ "$$want" != "$(RELEASE_TARGETS)" ]; then \
	  echo "cross: RELEASE_TARGETS ($(RELEASE_TARGETS)) differ from .goreleaser.yaml ($$want)"; exit 1; fi
	GOOS=windows GOARCH=amd64 $(GO) vet ./generator/...
	@for t in $(RELEASE_TARGETS); do \
	  echo "cross: $$t"; \
	  CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -trimpath -o /dev/null ./generator || exit 1; \
	done

# Every release archive and checksums.txt into dist/, as a tag would publish them.
release-snapshot: $(GORELEASER)
	$(GORELEASER) release --snapshot --clean

# 1,000 random edits in the preview (content, structure, data, config, UI strings, layouts, static
# files), each compared byte for byte with a clean build; without -race (the race run does 100).
edits:
	PANDU_EDIT_STEPS=1000 $(GO) test -count=1 -timeout 30m -run '^TestIncrementalEqualsFull$$' ./generator/site

# 100 builds killed at random moments (without -race, which would make each build seconds long).
faults:
	$(GO) test -count=1 -run '^TestKilledBuilds$$' ./generator/site

# The editors' preview on http://127.0.0.1:1313/: rebuilds and reloads open pages on every save.
serve: pandu
	$(PANDU) serve --source .

# Times the preview (ready, memory, edit to page) against hugo server on the 5,000-pages-per-language
# corpus, then its edit-to-reload event (needs Debian's hugo; generator/bench/bench.sh).
bench-serve: pandu
	bash generator/bench/bench.sh serve

# Times full builds at 1,000 and 5,000 pages per language (and PAGES=20000) against Hugo in one run:
# medians of wall time and peak memory, and the ratios (needs Debian's hugo).
bench: pandu
	bash generator/bench/bench.sh

# Builds the site and runs our search and Pagefind 1.6.0 (pinned in generator/bench/search) on the
# same output and the same queries (generator/search/testdata/queries.tsv) in Chromium: prints
# top-1/top-3 per language and split for both, and the bytes each transfers per query.
bench-search:
	cd generator/bench/search && npm ci --no-audit --no-fund --loglevel=error
	bash -o pipefail -c "PANDU_BENCH_SEARCH=1 $(GO) test -count=1 -timeout 30m -run '^TestBenchSearch$$' -v ./generator/browsertest \
		| sed -n 's/^ *bench_search_test.go:[0-9]*: //p; /^--- FAIL/p; /^FAIL/p'"

# Builds the site and prints each language's booklet (A4 and A5) and trainer kit to PDF with
# headless Chromium into public/<lang>/<print slug>/booklet-a4.pdf, booklet-a5.pdf and
# trainer-kit-<lang>.pdf (needs Debian's chromium package). A handout taller than one A4 page fails.
# Its QR codes need the site's real address: site.toml's base_url, or make pdf BASE_URL=https://...
pdf: pandu
	$(PANDU) pdf --source . --dest public $(if $(BASE_URL),--base-url $(BASE_URL))

clean:
	rm -rf bin public dist

# Translations: missing, out of date (with the source changes), UI strings, overdue reviews.
# STRICT=1 fails when anything is missing or out of date, as CI should.
.PHONY: status
status:
	$(GO) run ./generator status --source . $(if $(STRICT),--strict)
