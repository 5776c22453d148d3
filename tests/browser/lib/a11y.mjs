// Accessibility gate (issues 6, 14; registered by a11y.test.mjs and a11y-dark.test.mjs): axe-core WCAG 2.1 AA at 360 and 1280 px, light and dark,
// and the keyboard checks (skip link first, every interactive element reachable by Tab, each
// with the site's own focus indicator at 3:1 or more and its text readable on it at 4.5:1) on every page of the built site; on the
// checker pages also in the error and the ready state, not only at load.
import { test } from 'node:test';
import { formatViolations, runAxe } from './axe.mjs';
import { gotoSettled, openPage, VIEWPORTS } from './browser.mjs';
import { tabWalk } from './keyboard.mjs';
import { checkerFixture, contentPages, fillChecker, listPages, settleOptions } from './site.mjs';
import { assertNone, useBrowserAndServer } from './suite.mjs';


/** Registers the gate's tests for one colour scheme (one test file each: a file's tests must
 * finish within the runner's time limit). */
export function a11yTests(scheme) {
const fx = useBrowserAndServer();
const pages = contentPages(listPages());
for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  for (const p of pages) {
    const label = `${p.file} @${viewport.width}px ${scheme}`;
    // One page load serves both checks; axe does not move focus.
    test(`${p.file} at ${viewport.width} px (${name}), ${scheme}`, async (t) => {
      const { page, close } = await openPage(fx.browser, { viewport, colorScheme: scheme });
      try {
        await gotoSettled(page, fx.server.url(p.file), settleOptions(p));
        await t.test('axe WCAG 2.1 AA: 0 violations', async () => {
          assertNone(formatViolations(label, await runAxe(page)), `${label} axe`);
        });
        await t.test('keyboard: skip link first, all reachable, focus visible', async () => {
          const walk = await tabWalk(page);
          const problems = [];
          if (walk.order.length === 0) problems.push('Tab focuses nothing');
          else if (!walk.firstTarget) problems.push(`first focusable element is not a skip link to an element on the page: ${walk.order[0]}`);
          else if (!/^<main\b/.test(walk.firstTarget)) problems.push(`skip link points to ${walk.firstTarget}, expected <main>`);
          for (const d of walk.unreached) problems.push(`not reachable with Tab: ${d}`);
          for (const d of walk.noIndicator) problems.push(`no visible focus indicator: ${d}`);
          for (const d of walk.hiddenFocus) problems.push(`focused but not visible (clipped or zero size): ${d}`);
          for (const d of walk.weakIndicator) problems.push(`focus indicator under 3:1 or the browser's own: ${d}`);
          for (const d of walk.lowText) problems.push(`focused text under 4.5:1 on its focus background: ${d}`);
          assertNone(problems, `${label} keyboard`);
        });
        if (p.kind === 'checker' || p.kind === 'one-file') {
          await t.test('axe in the error state and the ready state; focused text in the error state', async () => {
            // Errors, a warning and a suggestion button at once (checker.test.mjs's former axe state).
            await fillChecker(page, { ...checkerFixture().example, kimlik_no: '1234', ilce: 'GULAGAC', posta_kodu: '' });
            await page.getByRole('button', { name: 'Kontrol et' }).click();
            await page.locator('#hata-ozeti').waitFor({ state: 'visible' });
            const errors = await runAxe(page);
            // The error state's own controls (summary links, suggestion buttons) with focus.
            const walk = await tabWalk(page);
            const focusText = walk.lowText.map((d) => `focused text under 4.5:1 on its focus background (errors shown): ${d}`);
            await fillChecker(page);
            await page.getByRole('button', { name: 'Kontrol et' }).click();
            await page.locator('#hazir').waitFor({ state: 'visible' });
            const ready = await runAxe(page);
            assertNone([...formatViolations(`${label} errors`, errors), ...formatViolations(`${label} ready`, ready), ...focusText], `${label} axe states`);
          });
        }
      } finally {
        await close();
      }
    });
  }
}
}
