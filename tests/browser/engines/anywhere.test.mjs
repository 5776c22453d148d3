// The checker and the handbook anywhere, in every engine (Chromium, Firefox ESR, WebKitGTK over
// WebDriver): kontrol.html opened from disk, the one-file checker alone in an empty folder, and
// the whole site under the sub-path /eimza/ — the checker working there with every request
// staying under it, then offline after one visit with the server STOPPED (no DevTools switch,
// so every engine can run it): pages, search and checker from the saved copy, which holds only
// the site's own files.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { useEngine } from '../lib/engines.mjs';
import { consoleErrors, fillChecker, fullCheck, inPage, open, readChecker, submitChecker, waitInPage } from '../lib/flows.mjs';
import { startServer } from '../lib/server.mjs';
import { CHECKER_PAGE, checkerFixture, ONE_FILE, siteDir } from '../lib/site.mjs';
import { assertNone } from '../lib/suite.mjs';

// One suite per file: its hooks start the engine once, then the file's own set-up, in order.
describe(`anywhere in ${process.env.BROWSER_ENGINE || 'chromium'}`, () => {
  const fx = useEngine();
  const dir = siteDir();
  const ENGINE = process.env.BROWSER_ENGINE || 'chromium';
  const cleanup = [];
  after(() => {
    for (const d of cleanup) rmSync(d, { recursive: true, force: true });
  });

  function assertReadyOutput(s, label) {
    assert.equal(s.heading, 'Bilgileriniz portala hazır', label);
    assert.ok(s.ready, `${label}: the ready block shows`);
    assert.equal(s.errors.length, 0, `${label}: no errors`);
  }

  /** What the page fetched, as the engine's Resource Timing lists it (network loads; not file:// reads). */
  const resources = () => inPage(fx.engine, () => performance.getEntriesByType('resource').map((r) => r.name));

  /** The files the built worker keeps (its DOSYALAR list). */
  function workerFiles(siteFolder) {
    const sw = readFileSync(join(siteFolder, 'sw.js'), 'utf8');
    const m = sw.match(/var DOSYALAR = (\[.*?\]);/);
    assert.ok(m, 'sw.js lists its files');
    return JSON.parse(m[1]);
  }

  /** Every cached request URL, per cache name, as the page's origin sees them. */
  const cacheContents = () => inPage(fx.engine, async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      out[name] = (await c.keys()).map((r) => r.url);
    }
    return out;
  });

  describe(`from disk (file://) (${ENGINE})`, () => {
    test('kontrol.html opened from disk starts, checks and reaches "Bilgileriniz portala hazır"', async () => {
      await open(fx.engine, pathToFileURL(join(dir, CHECKER_PAGE)).href, { marker: 'checker' });
      assertReadyOutput(await fullCheck(fx.engine), 'kontrol.html from disk');
      // No engine runs a worker for a page on disk: none is needed (the files are on the device)
      // and the page claims no saved copy.
      const disk = await inPage(fx.engine, () => ({
        worker: navigator.serviceWorker?.controller ?? null,
        line: document.querySelector('.cevrimdisi')?.checkVisibility() ?? false,
      }));
      assert.deepEqual(disk, { worker: null, line: false }, 'no worker on file://, no "Çevrimdışı kopya" line');
      assertNone((await consoleErrors(fx.engine)) ?? [], 'kontrol.html from disk');
    });

    test('the one-file checker works alone in an empty folder, with a hash-only CSP', async () => {
      const alone = mkdtempSync(join(tmpdir(), 'eimza-tek-'));
      cleanup.push(alone);
      copyFileSync(join(dir, ONE_FILE), join(alone, ONE_FILE));
      assert.deepEqual(readdirSync(alone), [ONE_FILE]);
      const html = readFileSync(join(alone, ONE_FILE), 'utf8');
      const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)="(?!data:|https?:)[^"#]/, 'no file is referenced');
      await open(fx.engine, pathToFileURL(join(alone, ONE_FILE)).href, { marker: 'checker' });
      assertReadyOutput(await fullCheck(fx.engine), 'one-file checker');
      // Resource Timing lists what is fetched over a network (no engine lists file:// reads:
      // that the copy reads no other file is anywhere.test.mjs's, from Chromium's request log).
      assert.deepEqual((await resources()).filter((u) => !/^(file|data):/.test(u)), [], 'nothing is fetched over a network');
      assertNone((await consoleErrors(fx.engine)) ?? [], 'one-file checker');
    });
  });

  describe(`under the sub-path /eimza/, then offline with the server stopped (${ENGINE})`, () => {
    test('the checker under /eimza/; after one visit, pages, search and checker work with the server stopped', async () => {
      const e = fx.engine;
      const host = mkdtempSync(join(tmpdir(), 'eimza-host-'));
      cleanup.push(host);
      cpSync(dir, join(host, 'eimza'), { recursive: true });
      const server = await startServer(host);
      const base = `${server.origin}/eimza/`;
      let stopped = false;
      try {
        // Online, under the sub-path: the checker works and nothing is asked for outside it.
        await open(e, `${base}${CHECKER_PAGE}`, { marker: 'checker' });
        await fillChecker(e, { ...checkerFixture().example, kimlik_no: '17291716050' });
        await submitChecker(e);
        assert.deepEqual((await readChecker(e)).errors.map((x) => x.href), ['#kimlik_no']);
        const outside = server.requests.filter((r) => !r.path.startsWith('/eimza/') && r.path !== '/favicon.ico');
        assert.deepEqual(outside.map((r) => r.path), [], 'every request stays under /eimza/');
        assertNone((await consoleErrors(e)) ?? [], `${CHECKER_PAGE} under /eimza/`);

        // One visit to a handbook page: its worker keeps the site.
        await open(e, `${base}index.html`);
        const kept = workerFiles(dir);
        await waitInPage(e.driver, 'the worker controls the page and kept every file', async (n) => {
          if (!navigator.serviceWorker?.controller) return false;
          const names = await caches.keys();
          return names.length === 1 && (await (await caches.open(names[0])).keys()).length === n;
        }, kept.length);

        await server.close();
        stopped = true;
        await assert.rejects(fetch(`${base}index.html`), 'the server is really stopped');

        for (const rel of ['index.html', 'adim-1.html', '']) {
          await open(e, `${base}${rel}`);
          const v = await inPage(e, () => ({
            line: document.querySelector('.cevrimdisi')?.checkVisibility() ?? false,
            h1: document.querySelector('h1')?.textContent ?? '',
          }));
          assert.ok(v.line, `${rel || '(folder)'}: the "Çevrimdışı kopya" line shows`);
          assert.match(v.h1, /\S/, `${rel || '(folder)'}: a heading`);
        }
        await open(e, `${base}ara.html?q=kimlik`, { marker: 'search' });
        assert.ok(await inPage(e, () => document.querySelectorAll('#ara-sonuclar li').length > 0), 'search answers offline');
        await open(e, `${base}${CHECKER_PAGE}`, { marker: 'checker' });
        assertReadyOutput(await fullCheck(e), 'kontrol.html offline');

        // Nothing the reader typed or searched is kept: only the listed files, no query strings.
        const urls = Object.values(await cacheContents()).flat();
        const allowed = new Set(kept.map((f) => `${base}${f}`));
        assert.deepEqual(urls.filter((u) => !allowed.has(u)), [], "the worker stored only the site's own files");
        assert.equal(urls.length, kept.length);
        assert.ok(!kept.some((f) => /checker-wasm|\.zip$|e-imza-basvuru-kontrol/.test(f)), 'disk-only files are not kept');
        // With the server gone, the engine may log its failed worker update check; pages log nothing else.
        const errors = ((await consoleErrors(e)) ?? []).filter((l) => !/sw\.js/.test(l));
        assertNone(errors, 'offline pages');
      } finally {
        if (!stopped) await server.close();
      }
    });
  });
});
