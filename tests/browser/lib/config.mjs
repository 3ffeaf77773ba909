// Settings shared by the suite's modules: widths, budgets, the browser.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const SUITE_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const OUT_DIR = process.env.BROWSER_SUITE_OUT || path.join(SUITE_DIR, 'out');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The two widths every page is laid out at. */
export const VIEWPORTS = [
  { name: '375', width: 375, height: 812 },
  { name: '1280', width: 1280, height: 800 },
];
export const DESKTOP = VIEWPORTS[1];

/** Budgets of a role page (`/roles/{slug}/`); kB here are 1000 bytes. */
export const ROLE_PAGE_RE = /^\/roles\/[^/]+\/$/;
export const ROLE_HTML_RAW_MAX = 50_000;
export const ROLE_COMPRESSED_MAX = 30_000;

/** WCAG 2.2 target size (minimum): 24 by 24 CSS pixels. */
export const TARGET_MIN = 24;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Pages checked in the browser at once (one browser, this many tabs). */
export const CONCURRENCY = Number(process.env.BROWSER_SUITE_CONCURRENCY || 2);
/** A crawl that finds more pages than this stops and fails: a link trap. */
export const MAX_PAGES = Number(process.env.BROWSER_SUITE_MAX_PAGES || 1000);
/**
 * Pages that differ only by their query string (sort orders, filters) share a
 * template: the first this many variants of a path are checked in the browser
 * (the page without a query string is always checked); further ones are
 * read from their markup only: fetched, validated with the Nu HTML Checker,
 * their ids read for fragment links and their links followed and checked,
 * but not opened in the browser.
 */
export const QUERY_VARIANTS = Number(process.env.BROWSER_SUITE_QUERY_VARIANTS || 1);
/**
 * Pages of one template filled with generated data only (no editor's prose):
 * the first TEMPLATE_SAMPLES pages matching each pattern (and as many of
 * their query variants) are opened in the browser, the rest are read from
 * their markup only, like the query variants above. Pages with editors'
 * prose (roles, articles, programs, editorial pages) are all opened.
 */
export const TEMPLATE_PAGES = [
  /^\/salaries\/states\/[^/]+\/$/, // one state's pay for every role
  /^\/salaries\/(?!states\/)[^/]+\/$/, // one role's pay in every state
  /^\/salaries\/[^/]+\/[^/]+\/$/, // one role's pay in one state
  /^\/soc\/[^/]+\/$/, // one occupation code
  /^\/roles\/[^/]+\/share\/$/, // the form to share a role experience
  /^\/roles\/[^/]+\/ask\/$/, // the form to ask about a role
  /^\/embed\/roles\/[^/]+$/, // a role's embeddable card
];
export const TEMPLATE_SAMPLES = Number(process.env.BROWSER_SUITE_TEMPLATE_SAMPLES || 2);
/** Tab presses per page before the keyboard walk gives up. */
export const MAX_TABS = 600;
export const NAV_TIMEOUT_MS = 30_000;

export function chromiumPresent() {
  return existsSync(CHROMIUM_PATH);
}
