# Pandu: `make build` builds the bundled site into public/, `make test` runs every check.
GO ?= go
PANDU := bin/pandu

.PHONY: build test deps fmt-check vet unit faults bench bench-serve serve clean pandu pdf

pandu:
	$(GO) build -o $(PANDU) ./generator

build: pandu
	$(PANDU) build --source . --dest public

test: deps fmt-check vet unit faults

# Installs the test tools that are missing (Chromium, poppler, zbar, Java, npm packages).
deps:
	@bash .ci/deps

fmt-check:
	@out=$$(gofmt -l generator); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test -race -timeout 30m ./...

# 100 builds killed at random moments (without -race, which would make each build seconds long).
faults:
	$(GO) test -count=1 -run '^TestKilledBuilds$$' ./generator/site

# The editors' preview on http://127.0.0.1:1313/: rebuilds and reloads open pages on every save.
serve: pandu
	$(PANDU) serve --source .

# Times the preview's edit-to-reload on the corpus, against hugo server when installed.
bench-serve: pandu
	bash generator/bench/bench.sh serve

# Times a full build of the 5,000-pages-per-language corpus against Hugo (when installed).
bench: pandu
	bash generator/bench/bench.sh

# Builds the site and prints each language's booklet (A4 and A5) and trainer kit to PDF with
# headless Chromium into public/<lang>/<print slug>/booklet-a4.pdf, booklet-a5.pdf and
# trainer-kit-<lang>.pdf (needs Debian's chromium package). A handout taller than one A4 page fails.
pdf: pandu
	$(PANDU) pdf --source . --dest public

clean:
	rm -rf bin public

# Translations: missing, out of date (with the source changes), UI strings, overdue reviews.
# STRICT=1 fails when anything is missing or out of date, as CI should.
.PHONY: status
status:
	$(GO) run ./generator status --source . $(if $(STRICT),--strict)
