// Pandu search: loaded only on the search page. It reads the language's index (built by
// generator/search), looks every query word up in the index's word->stem table (the build's
// stemmer decides; this script never stems), and lists matching guides with their best sections.
// Without JavaScript the page keeps its server-rendered list of all guides.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var heading = document.getElementById("search-heading");
  if (!form || !list || !window.fetch) return;
  var input = form.elements.q;
  var allGuides = list.innerHTML;
  var ix = null, keys = null, words = null, loading = null;
  // The same words stem.Tokenize finds: letters and digits, combining marks, inner hyphens.
  var WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{Mn}]*(?:-[\p{L}\p{N}][\p{L}\p{N}\p{Mn}]*)*/gu;

  function tokens(s) { return s.toLowerCase().match(WORD) || []; }

  function load() {
    if (!loading) {
      loading = fetch(list.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (j) {
        ix = j;
        keys = Object.keys(j.terms);
        words = Object.keys(j.stems);
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function stemOf(w) { return ix.stems[w] || w; }

  // terms returns the index terms a query word stands for: its stem when the site has the
  // word, else every term and every word of the site it begins.
  function terms(w) {
    if (ix.stems[w]) return [ix.stems[w]];
    if (ix.terms[w]) return [w];
    var out = {};
    if (w.length >= 2) {
      keys.forEach(function (t) { if (t.indexOf(w) === 0) out[t] = 1; });
      words.forEach(function (t) { if (t.indexOf(w) === 0) out[ix.stems[t]] = 1; });
    }
    return Object.keys(out);
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function search(q) {
    var qs = tokens(q).filter(function (w, i, a) { return a.indexOf(w) === i; });
    var docs = {};
    qs.forEach(function (w, qi) {
      var ts = terms(w);
      ts.forEach(function (t) {
        var p = ix.terms[t] || [];
        for (var i = 0; i < p.length; i += 2) {
          var d = docs[p[i]] || (docs[p[i]] = { d: p[i], words: {}, secs: {} });
          d.words[qi] = ts;
          var s = d.secs[p[i + 1]] || (d.secs[p[i + 1]] = {});
          s[qi] = 1;
        }
      });
    });
    var found = Object.keys(docs).map(function (k) {
      var r = docs[k], doc = ix.docs[r.d];
      var title = tokens(doc[1]).map(stemOf);
      r.n = Object.keys(r.words).length;
      r.t = Object.keys(r.words).filter(function (qi) {
        return r.words[qi].some(function (t) { return title.indexOf(t) >= 0; });
      }).length;
      r.best = Object.keys(r.secs).map(Number).filter(function (s) { return s > 0; }).sort(function (a, b) {
        return Object.keys(r.secs[b]).length - Object.keys(r.secs[a]).length || a - b;
      }).slice(0, 3);
      return r;
    });
    found.sort(function (a, b) { return b.n - a.n || b.t - a.t || a.d - b.d; });
    return found;
  }

  function show(q) {
    q = q.trim();
    if (!q) {
      list.innerHTML = allGuides;
      status.textContent = "";
      heading.hidden = false;
      return;
    }
    load().then(function () {
      var found = search(q);
      list.textContent = "";
      found.forEach(function (r) {
        var doc = ix.docs[r.d], li = el("li");
        li.appendChild(el("a", doc[1], { href: doc[0] }));
        if (r.best.length) {
          var ul = el("ul", "", { "class": "hits" });
          r.best.forEach(function (s) {
            var sec = doc[2][s], item = el("li");
            item.appendChild(el("a", sec[1], { href: doc[0] + (sec[0] ? "#" + sec[0] : "") }));
            ul.appendChild(item);
          });
          li.appendChild(ul);
        }
        list.appendChild(li);
      });
      heading.hidden = true;
      status.textContent = status.getAttribute(found.length ? "data-found" : "data-none")
        .replace("{n}", found.length).replace("{q}", q);
    }, function () {
      list.innerHTML = allGuides;
      heading.hidden = false;
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    history.replaceState(null, "", q.trim() ? "?q=" + encodeURIComponent(q.trim()) : location.pathname);
    show(q);
  });
  input.addEventListener("input", function () { show(input.value); });
  var q = new URLSearchParams(location.search).get("q") || "";
  if (q) {
    input.value = q;
    show(q);
  }
})();
