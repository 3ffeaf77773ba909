// axe-core, injected into the page, run with the WCAG 2.1 A/AA and
// best-practice rules: any violation fails.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AXE_TAGS } from '../lib/config.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function checkAxe(page, url, width, report) {
  report.ran(url, 'axe', width);
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
  for (const v of violations) {
    const more = v.count > v.targets.length ? ` and ${v.count - v.targets.length} more` : '';
    report.fail(url, 'axe', width, `${v.id} (${v.impact}): ${v.help} - ${v.targets.join(', ')}${more}`);
  }
}
