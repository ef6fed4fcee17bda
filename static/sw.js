// Pandu service worker. It keeps every page a reader visits (and, on "Save for offline", every
// page of her language) in a cache named after the build, so that pages load without signal; a
// page she never saved shows the offline page of her language. A new build installs a new
// worker: it fetches the saved pages again into its own cache and deletes the old caches.
// The build replaces the string below with {v: build version, pre: files to keep from the start,
// off: {language home URL: offline page URL}}.
"use strict";
var BUILD = "__PANDU_BUILD__";
var PREFIX = "pandu-";
var CACHE = PREFIX + BUILD.v;
// Fingerprinted files never change: they are served from the cache first.
var IMMUTABLE = /\.[0-9a-f]{8}\.(css|js)$/;
// So is a search index whose address carries its version (index.json?v=1a2b3c4d).
var VERSIONED = /\/index\.json\?v=[0-9a-f]{8}$/;
// A slow network must not hold a saved page back: after this many milliseconds the saved copy wins.
var PATIENCE = 4000;

function isOld(k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; }

function keep(req, res) {
  if (!res || !res.ok || res.type !== "basic") return Promise.resolve();
  return caches.open(CACHE).then(function (c) { return c.put(req, res); });
}

// refresh fetches again the pages older builds kept, so that a reader keeps what she saved, in
// the new version; a page that cannot be fetched keeps its old copy.
function refresh(c) {
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(isOld).map(function (k) {
      return caches.open(k).then(function (old) {
        return old.keys().then(function (reqs) {
          return Promise.all(reqs.map(function (r) {
            if (IMMUTABLE.test(new URL(r.url).pathname)) return null;
            return c.match(r.url).then(function (hit) {
              if (hit) return null;
              return fetch(r.url, { cache: "no-cache" }).then(function (res) {
                if (!res.ok) throw new Error(res.status);
                return c.put(r.url, res);
              }).catch(function () {
                return old.match(r).then(function (res) { return res && c.put(r, res); });
              });
            });
          }));
        });
      });
    }));
  });
}

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(BUILD.pre).then(function () { return refresh(c); });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(isOld).map(function (k) { return caches.delete(k); }));
  }).then(function () {
    return self.clients.claim();
  }).then(function () {
    return self.clients.matchAll({ type: "window" });
  }).then(function (list) {
    // The page that installed the worker was loaded before it: keep it too.
    return caches.open(CACHE).then(function (c) {
      return Promise.all(list.map(function (client) {
        var u = client.url.split("#")[0];
        return c.match(u).then(function (hit) { return hit || c.add(u).catch(function () {}); });
      }));
    });
  }));
});

function offlinePage(path) {
  var best = "";
  for (var home in BUILD.off) {
    if (path.indexOf(home) === 0 && home.length > best.length) best = home;
  }
  return BUILD.off[best || Object.keys(BUILD.off)[0]];
}

function fromCache(req) {
  return caches.open(CACHE).then(function (c) {
    return c.match(req, { ignoreSearch: req.mode === "navigate" });
  });
}

// networkFirst serves the network's answer (and keeps it), or the saved copy when the network
// fails or is too slow, or for a page never saved, the offline page.
function networkFirst(e) {
  var req = e.request;
  return new Promise(function (resolve, reject) {
    var settled = false;
    function fallback() {
      return fromCache(req).then(function (hit) {
        if (hit || req.mode !== "navigate") return hit;
        return caches.open(CACHE).then(function (c) { return c.match(offlinePage(new URL(req.url).pathname)); });
      });
    }
    var timer = setTimeout(function () {
      fromCache(req).then(function (hit) {
        if (hit && !settled) { settled = true; resolve(hit); }
      });
    }, PATIENCE);
    var net = fetch(req).then(function (res) {
      e.waitUntil(keep(req, res.clone()));
      return res;
    });
    e.waitUntil(net.catch(function () {}));
    net.then(function (res) {
      clearTimeout(timer);
      if (!settled) { settled = true; resolve(res); }
    }, function () {
      clearTimeout(timer);
      fallback().then(function (hit) {
        if (settled) return;
        settled = true;
        if (hit) resolve(hit); else reject(new Error("offline"));
      });
    });
  });
}

self.addEventListener("fetch", function (e) {
  var req = e.request;
  var url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  if (IMMUTABLE.test(url.pathname) || VERSIONED.test(url.pathname + url.search)) {
    e.respondWith(fromCache(req).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        e.waitUntil(keep(req, res.clone()));
        return res;
      });
    }));
    return;
  }
  e.respondWith(networkFirst(e));
});

// "Save for offline": the page sends the URL of its language's list of pages; every page on it
// is fetched into the cache. The answer says whether all of them were saved.
self.addEventListener("message", function (e) {
  var m = e.data || {}, port = e.ports && e.ports[0];
  if (m.type !== "save" || !port) return;
  e.waitUntil(fetch(m.list, { cache: "no-cache" }).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (urls) {
    return caches.open(CACHE).then(function (c) {
      return Promise.all(urls.map(function (u) {
        return fetch(u, { cache: "no-cache" }).then(function (res) {
          if (!res.ok) throw new Error(u + ": " + res.status);
          return c.put(u, res);
        });
      }));
    });
  }).then(function () {
    port.postMessage({ ok: true });
  }, function (err) {
    port.postMessage({ ok: false, error: String(err) });
  }));
});
