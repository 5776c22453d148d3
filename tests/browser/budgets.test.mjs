// Page-weight budgets: each handbook page's HTML plus the CSS it loads must fit in
// 14 KB brotli (the first round trip; the printable handbook 16 KB); kontrol.html with everything it loads (JS, wasm)
// must fit in 60 KB, the offline worker's script (sw.js) included; the one-file checker, with
// everything inside, in 90 KB. What a page "loads" is what the browser actually
// requested from the server while loading it (and, for the checker, until it is ready), plus
// sw.js when the page registers it (the tests block workers, so it is added by name).
// Prints the size table. The gate itself is `budgetProblems` in lib/sitegates.mjs.
import { readdirSync } from 'node:fs';
import { after, test } from 'node:test';
import { formatTable, kb } from './lib/sizes.mjs';
import { contentPages, listPages } from './lib/site.mjs';
import { SEARCH_INDEX_BUDGET, brotliSizes, budgetOf, budgetProblems } from './lib/sitegates.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
const pages = contentPages(listPages());
const rows = [];
let brotliOf = null;

for (const p of pages) {
  test(`budget ${kb(budgetOf(p))} brotli: ${p.file}`, async () => {
    brotliOf ??= brotliSizes(fx.dir);
    const { row, problems } = await budgetProblems(fx.browser, fx.server, p, brotliOf);
    rows.push(row);
    assertNone(problems, `${p.file} budget`);
  });
}

test(`budget ${kb(SEARCH_INDEX_BUDGET)} brotli: the search index`, () => {
  brotliOf ??= brotliSizes(fx.dir);
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
