// Valid HTML and static security gates: the Nu HTML Checker reports 0 errors on
// every page; every page has the CSP meta tag, no inline script/style, no on*= attributes and
// no resource URL pointing off-site; stylesheets load nothing off-site.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage } from './lib/browser.mjs';
import { listPages, siteDir } from './lib/site.mjs';
import { inspectCss, inspectHtml } from './lib/static.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';
import { formatVnuError, vnuErrors } from './lib/vnu.mjs';

const fx = useBrowserAndServer({ server: false });
const dir = siteDir();
const pages = listPages(dir);

test('Nu HTML Checker: 0 errors on every page', () => {
  const errors = vnuErrors(pages.map((p) => p.path));
  assertNone(errors.map(formatVnuError), `vnu on ${pages.length} pages`);
});

for (const p of pages) {
  test(`static security: ${p.file}`, async () => {
    const { page, close } = await openPage(fx.browser);
    try {
      assertNone(await inspectHtml(page, p.html, { oneFile: p.kind === 'one-file' }), p.file);
    } finally {
      await close();
    }
  });
}

test('stylesheets load nothing off-site', () => {
  const css = listFiles(dir).filter((f) => f.endsWith('.css'));
  if (css.length === 0) throw new Error('the built site has no stylesheet');
  assertNone(css.flatMap((f) => inspectCss(readFileSync(join(dir, f), 'utf8')).map((m) => `${f} ${m}`)), 'CSS');
});

function listFiles(root, rel = '') {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(root, join(rel, e.name)) : [join(rel, e.name)],
  );
}
