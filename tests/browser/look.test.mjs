// Paper, in Chromium (print to PDF needs its DevTools): printed to A4, the printable handbook
// is at most 12 pages and the checker's preparation sheet one page. What a person sees on a
// screen (widths, phone numbers, list markers, the header) is checked in every engine by the
// one-visit sweep, engines/pages.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { CHECKER_PAGE, checkerReady, fillChecker } from './lib/site.mjs';
import { useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
export const HANDBOOK_MAX_PAGES = 12;

/** Pages of a PDF made by Chromium (its page objects are written uncompressed). */
function pdfPages(pdf) {
  const n = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  assert.ok(n > 0, 'the PDF has pages');
  return n;
}

// A4 with Chromium's default margins: what a person gets with Ctrl+P.
const A4 = { format: 'A4' };

test(`print: yazdir.html is at most ${HANDBOOK_MAX_PAGES} A4 pages, and page 1 says it is the one to take along`, async () => {
  const { page, close } = await openPage(fx.browser);
  try {
    await gotoSettled(page, fx.server.url('yazdir.html'));
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.yazdir-tasi').isVisible(), 'the take-along line prints');
    const pages = pdfPages(await page.pdf(A4));
    console.log(`  ℹ yazdir.html prints to ${pages} A4 pages`);
    assert.ok(pages <= HANDBOOK_MAX_PAGES, `${pages} pages`);
  } finally {
    await close();
  }
});

test('print: the checker\'s preparation sheet is one A4 page', async () => {
  const { page, close } = await openPage(fx.browser);
  try {
    await gotoSettled(page, fx.server.url(CHECKER_PAGE), { waitFor: checkerReady });
    await fillChecker(page);
    await page.getByRole('button', { name: 'Kontrol et' }).click();
    await page.locator('#hazir').waitFor({ state: 'visible' });
    const pages = pdfPages(await page.pdf(A4));
    console.log(`  ℹ the checker's sheet prints to ${pages} A4 page(s)`);
    assert.equal(pages, 1);
  } finally {
    await close();
  }
});
