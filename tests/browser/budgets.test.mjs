// Page-weight budgets: each handbook page's HTML plus the CSS it loads must fit in
// 14 KB brotli (the first round trip; the printable handbook 16 KB); kontrol.html with everything it loads (JS, wasm)
// must fit in 60 KB, the offline worker's script (sw.js) included; the one-file checker, with
// everything inside, in 90 KB. What a page "loads" is what the browser actually
// requested from the server while loading it (and, for the checker, until it is ready), plus
// sw.js when the page registers it (the tests block workers, so it is added by name).
// Prints the size table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { compressedSizes, formatTable, kb } from './lib/sizes.mjs';
import { contentPages, listPages, settleOptions } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

export const HANDBOOK_BUDGET = 14 * 1024;
export const CHECKER_BUDGET = 60 * 1024;
export const ONE_FILE_BUDGET = 90 * 1024;
// The printable handbook is every page in one, with every source listed once: it is opened to
// be printed, so it gets 2 KB more than one page read on a phone (it outgrew 14 KB when the
// routes of today and the after-the-card answers were added).
export const PRINTABLE = 'yazdir.html';
export const PRINTABLE_BUDGET = 16 * 1024;
// Every section's full text is in the search index; 16 KB leaves room for the handbook to grow.
export const SEARCH_INDEX_BUDGET = 16 * 1024;

const fx = useBrowserAndServer();
const pages = contentPages(listPages());
const rows = [];
const sizeCache = new Map();
const brotliOf = (rel) => {
  if (!sizeCache.has(rel)) sizeCache.set(rel, compressedSizes(readFileSync(join(fx.dir, rel))).brotli);
  return sizeCache.get(rel);
};

for (const p of pages) {
  const checker = p.kind === 'checker' || p.kind === 'one-file';
  const budget = p.file === PRINTABLE
    ? PRINTABLE_BUDGET
    : { checker: CHECKER_BUDGET, 'one-file': ONE_FILE_BUDGET }[p.kind] ?? HANDBOOK_BUDGET;
  test(`budget ${kb(budget)} brotli: ${p.file}`, async () => {
    const { page, close } = await openPage(fx.browser);
    try {
      fx.server.requests.length = 0;
      await gotoSettled(page, fx.server.url(p.file), settleOptions(p));
      const files = fx.server.files();
      if (/<script[^>]+data-sw="sw\.js"/.test(p.html)) files.push('sw.js');
      if (!files.includes(p.file)) throw new Error(`${p.file} was not served`);
      const sum = (pred) => files.filter(pred).reduce((n, f) => n + brotliOf(f), 0);
      const html = sum((f) => f.endsWith('.html'));
      const css = sum((f) => f.endsWith('.css'));
      const other = sum((f) => !f.endsWith('.html') && !f.endsWith('.css'));
      const counted = checker ? html + css + other : html + css;
      rows.push([p.file, kb(html), kb(css), kb(other), kb(counted), kb(budget), counted <= budget ? 'ok' : 'OVER']);
      const problems = counted > budget
        ? [`${kb(counted)} > ${kb(budget)} (${files.map((f) => `${f} ${kb(brotliOf(f))}`).join(', ')})`]
        : [];
      assertNone(problems, `${p.file} budget`);
    } finally {
      await close();
    }
  });
}

test(`budget ${kb(SEARCH_INDEX_BUDGET)} brotli: the search index`, () => {
  const names = readdirSync(fx.dir).filter((f) => /^search-index\.[0-9a-f]+\.js$/.test(f));
  if (names.length !== 1) throw new Error(`expected one search-index.*.js, found ${names.join(', ') || 'none'}`);
  const size = brotliOf(names[0]);
  rows.push([names[0], '', '', kb(size), kb(size), kb(SEARCH_INDEX_BUDGET), size <= SEARCH_INDEX_BUDGET ? 'ok' : 'OVER']);
  assertNone(size > SEARCH_INDEX_BUDGET ? [`${kb(size)} > ${kb(SEARCH_INDEX_BUDGET)}`] : [], 'search index budget');
});

after(() => {
  console.log(`\nPage weights (brotli, quality 11; 1 KB = 1024 B; handbook pages count HTML + CSS, kontrol.html and the one-file checker count everything):\n${formatTable(
    ['page', 'HTML', 'CSS', 'JS/wasm/other', 'counted', 'budget', ''],
    rows,
  )}\n`);
});
