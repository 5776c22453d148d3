// Boot module of kontrol.html, the only hand-written script: loads the wasm-bindgen glue and
// the wasm (their fingerprinted URLs come from this script tag's data attributes, resolved
// against the page, so sub-paths work) and says so in Turkish on the page if that fails.
// The glue's start function (Rust) wires the form and marks the page ready.
const tag = document.querySelector('script[data-glue][data-wasm]');

function fail(err) {
  const box = document.getElementById('kontrol-bildirim');
  if (box) {
    box.textContent = 'Denetleyici bu tarayıcıda açılamadı. Sayfayı yenileyin; sorun sürerse '
      + 'güncel bir tarayıcıyla deneyin. Aşağıdaki liste yine de portalın soracağı bilgileri gösterir.';
    box.classList.add('bildirim--hata');
    box.hidden = false;
  }
  document.documentElement.dataset.checker = 'failed';
  if (err) console.error('checker:', err);
}

if (!tag || typeof WebAssembly !== 'object') {
  fail(tag ? null : new Error('script[data-glue] not found'));
} else {
  try {
    const base = document.baseURI;
    const glue = await import(new URL(tag.dataset.glue, base).href);
    await glue.default({ module_or_path: new URL(tag.dataset.wasm, base) });
  } catch (err) {
    fail(err);
  }
}
