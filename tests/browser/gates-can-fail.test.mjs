// Proves each site-wide gate file outside the sweep can fail: runs it against a deliberately
// broken site (fixtures/bad plus an oversized page) and expects a failing exit and a message that
// names the page and the problem. A gate that passes here is broken. The one-visit sweep's
// gates (layout, axe, keyboard, CSP, console, requests) prove it in-process, in every engine:
// engines/gates-can-fail.test.mjs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const site = mkdtempSync(join(tmpdir(), 'eimza-bad-site-'));
cpSync(join(here, 'fixtures', 'bad'), site, { recursive: true });
// Incompressible text: far over the 14 KB brotli budget.
writeFileSync(join(site, 'buyuk.html'), `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Büyük</title></head><body><main id="icerik"><h1>Büyük</h1><p>${randomBytes(24 * 1024).toString('base64')}</p></main></body></html>`);
after(() => rmSync(site, { recursive: true, force: true }));

const expectations = {
  'html.test.mjs': ['index.html:', 'alt', 'inline script', 'style attribute on <div', 'event handler attribute onclick', 'bad.css line 2'],
  'budgets.test.mjs': ['buyuk.html budget', 'OVER'],
  'deploy.test.mjs': ['index.html under /eimza/', 'leaves the sub-path: /kok.html', 'index.html over file://', 'leaves the site folder'],
  'nojs.test.mjs': ['index.html without JavaScript', 'no visible footer with the Kamu SM tel: link'],
};

for (const [file, needles] of Object.entries(expectations)) {
  test(`${file} fails on a broken site and says why`, () => {
    // NODE_TEST_CONTEXT would make the child think it runs inside this runner and skip.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', file], {
      cwd: here,
      env: { ...env, SITE_DIR: site },
      encoding: 'utf8',
      timeout: 300000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    assert.notEqual(run.status, 0, `${file} passed on the broken site:\n${output.slice(-3000)}`);
    for (const needle of needles) {
      assert.ok(output.includes(needle), `${file}: expected "${needle}" in the failure output:\n${output.slice(-4000)}`);
    }
  });
}
