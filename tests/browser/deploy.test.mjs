// Deploy-shape gates: the built site works served from a sub-path (/eimza/) and opened from
// disk over file:// (every handbook page renders and its links resolve). A host sending `.wasm`
// as application/octet-stream is tested in every engine in engines/checker.test.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeProblems, gotoSettled, launchBrowser, openPage } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { contentPages, handbookPages, idsOf, listPages, settleOptions, siteDir } from './lib/site.mjs';
import { assertNone } from './lib/suite.mjs';

const dir = siteDir();
const all = listPages(dir);
const idCache = new Map();
const idsIn = (file) => {
  if (!idCache.has(file)) idCache.set(file, idsOf(readFileSync(join(dir, file), 'utf8')));
  return idCache.get(file);
};
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Resolved hrefs of every link on the loaded page. */
const linksOf = (page) => page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => ({ href: a.href, raw: a.getAttribute('href') })));

/** Problems with one resolved internal link: target file missing or `#anchor` absent. */
function linkProblem(file, anchor, raw) {
  if (!existsSync(join(dir, file))) return `link "${raw}" → ${file} does not exist`;
  if (anchor && file.endsWith('.html') && !idsIn(file).has(anchor)) return `link "${raw}" → #${anchor} not found in ${file}`;
  return null;
}

describe('served from the sub-path /eimza/', () => {
  let server;
  before(async () => { server = await startServer(dir, { prefix: '/eimza/' }); });
  after(async () => { await server?.close(); });
  for (const p of contentPages(all)) {
    test(p.file, async () => {
      const { page, events, close } = await openPage(browser);
      try {
        await gotoSettled(page, server.url(p.file), settleOptions(p));
        const problems = describeProblems(events);
        for (const { href, raw } of await linksOf(page)) {
          const u = new URL(href);
          if (u.origin !== server.origin) continue;
          if (!u.pathname.startsWith('/eimza/')) { problems.push(`link "${raw}" leaves the sub-path: ${u.pathname}`); continue; }
          const why = linkProblem(decodeURIComponent(u.pathname.slice('/eimza/'.length)) || 'index.html', decodeURIComponent(u.hash.slice(1)), raw);
          if (why) problems.push(why);
        }
        assertNone(problems, `${p.file} under /eimza/`);
      } finally {
        await close();
      }
    });
  }
});

describe('opened from disk (file://)', () => {
  for (const p of handbookPages(all)) {
    test(p.file, async () => {
      const { page, events, close } = await openPage(browser);
      try {
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
        assertNone(problems, `${p.file} over file://`);
      } finally {
        await close();
      }
    });
  }
});
