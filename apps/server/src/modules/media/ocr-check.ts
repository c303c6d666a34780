import type { Action, FiredRule, Policy } from '@atrium/safety';
import { actionRank } from '@atrium/safety';
import { checkContent } from '../screening/content-check.js';
import type { SafetyRules, SafetyRulesProvider } from '../screening/safety-rules.js';
import type { MediaBox, MediaChecker, MediaCheckInput, MediaFinding } from './media-check.js';
import { createOcrReader, type OcrLine, type OcrReader } from './ocr-engine.js';

// Text in images (docs/media.md, "Text in images"): the lines an OCR model reads in a picture go
// through the same inline check as a note's body, with the same lexicon and policy, and each
// rule that fires becomes a finding with the box of the line(s) the text came from.

/** How a span of the scanned text maps back to the lines it came from. */
interface Scanned {
  text: string;
  /** Offsets where each line starts in `text`, in line order. */
  starts: number[];
  /** Which OCR lines (indexes) the text holds. */
  lines: number[];
}

/**
 * The recognizer often drops the spaces the contact patterns need: after ASCII punctuation
 * (`LINE:sweet_77`), before an opening parenthesis (`call(212)`) and between a number and the
 * word after it (`555-0147now`). The body scan reads the text with them put back (the handle
 * scan reads the line as recognized).
 */
function respaced(text: string): string {
  return text
    .replace(/([:;,!?])(?=[^\s\d])/g, '$1 ')
    .replace(/([A-Za-z])\(/g, '$1 (')
    .replace(/(\d)(?=[A-Za-z]{2})/g, '$1 ');
}

/** A line alone, and every line joined in reading order (a lure split over two lines). */
function scansOf(lines: OcrLine[]): Scanned[] {
  const scans: Scanned[] = lines.map((line, index) => ({
    text: respaced(line.text),
    starts: [0],
    lines: [index],
  }));
  if (lines.length > 1) {
    const starts: number[] = [];
    let text = '';
    for (const line of lines) {
      if (text) text += '\n';
      starts.push(text.length);
      text += respaced(line.text);
    }
    scans.push({ text, starts, lines: lines.map((_, index) => index) });
  }
  return scans;
}

/** The lines a span [start, end) of a scan touches. */
function linesOfSpan(scan: Scanned, start: number, end: number): number[] {
  const touched: number[] = [];
  scan.starts.forEach((lineStart, position) => {
    const lineEnd = scan.starts[position + 1] ?? scan.text.length + 1;
    if (start < lineEnd - 1 && end > lineStart) touched.push(scan.lines[position]!);
  });
  return touched.length > 0 ? touched : [scan.lines[0]!];
}

function unionBox(boxes: MediaBox[]): MediaBox {
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * A fired rule's actions by country, where they differ from its default: region groups (`EU`,
 * `STRICT_DRUG_LAWS`) expanded to their members, the stricter action where a country is in
 * more than one group, a country's own entry first (as `decide` reads them).
 */
export function ruleRegionActions(
  actions: FiredRule['actions'],
  policy: Policy,
): Record<string, Action> | undefined {
  const fallback = actions.default ?? 'allow';
  const result: Record<string, Action> = {};
  for (const [key, action] of Object.entries(actions)) {
    if (key === 'default') continue;
    const countries = policy.regionGroups[key] ?? [key];
    for (const country of countries) {
      if (actions[country] && country !== key) continue;
      const current = result[country];
      result[country] =
        current && key !== country && actionRank(current) > actionRank(action) ? current : action;
    }
  }
  for (const [country, action] of Object.entries(result)) {
    if (action === fallback) delete result[country];
  }
  const sorted = Object.keys(result).sort();
  return sorted.length > 0
    ? Object.fromEntries(sorted.map((country) => [country, result[country]!]))
    : undefined;
}

/**
 * The findings for lines read in one image: every line is checked alone, as a handle too (OCR
 * often drops the spaces between Latin words: `cocaineforsale`), and all lines together; a rule
 * that fires on the same lines in more than one pass is one finding.
 */
export function findingsOfLines(
  rules: SafetyRules,
  lines: OcrLine[],
  atSecond?: number,
): MediaFinding[] {
  const findings = new Map<string, MediaFinding>();
  for (const scan of scansOf(lines)) {
    const fields: Record<string, string> = { body: scan.text };
    // The handle scan splits glued words; it is only meant for one line of Latin letters.
    const line = lines[scan.lines[0]!]!.text;
    if (scan.lines.length === 1 && /[A-Za-z]{4}/.test(line)) fields.handle = line;
    for (const [field, text] of Object.entries(fields)) {
      const outcome = checkContent(rules, { [field]: text });
      for (const fired of outcome.decision.fired) {
        if (fired.evidence.kind !== 'match') continue;
        const touched =
          field === 'handle'
            ? scan.lines
            : linesOfSpan(scan, fired.evidence.start, fired.evidence.end);
        const key = `${fired.ruleId}|${touched.join(',')}`;
        if (findings.has(key)) continue;
        const read = touched.map((index) => lines[index]!);
        const regionActions = ruleRegionActions(fired.actions, rules.policy);
        findings.set(key, {
          checker: 'ocr',
          category: fired.category,
          ruleId: fired.ruleId,
          action: fired.actions.default ?? 'allow',
          ...(regionActions ? { regionActions } : {}),
          // the lexicon match is exact: how sure the finding is is how sure the reading is
          score: Math.min(...read.map((line) => line.confidence)),
          box: unionBox(read.map((line) => line.box)),
          ...(atSecond !== undefined ? { atSecond } : {}),
          detail: {
            text: read.map((line) => line.text).join('\n'),
            term: fired.evidence.term,
            severity: fired.severity,
            lines: read.map((line) => ({
              text: line.text,
              confidence: Number(line.confidence.toFixed(3)),
              box: line.box,
              ...(line.engine ? { engine: line.engine } : {}),
            })),
          },
        });
      }
    }
  }
  // A multi-line finding of a rule that already fired on each of its lines alone adds nothing
  // (single-line findings come first: the line scans run before the joined one).
  const kept: MediaFinding[] = [];
  const byRule = new Map<string, Set<number>>();
  for (const [key, finding] of findings) {
    const touched = key.split('|')[1]!.split(',').map(Number);
    const seen = byRule.get(finding.ruleId!) ?? new Set<number>();
    if (touched.length > 1 && touched.every((index) => seen.has(index))) continue;
    for (const index of touched) seen.add(index);
    byRule.set(finding.ruleId!, seen);
    kept.push(finding);
  }
  return kept;
}

export interface OcrCheckerOptions {
  /** The current safety rules (the same ones the inline check of a note applies). */
  rules: SafetyRulesProvider;
  /** The text reader; by default the PaddleOCR models, loaded on first use. */
  reader?: OcrReader;
}

/** The OCR checker: reads the text in an image and checks it as a note body is checked. */
export function createOcrChecker(options: OcrCheckerOptions): MediaChecker {
  const reader = options.reader ?? createOcrReader();
  return {
    name: 'ocr',
    async check(input: MediaCheckInput): Promise<MediaFinding[]> {
      const lines = await reader.read(input.bytes);
      if (lines.length === 0) return [];
      const rules = await options.rules.current();
      return findingsOfLines(rules, lines, input.atSecond);
    },
  };
}
