// Deploy-shape gates: the built site works served from a sub-path (/eimza/) and opened from
// disk over file:// (every handbook page renders and its links resolve). A host sending `.wasm`
// as application/octet-stream is tested in every engine in engines/checker.test.mjs. The gates
// themselves are `subPathProblems` and `fileUrlProblems` in lib/sitegates.mjs.
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { contentPages, handbookPages, listPages, siteDir } from './lib/site.mjs';
import { fileUrlProblems, subPathProblems } from './lib/sitegates.mjs';
import { assertNone } from './lib/suite.mjs';

const dir = siteDir();
const all = listPages(dir);
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

describe('served from the sub-path /eimza/', () => {
  let server;
  before(async () => { server = await startServer(dir, { prefix: '/eimza/' }); });
  after(async () => { await server?.close(); });
  for (const p of contentPages(all)) {
    test(p.file, async () => {
      assertNone(await subPathProblems(browser, server, dir, p), `${p.file} under /eimza/`);
    });
  }
});

describe('opened from disk (file://)', () => {
  for (const p of handbookPages(all)) {
    test(p.file, async () => {
      assertNone(await fileUrlProblems(browser, dir, p), `${p.file} over file://`);
    });
  }
});
