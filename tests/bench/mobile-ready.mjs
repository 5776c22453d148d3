// Checker ready on a slow phone, for `cargo xtask bench` (section `mobile`): kontrol.html in
// headless Chromium under Lighthouse's mobile emulation (CPU 4× slower, 1.6 Mbps down,
// 750 kbps up, 150 ms round trip, cache off, a phone's screen), from navigation to the
// checker's `performance.mark('checker-ready')`, with the first paint and the wasm's arrival
// beside it. Input (environment): SITE_DIR, RUNS. Output: one JSON object on stdout; never
// asserts.
import { launchBrowser, openPage } from '../browser/lib/browser.mjs';
import { startServer } from '../browser/lib/server.mjs';
import { CHECKER_PAGE, checkerReady } from '../browser/lib/site.mjs';

// Lighthouse's "mobile, slow 4G" throttling (its constants: 150 ms RTT, 1638.4 kbps down,
// 750 kbps up, CPU slowdown 4) and its Moto G Power screen, applied by the DevTools protocol.
export const MOBILE = {
  rttMs: 150,
  downKbps: 1638.4,
  upKbps: 750,
  cpuSlowdown: 4,
  viewport: { width: 412, height: 823 },
};

const site = process.env.SITE_DIR;
const runs = Number(process.env.RUNS || 5);
// Compressed like a production host (brotli), so the transfer is what a phone would receive.
const server = await startServer(site, { compress: true });
const out = { ready_ms: [], first_paint_ms: [], wasm_end_ms: [], settings: MOBILE, note: null };
const browser = await launchBrowser();
try {
  // One unthrottled load first, not counted: the test server compresses each file once and
  // keeps it (as a host that precompresses), so no timed load waits for brotli 11.
  {
    const { page, close } = await openPage(browser);
    await page.goto(server.url(CHECKER_PAGE), { waitUntil: 'load' });
    await page.waitForFunction(checkerReady, undefined, { timeout: 60000 });
    await close();
  }
  for (let i = 0; i < runs; i++) {
    const { page, close } = await openPage(browser, { viewport: MOBILE.viewport });
    try {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: MOBILE.rttMs,
        downloadThroughput: (MOBILE.downKbps * 1024) / 8,
        uploadThroughput: (MOBILE.upKbps * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuSlowdown });
      await page.goto(server.url(CHECKER_PAGE), { waitUntil: 'load', timeout: 60000 });
      await page.waitForFunction(checkerReady, undefined, { timeout: 60000 });
      const t = await page.evaluate(() => ({
        ready: performance.getEntriesByName('checker-ready', 'mark')[0]?.startTime ?? null,
        paint: performance.getEntriesByName('first-paint')[0]?.startTime ?? null,
        wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.responseEnd ?? null,
      }));
      if (t.ready === null) out.note = "no performance.mark('checker-ready')";
      else out.ready_ms.push(t.ready);
      if (t.paint !== null) out.first_paint_ms.push(t.paint);
      if (t.wasm !== null) out.wasm_end_ms.push(t.wasm);
    } finally {
      await close();
    }
  }
} catch (err) {
  out.note = `failed: ${String(err.message).split('\n')[0]}`;
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
