// Deploy recipes proven on real servers: Debian's nginx and Caddy run exactly the
// blocks the README shows (read from the README, so the two cannot drift apart), Apache runs
// with the generated .htaccess, each serving a build under /eimza/ on 127.0.0.1. Checked: every
// page 200, a missing page 404 with the site's own 404 page, .wasm as application/wasm,
// fingerprinted assets cached immutable and HTML not, and the checker working in Chromium.
// The servers are installed by `cargo xtask test` (xtask/src/setup.rs); a missing one fails.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gotoSettled, launchBrowser, openPage } from './lib/browser.mjs';
import { checkerReady, fillChecker } from './lib/site.mjs';
import { assertNone } from './lib/suite.mjs';
import { freePort } from './lib/ports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'eimza-servers-'));
const site = join(work, 'eimza');

/** The fenced block of `lang` in the README (exactly one). */
function readmeBlock(lang) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
  assert.equal(blocks.length, 1, `README has one \`\`\`${lang} block`);
  return blocks[0];
}

/** Starts `cmd args` and waits until the port answers; returns a stop function. */
async function start(name, cmd, args, port, env = {}) {
  let log = '';
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const end = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${log}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      if (Date.now() > end) throw new Error(`${name} did not answer on ${port}:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  };
}

const SERVERS = {
  async nginx(port) {
    const dir = join(work, 'nginx');
    mkdirSync(dir, { recursive: true });
    const block = readmeBlock('nginx').replaceAll('/var/www/eimza/', `${site}/`);
    writeFileSync(join(dir, 'nginx.conf'), `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
    server {
        listen 127.0.0.1:${port};
${block}
    }
}
`);
    return start('nginx', 'nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], port);
  },
  async caddy(port) {
    const dir = join(work, 'caddy');
    mkdirSync(dir, { recursive: true });
    const block = readmeBlock('caddy').replace(/^\S+ \{/, `http://127.0.0.1:${port} {`).replaceAll('/var/www/eimza', site);
    writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n\tauto_https off\n}\n${block}`);
    return start('caddy', 'caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], port, {
      HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir,
    });
  },
  async apache(port) {
    const dir = join(work, 'apache');
    mkdirSync(dir, { recursive: true });
    const mods = ['mpm_event', 'authz_core', 'mime', 'alias', 'dir', 'headers'];
    writeFileSync(join(dir, 'httpd.conf'), `ServerRoot ${dir}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/error.log
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
User www-data
Group www-data
${mods.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
TypesConfig /etc/mime.types
DirectoryIndex index.html
Alias /eimza/ ${site}/
<Directory ${site}>
    AllowOverride FileInfo Indexes
    Require all granted
</Directory>
`);
    return start('apache2', 'apache2', ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND'], port);
  },
};

let browser;
before(async () => {
  // The published build knows its sub-path (base_url), so .htaccess names its 404 page.
  const r = spawnSync(process.env.XTASK_BIN, ['build', '--base-url', 'https://ornek.meb.gov.tr/eimza/', '--out', site], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `build failed:\n${r.stderr}`);
  // The servers' workers run as other users: let them read the build.
  chmodSync(work, 0o755);
  spawnSync('chmod', ['-R', 'a+rX', site]);
  browser = await launchBrowser();
});
after(async () => browser?.close());

const pages = () => readdirSync(site).filter((f) => f.endsWith('.html'));

for (const [name, launch] of Object.entries(SERVERS)) {
  describe(`${name} with the README's recipe`, () => {
    let stop;
    let base;
    before(async () => {
      const port = await freePort();
      stop = await launch(port);
      base = `http://127.0.0.1:${port}/eimza/`;
    });
    after(async () => stop?.());

    test('every page 200 as HTML, not cached for good', async () => {
      const problems = [];
      for (const f of pages()) {
        const res = await fetch(base + f);
        const cache = res.headers.get('cache-control') ?? '';
        if (res.status !== 200) problems.push(`${f}: HTTP ${res.status}`);
        else if (!/^text\/html/.test(res.headers.get('content-type') ?? '')) problems.push(`${f}: ${res.headers.get('content-type')}`);
        if (/immutable/.test(cache)) problems.push(`${f}: Cache-Control ${cache}`);
      }
      assertNone(problems, name);
      const index = await fetch(base);
      assert.equal(index.status, 200, 'the folder itself serves index.html');
    });

    test('a missing page is 404 with the site\'s own 404 page', async () => {
      const res = await fetch(`${base}yok-boyle-bir-sayfa.html`);
      assert.equal(res.status, 404);
      const own = readFileSync(join(site, '404.html'), 'utf8').match(/<h1[^>]*>([^<]+)</)[1];
      assert.ok((await res.text()).includes(own), `the body is 404.html (“${own}”)`);
    });

    test('.wasm as application/wasm; fingerprinted assets cached immutable', async () => {
      const files = readdirSync(site);
      const wasm = files.find((f) => f.endsWith('.wasm'));
      const res = await fetch(base + wasm);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/wasm');
      for (const f of files.filter((x) => /\.[0-9a-f]{8}\.(css|js|wasm|svg)$/.test(x))) {
        const cache = (await fetch(base + f)).headers.get('cache-control') ?? '';
        assert.match(cache, /max-age=31536000/, `${f}: ${cache}`);
        assert.match(cache, /immutable/, `${f}: ${cache}`);
      }
    });

    test('the checker works in Chromium', async () => {
      const opened = await openPage(browser);
      try {
        await gotoSettled(opened.page, `${base}kontrol.html`, { waitFor: checkerReady });
        await fillChecker(opened.page);
        await opened.page.getByRole('button', { name: 'Kontrol et' }).click();
        await opened.page.locator('#hazir').waitFor({ state: 'visible' });
        assertNone(opened.problems(), `${name}: kontrol.html`);
      } finally {
        await opened.close();
      }
    });
  });
}

test('web.config is well-formed XML with the wasm MIME map (IIS cannot run here)', async () => {
  const xml = readFileSync(join(site, 'web.config'), 'utf8');
  const opened = await openPage(browser);
  try {
    const parsed = await opened.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const error = doc.querySelector('parsererror');
      const map = doc.querySelector('configuration > system\\.webServer > staticContent > mimeMap');
      return { error: error?.textContent ?? null, ext: map?.getAttribute('fileExtension'), type: map?.getAttribute('mimeType') };
    }, xml);
    assert.equal(parsed.error, null);
    assert.deepEqual([parsed.ext, parsed.type], ['.wasm', 'application/wasm']);
  } finally {
    await opened.close();
  }
});
