// Print: the site navigation and footer chrome are hidden (display none or
// zero size) and <main> is shown.

export async function checkPrint(page, url, report) {
  report.ran(url, 'print');
  await page.emulateMedia({ media: 'print' });
  try {
    const r = await page.evaluate(() => {
      const bs = window.__bs;
      const hidden = (el) => {
        if (getComputedStyle(el).display === 'none') return true;
        const b = el.getBoundingClientRect();
        return b.width === 0 || b.height === 0;
      };
      const inContent = (el) => !!el.parentElement && !!el.parentElement.closest('main, article, aside, section');
      const chrome = new Set();
      for (const el of document.querySelectorAll('header nav, .site-header')) if (!el.closest('main, article')) chrome.add(el);
      for (const el of document.querySelectorAll('.site-footer, [role="contentinfo"], footer')) {
        if (el.matches('footer') && !el.matches('.site-footer, [role="contentinfo"]') && inContent(el)) continue;
        chrome.add(el);
      }
      const shown = [...chrome].filter((el) => !hidden(el)).map((el) => bs.describe(el).slice(0, 80));
      const main = document.querySelector('main');
      let mainProblem = null;
      if (!main) mainProblem = 'there is no <main>';
      else if (hidden(main) || getComputedStyle(main).visibility !== 'visible') mainProblem = '<main> is hidden in print';
      return { shown, mainProblem };
    });
    for (const s of r.shown) report.fail(url, 'print', 'any', `site chrome still printed: ${s}`);
    if (r.mainProblem) report.fail(url, 'print', 'any', r.mainProblem);
  } finally {
    await page.emulateMedia({ media: null });
  }
}
