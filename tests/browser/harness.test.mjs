// Self-test of the shared helpers in lib/: against a deliberately broken page (fixtures/bad)
// every detector must report the problem, and against a clean page (fixtures/good) nothing.
// Without this, a helper that silently reports nothing would make every gate pass.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { runAxe } from './lib/axe.mjs';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { tabWalk } from './lib/keyboard.mjs';
import { startServer } from './lib/server.mjs';
import { listPages } from './lib/site.mjs';
import { inspectCss, inspectHtml } from './lib/static.mjs';
import { useBrowserAndServer } from './lib/suite.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const good = join(here, 'fixtures', 'good');
const bad = join(here, 'fixtures', 'bad');
const fx = useBrowserAndServer({ dir: bad });

test('site listing classifies pages', () => {
  const kinds = Object.fromEntries(listPages(good).map((p) => [p.file, p.kind]));
  assert.deepEqual(kinds, { 'adim-1.html': 'handbook', 'ara.html': 'search', 'eski.html': 'redirect', 'index.html': 'handbook' });
});

test('static inspection finds inline code, off-site and root-absolute URLs, missing CSP', async () => {
  const { page, close } = await openPage(fx.browser);
  try {
    const problems = (await inspectHtml(page, readFileSync(join(bad, 'index.html'), 'utf8'))).join('\n');
    for (const needle of ['no <meta http-equiv="Content-Security-Policy">', 'inline script', 'style attribute',
      'event handler attribute onclick', 'https://example.com/resim.png', 'https://cdn.example.com/x.css', '"/kok.html"']) {
      assert.ok(problems.includes(needle), `expected "${needle}" in:\n${problems}`);
    }
    assert.deepEqual(await inspectHtml(page, readFileSync(join(good, 'index.html'), 'utf8')), []);
  } finally {
    await close();
  }
  const css = inspectCss(readFileSync(join(bad, 'bad.css'), 'utf8')).join('\n');
  assert.match(css, /line 2: .*fonts\.example\.com.*points off-site/);
  assert.match(css, /line 4: .*\/kok\.png.*starts with '\/'/);
});

// The Nu HTML Checker's own proof is in html.test.mjs, in the one JVM run of the suite.

test('the browser records CSP violations, off-origin requests and failed requests', async () => {
  const { page, events, problems, close } = await openPage(fx.browser);
  try {
    await gotoSettled(page, fx.server.url('csp.html'));
    await page.evaluate(() => document.querySelector('form').requestSubmit());
    await page.waitForTimeout(200);
    const directives = events.cspViolations.map((v) => v.directive);
    assert.ok(directives.includes('form-action'), `blocked form submission not reported: ${directives}`);
    assert.ok(directives.includes('script-src-elem'), `inline script not reported: ${JSON.stringify(events.cspViolations)}`);
    assert.ok(events.offOrigin.some((u) => u.startsWith('https://example.com/')), `off-origin image not reported: ${events.offOrigin}`);
    assert.ok(events.failedRequests.some((r) => r.url.endsWith('/kok.png')), `404 not reported: ${JSON.stringify(events.failedRequests)}`);
    assert.ok(problems().length >= 3);
  } finally {
    await close();
  }
});

test('axe finds the image without alt text', async () => {
  const { page, close } = await openPage(fx.browser);
  try {
    await gotoSettled(page, fx.server.url('index.html'));
    const violations = await runAxe(page);
    const img = violations.find((v) => v.id === 'image-alt');
    assert.ok(img, `image-alt not reported: ${violations.map((v) => v.id)}`);
    assert.match(img.nodes[0].target, /img/);
  } finally {
    await close();
  }
});

test('the Tab walk finds a missing skip link, unreachable links, invisible focus and white text on a yellow focus box', async () => {
  const { page, close } = await openPage(fx.browser);
  try {
    await gotoSettled(page, fx.server.url('index.html'));
    const walk = await tabWalk(page);
    assert.equal(walk.firstTarget, null);
    assert.match(walk.order[0], /nofocus/);
    assert.ok(walk.unreached.some((d) => d.includes('kok.html')), `unreached: ${walk.unreached}`);
    assert.ok(walk.noIndicator.some((d) => d.includes('nofocus')), `noIndicator: ${walk.noIndicator}`);
    assert.ok(walk.lowText.some((d) => d.includes('beyaz') && /1\.\d\d:1/.test(d)), `lowText: ${walk.lowText}`);
    assert.ok(!walk.weakIndicator.some((d) => d.includes('beyaz')), 'the indicator itself is strong: only the text gate catches it');
  } finally {
    await close();
  }
});

test('the clean fixture passes the Tab walk and axe, served under a sub-path', async () => {
  const server = await startServer(good, { prefix: '/eimza/' });
  const { page, problems, close } = await openPage(fx.browser);
  try {
    await gotoSettled(page, server.url('index.html'));
    assert.equal(page.url(), `${server.origin}/eimza/index.html`);
    assert.deepEqual(problems(), []);
    assert.deepEqual(await runAxe(page), []);
    const walk = await tabWalk(page);
    assert.match(walk.firstTarget ?? '', /<main id="icerik">/);
    assert.deepEqual([walk.unreached, walk.noIndicator, walk.hiddenFocus, walk.lowText], [[], [], [], []]);
    assert.ok(server.files().includes('style.css'));
    const outside = await page.request.get(`${server.origin}/index.html`);
    assert.equal(outside.status(), 404, 'paths outside the prefix must not be served');
  } finally {
    await close();
    await server.close();
  }
});
