// Search as a reader uses it, in every engine (Chromium, Firefox ESR, WebKitGTK over WebDriver):
// the searches the handbook promises ("puk", "parolami bilmiyorum", "kac nusha"), no hits said
// in Turkish, `ara.html?q=` on load with the count in the polite live region, results following
// the typing, keyboard-only use, the header box of other pages, file://, and query text never
// becoming HTML. Waits on search.js's marker <html data-search="ready">, never on a sleep.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { setViewport, useEngine } from '../lib/engines.mjs';
import { By, Key, POLL, consoleErrors, inPage, open, press, waitInPage } from '../lib/flows.mjs';
import { startServer } from '../lib/server.mjs';
import { SEARCH_PAGE, siteDir } from '../lib/site.mjs';
import { assertNone } from '../lib/suite.mjs';

// One suite per file: its hooks start the engine once, then the file's own set-up, in order.
describe(`search in ${process.env.BROWSER_ENGINE || 'chromium'}`, () => {
  const fx = useEngine();
  let server;
  before(async () => {
    server = await startServer(siteDir());
    // An offline worker that keeps nothing: the real one's install fetches the whole site after
    // load, which these tests forbid of the search page. engines/anywhere.test.mjs tests it.
    server.intercept = (p) => (/\/sw\.js(\?|$)/.test(p) ? { status: 200, type: 'text/javascript', body: '// keeps nothing\n' } : null);
    await setViewport(fx.engine, { width: 1280, height: 800 });
  });
  after(async () => {
    await server?.close();
  });

  /** Opens ara.html (with an optional query string) and waits until it is ready to search. */
  async function openSearch(query = '', base = server.url(SEARCH_PAGE)) {
    await consoleErrors(fx.engine);
    const from = server.requests.length;
    await open(fx.engine, base + (query ? `?q=${encodeURIComponent(query)}` : ''), { marker: 'search' });
    return { from };
  }

  /** Console errors (where the engine reports them) and failed requests since the page was opened. */
  async function problems(opened) {
    const failed = server.requests.slice(opened.from).filter((r) => r.status >= 400).map((r) => `request failed: ${r.path} (HTTP ${r.status})`);
    return [...((await consoleErrors(fx.engine)) ?? []), ...failed];
  }

  /** The listed results: link, heading text, marked words (heading and excerpt). */
  const results = () => inPage(fx.engine, () => [...document.querySelectorAll('#ara-sonuclar > li')].map((li) => ({
    href: li.querySelector('a')?.getAttribute('href'),
    title: li.querySelector('a')?.textContent,
    marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
  })));

  /** Waits until some results are listed. */
  const someResults = () => waitInPage(fx.engine.driver, 'results are listed', () => document.querySelectorAll('#ara-sonuclar > li').length > 0);

  /** The live region's text once it is not empty (it is filled after a quiet moment). */
  const announced = (pattern = '') => waitInPage(fx.engine.driver, `the live region says ${pattern || 'something'}`, (p) => {
    const t = document.getElementById('ara-durum').textContent;
    return t.trim() !== '' && (!p || t.includes(p)) ? t : null;
  }, pattern);

  /** Types `text` into the search box key by key, after emptying it. */
  async function typeQuery(text) {
    const box = await fx.engine.driver.findElement(By.id('ara-q'));
    await inPage(fx.engine, (b) => { b.value = ''; b.dispatchEvent(new Event('input', { bubbles: true })); }, box);
    await box.sendKeys(text);
  }

  const visible = (id) => inPage(fx.engine, (i) => document.getElementById(i).checkVisibility(), id);

  describe(`search (${process.env.BROWSER_ENGINE || 'chromium'})`, () => {
    test('"puk" lists the FAQ entry on PUK first, with PUK marked', async () => {
      const o = await openSearch();
      await typeQuery('puk');
      await someResults();
      const [first] = await results();
      assert.equal(first.href, 'sss.html#puk');
      assert.ok(first.marks.includes('PUK'), `PUK is not marked: ${JSON.stringify(first)}`);
      assertNone(await problems(o), 'ara.html "puk"');
    });

    test('"parolami bilmiyorum" finds the step-1 section on the forgotten password', async () => {
      const o = await openSearch();
      await typeQuery('parolami bilmiyorum');
      await someResults();
      const list = await results();
      const top = list.slice(0, 3).map((r) => r.href);
      assert.equal(top[0], 'adim-1.html#a1-parola', `not the first result: ${top.join(', ')}`);
      const step = list.find((r) => r.href === 'adim-1.html#a1-parola');
      // Folding and suffixes: "parolami" marks "Parolanı"/"Parola", "bilmiyorum" marks "Bilmiyorum".
      assert.ok(step.marks.some((m) => /^parola/i.test(m)), JSON.stringify(step));
      assert.ok(step.marks.includes('Bilmiyorum'), JSON.stringify(step));
      assertNone(await problems(o), 'ara.html "parolami bilmiyorum"');
    });

    test('"kac nusha" lists step 6 first', async () => {
      const o = await openSearch();
      await typeQuery('kac nusha');
      await someResults();
      const [first] = await results();
      assert.match(first.href, /^adim-6\.html(#|$)/);
      assertNone(await problems(o), 'ara.html "kac nusha"');
    });

    test('a query with no hits says so in Turkish, with a hint, and shows the plain list', async () => {
      const o = await openSearch();
      await typeQuery('zzqxw');
      const message = await announced('zzqxw');
      assert.match(message, /“zzqxw” için sonuç bulunamadı\./);
      assert.match(message, /Yazımı kontrol edin/);
      assert.equal(await visible('ara-sonuclar'), false);
      assert.equal(await visible('ara-dizin'), true);
      // A place name finds nothing in the handbook: the page points to the checker's lists.
      assert.equal(await visible('ara-yer'), true);
      assert.equal(await inPage(fx.engine, () => document.querySelector('#ara-yer a').getAttribute('href')), 'kontrol.html');
      assertNone(await problems(o), 'ara.html no hits');
    });

    test('ara.html?q= searches on load and announces the count politely', async () => {
      const o = await openSearch('ISLAK imza');
      assert.equal(await inPage(fx.engine, () => document.getElementById('ara-q').value), 'ISLAK imza');
      const list = await results();
      assert.ok(list.length > 0, 'no results for ?q=ISLAK imza');
      // "ISLAK" finds "Islak"/"ıslak": the first result marks a word with a dotless ı or I.
      assert.ok(list[0].marks.some((m) => /^[Iı]slak/.test(m)), JSON.stringify(list[0]));
      assert.equal(await inPage(fx.engine, () => document.getElementById('ara-durum').getAttribute('aria-live')), 'polite');
      const message = await announced('ISLAK imza');
      const shown = Math.min(list.length, 30);
      assert.match(message, /^“ISLAK imza” için \d+ sonuç bulundu\./);
      assert.ok(Number(message.match(/için (\d+) sonuç/)[1]) >= shown, message);
      assertNone(await problems(o), 'ara.html?q=ISLAK imza');
    });

    test('results follow the typing and the address remembers the query', async () => {
      const o = await openSearch();
      await typeQuery('pin');
      await someResults();
      const [pin] = await results();
      await (await fx.engine.driver.findElement(By.id('ara-q'))).sendKeys(' bloke');
      await waitInPage(fx.engine.driver, 'the first result changes', (before) => {
        const first = document.querySelector('#ara-sonuclar > li a')?.getAttribute('href');
        return first && first !== before;
      }, pin.href);
      const [first] = await results();
      assert.equal(first.href, 'sss.html#pin-bloke');
      await announced('“pin bloke”');
      assert.equal(new URL(await fx.engine.driver.getCurrentUrl()).searchParams.get('q'), 'pin bloke');
      assertNone(await problems(o), 'ara.html typing');
    });

    test('keyboard only: Tab to the box, type, Enter, Tab to the first result, Enter opens it', async () => {
      const o = await openSearch();
      const e = fx.engine;
      let steps = 0;
      while (!(await inPage(e, () => document.activeElement?.id === 'ara-q'))) {
        await press(e, Key.TAB);
        if (++steps > 40) throw new Error('Tab never reached the search box');
      }
      await press(e, 'puk', Key.ENTER);
      await someResults();
      assert.ok(new URL(await e.driver.getCurrentUrl()).pathname.endsWith(SEARCH_PAGE), 'Enter left the page');
      assert.equal(await inPage(e, () => document.activeElement?.id), 'ara-q', 'Enter moved the focus');
      await press(e, Key.TAB); // the Ara button
      await press(e, Key.TAB); // the first result
      assert.equal(await inPage(e, () => document.activeElement?.getAttribute('href')), 'sss.html#puk');
      assertNone(await problems(o), 'keyboard search');
      await press(e, Key.ENTER);
      await e.driver.wait(async () => /sss\.html#puk$/.test(await e.driver.getCurrentUrl()), 10_000, undefined, POLL);
      await waitInPage(e.driver, ':target is #puk', () => document.querySelector(':target')?.id === 'puk');
      assertNone((await consoleErrors(e)) ?? [], 'sss.html#puk');
    });

    test("another page's header box opens ara.html with the results", async () => {
      const e = fx.engine;
      await consoleErrors(e);
      const o = { from: server.requests.length };
      await open(e, server.url('sss.html'));
      await (await e.driver.findElement(By.id('ust-ara'))).sendKeys('nüsha', Key.ENTER);
      await e.driver.wait(async () => /ara\.html\?q=/.test(await e.driver.getCurrentUrl()), 10_000, undefined, POLL);
      await waitInPage(e.driver, 'data-search="ready"', () => document.documentElement.dataset.search === 'ready');
      assert.equal(await inPage(e, () => document.getElementById('ara-q').value), 'nüsha');
      assert.ok((await results()).length > 0);
      assertNone(await problems(o), 'header search form');
    });

    test('works from file://', async () => {
      const e = fx.engine;
      await open(e, `${pathToFileURL(join(siteDir(), SEARCH_PAGE)).href}?q=puk`, { marker: 'search' });
      const [first] = await results();
      assert.equal(first?.href, 'sss.html#puk');
      const offDevice = await inPage(e, () => performance.getEntriesByType('resource').map((r) => r.name).filter((u) => !/^(file|data):/.test(u)));
      assert.deepEqual(offDevice, [], 'no request leaves the device (Resource Timing lists network loads)');
      assertNone((await consoleErrors(e)) ?? [], 'ara.html from file://');
    });

    test('query text is only ever text: markup in the query creates no elements', async () => {
      const o = await openSearch('<img src=x id=kotu> puk');
      assert.equal(await inPage(fx.engine, () => document.querySelectorAll('#kotu').length), 0);
      assert.equal(await inPage(fx.engine, () => document.querySelectorAll('#ara-durum *').length), 0, 'the status line holds only text');
      const message = await announced('puk');
      assert.ok(message.includes('“<img src=x id=kotu> puk”'), message);
      const tags = await inPage(fx.engine, () => [...new Set([...document.querySelectorAll('#ara-sonuclar *')].map((el) => el.localName))].sort());
      assert.deepEqual(tags.filter((t) => !['a', 'h2', 'li', 'mark', 'p'].includes(t)), []);
      assertNone(await problems(o), 'ara.html markup query');
    });
  });
});
