// Service worker of the e-imza handbook (filled in by xtask/src/site/offline.rs): keeps this
// site's own files, so after one visit every page, the search and the checker open without a
// connection. It stores only the files in DOSYALAR, each fetched by itself at install, and
// never stores a response to a request a page makes: nothing a reader types can end up here.
// Its caches are named after its scope, so two sites on one host never touch each other's.
'use strict';
var SURUM = '__SURUM__';
// Every kept file's address relative to the scope, percent-encoded as the pages link them.
var DOSYALAR = __DOSYALAR__;
// Those whose name carries a hash of their content: a saved copy of one is never out of date.
var SABIT = __SABIT__;
// The file names themselves, to compare with a request's decoded path.
var ADLAR = DOSYALAR.map(decodeURIComponent);
var KAPSAM = self.registration.scope;
var ONEK = 'eimza ' + KAPSAM + ' ';
var CACHE = ONEK + SURUM;
// How long a page may take over the network before the saved copy is shown instead.
var BEKLE_MS = 5000;

function adres(i) { return new URL(DOSYALAR[i], KAPSAM).href; }

function kayitli(i) {
  return caches.open(CACHE).then(function (c) { return c.match(adres(i)); });
}

// A saved page is marked so it shows its "Çevrimdışı kopya" line; any other file is given
// back as it was kept, byte for byte.
function isaretli(i, res) {
  if (!/\.html$/.test(ADLAR[i])) return res;
  var h = new Headers(res.headers);
  h.delete('content-length');
  return res.text().then(function (html) {
    return new Response(html.replace('<html lang="tr"', '<html lang="tr" data-cevrimdisi'),
      { status: res.status, headers: h });
  });
}

self.oninstall = function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(DOSYALAR.map(function (f, i) { return new Request(adres(i), { cache: 'reload' }); }));
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
  // Only GET requests for a listed file (a folder is its index.html; the query is ignored);
  // anything else the browser handles as if there were no worker.
  if (istek.method != 'GET' || url.origin != yer.origin || url.pathname.indexOf(yer.pathname)) return;
  var ad;
  try { ad = decodeURIComponent(url.pathname.slice(yer.pathname.length)); } catch (_) { return; }
  if (ad == '' || ad.slice(-1) == '/') ad += 'index.html';
  var i = ADLAR.indexOf(ad);
  if (i < 0) return;
  if (SABIT.indexOf(DOSYALAR[i]) >= 0) {
    e.respondWith(kayitli(i).then(function (res) { return res || fetch(istek); }));
    return;
  }
  // Pages and content files: the network first (a new build shows at once). When it fails,
  // the saved copy; when it is slow, the saved copy if there is one, else the network's
  // answer whenever it comes (a browser may have evicted the copy).
  e.respondWith(new Promise(function (ver, reddet) {
    var verildi = false;
    function cevap(res) { if (!verildi) { verildi = true; ver(res); } }
    function kopya() {
      return kayitli(i).then(function (res) { return res && isaretli(i, res); });
    }
    var saat = setTimeout(function () {
      kopya().then(function (res) { if (res) cevap(res); }, function () {});
    }, BEKLE_MS);
    fetch(istek).then(function (res) { clearTimeout(saat); cevap(res); }, function (hata) {
      clearTimeout(saat);
      kopya().then(function (res) {
        if (res) cevap(res); else if (!verildi) { verildi = true; reddet(hata); }
      }, function () { if (!verildi) { verildi = true; reddet(hata); } });
    });
  }));
};
