// The site-wide gates outside the sweep (html, budgets, deploy, nojs) as functions of a site
// folder and one page, so each gate file runs them on the built site and gates-can-fail.test.mjs
// runs the very same ones, in the same process and browser, on a deliberately broken site.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeProblems, gotoSettled, openPage } from './browser.mjs';
import { compressedSizes, kb } from './sizes.mjs';
import { idsOf, settleOptions } from './site.mjs';
import { inspectCss, inspectHtml } from './static.mjs';

export const HANDBOOK_BUDGET = 14 * 1024;
export const CHECKER_BUDGET = 60 * 1024;
export const ONE_FILE_BUDGET = 90 * 1024;
// The printable handbook is every page in one, with every source listed once: it is opened to
// be printed, so it gets 2 KB more than one page read on a phone (it outgrew 14 KB when the
// routes of today and the after-the-card answers were added).
export const PRINTABLE = 'yazdir.html';
export const PRINTABLE_BUDGET = 16 * 1024;
// Every section's full text is in the search index; 16 KB leaves room for the handbook to grow.
export const SEARCH_INDEX_BUDGET = 16 * 1024;

/**
 * A page of `browser` kept for gates that only read what they load (`key` names its use and
 * options), so a file's 17 pages do not each pay for a new browser context (~0.4 s apiece on
 * the 2-core machine). Closed with the browser.
 */
const kept = new WeakMap();
async function keptPage(browser, key, options = {}) {
  if (!kept.has(browser)) kept.set(browser, new Map());
  const pages = kept.get(browser);
  if (!pages.has(key)) pages.set(key, openPage(browser, options));
  return (await pages.get(key)).page;
}

/** `keptPage` with its recorded events (lib/browser.mjs `openPage`) emptied for a new visit. */
async function keptPageAfresh(browser, key) {
  await keptPage(browser, key);
  const opened = await kept.get(browser).get(key);
  for (const list of Object.values(opened.events)) list.length = 0;
  return opened;
}

/** Static security of one page: CSP meta, no inline code, nothing off-site (html.test.mjs). */
export async function staticProblems(browser, p) {
  // Only the page's DOMParser is used: one blank page serves every file.
  return inspectHtml(await keptPage(browser, 'blank'), p.html, { oneFile: p.kind === 'one-file' });
}

/** Every stylesheet of the site loads nothing off-site: `FILE line N: …` lines. */
export function cssProblems(dir) {
  const css = listFiles(dir).filter((f) => f.endsWith('.css'));
  if (css.length === 0) return ['the site has no stylesheet'];
  return css.flatMap((f) => inspectCss(readFileSync(join(dir, f), 'utf8')).map((m) => `${f} ${m}`));
}

function listFiles(root, rel = '') {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(root, join(rel, e.name)) : [join(rel, e.name)],
  );
}

/** The budget a page has (budgets.test.mjs). */
export function budgetOf(p) {
  if (p.file === PRINTABLE) return PRINTABLE_BUDGET;
  return { checker: CHECKER_BUDGET, 'one-file': ONE_FILE_BUDGET }[p.kind] ?? HANDBOOK_BUDGET;
}

/**
 * Loads `p` from `server` (serving `dir`) and weighs what the browser requested (plus sw.js when
 * the page registers it). `brotliOf(rel)` gives a file's brotli size. Returns
 * `{ row, problems }`: the size table's row and the over-budget line, if any.
 */
export async function budgetProblems(browser, server, p, brotliOf) {
  const checker = p.kind === 'checker' || p.kind === 'one-file';
  const budget = budgetOf(p);
  const { page, close } = await openPage(browser);
  try {
    server.requests.length = 0;
    await gotoSettled(page, server.url(p.file), settleOptions(p));
    const files = server.files();
    if (/<script[^>]+data-sw="sw\.js"/.test(p.html)) files.push('sw.js');
    if (!files.includes(p.file)) throw new Error(`${p.file} was not served`);
    const sum = (pred) => files.filter(pred).reduce((n, f) => n + brotliOf(f), 0);
    const html = sum((f) => f.endsWith('.html'));
    const css = sum((f) => f.endsWith('.css'));
    const other = sum((f) => !f.endsWith('.html') && !f.endsWith('.css'));
    const counted = checker ? html + css + other : html + css;
    const row = [p.file, kb(html), kb(css), kb(other), kb(counted), kb(budget), counted <= budget ? 'ok' : 'OVER'];
    const problems = counted > budget
      ? [`${kb(counted)} > ${kb(budget)} (${files.map((f) => `${f} ${kb(brotliOf(f))}`).join(', ')})`]
      : [];
    return { row, problems };
  } finally {
    await close();
  }
}

/** `rel` → its brotli size in `dir`, each file compressed once. */
export function brotliSizes(dir) {
  const cache = new Map();
  return (rel) => {
    if (!cache.has(rel)) cache.set(rel, compressedSizes(readFileSync(join(dir, rel))).brotli);
    return cache.get(rel);
  };
}

/** Resolved hrefs of every link on the loaded page. */
const linksOf = (page) => page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => ({ href: a.href, raw: a.getAttribute('href') })));

/** Checks one resolved internal link of `dir`: the target file exists, its `#anchor` too. */
function linkChecker(dir) {
  const ids = new Map();
  const idsIn = (file) => {
    if (!ids.has(file)) ids.set(file, idsOf(readFileSync(join(dir, file), 'utf8')));
    return ids.get(file);
  };
  return (file, anchor, raw) => {
    if (!existsSync(join(dir, file))) return `link "${raw}" → ${file} does not exist`;
    if (anchor && file.endsWith('.html') && !idsIn(file).has(anchor)) return `link "${raw}" → #${anchor} not found in ${file}`;
    return null;
  };
}

/**
 * `p` served under `/eimza/` by `server` (serving `dir` with that prefix): no console error,
 * failed or off-site request, and every link stays under the sub-path and resolves
 * (deploy.test.mjs).
 */
export async function subPathProblems(browser, server, dir, p) {
  const linkProblem = linkChecker(dir);
  const { page, events } = await keptPageAfresh(browser, 'sub-path');
  await gotoSettled(page, server.url(p.file), settleOptions(p));
  const problems = describeProblems(events);
  for (const { href, raw } of await linksOf(page)) {
    const u = new URL(href);
    if (u.origin !== server.origin) continue;
    if (!u.pathname.startsWith('/eimza/')) { problems.push(`link "${raw}" leaves the sub-path: ${u.pathname}`); continue; }
    const why = linkProblem(decodeURIComponent(u.pathname.slice('/eimza/'.length)) || 'index.html', decodeURIComponent(u.hash.slice(1)), raw);
    if (why) problems.push(why);
  }
  return problems;
}

/**
 * `p` opened from disk (file://): it renders (visible <main> with text, its stylesheets
 * loaded) and every link stays in `dir` and resolves (deploy.test.mjs).
 */
export async function fileUrlProblems(browser, dir, p) {
  const linkProblem = linkChecker(dir);
  const { page, events } = await keptPageAfresh(browser, 'file');
  await gotoSettled(page, p.fileUrl);
  const problems = describeProblems(events);
  const view = await page.evaluate(() => {
    const main = document.querySelector('main');
    return {
      main: !!main && main.checkVisibility() && main.innerText.trim().length > 0,
      unstyled: [...document.querySelectorAll('link[rel~=stylesheet]')].filter((l) => !l.sheet).map((l) => l.getAttribute('href')),
    };
  });
  if (!view.main) problems.push('no visible <main> with text');
  for (const href of view.unstyled) problems.push(`stylesheet ${href} did not load`);
  for (const { href, raw } of await linksOf(page)) {
    const u = new URL(href);
    if (u.protocol !== 'file:') continue;
    const path = fileURLToPath(u);
    if (!path.startsWith(dir)) { problems.push(`link "${raw}" leaves the site folder: ${path}`); continue; }
    if (path === dir || path === `${dir}/`) { problems.push(`link "${raw}" points at the folder, which file:// cannot open as a page`); continue; }
    const why = linkProblem(path.slice(dir.length + 1), decodeURIComponent(u.hash.slice(1)), raw);
    if (why) problems.push(why);
  }
  return problems;
}

/** What a reader sees: landmarks, visible headings, length of the visible main text. */
const readView = (page) => page.evaluate(() => {
  const visible = (el) => !!el && el.checkVisibility({ checkVisibilityCSS: true });
  const main = document.querySelector('main');
  return {
    main: visible(main),
    h1: [...document.querySelectorAll('main h1')].filter(visible).map((h) => h.innerText.trim()).filter(Boolean),
    headings: [...document.querySelectorAll('main h1, main h2, main h3')].filter(visible).map((h) => h.innerText.trim()),
    text: main ? main.innerText.trim().length : 0,
    navLinks: document.querySelectorAll('header nav a[href], nav a[href]').length,
    footerPhone: !!document.querySelector('footer a[href^="tel:"]'),
    footer: visible(document.querySelector('footer')),
  };
});

/**
 * `p` with JavaScript off against `p` with it on: main, one h1, navigation, the footer's
 * Kamu SM phone link, and for a handbook page the same headings and ≥ 90 % of the text
 * (nojs.test.mjs).
 */
export async function noJsProblems(browser, server, p) {
  // Both views only read the loaded page: one page each serves every file.
  const off = await keptPage(browser, 'no-js', { javaScriptEnabled: false });
  const on = await keptPage(browser, 'js');
  await gotoSettled(off, server.url(p.file));
  await gotoSettled(on, server.url(p.file), settleOptions(p));
  const a = await readView(off);
  const b = await readView(on);
  const problems = [];
  if (!a.main) problems.push('no visible <main>');
  if (a.h1.length !== 1) problems.push(`expected one visible <h1> in <main>, found ${a.h1.length}`);
  // The one-file checker has no pages to link to.
  if (a.navLinks === 0 && p.kind !== 'one-file') problems.push('no navigation links');
  if (!a.footer || !a.footerPhone) problems.push('no visible footer with the Kamu SM tel: link');
  if (p.kind === 'handbook') {
    for (const h of b.headings) if (!a.headings.includes(h)) problems.push(`heading “${h}” is visible only with JavaScript`);
    if (a.text < b.text * 0.9) problems.push(`main text is ${a.text} characters without JavaScript, ${b.text} with it`);
  } else if (a.text === 0) {
    problems.push('empty <main>: say what the page needs JavaScript for');
  }
  return problems;
}
