// Page weights of a built site for `cargo xtask bench`: raw, gzip (level 9) and brotli
// (quality 11) sizes of every file below SITE_DIR, as a host that precompresses would send
// them. Node's zlib does the compressing, so the Rust builder carries no compressor for this.
// Output: one JSON array of { file, raw, gzip, brotli } on stdout, sorted by path.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.env.SITE_DIR;
if (!root) throw new Error('SITE_DIR is not set');

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* files(path);
    else yield path;
  }
}

const out = [...files(root)]
  .map((path) => {
    const bytes = readFileSync(path);
    return {
      file: relative(root, path).split(sep).join('/'),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
  })
  .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
process.stdout.write(JSON.stringify(out));
