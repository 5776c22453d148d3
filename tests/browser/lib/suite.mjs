// node:test fixtures shared by the browser test files: one Chromium and one static server
// per test file, started in `before` and closed in `after`.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';
import { siteDir } from './site.mjs';

/**
 * Registers before/after hooks and returns an object whose `browser` and `server` are set
 * once the hooks ran. Options go to `startServer` (`prefix`, `wasmMime`); `dir` defaults to
 * the built site (SITE_DIR); `server: false` starts no server.
 */
export function useBrowserAndServer({ dir, server = true, ...serverOptions } = {}) {
  const fixture = { browser: null, server: null, dir: null };
  before(async () => {
    fixture.dir = dir ?? siteDir();
    fixture.browser = await launchBrowser();
    if (server) fixture.server = await startServer(fixture.dir, serverOptions);
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.close();
  });
  return fixture;
}

/** Fails with every problem listed, one per line, under a heading naming the page. */
export function assertNone(problems, heading) {
  if (problems.length > 0) {
    const err = new Error(`${heading}: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
    err.stack = err.message; // the list is the useful part, not the stack
    throw err;
  }
}
