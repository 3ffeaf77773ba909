// Weight of a role page: its HTML under 50 kB raw, and its HTML plus its
// stylesheets under 30 kB compressed (as the server sends them with
// Accept-Encoding: br, gzip; where it sends something uncompressed, as gzip
// would make it).
import zlib from 'node:zlib';
import { rawGet } from '../lib/http.mjs';
import { ROLE_HTML_RAW_MAX, ROLE_COMPRESSED_MAX } from '../lib/config.mjs';

async function wireSize(url) {
  const res = await rawGet(url, { 'accept-encoding': 'br, gzip' });
  const enc = String(res.headers['content-encoding'] || '').trim();
  if (enc && enc !== 'identity') return { status: res.status, bytes: res.body.length, how: enc };
  return { status: res.status, bytes: zlib.gzipSync(res.body, { level: 9 }).length, how: 'gzip -9 here (server sent it uncompressed)' };
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

/** @returns {Promise<string>} one line for the summary */
export async function checkWeight(url, rawHtml, stylesheets, report) {
  report.ran(url, 'weight');
  const html = await wireSize(url);
  let total = html.bytes;
  const parts = [`HTML ${kb(html.bytes)} (${html.how})`];
  for (const css of [...new Set(stylesheets)]) {
    const s = await wireSize(css);
    if (s.status !== 200) {
      report.fail(url, 'weight', 'any', `stylesheet ${css} returned ${s.status}`);
      continue;
    }
    total += s.bytes;
    parts.push(`${new URL(css).pathname} ${kb(s.bytes)} (${s.how})`);
  }
  if (rawHtml > ROLE_HTML_RAW_MAX) {
    report.fail(url, 'weight', 'any', `HTML is ${kb(rawHtml)} raw (${rawHtml} bytes), over the ${kb(ROLE_HTML_RAW_MAX)} budget`);
  }
  if (total > ROLE_COMPRESSED_MAX) {
    report.fail(url, 'weight', 'any', `HTML + CSS is ${kb(total)} compressed (${total} bytes: ${parts.join(', ')}), over the ${kb(ROLE_COMPRESSED_MAX)} budget`);
  }
  return `${url}: HTML ${kb(rawHtml)} raw; HTML + CSS ${kb(total)} compressed [${parts.join(', ')}]`;
}
