// Starts the checker of kontrol.html: a classic script, so it runs over http, from disk
// (file://, where module scripts and fetch are blocked) and inside the one-file copy. The wasm
// comes from bytes already on the page (the one-file copy), from checker-wasm.js beside the
// page (opened from disk), or from the .wasm file (http: compiled while it downloads). Once
// loaded, the checker's start-up runs one step per task (`step(0)`, `step(1)`, … until one
// returns false), so
// no task holds the page for long; the last step marks <html data-checker="ready">. Any
// failure is said in Turkish on the page and marks it "failed". The glue, deferred before this
// one, defines `eimza_checker` with a top-level `let` (a global binding, not on `self`).
//
// Text first, then the tool: nothing starts before the page has been drawn once, so on a slow
// line the .wasm does not compete with the page's own CSS and the reader sees the page sooner.
(function () {
  var tag = document.currentScript;
  var BYTES = 'EIMZA_CHECKER_WASM';
  var n = 0;

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

  function steps() {
    try {
      if (eimza_checker.step(n++)) setTimeout(steps, 0);
    } catch (err) {
      fail(err);
    }
  }

  // The glue's init is an async function: its failures arrive as a rejection.
  function start(source) {
    eimza_checker({ module_or_path: source }).then(steps, fail);
  }

  function begin() {
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
  }

  // After the first paint: the browser reports it (Paint Timing) once the frame is on screen.
  // Without that report, after the next frame: a requestAnimationFrame callback runs just
  // before a frame is drawn, a zero timeout queued from it just after. Either way a page that
  // is not being drawn (a background tab) starts when it is shown.
  var types = self.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (types && types.indexOf('paint') >= 0) {
    // Called once: disconnecting empties its buffer, and an observer with an empty buffer is
    // not called (Performance Timeline).
    new PerformanceObserver(function (list, observer) {
      observer.disconnect();
      setTimeout(begin, 0);
    }).observe({ type: 'paint', buffered: true });
  } else {
    requestAnimationFrame(function () {
      setTimeout(begin, 0);
    });
  }
})();
