// End-to-end tests of the checker page in headless Chromium. They are also the
// tests of the Rust glue (wasm-validator/src/web/checker/): every behaviour it wires —
// GOV.UK error summary and messages, re-check when a field is left, suggestions, portal-ready output,
// copy, print sheet, opt-in draft, clear — is driven here through the real page, built
// wasm and CSP, instead of wasm-bindgen-test (which needs a matching wasm-bindgen-cli runner).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { describeProblems, gotoSettled, openPage, VIEWPORTS } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
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

/** What the user sees of the summaries and of each field's messages. */
const readState = (page) => page.evaluate(() => {
  const shown = (el) => !!el && !el.hidden && el.checkVisibility();
  const links = (id) => [...document.querySelectorAll(`#${id} a`)].map((a) => ({ href: a.getAttribute('href'), text: a.textContent }));
  const fields = {};
  for (const box of document.querySelectorAll('.alan__hata, .alan__uyari')) {
    if (!shown(box)) continue;
    const id = box.id.replace(/-(hata|uyari)$/, '');
    fields[id] ??= {};
    fields[id][box.id.endsWith('-hata') ? 'error' : 'warning'] = box.textContent;
  }
  return {
    errorSummary: shown(document.getElementById('hata-ozeti')),
    warningSummary: shown(document.getElementById('uyari-ozeti')),
    errors: links('hata-listesi'),
    warnings: links('uyari-listesi'),
    count: document.getElementById('hata-ozeti-sayi').textContent,
    fields,
    active: document.activeElement?.id ?? null,
    title: document.title,
    ready: shown(document.getElementById('hazir')),
  };
});

const attr = (page, sel, name) => page.locator(sel).getAttribute(name);

/** Problems plus: any request made after the page was ready (nothing may leave the page). */
function quietProblems(opened) {
  const problems = describeProblems(opened.events);
  for (const url of opened.events.requests.slice(opened.loadRequests)) problems.push(`request after load: ${url}`);
  return problems;
}

describe('kontrol.html', () => {
  test('starts: notice hidden, checker controls shown, ready mark set, every field rendered', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    try {
      const view = await o.page.evaluate((ids) => ({
        notice: document.getElementById('kontrol-bildirim').checkVisibility(),
        button: [...document.querySelectorAll('button[type=submit]')].some((b) => b.textContent === 'Kontrol et' && b.checkVisibility()),
        mark: performance.getEntriesByName('checker-ready', 'mark').length,
        missing: ids.filter((id) => !document.getElementById(id)),
        names: ids.filter((id) => !document.querySelector(`[name="${id}"]`)),
        formAction: document.getElementById('kontrol-formu').getAttribute('action'),
        novalidate: document.getElementById('kontrol-formu').noValidate,
        provinces: [...document.querySelectorAll('#il option')].filter((o) => o.value !== '').length,
        legends: [...document.querySelectorAll('.bolum > legend')].map((l) => l.textContent.trim()),
      }), FIELD_IDS);
      assert.equal(view.notice, false, 'the "needs a modern browser" notice is hidden once the checker runs');
      assert.ok(view.button, 'the Kontrol et button is visible');
      assert.equal(view.mark, 1, "performance.mark('checker-ready')");
      assert.deepEqual(view.missing, [], 'every field id has an element');
      assert.deepEqual(view.names, [], 'every field has a control named after it');
      assert.equal(view.formAction, null);
      assert.ok(view.novalidate);
      assert.equal(view.provinces, 81);
      assert.deepEqual(view.legends, ['Başvuru Bilgileri', 'Kişisel Bilgiler', 'Kurum Bilgileri', 'İletişim Bilgileri']);
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('says nothing while typing before the first check', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    try {
      await fill(o.page, { kimlik_no: '123', posta_kodu: 'abc' });
      const s = await readState(o.page);
      assert.equal(s.errorSummary, false);
      assert.deepEqual(s.fields, {});
      assert.equal(await attr(o.page, '#kimlik_no', 'aria-invalid'), null);
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('bad values: error summary, links, focus, aria-invalid, messages, title; fixing clears', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page } = o;
    try {
      const title = await page.title();
      await fill(page, { ...VALID, kimlik_no: '17291716050', soyad: '', posta_kodu: '06420' });
      await submit(page);
      let s = await readState(page);
      assert.ok(s.errorSummary, 'error summary shown');
      assert.equal(s.active, 'hata-ozeti', 'focus moves to the error summary');
      assert.equal(await page.locator('#hata-ozeti [role=alert] h2').textContent(), 'Sorun var');
      assert.deepEqual(s.errors.map((e) => e.href), ['#kimlik_no', '#soyad', '#posta_kodu']);
      assert.match(s.count, /^3 hata var/);
      assert.equal(s.title, `Hata: ${title}`);
      for (const { href, text } of s.errors) {
        const id = href.slice(1);
        assert.ok(text.length > 10, `${id}: a real message`);
        assert.equal(s.fields[id]?.error, `Hata: ${text}`, `${id}: the same message under the field, with a hidden "Hata:"`);
        assert.equal(await attr(page, `#${id}`, 'aria-invalid'), 'true', `${id} aria-invalid`);
        assert.match(await attr(page, `#${id}`, 'aria-describedby'), new RegExp(`(^| )${id}-hata( |$)`));
      }
      assert.match(s.fields.kimlik_no.error, /kontrol|hane|rakam/i);
      assert.equal(await page.locator('#kimlik_no-hata .gizli').first().textContent(), 'Hata: ');
      assert.equal(await attr(page, '#ad', 'aria-invalid'), null, 'a valid field is not marked');
      assert.equal(await attr(page, '#kimlik_no', 'aria-describedby'), 'kimlik_no-ipucu kimlik_no-hata');
      assert.equal(s.ready, false, 'no portal-ready output while there are errors');

      // A summary link focuses its field and brings its label into view.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('#hata-listesi a[href="#posta_kodu"]').click();
      const jump = await page.evaluate(() => ({
        active: document.activeElement.id,
        labelTop: document.querySelector('label[for=posta_kodu]').getBoundingClientRect().top,
        hash: location.hash,
      }));
      assert.equal(jump.active, 'posta_kodu');
      assert.ok(jump.labelTop >= -1 && jump.labelTop < 200, `label scrolled into view (top ${jump.labelTop})`);

      // After the first check, a fixed field is re-checked when it is left (not while typed in).
      await page.fill('#soyad', 'Yılmaz');
      assert.ok((await readState(page)).fields.soyad, 'soyad message kept while the field is typed in');
      await page.keyboard.press('Tab');
      s = await readState(page);
      assert.equal(s.fields.soyad, undefined, 'soyad message cleared');
      assert.equal(await attr(page, '#soyad', 'aria-invalid'), null);
      assert.equal(await attr(page, '#soyad', 'aria-describedby'), 'soyad-ipucu');
      assert.deepEqual(s.errors.map((e) => e.href), ['#kimlik_no', '#posta_kodu']);
      assert.match(s.count, /^2 hata var/);
      assert.notEqual(s.active, 'hata-ozeti', 'focus stays where the user is');

      // …and a newly broken field is reported once it is left.
      await page.fill('#ad', 'Ay3e');
      await page.keyboard.press('Tab');
      s = await readState(page);
      assert.ok(s.fields.ad, 'ad now has a message');

      await fill(page, { kimlik_no: '10000000146', posta_kodu: '68900', ad: 'Ayşe Nur' });
      await page.keyboard.press('Tab');
      s = await readState(page);
      assert.equal(s.errorSummary, false, 'summary hidden when every error is fixed');
      assert.equal(s.title, title, '"Hata: " removed from the title');
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('an empty form at 360×640: the error summary has focus with its heading "Sorun var" on screen', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE), { viewport: { width: 360, height: 640 } });
    const { page } = o;
    try {
      await submit(page);
      await page.locator('#hata-ozeti').waitFor({ state: 'visible' });
      const v = await page.evaluate(() => {
        const box = document.getElementById('hata-ozeti').getBoundingClientRect();
        const h = document.getElementById('hata-ozeti-baslik').getBoundingClientRect();
        return { active: document.activeElement.id, links: document.querySelectorAll('#hata-listesi a').length, boxTop: box.top, boxHeight: box.height, top: h.top, bottom: h.bottom, height: innerHeight };
      });
      assert.equal(v.active, 'hata-ozeti', 'the summary is document.activeElement');
      assert.ok(v.links > 10 && v.boxHeight > v.height, `the case that matters: a summary taller than the screen (${v.links} links, ${Math.round(v.boxHeight)} px)`);
      assert.ok(v.top >= 0 && v.bottom <= v.height, `heading "Sorun var" on screen (top ${v.top}, bottom ${v.bottom})`);
      assert.ok(Math.abs(v.boxTop) <= 1, `the summary's top at the top of the screen (${v.boxTop})`);
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('after a failed check, a field is re-checked when it is left, never mid-word ("Or" toward ORTAKÖY)', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page } = o;
    try {
      await submit(page);
      await page.selectOption('#il', 'AKSARAY');
      const before = await readState(page);
      assert.ok(before.fields.ilce?.error, 'İlçe has its "empty" error');
      await page.locator('#ilce').click();
      await page.keyboard.type('Or');
      let s = await readState(page);
      assert.equal(s.active, 'ilce');
      assert.deepEqual(s.fields.ilce, before.fields.ilce, 'no new message while typing');
      assert.deepEqual(s.errors, before.errors, 'the summary unchanged while typing');
      assert.ok(!JSON.stringify(s).includes('“Or”'), 'never “Or” adında bir ilçe yok mid-word');

      await page.keyboard.press('Tab');
      s = await readState(page);
      assert.match(s.fields.ilce?.error ?? '', /“Or”/, 'checked once the field is left');

      await page.locator('#ilce').click();
      await page.keyboard.press('End');
      await page.keyboard.type('taköy');
      assert.match((await readState(page)).fields.ilce?.error ?? '', /“Or”/, 'still the last verdict while typing');
      await page.keyboard.press('Tab');
      s = await readState(page);
      assert.equal(s.fields.ilce?.error, undefined, 'cleared once the valid value is left');
      assert.ok(!s.errors.some((e) => e.href === '#ilce'));
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('İlçe says that it offers a list, in a hint tied to the field (no browser shows a cue for <input list> everywhere)', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    try {
      const v = await o.page.evaluate(() => {
        const input = document.getElementById('ilce');
        const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
        const hint = document.getElementById('ilce-ipucu');
        return {
          list: input.getAttribute('list'),
          described: ids.includes('ilce-ipucu'),
          hint: hint?.textContent ?? '',
          visible: !!hint?.checkVisibility({ checkVisibilityCSS: true }),
        };
      });
      assert.equal(v.list, 'ilce-liste');
      assert.ok(v.described, 'the hint is the field\'s aria-describedby');
      assert.ok(v.visible, 'the hint is visible');
      assert.match(v.hint, /listeden seç/i, `the hint tells of the list: "${v.hint}"`);
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('a suggestion is a button that applies it: GULAGAC → GÜLAĞAÇ', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page } = o;
    try {
      await fill(page, { ...VALID, ilce: 'GULAGAC' });
      await submit(page);
      let s = await readState(page);
      assert.ok(s.warningSummary, 'listed apart from errors');
      assert.ok(s.warnings.some((w) => w.href === '#ilce'));
      assert.equal(s.errorSummary, false);
      const button = page.getByRole('button', { name: 'Bunu mu demek istediniz: GÜLAĞAÇ' });
      await button.click();
      assert.equal(await page.inputValue('#ilce'), 'GÜLAĞAÇ');
      s = await readState(page);
      assert.equal(s.fields.ilce, undefined, 'message gone once applied');
      assert.equal(s.active, 'ilce', 'focus back in the field');
      assert.match(await page.locator('#duyuru').textContent(), /GÜLAĞAÇ/);

      // A misspelling is an error with the same kind of button.
      await page.fill('#ilce', 'GULAGC');
      await submit(page);
      s = await readState(page);
      assert.ok(s.errors.some((e) => e.href === '#ilce'));
      await page.getByRole('button', { name: 'Bunu mu demek istediniz: GÜLAĞAÇ' }).click();
      s = await readState(page);
      assert.equal(s.errorSummary, false);
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('ilçe suggestions follow the chosen il; free text still accepted', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    try {
      const options = () => o.page.evaluate(() => [...document.querySelectorAll('#ilce-liste option')].map((x) => x.value));
      assert.deepEqual(await options(), []);
      await o.page.selectOption('#il', 'AKSARAY');
      const aksaray = await options();
      assert.ok(aksaray.includes('GÜLAĞAÇ') && aksaray.includes('ORTAKÖY'), aksaray.join(','));
      await o.page.selectOption('#il', 'ANKARA');
      const ankara = await options();
      assert.ok(ankara.includes('ÇANKAYA') && !ankara.includes('GÜLAĞAÇ'));
      await o.page.fill('#ilce', 'serbest yazı');
      assert.equal(await o.page.inputValue('#ilce'), 'serbest yazı');
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('open warnings are listed in the ready block as links to their fields, without blocking', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page } = o;
    try {
      const email = FIXTURE.fields.find((f) => f.kind === 'email').id;
      await fill(page, { ...VALID, [email]: 'ayse.yilmaz@hotmail.com' });
      await submit(page);
      await page.locator('#hazir').waitFor({ state: 'visible' });
      const box = page.locator('#hazir-uyari');
      assert.ok(await box.isVisible(), 'the warnings show inside the ready block');
      const links = await page.locator('#hazir-uyari-listesi a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links, [`#${email}`]);
      // The inline warning reads as a warning: bold, behind its "!" mark, not like the grey hint.
      const looks = await page.evaluate((id) => {
        const w = getComputedStyle(document.getElementById(`${id}-uyari`));
        const h = getComputedStyle(document.getElementById(`${id}-ipucu`));
        const mark = getComputedStyle(document.getElementById(`${id}-uyari`), '::before').content;
        return { weight: w.fontWeight, hintWeight: h.fontWeight, mark };
      }, email);
      assert.ok(Number(looks.weight) >= 700 && Number(looks.hintWeight) < 700, JSON.stringify(looks));
      assert.equal(looks.mark, '"!"');
      await page.locator('#hazir-uyari-listesi a').click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), email, 'the link goes to the field');
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('portal-ready output with copy buttons; nothing is submitted', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page, context } = o;
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fx.server.origin });
      const before = page.url();
      await fill(page, VALID);
      await submit(page);
      const s = await readState(page);
      assert.equal(s.errorSummary, false);
      assert.ok(s.ready, 'output shown');
      assert.equal(s.active, 'hazir-baslik', 'focus moves to the output');
      assert.equal(page.url(), before, 'the form was not submitted');
      const value = (id) => page.locator(`#deger-${id}`).textContent();
      assert.equal(await value('ad'), 'AYŞE NUR');
      assert.equal(await value('soyad'), 'YILMAZ');
      assert.equal(await value('il'), 'AKSARAY');
      assert.equal(await value('ilce'), 'GÜLAĞAÇ');
      assert.equal(await value('is_telefonu'), '0 (382) 451 20 10');
      assert.equal(await value('bilgi_kanali'), 'Her İkisi (E-posta+SMS)');
      assert.equal(await value('guvenlik_sozcugu'), 'm*****5');
      assert.equal(await value('ev_telefonu'), '(boş)');
      assert.equal(await page.locator('[data-kopyala="guvenlik_sozcugu"]').count(), 0, 'no copy button for the security word');
      assert.equal(await page.locator('[data-kopyala="ev_telefonu"]').isVisible(), false, 'no copy button for an empty value');
      const text = await page.locator('#hazir').innerText();
      assert.ok(!text.includes(SECRET), 'the security word is never shown in full');

      // Portal order.
      const order = await page.evaluate(() => [...document.querySelectorAll('.hazir__deger')].map((e) => e.id.slice('deger-'.length)));
      assert.deepEqual(order, FIELD_IDS);

      // Copy with the Clipboard API.
      await page.locator('[data-kopyala="ad"]').click();
      await page.waitForFunction(() => document.getElementById('duyuru').textContent === 'Kopyalandı');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'AYŞE NUR');
      assert.equal(await page.locator('[data-kopyala="ad"] .kopyala__metin').textContent(), 'Kopyalandı');

      // Without the Clipboard API: the textarea + execCommand fallback.
      await page.evaluate(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true }));
      await page.locator('[data-kopyala="posta_kodu"]').click();
      await page.waitForFunction(() => document.querySelector('[data-kopyala="posta_kodu"] .kopyala__metin').textContent === 'Kopyalandı');
      assert.equal(await page.locator('[data-kopyala="ad"] .kopyala__metin').textContent(), 'Kopyala');
      assert.equal(await page.locator('textarea:not(#adres)').count(), 0, 'the helper textarea is removed');
      assertNone(quietProblems(o), CHECKER_PAGE);

      // Editing after a check hides the (now stale) output.
      await page.fill('#unvan', 'Müdür');
      assert.equal((await readState(page)).ready, false);
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
      const pdf = await page.pdf({ format: 'A4' });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.equal(pages, 1, 'one printed page');
      await page.emulateMedia({ media: 'screen' });
      assert.equal(await page.locator('#sayfa').isVisible(), false, 'the sheet is never shown on screen');
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  test('storage: nothing kept unless "Bu cihazda hatırla"; never the security word; Temizle clears', async () => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    const { page } = o;
    const storage = () => page.evaluate(() => ({ n: localStorage.length, s: sessionStorage.length, all: JSON.stringify({ ...localStorage }) }));
    try {
      await fill(page, VALID);
      await submit(page);
      assert.deepEqual(await storage(), { n: 0, s: 0, all: '{}' }, 'nothing stored by default');
      await page.check('#hatirla');
      let st = await storage();
      assert.equal(st.n, 1);
      assert.ok(st.all.includes('Ayşe Nur') && st.all.includes('AKSARAY'), st.all);
      assert.ok(!st.all.includes('kelebek'), 'security word never stored');
      await page.fill('#unvan', 'Müdür Yardımcısı');
      assert.ok((await storage()).all.includes('Müdür Yardımcısı'), 'draft follows typing');
      const address = 'Cumhuriyet Mah. \\ Blok A\nAtatürk Cad. No: 12';
      await page.fill('#adres', address);

      await gotoSettled(page, fx.server.url(CHECKER_PAGE), { waitFor: checkerReady });
      o.loadRequests = o.events.requests.length;
      assert.equal(await page.inputValue('#ad'), 'Ayşe Nur', 'draft restored');
      assert.equal(await page.inputValue('#il'), 'AKSARAY');
      assert.equal(await page.inputValue('#adres'), address, 'a multi-line address survives');
      assert.ok(await page.isChecked('input[name=bilgi_kanali][value=her-ikisi]'));
      assert.equal(await page.inputValue('#guvenlik_sozcugu'), '');
      assert.ok(await page.isChecked('#hatirla'));
      assert.ok(await page.locator('#ilce-liste option[value="GÜLAĞAÇ"]').count(), 'ilçe list filled for the restored il');

      await page.getByRole('button', { name: 'Temizle' }).click();
      assert.deepEqual(await storage(), { n: 0, s: 0, all: '{}' });
      assert.equal(await page.inputValue('#ad'), '');
      assert.equal(await page.isChecked('#hatirla'), false);
      const s = await readState(page);
      assert.ok(!s.errorSummary && !s.ready);

      // Unticking forgets at once.
      await page.fill('#ad', 'Ali');
      await page.check('#hatirla');
      assert.equal((await storage()).n, 1);
      await page.uncheck('#hatirla');
      assert.equal((await storage()).n, 0);
      assertNone(quietProblems(o), CHECKER_PAGE);
    } finally {
      await o.close();
    }
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`axe WCAG 2.1 AA: 0 violations with errors shown, and with the output shown (${name})`, async () => {
      const o = await openChecker(fx.server.url(CHECKER_PAGE), { viewport });
      try {
        await fill(o.page, { ...VALID, kimlik_no: '1234', ilce: 'GULAGAC', posta_kodu: '' });
        await submit(o.page);
        const errors = formatViolations(`errors @${viewport.width}px`, await runAxe(o.page));
        await fill(o.page, VALID);
        await submit(o.page);
        assert.ok((await readState(o.page)).ready);
        const ready = formatViolations(`output @${viewport.width}px`, await runAxe(o.page));
        assertNone([...errors, ...ready, ...quietProblems(o)], CHECKER_PAGE);
      } finally {
        await o.close();
      }
    });
  }

  test('full check time is measured (check-start → check-done)', async (t) => {
    const o = await openChecker(fx.server.url(CHECKER_PAGE));
    try {
      await fill(o.page, VALID);
      await submit(o.page);
      const m = await o.page.evaluate(() => ({
        ready: performance.getEntriesByName('checker-ready')[0].startTime,
        load: performance.getEntriesByType('navigation')[0].loadEventEnd,
        check: performance.getEntriesByName('check', 'measure').map((e) => e.duration),
      }));
      assert.equal(m.check.length, 1, 'one measure per full check');
      t.diagnostic(`ready at ${m.ready.toFixed(1)} ms (load event end ${m.load.toFixed(1)} ms), full check ${m.check[0].toFixed(2)} ms`);
    } finally {
      await o.close();
    }
  });

  test('a click on "Kontrol et" before the checker is ready is not lost: the check runs once it is, once', async () => {
    const o = await openPage(fx.browser);
    try {
      // The wasm is held back until the click has happened.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await o.page.route(/\.wasm$/, async (route) => {
        await held;
        await route.continue();
      });
      await o.page.goto(fx.server.url(CHECKER_PAGE));
      await o.page.getByRole('button', { name: 'Kontrol et' }).click({ timeout: 10000 });
      assert.equal(await o.page.evaluate(() => document.documentElement.dataset.checker ?? null), null, 'clicked before the checker started');
      assert.equal((await readState(o.page)).errorSummary, false, 'nothing shown before the checker is ready');
      release();
      await o.page.waitForFunction(() => performance.getEntriesByName('checker-warm', 'mark').length > 0, undefined, { timeout: 15000 });
      const s = await readState(o.page);
      assert.ok(s.errorSummary, 'the held check ran: the empty form has errors');
      assert.equal(s.active, 'hata-ozeti', 'focus on the error summary');
      assert.ok(Object.keys(s.fields).length > 0, 'the fields show their messages (the warm-up did not clear them)');
      assert.equal(await o.page.evaluate(() => performance.getEntriesByName('check-start', 'mark').length), 1, 'exactly one check');
      assertNone(quietProblems({ ...o, loadRequests: o.events.requests.length }), 'early click');
    } finally {
      await o.close();
    }
  });
});

describe('kontrol.html deployed differently', () => {
  test('works under the sub-path /eimza/', async () => {
    const server = await startServer(fx.dir, { prefix: '/eimza/' });
    try {
      const o = await openChecker(server.url(CHECKER_PAGE));
      try {
        await fill(o.page, { ...VALID, kimlik_no: '17291716050' });
        await submit(o.page);
        assert.deepEqual((await readState(o.page)).errors.map((e) => e.href), ['#kimlik_no']);
        assert.ok(server.requests.every((r) => r.path.startsWith('/eimza/') || r.path === '/favicon.ico'), 'every request stays under /eimza/');
        assertNone(quietProblems(o), `${CHECKER_PAGE} under /eimza/`);
      } finally {
        await o.close();
      }
    } finally {
      await server.close();
    }
  });

  test('works when .wasm is served as application/octet-stream (instantiate fallback)', async () => {
    const server = await startServer(fx.dir, { wasmMime: 'application/octet-stream' });
    try {
      const o = await openChecker(server.url(CHECKER_PAGE));
      try {
        assert.ok(server.requests.some((r) => r.file?.endsWith('.wasm') && r.type === 'application/octet-stream'), 'the wasm was served as octet-stream');
        await fill(o.page, VALID);
        await submit(o.page);
        assert.ok((await readState(o.page)).ready);
        assertNone(quietProblems(o), `${CHECKER_PAGE} with octet-stream wasm`);
      } finally {
        await o.close();
      }
    } finally {
      await server.close();
    }
  });

  test('says so in Turkish when the wasm cannot be loaded', async () => {
    const o = await openPage(fx.browser);
    try {
      await o.page.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'yok' }));
      await gotoSettled(o.page, fx.server.url(CHECKER_PAGE), { waitFor: () => document.documentElement.dataset.checker === 'failed' });
      const notice = o.page.locator('#kontrol-bildirim');
      assert.ok(await notice.isVisible());
      assert.match(await notice.textContent(), /Denetleyici bu tarayıcıda açılamadı/);
      assert.equal(await o.page.getByRole('button', { name: 'Kontrol et' }).isVisible(), false, 'no button that cannot work');
    } finally {
      await o.close();
    }
  });

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
