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
 * - `reportCsp`: send each HTML page's own CSP (its `<meta http-equiv>`) also as a header with
 *   `report-uri` pointing back here, so every engine POSTs its violations to the server
 *   (collected in `cspReports`), whether or not it reports them to WebDriver. Also serves
 *   `/__frame.html?w=&h=&src=`: the page `src` in an iframe of that size, for a viewport
 *   narrower than an engine's smallest window (MiniBrowser's is 447 px).
 *
 * Returns `{ origin, base, url(rel), requests, slow, intercept, cspReports, files(), close() }`:
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

export async function startServer(root, { prefix = '/', wasmMime = 'application/wasm', compress = false, reportCsp = false, cacheControl = 'no-store' } = {}) {
  const rootDir = resolve(root);
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new Error(`prefix must start and end with '/': ${prefix}`);
  }
  const requests = [];
  const slow = new Map();
  const cspReports = [];
  let intercept = null;
  const server = createServer(async (req, res) => {
    if (reportCsp && req.url === CSP_REPORT_PATH && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      try {
        const r = JSON.parse(body)['csp-report'] ?? {};
        cspReports.push({
          directive: r['effective-directive'] || r['violated-directive'],
          blocked: r['blocked-uri'],
          source: r['source-file'],
          line: r['line-number'],
          sample: r['script-sample'],
          page: r['document-uri'],
        });
      } catch {
        cspReports.push({ directive: 'unreadable report', blocked: body.slice(0, 200) });
      }
      res.writeHead(204);
      res.end();
      return;
    }
    if (reportCsp && req.url.startsWith('/__frame.html?')) {
      const q = new URL(req.url, 'http://x').searchParams;
      const [w, h] = [Number(q.get('w')), Number(q.get('h'))];
      const src = new URL(q.get('src') ?? '', `http://x${prefix}`).pathname;
      res.writeHead(200, { 'Content-Type': MIME_TYPES['.html'], 'Cache-Control': 'no-store' });
      res.end(`<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>${w} px</title></head>`
        + `<body style="margin:0"><iframe title="${w} px" src="${src}" width="${w}" height="${h}" style="border:0;display:block"></iframe></body></html>`);
      return;
    }
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
      const headers = { 'Content-Type': type, 'Cache-Control': cacheControl };
      if (reportCsp && ext === '.html') {
        const csp = metaCsp(body.toString('utf8'));
        if (csp) headers['Content-Security-Policy'] = `${csp}; report-uri ${CSP_REPORT_PATH}`;
      }
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
    cspReports,
    get intercept() { return intercept; },
    set intercept(fn) { intercept = fn; },
    url: (rel = '') => new URL(rel, base).href,
    /** Files served with status 200 since the log was last cleared (relative paths, unique). */
    files: () => [...new Set(requests.filter((r) => r.status === 200).map((r) => r.file))],
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

const CSP_REPORT_PATH = '/__csp-report';

/** The policy of a page's `<meta http-equiv="Content-Security-Policy">`, or null. */
function metaCsp(html) {
  const tag = /<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/i.exec(html);
  const content = tag && /\scontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag[0]);
  if (!content) return null;
  return (content[1] ?? content[2])
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
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
