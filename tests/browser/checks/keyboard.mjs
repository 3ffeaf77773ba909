// Keyboard: Tab through the whole page from a fresh load. Every interactive
// element must be reached and show a focus ring (its outline or box-shadow
// differs from the unfocused look). The first stop must be a skip link, and
// following it must move focus into <main>.
import { MAX_TABS } from '../lib/config.mjs';

/** Call right after a fresh load, before anything took focus. */
export async function checkFocusWalk(page, url, width, report) {
  report.ran(url, 'focus', width);
  report.ran(url, 'skip-link', width);

  // Each Tab stop is recorded in the page as focus arrives (focusin), so
  // the walk presses Tab in batches and reads the record once per batch
  // instead of once per stop.
  const candidates = await page.evaluate(() => {
    const bs = window.__bs;
    const cands = bs.interactive();
    const scrollers = bs.scrollers();
    const base = new Map();
    for (const el of [...cands, ...scrollers]) base.set(el, bs.ring(el));
    const walk = { cands, base, reached: new Set(), steps: [], stopped: false };
    window.__bsWalk = walk;
    document.addEventListener('focusin', () => {
      if (walk.stopped) return;
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return;
      const seen = walk.reached.has(el);
      walk.reached.add(el);
      if (seen) {
        walk.stopped = true; // around the page once: the walk is over
        return;
      }
      const visible = bs.focusVisible(bs.ring(el), walk.base.get(el));
      const skip = el.matches('a[href^="#"]')
        ? (() => {
            const id = decodeURIComponent(el.getAttribute('href').slice(1));
            const target = id ? document.getElementById(id) : null;
            const main = document.querySelector('main');
            return {
              id,
              exists: !!target,
              inMain: !!(target && main && (target === main || main.contains(target) || (target.contains(main) && target !== document.body))),
            };
          })()
        : null;
      walk.steps.push({ visible, desc: bs.describe(el), skip });
    });
    return {
      stops: cands.length + scrollers.length,
      list: cands.map((el) => ({
        desc: bs.describe(el),
        radio: el.matches('input[type="radio"][name]') ? el.name : null,
      })),
    };
  });

  // Enough presses to go around once (and come back to the first stop),
  // then more in batches while the walk has not come around.
  let pressed = 0;
  let batch = candidates.stops + 2;
  for (;;) {
    for (let i = 0; i < batch && pressed < MAX_TABS; i++, pressed++) await page.keyboard.press('Tab');
    const stopped = await page.evaluate(() => window.__bsWalk.stopped);
    if (stopped || pressed >= MAX_TABS) break;
    batch = 20;
  }
  const steps = await page.evaluate(() => window.__bsWalk.steps);
  const first = steps[0] || null;
  const noRing = steps.filter((s) => !s.visible).map((s) => s.desc);

  const reached = await page.evaluate(() => window.__bsWalk.cands.map((el) => window.__bsWalk.reached.has(el)));
  const reachedRadioGroups = new Set(candidates.list.filter((c, i) => c.radio && reached[i]).map((c) => c.radio));
  const unreached = candidates.list.filter((c, i) => !reached[i] && !(c.radio && reachedRadioGroups.has(c.radio)));

  for (const desc of noRing.slice(0, 8)) report.fail(url, 'focus', width, `no visible focus style on ${desc} (outline and box-shadow unchanged when focused)`);
  if (noRing.length > 8) report.fail(url, 'focus', width, `${noRing.length - 8} more elements without a visible focus style`);
  for (const c of unreached.slice(0, 8)) report.fail(url, 'focus', width, `${c.desc} is not reachable with Tab`);
  if (unreached.length > 8) report.fail(url, 'focus', width, `${unreached.length - 8} more interactive elements not reachable with Tab`);

  if (!first) {
    report.fail(url, 'skip-link', width, 'Tab reaches nothing: no skip link');
  } else if (!first.skip) {
    report.fail(url, 'skip-link', width, `the first Tab stop is ${first.desc}, not a skip link (<a href="#main-id">) to the main content`);
  } else if (!first.skip.exists) {
    report.fail(url, 'skip-link', width, `the skip link ${first.desc} points to #${first.skip.id}, which does not exist`);
  } else if (!first.skip.inMain) {
    report.fail(url, 'skip-link', width, `the skip link ${first.desc} points to #${first.skip.id}, which is not the main content`);
  }
  return { skipLink: first && first.skip && first.skip.exists && first.skip.inMain };
}

/**
 * Follows the skip link from a fresh load: focus must land in <main>, or
 * (where the target is not focusable) the next Tab must land in <main>.
 */
export async function checkSkipLinkMovesFocus(page, url, width, report) {
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
  const inMain = () =>
    page.evaluate(() => {
      const main = document.querySelector('main');
      const el = document.activeElement;
      return { ok: !!(main && el && (el === main || main.contains(el))), desc: window.__bs.describe(el) };
    });
  let r = await inMain();
  if (r.ok) return;
  const after = r.desc;
  await page.keyboard.press('Tab');
  r = await inMain();
  if (!r.ok) {
    report.fail(url, 'skip-link', width, `following the skip link leaves focus on ${after} and the next Tab goes to ${r.desc}, outside <main>`);
  }
}
