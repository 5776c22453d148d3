// Transfer sizes of built files: raw, gzip and brotli (maximum quality, as a host would
// precompress them), and a plain-text table printer for the budget report.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** `{ raw, gzip, brotli }` byte counts of a buffer. */
export function compressedSizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** Brotli size of a file on disk. */
export function brotliSize(path) {
  return compressedSizes(readFileSync(path)).brotli;
}

/** `14.2 KB` style: kilobytes (1 KB = 1024 bytes) with one decimal. */
export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Renders rows (arrays of cells) as an aligned text table; numbers are right-aligned. */
export function formatTable(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
