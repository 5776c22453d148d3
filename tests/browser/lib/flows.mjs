// Reader flows over WebDriver, shared by the files under tests/browser/engines/ that run in
// Chromium, Firefox ESR and WebKitGTK alike: open a page and wait for the site's own readiness
// marker, type into the checker like a person, read what the reader sees, and list the console
// errors of engines that report them.
import { By, Key, until } from 'selenium-webdriver';
import { checkerFixture } from './site.mjs';

export { By, Key };

/** How long a marker may take (a cold WebKit start compiles the wasm on a 2-core machine). */
export const MARKER_TIMEOUT = 20_000;

/**
 * How often a wait asks the page again. selenium's default is 200 ms, which most waits of the
 * suite (a marker set a few ms after a click) spent whole; one more WebDriver call costs less.
 */
export const POLL = 25;

/**
 * Waits until `<html data-NAME>` is `value` (the checker sets data-checker="ready" or "failed",
 * search.js data-search="ready"). Fails naming the marker and what it was instead.
 */
export async function waitForMarker(driver, name, value = 'ready', timeout = MARKER_TIMEOUT) {
  try {
    await driver.wait(async () => (await driver.executeScript(`return document.documentElement.dataset[${JSON.stringify(name)}] ?? null`)) === value, timeout, undefined, POLL);
  } catch {
    const now = await driver.executeScript(`return document.documentElement.dataset[${JSON.stringify(name)}] ?? null`).catch(() => '(page gone)');
    throw new Error(`${await driver.getCurrentUrl()}: data-${name} never became "${value}" within ${timeout} ms (it is ${JSON.stringify(now)})`);
  }
}

/** Waits until `fn` (a function run in the page with `args`) returns something truthy; returns it. */
export async function waitInPage(driver, what, fn, ...args) {
  let last;
  try {
    await driver.wait(async () => {
      last = await driver.executeScript(fn, ...args);
      return !!last;
    }, MARKER_TIMEOUT, undefined, POLL);
  } catch {
    throw new Error(`timed out after ${MARKER_TIMEOUT} ms waiting until ${what}`);
  }
  return last;
}

/** Opens `url` and waits for a marker (`{ marker: 'checker' | 'search', value }`), if any. */
export async function open(engine, url, { marker, value = 'ready' } = {}) {
  await engine.driver.get(url);
  if (marker) await waitForMarker(engine.driver, marker, value);
}

/** Runs `fn(...args)` in the page and returns its result. */
export const inPage = (engine, fn, ...args) => engine.driver.executeScript(fn, ...args);

/** Presses keys on whatever has focus (Tab, End, …), as one keyboard action. */
export async function press(engine, ...keys) {
  await engine.driver.actions({ async: true }).sendKeys(...keys).perform();
}

/** Clicks the first element matching `css` (after scrolling it into view, as WebDriver does). */
export async function click(engine, css) {
  await (await engine.driver.findElement(By.css(css))).click();
}

/** Clicks the button whose text is `name`. */
export async function clickButton(engine, name) {
  const buttons = await engine.driver.findElements(By.css('button'));
  for (const b of buttons) {
    if ((await b.getText()).trim() === name && (await b.isDisplayed())) {
      await b.click();
      return;
    }
  }
  throw new Error(`no visible button "${name}"`);
}

/**
 * Types `value` into a text field like a person: the field gets focus (the one left is blurred,
 * as a click would), its old text goes with one input event, then key by key.
 */
export async function typeInto(engine, id, value) {
  const el = await engine.driver.findElement(By.id(id));
  await engine.driver.executeScript((e) => {
    if (e.value !== '') {
      e.value = '';
      e.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, el);
  if (value === '') {
    await engine.driver.executeScript((e) => e.focus(), el);
  } else {
    // A line break as the Enter key: WebKitWebDriver drops a typed "\n".
    await el.sendKeys(value.replaceAll('\n', Key.ENTER));
  }
}

/**
 * Chooses `value` in the drop-down `id`: a click on the option whose value (its text when it
 * has no value attribute, as the checker's provinces) is `value`, as WebDriver does it.
 */
export async function choose(engine, id, value) {
  const option = await engine.driver.executeScript((i, v) => [...document.getElementById(i).options].find((o) => o.value === v) ?? null, id, value);
  if (!option) throw new Error(`#${id} has no option ${value}`);
  await option.click();
}

/**
 * Types `values` ({fieldId: value}; default the example application) into the checker:
 * radios clicked, drop-downs chosen, text fields typed.
 */
export async function fillChecker(engine, values = checkerFixture().example) {
  const controls = new Map(checkerFixture().fields.map((f) => [f.id, f.control]));
  for (const [id, value] of Object.entries(values)) {
    const control = controls.get(id);
    if (control === 'radio') {
      if (value) await click(engine, `input[name="${id}"][value="${value}"]`);
    } else if (control === 'select') {
      await choose(engine, id, value);
    } else {
      await typeInto(engine, id, value);
    }
  }
}

/** Sends the checker form with its "Kontrol et" button. */
export const submitChecker = (engine) => click(engine, '#kontrol-et');

/** What the reader sees of the checker: summaries, each field's messages, focus, title, output. */
export const readChecker = (engine) => inPage(engine, () => {
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
    heading: document.getElementById('hazir-baslik')?.textContent ?? null,
  };
});

/** Fills the example application, sends it, waits for the ready block and returns the state. */
export async function fullCheck(engine) {
  await fillChecker(engine);
  await submitChecker(engine);
  await waitInPage(engine.driver, 'the ready block shows', () => {
    const el = document.getElementById('hazir');
    return !!el && !el.hidden && el.checkVisibility();
  });
  return readChecker(engine);
}

/**
 * Console errors the engine reported since the last call, as readable lines; `null` when the
 * engine reports none over WebDriver (WebKitGTK): the caller's report says so.
 * Not the page's: Chromium fetching /favicon.ico on its own when a page declares no icon, and
 * Firefox's own fetch of the tab icon, cut short by the test's next navigation while the
 * offline worker answers it ("A ServiceWorker intercepted the request and encountered an
 * unexpected error", now and then, for the icon only).
 */
export async function consoleErrors(engine) {
  const entries = await engine.logs();
  if (entries === null) return null;
  const browsers = (t) => /\/favicon\.ico\b/.test(t) || (/\/favicon\.[0-9a-f]+\.svg\b/.test(t) && /ServiceWorker intercepted/.test(t));
  return entries
    .filter((e) => e.level === 'error' && !browsers(e.text))
    .map((e) => `console error: ${e.text}`);
}

/** Requests the test server saw from index `from` on, as lines (nothing may leave a ready page). */
export function requestsSince(server, from) {
  return server.requests.slice(from).map((r) => `request after load: ${r.path}`);
}

export { until };
