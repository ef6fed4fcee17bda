// Pandu page script (every page, optional: reading needs none of it). It registers the service
// worker that keeps visited pages for offline reading, runs the "Save for offline" button and the
// copy-link button; both buttons stay hidden without JavaScript.
(function () {
  "use strict";
  var me = document.currentScript;
  var save = document.getElementById("save-offline");
  var saved = document.getElementById("save-status");
  if ("serviceWorker" in navigator && me && me.getAttribute("data-sw")) {
    navigator.serviceWorker.register(me.getAttribute("data-sw")).catch(function () {});
    if (save && window.MessageChannel) {
      save.hidden = false;
      save.addEventListener("click", function () {
        save.disabled = true;
        saved.textContent = save.getAttribute("data-busy");
        navigator.serviceWorker.ready.then(function (reg) {
          return new Promise(function (resolve, reject) {
            var ch = new MessageChannel();
            ch.port1.onmessage = function (m) { (m.data && m.data.ok ? resolve : reject)(); };
            reg.active.postMessage({ type: "save", list: save.getAttribute("data-list") }, [ch.port2]);
          });
        }).then(function () {
          saved.textContent = save.getAttribute("data-done");
        }, function () {
          saved.textContent = save.getAttribute("data-fail");
        }).then(function () { save.disabled = false; });
      });
    }
  }
  var copy = document.querySelector(".copy-link");
  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var url = copy.getAttribute("data-url");
      var done = function () { copy.textContent = copy.getAttribute("data-done"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, function () { fallback(url) && done(); });
      } else if (fallback(url)) {
        done();
      }
    });
  }
  // fallback copies with a selected text field, for browsers without the clipboard API.
  function fallback(text) {
    var t = document.createElement("textarea");
    t.value = text;
    t.setAttribute("readonly", "");
    t.style.position = "fixed";
    t.style.opacity = "0";
    document.body.appendChild(t);
    t.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(t);
    return ok;
  }
})();
