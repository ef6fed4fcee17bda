// Pandu search: loaded only on the search page. It fetches the language's index once (built by
// generator/search: each guide's sections with their text, the word->stem table and the readers'
// synonyms), builds an inverted index from it a guide at a time (typing never waits on a long
// task), and ranks with BM25 over fields (title > headings > body), synonyms, a prefix for the
// last word and typo tolerance below exact matches. The build's stemmer decides stems; this script
// never stems. Without JavaScript the page keeps its server-rendered list of all guides.
(function () {
  "use strict";
  var D = document, form = D.getElementById("search"), list = D.getElementById("search-results"),
    status = D.getElementById("search-status"), heading = D.getElementById("search-heading");
  if (!form || !list || !window.fetch) return;
  var input = form.elements.q, all = list.innerHTML, ix, P, V, L, A, Q, loading, timer, shown = 0;
  // The same words stem.Tokenize finds: letters and digits, combining marks, inner hyphens.
  var WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{Mn}]*(?:-[\p{L}\p{N}][\p{L}\p{N}\p{Mn}]*)*/gu;

  function tok(s) { return s.toLowerCase().match(WORD) || []; }
  function st(w) { return ix.stems[w] || w; }

  // load fetches the index and builds P (term -> doc -> {f: weighted count, s: section -> count}),
  // V (every word of the site -> its term), L (each guide's length) and Q (each section's terms
  // in order, for proximity), one guide per task.
  function load() {
    if (!loading) {
      loading = fetch(list.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw Error(r.status);
        return r.json();
      }).then(function (j) {
        ix = j; P = {}; V = {}; L = []; Q = []; A = 0;
        return new Promise(function (done) {
          var d = 0;
          (function next() {
            var doc = j.docs[d];
            function add(text, w, s) {
              var o = Q[d][s] || (Q[d][s] = []);
              tok(text).forEach(function (x) {
                o.push(st(x));
                var t = st(x), p = P[t] || (P[t] = {}), e = p[d] || (p[d] = { f: 0, s: {} });
                V[x] = t; e.f += w; e.s[s] = (e.s[s] || 0) + w;
                if (w == 1) L[d]++; else if (w == 4) e.t = 1;
              });
            }
            L[d] = 1; Q[d] = [];
            add(doc[1], 4, 0);
            add(doc[3] || "", 2, 0);
            doc[2].forEach(function (s, i) { if (i) add(s[1], 2, i); add(s[2], 1, i); });
            A += L[d] / j.docs.length;
            if (++d < j.docs.length) setTimeout(next); else done();
          })();
        });
      });
      loading.catch(function () { loading = 0; });
    }
    return loading;
  }

  // near says whether a and b are within k edits (a swap of two letters is one).
  function near(a, b, k) {
    if (Math.abs(a.length - b.length) > k) return 0;
    var q, p = [], c, i, j, m;
    for (j = 0; j <= b.length; j++) p[j] = j;
    for (i = 1; i <= a.length; i++) {
      c = [m = i];
      for (j = 1; j <= b.length; j++) {
        c[j] = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] != b[j - 1]));
        if (q && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) c[j] = Math.min(c[j], q[j - 2] + 1);
        m = Math.min(m, c[j]);
      }
      if (m > k) return 0;
      q = p; p = c;
    }
    return p[b.length] <= k;
  }

  // alts returns the terms a query word stands for, with weights: its own term 1, its synonyms
  // .9, words it begins (the last word, still being typed) .7, and, for a word the site does not
  // have, words one typo away (two for long words) .5.
  function alts(w, last) {
    var a = {}, t = ix.stems[w] || P[w] && w, s = ix.syn[w], x;
    if (t) a[t] = 1;
    (s || []).forEach(function (u) { a[u] = a[u] || .9; });
    if (last && w.length > 2 || !t && !s) for (x in V) {
      if (a[V[x]]) continue;
      if (last && w.length > 2 && !x.indexOf(w)) a[V[x]] = .7;
      else if (!t && !s && w.length > 3 && near(w, x, w.length > 7 ? 2 : 1)) a[V[x]] = .5;
    }
    return a;
  }

  // post returns the postings of a term, or of a phrase of terms (joined by spaces): the guides
  // that have every term, with the smallest count, and the sections that have every term.
  function post(k) {
    var ts = k.split(" "), p = P[ts[0]] || {}, o = {}, d, e, s;
    if (!ts[1]) return p;
    for (d in p) {
      e = { f: p[d].f, t: p[d].t, s: {} };
      if (ts.every(function (t) {
        var x = P[t] && P[t][d];
        if (x) { e.f = Math.min(e.f, x.f); e.t = e.t && x.t; }
        return x;
      })) {
        for (s in p[d].s) e.s[s] = Math.min.apply(0, ts.map(function (t) { return P[t][d].s[s] || 0; }));
        o[d] = e;
      }
    }
    return o;
  }

  // run ranks the guides for a query. A query word (or a phrase of the synonyms) is one concept:
  // its alternatives (alts) count as one term for BM25, whose document frequency is that of any
  // of them. Title and headings count more than body text, and a word in the title adds more.
  // The sum over the concepts is scaled by the share of the query's weight (rare concepts weigh
  // more) the guide holds; its best section adds a bonus when it holds several concepts.
  // It returns {d: doc, b: best section, m: terms to mark}, best first.
  function run(q) {
    var w = tok(q), S = [], I = [], R = {}, N = ix.docs.length, M = {}, K = {}, T = 0, i, n, k,
      stop = w.filter(function (x) { return ix.stop.indexOf(x) < 0; }).length;
    for (i = 0; i < w.length; i++) {
      for (n = Math.min(4, w.length - i); n > 1 && !ix.syn[k = w.slice(i, i + n).join(" ")]; n--);
      var a = {};
      if (n > 1) { ix.syn[k].forEach(function (t) { a[t] = .9; }); i += n - 1; }
      else if (!stop || ix.stop.indexOf(w[i]) < 0) a = alts(w[i], i == w.length - 1 && !/\s$/.test(q));
      if (Object.keys(a).length) S.push(a);
    }
    S.forEach(function (a, k) {
      var H = {}, d, t, e, h, s, idf, p;
      for (t in a) for (d in (p = post(t))) {
        e = p[d];
        t.split(" ").forEach(function (x) { M[x] = 1; });
        h = H[d] || (H[d] = { f: 0, t: 0, w: 0, s: {} });
        h.f += a[t] * e.f;
        h.w = Math.max(h.w, a[t]);
        if (e.t) h.t = Math.max(h.t, a[t]);
        for (s in e.s) if (e.s[s]) h.s[s] = Math.max(h.s[s] || 0, a[t] * Math.log(1 + e.s[s]));
      }
      n = Object.keys(H).length;
      T += I[k] = idf = Math.log(1 + (N - n + .5) / (n + .5));
      for (t in a) t.split(" ").forEach(function (x) { K[x] = K[x] || []; K[x].push(k); });
      for (d in H) {
        h = H[d];
        var r = R[d] || (R[d] = { d: +d, m: M, v: [], s: {} });
        r.v[k] = idf * h.w * h.f * 2.2 / (h.f + 1.2 * (.25 + .75 * L[d] / A)) + h.t * Math.max(idf, .5);
        for (s in h.s) (r.s[s] || (r.s[s] = []))[k] = idf * h.s[s];
      }
    });
    // near2 scores the words of a section that stand next to each other (stop words between
    // them do not count) and belong to two different concepts of the query: the pair's weight.
    function near2(o) {
      var v = 0, l = -1, at = 0, seen = {};
      (o || []).forEach(function (t, i) {
        if (ix.stop.indexOf(t) >= 0) return;
        var ks = K[t] || [];
        if (l >= 0 && i - at < 3) ks.forEach(function (k) {
          if (k != l && !seen[l + "," + k]) { seen[l + "," + k] = 1; v += (I[k] + I[l]) / 2; }
        });
        l = ks.length ? ks[0] : -1; at = i;
      });
      return v;
    }
    return Object.keys(R).map(function (d) {
      var r = R[d], sum = 0, c = 0, bv = -1, nv = 0;
      r.v.forEach(function (v, k) { sum += v; c += I[k]; });
      for (var s in r.s) {
        var z = near2(Q[d][s]), v = z, n = 0;
        r.s[s].forEach(function (x) { v += x; n++; });
        if (v > bv) { bv = v; r.b = +s; r.c = n; }
        nv = Math.max(nv, z);
      }
      r.x = sum * c / T + (r.c > 1 ? bv * (r.c - 1) / S.length : 0) + nv * .3;
      return r;
    }).sort(function (a, b) { return b.x - a.x || a.d - b.d; });
  }

  function el(tag, text, attrs) {
    var e = D.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  // snip returns a paragraph with the text around the first matched word, matched words marked.
  function snip(text, M) {
    var p = el("p"), re = RegExp(WORD.source, "gu"), h = [], m, a, e, at;
    while ((m = re.exec(text))) if (M[st(m[0].toLowerCase())]) h.push([m.index, re.lastIndex]);
    if (!h.length) h = [[0, 0]]; // matched in the title or heading only: the section's start
    a = Math.max(0, text.lastIndexOf(" ", h[0][0] - 40));
    e = text.indexOf(" ", a + 160);
    if (e < 0) e = text.length;
    if (a) p.append("… ");
    at = a;
    h.forEach(function (x) {
      if (x[0] < at || x[1] > e || x[0] == x[1]) return;
      p.append(text.slice(at, x[0]), el("mark", text.slice(x[0], x[1])));
      at = x[1];
    });
    p.append(text.slice(at, e) + (e < text.length ? " …" : ""));
    return p;
  }

  function show(q) {
    var my = ++shown;
    if (!q.trim()) {
      list.innerHTML = all;
      status.textContent = "";
      heading.hidden = false;
      return;
    }
    load().then(function () {
      if (my != shown) return;
      var found = run(q);
      list.textContent = "";
      found.forEach(function (r) {
        var doc = ix.docs[r.d], sec = doc[2][r.b], li = el("li"), ul = el("ul", "", { "class": "hits" }), it = el("li");
        li.appendChild(el("a", doc[1], { href: doc[0] }));
        if (r.b) it.appendChild(el("a", sec[1], { href: doc[0] + "#" + sec[0] }));
        it.appendChild(snip(sec[2], r.m));
        ul.appendChild(it);
        li.appendChild(ul);
        list.appendChild(li);
      });
      heading.hidden = true;
      status.textContent = status.getAttribute(found.length ? "data-found" : "data-none")
        .replace("{n}", found.length).replace("{q}", q.trim());
    }, function () {
      list.innerHTML = all;
      heading.hidden = false;
    });
  }

  // For tests and the benchmark: the URLs of the guides a query finds, best first.
  window.panduSearch = function (q) {
    return load().then(function () { return run(q).map(function (r) { return ix.docs[r.d][0]; }); });
  };
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    history.replaceState(null, "", q.trim() ? "?q=" + encodeURIComponent(q.trim()) : location.pathname);
    show(q);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    load();
    timer = setTimeout(function () { show(input.value); }, 150);
  });
  var q = new URLSearchParams(location.search).get("q") || "";
  if (q) {
    input.value = q;
    show(q);
  }
})();
