// Registers the service worker (sw.js beside the pages, site.toml `offline`) that keeps this
// site readable offline after one visit. Only over http(s): on file:// it does nothing.
(function () {
  var tag = document.currentScript;
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register(new URL(tag.dataset.sw, document.baseURI)).catch(function (err) {
      console.warn('offline copy unavailable:', err);
    });
  });
})();
