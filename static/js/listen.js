// Pandu read aloud: loaded (deferred) only on guides. It reads the guide's main text with the
// browser's own speech synthesis, one block at a time (headings, paragraphs, list items, callouts,
// table cells, in reading order), and marks the block being read. Its buttons are made here, and
// only when the browser has a voice for the page's language: without JavaScript or without a
// voice there is no button. No inline script or handler, so a strict Content-Security-Policy holds.
// The <script> element carries the language (data-lang) and the button labels.
(function () {
  "use strict";
  var me = document.currentScript, synth = window.speechSynthesis;
  var article = document.querySelector("main article");
  if (!me || !synth || !window.SpeechSynthesisUtterance || !article) return;
  var d = me.dataset, lang = d.lang, want = lang.toLowerCase().split("-");
  var BLOCK = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,pre";
  var SKIP = "nav,header,footer,.toc,.crumbs,.meta,.sources,.listen,.share,[hidden],[aria-hidden=true],script,style,svg,button,input";
  var bar, play, stop, voice, items, at, run = 0, state = 0; // state: 0 stopped, 1 speaking, 2 paused

  // norm: "in_ID" (old Android) -> ["id","id"]; primary language and region, lower case.
  function norm(l) {
    var p = (l || "").toLowerCase().replace("_", "-").split("-");
    if (p[0] == "in") p[0] = "id";
    return p;
  }
  // pick: a voice in the page's language and region (ms-MY), else any in its language (ms-*).
  function pick() {
    var best = null, vs = synth.getVoices();
    for (var i = 0; i < vs.length; i++) {
      var p = norm(vs[i].lang);
      if (p[0] != want[0]) continue;
      if (!best || p[1] == want[1] && norm(best.lang)[1] != want[1]) best = vs[i];
    }
    return best;
  }
  // text: what el says itself, without the blocks inside it (they are read on their own) and
  // without anything hidden.
  function text(el) {
    var s = "";
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType == 3) s += n.data;
      else if (n.nodeType == 1 && !n.matches(BLOCK) && !n.matches(SKIP) && n.getClientRects().length) s += text(n);
    }
    return s.replace(/\s+/g, " ").trim();
  }
  function collect() {
    var out = [], all = article.querySelectorAll(BLOCK);
    for (var i = 0; i < all.length; i++) {
      var el = all[i], t = !el.closest(SKIP) && el.getClientRects().length && text(el);
      if (t) out.push([el, t]);
    }
    return out;
  }
  function mark(el) {
    var old = article.querySelector(".reading");
    if (old) old.classList.remove("reading");
    if (!el) return;
    el.classList.add("reading");
    var r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight) el.scrollIntoView({ block: "center" });
  }
  function say(i) {
    var r = run;
    if (i >= items.length) return end();
    at = i;
    mark(items[i][0]);
    var u = new SpeechSynthesisUtterance(items[i][1]);
    u.lang = lang;
    u.voice = voice;
    u.onend = function () { if (r == run && state) say(at + 1); };
    u.onerror = function (e) { if (r == run && e.error != "interrupted" && e.error != "canceled") end(); };
    synth.speak(u);
  }
  function show() {
    play.textContent = state == 1 ? d.pause : state == 2 ? d.resume : d.listen;
    stop.hidden = !state;
  }
  function end() {
    run++;
    state = 0;
    synth.cancel();
    mark(null);
    show();
  }
  function button(label) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button";
    b.textContent = label;
    return bar.appendChild(b);
  }
  function setup() {
    if (bar || !(voice = pick())) return;
    bar = document.createElement("p");
    bar.className = "listen";
    play = button(d.listen);
    stop = button(d.stop);
    stop.hidden = true;
    play.addEventListener("click", function () {
      if (state == 1) { synth.pause(); state = 2; }
      else if (state == 2) {
        state = 1;
        // Some phones drop paused speech: then the block is read again from its start.
        if (synth.paused) synth.resume(); else { run++; synth.cancel(); say(at); }
      }
      else { synth.cancel(); run++; state = 1; items = collect(); say(0); }
      show();
    });
    stop.addEventListener("click", end);
    var after = article.querySelector(".meta") || article.querySelector("h1");
    after.parentNode.insertBefore(bar, after.nextSibling);
  }
  setup();
  if (!bar && synth.addEventListener) synth.addEventListener("voiceschanged", setup);
  addEventListener("pagehide", function () { if (state) end(); });
})();
