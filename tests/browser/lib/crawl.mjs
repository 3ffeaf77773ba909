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

export function decodeEntities(s) {
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

/** The ids in a page's markup, for fragment links to pages not opened in the browser. */
export function idsInMarkup(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) ids.add(m[1] ?? m[2] ?? m[3]);
  return ids;
}

/**
 * What a page links to, read from its markup (for pages not opened in the
 * browser): `links` from <a href> and <area href>, `refs` from <link href>
 * (not preconnect or dns-prefetch) and <img src>, resolved against the
 * page's URL.
 */
export function linksInMarkup(html, pageUrl) {
  const links = [];
  const refs = [];
  for (const m of html.matchAll(/<(a|area|link|img)\b([^>]*)>/gi)) {
    const tag = m[1].toLowerCase();
    const attrs = m[2];
    const href = attr(attrs, tag === 'img' ? 'src' : 'href');
    if (href === null) continue;
    let url;
    try {
      url = new URL(decodeEntities(href.trim()), pageUrl).href;
    } catch {
      continue;
    }
    if (tag === 'a' || tag === 'area') links.push(url);
    else if (tag === 'img') refs.push(url);
    else if (!/\b(preconnect|dns-prefetch)\b/i.test(attr(attrs, 'rel') || '')) refs.push(url);
  }
  return { links, refs };
}

function attr(attrs, name) {
  const m = attrs.match(new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i'));
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}
