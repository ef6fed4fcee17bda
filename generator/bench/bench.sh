#!/usr/bin/env bash
# Times a full build of the synthetic corpus (../shared/bench/gen_corpus.py) with Pandu and, when
# Debian's hugo and hyperfine are installed, with Hugo on the same corpus in the same run, and prints
# the ratio of the medians (ours / Hugo). Usage: make bench [PAGES=5000] [RUNS=5] [KEEP=1]
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

ours="$work/pandu build --quiet --source $site --dest $work/pub-ours"
if command -v hugo >/dev/null && command -v hyperfine >/dev/null; then
  hugo_cmd="hugo --quiet --ignoreCache --source $work/corpus --destination $work/pub-hugo"
  hyperfine -w 1 -r "$runs" --export-json "$work/times.json" \
    -p "rm -rf $work/pub-hugo" "$hugo_cmd" \
    -p "rm -rf $work/pub-ours" "$ours"
  python3 - "$work/times.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
hugo, ours = r[0]["median"], r[1]["median"]
print(f"bench: median Hugo {hugo:.2f} s, Pandu {ours:.2f} s, ratio Pandu/Hugo {ours/hugo:.2f}")
PY
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
