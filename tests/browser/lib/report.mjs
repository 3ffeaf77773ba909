// Collects check outcomes. A check is one (url, check, width) unit: it passes
// when it ran and recorded no failure. Every failure is printed on its own line:
//   FAIL <url> [<check>@<width>] <message>
// `width` is a viewport width in CSS pixels, or `any` for checks that do not
// depend on the layout.

export class Report {
  constructor() {
    /** @type {Map<string, {url: string, check: string, width: string, failures: string[]}>} */
    this.units = new Map();
    this.notes = [];
    this.sizes = [];
  }

  #unit(url, check, width) {
    const key = `${url}\u0000${check}\u0000${width}`;
    let unit = this.units.get(key);
    if (!unit) {
      unit = { url, check, width: String(width), failures: [] };
      this.units.set(key, unit);
    }
    return unit;
  }

  /** Records that a check ran (and so passes unless a failure is recorded). */
  ran(url, check, width = 'any') {
    this.#unit(url, check, width);
  }

  fail(url, check, width, message) {
    const unit = this.#unit(url, check, width ?? 'any');
    const text = String(message).replace(/\s+/g, ' ').trim();
    if (!unit.failures.includes(text)) unit.failures.push(text);
  }

  note(line) {
    this.notes.push(line);
  }

  get failureLines() {
    const lines = [];
    const units = [...this.units.values()].sort(
      (a, b) => a.url.localeCompare(b.url) || a.check.localeCompare(b.check) || a.width.localeCompare(b.width),
    );
    for (const u of units) for (const f of u.failures) lines.push(`FAIL ${u.url} [${u.check}@${u.width}] ${f}`);
    return lines;
  }

  get counts() {
    let passed = 0;
    let failed = 0;
    for (const u of this.units.values()) (u.failures.length ? failed++ : passed++);
    return { passed, failed };
  }
}
