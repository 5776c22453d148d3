// Browser figures for `cargo xtask bench`: checker ready and full-check times in headless
// Chromium (from the checker's performance marks), the same ready time from disk, for the
// one-file copy and offline from the service worker's copy, and Lighthouse scores (mobile).
// Input (environment): SITE_DIR, LIGHTHOUSE_PAGES (comma-separated), FORM_JSON (example
// form values {fieldId: value}), RUNS. Output: one JSON object on stdout; never asserts.
import { launchBrowser, CHROMIUM_ARGS, CHROMIUM_PATH, openPage, gotoSettled } from '../browser/lib/browser.mjs';
import { startServer } from '../browser/lib/server.mjs';
import { CHECKER_PAGE, checkerReady, ONE_FILE } from '../browser/lib/site.mjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const site = process.env.SITE_DIR;
const runs = Number(process.env.RUNS || 5);
const lighthousePages = (process.env.LIGHTHOUSE_PAGES || '').split(',').filter(Boolean);
const form = JSON.parse(process.env.FORM_JSON || '{}');
const out = { checker: null, anywhere: null, lighthouse: {} };
// Compressed like a production host, so Lighthouse judges the site, not the test server.
const server = await startServer(site, { compress: true });

try {
  out.checker = existsSync(join(site, CHECKER_PAGE)) ? await checkerTimes() : { note: `${CHECKER_PAGE} not built` };
} catch (err) {
  out.checker = { note: `failed: ${String(err.message).split('\n')[0]}` };
}
try {
  out.anywhere = await anywhereTimes();
} catch (err) {
  out.anywhere = { note: `failed: ${String(err.message).split('\n')[0]}` };
}
for (const page of lighthousePages) {
  try {
    out.lighthouse[page] = existsSync(join(site, page)) ? await lighthouseScores(server.url(page)) : { note: 'not built' };
  } catch (err) {
    out.lighthouse[page] = { note: `failed: ${String(err.message).split('\n')[0]}` };
  }
}
await server.close();
process.stdout.write(`${JSON.stringify(out)}\n`);

/**
 * Agreed with the checker: `performance.mark('checker-ready')` when the form is
 * usable, and `performance.measure('check', …)` around one full check of the form, which a
 * submit of the form triggers. Missing marks are reported, not guessed.
 */
async function checkerTimes() {
  const browser = await launchBrowser();
  const ready = [];
  const afterLoad = [];
  const checkFocus = [];
  const check = [];
  const notes = new Set();
  try {
    for (let i = 0; i < runs; i++) {
      const { page, close } = await openPage(browser);
      try {
        await gotoSettled(page, server.url(CHECKER_PAGE), { waitFor: checkerReady, timeout: 30000 });
        const { mark, load } = await page.evaluate(() => ({
          mark: performance.getEntriesByName('checker-ready', 'mark')[0]?.startTime ?? null,
          load: performance.getEntriesByType('navigation')[0]?.loadEventEnd || null,
        }));
        if (mark === null) notes.add("no performance.mark('checker-ready')");
        else {
          ready.push(mark);
          // The figure: from the page's load event to the checker being usable
          // (negative when the checker is ready before the load event).
          if (load !== null) afterLoad.push(mark - load);
        }
        await page.evaluate((values) => {
          const f = document.querySelector('form:not([role=search])');
          for (const [id, value] of Object.entries(values)) {
            const el = document.getElementById(id) ?? f?.elements.namedItem(id);
            if (!el || !('value' in el)) continue;
            el.value = value;
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
          }
          performance.clearMeasures('check');
          f?.requestSubmit();
        }, form);
        const measured = await page
          .waitForFunction(() => performance.getEntriesByName('check', 'measure').at(-1)?.duration ?? null, undefined, { timeout: 10000 })
          .then((h) => h.jsonValue())
          .catch(() => null);
        if (measured === null) notes.add("no performance.measure('check') after submitting the form");
        else check.push(measured);
        const withFocus = await page.evaluate(() => performance.getEntriesByName('check-focus', 'measure').at(-1)?.duration ?? null);
        if (withFocus !== null) checkFocus.push(withFocus);
      } finally {
        await close();
      }
    }
  } finally {
    await browser.close();
  }
  return { ready_ms: ready, ready_after_load_ms: afterLoad, check_ms: check, check_with_focus_ms: checkFocus, note: [...notes].join('; ') || null };
}

/** The 'checker-ready' mark of a page opened at `url` in a fresh page of `opened`'s kind. */
async function readyMark(page, url) {
  await gotoSettled(page, url, { waitFor: checkerReady, timeout: 30000 });
  return page.evaluate(() => performance.getEntriesByName('checker-ready', 'mark')[0]?.startTime ?? null);
}

/**
 * Navigation to checker ready: kontrol.html from disk, the one-file copy from disk,
 * and kontrol.html offline from the service worker's saved copy (one online visit to the home
 * page first: the checker page leaves registering the worker to the other pages).
 */
async function anywhereTimes() {
  const browser = await launchBrowser();
  const times = { disk_ms: [], one_file_ms: [], offline_ms: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const [key, file] of [['disk_ms', CHECKER_PAGE], ['one_file_ms', ONE_FILE]]) {
        const { page, close } = await openPage(browser);
        try {
          const mark = await readyMark(page, pathToFileURL(join(site, file)).href);
          if (mark !== null) times[key].push(mark);
        } finally {
          await close();
        }
      }
      const { page, context, close } = await openPage(browser, { serviceWorkers: 'allow' });
      try {
        await gotoSettled(page, server.url('index.html'));
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30000 });
        // The worker takes control once it has kept every file (install, then activate).
        await context.setOffline(true);
        const mark = await readyMark(page, server.url(CHECKER_PAGE));
        if (mark !== null && await page.evaluate(() => 'cevrimdisi' in document.documentElement.dataset)) times.offline_ms.push(mark);
      } finally {
        await close();
      }
    }
  } finally {
    await browser.close();
  }
  return times;
}

/** The four Lighthouse category scores (0–100), mobile preset (Lighthouse's default). */
async function lighthouseScores(url) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const scores = {};
    for (const [id, cat] of Object.entries(result.lhr.categories)) scores[id] = cat.score === null ? null : Math.round(cat.score * 100);
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
      .map((a) => a.id);
    const consoleErrors = (result.lhr.audits['errors-in-console']?.details?.items ?? []).map((i) => `${i.description ?? ''} ${i.sourceLocation?.url ?? i.url ?? ''}`.trim());
    return { ...scores, failing_audits: failing, console_errors: consoleErrors };
  } finally {
    await chrome.kill();
  }
}
