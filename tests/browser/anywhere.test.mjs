// The checker and the handbook anywhere: kontrol.html opened from disk, the one-file
// checker alone in a folder, the whole site offline after one visit under a sub-path (service
// worker), a rebuilt site reaching a returning reader, two sites on one host keeping apart,
// the worker keeping nothing but the site's own files, content files named with spaces, `#`,
// `?` and `%` kept byte for byte, a slow network answering when the saved copy is gone, and
// the Turkish notice whenever the checker cannot start (wasm blocked, glue broken, no script).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { CHECKER_PAGE, checkerReady, fillChecker, ONE_FILE } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fills the valid example application, checks it, and returns what the ready block shows. */
async function fullCheck(page) {
  await fillChecker(page);
  await page.getByRole('button', { name: 'Kontrol et' }).click();
  await page.locator('#hazir').waitFor({ state: 'visible', timeout: 10000 });
  return page.evaluate(() => ({
    heading: document.getElementById('hazir-baslik').textContent,
    ad: document.getElementById('deger-ad').textContent,
    errors: document.getElementById('hata-listesi').children.length,
  }));
}

function assertReadyOutput(out, label) {
  assert.equal(out.heading, 'Bilgileriniz portala hazır', label);
  assert.ok(out.ad.length > 0, `${label}: the ready list shows the name`);
  assert.equal(out.errors, 0, `${label}: no errors`);
}

/** The files the built worker keeps (its DOSYALAR list). */
function workerFiles(dir) {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const m = sw.match(/var DOSYALAR = (\[.*?\]);/);
  assert.ok(m, 'sw.js lists its files');
  return JSON.parse(m[1]);
}

/** Every cached request URL, per cache name, as the page's origin sees them. */
const cacheContents = (page) => page.evaluate(async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const c = await caches.open(name);
    out[name] = (await c.keys()).map((r) => r.url);
  }
  return out;
});

/** Opens `url` with service workers allowed and waits until the worker controls the page
 * and has finished keeping the site (its install fetched every file). */
async function visitOnce(url) {
  const opened = await openPage(fx.browser, { serviceWorkers: 'allow' });
  await gotoSettled(opened.page, url);
  await opened.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20000 });
  return opened;
}

/** Polls `check` (async, in Node) until it returns true; Playwright's waitForFunction would
 * take an async predicate's Promise as a truthy answer. */
async function until(what, check, timeout = 20000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** A host folder with copies of the built site under the given sub-folders. */
function hostWith(...folders) {
  const host = mkdtempSync(join(tmpdir(), 'eimza-host-'));
  for (const f of folders) cpSync(fx.dir, join(host, f), { recursive: true });
  return host;
}

describe('from disk (file://)', () => {
  test('kontrol.html opened from disk starts, checks and reaches the portal-ready output', async () => {
    const opened = await openPage(fx.browser);
    try {
      await gotoSettled(opened.page, pathToFileURL(join(fx.dir, CHECKER_PAGE)).href, { waitFor: checkerReady });
      assertReadyOutput(await fullCheck(opened.page), 'kontrol.html from disk');
      assert.equal(await opened.page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
      assertNone(opened.problems(), 'kontrol.html from disk');
    } finally {
      await opened.close();
    }
  });

  test('the one-file checker works alone in an empty folder, with a hash-only CSP', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'eimza-tek-'));
    copyFileSync(join(fx.dir, ONE_FILE), join(alone, ONE_FILE));
    assert.deepEqual(readdirSync(alone), [ONE_FILE]);
    const html = readFileSync(join(alone, ONE_FILE), 'utf8');
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)="(?!data:|https?:)[^"#]/, 'no file is referenced');
    const opened = await openPage(fx.browser);
    try {
      await gotoSettled(opened.page, pathToFileURL(join(alone, ONE_FILE)).href, { waitFor: checkerReady });
      assertReadyOutput(await fullCheck(opened.page), 'one-file checker');
      const files = opened.events.requests.filter((u) => u.startsWith('file:'));
      assert.deepEqual(files, [pathToFileURL(join(alone, ONE_FILE)).href], 'only the file itself is read');
      assertNone(opened.problems(), 'one-file checker');
    } finally {
      await opened.close();
    }
  });
});

describe('when the checker cannot start, the page says so in Turkish', () => {
  const cases = [
    ['the wasm is blocked', '**/checker_bg.*.wasm', (r) => r.abort()],
    ['the glue is broken', '**/checker.*.js', (r) => r.fulfill({ contentType: 'text/javascript', body: 'self.eimza_checker = (' })],
  ];
  for (const [name, pattern, handler] of cases) {
    test(name, async () => {
      const opened = await openPage(fx.browser);
      try {
        await opened.page.route(pattern, handler);
        await opened.page.goto(fx.server.url(CHECKER_PAGE));
        await opened.page.waitForFunction(() => document.documentElement.dataset.checker === 'failed', undefined, { timeout: 10000 });
        const notice = opened.page.locator('#kontrol-bildirim');
        assert.ok(await notice.isVisible(), 'the notice is visible');
        assert.match(await notice.textContent(), /Denetleyici bu tarayıcıda açılamadı/);
      } finally {
        await opened.close();
      }
    });
  }

  test('no script runs at all: a notice appears after a few seconds', async () => {
    const opened = await openPage(fx.browser);
    try {
      await opened.page.route('**/*.js', (r) => r.abort());
      await opened.page.goto(fx.server.url(CHECKER_PAGE));
      const late = opened.page.locator('#kontrol-gecikme');
      assert.equal(await late.isVisible(), false, 'not at once');
      await late.waitFor({ state: 'visible', timeout: 15000 });
      assert.match(await late.textContent(), /Denetleyici hâlâ açılmadı/);
    } finally {
      await opened.close();
    }
  });

  test('the delayed notice never shows once the checker is ready', async () => {
    const opened = await openPage(fx.browser);
    try {
      await gotoSettled(opened.page, fx.server.url(CHECKER_PAGE), { waitFor: checkerReady });
      assert.equal(await opened.page.locator('#kontrol-gecikme').isVisible(), false);
    } finally {
      await opened.close();
    }
  });
});

describe('offline after one visit (service worker)', () => {
  test('under a sub-path, with the network cut, pages, search and checker work from the saved copy', async () => {
    const host = hostWith('eimza');
    const server = await startServer(host);
    const opened = await visitOnce(`${server.origin}/eimza/index.html`);
    const { page, context } = opened;
    try {
      const kept = workerFiles(fx.dir);
      await until('the worker kept every file', async () => {
        const cached = Object.values(await cacheContents(page));
        return cached.length === 1 && cached[0].length === kept.length;
      });
      server.requests.length = 0;
      await context.setOffline(true);
      for (const rel of ['index.html', 'adim-1.html', '']) {
        await gotoSettled(page, `${server.origin}/eimza/${rel}`);
        assert.ok(await page.locator('.cevrimdisi').isVisible(), `${rel || '(folder)'}: the "Çevrimdışı kopya" line shows`);
        assert.match(await page.locator('h1').first().textContent(), /\S/);
      }
      await gotoSettled(page, `${server.origin}/eimza/ara.html?q=kimlik`);
      await page.locator('#ara-sonuclar li').first().waitFor({ timeout: 10000 });
      await gotoSettled(page, `${server.origin}/eimza/${CHECKER_PAGE}`, { waitFor: checkerReady });
      assertReadyOutput(await fullCheck(page), 'kontrol.html offline');
      // The browser itself still asks for the worker script (its update check; the DevTools
      // protocol's offline switch covers pages and workers, not that check): nothing else.
      const reached = server.requests.map((r) => r.path).filter((p) => p !== '/eimza/sw.js');
      assert.deepEqual(reached, [], 'nothing a page or the worker asked for reached the server while offline');
      // Nothing the reader typed or searched is kept: only the listed files, no query strings.
      const cached = await cacheContents(page);
      const urls = Object.values(cached).flat();
      const allowed = new Set(kept.map((f) => `${server.origin}/eimza/${f}`));
      assert.deepEqual(urls.filter((u) => !allowed.has(u)), [], 'the worker stored only the site\'s own files');
      assert.equal(urls.length, kept.length);
      assert.ok(!kept.some((f) => /checker-wasm|\.zip$|e-imza-basvuru-kontrol/.test(f)), 'disk-only files are not kept');
    } finally {
      await opened.close();
      await server.close();
    }
  });

  test('a rebuilt site reaches a returning reader on the next online visit; old caches go', async () => {
    const host = mkdtempSync(join(tmpdir(), 'eimza-host-'));
    const build = (out, contentDir) => {
      const r = spawnSync(process.env.XTASK_BIN, ['build', '--content', contentDir, '--out', out], { encoding: 'utf8', cwd: root });
      assert.equal(r.status, 0, `build failed:\n${r.stderr}`);
    };
    const content = mkdtempSync(join(tmpdir(), 'eimza-content-'));
    cpSync(join(root, 'content'), content, { recursive: true });
    build(join(host, 'eimza'), content);
    const server = await startServer(host);
    const opened = await visitOnce(`${server.origin}/eimza/index.html`);
    const { page, context } = opened;
    try {
      const before = Object.keys(await cacheContents(page));
      assert.equal(before.length, 1);
      const index = join(content, 'index.md');
      writeFileSync(index, `${readFileSync(index, 'utf8')}\n\nYeni derlemenin işareti: kırmızı balık.\n`);
      build(join(host, 'eimza'), content);
      await gotoSettled(page, `${server.origin}/eimza/index.html`);
      assert.match(await page.locator('main').textContent(), /kırmızı balık/, 'the new build shows online');
      await until('the new build replaced the old cache', async () => {
        const names = await cacheNames(page);
        return names.length === 1 && names[0] !== before[0];
      });
      await context.setOffline(true);
      await gotoSettled(page, `${server.origin}/eimza/index.html`);
      assert.match(await page.locator('main').textContent(), /kırmızı balık/, 'the saved copy is the new build');
    } finally {
      await opened.close();
      await server.close();
    }
  });

  test('content files named with spaces, #, ? and % are kept as bytes; a slow network answers when the copy is gone', async () => {
    const host = mkdtempSync(join(tmpdir(), 'eimza-host-'));
    const content = mkdtempSync(join(tmpdir(), 'eimza-content-'));
    cpSync(join(root, 'content'), content, { recursive: true });
    // A 1×1 PNG: binary, with bytes that are not UTF-8.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const name = 'a b#c%?ş.png';
    const href = encodeURIComponent(name);
    writeFileSync(join(content, name), png);
    const index = join(content, 'index.md');
    writeFileSync(index, `${readFileSync(index, 'utf8')}\n\n![Deneme resmi](${href})\n`);
    const r = spawnSync(process.env.XTASK_BIN, ['build', '--content', content, '--out', join(host, 'eimza')], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, `build failed:\n${r.stderr}`);
    assert.ok(workerFiles(join(host, 'eimza')).includes(href), 'the worker lists the encoded name');
    const server = await startServer(host);
    // Before, one such name made the worker's install fail for the whole site.
    const opened = await visitOnce(`${server.origin}/eimza/index.html`);
    const { page, context } = opened;
    try {
      const kept = workerFiles(join(host, 'eimza'));
      await until('the worker kept every file', async () => {
        const cached = Object.values(await cacheContents(page));
        return cached.length === 1 && cached[0].length === kept.length;
      });
      await context.setOffline(true);
      const bytes = await page.evaluate(async (u) => [...new Uint8Array(await (await fetch(u)).arrayBuffer())], href);
      assert.deepEqual(bytes, [...png], 'offline, the saved image is the same bytes');
      await context.setOffline(false);
      // The browser evicted the copy and the network is slower than the worker's 5 s wait:
      // the reader still gets the page, from the network.
      await page.evaluate(async () => { for (const k of await caches.keys()) await caches.delete(k); });
      server.slow.set('/eimza/sss.html', 6500);
      await gotoSettled(page, `${server.origin}/eimza/sss.html`);
      assert.match(await page.locator('h1').first().textContent(), /\S/);
      assert.equal(await page.locator('.cevrimdisi').isVisible(), false, 'the network\'s answer, not a copy');
    } finally {
      await opened.close();
      await server.close();
    }
  });

  test('two sites on one host keep their own caches', async () => {
    const host = hostWith('eimza', 'ikinci');
    const server = await startServer(host);
    const opened = await visitOnce(`${server.origin}/eimza/index.html`);
    const { page } = opened;
    try {
      await gotoSettled(page, `${server.origin}/ikinci/index.html`);
      await until('both sites are kept', async () => (await cacheNames(page)).length === 2);
      const names = Object.keys(await cacheContents(page)).sort();
      assert.ok(names[0].includes('/eimza/') && names[1].includes('/ikinci/'), names.join(', '));
      // A new build of one site deletes only its own old cache.
      writeFileSync(join(host, 'ikinci', 'sw.js'), readFileSync(join(host, 'ikinci', 'sw.js'), 'utf8').replace(/var SURUM = '[^']*'/, "var SURUM = 'yeni'"));
      await gotoSettled(page, `${server.origin}/ikinci/index.html`);
      await until('the second site\'s new build replaced its old one', async () => {
        const now = await cacheNames(page);
        return now.length === 2 && now.some((k) => k.endsWith(' yeni'));
      });
      const after = Object.keys(await cacheContents(page)).sort();
      assert.equal(after.length, 2, after.join(', '));
      assert.equal(after[0], names[0], 'the other site\'s cache is untouched');
    } finally {
      await opened.close();
      await server.close();
    }
  });
});
