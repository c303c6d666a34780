/**
 * Lexicon compilation and scanning. A text is folded code point by code point into a stream of
 * skeleton units (repeats collapsed, separators skipped, offsets kept), which one Aho–Corasick
 * automaton walks; each candidate is then checked against its pattern's constraints on the
 * original text.
 */
import { Alphabet, type Automaton, buildAutomaton, child, step } from './automaton.js';
import { CONTACT_ID_TERM, handleAfter, isPhoneNumber, PHONE_TERM } from './contacts.js';
import {
  BREAK,
  charInfo,
  FOLD_TABLE,
  FOLD_UNKNOWN,
  foldCodePoint,
  IGNORE,
  INFO_TABLE,
  INFO_WORD,
  multiFold,
  SPACE,
  SYMBOL,
} from './fold.js';
import {
  addEntryPatterns,
  PATTERN_BREAKS_REQUIRED,
  PATTERN_COUNTS,
  PATTERN_DIGITS,
  PATTERN_HAN_CONTEXT,
  PATTERN_SEPARATED,
  PATTERN_WORD,
  PatternTable,
  UNIT_BREAK,
  UNIT_DIGIT,
} from './patterns.js';
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

function growThreads(threads: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(threads.length * 2);
  grown.set(threads);
  return grown;
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
  /** Substring patterns: Aho–Corasick over every position. */
  private readonly substrings: Automaton;
  /** Whole-word patterns: a trie walked from each word start. */
  private readonly words: Automaton;
  /** Pinyin initials: a trie walked over letters that stand apart (`d m`). */
  private readonly initials: Automaton;
  private readonly patterns: PatternTable;
  private readonly contacts: boolean;
  // Per-position scratch buffers, reused across scans and grown on demand.
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private runs = new Int32Array(256);
  private gaps = new Uint8Array(256);
  private fromDigit = new Uint8Array(256);
  /** 1 when a letter or digit of an alphabetic script comes right before the position's run. */
  private wordBefore = new Uint8Array(256);
  private wordThreads = new Int32Array(16);
  private initialThreads = new Int32Array(16);

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
    this.patterns = new PatternTable(this.alphabet);
    for (let i = 0; i < entries.length; i++)
      addEntryPatterns(this.patterns, entries[i]!, i, withPinyin);
    const { symbols, start, count, flags } = this.patterns;
    const kinds: number[][] = [[], [], []];
    for (let p = 0; p < count; p++) {
      const kind = flags[p]! & PATTERN_SEPARATED ? 2 : flags[p]! & PATTERN_WORD ? 1 : 0;
      kinds[kind]!.push(p);
    }
    const size = this.alphabet.size;
    this.substrings = buildAutomaton(symbols, start, kinds[0]!, size, true);
    this.words = buildAutomaton(symbols, start, kinds[1]!, size, false);
    this.initials = buildAutomaton(symbols, start, kinds[2]!, size, false);
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
    this.wordBefore = grownBytes(this.wordBefore);
  }

  /**
   * Verifies one candidate pattern ending at position `last`; pushes entry, start and end to
   * `found` when it holds. `nextIsWord`: a word continues right after the last position.
   */
  private verify(
    text: string,
    found: number[],
    pattern: number,
    last: number,
    nextIsWord: boolean,
  ): void {
    const table = this.patterns;
    const unitStart = table.start[pattern]!;
    const length = table.start[pattern + 1]! - unitStart;
    const first = last - length + 1;
    const flags = table.flags[pattern]!;
    // Word boundaries first: for whole-word terms they reject most candidates.
    const atBoundaries = this.wordBefore[first] === 0 && !nextIsWord;
    if (flags & PATTERN_WORD && !atBoundaries) return;
    if (flags & PATTERN_COUNTS) {
      for (let t = 0; t < length; t++)
        if (this.runs[first + t]! < table.counts[unitStart + t]!) return;
    }
    if (flags & PATTERN_DIGITS) {
      for (let t = 0; t < length; t++) {
        if (table.unitFlags[unitStart + t]! & UNIT_DIGIT && this.fromDigit[first + t] === 0) return;
      }
    }
    const gaps = this.gaps;
    if (flags & PATTERN_SEPARATED) {
      for (let k = first + 1; k <= last; k++) if (gaps[k] === GAP_NONE) return;
    } else {
      // Whitespace inside a match is a disguise only when every unit stands apart (`f u c k`)
      // or the term itself has a space there (`crystal meth`, pinyin `da ma`).
      let spaced = false;
      let apart = true;
      let allowed = true;
      for (let k = first + 1; k <= last; k++) {
        const g = gaps[k]!;
        const isBreak = (table.unitFlags[unitStart + k - first]! & UNIT_BREAK) !== 0;
        if (g === GAP_NONE) {
          apart = false;
          if (isBreak && flags & PATTERN_BREAKS_REQUIRED) return;
        } else if (g === GAP_SPACE) {
          spaced = true;
          if (!isBreak) allowed = false;
        }
      }
      // Letters spaced apart must stand alone: `질병, 신체` does not spell 병신.
      if (spaced && !allowed && (!apart || !atBoundaries)) return;
    }
    let start = this.starts[first]!;
    const end = this.ends[last]!;
    if (flags & PATTERN_HAN_CONTEXT && !nearHan(text, start, end)) return;
    const locale = table.segmentLocale.size > 0 ? table.segmentLocale.get(pattern) : undefined;
    if (locale !== undefined && !onSegmentBoundaries(text, start, end, locale)) {
      // The first run may have begun in the previous word (ขาย|ยาบ้า): try its last letter.
      const firstEnd = this.ends[first]!;
      const lastLetter = firstEnd - (text.codePointAt(firstEnd - 2)! > 0xffff ? 2 : 1);
      if (lastLetter <= start || !onSegmentBoundaries(text, lastLetter, end, locale)) return;
      start = lastLetter;
    }
    found.push(table.patternEntry(pattern), start, end);
  }

  /** Verifies the patterns ending at `node` (and, with links, along its dictionary links). */
  private outputs(
    text: string,
    found: number[],
    automaton: Automaton,
    node: number,
    last: number,
    nextIsWord: boolean,
    withLinks: boolean,
  ): void {
    const { output, nextOutput, dictionaryLink } = automaton;
    let at = node;
    while (at > 0) {
      for (let p = output[at]!; p >= 0; p = nextOutput[p]!)
        this.verify(text, found, p, last, nextIsWord);
      at = withLinks ? dictionaryLink[at]! : -1;
    }
  }

  scan(text: string): Match[] {
    const found: number[] = []; // triples: entry (-1 for a phone number), start, end
    const foldTable = FOLD_TABLE;
    const infoTable = INFO_TABLE;
    const symbolsBmp = this.alphabet.bmp;
    const substrings = this.substrings;
    const substringHas = substrings.hasOutput;
    const words = this.words;
    const wordOutput = words.output;
    const initials = this.initials;
    const initialOutput = initials.output;
    const contacts = this.contacts;
    let starts = this.starts;
    let ends = this.ends;
    let runs = this.runs;
    let positions = 0;
    let state = 0; // substring automaton
    let lastUnit = -1;
    let gap = GAP_NONE;
    let previousIsWord = false; // the last visible code point continues a word
    // Live trie walks: word threads start at word starts, initial threads at letters that stand
    // apart. Their number is bounded by the trie depth and is almost always 0–2.
    let wordThreads = this.wordThreads;
    let wordThreadCount = 0;
    let initialThreads = this.initialThreads;
    let initialThreadCount = 0;
    // Phone-number tracking.
    let digits = '';
    let digitStart = -1;
    let digitEnd = -1;
    let plus = false;
    let grouped = false;

    const length = text.length;
    for (let k = 0; k <= length; ) {
      let cp = -1;
      let size = 1;
      let value = BREAK;
      let info = 0;
      if (k < length) {
        cp = text.charCodeAt(k);
        if (cp >= 0xd800 && cp < 0xdc00 && k + 1 < length) {
          const low = text.charCodeAt(k + 1);
          if (low >= 0xdc00 && low < 0xe000) {
            cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
            size = 2;
          }
        }
        value = foldTable[cp]!;
        if (value === FOLD_UNKNOWN) value = foldCodePoint(cp);
        info = infoTable[cp]!;
        if (info === 0) info = charInfo(cp);
      }
      const digit = (info & 15) - 1;
      if (contacts) {
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

      if (
        value >= 0 ||
        value === BREAK ||
        (value < IGNORE && value !== SPACE && value !== SYMBOL)
      ) {
        const parts = value >= 0 || value === BREAK ? undefined : multiFold(value);
        const partCount = parts ? parts.length : 1;
        for (let part = 0; part < partCount; part++) {
          const unit = value === BREAK ? -1 : parts ? parts[part]! : value;
          // Repeated letters collapse into one run unless whitespace parts them.
          if (unit >= 0 && unit === lastUnit && gap !== GAP_SPACE) {
            runs[positions - 1]!++;
            ends[positions - 1] = k + size;
            gap = GAP_NONE;
            continue;
          }
          // The last position is complete: verify what ends there.
          if (positions > 0) {
            const last = positions - 1;
            const nextIsWord = unit >= 0 && gap === GAP_NONE && (info & INFO_WORD) !== 0;
            if (substringHas[state] === 1)
              this.outputs(text, found, substrings, state, last, nextIsWord, true);
            // Word and initial threads began at a word start; they can only end at a word end.
            if (!nextIsWord) {
              for (let t = 0; t < wordThreadCount; t++) {
                const node = wordThreads[t]!;
                if (wordOutput[node]! >= 0)
                  this.outputs(text, found, words, node, last, false, false);
              }
              for (let t = 0; t < initialThreadCount; t++) {
                const node = initialThreads[t]!;
                if (initialOutput[node]! >= 0)
                  this.outputs(text, found, initials, node, last, false, false);
              }
            }
          }
          if (unit < 0) {
            // A hard break (or the end): nothing matches across it.
            positions = 0;
            state = 0;
            wordThreadCount = 0;
            initialThreadCount = 0;
            lastUnit = -1;
            gap = GAP_NONE;
            continue;
          }
          if (positions === starts.length) {
            this.grow();
            starts = this.starts;
            ends = this.ends;
            runs = this.runs;
          }
          const wordStart = !previousIsWord;
          starts[positions] = k;
          ends[positions] = k + size;
          runs[positions] = 1;
          this.gaps[positions] = gap;
          this.fromDigit[positions] = unit < 0x80 && digit >= 0 && !parts ? 1 : 0;
          this.wordBefore[positions] = wordStart ? 0 : 1;
          const apart = gap !== GAP_NONE || positions === 0;
          positions++;
          gap = GAP_NONE;
          lastUnit = unit;
          const symbol = unit < 0x10000 ? symbolsBmp[unit]! : this.alphabet.get(unit);
          state =
            symbol < 0
              ? 0
              : state === 0
                ? substrings.rootNext[symbol]!
                : step(substrings, state, symbol);
          // Advance the trie walks, dropping those with nowhere to go, then start new ones here.
          let kept = 0;
          for (let t = 0; t < wordThreadCount; t++) {
            const next = child(words, wordThreads[t]!, symbol);
            if (next !== 0) wordThreads[kept++] = next;
          }
          wordThreadCount = kept;
          if (wordStart && symbol >= 0) {
            const next = words.rootNext[symbol]!;
            if (next !== 0) {
              if (wordThreadCount === wordThreads.length)
                wordThreads = this.wordThreads = growThreads(wordThreads);
              wordThreads[wordThreadCount++] = next;
            }
          }
          kept = 0;
          if (apart) {
            for (let t = 0; t < initialThreadCount; t++) {
              const next = child(initials, initialThreads[t]!, symbol);
              if (next !== 0) initialThreads[kept++] = next;
            }
          }
          initialThreadCount = kept;
          if (wordStart && symbol >= 0) {
            const next = initials.rootNext[symbol]!;
            if (next !== 0) {
              if (initialThreadCount === initialThreads.length) {
                initialThreads = this.initialThreads = growThreads(initialThreads);
              }
              initialThreads[initialThreadCount++] = next;
            }
          }
        }
      } else if (value === IGNORE) {
        // Marks and invisibles right after a letter belong to its span (`k̶`).
        if (gap === GAP_NONE && positions > 0) ends[positions - 1] = k + size;
      } else if (value === SPACE) gap = GAP_SPACE;
      else if (gap === GAP_NONE) gap = GAP_SYMBOL;
      if (value !== IGNORE) previousIsWord = (info & INFO_WORD) !== 0;
      k += size;
    }
    if (contacts) flushPhone();
    return found.length === 0 ? [] : this.resolve(text, found);

    function flushPhone(): void {
      if (digits.length > 0 && !grouped && isPhoneNumber(digits, plus))
        found.push(-1, digitStart, digitEnd);
      digits = '';
      plus = false;
      grouped = false;
    }
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
