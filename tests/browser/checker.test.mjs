// What only Chromium can test of the checker page (DevTools: a clipboard permission, print
// media and PDF, JavaScript switched off). Everything a reader does with the checker runs in
// every engine in engines/checker.test.mjs, the tests of the Rust glue
// (wasm-validator/src/web/checker/); its axe states are in the one-visit sweep (engines/pages.test.mjs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeProblems, gotoSettled, openPage } from './lib/browser.mjs';
import { CHECKER_PAGE, checkerFixture, checkerReady, fillChecker } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();

/** The portal's fields in order and a valid example application: from the project's schema. */
const FIXTURE = checkerFixture();
const FIELD_IDS = FIXTURE.fields.map((f) => f.id);
const VALID = FIXTURE.example;
const SECRET = VALID.guvenlik_sozcugu;

/** Opens the checker, waits until the wasm has wired it, and notes how many requests loading took. */
async function openChecker(url, options = {}) {
  const opened = await openPage(fx.browser, options);
  await gotoSettled(opened.page, url, { waitFor: checkerReady });
  opened.loadRequests = opened.events.requests.length;
  return opened;
}

const fill = fillChecker;

const submit = (page) => page.getByRole('button', { name: 'Kontrol et' }).click();

/** Problems plus: any request made after the page was ready (nothing may leave the page). */
function quietProblems(opened) {
  const problems = describeProblems(opened.events);
  for (const url of opened.events.requests.slice(opened.loadRequests)) problems.push(`request after load: ${url}`);
  return problems;
}

describe('kontrol.html', () => {
  // What every engine shows when Kopyala is pressed is in engines/checker.test.mjs; only here
  // can the clipboard itself be read (a permission granted over DevTools).
  test('Kopyala puts the value on the clipboard', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page, context } = o;
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fx.server.origin });
      await fill(page, VALID);
      await submit(page);
      await page.locator('[data-kopyala="ad"]').click();
      await page.waitForFunction(() => document.getElementById('duyuru').textContent === 'Kopyalandı');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'AYŞE NUR');
      assert.equal(await page.locator('[data-kopyala="ad"] .kopyala__metin').textContent(), 'Kopyalandı');
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('Yazdır prints only the preparation sheet, with the security word masked', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page } = o;
    try {
      await fill(page, VALID);
      await submit(page);
      await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
      await page.getByRole('button', { name: 'Yazdır' }).click();
      assert.equal(await page.evaluate(() => window.__printed), 1, 'window.print() called');
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => ({
        text: document.body.innerText,
        sheet: document.getElementById('sayfa').checkVisibility(),
        form: document.getElementById('kontrol-formu').checkVisibility(),
        header: document.querySelector('header').checkVisibility(),
        footer: document.querySelector('footer').checkVisibility(),
        cell: document.getElementById('sayfa-guvenlik_sozcugu').textContent,
        ad: document.getElementById('sayfa-ad').textContent,
      }));
      assert.ok(printed.sheet, 'sheet printed');
      assert.ok(!printed.form && !printed.header && !printed.footer, 'nothing else printed');
      assert.equal(printed.cell, 'm*****5');
      assert.equal(printed.ad, 'AYŞE NUR');
      assert.ok(!printed.text.includes(SECRET), 'the security word is not printed');
      assert.ok(printed.text.includes('E-imza başvurusu hazırlık sayfası'));
      // That it fits one A4 page is look.test.mjs's print gate.
      await page.emulateMedia({ media: 'screen' });
      assert.equal(await page.locator('#sayfa').isVisible(), false, 'the sheet is never shown on screen');
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('a click on "Kontrol et" before the checker is ready is not lost: the check runs once it is, once', async () => {
    // DevTools request interception holds the wasm back until the click has happened.
    const o = await openPage(fx.browser);
    const state = () => o.page.evaluate(() => ({
      summary: !document.getElementById('hata-ozeti').hidden && document.getElementById('hata-ozeti').checkVisibility(),
      active: document.activeElement?.id ?? null,
      fieldMessages: [...document.querySelectorAll('.alan__hata')].filter((b) => !b.hidden && b.checkVisibility()).length,
    }));
    try {
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await o.page.route(/\.wasm$/, async (route) => {
        await held;
        await route.continue();
      });
      await o.page.goto(fx.server.url(CHECKER_PAGE));
      await o.page.getByRole('button', { name: 'Kontrol et' }).click({ timeout: 10000 });
      assert.equal(await o.page.evaluate(() => document.documentElement.dataset.checker ?? null), null, 'clicked before the checker started');
      assert.equal((await state()).summary, false, 'nothing shown before the checker is ready');
      release();
      await o.page.waitForFunction(() => performance.getEntriesByName('checker-warm', 'mark').length > 0, undefined, { timeout: 15000 });
      const s = await state();
      assert.ok(s.summary, 'the held check ran: the empty form has errors');
      assert.equal(s.active, 'hata-ozeti', 'focus on the error summary');
      assert.ok(s.fieldMessages > 0, 'the fields show their messages (the warm-up did not clear them)');
      assert.equal(await o.page.evaluate(() => performance.getEntriesByName('check-start', 'mark').length), 1, 'exactly one check');
      assertNone(quietProblems({ ...o, loadRequests: o.events.requests.length }), 'early click');
    } finally {
      await o.close();
    }
  });
});

describe('kontrol.html without JavaScript', () => {
  test('without JavaScript: a checklist of the portal fields and the notice', async () => {
    const o = await openPage(fx.browser, { javaScriptEnabled: false });
    try {
      await gotoSettled(o.page, fx.server.url(CHECKER_PAGE));
      const view = await o.page.evaluate(() => ({
        notice: document.getElementById('kontrol-bildirim').checkVisibility(),
        labels: document.querySelectorAll('.alan__etiket').length,
        button: [...document.querySelectorAll('button')].some((b) => b.textContent === 'Kontrol et' && b.checkVisibility()),
      }));
      assert.ok(view.notice, 'the "needs a modern browser" notice shows');
      assert.equal(view.labels, FIELD_IDS.length + 1, 'every field labelled (+ the storage group)');
      assert.equal(view.button, false);
    } finally {
      await o.close();
    }
  });
});
