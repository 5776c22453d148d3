// Service worker of the e-imza handbook (filled in by xtask/src/site/offline.rs): keeps this
// site's own files, so after one visit every page, the search and the checker open without a
// connection. It stores only the files in DOSYALAR, each fetched by itself at install, and
// never stores a response to a request a page makes: nothing a reader types can end up here.
// Its caches are named after its scope, so two sites on one host never touch each other's.
'use strict';
var SURUM = '__SURUM__';
var DOSYALAR = __DOSYALAR__;
var KAPSAM = self.registration.scope;
var ONEK = 'eimza ' + KAPSAM + ' ';
var CACHE = ONEK + SURUM;
// How long a page may take over the network before the saved copy is shown instead.
var BEKLE_MS = 5000;

function kayitli(yol) {
  return caches.open(CACHE).then(function (c) { return c.match(KAPSAM + yol); });
}

self.oninstall = function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(DOSYALAR.map(function (f) { return new Request(KAPSAM + f, { cache: 'reload' }); }));
  }).then(function () { return self.skipWaiting(); }));
};

// A new build's worker deletes the caches of this site's older builds, no one else's.
self.onactivate = function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.map(function (k) { return k.indexOf(ONEK) || k == CACHE || caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
};

self.onfetch = function (e) {
  var istek = e.request, url = new URL(istek.url), yer = new URL(KAPSAM);
  // Only GET requests for a listed file ('' is index.html; the query is ignored); anything
  // else the browser handles as if there were no worker.
  var yol = url.origin == yer.origin && !url.pathname.indexOf(yer.pathname)
    && (decodeURIComponent(url.pathname.slice(yer.pathname.length)) || 'index.html');
  if (istek.method != 'GET' || DOSYALAR.indexOf(yol) < 0) return;
  if (istek.mode != 'navigate') {
    // Assets carry their content hash in their name: the saved copy is always right.
    e.respondWith(kayitli(yol).then(function (res) { return res || fetch(istek); }));
    return;
  }
  // Pages: the network first (a new build shows at once); when it fails or is slow, the
  // saved copy, marked so it shows its "Çevrimdışı kopya" line.
  e.respondWith(new Promise(function (ver) {
    function kopya() {
      ver(kayitli(yol).then(function (res) {
        if (!res) return Response.error();
        var h = new Headers(res.headers);
        h.delete('content-length');
        return res.text().then(function (html) {
          return new Response(html.replace('<html lang="tr"', '<html lang="tr" data-cevrimdisi'),
            { status: res.status, headers: h });
        });
      }));
    }
    var saat = setTimeout(kopya, BEKLE_MS);
    fetch(istek).then(function (res) { clearTimeout(saat); ver(res); },
      function () { clearTimeout(saat); kopya(); });
  }));
};
