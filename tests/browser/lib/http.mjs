// Plain HTTP from Node, outside the browser: the crawler's fetches, and the
// raw (still compressed) bytes the weight check measures.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/**
 * One request, no redirect following, the body as sent on the wire.
 * @returns {Promise<{status: number, headers: http.IncomingHttpHeaders, body: Buffer}>}
 */
export function rawGet(url, headers = {}, timeoutMs = 30_000) {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // A fresh connection per request (`agent: false`): Node's default agent
    // keeps sockets alive and may reuse one just as the server closes it
    // idle, which fails the request with "socket hang up".
    const req = lib.get(u, { agent: false, headers: { 'user-agent': 'careers-browser-suite', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/**
 * GET following redirects (at most 10) on the same origin, uncompressed body.
 * @returns {Promise<{status: number, finalUrl: string, redirects: string[], contentType: string, body: Buffer, error?: string}>}
 */
export async function getFollowing(url, maxRedirects = 10) {
  const origin = new URL(url).origin;
  const redirects = [];
  let current = url;
  for (let i = 0; i <= maxRedirects; i++) {
    let res;
    try {
      res = await rawGet(current, { 'accept-encoding': 'identity' });
    } catch (e) {
      return { status: 0, finalUrl: current, redirects, contentType: '', body: Buffer.alloc(0), error: e.message };
    }
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      redirects.push(current);
      current = new URL(res.headers.location, current).href;
      if (new URL(current).origin !== origin) {
        // Never follow a redirect off the site: that host is not ours to ask.
        return { status: res.status, finalUrl: current, redirects, contentType: '', body: Buffer.alloc(0), error: `redirects to another host: ${current}` };
      }
      continue;
    }
    return {
      status: res.status,
      finalUrl: current,
      redirects,
      contentType: String(res.headers['content-type'] || ''),
      body: decode(res.body, res.headers['content-encoding']),
    };
  }
  return { status: 0, finalUrl: current, redirects, contentType: '', body: Buffer.alloc(0), error: 'too many redirects' };
}

/** Undoes a Content-Encoding a server sent although identity was asked for. */
export function decode(body, encoding) {
  switch (String(encoding || '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    default:
      return body;
  }
}
