// Layout at one width: no horizontal scrolling of the page, no text spilling
// out of the quick-facts card or out of table cells (a table may scroll inside
// its own .table-wrap), and tap targets of at least 24x24 px or spaced as
// WCAG 2.2 (2.5.8 Target Size, Minimum) allows.
import { TARGET_MIN } from '../lib/config.mjs';

export async function checkLayout(page, url, width, report) {
  for (const c of ['scroll', 'text-overflow', 'tap-targets']) report.ran(url, c, width);

  const r = await page.evaluate((min) => {
    const bs = window.__bs;
    const out = { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
    out.wide = bs.wideElements().slice(0, 5);

    // Text in the quick-facts card and in tables.
    const text = [];
    for (const card of document.querySelectorAll('.quick-facts')) {
      if (!bs.rendered(card)) continue;
      text.push(...bs.textOverflow(card));
      const c = card.getBoundingClientRect();
      for (const el of card.querySelectorAll('*')) {
        if (!bs.rendered(el) || bs.visuallyHidden(el)) continue;
        const e = el.getBoundingClientRect();
        const over = Math.max(e.right - c.right, c.left - e.left);
        if (over > 1) {
          text.push(`${bs.describe(el)} sticks out of the .quick-facts card by ${Math.round(over)}px`);
          break;
        }
      }
    }
    for (const table of document.querySelectorAll('table')) {
      if (!bs.rendered(table)) continue;
      text.push(...bs.textOverflow(table));
      const parent = table.parentElement;
      const t = table.getBoundingClientRect();
      const p = parent.getBoundingClientRect();
      if (t.right > p.right + 1 || t.right > window.innerWidth + 1) {
        const wrap = table.closest('.table-wrap');
        const scrolls = wrap && /(auto|scroll)/.test(getComputedStyle(wrap).overflowX);
        if (!scrolls) {
          text.push(
            `${bs.describe(table)} is ${Math.round(t.width)}px wide, wider than its container (${Math.round(p.width)}px), and not inside a scrolling .table-wrap`,
          );
        }
      }
    }
    out.text = [...new Set(text)];

    // Tap targets.
    const sel = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"]';
    const targets = [];
    for (const el of document.querySelectorAll(sel)) {
      if (!bs.rendered(el) || bs.visuallyHidden(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right + window.scrollX < 0 || r.bottom + window.scrollY < 0) continue; // moved off-screen
      let inline = false;
      if (getComputedStyle(el).display === 'inline') {
        // WCAG's inline exception: a target in a sentence or block of text.
        const block = bs.blockOf(el);
        const own = (el.textContent || '').replace(/\s+/g, ' ').trim();
        const around = (block.textContent || '').replace(/\s+/g, ' ').replace(own, '');
        inline = /\p{L}{2,}/u.test(around);
      }
      targets.push({ el, r, inline, small: r.width < min - 0.01 || r.height < min - 0.01 });
    }
    const distToRect = (x, y, r) => {
      const dx = Math.max(r.left - x, 0, x - r.right);
      const dy = Math.max(r.top - y, 0, y - r.bottom);
      return Math.hypot(dx, dy);
    };
    const tap = [];
    let tapCount = 0;
    for (const t of targets) {
      if (!t.small || t.inline) continue;
      const cx = (t.r.left + t.r.right) / 2;
      const cy = (t.r.top + t.r.bottom) / 2;
      let clash = null;
      for (const u of targets) {
        if (u === t || u.el.contains(t.el) || t.el.contains(u.el)) continue;
        if (distToRect(cx, cy, u.r) < min / 2 - 0.01) {
          clash = u;
          break;
        }
        if (u.small && !u.inline) {
          const ux = (u.r.left + u.r.right) / 2;
          const uy = (u.r.top + u.r.bottom) / 2;
          if (Math.hypot(cx - ux, cy - uy) < min - 0.01) {
            clash = u;
            break;
          }
        }
      }
      if (clash) {
        tapCount++;
        if (tap.length < 6) {
          tap.push(
            `${bs.describe(t.el)} is ${Math.round(t.r.width)}x${Math.round(t.r.height)}px and closer than ${min}px to ${bs.describe(clash.el)}`,
          );
        }
      }
    }
    if (tapCount > tap.length) tap.push(`${tapCount - tap.length} more tap targets under ${min}x${min}px without spacing`);
    out.tap = tap;
    return out;
  }, TARGET_MIN);

  if (r.scrollWidth > r.innerWidth) {
    const culprit = r.wide.length ? `; widest: ${r.wide.join('; ')}` : '';
    report.fail(url, 'scroll', width, `page scrolls horizontally: scrollWidth ${r.scrollWidth}px > ${r.innerWidth}px viewport${culprit}`);
  } else if (r.wide.length) {
    report.fail(url, 'scroll', width, `content cut off at the right edge of the ${r.innerWidth}px viewport: ${r.wide.join('; ')}`);
  }
  for (const t of r.text.slice(0, 8)) report.fail(url, 'text-overflow', width, t);
  if (r.text.length > 8) report.fail(url, 'text-overflow', width, `${r.text.length - 8} more text overflows`);
  for (const t of r.tap) report.fail(url, 'tap-targets', width, t);
}

/** At phone width: without a viewport meta, phones lay the page out 980px wide. */
export function checkViewportMeta(content, url, report) {
  report.ran(url, 'viewport', 'any');
  if (!content || !/width\s*=\s*device-width/i.test(content)) {
    report.fail(url, 'viewport', 'any', `no <meta name="viewport" content="width=device-width, ...">${content ? ` (found "${content}")` : ''}`);
  }
}
