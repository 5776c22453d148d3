// Security gate in the browser: loading and using each page makes 0 requests to
// any other origin, causes 0 CSP violations, 0 console errors and 0 failed requests.
// "Using" = tabbing through the whole page and submitting each of its forms with a value.
import { test } from 'node:test';
import { describeProblems, gotoSettled, openPage } from './lib/browser.mjs';
import { tabWalk } from './lib/keyboard.mjs';
import { contentPages, listPages, SEARCH_PAGE, searchReady, settleOptions } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
const pages = contentPages(listPages());

for (const p of pages) {
  test(`no off-site requests, CSP violations or errors: ${p.file}`, async () => {
    const { page, events, close } = await openPage(fx.browser);
    try {
      await gotoSettled(page, fx.server.url(p.file), settleOptions(p));
      await tabWalk(page);
      const forms = await page.locator('form').count();
      for (let i = 0; i < forms; i++) {
        // Each form from a fresh load: a submission may navigate away (the search form).
        await gotoSettled(page, fx.server.url(p.file), settleOptions(p));
        const before = events.cspViolations.length;
        const navigated = page.waitForNavigation({ timeout: 3000 }).then(() => true, () => false);
        await page.evaluate((index) => {
          const form = document.querySelectorAll('form')[index];
          for (const input of form.querySelectorAll('input[type=search], input[type=text], input:not([type]), textarea')) {
            if (!input.value) input.value = 'imza';
          }
          form.requestSubmit();
        }, i);
        // A submission either navigates (search form) or is handled in the page (checker);
        // a blocked one shows up as a CSP report, which arrives asynchronously (after the
        // console message about it), so wait for the report itself.
        const blocked = waitUntil(() => events.cspViolations.length > before, 3000);
        await Promise.race([navigated, blocked]);
        await page.waitForLoadState('load');
        // A search form lands on ara.html: wait for its marker, not for network idle.
        if (new URL(page.url()).pathname.endsWith(SEARCH_PAGE)) await page.waitForFunction(searchReady);
      }
      assertNone(describeProblems(events), p.file);
    } finally {
      await close();
    }
  });
}

/** Resolves true once `check()` holds, or false after `ms`. */
function waitUntil(check, ms) {
  return new Promise((resolve) => {
    const start = Date.now();
    const tick = () => {
      if (check()) resolve(true);
      else if (Date.now() - start > ms) resolve(false);
      else setTimeout(tick, 25);
    };
    tick();
  });
}
