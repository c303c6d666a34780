/** Markdown helpers for the public-lexicon benchmark. */

export function pct(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A Markdown table; columns after the first are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Text shortened for a table cell: one line, at most `max` characters, pipes escaped. */
export function cell(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return [...line].length > max ? `${[...line].slice(0, max).join('')}…` : line;
}

/** Counts keyed by string, with a stable row order. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
