// No-JavaScript gate: with JavaScript disabled every page still has its header
// navigation, main content and footer, and every handbook page shows the same headings and
// (nearly) the same text as with JavaScript — nothing essential waits for a script; the header
// search form still reaches ara.html, which lists every section.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { contentPages, listPages, settleOptions } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
const pages = contentPages(listPages());

/** What a reader sees: landmarks, visible headings, length of the visible main text. */
const readView = (page) => page.evaluate(() => {
  const visible = (el) => !!el && el.checkVisibility({ checkVisibilityCSS: true });
  const main = document.querySelector('main');
  return {
    main: visible(main),
    h1: [...document.querySelectorAll('main h1')].filter(visible).map((h) => h.innerText.trim()).filter(Boolean),
    headings: [...document.querySelectorAll('main h1, main h2, main h3')].filter(visible).map((h) => h.innerText.trim()),
    text: main ? main.innerText.trim().length : 0,
    navLinks: document.querySelectorAll('header nav a[href], nav a[href]').length,
    footerPhone: !!document.querySelector('footer a[href^="tel:"]'),
    footer: visible(document.querySelector('footer')),
  };
});

for (const p of pages) {
  test(`complete without JavaScript: ${p.file}`, async () => {
    const off = await openPage(fx.browser, { javaScriptEnabled: false });
    const on = await openPage(fx.browser);
    try {
      await gotoSettled(off.page, fx.server.url(p.file));
      await gotoSettled(on.page, fx.server.url(p.file), settleOptions(p));
      const a = await readView(off.page);
      const b = await readView(on.page);
      const problems = [];
      if (!a.main) problems.push('no visible <main>');
      if (a.h1.length !== 1) problems.push(`expected one visible <h1> in <main>, found ${a.h1.length}`);
      // The one-file checker has no pages to link to.
      if (a.navLinks === 0 && p.kind !== 'one-file') problems.push('no navigation links');
      if (!a.footer || !a.footerPhone) problems.push('no visible footer with the Kamu SM tel: link');
      if (p.kind === 'handbook') {
        for (const h of b.headings) if (!a.headings.includes(h)) problems.push(`heading “${h}” is visible only with JavaScript`);
        if (a.text < b.text * 0.9) problems.push(`main text is ${a.text} characters without JavaScript, ${b.text} with it`);
      } else if (a.text === 0) {
        problems.push('empty <main>: say what the page needs JavaScript for');
      }
      assertNone(problems, `${p.file} without JavaScript`);
    } finally {
      await off.close();
      await on.close();
    }
  });
}

test('without JavaScript: the header form reaches ara.html, which lists every section', async () => {
  const s = await openPage(fx.browser, { javaScriptEnabled: false });
  try {
    await gotoSettled(s.page, fx.server.url('index.html'));
    await s.page.locator('#ust-ara').fill('puk');
    await Promise.all([s.page.waitForURL(/ara\.html\?q=puk/), s.page.locator('#ust-ara').press('Enter')]);
    const links = await s.page.evaluate(() => [...document.querySelectorAll('#ara-dizin a')].map((a) => a.getAttribute('href')));
    for (const href of ['sss.html', 'sss.html#puk', 'adim-1.html#a1-parola', 'adim-6.html']) {
      assert.ok(links.includes(href), `${href} missing from the plain list`);
    }
    assert.equal(await s.page.locator('#ara-dizin').isVisible(), true);
    assertNone(s.problems(), 'ara.html without JavaScript');
  } finally {
    await s.close();
  }
});
