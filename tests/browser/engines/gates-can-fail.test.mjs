// Proves, in this engine and in this process, that each gate of the one-visit sweep
// (engines/pages.test.mjs) can fail: the same gate functions run on pages with planted faults
// (fixtures/bad plus an oversized page) and must name the page's problem.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { useEngine } from '../lib/engines.mjs';
import { POLL } from '../lib/flows.mjs';
import { startServer } from '../lib/server.mjs';
import {
  axeBothSchemes, consoleProblems, cspProblems, headerProblems, keyboardGate, layoutProblems,
  requestProblems, submitForms, visit,
} from '../lib/sweep.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const site = mkdtempSync(join(tmpdir(), 'eimza-bad-sweep-'));
cpSync(join(here, 'fixtures', 'bad'), site, { recursive: true });
// One long word: far wider than a phone.
writeFileSync(join(site, 'buyuk.html'), `<!doctype html><html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Büyük</title></head><body><main id="icerik"><h1>Büyük</h1><p>${randomBytes(3 * 1024).toString('base64')}</p></main></body></html>`);

const fx = useEngine();
let server;
before(async () => {
  server = await startServer(site, { reportCsp: true });
});
after(async () => {
  await server?.close();
  rmSync(site, { recursive: true, force: true });
});

const PHONE = { width: 360, height: 640 };
const SMALL = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

/** Fails unless every needle is in the gate's output. */
function expectAll(problems, needles, gate) {
  const text = problems.join('\n');
  for (const n of needles) assert.ok(text.includes(n), `${gate}: expected “${n}” in:\n${text || '(nothing: the gate passed a broken page)'}`);
}

test('layout: sideways scroll, a broken phone number, a dragged list marker, a tall header', async () => {
  const { engine } = fx;
  await visit(engine, server, 'buyuk.html', SMALL);
  expectAll(await engine.driver.executeScript(layoutProblems, 320), ['scrolls sideways'], 'layout at 320');
  await visit(engine, server, 'sweep.html', PHONE);
  expectAll(await engine.driver.executeScript(layoutProblems, 360), [
    'phone number “0 (382) 212 34 56” breaks over', 'list marker beside the last line', 'header is',
  ], 'layout at 360');
});

test('header at 1280 px: a title over two lines fails', async () => {
  const { engine } = fx;
  await visit(engine, server, 'sweep.html', DESKTOP);
  expectAll(await engine.driver.executeScript(headerProblems, 1), [' lines (type ×1)'], 'header');
});

test('axe: a violation in light and in dark, and one only the dark scheme has', async () => {
  const { engine } = fx;
  await visit(engine, server, 'index.html', PHONE);
  expectAll(await axeBothSchemes(engine.driver, 'index.html @360px'), ['index.html @360px light: image-alt', 'index.html @360px dark: image-alt'], 'axe');
  await visit(engine, server, 'sweep.html', PHONE);
  const sweep = await axeBothSchemes(engine.driver, 'sweep.html @360px');
  expectAll(sweep, ['sweep.html @360px dark: color-contrast'], 'axe dark');
  assert.ok(!sweep.some((l) => l.includes('light: color-contrast')), `the light scheme has no contrast fault:\n${sweep.join('\n')}`);
});

test('keyboard: no skip link first, an element without focus indicator, white text on the yellow focus box', async () => {
  const { engine } = fx;
  await visit(engine, server, 'index.html', DESKTOP);
  expectAll(await keyboardGate(engine.driver), [
    'first focusable element is not a skip link', 'no visible focus indicator', 'focused text under 4.5:1',
  ], 'keyboard');
});

test('CSP: an inline script, an image from another origin and a blocked form are reported by the engine', async () => {
  const { engine } = fx;
  const since = server.cspReports.length;
  await visit(engine, server, 'csp.html', DESKTOP);
  await submitForms(engine, server, 'csp.html', DESKTOP);
  // Reports are POSTed by the engine on its own time: wait for them, not for a fixed delay.
  await engine.driver.wait(async () => cspProblems(server, since).some((l) => l.includes('form-action')), 10000, undefined, POLL).catch(() => {});
  expectAll(cspProblems(server, since), ['CSP violation: script-src-elem', 'CSP violation: img-src blocked https://example.com/resim.png', 'CSP violation: form-action'], 'CSP');
});

test('requests: another origin and a failed request', async () => {
  const { engine } = fx;
  let since = server.requests.length;
  await visit(engine, server, 'index.html', DESKTOP);
  expectAll(await requestProblems(engine.driver, server, since), ['request to another origin: https://example.com/resim.png'], 'requests');
  since = server.requests.length;
  await visit(engine, server, 'sweep.html', DESKTOP);
  expectAll(await requestProblems(engine.driver, server, since), ['request failed: /yok.png (HTTP 404)'], 'requests');
});

test('console: an uncaught exception is an error where the engine reports the console', async () => {
  const { engine } = fx;
  await engine.logs();
  await visit(engine, server, 'sweep.html', DESKTOP);
  const problems = await consoleProblems(engine);
  if (engine.name === 'webkit') {
    // WebKitGTK's WebDriver has no console log: the sweep says so instead of passing silently.
    assert.equal(problems, null);
  } else {
    expectAll(problems, ['bilerek atılan hata'], 'console');
  }
});
