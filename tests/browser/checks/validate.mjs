// Markup validity: the Nu HTML Checker (vnu.jar) once over every page's HTML
// as served, and xmllint over the feed, the sitemap and every SVG.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

function run(cmd, args) {
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: -1, out: '', error: e.message });
      return;
    }
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => resolve({ code: -1, out, error: e.message }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** @param {{url: string, body: Buffer}[]} pages */
export async function checkHtml(pages, report) {
  if (!pages.length) return;
  for (const p of pages) report.ran(p.url, 'html');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'browser-suite-vnu-'));
  try {
    const byFile = new Map();
    pages.forEach((p, i) => {
      const file = path.join(dir, `page-${String(i).padStart(4, '0')}.html`);
      writeFileSync(file, p.body);
      byFile.set(file, p.url);
    });
    let jar;
    try {
      jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
    } catch {
      for (const p of pages) report.fail(p.url, 'html', 'any', 'vnu-jar is not installed (run tests/browser/install.sh)');
      return;
    }
    const r = await run('java', ['-jar', jar, '--errors-only', '--format', 'gnu', ...byFile.keys()]);
    if (r.error) {
      for (const p of pages) report.fail(p.url, 'html', 'any', `could not run the Nu HTML Checker: java: ${r.error}`);
      return;
    }
    let parsed = 0;
    for (const line of r.out.split('\n')) {
      const m = line.match(/^"?file:(.*?)"?:(\d+)\.(\d+)(?:-\d+\.\d+)?: (?:(?:non-document-)?error|fatal)(?: \w+)?: (.*)$/) ||
        line.match(/^"?file:(.*?)"?: (?:(?:non-document-)?error|fatal)(?: \w+)?: (.*)$/);
      if (!m) continue;
      const file = m[1];
      const url = byFile.get(file);
      if (!url) continue;
      parsed++;
      const message = m.length === 5 ? `line ${m[2]}:${m[3]}: ${m[4]}` : m[2];
      report.fail(url, 'html', 'any', message);
    }
    if (r.code !== 0 && parsed === 0) {
      for (const p of pages) report.fail(p.url, 'html', 'any', `the Nu HTML Checker failed (exit ${r.code}): ${r.out.trim().slice(0, 300)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {{url: string, body: Buffer, kind: string}[]} docs */
export async function checkXml(docs, report) {
  if (!docs.length) return;
  for (const d of docs) report.ran(d.url, 'xml');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'browser-suite-xml-'));
  try {
    for (const [i, d] of docs.entries()) {
      const file = path.join(dir, `doc-${i}.xml`);
      writeFileSync(file, d.body);
      const r = await run('xmllint', ['--noout', '--nonet', file]);
      if (r.error) {
        report.fail(d.url, 'xml', 'any', `could not run xmllint (${r.error}; run tests/browser/install.sh)`);
        continue;
      }
      if (r.code !== 0) {
        const first = r.out.split('\n').filter(Boolean).slice(0, 3).join(' | ').split(file).join(d.kind);
        report.fail(d.url, 'xml', 'any', `${d.kind} is not well-formed XML: ${first}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
