// Runs axe-core (from node_modules) inside a page and formats its violations so a failure
// names the page, the element and the rule.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 level A and AA rules: the site's promise. */
export const WCAG21AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Injects axe-core into the current document and runs it; returns axe's `violations`.
 *
 * Injection uses `page.evaluate(source)`: DevTools evaluation is not subject to the page's
 * CSP (which forbids inline scripts), so the page keeps its real CSP and CSP checks run in
 * the same session stay meaningful. `addScriptTag({content})` would be blocked by the CSP.
 * Options: `tags` (default WCAG 2.1 AA), `include`/`exclude` CSS selectors (axe context).
 */
export async function runAxe(page, { tags = WCAG21AA_TAGS, include, exclude } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ tags, include, exclude }) => {
      const context = include || exclude ? { include: include ?? [document], exclude: exclude ?? [] } : document;
      const result = await window.axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
      }));
    },
    { tags, include, exclude },
  );
}

/** One line per violating element: `page [viewport]: rule — help — element — html`. */
export function formatViolations(label, violations) {
  const lines = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      const html = n.html.length > 160 ? `${n.html.slice(0, 157)}...` : n.html;
      lines.push(`${label}: ${v.id} (${v.impact}) — ${v.help} — element ${n.target} — ${html}`);
    }
  }
  return lines;
}
