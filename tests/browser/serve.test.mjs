// `cargo xtask serve` in a real browser: a saved content change shows in the open
// page without a reload when only its HTML changed (the body is swapped: a page variable and
// the scroll position survive), and a build error appears on the page, naming file and line,
// and goes away once fixed; a page with scripts of its own (ara.html, six files at once) is
// reloaded instead, and loads completely (the former tiny_http server sometimes left one of
// them waiting for good). Runs the xtask
// binary given in XTASK_BIN (set by `cargo xtask test`) on a copy of content/ and
// site-templates/, so the repository is never edited.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage } from './lib/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'eimza-serve-'));
const content = join(work, 'content');
let browser;
let server;
let port;
let log = '';

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
}

async function listening(p, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`xtask serve exited (${server.exitCode}):\n${log}`);
    const ok = await new Promise((resolve) => {
      const c = connect(p, '127.0.0.1', () => { c.destroy(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`xtask serve did not listen on ${p} within ${ms} ms:\n${log}`);
}

before(async () => {
  const bin = process.env.XTASK_BIN;
  assert.ok(bin, 'XTASK_BIN is not set: run the browser tests with cargo xtask test');
  cpSync(join(root, 'content'), content, { recursive: true });
  cpSync(join(root, 'site-templates'), join(work, 'templates'), { recursive: true });
  port = await freePort();
  server = spawn(bin, ['serve', '--port', String(port), '--content', content,
    '--templates', join(work, 'templates'), '--out', join(work, 'dist')], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => { log += d; });
  server.stderr.on('data', (d) => { log += d; });
  await listening(port, 170000);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill();
  rmSync(work, { recursive: true, force: true });
});

const url = (page) => `http://127.0.0.1:${port}/${page}`;

/** Opens `page` and waits until the live-reload script's WebSocket has its first message
 * (the pages' CSP allows it: connect-src 'self' covers ws: on the same host and port). */
async function open(page) {
  const o = await openPage(browser);
  const navigations = [];
  o.page.on('request', (r) => {
    if (r.isNavigationRequest()) navigations.push(r.url());
  });
  const listening = o.page
    .waitForEvent('websocket', { predicate: (ws) => ws.url().endsWith('/__livereload'), timeout: 15000 })
    .then((ws) => ws.waitForEvent('framereceived', { timeout: 15000 }));
  await o.page.goto(url(page));
  await listening;
  await o.page.waitForTimeout(300);
  navigations.length = 0;
  return { ...o, navigations };
}

test('a text change shows without a reload: body swapped, page state and scroll kept', async () => {
  const o = await open('sss.html');
  try {
    await o.page.evaluate(() => {
      window.sayfaDurumu = 'aynı sayfa';
      window.scrollTo(0, 400);
    });
    const marker = `canli-yenileme-${Date.now()}`;
    appendFileSync(join(content, 'sss.md'), `\n\n${marker}\n`);
    await o.page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 15000 });
    const after = await o.page.evaluate(() => ({ state: window.sayfaDurumu, y: window.scrollY }));
    assert.equal(after.state, 'aynı sayfa', 'the page was reloaded instead of updated in place');
    assert.ok(after.y > 0, `scroll position lost (${after.y})`);
    assert.deepEqual(o.navigations, [], 'no navigation');
    assert.deepEqual(o.events.consoleErrors, []);
  } finally {
    await o.close();
  }
});

test('a page that runs its own scripts is reloaded, and every file it needs arrives', async () => {
  const o = await open('ara.html');
  try {
    await o.page.evaluate(() => { window.sayfaDurumu = 'eski'; });
    const marker = `arama-yenileme-${Date.now()}`;
    appendFileSync(join(content, 'ara.md'), `\n\n${marker}\n`);
    await o.page.waitForFunction((m) => document.body?.innerText.includes(m), marker, { timeout: 15000 });
    assert.equal(await o.page.evaluate(() => window.sayfaDurumu), undefined, 'not reloaded');
    assert.ok(o.navigations.some((n) => n.endsWith('/ara.html')), `navigations: ${o.navigations}`);
    await o.page.waitForFunction(() => document.documentElement.dataset.search === 'ready', undefined, { timeout: 15000 });
  } finally {
    await o.close();
  }
});

test('a build error is shown on the page with file and line, and cleared when fixed', async () => {
  const file = join(content, 'sozluk.md');
  const good = readFileSync(file, 'utf8');
  const o = await open('sozluk.html');
  try {
    writeFileSync(file, `${good}\n\n[kırık bağlantı](yok-boyle-sayfa.html)\n`);
    const box = o.page.locator('#xtask-derleme-hatasi');
    await box.waitFor({ state: 'visible', timeout: 15000 });
    assert.match(await box.textContent(), /sozluk\.md:\d+: bağlantı 'yok-boyle-sayfa\.html' bulunamadı/);
    assert.equal(await box.getAttribute('role'), 'alert');
    writeFileSync(file, good);
    await box.waitFor({ state: 'detached', timeout: 15000 });
  } finally {
    writeFileSync(file, good);
    await o.close();
  }
});
