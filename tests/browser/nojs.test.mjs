// No-JavaScript gate: with JavaScript disabled every page still has its header
// navigation, main content and footer, and every handbook page shows the same headings and
// (nearly) the same text as with JavaScript — nothing essential waits for a script; the header
// search form still reaches ara.html, which lists every section. The page gate itself is
// `noJsProblems` in lib/sitegates.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { contentPages, listPages } from './lib/site.mjs';
import { noJsProblems } from './lib/sitegates.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
const pages = contentPages(listPages());

for (const p of pages) {
  test(`complete without JavaScript: ${p.file}`, async () => {
    assertNone(await noJsProblems(fx.browser, fx.server, p), `${p.file} without JavaScript`);
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
