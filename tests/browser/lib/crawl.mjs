// What the crawler needs to know about URLs: which are ours, how to key them,
// and what a sitemap lists.

/** The URL without its fragment: the key of a page. */
export function pageKey(url) {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

export function sameOrigin(url, base) {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

export function isHttp(url) {
  try {
    const p = new URL(url).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

/** A URL as printed in the report: the full URL, so it can be opened. */
export function show(url) {
  return url;
}

/** The path (and query) of a URL on the base origin, for short messages. */
export function pathOf(url) {
  const u = new URL(url);
  return u.pathname + u.search + u.hash;
}

function decodeEntities(s) {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** The <loc> entries of a sitemap (or of a sitemap index). */
export function sitemapLocs(xml) {
  const locs = [];
  const re = /<loc>\s*(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?\s*<\/loc>/g;
  let m;
  while ((m = re.exec(xml))) locs.push(decodeEntities(m[1].trim()));
  return locs;
}

export function isHtml(contentType) {
  return /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

export function isXml(url, contentType) {
  return (
    /(^|[/+])xml\b/i.test(contentType) ||
    /\bimage\/svg\+xml\b/i.test(contentType) ||
    /\.(xml|svg|atom|rss)$/i.test(new URL(url).pathname)
  );
}
