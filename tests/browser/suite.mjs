#!/usr/bin/env node
// The real-browser check suite.
//
//   node tests/browser/suite.mjs http://127.0.0.1:8080
//
// Crawls the site from its start page (and /sitemap.xml when it answers 200),
// checks every page in Debian's Chromium (accessibility, keyboard, layout at
// 375 and 1280 px, print, no-JS, console, requests), validates all HTML at
// once with the Nu HTML Checker and the feed/sitemap/SVGs with xmllint,
// checks every internal link and fragment, weighs the role pages, and takes
// screenshots. One line per failure:
//   FAIL <url> [<check>@<width>] <message>
// and a last line "N passed, N failed" counting checks (page x check x width).
// Exit 0: all passed; 1: something failed; 2: did not run (no browser, not CI).
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM_PATH,
  CHROMIUM_ARGS,
  CONCURRENCY,
  MAX_PAGES,
  OUT_DIR,
  QUERY_VARIANTS,
  ROLE_PAGE_RE,
  TEMPLATE_PAGES,
  TEMPLATE_SAMPLES,
  DESKTOP,
  chromiumPresent,
} from './lib/config.mjs';
import { Report } from './lib/report.mjs';
import { getFollowing } from './lib/http.mjs';
import { pageKey, sameOrigin, isHttp, isHtml, isXml, sitemapLocs, idsInMarkup, linksInMarkup } from './lib/crawl.mjs';

const inCI = () => /^(true|1|yes)$/i.test(process.env.CI || '');

/** Says the suite did not run; in CI that is a failure. */
function didNotRun(reason, fix) {
  if (inCI()) {
    console.log(`FAIL - [setup@any] browser suite cannot run in CI: ${reason} (${fix})`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`browser suite DID NOT RUN: ${reason} (${fix})`);
  return 2;
}

export async function runSuite(baseArg, { log = (s) => console.log(s) } = {}) {
  const started = Date.now();
  const base = new URL(baseArg).href;
  const report = new Report();
  const shotsDir = path.join(OUT_DIR, 'screenshots');
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });

  const fetched = new Map(); // url -> fetch result (also under the final URL)
  const queued = new Set();
  const queue = [];
  const pages = new Map(); // final page url -> {links, refs}
  const idsByPage = new Map();
  const htmlPages = []; // {url, body}
  const xmlDocs = new Map(); // url -> {url, body, kind}
  const roleSheets = new Map(); // role page url -> stylesheets
  const shots = [];
  const fromSitemap = new Set();
  const withoutIcon = [];
  const sampled = new Map(); // a path with a query, or a TEMPLATE_PAGES pattern -> pages of it seen
  const sampledOut = []; // query variants read from their markup, not opened
  const markupOnly = []; // template pages read from their markup, not opened
  let screenshotRole = null;
  let tooMany = false;

  const enqueue = (url) => {
    if (!isHttp(url) || !sameOrigin(url, base)) return;
    const key = pageKey(url);
    if (queued.has(key)) return;
    queued.add(key);
    queue.push(key);
  };

  // Reachable at all?
  const first = await getFollowing(base);
  if (first.status === 0) {
    report.fail(base, 'http', 'any', `cannot reach the site: ${first.error}`);
    return { report, code: 1, pages: 0, seconds: (Date.now() - started) / 1000 };
  }
  enqueue(base);

  // The sitemap (and sitemap index), when there is one.
  const sitemapUrl = new URL('/sitemap.xml', base).href;
  const sm = await getFollowing(sitemapUrl);
  if (sm.status === 200) {
    report.ran(sitemapUrl, 'sitemap');
    xmlDocs.set(sitemapUrl, { url: sitemapUrl, body: sm.body, kind: 'sitemap' });
    const xml = sm.body.toString('utf8');
    let locs = sitemapLocs(xml);
    if (/<sitemapindex[\s>]/.test(xml)) {
      const nested = [];
      for (const loc of locs) {
        const u = sameOrigin(loc, base) ? loc : new URL(new URL(loc).pathname, base).href;
        const child = await getFollowing(u);
        if (child.status !== 200) {
          report.fail(sitemapUrl, 'sitemap', 'any', `sitemap ${loc} in the index answers ${child.error || child.status}`);
          continue;
        }
        xmlDocs.set(u, { url: u, body: child.body, kind: 'sitemap' });
        nested.push(...sitemapLocs(child.body.toString('utf8')));
      }
      locs = nested;
    }
    if (!locs.length) report.fail(sitemapUrl, 'sitemap', 'any', 'the sitemap lists no <loc>');
    for (const loc of locs) {
      let u;
      try {
        u = new URL(loc);
      } catch {
        report.fail(sitemapUrl, 'sitemap', 'any', `<loc>${loc}</loc> is not an absolute URL`);
        continue;
      }
      if (!sameOrigin(u.href, base)) {
        report.fail(sitemapUrl, 'sitemap', 'any', `<loc>${loc}</loc> is not on the site's origin ${new URL(base).origin} (is --site-url right?)`);
        u = new URL(u.pathname + u.search, base);
      }
      fromSitemap.add(pageKey(u.href));
      enqueue(u.href);
    }
  } else if (sm.status !== 404 && sm.status !== 0) {
    report.fail(sitemapUrl, 'sitemap', 'any', `/sitemap.xml answers HTTP ${sm.status} (expected 200, or 404 when there is none)`);
  }

  // The Atom feed, when there is one.
  const feedUrl = new URL('/feed.xml', base).href;
  const feed = await getFollowing(feedUrl);
  if (feed.status === 200) xmlDocs.set(feedUrl, { url: feedUrl, body: feed.body, kind: 'feed' });
  else if (feed.status !== 404) report.fail(feedUrl, 'xml', 'any', `/feed.xml answers HTTP ${feed.status || feed.error}`);

  // The browser.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const { checkPage } = await import('./lib/page.mjs');
  const contexts = {
    js: await browser.newContext({ viewport: { width: DESKTOP.width, height: DESKTOP.height }, bypassCSP: true }),
    nojs: await browser.newContext({ viewport: { width: DESKTOP.width, height: DESKTOP.height }, javaScriptEnabled: false }),
  };
  log(`browser suite: ${base} with ${browser.version()} (${CHROMIUM_PATH}), ${CONCURRENCY} pages at a time`);

  const visit = async (key) => {
    const f = await getFollowing(key);
    fetched.set(key, f);
    if (f.status !== 200) {
      if (key === pageKey(base)) report.fail(key, 'http', 'any', `the start page answers ${f.error || 'HTTP ' + f.status}`);
      if (fromSitemap.has(key)) report.fail(key, 'sitemap', 'any', `listed in /sitemap.xml but answers ${f.error || 'HTTP ' + f.status}`);
      return;
    }
    const finalKey = pageKey(f.finalUrl);
    if (finalKey !== key) {
      if (fetched.has(finalKey)) return;
      fetched.set(finalKey, f);
      queued.add(finalKey);
    }
    if (!isHtml(f.contentType)) {
      if (isXml(finalKey, f.contentType) && !xmlDocs.has(finalKey)) {
        xmlDocs.set(finalKey, { url: finalKey, body: f.body, kind: /svg/i.test(f.contentType) || /\.svg$/i.test(finalKey) ? 'SVG' : 'XML' });
      }
      return;
    }
    if (pages.has(finalKey)) return; // reached before under another URL (a redirect)
    if (pages.size >= MAX_PAGES) {
      if (!tooMany) report.fail(base, 'crawl', 'any', `more than ${MAX_PAGES} pages: stopped crawling (a link trap?)`);
      tooMany = true;
      return;
    }
    pages.set(finalKey, { links: [], refs: [] });
    htmlPages.push({ url: finalKey, body: f.body });
    const { pathname, search } = new URL(finalKey);
    // Pages of one template beyond the first few are read from their markup.
    const template = TEMPLATE_PAGES.find((re) => re.test(pathname));
    const group = template ? `${template.source}${search ? '?' : ''}` : search ? pathname : null;
    if (group) {
      const seen = (sampled.get(group) || 0) + 1;
      sampled.set(group, seen);
      if (seen > (template ? TEMPLATE_SAMPLES : QUERY_VARIANTS)) {
        const html = f.body.toString('utf8');
        idsByPage.set(finalKey, idsInMarkup(html));
        const { links, refs } = linksInMarkup(html, finalKey);
        pages.set(finalKey, { links, refs });
        (template ? markupOnly : sampledOut).push(finalKey);
        for (const u of [...links, ...refs]) enqueue(u);
        return;
      }
    }
    const isRole = ROLE_PAGE_RE.test(new URL(finalKey).pathname);
    let screenshot;
    if (finalKey === pageKey(base)) screenshot = 'home';
    else if (isRole && !screenshotRole) {
      screenshotRole = finalKey;
      screenshot = 'role';
    }
    const t0 = Date.now();
    let r;
    try {
      r = await checkPage(contexts, finalKey, report, { base, outDir: shotsDir, screenshot });
    } catch (e) {
      report.fail(finalKey, 'browser', 'any', `the checks crashed: ${e.message.split('\n')[0]}`);
      log(`  checked ${finalKey} (crashed) ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return;
    }
    pages.set(finalKey, { links: r.links, refs: r.refs });
    idsByPage.set(finalKey, r.ids);
    shots.push(...r.shots);
    if (!r.hasIcon) withoutIcon.push(finalKey);
    if (isRole) roleSheets.set(finalKey, { raw: f.body.length, sheets: r.stylesheets.filter((s) => sameOrigin(s, base)) });
    for (const u of [...r.links, ...r.refs, ...r.svg]) enqueue(u);
    log(`  checked ${finalKey} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  let active = 0;
  const worker = async () => {
    for (;;) {
      const key = queue.shift();
      if (!key) {
        if (active === 0) return;
        await new Promise((r) => setTimeout(r, 25));
        continue;
      }
      active++;
      try {
        await visit(key);
      } finally {
        active--;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await browser.close();
  }

  // After the crawl: markup, links, weight.
  const { checkHtml, checkXml } = await import('./checks/validate.mjs');
  const { checkLinks } = await import('./checks/links.mjs');
  const { checkWeight } = await import('./checks/weight.mjs');
  const t1 = Date.now();
  await checkHtml(htmlPages, report);
  log(`  Nu HTML Checker over ${htmlPages.length} pages: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  await checkXml([...xmlDocs.values()], report);
  checkLinks(base, pages, fetched, idsByPage, report);

  // A page without <link rel="icon"> makes every browser ask for /favicon.ico.
  if (withoutIcon.length) {
    const icon = new URL('/favicon.ico', base).href;
    const f = await getFollowing(icon);
    report.ran(icon, 'requests');
    if (f.status !== 200) {
      const some = withoutIcon.slice(0, 3).join(', ') + (withoutIcon.length > 3 ? ` and ${withoutIcon.length - 3} more` : '');
      report.fail(icon, 'requests', 'any', `answers ${f.error || 'HTTP ' + f.status}, and the browser requests it for every page without <link rel="icon"> (${some})`);
    }
  }

  const sizes = [];
  for (const [url, { raw, sheets }] of [...roleSheets].sort()) sizes.push(await checkWeight(url, raw, sheets, report));
  report.ran(base, 'weight');
  if (!roleSheets.size) report.fail(base, 'weight', 'any', 'no role page (/roles/{slug}/) was found to weigh');
  report.ran(base, 'screenshot');
  if (!shots.some((s) => path.basename(s).startsWith('home-'))) report.fail(base, 'screenshot', 'any', 'no screenshot of the home page');
  if (!shots.some((s) => path.basename(s).startsWith('role-'))) report.fail(base, 'screenshot', 'any', 'no role page to photograph');

  return {
    report,
    code: report.counts.failed ? 1 : 0,
    pages: pages.size,
    sampledOut,
    markupOnly,
    htmlPages,
    sizes,
    shots,
    shotsDir,
    screenshotRole,
    seconds: (Date.now() - started) / 1000,
  };
}

function summary(result) {
  const { report } = result;
  const lines = report.failureLines;
  const out = [];
  out.push('');
  out.push(...lines);
  out.push('');
  out.push(`pages checked: ${result.pages}`);
  if (result.sampledOut && result.sampledOut.length) {
    out.push(`query variants read from their markup, not opened in the browser (over ${QUERY_VARIANTS} per path): ${result.sampledOut.length}`);
  }
  if (result.markupOnly && result.markupOnly.length) {
    out.push(`pages of one template read from their markup, not opened in the browser (over ${TEMPLATE_SAMPLES} per template): ${result.markupOnly.length}`);
  }
  if (result.htmlPages) {
    const total = result.htmlPages.reduce((n, p) => n + p.body.length, 0);
    const biggest = [...result.htmlPages].sort((a, b) => b.body.length - a.body.length).slice(0, 3);
    out.push(`HTML as served: ${(total / 1000).toFixed(1)} kB in all; largest: ${biggest.map((p) => `${p.url} ${(p.body.length / 1000).toFixed(1)} kB`).join(', ')}`);
  }
  for (const s of result.sizes || []) out.push(`role page weight: ${s}`);
  if (result.shots && result.shots.length) {
    out.push(`screenshots in ${result.shotsDir}: ${result.shots.map((s) => path.basename(s)).join(', ')}${result.screenshotRole ? ` (role page: ${result.screenshotRole})` : ''}`);
  }
  const byCheck = new Map();
  for (const u of report.units.values()) {
    const c = byCheck.get(u.check) || { pass: 0, fail: 0 };
    u.failures.length ? c.fail++ : c.pass++;
    byCheck.set(u.check, c);
  }
  out.push(
    'checks: ' +
      [...byCheck]
        .sort()
        .map(([k, c]) => `${k} ${c.pass}/${c.pass + c.fail}`)
        .join(', '),
  );
  out.push(`time: ${result.seconds.toFixed(1)} s`);
  const { passed, failed } = report.counts;
  out.push(`${passed} passed, ${failed} failed`);
  return out.join('\n');
}

async function main() {
  const base = process.argv[2] || process.env.BASE_URL;
  if (!base || !/^https?:\/\//.test(base)) {
    console.error('usage: node suite.mjs http://127.0.0.1:PORT');
    return 2;
  }
  if (!chromiumPresent()) return didNotRun(`chromium not found at ${CHROMIUM_PATH}`, 'run tests/browser/install.sh');
  try {
    await import('playwright-core');
    createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  } catch {
    return didNotRun('the npm packages are not installed', 'run tests/browser/install.sh');
  }
  const result = await runSuite(base);
  console.log(summary(result));
  return result.code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.log(`FAIL - [suite@any] the suite crashed: ${e.stack || e}`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
