# Pandu: `make build` builds the bundled site into public/, `make test` runs every check.
GO ?= go
PANDU := bin/pandu

.PHONY: build test fmt-check vet unit bench serve clean pandu

pandu:
	$(GO) build -o $(PANDU) ./generator

build: pandu
	$(PANDU) build --source . --dest public

test: fmt-check vet unit

fmt-check:
	@out=$$(gofmt -l generator); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test -race ./...

# Times a full build of the 5,000-pages-per-language corpus against Hugo (when installed).
bench: pandu
	bash generator/bench/bench.sh

clean:
	rm -rf bin public
