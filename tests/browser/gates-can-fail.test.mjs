// Proves each site-wide gate outside the sweep can fail: the same gate functions the gate
// files run (lib/sitegates.mjs: html's static checks, budgets, deploy, nojs) run here, in this
// process and one browser, on a deliberately broken site (fixtures/bad plus an oversized page),
// and the failure each gate file would print must name the page and the problem. A gate that
// passes here is broken. The Nu HTML Checker's proof is in html.test.mjs (its one JVM run); the
// one-visit sweep's gates prove it in every engine: engines/gates-can-fail.test.mjs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from './lib/server.mjs';
import { listPages } from './lib/site.mjs';
import {
  brotliSizes, budgetProblems, cssProblems, fileUrlProblems, noJsProblems, staticProblems, subPathProblems,
} from './lib/sitegates.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const site = mkdtempSync(join(tmpdir(), 'eimza-bad-site-'));
cpSync(join(here, 'fixtures', 'bad'), site, { recursive: true });
// Incompressible text: far over the 14 KB brotli budget.
writeFileSync(join(site, 'buyuk.html'), `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Büyük</title></head><body><main id="icerik"><h1>Büyük</h1><p>${randomBytes(24 * 1024).toString('base64')}</p></main></body></html>`);
const page = (file) => listPages(site).find((p) => p.file === file);

const fx = useBrowserAndServer({ dir: site });
let eimza;
before(async () => { eimza = await startServer(site, { prefix: '/eimza/' }); });
after(async () => {
  await eimza?.close();
  rmSync(site, { recursive: true, force: true });
});

/** The gate file's failure for `problems` under `heading` must contain every needle. */
function expectFailure(problems, heading, needles) {
  let message = null;
  try {
    assertNone(problems, heading);
  } catch (e) {
    message = e.message;
  }
  assert.ok(message, `${heading}: the gate passed the broken site`);
  for (const n of needles) assert.ok(message.includes(n), `${heading}: expected “${n}” in:\n${message}`);
}

test('html (static security, stylesheets) fails on a broken site and says why', async () => {
  expectFailure(await staticProblems(fx.browser, page('index.html')), 'index.html', [
    'inline script', 'style attribute on <div', 'event handler attribute onclick',
  ]);
  expectFailure(cssProblems(site), 'CSS', ['bad.css line 2']);
});

test('budgets fails on a broken site and says why', async () => {
  const { row, problems } = await budgetProblems(fx.browser, fx.server, page('buyuk.html'), brotliSizes(site));
  expectFailure(problems, 'buyuk.html budget', ['buyuk.html budget', ' > 14.0 KB', 'buyuk.html ']);
  assert.equal(row.at(-1), 'OVER', `the size table's row: ${row.join(' | ')}`);
});

test('deploy fails on a broken site and says why', async () => {
  expectFailure(await subPathProblems(fx.browser, eimza, site, page('index.html')), 'index.html under /eimza/', [
    'index.html under /eimza/', 'leaves the sub-path: /kok.html',
  ]);
  expectFailure(await fileUrlProblems(fx.browser, site, page('index.html')), 'index.html over file://', [
    'index.html over file://', 'leaves the site folder',
  ]);
});

test('nojs fails on a broken site and says why', async () => {
  expectFailure(await noJsProblems(fx.browser, fx.server, page('index.html')), 'index.html without JavaScript', [
    'index.html without JavaScript', 'no visible footer with the Kamu SM tel: link',
  ]);
});
