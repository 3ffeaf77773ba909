// Document structure: lang on <html>, exactly one h1, no heading level
// skipped on the way down. Also gathers what later checks need from the DOM.

export async function readStructure(page) {
  return page.evaluate(() => {
    const bs = window.__bs;
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
      .filter((h) => bs.exposed(h))
      .map((h) => ({
        level: h.getAttribute('role') === 'heading' ? Number(h.getAttribute('aria-level') || 2) : Number(h.tagName[1]),
        text: (h.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50),
      }));
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const links = [...document.querySelectorAll('a[href], area[href]')].map((a) => a.href);
    const refs = [...document.querySelectorAll('link[href]')]
      .filter((l) => !/\b(preconnect|dns-prefetch)\b/i.test(l.rel))
      .map((l) => l.href);
    const stylesheets = [...document.querySelectorAll('link[rel~="stylesheet"][href]')].map((l) => l.href);
    const main = document.querySelector('main');
    const viewport = document.querySelector('meta[name="viewport"]');
    const hasIcon = !!document.querySelector('link[rel~="icon" i][href]');
    return {
      lang: document.documentElement.getAttribute('lang'),
      headings,
      ids,
      links,
      refs,
      stylesheets,
      mainText: main ? main.innerText.length : -1,
      viewport: viewport ? viewport.getAttribute('content') : null,
      hasIcon,
    };
  });
}

export function checkStructure(s, url, report) {
  report.ran(url, 'lang');
  if (!s.lang || !s.lang.trim()) report.fail(url, 'lang', 'any', '<html> has no lang attribute');
  else if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(s.lang.trim())) report.fail(url, 'lang', 'any', `<html lang="${s.lang}"> is not a language tag`);

  report.ran(url, 'h1');
  const h1s = s.headings.filter((h) => h.level === 1);
  if (h1s.length !== 1) {
    const which = h1s.map((h) => `"${h.text}"`).join(', ');
    report.fail(url, 'h1', 'any', `expected exactly one h1, found ${h1s.length}${which ? ': ' + which : ''}`);
  }

  report.ran(url, 'headings');
  let previous = 0;
  for (const h of s.headings) {
    if (h.level > previous + 1) {
      const from = previous ? `h${previous}` : 'the start of the page';
      report.fail(url, 'headings', 'any', `h${h.level} "${h.text}" follows ${from}: level h${previous + 1} skipped`);
    }
    previous = h.level;
  }

  report.ran(url, 'main');
  if (s.mainText < 0) report.fail(url, 'main', 'any', 'the page has no <main> element');
  else if (s.mainText === 0) report.fail(url, 'main', 'any', '<main> has no text');
}
