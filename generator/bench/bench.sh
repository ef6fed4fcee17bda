#!/usr/bin/env bash
# Times a full build of the synthetic corpus (../shared/bench/gen_corpus.py) with Pandu and, when
# Debian's hugo and hyperfine are installed, with Hugo on the same corpus in the same run, and prints
# the ratio of the medians (ours / Hugo). Usage: make bench [PAGES=5000] [RUNS=5] [KEEP=1]
# With the argument "serve" (make bench-serve) it times the preview instead: from writing one guide
# to the reload event (a Go benchmark), and, when hugo is installed, hugo server's edit-to-page time
# over HTTP measured with ../shared/bench/watch_latency.py on the same corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
pages=${PAGES:-5000}
runs=${RUNS:-5}
gen=../shared/bench/gen_corpus.py
if [ ! -f "$gen" ]; then
  echo "bench: $gen not found (the shared/ folder must sit beside the repository)" >&2
  exit 2
fi
work=$(mktemp -d /tmp/pandu-bench.XXXXXX)
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "bench: keeping $work"; fi

echo "bench: generating $pages pages per language into $work/corpus"
python3 "$gen" --pages "$pages" --out "$work/corpus" >/dev/null

# Our site folder: the corpus content with our own layouts, UI strings and static files.
site=$work/site
mkdir -p "$site/static"
ln -s "$work/corpus/content" "$site/content"
cp -r layouts i18n "$site/"
cp -r static/. "$site/static/"
cp -r "$work/corpus/static/img" "$site/static/"
cp generator/bench/site.toml "$site/site.toml"
go build -o "$work/pandu" ./generator

if [ "${1:-}" = serve ]; then
  page=content/id/konfigurasi/dasar/membatasi-memperbarui-01053.md
  url=/id/konfigurasi/dasar/membatasi-memperbarui-01053/
  echo "bench: Pandu preview, edit to reload event ($page)"
  PANDU_BENCH_SITE=$site PANDU_BENCH_PAGE=$page go test ./generator/ -run XXX -bench EditToReload -benchtime "${runs}x" | grep -E "Benchmark|ready"
  echo "bench: Pandu preview, edit to page over HTTP (watch_latency.py)"
  python3 ../shared/bench/watch_latency.py --cwd "$site" --cmd "$work/pandu serve --port 41314" \
    --url "http://127.0.0.1:41314$url" --poll-url "http://127.0.0.1:41314$url" --poll-interval 0.005 \
    --edit "$page" --runs "$runs" --idle-quiet 1 | python3 generator/bench/report.py latency Pandu
  if command -v hugo >/dev/null; then
    python3 ../shared/bench/watch_latency.py --cwd "$work/corpus" --cmd "hugo server --bind 127.0.0.1 --port 41313" \
      --url "http://127.0.0.1:41313$url" --poll-url "http://127.0.0.1:41313$url" --poll-interval 0.005 \
      --edit "$page" --runs "$runs" --idle-quiet 1 | python3 generator/bench/report.py latency "hugo server"
  fi
  exit 0
fi

ours="$work/pandu build --quiet --source $site --dest $work/pub-ours"
if command -v hugo >/dev/null && command -v hyperfine >/dev/null; then
  hugo_cmd="hugo --quiet --ignoreCache --source $work/corpus --destination $work/pub-hugo"
  hyperfine -w 1 -r "$runs" --export-json "$work/times.json" \
    -p "rm -rf $work/pub-hugo" "$hugo_cmd" \
    -p "rm -rf $work/pub-ours" "$ours"
  python3 generator/bench/report.py ratio "$work/times.json"
  n_ours=$(find "$work/pub-ours" -name '*.html' | wc -l)
  n_hugo=$(find "$work/pub-hugo" -name '*.html' | wc -l)
  echo "bench: HTML files written: Pandu $n_ours, Hugo $n_hugo"
else
  echo "bench: hugo or hyperfine not installed (apt-get install -y hugo hyperfine); timing Pandu alone"
  for i in $(seq "$runs"); do
    rm -rf "$work/pub-ours"
    /usr/bin/time -f "bench: run $i: %e s wall, %U s user, %S s sys, %M KiB max RSS" $ours
  done
fi
