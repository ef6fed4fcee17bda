"""Prints the one-line summaries of make bench and make bench-serve from the timing tools' JSON.

    python3 report.py latency NAME < watch_latency.json   (make bench-serve)
    python3 report.py ratio HYPERFINE.json                 (make bench: Hugo first, Pandu second)

Runs on Python 3.11 (Debian stable): no backslashes or reused quotes inside f-string expressions.
"""
import json
import sys


def latency(name, r):
    ms = {k: r[k] * 1000 for k in ("median_s", "min_s", "max_s")}
    return (f"bench: {name} ready {r['ready_s']} s, median {ms['median_s']:.1f} ms "
            f"(min {ms['min_s']:.1f}, max {ms['max_s']:.1f})")


def ratio(results):
    hugo, ours = results[0]["median"], results[1]["median"]
    return f"bench: median Hugo {hugo:.2f} s, Pandu {ours:.2f} s, ratio Pandu/Hugo {ours / hugo:.2f}"


def main(argv):
    if len(argv) == 3 and argv[1] == "latency":
        print(latency(argv[2], json.load(sys.stdin)))
    elif len(argv) == 3 and argv[1] == "ratio":
        with open(argv[2], encoding="utf-8") as f:
            print(ratio(json.load(f)["results"]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
