// Starts the checker of kontrol.html: a classic script, so it runs over http, from disk
// (file://, where module scripts and fetch are blocked) and inside the one-file copy. The wasm
// comes from bytes already on the page (the one-file copy), from checker-wasm.js beside the
// page (opened from disk), or from the .wasm file (http: fetched as soon as this script runs,
// the page's first request, and compiled as it comes). Once
// loaded, the checker's start-up runs one step per task (`step(0)`, `step(1)`, … until one
// returns false), so no task holds the page for long; the step that makes the form usable
// marks <html data-checker="ready">, the later ones only warm up, and
// `performance.mark('checker-warm')` follows the last. Any failure is said in Turkish on the
// page and marks it "failed". The glue, deferred before this one, defines `eimza_checker`
// with a top-level `let` (a global binding, not on `self`).
//
// Text first, then the tool: the checker starts only after the page has been drawn once and
// parsed (the glue, deferred, has then run). The .wasm's download and compilation go on
// before that: on a slow line the download is most of the wait.
//
// "Kontrol et" is disabled in the HTML (without JavaScript, Enter submits nothing). This
// script enables it at once; a check asked for before the checker is ready is held and runs
// as soon as it is, so an early click is never lost. The form is never submitted.
(function () {
  var tag = document.currentScript;
  var BYTES = 'EIMZA_CHECKER_WASM';
  var n = 0;
  var root = document.documentElement;
  var form = null;
  var button = null;
  // A check asked for before the checker was ready.
  var pending = false;
  var early = null;
  if (!self[BYTES] && location.protocol !== 'file:' && tag.dataset.wasm && self.fetch) {
    early = fetch(new URL(tag.dataset.wasm, document.baseURI));
    // Handled here so that a failed download is reported once, by `fail`, not also as an
    // unhandled rejection before the glue receives it.
    early.catch(function () {});
    // Compiled while it arrives (off the main thread), so that once the page is drawn the
    // checker only has to instantiate it. A response that cannot be streamed (an error, or a
    // host that does not send application/wasm) goes to the glue as it is: the glue says
    // what is wrong, or compiles it from its bytes.
    if (WebAssembly.compileStreaming) {
      early = early.then(function (r) {
        return r.ok && r.headers.get('Content-Type') === 'application/wasm' ? WebAssembly.compileStreaming(r) : r;
      });
      early.catch(function () {});
    }
  }

  // Once the form has been parsed (this script may run before, see the top).
  function hold() {
    form = document.getElementById('kontrol-formu');
    button = document.getElementById('kontrol-et');
    if (!form || !button || root.dataset.checker) return;
    // Runs before the checker's own listener (added later): until the checker is ready it
    // holds the check; after that it leaves the event to the checker.
    form.addEventListener('submit', function (e) {
      if (root.dataset.checker === 'ready') return;
      e.preventDefault();
      pending = root.dataset.checker !== 'failed';
    });
    button.disabled = false;
    // Shows the button (kontrol.css) before the checker is ready.
    root.dataset.erken = '';
  }

  function fail(err) {
    var box = document.getElementById('kontrol-bildirim');
    if (box) {
      box.textContent = 'Denetleyici bu tarayıcıda açılamadı. Sayfayı yenileyin; sorun sürerse '
        + 'güncel bir tarayıcıyla deneyin. Aşağıdaki liste yine de portalın soracağı bilgileri gösterir.';
      box.classList.add('bildirim--hata');
      box.hidden = false;
    }
    root.dataset.checker = 'failed';
    pending = false;
    // No button that cannot work.
    delete root.dataset.erken;
    if (button) button.disabled = true;
    if (err) console.error('checker:', err);
  }

  function steps() {
    try {
      var more = eimza_checker.step(n++);
      if (pending && root.dataset.checker === 'ready') {
        pending = false;
        button.click();
      }
      if (more) setTimeout(steps, 0);
      else performance.mark('checker-warm');
    } catch (err) {
      fail(err);
    }
  }

  // The glue's init is an async function: its failures arrive as a rejection.
  function start(source) {
    eimza_checker({ module_or_path: source }).then(steps, fail);
  }

  function begin() {
    // This script is async: it may run once the page is parsed but before the deferred glue
    // has run (or arrived). `load` comes after every deferred script, so wait for it then.
    if (typeof eimza_checker !== 'function' && document.readyState !== 'complete') {
      self.addEventListener('load', begin);
      return;
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
      start(early || new URL(tag.dataset.wasm, document.baseURI));
    }
  }

  // After the first paint. Already drawn (the browser has a Paint Timing entry): now. If not,
  // after the next frame, which is then the first: a requestAnimationFrame callback runs just
  // before a frame is drawn, a zero timeout queued from it just after. A page that is not
  // being drawn (a background tab) starts when it is shown. (A PerformanceObserver for the
  // paint entry was used before: Chromium delivers it late on a busy phone, up to 400 ms after
  // the paint under the bench's mobile emulation.)
  function afterPaint() {
    hold();
    if (performance.getEntriesByType && performance.getEntriesByType('paint').length) {
      setTimeout(begin, 0);
    } else {
      requestAnimationFrame(function () {
        setTimeout(begin, 0);
      });
    }
  }

  // The glue (deferred) has run by DOMContentLoaded.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', afterPaint);
  else afterPaint();
})();
