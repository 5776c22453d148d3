// Valid HTML and static security gates: the Nu HTML Checker reports 0 errors on
// every page; every page has the CSP meta tag, no inline script/style, no on*= attributes and
// no resource URL pointing off-site; stylesheets load nothing off-site. The checker's one JVM
// run also takes the fixtures' pages, so its proofs on a broken page cost no second run.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listPages, siteDir } from './lib/site.mjs';
import { cssProblems, staticProblems } from './lib/sitegates.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';
import { formatVnuError, vnuErrors } from './lib/vnu.mjs';

const fx = useBrowserAndServer({ server: false });
const dir = siteDir();
const pages = listPages(dir);
const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const badPage = join(fixtures, 'bad', 'index.html');
const goodPages = ['index.html', 'adim-1.html'].map((f) => join(fixtures, 'good', f));
let vnu = null;
/** One vnu run over the site's pages and the fixtures' (see `vnuErrors`): errors by path. */
const vnuOf = (path) => {
  vnu ??= vnuErrors([...pages.map((p) => p.path), badPage, ...goodPages]);
  return vnu.filter((e) => e.path === path);
};

test('Nu HTML Checker: 0 errors on every page', () => {
  vnuOf('');
  const fixturePaths = new Set([badPage, ...goodPages]);
  // The site's pages' errors, and any error vnu could not tie to one of the files.
  const errors = vnu.filter((e) => !fixturePaths.has(e.path));
  assertNone(errors.map(formatVnuError), `vnu on ${pages.length} pages`);
});

// Moved here from harness.test.mjs (the same assertions), to share the run above.
test('the Nu HTML Checker reports errors with file and line, and none on clean pages', () => {
  const errors = vnuOf(badPage);
  assert.ok(errors.some((e) => e.file === 'index.html' && e.line > 0 && /alt/.test(e.message)), JSON.stringify(errors));
  // What the gate prints: file and line first.
  assert.ok(errors.map(formatVnuError).some((l) => /^index\.html:\d+:\d+: .*alt/.test(l)), errors.map(formatVnuError).join('\n'));
  assert.deepEqual(goodPages.flatMap(vnuOf), []);
});

for (const p of pages) {
  test(`static security: ${p.file}`, async () => {
    assertNone(await staticProblems(fx.browser, p), p.file);
  });
}

test('stylesheets load nothing off-site', () => {
  assertNone(cssProblems(dir), 'CSS');
});
