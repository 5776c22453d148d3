// The one-visit sweep's gates for any engine (lib/engines.mjs): for a page at one width, one
// visit collects layout, axe in light then dark, one Tab walk sampled under both schemes,
// console errors, CSP reports, failed and off-site requests. Each gate is a function of the
// loaded page, so engines/gates-can-fail.test.mjs runs the same ones on planted faults.
import { By, Key } from 'selenium-webdriver';
import { AXE_SOURCE, WCAG21AA_TAGS, formatViolations } from './axe.mjs';
import { setViewport } from './engines.mjs';
import { tabWalk } from './keyboard.mjs';
import { POLL } from './flows.mjs';
import { checkerFixture } from './site.mjs';

/** Widths of the sweep and the height each gets: two phones and a desktop. */
export const SWEEP_VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
];

/**
 * Widths at which axe runs (light and dark), and the checker's error and ready states are
 * visited, per engine, as each engine's readers hold it: Chromium (Android phones and office
 * PCs) at a phone's 360 px and at 1280; Firefox (the school PC) at 1280; WebKit (Safari on an
 * iPhone) at 360. Every engine has axe in both schemes; every width has it in Chromium. Axe at
 * both widths in every engine was a fifth of the browser stage's time on the 2-core machine.
 */
export function axeWidths(engineName) {
  return { chromium: [360, 1280], firefox: [1280], webkit: [360] }[engineName] ?? [360, 1280];
}

/**
 * Widths of the Tab walk: Chromium at both widths, Firefox and WebKit at 1280 px, where the
 * header's menu is laid out as links (chosen when a walk still cost two WebDriver round trips
 * per focusable element; it is one Actions request now, lib/keyboard.mjs).
 */
export function keyboardWidths(engineName) {
  return engineName === 'chromium' ? [360, 1280] : [1280];
}

/** MiniBrowser's window cannot be narrower than its toolbar. */
const WEBKIT_MIN_WIDTH = 447;

/**
 * Dark mode cannot be asked for over classic WebDriver, and each engine has its own way
 * (Chromium's DevTools, a Firefox pref read at start, MiniBrowser's --dark-mode at start).
 * The site writes its dark scheme only as `@media (prefers-color-scheme: dark)` rules plus
 * `color-scheme: light dark`, so the same switch works in every engine: those rules' media
 * become `all`, and the root's `color-scheme` becomes `dark` as the browser would make it.
 * Installs `window.__eimzaScheme(dark)` and sets `window.__eimzaDark`.
 */
export function installSchemeSwitch() {
  if (window.__eimzaScheme) return;
  const rules = [];
  const walk = (list) => {
    for (const r of list) {
      if (r.media && /prefers-color-scheme/.test(r.media.mediaText)) rules.push({ r, text: r.media.mediaText });
      if (r.cssRules) walk(r.cssRules);
    }
  };
  for (const sheet of document.styleSheets) {
    try {
      walk(sheet.cssRules);
    } catch {
      // a sheet from another origin: the site has none (the security gate forbids it)
    }
  }
  window.__eimzaDark = false;
  window.__eimzaScheme = (dark) => {
    for (const { r, text } of rules) {
      r.media.mediaText = dark
        ? text.replace(/\(\s*prefers-color-scheme\s*:\s*dark\s*\)/g, 'all').replace(/\(\s*prefers-color-scheme\s*:\s*light\s*\)/g, '(max-width: 0px) and (min-width: 1px)')
        : text;
    }
    document.documentElement.style.colorScheme = dark ? 'dark' : '';
    window.__eimzaDark = dark;
  };
}

/**
 * Opens `rel` at `viewport` in the engine and waits on the site's own markers: the checker's
 * `data-checker="ready"`, the search's `data-search="ready"`, else the load event (WebDriver's
 * navigation waits for it). In WebKit under 447 px the page is measured in an iframe of that
 * size on a harness page of the test server (`/__frame.html`): the page's media queries, layout
 * and scripts see exactly that viewport. Returns `{ framed }`.
 */
export async function visit(engine, server, rel, viewport, { kind } = {}) {
  const { driver } = engine;
  await driver.switchTo().defaultContent();
  const framed = engine.name === 'webkit' && viewport.width < WEBKIT_MIN_WIDTH;
  if (framed) {
    if (engine.viewport?.width !== 1280) engine.viewport = await setViewport(engine, { width: 1280, height: 800 });
    await driver.get(`${server.origin}/__frame.html?w=${viewport.width}&h=${viewport.height}&src=${encodeURIComponent(server.url(rel))}`);
    await driver.switchTo().frame(0);
  } else {
    if (engine.viewport?.width !== viewport.width || engine.viewport?.height !== viewport.height) {
      engine.viewport = await setViewport(engine, viewport);
    }
    await driver.get(server.url(rel));
  }
  await waitReady(driver, rel, kind);
  const [w, h] = await driver.executeScript('return [innerWidth, innerHeight]');
  if (w !== viewport.width) throw new Error(`${rel}: the viewport is ${w}×${h}, not ${viewport.width} px wide`);
  await driver.executeScript(installSchemeSwitch);
  return { framed };
}

/** Waits until the page says it is ready (see `visit`); a failed checker fails at once. */
export async function waitReady(driver, label, kind) {
  const state = await driver.wait(async () => {
    const s = await driver.executeScript(`
      if (document.readyState !== 'complete') return null;
      const d = document.documentElement.dataset;
      if (${JSON.stringify(kind)} === 'checker' || ${JSON.stringify(kind)} === 'one-file') return d.checker === 'ready' || d.checker === 'failed' ? d.checker : null;
      if (${JSON.stringify(kind)} === 'search') return d.search === 'ready' ? 'ready' : null;
      return 'ready';`);
    return s;
  }, 20000, `${label}: never became ready (data-checker / data-search / load)`, POLL);
  if (state !== 'ready') throw new Error(`${label}: the checker says data-checker="${state}"`);
}

/** Layout problems of the loaded page at its width (in-page; see look.test.mjs's history). */
export function layoutProblems(width) {
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
  // The header takes at most a quarter of a 360×640 phone screen.
  if (width === 360) {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    if (header > 640 / 4) out.push(`header is ${Math.round(header)} px high, more than a quarter of 640`);
  }
  return out;
}

/**
 * At 1280 px the site title and each menu link sit on one line, and title, menu and search
 * box take two rows at most, also with the header's type `scale` times larger (WebKit's wider
 * system font wrapped the title: 164 px instead of 136). The scaled type is put back after.
 */
export function headerProblems(scale) {
  const texts = [...document.querySelectorAll('.ust__ad a, .ust__kurum, .ust__menu a')];
  // Inline styles set through the CSSOM: allowed by the page's CSP.
  const saved = texts.map((el) => el.style.fontSize);
  for (const el of texts) el.style.fontSize = `${parseFloat(getComputedStyle(el).fontSize) * scale}px`;
  const out = [];
  for (const el of texts.filter((e) => e.checkVisibility())) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    if (lines.size !== 1) out.push(`“${el.textContent.trim()}” on ${lines.size} lines (type ×${scale})`);
  }
  const boxes = [...document.querySelectorAll('.ust__kap > *')].filter((e) => e.checkVisibility())
    .map((e) => e.getBoundingClientRect()).sort((a, b) => a.top - b.top);
  let rows = 0;
  let bottom = -Infinity;
  for (const b of boxes) {
    if (b.top >= bottom) rows += 1;
    bottom = Math.max(bottom, b.bottom);
  }
  if (rows > 2) out.push(`title, menu and search on ${rows} rows (type ×${scale})`);
  const doc = document.scrollingElement;
  if (doc.scrollWidth > innerWidth) out.push(`scrolls sideways: ${doc.scrollWidth}px (type ×${scale})`);
  texts.forEach((el, i) => { el.style.fontSize = saved[i]; });
  return out;
}

/**
 * Axe-core (WCAG 2.1 AA) in light, then with the site's dark scheme switched on, in one
 * script: one line per violating element. axe is injected once per document (its 650 KB
 * source only when the page does not have it yet).
 */
export async function axeBothSchemes(driver, label, { tags = WCAG21AA_TAGS } = {}) {
  const run = () => driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    if (typeof window.axe !== 'object') return done(null);
    const map = (result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
    const failed = (e) => [{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [{ target: 'document', html: '', summary: '' }] }];
    const options = { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] };
    (async () => {
      const light = await window.axe.run(document, options).then(map, failed);
      window.__eimzaScheme(true);
      try {
        const dark = await window.axe.run(document, options).then(map, failed);
        return { light, dark };
      } finally {
        window.__eimzaScheme(false);
      }
    })().then(done, (e) => done({ light: failed(e), dark: [] }));`, tags);
  let result = await run();
  if (!result) {
    await driver.executeScript(AXE_SOURCE);
    result = await run();
  }
  if (!result) throw new Error(`${label}: axe-core could not be injected`);
  return [...formatViolations(`${label} light`, result.light), ...formatViolations(`${label} dark`, result.dark)];
}

/**
 * The Tab walk over WebDriver: every Tab press of the walk in one Actions request, each focus
 * step measured in the page as it happens (lib/keyboard.mjs).
 */
export function walkTarget(driver) {
  return {
    evaluate: (fn, arg) => driver.executeScript(fn, arg),
    tabs: (n) => driver.actions().sendKeys(Key.TAB.repeat(n)).perform(),
  };
}

/** Keyboard problems of one walk (skip link first, all reachable, the site's own visible focus). */
export function keyboardProblems(walk) {
  const problems = [];
  if (walk.order.length === 0) problems.push('Tab focuses nothing');
  else if (!walk.firstTarget) problems.push(`first focusable element is not a skip link to an element on the page: ${walk.order[0]}`);
  else if (!/^<main\b/.test(walk.firstTarget)) problems.push(`skip link points to ${walk.firstTarget}, expected <main>`);
  for (const d of walk.unreached) problems.push(`not reachable with Tab: ${d}`);
  for (const d of walk.noIndicator) problems.push(`no visible focus indicator: ${d}`);
  for (const d of walk.hiddenFocus) problems.push(`focused but not visible (clipped or zero size): ${d}`);
  for (const d of walk.weakIndicator) problems.push(`focus indicator under 3:1 or the browser's own: ${d}`);
  for (const d of walk.lowText) problems.push(`focused text under 4.5:1 on its focus background: ${d}`);
  return problems;
}

/** One Tab walk from the top of the page, measured in light and dark. */
export async function keyboardGate(driver) {
  // Start from the document, not from whatever the last action focused.
  await driver.executeScript('document.activeElement?.blur(); window.scrollTo(0, 0);');
  const walk = await tabWalk(walkTarget(driver), { dark: true });
  // The walk ends when focus leaves the page; in MiniBrowser it lands in the toolbar, and the
  // next click on the page would only bring the focus back. A click on the heading does that.
  await driver.findElement(By.css('h1')).click().catch(() => {});
  return keyboardProblems(walk);
}

/**
 * Requests of the visit that failed (from the test server's log: status ≥ 400, the browser's
 * own /favicon.ico excepted) and resources the page loaded from another origin (Resource
 * Timing, which every engine keeps).
 */
export async function requestProblems(driver, server, since) {
  const out = [];
  for (const r of server.requests.slice(since)) {
    if (r.status >= 400 && !/\/favicon\.ico$/.test(r.path)) out.push(`request failed: ${r.path} (HTTP ${r.status})`);
  }
  // What the page fetched (Resource Timing) and what its elements ask for (a blocked or failed
  // fetch may leave no timing entry).
  const off = await driver.executeScript(`
    const asked = [...document.querySelectorAll('img[src], script[src], iframe[src], source[src], video[src], audio[src], link[href]')]
      .filter((el) => el.localName !== 'link' || /stylesheet|icon|preload|manifest/.test(el.rel))
      .map((el) => el.src || el.href);
    const urls = [...performance.getEntriesByType('resource').map((e) => e.name), ...asked];
    return [...new Set(urls.filter((u) => /^https?:/.test(u) && new URL(u).origin !== location.origin))];`);
  for (const u of off) out.push(`request to another origin: ${u}`);
  return out;
}

/** CSP violations the engine POSTed to the test server since `since` (see lib/server.mjs). */
export function cspProblems(server, since) {
  return server.cspReports.slice(since).map((v) => `CSP violation: ${v.directive} blocked ${v.blocked}${v.source ? ` at ${v.source}:${v.line}` : ''}${v.sample ? ` (${v.sample})` : ''}`);
}

/** Console errors since the last call, or null where the engine reports none (WebKit). */
export async function consoleProblems(engine) {
  const entries = await engine.logs();
  if (entries === null) return null;
  return entries
    .filter((e) => e.level === 'error' || e.level === 'severe')
    .filter((e) => !/favicon\.ico/.test(e.text))
    .map((e) => `console error: ${e.text}`);
}

/**
 * Fills each form's empty text fields with “imza” and sends it (requestSubmit, as a click
 * would), each from a fresh load; waits until the page handled it itself (its submit listener
 * prevented the default: the checker, the search page's own box), it navigated and the new page
 * is ready, or a CSP report arrived (a blocked form-action).
 */
export async function submitForms(engine, server, rel, viewport, kind) {
  const { driver } = engine;
  const count = await driver.executeScript('return document.forms.length');
  for (let i = 0; i < count; i++) {
    if (i > 0) await visit(engine, server, rel, viewport, { kind });
    const reports = server.cspReports.length;
    const before = await driver.executeScript(`
      const form = document.forms[arguments[0]];
      for (const input of form.querySelectorAll('input[type=search], input[type=text], input:not([type]), textarea')) {
        if (!input.value) input.value = 'imza';
      }
      // Bubbles to window after the page's own listeners: whether one of them took the submit.
      window.addEventListener('submit', (e) => { window.__eimzaHandled = e.defaultPrevented; }, { once: true });
      window.__eimzaSent = true;
      setTimeout(() => form.requestSubmit(), 0);
      return location.href;`, i);
    // A guard, not a budget: as long as `visit`'s wait for ready, since sending the header's
    // search opens ara.html, which must get ready too (9.4 s for ara.html's whole test in
    // WebKit on the loaded 2-core machine).
    await driver.wait(async () => {
      if (server.cspReports.length > reports) return true;
      try {
        return await driver.executeScript(`
          if (window.__eimzaSent) return window.__eimzaHandled === true;
          if (document.readyState !== 'complete' || location.href === arguments[0]) return false;
          return !/ara\.html$/.test(location.pathname) || document.documentElement.dataset.search === 'ready';`, before);
      } catch {
        return false; // the document is being replaced
      }
    }, 20000, `${rel}: form ${i + 1} was neither handled by the page, sent nor blocked within 20 s`, POLL);
  }
}

/**
 * Puts the example application (CHECKER_FIXTURE), or `values`, into the checker in one script:
 * each text field and drop-down gets its value with the `input` and `change` events a person's
 * edit fires, each radio is clicked. The states it leads to (errors shown, ready) are what the
 * sweep checks; typing key by key into the same form is engines/checker.test.mjs's own test
 * (lib/flows.mjs `fillChecker`), and cost 1–3 s per form over WebDriver here.
 */
export async function putCheckerValues(driver, values = checkerFixture().example) {
  const controls = Object.fromEntries(checkerFixture().fields.map((f) => [f.id, f.control]));
  const missing = await driver.executeScript(`
    const [values, controls] = arguments;
    const missing = [];
    for (const [id, value] of Object.entries(values)) {
      if (controls[id] === 'radio') {
        if (!value) continue;
        const radio = document.querySelector('input[name="' + id + '"][value="' + value + '"]');
        if (radio) radio.click(); else missing.push(id + ' = ' + value);
        continue;
      }
      const el = document.getElementById(id);
      if (!el) { missing.push('#' + id); continue; }
      if (controls[id] === 'select') {
        // By value or by label, as a person picks it from the list.
        const option = [...el.options].find((o) => o.value === value || o.text.trim() === value);
        if (!option) { missing.push('#' + id + ' option ' + value); continue; }
        el.value = option.value;
      } else {
        el.value = value;
      }
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
    return missing;`, values, controls);
  if (missing.length) throw new Error(`the checker has no ${missing.join(', ')}`);
}
