// Everything checked on one page in the browser, at both widths.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUITE_DIR, VIEWPORTS, DESKTOP, NAV_TIMEOUT_MS } from './config.mjs';
import { sameOrigin } from './crawl.mjs';
import { checkAxe } from '../checks/axe.mjs';
import { readStructure, checkStructure } from '../checks/structure.mjs';
import { checkFocusWalk, checkSkipLinkMovesFocus } from '../checks/keyboard.mjs';
import { checkLayout, checkViewportMeta } from '../checks/layout.mjs';
import { checkPrint } from '../checks/print.mjs';

const INPAGE = readFileSync(path.join(SUITE_DIR, 'lib', 'inpage.js'), 'utf8');

/** Watches a page for console errors, failed requests and requests off the base origin. */
async function watch(page, base) {
  const seen = { console: [], external: [], failed: [], svg: new Set() };
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The suite blocks requests to other hosts itself; those are reported
    // under external-requests, not again as console errors.
    const where = m.location()?.url || '';
    if (/ERR_BLOCKED_BY_CLIENT/.test(m.text()) && where && !sameOrigin(where, base)) return;
    const at = where ? ` (at ${where}${m.location().lineNumber ? ':' + (m.location().lineNumber + 1) : ''})` : '';
    seen.console.push(`${m.text()}${at}`);
  });
  page.on('pageerror', (e) => seen.console.push(`uncaught ${e.name}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.failed.push(`${r.request().resourceType()} ${r.url()} answered ${r.status()}`);
    else if (sameOrigin(r.url(), base) && /image\/svg\+xml/i.test(r.headers()['content-type'] || '')) seen.svg.add(r.url());
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || '';
    // ERR_ABORTED: cut off by the suite's own next navigation (a reload), not a failure of the site.
    if (sameOrigin(r.url(), base) && !/ERR_ABORTED/.test(why)) seen.failed.push(`${r.resourceType()} ${r.url()} failed: ${why}`);
  });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (!sameOrigin(u, base)) {
      seen.external.push(`${route.request().resourceType()} ${u}`);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  return seen;
}

async function load(page, url, report, width) {
  const res = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
  if (!res || res.status() !== 200) {
    report.fail(url, 'http', width, `the browser got HTTP ${res ? res.status() : 'no response'}`);
  }
  await page.evaluate(INPAGE);
}

/**
 * @param {{js: import('playwright-core').BrowserContext, nojs: import('playwright-core').BrowserContext}} contexts
 * @param {{screenshot?: string, outDir: string, base: string}} opts  screenshot: file prefix when this page is photographed
 */
export async function checkPage(contexts, url, report, opts) {
  report.ran(url, 'http');
  const page = await contexts.js.newPage();
  const seen = await watch(page, opts.base);
  const shots = [];
  let structure;
  try {
    for (const vp of [DESKTOP, ...VIEWPORTS.filter((v) => v !== DESKTOP)]) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await load(page, url, report, vp.name);
      if (vp === DESKTOP) {
        structure = await readStructure(page);
        checkStructure(structure, url, report);
        checkViewportMeta(structure.viewport, url, report);
      }
      await checkLayout(page, url, vp.name, report);
      if (opts.screenshot) {
        const file = path.join(opts.outDir, `${opts.screenshot}-${vp.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        shots.push(file);
      }
      await checkAxe(page, url, vp.name, report);
      if (vp === DESKTOP) await checkPrint(page, url, report);
      // The keyboard walk needs a page nobody has focused yet.
      await load(page, url, report, vp.name);
      const { skipLink } = await checkFocusWalk(page, url, vp.name, report);
      if (skipLink) {
        await load(page, url, report, vp.name);
        await checkSkipLinkMovesFocus(page, url, vp.name, report);
      }
    }
  } finally {
    await page.close();
  }

  // The same text without JavaScript.
  report.ran(url, 'no-js');
  const bare = await contexts.nojs.newPage();
  const seenBare = await watch(bare, opts.base);
  try {
    const res = await bare.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    if (!res || res.status() !== 200) report.fail(url, 'no-js', 'any', `HTTP ${res ? res.status() : 'no response'} without JavaScript`);
    const len = await bare.evaluate(() => {
      const main = document.querySelector('main');
      return main ? main.innerText.length : -1;
    });
    if (len < 0) report.fail(url, 'no-js', 'any', 'no <main> without JavaScript');
    else if (len < structure.mainText) {
      report.fail(url, 'no-js', 'any', `<main> shows ${len} characters without JavaScript, ${structure.mainText} with it`);
    }
  } finally {
    await bare.close();
  }

  for (const [check, list] of [
    ['console', [...seen.console, ...seenBare.console]],
    ['external-requests', [...seen.external, ...seenBare.external]],
    ['requests', [...seen.failed, ...seenBare.failed]],
  ]) {
    report.ran(url, check);
    const uniq = [...new Set(list)];
    for (const m of uniq.slice(0, 6)) {
      const text = check === 'external-requests' ? `request to another host: ${m}` : m;
      report.fail(url, check, 'any', text);
    }
    if (uniq.length > 6) report.fail(url, check, 'any', `${uniq.length - 6} more`);
  }

  return {
    ids: new Set(structure.ids),
    links: structure.links,
    refs: structure.refs,
    stylesheets: structure.stylesheets,
    hasIcon: structure.hasIcon,
    shots,
    svg: [...seen.svg, ...seenBare.svg],
  };
}
