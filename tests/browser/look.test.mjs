// What a person sees: small screens and paper. At 320 and 360 px every page fits its
// width (no sideways scrolling), no list marker sits beside a wrapped item's last line, no phone
// number breaks over two lines, and the
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
  // A phone number (three or more digit groups: "444 5 576", "0 (382) 000 00 00") is read and
  // dialled as one: it never breaks over two lines, in a link or in running text.
  const phone = /\+?\(?\d[\d()]*(?:[ \u00a0]\(?\d[\d()]*){2,}/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.checkVisibility({ checkVisibilityCSS: true })) continue;
    for (const m of n.data.matchAll(phone)) {
      const range = document.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) out.push(`phone number “${m[0]}” breaks over ${lines.size} lines in <${n.parentElement.localName}>`);
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

// WebKit's wider system font wrapped the site title at 1280 px (the header 164 px high instead of
// 136). Wider type is simulated here by making the header's text 10 % larger: the title and
// each menu link must still sit on one line, with the menu and the search box below the title
// at most (two rows).
for (const scale of [1, 1.1]) {
  test(`header at 1280 px with ${scale === 1 ? 'the normal' : '10 % larger'} type: the title and each menu link on one line, two rows at most`, async () => {
    const { page, close } = await openPage(fx.browser, { viewport: { width: 1280, height: 800 } });
    try {
      await gotoSettled(page, fx.server.url('index.html'));
      const problems = await page.evaluate((k) => {
        const texts = [...document.querySelectorAll('.ust__ad a, .ust__kurum, .ust__menu a')];
        // Inline styles set through the CSSOM: allowed by the page's CSP.
        for (const el of texts) el.style.fontSize = `${parseFloat(getComputedStyle(el).fontSize) * k}px`;
        const out = [];
        for (const el of texts.filter((e) => e.checkVisibility())) {
          const range = document.createRange();
          range.selectNodeContents(el);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size !== 1) out.push(`“${el.textContent.trim()}” on ${lines.size} lines`);
        }
        // Title, menu and search box: at most two rows (items in a row overlap vertically).
        const boxes = [...document.querySelectorAll('.ust__kap > *')].filter((e) => e.checkVisibility())
          .map((e) => e.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        let rows = 0;
        let bottom = -Infinity;
        for (const b of boxes) {
          if (b.top >= bottom) rows += 1;
          bottom = Math.max(bottom, b.bottom);
        }
        if (rows > 2) out.push(`title, menu and search on ${rows} rows`);
        const doc = document.scrollingElement;
        if (doc.scrollWidth > innerWidth) out.push(`scrolls sideways: ${doc.scrollWidth}px`);
        return out;
      }, scale);
      assertNone(problems, `header at 1280 px, type ×${scale}`);
    } finally {
      await close();
    }
  });
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
