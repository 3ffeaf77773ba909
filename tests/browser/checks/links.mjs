// Links: every internal link (a, area, link) answers 200 after redirects, and
// every #fragment names an element id on the target page.
import { pageKey, sameOrigin, isHttp, isHtml } from '../lib/crawl.mjs';

/**
 * @param {Map<string, {links: string[], refs: string[]}>} pages  page url -> what it links to
 * @param {Map<string, {status: number, finalUrl: string, contentType: string, error?: string}>} fetched
 * @param {Map<string, Set<string>>} idsByPage  final page url -> ids in its DOM
 */
export function checkLinks(base, pages, fetched, idsByPage, report) {
  for (const [url, page] of pages) {
    report.ran(url, 'links');
    report.ran(url, 'fragments');
    const bad = new Set();
    for (const href of [...page.links, ...page.refs]) {
      if (!isHttp(href) || !sameOrigin(href, base)) continue;
      const key = pageKey(href);
      const f = fetched.get(key);
      if (!f) {
        report.fail(url, 'links', 'any', `link to ${href} was never fetched (crawler bug)`);
        continue;
      }
      if (f.status !== 200) {
        if (bad.has(key)) continue;
        bad.add(key);
        const why = f.error ? f.error : `HTTP ${f.status}`;
        const via = f.finalUrl !== key ? ` (redirected to ${f.finalUrl})` : '';
        report.fail(url, 'links', 'any', `broken link to ${key}: ${why}${via}`);
        continue;
      }
      const hash = new URL(href).hash;
      if (!hash && !href.endsWith('#')) continue;
      if (!page.links.includes(href)) continue; // fragments of <link href> are not navigations
      let id;
      try {
        id = decodeURIComponent(hash.slice(1));
      } catch {
        id = hash.slice(1);
      }
      const target = pageKey(f.finalUrl);
      const where = target === pageKey(url) ? 'this page' : target;
      if (!id) {
        report.fail(url, 'fragments', 'any', `link "${href}" has an empty fragment "#": it goes nowhere`);
      } else if (!isHtml(f.contentType)) {
        report.fail(url, 'fragments', 'any', `link ${href}: #${id} on ${target}, which is not an HTML page`);
      } else {
        const ids = idsByPage.get(target);
        if (!ids) report.fail(url, 'fragments', 'any', `link ${href}: ${target} was not checked in the browser`);
        else if (!ids.has(id)) report.fail(url, 'fragments', 'any', `broken anchor #${id}: no element with id="${id}" on ${where}`);
      }
    }
  }
}
