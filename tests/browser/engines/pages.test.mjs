// The one-visit sweep, run once per engine (BROWSER_ENGINE): every built page at 320, 360 and
// 1280 px, one visit each collecting layout, axe (WCAG 2.1 AA) in light then dark and one Tab
// walk sampled in both schemes (see keyboardWidths), the header at 1280, console errors (where the
// engine reports them), CSP violations (POSTed by every engine to the test server), failed and
// off-site requests, and at 1280 each form sent once; the checker pages also in their error
// and ready states.
import { after, before, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { startServer } from '../lib/server.mjs';
import { checkerFixture, contentPages, listPages, siteDir } from '../lib/site.mjs';
import { assertNone } from '../lib/suite.mjs';
import { currentEngine, useEngine } from '../lib/engines.mjs';
import { POLL } from '../lib/flows.mjs';
import {
  SWEEP_VIEWPORTS, axeBothSchemes, axeWidths, consoleProblems, cspProblems, putCheckerValues,
  headerProblems, keyboardGate, keyboardWidths, layoutProblems, requestProblems, submitForms, visit,
} from '../lib/sweep.mjs';

const fx = useEngine();
let server;
before(async () => {
  server = await startServer(siteDir(), { reportCsp: true });
});
after(() => server?.close());

const pages = contentPages(listPages());

// Width by width, so the engine's viewport changes three times in the run, not at every visit.
for (const viewport of SWEEP_VIEWPORTS) {
  for (const p of pages) {
    test(`${p.file} at ${viewport.width} px`, async () => {
      const { engine } = fx;
      const { driver } = engine;
      const label = `${p.file} @${viewport.width}px ${engine.name}`;
      const requests = server.requests.length;
      const reports = server.cspReports.length;
      await engine.logs();
      await visit(engine, server, p.file, viewport, { kind: p.kind }).catch(async (e) => {
        // A checker that says "failed" wrote why to the console (checker-boot.js): show it.
        throw new Error(`${e.message}\n  ${(await consoleProblems(engine).catch(() => null))?.join('\n  ') ?? '(no console in this engine)'}`);
      });
      const problems = await driver.executeScript(layoutProblems, viewport.width);
      if (viewport.width === 1280) {
        for (const scale of [1, 1.1]) problems.push(...await driver.executeScript(headerProblems, scale));
      }
      if (axeWidths(engine.name).includes(viewport.width)) problems.push(...await axeBothSchemes(driver, label));
      if (keyboardWidths(engine.name).includes(viewport.width)) {
        problems.push(...(await keyboardGate(driver)).map((d) => `keyboard: ${d}`));
      }
      problems.push(...await requestProblems(driver, server, requests));
      if (viewport.width === 1280) await submitForms(engine, server, p.file, viewport, p.kind);
      problems.push(...(await consoleProblems(engine) ?? []));
      problems.push(...cspProblems(server, reports));
      assertNone(problems, label);
    });
  }
}

// The checker (and the one-file checker) sent with errors shows its error summary; sent with
// the example application, its output. Both states get axe in both schemes; the error state's own
// controls (summary links, suggestion buttons) get the Tab walk's text-on-focus check.
for (const width of axeWidths(currentEngine())) {
  for (const p of pages.filter((q) => q.kind === 'checker' || q.kind === 'one-file')) {
    test(`${p.file} at ${width} px: the error state and the ready state`, async () => {
      const { engine } = fx;
      const { driver } = engine;
      const viewport = SWEEP_VIEWPORTS.find((v) => v.width === width);
      const label = `${p.file} @${width}px ${engine.name}`;
      const reports = server.cspReports.length;
      await engine.logs();
      await visit(engine, server, p.file, viewport, { kind: p.kind });
      const send = async (shown) => {
        await driver.findElement(By.xpath('//button[normalize-space()="Kontrol et"]')).click();
        await driver.wait(until.elementIsVisible(driver.findElement(By.css(shown))), 10000, undefined, POLL).catch(async () => {
          const summary = await driver.executeScript('return document.querySelector("#hata-ozeti")?.innerText.replace(/\\s+/g, " ")');
          throw new Error(`${label}: ${shown} never shown; the error summary says: ${summary}`);
        });
      };
      // Errors, a warning and a suggestion button at once (an invalid TC kimlik no, an ilçe
      // written without its Turkish letters, no posta kodu).
      await putCheckerValues(driver, { ...checkerFixture().example, kimlik_no: '1234', ilce: 'GULAGAC', posta_kodu: '' });
      await send('#hata-ozeti');
      const problems = await axeBothSchemes(driver, `${label} errors`);
      if (keyboardWidths(engine.name).includes(width)) problems.push(...(await keyboardGate(driver))
        .filter((d) => d.startsWith('focused text under 4.5:1'))
        .map((d) => `${d} (errors shown)`));
      await putCheckerValues(driver);
      await send('#hazir');
      problems.push(...await axeBothSchemes(driver, `${label} ready`));
      problems.push(...(await consoleProblems(engine) ?? []));
      problems.push(...cspProblems(server, reports));
      assertNone(problems, label);
    });
  }
}
