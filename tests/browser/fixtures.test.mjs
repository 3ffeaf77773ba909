// The suite's own test: it must fail a deliberately broken mini-site, naming
// each page and its problem, and pass a good one.
//   cd tests/browser && npm test
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDir } from './fixtures/serve.mjs';
import { chromiumPresent, CHROMIUM_PATH } from './lib/config.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(here, 'suite.mjs');

function run(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [suite, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function failures(stdout, base) {
  const out = [];
  for (const line of stdout.split('\n')) {
    const m = line.match(/^FAIL (\S+) \[([\w-]+)@(\w+)\] (.*)$/);
    if (m) out.push({ page: m[1].startsWith(base) ? m[1].slice(base.length) || '/' : m[1], check: `${m[2]}@${m[3]}`, message: m[4] });
  }
  return out;
}

async function suiteAgainst(dir) {
  const server = await serveDir(path.join(here, 'fixtures', dir));
  const out = mkdtempSync(path.join(os.tmpdir(), `browser-suite-${dir}-`));
  try {
    const r = await run([server.url], { BROWSER_SUITE_OUT: out });
    r.shots = existsSync(path.join(out, 'screenshots')) ? readdirSync(path.join(out, 'screenshots')).sort() : [];
    r.base = server.url;
    return r;
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

function needBrowser() {
  // Never let a run without a browser look like a pass.
  assert.ok(chromiumPresent(), `chromium not found at ${CHROMIUM_PATH}: the browser suite did not run (run tests/browser/install.sh)`);
}

test('the good mini-site passes every check', async () => {
  needBrowser();
  const r = await suiteAgainst('good');
  const fails = failures(r.stdout, r.base);
  assert.deepEqual(fails, [], `unexpected failures:\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^\d+ passed, 0 failed$/m);
  assert.match(r.stdout, /^pages checked: 4$/m);
  assert.match(r.stdout, /role page weight: .*\/roles\/example\/: HTML [\d.]+ kB raw; HTML \+ CSS [\d.]+ kB compressed/);
  assert.deepEqual(r.shots, ['home-1280.png', 'home-375.png', 'role-1280.png', 'role-375.png']);
});

test('the broken mini-site fails, naming each page and its problem', async () => {
  needBrowser();
  const r = await suiteAgainst('broken');
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const fails = failures(r.stdout, r.base);

  // Every page fails exactly the checks its problem breaks, and no others.
  const both = (c) => [`${c}@1280`, `${c}@375`];
  const expected = {
    '/missing-alt.html': [...both('axe'), 'html@any'],
    '/broken-anchor.html': ['fragments@any'],
    '/wide.html': both('scroll'),
    '/no-lang.html': [...both('axe'), 'lang@any'],
    '/two-h1.html': ['h1@any'],
    '/heading-skip.html': [...both('axe'), 'headings@any', 'html@any'],
    '/no-skip-link.html': both('skip-link'),
    '/skip-elsewhere.html': both('skip-link'),
    '/no-focus-ring.html': both('focus'),
    '/unreachable.html': both('focus'),
    '/facts-overflow.html': both('text-overflow'),
    '/table-no-wrap.html': ['scroll@375', 'text-overflow@375'],
    '/small-targets.html': both('tap-targets'),
    '/js-content.html': ['no-js@any'],
    '/print-nav.html': ['print@any'],
    '/console-error.html': ['console@any'],
    '/external.html': ['external-requests@any'],
    '/dead-link.html': ['links@any'],
    '/roles/heavy/': ['weight@any'],
    '/soc/code-3/': ['links@any'], // read from its markup only: its two h1s go unseen, its dead link does not
    '/feed.xml': ['xml@any'],
    '/gone.html': ['sitemap@any'],
    '/favicon.ico': ['requests@any'], // no <link rel="icon"> in the broken pages, and no /favicon.ico
  };
  const got = {};
  for (const f of fails) (got[f.page] ||= new Set()).add(f.check);
  const actual = Object.fromEntries(Object.entries(got).map(([p, s]) => [p, [...s].sort()]));
  const want = Object.fromEntries(Object.entries(expected).map(([p, s]) => [p, [...s].sort()]));
  assert.deepEqual(actual, want, `failures differ from the expected ones:\n${r.stdout}`);

  // The messages say what is wrong.
  const msg = (page, check) => fails.filter((f) => f.page === page && f.check === check).map((f) => f.message).join(' | ');
  assert.match(msg('/missing-alt.html', 'axe@375'), /image-alt/);
  assert.match(msg('/missing-alt.html', 'html@any'), /“img” element must have an “alt” attribute/);
  assert.match(msg('/broken-anchor.html', 'fragments@any'), /broken anchor #nowhere: no element with id="nowhere"/);
  assert.match(msg('/wide.html', 'scroll@375'), /scrolls horizontally: scrollWidth \d+px > 375px.*div\.wide is 2000px wide/);
  assert.match(msg('/wide.html', 'scroll@1280'), /scrollWidth \d+px > 1280px/);
  assert.match(msg('/no-lang.html', 'lang@any'), /no lang attribute/);
  assert.match(msg('/two-h1.html', 'h1@any'), /exactly one h1, found 2/);
  assert.match(msg('/heading-skip.html', 'headings@any'), /h3 .* follows h1: level h2 skipped/);
  assert.match(msg('/no-skip-link.html', 'skip-link@1280'), /first Tab stop is a\[href="\/"\] "Home", not a skip link/);
  assert.match(msg('/skip-elsewhere.html', 'skip-link@375'), /points to #site-footer, which is not the main content/);
  assert.match(msg('/no-focus-ring.html', 'focus@375'), /no visible focus style on a\.bare/);
  assert.match(msg('/unreachable.html', 'focus@1280'), /not reachable with Tab/);
  assert.match(msg('/facts-overflow.html', 'text-overflow@375'), /overflows dd/);
  assert.match(msg('/table-no-wrap.html', 'text-overflow@375'), /not inside a scrolling \.table-wrap/);
  assert.match(msg('/small-targets.html', 'tap-targets@375'), /button "1" is 14x14px and closer than 24px/);
  assert.match(msg('/js-content.html', 'no-js@any'), /characters without JavaScript/);
  assert.match(msg('/print-nav.html', 'print@any'), /site chrome still printed: header\.site-header/);
  assert.match(msg('/console-error.html', 'console@any'), /deliberate fixture error/);
  assert.match(msg('/external.html', 'external-requests@any'), /request to another host: image https:\/\/cdn\.example\.com\/pixel\.png/);
  assert.match(msg('/dead-link.html', 'links@any'), /broken link to .*\/missing-page\.html: HTTP 404/);
  assert.match(msg('/soc/code-3/', 'links@any'), /broken link to .*\/soc\/code-3\/missing\/: HTTP 404/);
  assert.match(r.stdout, /^pages of one template read from their markup, not opened in the browser \(over 2 per template\): 1$/m);
  assert.match(msg('/roles/heavy/', 'weight@any'), /HTML is [\d.]+ kB raw .* over the 50\.0 kB budget/);
  assert.match(msg('/roles/heavy/', 'weight@any'), /HTML \+ CSS is [\d.]+ kB compressed .* over the 30\.0 kB budget/);
  assert.match(msg('/feed.xml', 'xml@any'), /not well-formed XML/);
  assert.match(msg('/gone.html', 'sitemap@any'), /listed in \/sitemap\.xml but answers HTTP 404/);
  assert.match(msg('/favicon.ico', 'requests@any'), /answers HTTP 404, and the browser requests it for every page without <link rel="icon">/);

  const last = r.stdout.trim().split('\n').at(-1);
  const m = last.match(/^(\d+) passed, (\d+) failed$/);
  assert.ok(m, `last line is not "N passed, N failed": ${last}`);
  assert.equal(Number(m[2]), fails.reduce((s, f) => s.add(`${f.page} ${f.check}`), new Set()).size);
});

test('without a browser the suite says it did not run and exits non-zero', async () => {
  const local = await run(['http://127.0.0.1:9'], { CHROMIUM_PATH: '/nonexistent/chromium', CI: '' });
  assert.equal(local.code, 2);
  assert.match(local.stdout, /browser suite DID NOT RUN: chromium not found/);
  assert.doesNotMatch(local.stdout, /passed, 0 failed/);

  const ci = await run(['http://127.0.0.1:9'], { CHROMIUM_PATH: '/nonexistent/chromium', CI: 'true' });
  assert.equal(ci.code, 1);
  assert.match(ci.stdout, /chromium not found/);
  assert.match(ci.stdout, /^0 passed, 1 failed$/m);
});
