"""Times Pandu against Hugo on the synthetic corpus (../shared/bench/gen_corpus.py), in one run.

    python3 compare.py build --repo DIR --pandu BIN --work DIR [--sizes 1000,5000] [--runs 3]
    python3 compare.py serve --repo DIR --pandu BIN --work DIR [--size 5000] [--edits 100] [--kind-edits 5]
    python3 compare.py table FILE.json        (prints the table of a build run's JSON again)

build: for each corpus size (pages per language), one warm-up build of each generator, then
--runs paired builds, Hugo and Pandu in turn, each into an emptied folder. Wall time is measured
around the process; peak memory is the process's own maximum resident set (wait4). Prints the
medians and the ratios Pandu/Hugo as a Markdown table, and writes the raw figures to
WORK/compare.json.

serve: starts `hugo server` and `pandu serve` on the same corpus one after the other; for each,
the time until the edited page answers (page served), until the sitemap answers (all built: each
generator serves it once every page is built), its resident memory then, the time from each of
--edits edits of one guide to the page showing it (p50 and p90), and its memory after them.
Then, --kind-edits times each, every other kind of edit an editor makes, from the save to the
page showing it: a guide's title (front matter), a new slug (until the guide answers at its new
URL), an alias (until the old URL answers), a draft toggle (draft = true, until the guide is
gone: both servers run without drafts), the section's front matter (until the section page
shows its new title), a new guide (until its page answers), the same guide deleted (until its
page is gone), the section layout (until the guide's section page shows it) and a UI string of
the guide's language (until the guide shows it). Each server edits
its own files of the same kind: the corpus's Hugo layouts and strings, our layouts and strings.

Standard library only; runs on Python 3.11 (Debian stable).
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus(args, pages):
    """Generates the corpus of pages per language once, and our site folder beside it."""
    out = os.path.join(args.work, "corpus-%d" % pages)
    if not os.path.isdir(out):
        gen = os.path.join(args.repo, "..", "shared", "bench", "gen_corpus.py")
        subprocess.run([sys.executable, gen, "--pages", str(pages), "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
    site = os.path.join(args.work, "site-%d" % pages)
    if not os.path.isdir(site):
        tmp = site + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        # Pandu reads only files inside the site folder (a symbolic link out of it is refused).
        shutil.copytree(os.path.join(out, "content"), os.path.join(tmp, "content"))
        shutil.copy(os.path.join(HERE, "site.toml"), os.path.join(tmp, "site.toml"))
        os.rename(tmp, site)
    # The layouts, UI strings and static files are the repository's as they are now, also in a
    # site folder an earlier run made.
    for d in ("layouts", "i18n", "static"):
        shutil.rmtree(os.path.join(site, d), ignore_errors=True)
        shutil.copytree(os.path.join(args.repo, d), os.path.join(site, d))
    shutil.copytree(os.path.join(out, "static", "img"), os.path.join(site, "static", "img"), dirs_exist_ok=True)
    return out, site


def measure(cmd, out):
    """Runs cmd once into the emptied folder out: (wall seconds, peak RSS bytes)."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("compare: %s failed (%d):\n%s" % (" ".join(cmd), p.returncode, err.decode()))
    return wall, ru.ru_maxrss * 1024


def build(args):
    rows = []
    for pages in [int(s) for s in args.sizes.split(",")]:
        src, site = corpus(args, pages)
        hugo_out = os.path.join(args.work, "pub-hugo")
        ours_out = os.path.join(args.work, "pub-pandu")
        cmds = {
            "hugo": ["hugo", "--quiet", "--ignoreCache", "--source", src, "--destination", hugo_out],
            "pandu": [args.pandu, "build", "--quiet", "--source", site, "--dest", ours_out],
        }
        outs = {"hugo": hugo_out, "pandu": ours_out}
        row = {"pages": pages, "hugo": {"wall": [], "rss": []}, "pandu": {"wall": [], "rss": []}}
        for _ in range(args.warmup):  # warm-up: file cache, first-run costs
            for name in cmds:
                measure(cmds[name], outs[name])
        for i in range(args.runs):
            for name in cmds:
                wall, rss = measure(cmds[name], outs[name])
                row[name]["wall"].append(wall)
                row[name]["rss"].append(rss)
                print("compare: %d pages/lang, run %d, %s: %.2f s, %d MB" % (pages, i + 1, name, wall, rss >> 20),
                      file=sys.stderr)
        row["html"] = {name: count_html(outs[name]) for name in outs}
        rows.append(row)
    with open(os.path.join(args.work, "compare.json"), "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1)
    print(table(rows))


def count_html(d):
    return sum(1 for _, _, files in os.walk(d) for f in files if f.endswith(".html"))


def table(rows):
    """The Markdown table of a build run: medians and ratios."""
    lines = ["| pages/lang | Hugo wall | Pandu wall | wall Pandu/Hugo | Hugo peak RSS | Pandu peak RSS | RSS Pandu/Hugo | runs |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        hw, pw = statistics.median(r["hugo"]["wall"]), statistics.median(r["pandu"]["wall"])
        hr, pr = statistics.median(r["hugo"]["rss"]), statistics.median(r["pandu"]["rss"])
        lines.append("| {:,} | {:.2f} s | {:.2f} s | {:.2f} | {:,} MB | {:,} MB | {:.2f} | {} |".format(
            r["pages"], hw, pw, pw / hw, int(hr) >> 20, int(pr) >> 20, pr / hr, len(r["pandu"]["wall"])))
    return "\n".join(lines)


def rss(pid):
    """Current and peak resident memory of a process, in bytes (Linux /proc)."""
    cur = peak = 0
    with open("/proc/%d/status" % pid, encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) * 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) * 1024
    return cur, peak


def fetch(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        # Before the server listens, a connection to a port in the ephemeral range can connect
        # to itself and read back its own request: not an answer, so try again.
        return None


def wait_for(url, marker, timeout, answer=5, stop=None):
    """Seconds until url answers (with marker in its body, when given), or None after timeout,
    or as soon as the process stop (the server) has exited. Each request may wait answer seconds
    for the server's answer."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout and (stop is None or stop.poll() is None):
        body = fetch(url, answer)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter() - start
        time.sleep(0.005)
    return None


def wait_gone(url, timeout):
    """Waits until url no longer answers (404): seconds, or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if fetch(url) is None:
            return time.perf_counter() - start
        time.sleep(0.005)
    return None


# KIND_TIMEOUT is how long an edit of another kind may take to show: past it, the kind is
# reported as not shown (hugo server 0.111 keeps serving a deleted page).
KIND_TIMEOUT = 60


class Edits:
    """The files one server's kinds of edit change, restored afterwards."""

    def __init__(self, root, page, url, layout, layout_anchor, strings, string_line):
        self.root, self.page, self.url = root, page, url
        self.layout, self.layout_anchor = layout, layout_anchor
        self.strings, self.string_line = strings, string_line
        self.saved = {}

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        if rel not in self.saved:
            self.saved[rel] = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def original(self, rel):
        if rel not in self.saved:
            self.saved[rel] = open(os.path.join(self.root, rel), encoding="utf-8").read()
        return self.saved[rel]

    def restore(self):
        for rel, text in self.saved.items():
            path = os.path.join(self.root, rel)
            if text is None:
                if os.path.exists(path):
                    os.remove(path)
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)

    def kinds(self, base):
        """(kind, prepare, do, clean): prepare() readies the edit (the guide to delete), do(marker)
        edits and returns the time until the page shows it, clean() undoes what remains."""
        section_url = base + self.url.rstrip("/").rsplit("/", 1)[0] + "/"
        page_url = base + self.url
        new_rel = os.path.join(os.path.dirname(self.page), "pandubench-new.md")
        new_url = base + "/" + new_rel[len("content/"):-len(".md")] + "/"
        new_path = os.path.join(self.root, new_rel)

        def none():
            pass

        def title(m):
            self.write(self.page, self.original(self.page).replace('title = "', 'title = "%s ' % m, 1))
            return wait_for(page_url, m, KIND_TIMEOUT)

        def new(m):
            with open(new_path, "w", encoding="utf-8") as f:
                f.write(self.original(self.page).replace('title = "', 'title = "%s ' % m, 1))
            return wait_for(new_url, m, KIND_TIMEOUT)

        def remove():
            if os.path.exists(new_path):
                os.remove(new_path)
                wait_gone(new_url, KIND_TIMEOUT)

        def make():
            new("pandubench%dready" % os.getpid())
            # The new guide's build is over when the sitemap lists it: a server may show the
            # page before it has built the rest, and the deletion must not overtake that.
            wait_for(base + "/sitemap.xml", new_url[len(base):], KIND_TIMEOUT)

        def delete(m):
            os.remove(new_path)
            return wait_gone(new_url, KIND_TIMEOUT)

        def layout(m):
            a = self.layout_anchor
            self.write(self.layout, self.original(self.layout).replace(a, a + "<p hidden>%s</p>" % m, 1))
            return wait_for(section_url, m, KIND_TIMEOUT)

        def strings(m):
            old = self.string_line
            self.write(self.strings, self.original(self.strings).replace(old, old + m + " ", 1))
            return wait_for(page_url, m, KIND_TIMEOUT)

        def slug(m):
            self.write(self.page, self.original(self.page).replace('title = "', 'slug = "%s"\ntitle = "' % m, 1))
            return wait_for(section_url + m + "/", None, KIND_TIMEOUT)

        def alias(m):
            old_url = "/" + self.url.strip("/").split("/")[0] + "/" + m + "/"  # in the guide's language
            self.write(self.page, self.original(self.page).replace('title = "', 'aliases = ["%s"]\ntitle = "' % old_url, 1))
            return wait_for(base + old_url, None, KIND_TIMEOUT)

        def draft(m):
            text = self.original(self.page)
            head, sep, body = text[len("+++\n"):].partition("\n+++\n")
            lines = [l for l in head.split("\n") if not l.startswith("draft =")] + ["draft = true"]
            self.write(self.page, "+++\n" + "\n".join(lines) + sep + body)
            return wait_gone(page_url, KIND_TIMEOUT)

        def undraft():
            self.write(self.page, self.original(self.page))
            wait_for(page_url, None, KIND_TIMEOUT)

        def section(m):
            rel = os.path.join(os.path.dirname(self.page), "_index.md")
            self.write(rel, self.original(rel).replace('title = "', 'title = "%s ' % m, 1))
            return wait_for(section_url, m, KIND_TIMEOUT)

        return [("title", none, title, none), ("new slug", none, slug, none), ("alias", none, alias, none),
                ("draft toggle", none, draft, undraft), ("section front matter", none, section, none),
                ("new guide", none, new, remove), ("deleted guide", make, delete, none),
                ("section layout", none, layout, none), ("UI string", none, strings, none)]


def serve_one(name, cmd, cwd, page, url, edits, kinds=None, kind_edits=0):
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    original = open(page, encoding="utf-8").read()
    by_kind = {}
    try:
        ready = wait_for(url, None, 600, stop=proc)
        if ready is None:
            sys.exit("compare: %s did not answer %s (exit status %s)" % (name, url, proc.poll()))
        # The whole first build: the sitemap lists every page, so each generator serves it
        # once all are built (pandu serve renders the pages asked for first).
        built = wait_for(url[:url.index("/", len("http://"))] + "/sitemap.xml", None, 600, 600)
        if built is None:
            sys.exit("compare: %s did not serve its sitemap" % name)
        built += ready
        time.sleep(1)  # let the first build's garbage settle
        first, _ = rss(proc.pid)
        lat = []
        for i in range(edits):
            marker = "pandubench%dx%d" % (os.getpid(), i)
            with open(page, "w", encoding="utf-8") as f:
                f.write(original + "\n\n" + marker + "\n")
            t = wait_for(url, marker, 60)
            if t is None:
                sys.exit("compare: %s did not show edit %d" % (name, i))
            lat.append(t)
        time.sleep(1)
        after, peak = rss(proc.pid)
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
        if kinds is not None:
            base = url[:url.index("/", len("http://"))]
            for kind, prepare, do, clean in kinds.kinds(base):
                times = []
                for i in range(kind_edits):
                    prepare()
                    time.sleep(0.5)  # the files built from all pages, after the previous edit
                    t = do("pandubench%dk%d%s" % (os.getpid(), i, kind[0]))
                    times.append(t)
                    clean()
                    if t is None:
                        break  # not shown within the timeout: the kind is reported so
                by_kind[kind] = times
                kinds.restore()
                kinds.saved = {}
                time.sleep(1)
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
        if kinds is not None:
            kinds.restore()
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
    lat.sort()
    return {"name": name, "ready": ready, "built": built, "rss_first": first, "rss_after": after, "rss_peak": peak,
            "p50": statistics.median(lat) if lat else 0, "p90": p90(lat), "kinds": by_kind}


def p90(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * 0.9))] if xs else 0


def guide(src):
    """The page the serve timing edits: the first published page (sorted) of content/id/, and
    its URL (the same in both generators)."""
    root = os.path.join(src, "content", "id")
    for d, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith(".md") or f == "_index.md":
                continue
            text = open(os.path.join(d, f), encoding="utf-8").read()
            if "\ndraft = true" in text.split("+++")[1]:
                continue
            rel = os.path.relpath(os.path.join(d, f), src).replace(os.sep, "/")
            return rel, "/" + rel[len("content/"):-len(".md")] + "/"
    sys.exit("compare: no page in " + root)


# The servers' ports lie below Linux's range of ephemeral ports (32768-60999): the benchmark's own
# requests take their source ports from that range, and one could hold the port a server is
# about to listen on.
HUGO_PORT, PANDU_PORT = 21313, 21314


def serve(args):
    src, site = corpus(args, args.size)
    page, url = guide(src)
    print("compare: editing %s (%s)" % (page, url), file=sys.stderr)
    hugo_kinds = Edits(src, page, url, "layouts/_default/list.html", '{{ define "main" }}',
                       "i18n/id.toml", '[toc]\nother = "')
    our_kinds = Edits(site, page, url, "layouts/section.html", '{{define "main"}}', "i18n/id.toml", 'toc = "')
    k = args.kind_edits
    results = []
    if args.only != "pandu":
        results.append(serve_one(
            "hugo server", ["hugo", "server", "--bind", "127.0.0.1", "--port", str(HUGO_PORT), "--source", src],
            src, os.path.join(src, page), "http://127.0.0.1:%d" % HUGO_PORT + url, args.edits,
            hugo_kinds if k else None, k))
    if args.only != "hugo":
        # Without drafts, as hugo server runs: a guide set to draft = true leaves both.
        results.append(serve_one(
            "pandu serve", [args.pandu, "serve", "--port", str(PANDU_PORT), "--drafts=false"],
            site, os.path.join(site, page), "http://127.0.0.1:%d" % PANDU_PORT + url, args.edits,
            our_kinds if k else None, k))
    print("| %s pages/lang | page served | all built | RSS after first build | edit to page p50 / p90 | RSS after %d edits | peak RSS |"
          % ("{:,}".format(args.size), args.edits))
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print("| %s | %.2f s | %.2f s | %d MB | %.0f / %.0f ms | %d MB | %d MB |" % (
            r["name"], r["ready"], r["built"], r["rss_first"] >> 20, r["p50"] * 1000, r["p90"] * 1000,
            r["rss_after"] >> 20, r["rss_peak"] >> 20))
    if len(results) == 1:  # --only: one generator, no ratios
        r = results[0]
        if k:
            print()
            print("| edit (%d each), save to page | %s p50 / p90 |" % (k, r["name"]))
            print("|---|---|")
            print("| guide body | %.0f / %.0f ms |" % (r["p50"] * 1000, r["p90"] * 1000))
        for kind, times in r["kinds"].items():
            print("| %s | %s |" % (kind, kind_cell(times)))
        return
    h, p = results
    print("ratios Pandu/Hugo: page served %.2f, all built %.2f, RSS after first build %.2f, after edits %.2f" % (
        p["ready"] / h["ready"], p["built"] / h["built"], p["rss_first"] / h["rss_first"], p["rss_after"] / h["rss_after"]))
    if k:
        print()
        print("| edit (%d each), save to page | hugo server p50 / p90 | pandu serve p50 / p90 |" % k)
        print("|---|---|---|")
        print("| guide body | %.0f / %.0f ms | %.0f / %.0f ms |" % (h["p50"] * 1000, h["p90"] * 1000, p["p50"] * 1000, p["p90"] * 1000))
        for kind in h["kinds"]:
            print("| %s | %s | %s |" % (kind, kind_cell(h["kinds"][kind]), kind_cell(p["kinds"][kind])))


def kind_cell(times):
    """p50 / p90 of one kind's edits, or how many were not shown in time."""
    if not times:
        return "-"
    if None in times:
        return "not shown within %d s (edit %d of %d)" % (KIND_TIMEOUT, times.index(None) + 1, len(times))
    return "%.0f / %.0f ms" % (statistics.median(times) * 1000, p90(times) * 1000)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["build", "serve", "table"])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--repo", default=os.path.join(HERE, "..", ".."))
    ap.add_argument("--pandu")
    ap.add_argument("--work")
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="unmeasured builds of each before the runs")
    ap.add_argument("--size", type=int, default=5000)
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--only", choices=["hugo", "pandu"], help="serve: time one generator alone (no ratios)")
    ap.add_argument("--kind-edits", type=int, default=5, help="edits of each other kind (serve); 0: none")
    args = ap.parse_args()
    if args.mode == "table":
        with open(args.file, encoding="utf-8") as f:
            print(table(json.load(f)))
        return
    if not args.pandu or not args.work:
        sys.exit("compare: --pandu and --work are needed")
    args.repo = os.path.abspath(args.repo)
    args.pandu = os.path.abspath(args.pandu)
    os.makedirs(args.work, exist_ok=True)
    if shutil.which("hugo") is None:
        sys.exit("compare: hugo is not installed (apt-get install -y hugo)")
    build(args) if args.mode == "build" else serve(args)


if __name__ == "__main__":
    main()
