// What a person sees (issue 14): small screens and paper. At 320 and 360 px every page fits its
// width (no sideways scrolling), no list marker sits beside a wrapped item's last line, and the
// header takes at most a quarter of a 360×640 phone screen; printed to A4 PDF by Chromium, the
// printable handbook is at most 12 pages and the checker's preparation sheet one page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { CHECKER_PAGE, checkerReady, contentPages, fillChecker, listPages, settleOptions } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
const pages = contentPages(listPages());
export const HANDBOOK_MAX_PAGES = 12;

/** Layout problems of the loaded page at its current width. */
const layoutProblems = (page) => page.evaluate(() => {
  const out = [];
  const doc = document.scrollingElement;
  if (doc.scrollWidth > window.innerWidth) out.push(`scrolls sideways: ${doc.scrollWidth}px wide in ${window.innerWidth}px`);
  // A bullet sits on the baseline of the item's first line box; an inline-block child aligned
  // on its baseline moves that baseline to its own last line, so a wrapped one drags the
  // bullet down (the ara.html list seen at 360 px).
  for (const li of document.querySelectorAll('li')) {
    if (!li.checkVisibility() || getComputedStyle(li).listStyleType === 'none') continue;
    const first = li.firstElementChild;
    if (!first || li.firstChild !== first && li.firstChild.textContent.trim()) continue;
    const s = getComputedStyle(first);
    const lines = first.getBoundingClientRect().height / (parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.5);
    if (s.display === 'inline-block' && s.verticalAlign === 'baseline' && lines > 1.5) {
      out.push(`list marker beside the last line of “${first.textContent.trim().slice(0, 40)}”`);
    }
  }
  return out;
});

for (const width of [320, 360]) {
  for (const p of pages) {
    test(`layout at ${width} px: ${p.file}`, async () => {
      const { page, close } = await openPage(fx.browser, { viewport: { width, height: 640 } });
      try {
        await gotoSettled(page, fx.server.url(p.file), settleOptions(p));
        const problems = await layoutProblems(page);
        if (width === 360) {
          const header = await page.evaluate(() => document.querySelector('header')?.getBoundingClientRect().height ?? 0);
          if (header > 640 / 4) problems.push(`header is ${Math.round(header)} px high, more than a quarter of 640`);
        }
        assertNone(problems, `${p.file} at ${width} px`);
      } finally {
        await close();
      }
    });
  }
}

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
