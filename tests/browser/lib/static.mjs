// Static security checks of built HTML and CSS: CSP meta tag, no inline script/style, no
// event-handler attributes, no resource URL pointing off-site (or to the server root).
// HTML is parsed by the browser's own DOMParser (in a blank page), so the checks see exactly
// the elements and attributes a browser sees; nothing is executed. The one-file checker has
// its own rule: inline elements only, each allowed by its hash in a default-src 'none' CSP.
import { createHash } from 'node:crypto';

/** Directives the CSP meta tag must contain, with the sources each must (not) allow. */
const REQUIRED_CSP = {
  'default-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
};
const FORBIDDEN_SOURCES = ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:'];

/**
 * Inspects one page's HTML; returns a list of problems, each naming the element.
 * `page` is any Playwright page (a blank one is fine): only its DOMParser is used.
 * `oneFile`: judge it as the one-file checker (`oneFileProblems`).
 */
export async function inspectHtml(page, html, { oneFile = false } = {}) {
  const found = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const tag = (el) => {
      const s = el.outerHTML;
      const end = s.indexOf('>');
      const open = end >= 0 ? s.slice(0, end + 1) : s;
      return open.length > 160 ? `${open.slice(0, 157)}...` : open;
    };
    const out = { csp: [], problems: [], resources: [], links: [] };
    const metas = [...doc.querySelectorAll('meta[http-equiv]')].filter(
      (m) => m.getAttribute('http-equiv').toLowerCase() === 'content-security-policy',
    );
    out.csp = metas.map((m) => m.getAttribute('content') ?? '');
    if (metas.length > 0) {
      // A CSP meta tag only protects what comes after it.
      const all = [...doc.querySelectorAll('*')];
      const at = all.indexOf(metas[0]);
      for (const el of doc.querySelectorAll('script, link, style')) {
        if (all.indexOf(el) < at) out.problems.push(`${tag(el)} comes before the CSP meta tag`);
      }
      if (metas[0].parentElement?.localName !== 'head') out.problems.push('CSP meta tag is not in <head>');
    }
    out.inline = { script: [], style: [] };
    for (const el of doc.querySelectorAll('script:not([src])')) {
      out.inline.script.push(el.textContent);
      out.problems.push(`inline script ${tag(el)}`);
    }
    // A <style> inside <noscript> is parsed as text when scripting is on in the parser.
    for (const el of doc.querySelectorAll('style')) {
      out.inline.style.push(el.textContent);
      out.problems.push(`inline <style> element`);
    }
    for (const el of doc.querySelectorAll('noscript')) {
      const inner = new DOMParser().parseFromString(`<head>${el.textContent}</head>`, 'text/html');
      for (const st of inner.querySelectorAll('style')) out.inline.style.push(st.textContent);
    }
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name === 'style') out.problems.push(`style attribute on ${tag(el)}`);
        if (name.startsWith('on')) out.problems.push(`event handler attribute ${name} on ${tag(el)}`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && /^\s*javascript:/i.test(attr.value)) {
          out.problems.push(`javascript: URL on ${tag(el)}`);
        }
      }
    }
    // Resources the browser fetches by itself (links people click are navigation, not loads).
    const fetchingRels = /\b(stylesheet|icon|apple-touch-icon|mask-icon|preload|modulepreload|prefetch|manifest|preconnect|dns-prefetch)\b/i;
    const add = (el, attr, value) => value != null && out.resources.push({ el: tag(el), attr, url: value.trim() });
    for (const el of doc.querySelectorAll('script[src]')) add(el, 'src', el.getAttribute('src'));
    for (const el of doc.querySelectorAll('link[href]')) {
      if (fetchingRels.test(el.getAttribute('rel') ?? '')) add(el, 'href', el.getAttribute('href'));
    }
    for (const el of doc.querySelectorAll('img, source, video, audio, track, iframe, embed, input[type=image]')) {
      add(el, 'src', el.getAttribute('src'));
      const srcset = el.getAttribute('srcset');
      if (srcset) for (const part of srcset.split(',')) add(el, 'srcset', part.trim().split(/\s+/)[0]);
      if (el.localName === 'video') add(el, 'poster', el.getAttribute('poster'));
    }
    for (const el of doc.querySelectorAll('object[data]')) add(el, 'data', el.getAttribute('data'));
    for (const el of doc.querySelectorAll('image, use')) {
      add(el, 'href', el.getAttribute('href') ?? el.getAttribute('xlink:href'));
    }
    for (const el of doc.querySelectorAll('a[href], area[href], form[action]')) {
      out.links.push({ el: tag(el), url: (el.getAttribute('href') ?? el.getAttribute('action')).trim() });
    }
    return out;
  }, html);

  if (oneFile) return oneFileProblems(found);
  const problems = [...found.problems];
  if (found.csp.length === 0) problems.push('no <meta http-equiv="Content-Security-Policy"> tag');
  if (found.csp.length > 1) problems.push(`${found.csp.length} CSP meta tags (expected one)`);
  for (const policy of found.csp) problems.push(...checkPolicy(policy));
  for (const r of found.resources) {
    const why = resourceProblem(r.url, r.el);
    if (why) problems.push(`${r.attr}="${r.url}" on ${r.el}: ${why}`);
  }
  for (const l of found.links) {
    if (/^\/(?!\/)/.test(l.url)) problems.push(`link "${l.url}" on ${l.el} starts with '/' (breaks sub-path and file:// use)`);
  }
  return problems;
}

/**
 * The one-file checker inlines its CSS and scripts: allowed only by a CSP that
 * starts from `default-src 'none'` and lists each inline element's sha256, nothing broader.
 */
function oneFileProblems(found) {
  const problems = found.problems.filter((p) => !/^inline (script|<style>)/.test(p));
  if (found.csp.length !== 1) return [...problems, `expected one CSP meta tag, found ${found.csp.length}`];
  const directives = new Map(found.csp[0].split(';').map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n, v]));
  if ((directives.get('default-src') ?? []).join(' ') !== "'none'") problems.push("CSP default-src is not 'none'");
  const hashOf = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  for (const [kind, directive, extra] of [['script', 'script-src', ["'wasm-unsafe-eval'"]], ['style', 'style-src', []]]) {
    const allowed = directives.get(directive) ?? [];
    const needed = found.inline[kind].map(hashOf);
    for (const h of needed) if (!allowed.includes(h)) problems.push(`inline ${kind} not allowed by its hash ${h}`);
    for (const a of allowed) if (!needed.includes(a) && !extra.includes(a)) problems.push(`CSP ${directive} allows ${a}, which no inline ${kind} needs`);
  }
  for (const r of found.resources) {
    if (!/^data:/i.test(r.url)) problems.push(`${r.attr}="${r.url}" on ${r.el}: the one-file copy may load no file`);
  }
  return problems;
}

/** Problems with one CSP policy string (missing directives, unsafe sources). */
export function checkPolicy(policy) {
  const directives = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  const problems = [];
  for (const [name, sources] of Object.entries(REQUIRED_CSP)) {
    const got = directives.get(name);
    if (!got) problems.push(`CSP lacks ${name}`);
    else if (sources.some((s) => !got.includes(s)) || got.length !== sources.length) {
      problems.push(`CSP ${name} is '${got.join(' ')}', expected '${sources.join(' ')}'`);
    }
  }
  for (const name of ['default-src', 'script-src', 'style-src']) {
    for (const s of directives.get(name) ?? []) {
      if (FORBIDDEN_SOURCES.includes(s) || /^https?:/i.test(s)) problems.push(`CSP ${name} allows ${s}`);
    }
  }
  return problems;
}

/** Why a fetched resource URL is not allowed, or null: must be a relative same-site URL. */
export function resourceProblem(url, el = '') {
  if (url === '') return 'empty URL';
  if (/^data:/i.test(url)) return /^<(img|source|image|use)\b/i.test(el) ? null : 'data: URL outside an image';
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return 'points off-site';
  if (url.startsWith('/')) return "starts with '/' (breaks sub-path and file:// use)";
  return null;
}

/** Problems in a stylesheet's text: off-site `url(...)` or `@import`, root-absolute URLs. */
export function inspectCss(css) {
  const problems = [];
  const re = /@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')]+?)["']?\s*\)/gi;
  for (const m of css.matchAll(re)) {
    const url = (m[1] ?? m[2]).trim();
    if (/^data:/i.test(url)) continue;
    const why = resourceProblem(url, '<style>');
    if (why) {
      const line = css.slice(0, m.index).split('\n').length;
      problems.push(`line ${line}: ${m[0]} ${why}`);
    }
  }
  return problems;
}
