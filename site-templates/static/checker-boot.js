// Starts the checker of kontrol.html: a classic script, so it runs over http, from disk
// (file://, where module scripts and fetch are blocked) and inside the one-file copy. The wasm
// comes from bytes already on the page (the one-file copy), from checker-wasm.js beside the
// page (opened from disk), or from the .wasm file (http: compiled while it downloads). The
// glue's start function (Rust) wires the form and marks <html data-checker="ready">; any
// failure here is said in Turkish on the page and marks it "failed". The glue defines
// `eimza_checker` with a top-level `let` (a global binding, not a property of `self`).
(function () {
  var tag = document.currentScript;
  var BYTES = 'EIMZA_CHECKER_WASM';

  function fail(err) {
    var box = document.getElementById('kontrol-bildirim');
    if (box) {
      box.textContent = 'Denetleyici bu tarayıcıda açılamadı. Sayfayı yenileyin; sorun sürerse '
        + 'güncel bir tarayıcıyla deneyin. Aşağıdaki liste yine de portalın soracağı bilgileri gösterir.';
      box.classList.add('bildirim--hata');
      box.hidden = false;
    }
    document.documentElement.dataset.checker = 'failed';
    if (err) console.error('checker:', err);
  }

  function start(source) {
    try {
      eimza_checker({ module_or_path: source }).catch(fail);
    } catch (err) {
      fail(err);
    }
  }

  if (typeof WebAssembly !== 'object' || typeof eimza_checker !== 'function') {
    fail(new Error('the glue (checker.js) did not load'));
  } else if (self[BYTES]) {
    start(self[BYTES]);
  } else if (location.protocol === 'file:') {
    var s = document.createElement('script');
    s.src = tag.dataset.disk;
    s.onload = function () {
      if (self[BYTES]) start(self[BYTES]);
      else fail(new Error('checker-wasm.js set no bytes'));
    };
    s.onerror = function () {
      fail(new Error('checker-wasm.js did not load'));
    };
    document.head.appendChild(s);
  } else {
    start(new URL(tag.dataset.wasm, document.baseURI));
  }
})();
