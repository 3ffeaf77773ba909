// Helpers evaluated inside the page (as a string, so it also runs in a
// context with JavaScript disabled and under any Content-Security-Policy).
// They live on window.__bs; every function here is plain DOM code.
(() => {
  if (window.__bs) return;

  const BLOCKISH = /^(block|flex|grid|table|table-cell|table-caption|list-item|flow-root|inline-block|inline-flex|inline-grid)$/;

  /** A short, readable name of an element for a failure message. */
  function describe(el) {
    if (!el || el.nodeType !== 1) return String(el);
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean) : [];
    if (cls.length) s += '.' + cls.slice(0, 2).join('.');
    const href = el.getAttribute('href');
    if (href != null) s += `[href="${href.length > 60 ? href.slice(0, 57) + '...' : href}"]`;
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.getAttribute('alt') || '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) s += ` "${text.length > 40 ? text.slice(0, 37) + '...' : text}"`;
    return s;
  }

  /** Has a box and is not visibility:hidden (what a sighted user can see). */
  function rendered(el) {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility === 'visible' && !el.closest('[inert]');
  }

  /** In the accessibility tree: rendered or visually hidden, not aria-hidden. */
  function exposed(el) {
    if (!el.getClientRects().length && getComputedStyle(el).display !== 'contents') return false;
    if (getComputedStyle(el).visibility !== 'visible') return false;
    return !el.closest('[aria-hidden="true"], [inert]');
  }

  /** Clipped to (almost) nothing: the usual visually-hidden pattern. */
  function visuallyHidden(el) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return true;
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const ar = a.getBoundingClientRect();
      if ((cs.overflow === 'hidden' || cs.overflow === 'clip') && (ar.width <= 1 || ar.height <= 1)) return true;
      if (cs.clip && cs.clip !== 'auto' && /rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)/.test(cs.clip)) return true;
      if (cs.clipPath && /inset\(\s*50%/.test(cs.clipPath)) return true;
    }
    return false;
  }

  const FOCUSABLE =
    'a[href], area[href], button, input, select, textarea, summary, iframe, audio[controls], video[controls], [tabindex], [contenteditable]:not([contenteditable="false"])';

  /** Elements a keyboard user must be able to reach with Tab. */
  function interactive() {
    const out = [];
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      if (el.matches('input[type="hidden"]') || el.disabled) continue;
      if (el.matches('[tabindex]') && !el.matches('a[href], area[href], button, input, select, textarea, summary, iframe, audio, video, [contenteditable]')) {
        if (el.tabIndex < 0) continue; // a focus target (e.g. <main tabindex="-1">), not a control
      }
      // Out of the Tab order and hidden from assistive technology on
      // purpose: a form's honeypot field, which no person should fill in.
      if (el.tabIndex < 0 && el.closest('[aria-hidden="true"]')) continue;
      if (el.tagName === 'SUMMARY' && !(el.parentElement && el.parentElement.tagName === 'DETAILS' && el.parentElement.querySelector(':scope > summary') === el)) continue;
      if (!rendered(el)) continue;
      out.push(el);
    }
    return out;
  }

  /** Scroll containers, which Chromium puts in the Tab order. */
  function scrollers() {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const cs = getComputedStyle(el);
      if (!/(auto|scroll)/.test(cs.overflowX + ' ' + cs.overflowY)) continue;
      if (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight) out.push(el);
    }
    return out;
  }

  function transparent(color) {
    if (!color || color === 'transparent') return true;
    const m = color.match(/rgba?\(([^)]*)\)/);
    if (!m) return false;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean);
    return parts.length === 4 && parseFloat(parts[3]) === 0;
  }

  function ring(el) {
    const cs = getComputedStyle(el);
    return {
      outlineVisible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor),
      outline: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset].join(' '),
      shadow: cs.boxShadow,
    };
  }

  /** Whether the focused element's ring differs visibly from its unfocused look. */
  function focusVisible(now, base) {
    const shadowVisible = now.shadow && now.shadow !== 'none' && !/^(rgba\([^)]*,\s*0\)\s*)?(0px\s*){2,4}$/.test(now.shadow.trim());
    if (!base) return now.outlineVisible || shadowVisible;
    if (now.outlineVisible && (!base.outlineVisible || now.outline !== base.outline)) return true;
    return shadowVisible && now.shadow !== base.shadow;
  }

  /** The nearest ancestor (or self) that lays out as a block box. */
  function blockOf(node) {
    let el = node.nodeType === 1 ? node : node.parentElement;
    while (el && el !== document.body) {
      if (BLOCKISH.test(getComputedStyle(el).display)) return el;
      el = el.parentElement;
    }
    return el || document.body;
  }

  /** Text that spills out of its own block box, under `root`. */
  function textOverflow(root) {
    const problems = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.nodeValue.trim()) continue;
      const parent = t.parentElement;
      if (!parent || !rendered(parent) || visuallyHidden(parent)) continue;
      const box = blockOf(t);
      const b = box.getBoundingClientRect();
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        if (r.width === 0) continue;
        const over = Math.max(r.right - b.right, b.left - r.left);
        if (over > 1) {
          problems.push(`text "${t.nodeValue.trim().slice(0, 40)}" overflows ${describe(box)} by ${Math.round(over)}px`);
          break;
        }
      }
    }
    return problems;
  }

  /** Elements sticking out past the right edge of the viewport. */
  function wideElements() {
    const vw = window.innerWidth;
    const out = [];
    const over = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right + window.scrollX > vw + 0.5;
    };
    const clippedByAncestor = (el) => {
      for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (!over(el)) continue;
      if (el.parentElement && el.parentElement !== document.body && over(el.parentElement)) continue;
      if (clippedByAncestor(el)) continue;
      const r = el.getBoundingClientRect();
      out.push(`${describe(el)} is ${Math.round(r.width)}px wide and ends at x=${Math.round(r.right + window.scrollX)}px`);
    }
    return out;
  }

  window.__bs = { describe, rendered, exposed, visuallyHidden, interactive, scrollers, ring, focusVisible, blockOf, textOverflow, wideElements };
})();
