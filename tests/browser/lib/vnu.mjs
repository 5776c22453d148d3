// Runs the Nu HTML Checker (npm `vnu-jar`, on the machine's Java) over built HTML files and
// returns its errors with file and line, so a failure names the page and the place.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Path of vnu.jar inside node_modules. */
export const VNU_JAR = require.resolve('vnu-jar/build/dist/vnu.jar');

/**
 * One short run of the checker: the JVM's quick compiler only (its optimising compiler spent
 * more CPU than the check itself: about 6 s of CPU against 3 s for the built site, measured on
 * the 2-core machine), and the thread stack vnu asks for once the quick compiler's larger frames
 * would overflow the default one (“requires a java thread stack size of at least 512k”).
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-Xss4m'];

/**
 * Checks `files` (absolute paths) in one JVM run. Returns `[{ path, file, line, column, message, extract }]`
 * for every error (warnings are not reported: `--errors-only`). Throws when Java is missing
 * or vnu's output cannot be read — a checker that did not run is a failure, not a pass.
 */
export function vnuErrors(files) {
  if (files.length === 0) return [];
  const java = process.env.JAVA || 'java';
  const run = spawnSync(java, [...JVM_FLAGS, '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cannot run '${java}' for the Nu HTML Checker: ${run.error.message} (install Java: run .ci/run)`);
  let report;
  try {
    // vnu writes its JSON report to stderr.
    report = JSON.parse(run.stderr);
  } catch {
    throw new Error(`Nu HTML Checker gave no JSON report (exit ${run.status}): ${run.stderr.slice(0, 500)}${run.stdout.slice(0, 500)}`);
  }
  return report.messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
    .map((m) => ({ path: m.url ? fileURLToPath(m.url.replace(/^file:(?!\/\/)/, 'file://')) : '?', m }))
    .map(({ path, m }) => ({
      path,
      file: basename(path),
      line: m.lastLine ?? m.firstLine ?? 0,
      column: m.firstColumn ?? m.lastColumn ?? 0,
      message: m.message,
      extract: (m.extract ?? '').replace(/\s+/g, ' ').trim(),
    }));
}

/** `file:line:column: message — “extract”` */
export function formatVnuError(e) {
  return `${e.file}:${e.line}:${e.column}: ${e.message}${e.extract ? ` — “${e.extract}”` : ''}`;
}
