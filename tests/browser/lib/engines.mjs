// Starts the three browser engines a reader may have, each from its Debian package and driven
// over W3C WebDriver by selenium-webdriver: Chromium (chromedriver), Firefox ESR (geckodriver)
// and WebKitGTK (WebKitWebDriver + MiniBrowser, on an Xvfb display of its own).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before } from 'node:test';
import { Builder } from 'selenium-webdriver';
import { freePort } from './ports.mjs';

/** Every engine the suite runs, in the order it reports them. */
export const ENGINES = ['chromium', 'firefox', 'webkit'];

/**
 * The engine this process tests: `BROWSER_ENGINE` (set by `cargo xtask test`, which runs every
 * file under `tests/browser/engines/` once per engine), Chromium when unset.
 */
export function currentEngine() {
  const name = process.env.BROWSER_ENGINE || 'chromium';
  if (!ENGINES.includes(name)) throw new Error(`BROWSER_ENGINE=${name}: not one of ${ENGINES.join(', ')}`);
  return name;
}

/**
 * node:test fixture: starts the current engine once for the file in `before`, quits it in
 * `after`. The returned object's `engine` (`{ name, driver, logs(), close() }`) is set once
 * `before` ran.
 */
export function useEngine() {
  const fixture = { engine: null };
  before(async () => {
    fixture.engine = await startEngine(currentEngine());
  });
  after(async () => {
    await fixture.engine?.close();
  });
  return fixture;
}

const WEBKIT_LIBEXEC = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1';

/** A program on PATH (or the given absolute path), else null. */
function which(program) {
  if (program.includes('/')) return existsSync(program) ? program : null;
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    const p = join(dir, program);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

/** What each engine needs: its driver, its browser and the capabilities that name them. */
function recipe(engine) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  switch (engine) {
    case 'chromium':
      return {
        driver: which(process.env.CHROMEDRIVER_PATH || 'chromedriver'),
        driverPackage: "Debian package 'chromium-driver'",
        browser: chromium,
        browserPackage: "Debian package 'chromium'",
        capabilities: (profile) => ({
          browserName: 'chrome',
          'goog:chromeOptions': {
            binary: chromium,
            args: [
              '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-sync',
              `--user-data-dir=${profile}`,
            ],
          },
          'goog:loggingPrefs': { browser: 'ALL' },
        }),
      };
    case 'firefox':
      return {
        driver: which(process.env.GECKODRIVER_PATH || 'geckodriver'),
        driverPackage: 'geckodriver (cargo install geckodriver --locked; `cargo xtask test` does it)',
        browser: which(process.env.FIREFOX_PATH || 'firefox-esr'),
        browserPackage: "Debian package 'firefox-esr'",
        capabilities: () => ({
          browserName: 'firefox',
          // BiDi gives the console log (log.entryAdded), which classic WebDriver lacks.
          webSocketUrl: true,
          'moz:firefoxOptions': {
            binary: which(process.env.FIREFOX_PATH || 'firefox-esr'),
            args: ['-headless'],
            prefs: {
              // No update checks, telemetry or remote settings: this machine has no internet
              // and the suite forbids every request the site itself did not make.
              'app.update.enabled': false,
              'datareporting.policy.dataSubmissionEnabled': false,
              'toolkit.telemetry.enabled': false,
              'browser.shell.checkDefaultBrowser': false,
              'network.captive-portal-service.enabled': false,
              'network.connectivity-service.enabled': false,
            },
          },
        }),
      };
    case 'webkit':
      return {
        driver: which(process.env.WEBKITDRIVER_PATH || 'WebKitWebDriver'),
        driverPackage: "Debian package 'webkit2gtk-driver'",
        browser: `${WEBKIT_LIBEXEC}/MiniBrowser`,
        browserPackage: "Debian package 'webkit2gtk-driver' (MiniBrowser)",
        capabilities: () => ({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: `${WEBKIT_LIBEXEC}/MiniBrowser`, args: ['--automation'] },
        }),
      };
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

/** Waits until a WebDriver server answers `/status` as ready. */
async function waitForDriver(url, child, name) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name}'s driver exited with ${child.exitCode} before it was ready`);
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${name}'s driver did not answer ${url}/status within 30 s`);
}

/** Starts Xvfb on a free display for engines that need one; returns `{ display, close() }`. */
async function startXvfb() {
  const xvfb = which('Xvfb');
  if (!xvfb) throw new Error("WebKitGTK needs a display: install the Debian package 'xvfb'");
  const child = spawn(xvfb, ['-displayfd', '1', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, close: () => child.kill() };
}

/**
 * Starts one engine: its driver on a free port, then one session.
 * Returns `{ name, driver, logs(), close() }`: `logs()` gives the console entries gathered since
 * the last call as `{ level, text }` (Chromium through its log endpoint, Firefox through BiDi;
 * WebKitGTK reports none over WebDriver, so it returns `null`: the caller must say so).
 */
export async function startEngine(name) {
  // A browser that fails to come up at all (Firefox on a busy machine: geckodriver gives up
  // with "Failed to read marionette port") is started once more with a fresh profile; a test
  // never runs against a half-started one, and the first failure is printed, not hidden.
  try {
    return await startEngineOnce(name);
  } catch (first) {
    if (first.message.startsWith(`cannot start ${name}`)) throw first;
    console.error(`${name}: the first start failed, starting once more:\n${first.message}`);
    return await startEngineOnce(name);
  }
}

async function startEngineOnce(name) {
  const r = recipe(name);
  const missing = [];
  if (!r.driver) missing.push(`${name}: its WebDriver server (${r.driverPackage})`);
  if (!r.browser || !existsSync(r.browser)) missing.push(`${name}: the browser (${r.browserPackage})`);
  if (missing.length) throw new Error(`cannot start ${name}, missing:\n  - ${missing.join('\n  - ')}`);

  const profile = mkdtempSync(join(tmpdir(), `eimza-${name}-`));
  const xvfb = name === 'webkit' && !process.env.DISPLAY ? await startXvfb() : null;
  const port = await freePort();
  const env = { ...process.env, ...(xvfb ? { DISPLAY: xvfb.display } : {}) };
  // geckodriver gives every Firefox the BiDi port 9222 unless told: two Firefoxes at once
  // (engines side by side, or two test runs) would then fail to start.
  const args = name === 'firefox' ? [`--port=${port}`, `--websocket-port=${await freePort()}`] : [`--port=${port}`];
  const child = spawn(r.driver, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let driverErr = '';
  child.stderr.on('data', (d) => {
    driverErr = (driverErr + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    try {
      await driver?.quit();
    } catch {
      // the session may already be gone; the driver is killed below anyway
    }
    child.kill();
    xvfb?.close();
    rmSync(profile, { recursive: true, force: true });
  };
  let driver = null;
  try {
    await waitForDriver(url, child, name);
    driver = await new Builder().usingServer(url).withCapabilities(r.capabilities(profile)).build();
    // One script may run axe twice (light and dark, lib/sweep.mjs): on the printable handbook,
    // in a slow engine on a loaded machine, more than WebDriver's default 30 s.
    await driver.manage().setTimeouts({ script: 90_000 });
  } catch (e) {
    await close();
    throw new Error(`${name} did not start: ${e.message}\n${driverErr}`);
  }
  const logs = await consoleReader(name, driver);
  return { name, driver, logs, close };
}

/** The engine's console, as a function returning new entries since its last call. */
async function consoleReader(name, driver) {
  if (name === 'chromium') {
    return async () => {
      const entries = await driver.manage().logs().get('browser');
      return entries.map((e) => ({ level: e.level.name === 'SEVERE' ? 'error' : e.level.name.toLowerCase(), text: e.message }));
    };
  }
  if (name === 'firefox') {
    const { default: LogInspector } = await import('selenium-webdriver/bidi/logInspector.js');
    const inspector = await LogInspector(driver);
    let buffer = [];
    await inspector.onConsoleEntry((e) => buffer.push({ level: e.level, text: e.text }));
    await inspector.onJavascriptException((e) => buffer.push({ level: 'error', text: e.text }));
    return async () => {
      const out = buffer;
      buffer = [];
      return out;
    };
  }
  return async () => null;
}

/**
 * Sets the page's layout viewport to `width`×`height` CSS px. Firefox's headless window is at
 * least 500 px wide, so Firefox gets BiDi's `browsingContext.setViewport`; the others set the
 * window, measure what the engine's own frame takes, and correct once. MiniBrowser's window
 * cannot be narrower than its toolbar (447 px): the returned size says what was reached.
 */
export async function setViewport(engine, { width, height }) {
  const { name, driver } = engine;
  if (name === 'firefox') {
    const { default: BrowsingContext } = await import('selenium-webdriver/bidi/browsingContext.js');
    const context = await BrowsingContext(driver, { browsingContextId: await driver.getWindowHandle() });
    await context.setViewport(width, height);
  } else {
    await driver.manage().window().setRect({ width, height });
    const inner = await driver.executeScript('return [window.innerWidth, window.innerHeight]');
    if (inner[0] !== width || inner[1] !== height) {
      await driver.manage().window().setRect({ width: width + (width - inner[0]), height: height + (height - inner[1]) });
    }
  }
  const [w, h] = await driver.executeScript('return [window.innerWidth, window.innerHeight]');
  return { width: w, height: h };
}
