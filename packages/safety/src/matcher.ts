/**
 * Lexicon compilation and scanning. A text is folded code point by code point into a stream of
 * skeleton units (repeats collapsed, separators skipped, offsets kept), which one Aho–Corasick
 * automaton walks; each candidate is then checked against its pattern's constraints on the
 * original text.
 */
import { Alphabet, type Automaton, buildAutomaton, step } from './automaton.js';
import { CONTACT_ID_TERM, handleAfter, isPhoneNumber, PHONE_TERM } from './contacts.js';
import {
  BREAK,
  digitOf,
  foldCodePoint,
  IGNORE,
  isWordCodePoint,
  multiFold,
  SPACE,
  SYMBOL,
} from './fold.js';
import { entryPatterns, type Pattern } from './patterns.js';
import {
  CATEGORIES,
  type Category,
  type CompileOptions,
  type LexiconEntry,
  MATCH_MODES,
  type Match,
  type Matcher,
  SEVERITIES,
  type Severity,
} from './types.js';

/** Thrown by `compileLexicon` for an invalid entry; `index` points at it. */
export class LexiconError extends Error {
  readonly code = 'LEXICON_INVALID';
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'LexiconError';
  }
}

interface CompiledEntry {
  term: string;
  category: Category;
  severity: Severity;
  allow: boolean;
}

const GAP_NONE = 0;
const GAP_SYMBOL = 1;
const GAP_SPACE = 2;

function validateEntry(entry: LexiconEntry, index: number): void {
  if (typeof entry !== 'object' || entry === null)
    throw new LexiconError('entry is not an object', index);
  if (typeof entry.term !== 'string' || entry.term.trim() === '') {
    throw new LexiconError('term must be a non-empty string', index);
  }
  if (!(CATEGORIES as readonly string[]).includes(entry.category)) {
    throw new LexiconError(`unknown category ${JSON.stringify(entry.category)}`, index);
  }
  if (entry.severity !== undefined && !(SEVERITIES as readonly string[]).includes(entry.severity)) {
    throw new LexiconError(`unknown severity ${JSON.stringify(entry.severity)}`, index);
  }
  if (entry.match !== undefined && !(MATCH_MODES as readonly string[]).includes(entry.match)) {
    throw new LexiconError(`unknown match mode ${JSON.stringify(entry.match)}`, index);
  }
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** Whether `start` and `end` fall on word boundaries for a script written without spaces. */
function onSegmentBoundaries(text: string, start: number, end: number, locale: string): boolean {
  const from = Math.max(0, start - 24);
  const to = Math.min(text.length, end + 24);
  let startOk = start === from;
  let endOk = end === to;
  for (const segment of segmenterFor(locale).segment(text.slice(from, to))) {
    const offset = from + segment.index;
    if (offset === start) startOk = true;
    if (offset === end) endOk = true;
  }
  return startOk && endOk;
}

function codePointBefore(text: string, offset: number): number {
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low < 0xe000 && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high < 0xdc00) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** No letter or digit of an alphabetic script right before `offset` (invisibles skipped). */
function wordStartsAt(text: string, offset: number): boolean {
  let k = offset;
  while (k > 0) {
    const cp = codePointBefore(text, k);
    if (foldCodePoint(cp) !== IGNORE) return !isWordCodePoint(cp);
    k -= cp > 0xffff ? 2 : 1;
  }
  return true;
}

/** No letter or digit of an alphabetic script at `offset` (invisibles and marks skipped). */
function wordEndsAt(text: string, offset: number): boolean {
  let k = offset;
  while (k < text.length) {
    const cp = text.codePointAt(k)!;
    if (foldCodePoint(cp) !== IGNORE) return !isWordCodePoint(cp);
    k += cp > 0xffff ? 2 : 1;
  }
  return true;
}

const HAN = /\p{Script=Han}/u;

/** Whether Chinese text is within a few characters of a span. */
function nearHan(text: string, start: number, end: number): boolean {
  return (
    HAN.test(text.slice(Math.max(0, start - 12), start)) || HAN.test(text.slice(end, end + 12))
  );
}

class CompiledLexicon implements Matcher {
  readonly size: number;
  private readonly entries: CompiledEntry[];
  private readonly alphabet = new Alphabet();
  private readonly automaton: Automaton;
  private readonly patternEntry: Int32Array;
  private readonly patternLength: Int32Array;
  private readonly patternSeparated: Uint8Array;
  private readonly patternWord: Uint8Array;
  private readonly patternCounts: (Int32Array | undefined)[];
  private readonly patternBreaks: (readonly number[] | undefined)[];
  private readonly patternBreaksRequired: Uint8Array;
  private readonly patternSegment: (string | undefined)[];
  private readonly patternDigits: (readonly number[] | undefined)[];
  private readonly patternHanContext: Uint8Array;
  private readonly contacts: boolean;
  // Per-position scratch buffers, reused across scans and grown on demand.
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private runs = new Int32Array(256);
  private gaps = new Uint8Array(256);
  private fromDigit = new Uint8Array(256);

  constructor(entries: LexiconEntry[], options: CompileOptions) {
    this.size = entries.length;
    this.contacts = options.contacts ?? true;
    const withPinyin = options.pinyin ?? true;
    this.entries = entries.map((entry, index) => {
      validateEntry(entry, index);
      return {
        term: entry.term,
        category: entry.category,
        severity: entry.severity ?? 'medium',
        allow: entry.allow === true,
      };
    });
    const patterns: Pattern[] = [];
    for (let i = 0; i < entries.length; i++) {
      for (const pattern of entryPatterns(entries[i]!, i, withPinyin)) patterns.push(pattern);
    }
    const symbols = patterns.map((pattern) =>
      Int32Array.from(pattern.units, (cp) => this.alphabet.add(cp)),
    );
    this.automaton = buildAutomaton(symbols, this.alphabet.size);
    const count = patterns.length;
    this.patternEntry = new Int32Array(count);
    this.patternLength = new Int32Array(count);
    this.patternSeparated = new Uint8Array(count);
    this.patternWord = new Uint8Array(count);
    this.patternCounts = new Array(count);
    this.patternBreaks = new Array(count);
    this.patternBreaksRequired = new Uint8Array(count);
    this.patternSegment = new Array(count);
    this.patternDigits = new Array(count);
    this.patternHanContext = new Uint8Array(count);
    for (let p = 0; p < count; p++) {
      const pattern = patterns[p]!;
      this.patternEntry[p] = pattern.entry;
      this.patternLength[p] = pattern.units.length;
      this.patternSeparated[p] = pattern.separated ? 1 : 0;
      this.patternWord[p] = pattern.mode === 'word' ? 1 : 0;
      this.patternCounts[p] = pattern.counts.some((c) => c > 1)
        ? Int32Array.from(pattern.counts)
        : undefined;
      this.patternBreaks[p] = pattern.breaks.length > 0 ? pattern.breaks : undefined;
      this.patternBreaksRequired[p] = pattern.breaksRequired && pattern.breaks.length > 0 ? 1 : 0;
      this.patternSegment[p] = pattern.segmentLocale;
      this.patternDigits[p] = pattern.digits.length > 0 ? pattern.digits : undefined;
      this.patternHanContext[p] = pattern.hanContext ? 1 : 0;
    }
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = (from: Int32Array): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.runs = grown(this.runs);
    const grownBytes = (from: Uint8Array): Uint8Array<ArrayBuffer> => {
      const to = new Uint8Array(size);
      to.set(from);
      return to;
    };
    this.gaps = grownBytes(this.gaps);
    this.fromDigit = grownBytes(this.fromDigit);
  }

  scan(text: string): Match[] {
    const automaton = this.automaton;
    const alphabet = this.alphabet;
    const found: number[] = []; // triples: entry, start, end
    let positions = 0;
    let state = 0;
    let pending = 0; // state after the last position, whose outputs are not yet verified
    let lastUnit = -1;
    let gap = GAP_NONE;
    // Phone-number tracking.
    let digits = '';
    let digitStart = -1;
    let digitEnd = -1;
    let plus = false;
    let grouped = false;

    const verify = (pattern: number, last: number): void => {
      const length = this.patternLength[pattern]!;
      const first = last - length + 1;
      const counts = this.patternCounts[pattern];
      if (counts) {
        for (let t = 0; t < length; t++) if (this.runs[first + t]! < counts[t]!) return;
      }
      const digitUnits = this.patternDigits[pattern];
      if (digitUnits) {
        for (const t of digitUnits) if (this.fromDigit[first + t] === 0) return;
      }
      const gaps = this.gaps;
      if (this.patternSeparated[pattern] === 1) {
        for (let k = first + 1; k <= last; k++) if (gaps[k] === GAP_NONE) return;
      } else {
        // Whitespace inside a match is a disguise only when every unit stands apart (`f u c k`)
        // or the term itself has a space there (`crystal meth`, pinyin `da ma`).
        let spaced = false;
        let apart = true;
        let allowed = true;
        const breaks = this.patternBreaks[pattern];
        if (this.patternBreaksRequired[pattern] === 1) {
          for (const b of breaks!) if (gaps[first + b] === GAP_NONE) return;
        }
        for (let k = first + 1; k <= last; k++) {
          const g = gaps[k]!;
          if (g === GAP_NONE) apart = false;
          else if (g === GAP_SPACE) {
            spaced = true;
            if (!breaks?.includes(k - first)) allowed = false;
          }
        }
        if (spaced && !allowed) {
          if (!apart) return;
          // Letters spaced apart must stand alone: `질병, 신체` does not spell 병신.
          if (!wordStartsAt(text, this.starts[first]!) || !wordEndsAt(text, this.ends[last]!))
            return;
        }
      }
      const start = this.starts[first]!;
      const end = this.ends[last]!;
      if (this.patternHanContext[pattern] === 1 && !nearHan(text, start, end)) return;
      if (this.patternWord[pattern] === 1) {
        if (!wordStartsAt(text, start) || !wordEndsAt(text, end)) return;
        const locale = this.patternSegment[pattern];
        if (locale !== undefined && !onSegmentBoundaries(text, start, end, locale)) return;
      }
      found.push(this.patternEntry[pattern]!, start, end);
    };

    const close = (): void => {
      if (pending === 0) return;
      const { output, nextOutput, dictionaryLink } = automaton;
      let node = output[pending]! >= 0 ? pending : dictionaryLink[pending]!;
      while (node >= 0) {
        for (let p = output[node]!; p >= 0; p = nextOutput[p]!) verify(p, positions - 1);
        node = dictionaryLink[node]!;
      }
      pending = 0;
    };

    const unit = (cp: number, start: number, end: number, digit: boolean): void => {
      // Repeated letters collapse into one run unless whitespace parts them.
      if (cp === lastUnit && gap !== GAP_SPACE) {
        this.runs[positions - 1]!++;
        this.ends[positions - 1] = end;
        gap = GAP_NONE;
        return;
      }
      close();
      if (positions === this.starts.length) this.grow();
      this.starts[positions] = start;
      this.ends[positions] = end;
      this.runs[positions] = 1;
      this.gaps[positions] = gap;
      this.fromDigit[positions] = digit ? 1 : 0;
      positions++;
      gap = GAP_NONE;
      lastUnit = cp;
      state = step(automaton, state, alphabet.get(cp));
      pending = state;
    };

    const flushPhone = (): void => {
      if (digits.length > 0 && !grouped && isPhoneNumber(digits, plus)) {
        found.push(-1, digitStart, digitEnd);
      }
      digits = '';
      plus = false;
      grouped = false;
    };

    const length = text.length;
    for (let k = 0; k < length; ) {
      let cp = text.charCodeAt(k);
      let size = 1;
      if (cp >= 0xd800 && cp < 0xdc00 && k + 1 < length) {
        const low = text.charCodeAt(k + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          size = 2;
        }
      }
      const value = foldCodePoint(cp);
      if (this.contacts) {
        const digit = digitOf(cp);
        if (digit >= 0) {
          if (digits.length === 0) digitStart = k;
          digits += digit;
          digitEnd = k + size;
        } else if (cp === 0x2b || cp === 0xff0b) {
          if (digits.length > 0) flushPhone();
          plus = true;
        } else if (value === SPACE || value === SYMBOL || value === IGNORE) {
          // Thousands separators and times mean an amount or a clock, not a phone number.
          if (cp === 0x2c || cp === 0x3a) grouped = digits.length > 0 || grouped;
        } else if (digits.length > 0 || plus) flushPhone();
      }
      if (value >= 0) unit(value, k, k + size, value < 0x80 && digitOf(cp) >= 0);
      else if (value === SPACE) gap = GAP_SPACE;
      else if (value === SYMBOL) {
        if (gap === GAP_NONE) gap = GAP_SYMBOL;
      } else if (value === BREAK) {
        close();
        state = 0;
        lastUnit = -1;
        gap = GAP_NONE;
      } else if (value !== IGNORE) {
        for (const part of multiFold(value)) unit(part, k, k + size, false);
      }
      k += size;
    }
    close();
    if (this.contacts) flushPhone();
    return found.length === 0 ? [] : this.resolve(text, found);
  }

  /** Deduplicates candidates, applies exceptions and adds contact IDs after lures. */
  private resolve(text: string, found: number[]): Match[] {
    // One match per category and span: the same word is often listed in several languages.
    const bySpan = new Map<string, Match>();
    const allowed: { category: Category; start: number; end: number }[] = [];
    for (let i = 0; i < found.length; i += 3) {
      const index = found[i]!;
      const start = found[i + 1]!;
      const end = found[i + 2]!;
      if (index < 0) {
        bySpan.set(`phone:${start}`, {
          term: PHONE_TERM,
          category: 'fraud',
          severity: 'medium',
          start,
          end,
        });
        continue;
      }
      const entry = this.entries[index]!;
      if (entry.allow) {
        allowed.push({ category: entry.category, start, end });
        continue;
      }
      const key = `${entry.category}:${start}:${end}`;
      const known = bySpan.get(key);
      if (!known || SEVERITIES.indexOf(entry.severity) > SEVERITIES.indexOf(known.severity)) {
        bySpan.set(key, {
          term: entry.term,
          category: entry.category,
          severity: entry.severity,
          start,
          end,
        });
      }
    }
    const candidates = [...bySpan.values()];
    const matches = candidates.filter(
      (match) =>
        !allowed.some(
          (a) => a.category === match.category && a.start < match.end && match.start < a.end,
        ),
    );
    if (this.contacts) {
      for (const match of [...matches]) {
        if (match.category !== 'fraud' || match.term === PHONE_TERM) continue;
        const handle = handleAfter(text, match.end);
        if (handle)
          matches.push({
            term: CONTACT_ID_TERM,
            category: 'fraud',
            severity: match.severity,
            ...handle,
          });
      }
    }
    return matches.sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

/**
 * Compiles lexicon entries into a matcher. Terms are folded like texts (see README), Chinese
 * terms also match as pinyin, and `allow` entries cancel overlapping matches of their category.
 * Throws `LexiconError` on an invalid entry.
 */
export function compileLexicon(entries: LexiconEntry[], options: CompileOptions = {}): Matcher {
  return new CompiledLexicon(entries, options);
}
