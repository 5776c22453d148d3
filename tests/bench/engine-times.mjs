// Checker timings per engine for `cargo xtask bench`: in Chromium, Firefox ESR and WebKitGTK
// (the test suite's drivers, lib/engines.mjs), the checker's own marks after opening
// kontrol.html ('checker-ready') and after sending the example application ('check', a full
// check). Input (environment): SITE_DIR, CHECKER_FIXTURE, RUNS, GECKODRIVER_PATH.
// Output: one JSON object on stdout, `{ engine: { ready_ms, check_ms, note } }`; never asserts.
import { ENGINES, setViewport, startEngine } from '../browser/lib/engines.mjs';
import { fillChecker, inPage, open, submitChecker, waitInPage } from '../browser/lib/flows.mjs';
import { startServer } from '../browser/lib/server.mjs';
import { CHECKER_PAGE } from '../browser/lib/site.mjs';

const runs = Number(process.env.RUNS || 5);
const server = await startServer(process.env.SITE_DIR, { compress: true });
const out = {};
for (const name of ENGINES) {
  const ready = [];
  const check = [];
  const notes = new Set();
  let engine = null;
  try {
    engine = await startEngine(name);
    await setViewport(engine, { width: 1280, height: 800 });
    for (let i = 0; i < runs; i++) {
      // A fresh page each run; nothing kept from the last (the checker's opt-in draft).
      await open(engine, server.url(CHECKER_PAGE), { marker: 'checker' });
      await inPage(engine, () => { localStorage.clear(); sessionStorage.clear(); });
      await open(engine, `${server.url(CHECKER_PAGE)}?run=${i}`, { marker: 'checker' });
      const mark = await inPage(engine, () => performance.getEntriesByName('checker-ready', 'mark')[0]?.startTime ?? null);
      if (mark === null) notes.add("no performance.mark('checker-ready')");
      else ready.push(mark);
      await fillChecker(engine);
      await inPage(engine, () => performance.clearMeasures('check'));
      await submitChecker(engine);
      // Wrapped: a check may measure 0 ms where the engine coarsens its clock.
      const measured = await waitInPage(engine.driver, "performance.measure('check')", () => {
        const m = performance.getEntriesByName('check', 'measure').at(-1);
        return m ? { ms: m.duration } : null;
      }).catch(() => null);
      if (measured === null) notes.add("no performance.measure('check') after sending the form");
      else check.push(measured.ms);
    }
  } catch (err) {
    notes.add(`failed: ${String(err.message).split('\n')[0]}`);
  } finally {
    await engine?.close();
  }
  out[name] = { ready_ms: ready, check_ms: check, note: [...notes].join('; ') || null };
}
await server.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
