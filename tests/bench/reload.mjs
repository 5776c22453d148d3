// Save-to-reload latency of `cargo xtask serve` for `cargo xtask bench`: opens a page in
// headless Chromium, appends a marker to a content file, and times until the reloaded page
// shows it. Input: URL, FILE (a Markdown file the served page renders), RUNS. Output: JSON.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser, openPage, gotoSettled } from '../browser/lib/browser.mjs';

const { URL: url, FILE: file } = process.env;
const runs = Number(process.env.RUNS || 5);
const original = readFileSync(file);
const browser = await launchBrowser();
const samples = [];
const navStarts = [];
try {
  const { page } = await openPage(browser);
  await gotoSettled(page, url);
  let navAt = null;
  page.on('request', (r) => {
    // A reload (navigation) or the live-reload script fetching the page to swap its body.
    if (navAt === null && (r.isNavigationRequest() || r.url() === page.url())) navAt = performance.now();
  });
  for (let i = 0; i < runs; i++) {
    const marker = `yenileme-olcumu-${Date.now()}-${i}`;
    // Give the live-reload long poll time to be waiting again after the previous reload.
    await page.waitForTimeout(300);
    navAt = null;
    const start = performance.now();
    appendFileSync(file, `\n\n${marker}\n`);
    await page.waitForFunction((m) => document.body?.innerText.includes(m), marker, { timeout: 30000, polling: 5 });
    samples.push(performance.now() - start);
    // How much of it is the server (save → the page's new HTML requested) vs the browser.
    if (navAt !== null) navStarts.push(navAt - start);
  }
} finally {
  writeFileSync(file, original);
  await browser.close();
}
process.stdout.write(`${JSON.stringify({ samples_ms: samples, reload_request_ms: navStarts })}\n`);
