#!/usr/bin/env bash
# Times Pandu against Debian's hugo on the synthetic corpus (../shared/bench/gen_corpus.py), both
# in the same run (generator/bench/compare.py measures; see its doc).
#
#   make bench [PAGES=20000] [RUNS=3] [KEEP=1]
#       full builds at 1,000 and 5,000 pages per language (and PAGES when it is another size):
#       medians of wall time and peak memory of both, and the ratios Pandu/Hugo.
#   make bench-serve [PAGES=5000] [EDITS=100] [KIND_EDITS=5] [RUNS=20] [KEEP=1]
#       the preview: pandu serve and hugo server on one corpus (ready time, memory after the first
#       build and after EDITS edits, edit-to-page p50/p90 over HTTP; then KIND_EDITS of each other
#       kind of edit: title, new slug, alias, draft toggle, section front matter, new and deleted
#       guide, section layout, UI string), then the edit-to-reload-event
#       Go benchmark (RUNS edits).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f ../shared/bench/gen_corpus.py ]; then
  echo "bench: ../shared/bench/gen_corpus.py not found (the shared/ folder must sit beside the repository)" >&2
  exit 2
fi
if ! command -v hugo >/dev/null; then
  echo "bench: hugo is not installed (apt-get install -y hugo): the figures are ratios against it" >&2
  exit 2
fi
work=$(mktemp -d /tmp/pandu-bench.XXXXXX)
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "bench: keeping $work"; fi
go build -o "$work/pandu" ./generator
hugo version

if [ "${1:-}" = serve ]; then
  pages=${PAGES:-5000}
  python3 generator/bench/compare.py serve --pandu "$work/pandu" --work "$work" --size "$pages" --edits "${EDITS:-100}" --kind-edits "${KIND_EDITS:-5}"
  site=$work/site-$pages
  page=$(cd "$site" && find content/id/konfigurasi -name '*.md' ! -name '_index.md' | sort | head -1)
  echo "bench: edit to reload event in the Go preview ($page, ${RUNS:-20} edits)"
  PANDU_BENCH_SITE=$site PANDU_BENCH_PAGE=$page go test ./generator/ -run XXX -bench EditToReload \
    -benchtime "${RUNS:-20}x" | grep -E "Benchmark|ready"
  exit 0
fi

sizes=1000,5000
case "${PAGES:-}" in "" | 1000 | 5000) ;; *) sizes=$sizes,$PAGES ;; esac
python3 generator/bench/compare.py build --pandu "$work/pandu" --work "$work" --sizes "$sizes" --runs "${RUNS:-3}"
