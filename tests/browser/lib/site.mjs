// Finds the built site the browser tests run against (SITE_DIR) and lists its pages by kind.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Special pages with their own rules; every other non-redirect page is a handbook page. */
export const CHECKER_PAGE = 'kontrol.html';
export const SEARCH_PAGE = 'ara.html';
/** The one-file checker: kontrol.html with everything inside, opened from disk. */
export const ONE_FILE = 'e-imza-basvuru-kontrol.html';

/**
 * Agreed readiness marker of the checker page: once its wasm is instantiated and
 * the last of its start-up steps (`step(i)`, run one per task by `checker-boot.js`) is done,
 * the checker sets `document.documentElement.dataset.checker = "ready"` (attribute
 * `data-checker="ready"` on <html>); a failure sets "failed". Pass to `gotoSettled(page, url, { waitFor })`.
 * Timing marks for the bench: `performance.mark('checker-ready')` at the same moment, and
 * `performance.mark('check-done')` + `performance.measure('check', …)` around a full check.
 */
export const checkerReady = () => document.documentElement.dataset.checker === 'ready';

/** search.js marks `<html data-search="ready">` once the box is wired and `?q=` was searched. */
export const searchReady = () => document.documentElement.dataset.search === 'ready';

/**
 * `gotoSettled` options that wait until a page is usable: the checker's marker on the checker
 * pages, the search's on ara.html; other pages are ready at `load`.
 */
export function settleOptions(p) {
  if (p.kind === 'checker' || p.kind === 'one-file') return { waitFor: checkerReady };
  if (p.kind === 'search') return { waitFor: searchReady };
  return {};
}

/**
 * The checker's fields and a valid example application, from the project itself
 * (`CHECKER_FIXTURE`, written by `cargo xtask test` from the validator's schema):
 * `{ fields: [{ id, label, kind, control: 'text'|'select'|'radio', required }], example: { id: value } }`.
 */
export function checkerFixture() {
  const path = process.env.CHECKER_FIXTURE;
  if (!path) throw new Error('CHECKER_FIXTURE is not set: run the browser tests through `cargo xtask test`');
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Element ids in a page's HTML (for `#anchor` checks). */
export function idsOf(html) {
  return new Set([...html.matchAll(/\sid\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]));
}

/**
 * The built site's folder from the `SITE_DIR` environment variable (set by
 * `cargo xtask test`). Throws when it is unset or not a built site: a missing site is a
 * failure, never a skipped test.
 */
export function siteDir() {
  const dir = process.env.SITE_DIR;
  if (!dir) throw new Error('SITE_DIR is not set: run the browser tests through `cargo xtask test`');
  const abs = resolve(dir);
  if (!existsSync(join(abs, 'index.html'))) throw new Error(`SITE_DIR ${abs} has no index.html: build the site first`);
  return abs;
}

/**
 * Every page of the built site (the output is flat: `*.html` at the root), sorted by name.
 * Each is `{ file, path, fileUrl, html, kind }` with `kind` one of:
 * - `redirect`: an alias page that only forwards (`<meta http-equiv="refresh">`)
 * - `checker`: kontrol.html; `search`: ara.html; `one-file`: the one-file checker;
 *   `handbook`: every other page (incl. 404.html)
 */
export function listPages(dir = siteDir()) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && statSync(join(dir, f)).isFile())
    .sort()
    .map((file) => {
      const path = join(dir, file);
      const html = readFileSync(path, 'utf8');
      return { file, path, fileUrl: pathToFileURL(path).href, html, kind: kindOf(file, html) };
    });
}

/** Pages people read: everything except redirects (the checker and search pages included). */
export function contentPages(pages) {
  return pages.filter((p) => p.kind !== 'redirect');
}

/** Pages under the 14 KB first-round-trip budget: handbook and search pages. */
export function handbookPages(pages) {
  return pages.filter((p) => p.kind === 'handbook' || p.kind === 'search');
}

function kindOf(file, html) {
  if (/<meta\b[^>]*http-equiv\s*=\s*["']?refresh/i.test(html)) return 'redirect';
  if (file === CHECKER_PAGE) return 'checker';
  if (file === SEARCH_PAGE) return 'search';
  if (file === ONE_FILE) return 'one-file';
  return 'handbook';
}

/**
 * Types `values` ({fieldId: value}; default: the example application) into the checker like a
 * user: radios are checked, drop-downs chosen, text fields filled (input events fire).
 */
export async function fillChecker(page, values = checkerFixture().example) {
  const controls = new Map(checkerFixture().fields.map((f) => [f.id, f.control]));
  for (const [id, value] of Object.entries(values)) {
    const control = controls.get(id);
    if (control === 'radio') {
      if (value) await page.check(`input[name="${id}"][value="${value}"]`);
    } else if (control === 'select') {
      await page.selectOption(`#${id}`, value);
    } else {
      await page.fill(`#${id}`, value);
    }
  }
}
