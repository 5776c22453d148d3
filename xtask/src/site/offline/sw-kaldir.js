// The service worker written when site.toml says `offline = false`: browsers that installed
// the offline worker fetch this one on their next visit; it deletes this site's saved copies
// and unregisters itself, so nothing of the handbook stays in the browser.
'use strict';
var ONEK = 'eimza ' + self.registration.scope + ' ';

self.addEventListener('install', function () { self.skipWaiting(); });

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(ONEK) === 0; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.registration.unregister(); }));
});
