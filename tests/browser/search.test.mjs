// Search in a real browser: the searches the handbook promises ("puk", "parolami
// bilmiyorum", "kac nusha"), no hits said in Turkish, `ara.html?q=` on load, results while
// typing with the count in the polite live region, keyboard-only use, the header form of other
// pages, file://, no JavaScript, query text never becoming HTML — and on every page load 0
// requests to other origins, 0 CSP violations, 0 console errors.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gotoSettled, openPage } from './lib/browser.mjs';
import { SEARCH_PAGE } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();

/** search.js marks <html data-search="ready"> once the box is wired and `?q=` was searched. */
const searchReady = () => document.documentElement.dataset.search === 'ready';

/** Opens ara.html (with an optional query string) over the test server, ready to search. */
async function openSearch(query = '', options = {}) {
  const session = await openPage(fx.browser, options);
  const url = fx.server.url(SEARCH_PAGE) + (query ? `?q=${encodeURIComponent(query)}` : '');
  await gotoSettled(session.page, url, { waitFor: searchReady });
  return session;
}

/** The listed results: link, heading text, marked words (heading and excerpt). */
const results = (page) => page.evaluate(() => [...document.querySelectorAll('#ara-sonuclar > li')].map((li) => ({
  href: li.querySelector('a')?.getAttribute('href'),
  title: li.querySelector('a')?.textContent,
  marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
})));

/** The live region's text once it is not empty (it is filled after a quiet moment). */
async function announced(page) {
  await page.waitForFunction(() => document.getElementById('ara-durum').textContent.trim() !== '');
  return page.locator('#ara-durum').textContent();
}

/** Types `text` into the page's search box like a person (key by key). */
async function typeQuery(page, text) {
  await page.locator('#ara-q').fill('');
  await page.locator('#ara-q').pressSequentially(text, { delay: 20 });
}

test('"puk" lists the FAQ entry on PUK first, with PUK marked', async () => {
  const s = await openSearch();
  try {
    await typeQuery(s.page, 'puk');
    await s.page.waitForFunction(() => document.querySelectorAll('#ara-sonuclar > li').length > 0);
    const [first] = await results(s.page);
    assert.equal(first.href, 'sss.html#puk');
    assert.ok(first.marks.includes('PUK'), `PUK is not marked: ${JSON.stringify(first)}`);
    assertNone(s.problems(), 'ara.html "puk"');
  } finally {
    await s.close();
  }
});

test('"parolami bilmiyorum" finds the step-1 section on the forgotten password', async () => {
  const s = await openSearch();
  try {
    await typeQuery(s.page, 'parolami bilmiyorum');
    await s.page.waitForFunction(() => document.querySelectorAll('#ara-sonuclar > li').length > 0);
    const list = await results(s.page);
    const top = list.slice(0, 3).map((r) => r.href);
    assert.equal(top[0], 'adim-1.html#a1-parola', `not the first result: ${top.join(', ')}`);
    const step = list.find((r) => r.href === 'adim-1.html#a1-parola');
    // Folding and suffixes: "parolami" marks "Parolanı"/"Parola", "bilmiyorum" marks "Bilmiyorum".
    assert.ok(step.marks.some((m) => /^parola/i.test(m)), JSON.stringify(step));
    assert.ok(step.marks.includes('Bilmiyorum'), JSON.stringify(step));
    assertNone(s.problems(), 'ara.html "parolami bilmiyorum"');
  } finally {
    await s.close();
  }
});

test('"kac nusha" lists step 6 first', async () => {
  const s = await openSearch();
  try {
    await typeQuery(s.page, 'kac nusha');
    await s.page.waitForFunction(() => document.querySelectorAll('#ara-sonuclar > li').length > 0);
    const [first] = await results(s.page);
    assert.match(first.href, /^adim-6\.html(#|$)/);
    assertNone(s.problems(), 'ara.html "kac nusha"');
  } finally {
    await s.close();
  }
});

test('a query with no hits says so in Turkish, with a hint, and shows the plain list', async () => {
  const s = await openSearch();
  try {
    await typeQuery(s.page, 'zzqxw');
    const message = await announced(s.page);
    assert.match(message, /“zzqxw” için sonuç bulunamadı\./);
    assert.match(message, /Yazımı kontrol edin/);
    assert.equal(await s.page.locator('#ara-sonuclar').isVisible(), false);
    assert.equal(await s.page.locator('#ara-dizin').isVisible(), true);
    // A place name finds nothing in the handbook: the page points to the checker's lists.
    assert.equal(await s.page.locator('#ara-yer').isVisible(), true);
    assert.equal(await s.page.locator('#ara-yer a').getAttribute('href'), 'kontrol.html');
    assertNone(s.problems(), 'ara.html no hits');
  } finally {
    await s.close();
  }
});

test('ara.html?q= searches on load and announces the count politely', async () => {
  const s = await openSearch('ISLAK imza');
  try {
    assert.equal(await s.page.locator('#ara-q').inputValue(), 'ISLAK imza');
    const list = await results(s.page);
    assert.ok(list.length > 0, 'no results for ?q=ISLAK imza');
    // "ISLAK" finds "Islak"/"ıslak": the first result marks a word with a dotless ı or I.
    assert.ok(list[0].marks.some((m) => /^[Iı]slak/.test(m)), JSON.stringify(list[0]));
    const status = s.page.locator('#ara-durum');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    const message = await announced(s.page);
    const shown = Math.min(list.length, 30);
    assert.match(message, /^“ISLAK imza” için \d+ sonuç bulundu\./);
    assert.ok(Number(message.match(/için (\d+) sonuç/)[1]) >= shown, message);
    assertNone(s.problems(), 'ara.html?q=ISLAK imza');
  } finally {
    await s.close();
  }
});

test('results follow the typing and the address remembers the query', async () => {
  const s = await openSearch();
  try {
    await typeQuery(s.page, 'pin');
    await s.page.waitForFunction(() => document.querySelectorAll('#ara-sonuclar > li').length > 0);
    const pin = (await results(s.page)).map((r) => r.href);
    await s.page.locator('#ara-q').pressSequentially(' bloke', { delay: 20 });
    await s.page.waitForFunction((before) => {
      const first = document.querySelector('#ara-sonuclar > li a')?.getAttribute('href');
      return first && first !== before;
    }, pin[0]);
    const [first] = await results(s.page);
    assert.equal(first.href, 'sss.html#pin-bloke');
    assert.equal(new URL(s.page.url()).searchParams.get('q'), 'pin bloke');
    const message = await s.page.waitForFunction(
      () => /“pin bloke”/.test(document.getElementById('ara-durum').textContent),
    );
    assert.ok(message);
    assertNone(s.problems(), 'ara.html typing');
  } finally {
    await s.close();
  }
});

test('keyboard only: Tab to the box, type, Enter, Tab to the first result, Enter opens it', async () => {
  const s = await openSearch();
  const { page } = s;
  try {
    let steps = 0;
    while (!(await page.evaluate(() => document.activeElement?.id === 'ara-q'))) {
      await page.keyboard.press('Tab');
      if (++steps > 40) throw new Error('Tab never reached the search box');
    }
    await page.keyboard.type('puk', { delay: 20 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#ara-sonuclar > li').length > 0);
    assert.equal(new URL(page.url()).pathname.endsWith(SEARCH_PAGE), true, 'Enter left the page');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'ara-q', 'Enter moved the focus');
    await page.keyboard.press('Tab'); // the Ara button
    await page.keyboard.press('Tab'); // the first result
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    assert.equal(focused, 'sss.html#puk');
    await Promise.all([page.waitForURL(/sss\.html#puk$/), page.keyboard.press('Enter')]);
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'puk');
    assertNone(s.problems(), 'keyboard search');
  } finally {
    await s.close();
  }
});

test("another page's header form opens ara.html with the results", async () => {
  const s = await openPage(fx.browser);
  try {
    await gotoSettled(s.page, fx.server.url('sss.html'));
    await s.page.locator('#ust-ara').fill('nüsha');
    await Promise.all([s.page.waitForURL(/ara\.html\?q=/), s.page.locator('#ust-ara').press('Enter')]);
    await s.page.waitForFunction(searchReady);
    assert.equal(await s.page.locator('#ara-q').inputValue(), 'nüsha');
    assert.ok((await results(s.page)).length > 0);
    assertNone(s.problems(), 'header search form');
  } finally {
    await s.close();
  }
});

test('works from file:// with no request leaving the device', async () => {
  const s = await openPage(fx.browser);
  try {
    const url = `${pathToFileURL(join(fx.dir, SEARCH_PAGE)).href}?q=puk`;
    await gotoSettled(s.page, url, { waitFor: searchReady });
    const [first] = await results(s.page);
    assert.equal(first?.href, 'sss.html#puk');
    assert.ok(s.events.requests.every((u) => u.startsWith('file:') || u.startsWith('data:')), s.events.requests.join('\n'));
    assertNone(s.problems(), 'ara.html from file://');
  } finally {
    await s.close();
  }
});

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

test('query text is only ever text: markup in the query creates no elements', async () => {
  const s = await openSearch('<img src=x id=kotu> puk');
  try {
    assert.equal(await s.page.locator('#kotu').count(), 0);
    assert.equal(await s.page.locator('#ara-durum *').count(), 0, 'the status line holds only text');
    const message = await announced(s.page);
    assert.ok(message.includes('“<img src=x id=kotu> puk”'), message);
    const tags = await s.page.evaluate(() => [...new Set([...document.querySelectorAll('#ara-sonuclar *')].map((e) => e.localName))].sort());
    assert.deepEqual(tags.filter((t) => !['a', 'h2', 'li', 'mark', 'p'].includes(t)), []);
    assertNone(s.problems(), 'ara.html markup query');
  } finally {
    await s.close();
  }
});
