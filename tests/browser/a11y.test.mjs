// Accessibility gate (issue 6): axe-core WCAG 2.1 AA at 360 and 1280 px, and the keyboard
// checks (skip link first, every interactive element reachable by Tab and visibly focused)
// on every page of the built site.
import { test } from 'node:test';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { gotoSettled, openPage, VIEWPORTS } from './lib/browser.mjs';
import { tabWalk } from './lib/keyboard.mjs';
import { contentPages, listPages, settleOptions } from './lib/site.mjs';
import { assertNone, useBrowserAndServer } from './lib/suite.mjs';

const fx = useBrowserAndServer();
const pages = contentPages(listPages());

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  for (const p of pages) {
    const label = `${p.file} @${viewport.width}px`;
    // One page load serves both checks; axe does not move focus.
    test(`${p.file} at ${viewport.width} px (${name})`, async (t) => {
      const { page, close } = await openPage(fx.browser, { viewport });
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
          assertNone(problems, `${label} keyboard`);
        });
      } finally {
        await close();
      }
    });
  }
}
