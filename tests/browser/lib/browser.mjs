// Launches Debian's headless Chromium through playwright-core and opens pages that record
// everything a test may want to forbid: console errors, page errors, failed requests,
// requests to other origins and Content-Security-Policy violations.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The system Chromium (apt `chromium`); `CHROMIUM_PATH` overrides it. Never a downloaded build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags this machine needs. Playwright gives every `launch()` a fresh temporary profile
 * (its own `--user-data-dir`), so no profile is shared between runs.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Viewports the site-wide gates use: a small phone and a desktop. */
export const VIEWPORTS = {
  mobile: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
};

/** Launches Chromium; fails with a clear message when it is not installed. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install the Debian package 'chromium' (run .ci/run)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Opens a new page in its own browser context and starts recording.
 *
 * Options: `viewport` (default desktop), `javaScriptEnabled` (default true),
 * `bypassCSP` (default false; only for helpers that must inject things — CSP violations are
 * then not meaningful), `allowedOrigins` (extra origins besides the page's own, normally none),
 * `serviceWorkers` ('block' by default so every test sees the network; the offline tests allow them),
 * `colorScheme` ('light' by default; 'dark' for the dark-mode gates).
 *
 * Returns `{ page, context, events, problems(), close() }` where `events` holds:
 * - `console`: every console message `{ type, text, url, line }`
 * - `consoleErrors`: the `error` ones (Chromium also logs CSP blocks and 404s here)
 * - `pageErrors`: uncaught exceptions `{ message }`
 * - `failedRequests`: `{ url, reason }` for network failures and HTTP status ≥ 400
 * - `offOrigin`: URLs requested from an origin other than the page's (data:/blob: excepted)
 * - `cspViolations`: `securitypolicyviolation` events `{ directive, blocked, source, line, sample, page }`
 * - `requests`: every requested URL
 * The page's own origin is taken from each main-frame navigation; file:// pages count any
 * file:// URL as their own origin.
 */
export async function openPage(browser, options = {}) {
  const {
    viewport = VIEWPORTS.desktop,
    javaScriptEnabled = true,
    bypassCSP = false,
    allowedOrigins = [],
    serviceWorkers = 'block',
    colorScheme = 'light',
  } = options;
  const context = await browser.newContext({ viewport, javaScriptEnabled, bypassCSP, serviceWorkers, colorScheme });
  const events = {
    console: [],
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    offOrigin: [],
    cspViolations: [],
    requests: [],
  };
  // CSP forbids inline scripts in the page, but an init script is injected by the browser
  // itself and is not subject to the page's CSP, and so is the exposed binding it reports to.
  await context.exposeBinding('__eimzaReportCsp', (_source, v) => events.cspViolations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__eimzaReportCsp({
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
        page: e.documentURI,
      });
    });
  });
  const page = await context.newPage();
  let ownOrigins = new Set(allowedOrigins);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) ownOrigins.add(originOf(frame.url()));
  });
  page.on('console', (msg) => {
    const loc = msg.location();
    const entry = { type: msg.type(), text: msg.text(), url: loc.url, line: loc.lineNumber };
    events.console.push(entry);
    // Chromium fetches /favicon.ico by itself when a page declares no icon; that request is
    // the browser's, not the page's, and its 404 under a sub-path is harmless.
    if (entry.type === 'error' && !/\/favicon\.ico$/.test(entry.url ?? '')) events.consoleErrors.push(entry);
  });
  page.on('pageerror', (err) => events.pageErrors.push({ message: err.message }));
  // Main-frame navigations so far: a request the test cut short by leaving the page is
  // cancelled by the test, not failed by the site.
  let navigations = 0;
  const navigationOf = new WeakMap();
  page.on('request', (req) => {
    const url = req.url();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) navigations += 1;
    navigationOf.set(req, navigations);
    events.requests.push(url);
    const origin = originOf(url);
    if (origin === 'data:' || origin === 'blob:') return;
    // The first request of a navigation comes before `framenavigated`: accept it as own origin.
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) ownOrigins.add(origin);
    if (!ownOrigins.has(origin)) events.offOrigin.push(url);
  });
  page.on('requestfailed', (req) => {
    // The tab's icon is the browser's own request (resource type "other"), cancelled when a
    // navigation overtakes it.
    const cut = navigations > (navigationOf.get(req) ?? navigations) || req.resourceType() === 'other';
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && cut) return;
    events.failedRequests.push({ url: req.url(), reason: req.failure()?.errorText ?? 'failed' });
  });
  page.on('response', (res) => {
    if (res.status() >= 400) events.failedRequests.push({ url: res.url(), reason: `HTTP ${res.status()}` });
  });
  return {
    page,
    context,
    events,
    /** Everything recorded that a clean page must not have, as readable lines. */
    problems: () => describeProblems(events),
    close: () => context.close(),
  };
}

/** Lists recorded problems (console errors, page errors, failed/off-origin requests, CSP). */
export function describeProblems(events, { ignoreConsole = () => false } = {}) {
  const out = [];
  for (const e of events.consoleErrors) {
    if (!ignoreConsole(e)) out.push(`console error: ${e.text}${e.url ? ` (${e.url}:${e.line})` : ''}`);
  }
  for (const e of events.pageErrors) out.push(`uncaught exception: ${e.message}`);
  for (const e of events.failedRequests) out.push(`request failed: ${e.url} (${e.reason})`);
  for (const u of events.offOrigin) out.push(`request to another origin: ${u}`);
  for (const v of events.cspViolations) {
    out.push(`CSP violation: ${v.directive} blocked ${v.blocked}${v.source ? ` at ${v.source}:${v.line}` : ''}${v.sample ? ` (${v.sample})` : ''}`);
  }
  return out;
}

/**
 * Navigates and waits for `load` (every stylesheet, script and image of the page), then for
 * `waitFor`, a predicate run in the page: the site's own readiness marker where a page does
 * more after load (the checker's wasm, the search's `?q=`; see `settleOptions` in site.mjs).
 * Never network idle: it waits half a second after the last request on every page.
 */
export async function gotoSettled(page, url, { waitFor, timeout = 15000 } = {}) {
  const response = await page.goto(url, { waitUntil: 'load', timeout });
  if (waitFor) {
    await page.waitForFunction(waitFor, undefined, { timeout }).catch((err) => {
      throw new Error(`${url}: page never became ready within ${timeout} ms (waited for ${String(waitFor)}): ${err.message.split('\n')[0]}`);
    });
  }
  return response;
}

/** Origin of a URL as a comparable string (`file://` for all file URLs, `data:` for data URLs). */
export function originOf(url) {
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') return 'file://';
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return u.protocol;
    return u.origin;
  } catch {
    return url;
  }
}
