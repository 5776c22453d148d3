// Static file server for the browser tests: serves a built site over node:http, optionally
// under a sub-path (`/eimza/`) or with a wrong `.wasm` MIME type, and records every request.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** Content types a plain static host sends; anything else is application/octet-stream. */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
};

/**
 * Starts a static server over `root` on 127.0.0.1 (a free port).
 *
 * Options:
 * - `prefix`: URL path the site lives under, e.g. `/eimza/` (default `/`). Requests outside it
 *   get 404, like a real sub-path deployment, so root-absolute links show up as failures.
 * - `wasmMime`: Content-Type for `.wasm` (default `application/wasm`); pass
 *   `application/octet-stream` to imitate a badly configured host.
 * - `compress`: send brotli/gzip when the browser accepts it, like a production host
 *   (default false; `bytes` in the log stays the uncompressed size).
 *
 * Returns `{ origin, base, url(rel), requests, slow, files(), close() }`:
 * - `slow` maps a request path (`/eimza/index.html`) to a delay in ms before it is answered:
 *   a slow network for that file.
 * - `intercept`: null, or a function `(path) => null | { status, type, body }` that answers a
 *   request instead of the file (a blocked or broken file, in every engine: no DevTools needed).
 * - `base` is `origin + prefix`; `url('adim-1.html')` is the full URL of a page.
 * - `requests` is the log: `{ method, path, status, file, bytes, type }` in arrival order;
 *   `file` is the served file path relative to `root` (null on 404). Clear it with
 *   `requests.length = 0` between pages.
 */
const compressedCache = new Map();
/** `body` of `path` brotli- or gzip-compressed, cached by path, encoding and content. */
function compressed(path, body, encoding) {
  const key = `${encoding} ${path}`;
  const hit = compressedCache.get(key);
  if (hit && hit.source.equals(body)) return hit.sent;
  const sent = encoding === 'br' ? brotliCompressSync(body) : gzipSync(body);
  compressedCache.set(key, { source: body, sent });
  return sent;
}

export async function startServer(root, { prefix = '/', wasmMime = 'application/wasm', compress = false } = {}) {
  const rootDir = resolve(root);
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new Error(`prefix must start and end with '/': ${prefix}`);
  }
  const requests = [];
  const slow = new Map();
  let intercept = null;
  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0, file: null, bytes: 0, type: null };
    requests.push(entry);
    try {
      const delay = slow.get(req.url);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const answer = intercept?.(req.url);
      if (answer) {
        Object.assign(entry, { status: answer.status, type: answer.type ?? MIME_TYPES['.txt'] });
        res.writeHead(answer.status, { 'Content-Type': entry.type, 'Cache-Control': 'no-store' });
        res.end(answer.body ?? '');
        return;
      }
      const found = await resolveFile(rootDir, prefix, req.url);
      if (!found) {
        entry.status = 404;
        const notFound = await readOptional(join(rootDir, '404.html'));
        res.writeHead(404, { 'Content-Type': notFound ? MIME_TYPES['.html'] : MIME_TYPES['.txt'] });
        res.end(notFound ?? 'not found');
        return;
      }
      const body = await readFile(found.path);
      const ext = extname(found.path).toLowerCase();
      const type = ext === '.wasm' ? wasmMime : (MIME_TYPES[ext] ?? 'application/octet-stream');
      Object.assign(entry, { status: 200, file: found.rel, bytes: body.length, type });
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
      let sent = body;
      const accepts = String(req.headers['accept-encoding'] ?? '');
      if (compress && /^(text\/|application\/(javascript|json|xml|wasm)|image\/svg)/.test(type)) {
        // Compressed once per file and kept, as a production host does (precompressed or
        // cached): brotli 11 on every request blocks this server for ~0.3 s on the wasm, which
        // would be measured as page time.
        if (/\bbr\b/.test(accepts)) [sent, headers['Content-Encoding']] = [compressed(found.path, body, 'br'), 'br'];
        else if (/\bgzip\b/.test(accepts)) [sent, headers['Content-Encoding']] = [compressed(found.path, body, 'gzip'), 'gzip'];
        headers.Vary = 'Accept-Encoding';
      }
      headers['Content-Length'] = sent.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : sent);
    } catch (err) {
      entry.status = 500;
      res.writeHead(500, { 'Content-Type': MIME_TYPES['.txt'] });
      res.end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = origin + prefix;
  return {
    origin,
    base,
    requests,
    slow,
    get intercept() { return intercept; },
    set intercept(fn) { intercept = fn; },
    url: (rel = '') => new URL(rel, base).href,
    /** Files served with status 200 since the log was last cleared (relative paths, unique). */
    files: () => [...new Set(requests.filter((r) => r.status === 200).map((r) => r.file))],
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

/** Maps a request URL to a file under `rootDir`, or null (outside the prefix, missing, traversal). */
async function resolveFile(rootDir, prefix, rawUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, 'http://x').pathname);
  } catch {
    return null;
  }
  if (!pathname.startsWith(prefix)) return null;
  let rel = pathname.slice(prefix.length);
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const full = normalize(join(rootDir, rel));
  if (full !== rootDir && !full.startsWith(rootDir + sep)) return null;
  try {
    const info = await stat(full);
    if (!info.isFile()) return null;
  } catch {
    return null;
  }
  return { path: full, rel: full.slice(rootDir.length + 1).split(sep).join('/') };
}

async function readOptional(path) {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}
