/**
 * Lexicon compilation and scanning. A text is folded code point by code point into a stream of
 * positions (skeleton units, repeats collapsed into runs, separators skipped but remembered,
 * offsets kept). An Aho–Corasick automaton walks it for substring patterns, and tries are walked
 * from word starts for whole-word patterns; each candidate is then checked against its pattern's
 * constraints (repeat counts, spacing, digits, word boundaries) before it becomes a match.
 * Texts without CJK units run a narrow substring automaton without the CJK patterns, and while
 * every automaton is at rest the scan steps over what starts nothing (quiet-skip.ts).
 */
import { Alphabet, type Automaton, buildAutomaton, child, step } from './automaton.js';
import { nearHan, onSegmentBoundaries } from './boundaries.js';
import { loadOrdinaryChineseWords } from './chinese-words.js';
import {
  cjkWordAllows,
  firstLetterEnd,
  lastBaseLetter,
  latinEdgesAllow,
  SegmentCache,
} from './cjk-words.js';
import { CodeUnits, UNIT_WIDE } from './code-units.js';
import { contactHintsOf, isPhoneNumber } from './contacts.js';
import { type EdgeSymbols, edgeSymbolsOf, edgesHold } from './edge-symbols.js';
import {
  BREAK,
  COMBINING,
  charInfo,
  FOLD_TABLE,
  FOLD_UNKNOWN,
  foldCodePoint,
  IGNORE,
  INFO_TABLE,
  INFO_WORD,
  LINE_BREAKS,
  multiFold,
  SPACE,
  SYMBOL,
} from './fold.js';
import {
  GAP_NONE,
  GAP_SPACE,
  GAP_SYMBOL,
  modesHold,
  PATTERN_NEEDS_MODE,
  runsFit,
  splitIsDisguise,
} from './gaps.js';
import { LanguageScopes } from './language-scope.js';
import { type CompiledEntry, compileEntry } from './lexicon-entry.js';
import {
  addEntryPatterns,
  PATTERN_BREAKS_REQUIRED,
  PATTERN_CJK_WORDS,
  PATTERN_DIGITS,
  PATTERN_HAN_CONTEXT,
  PATTERN_MIXED,
  PATTERN_PINYIN,
  PATTERN_SEPARATED,
  PATTERN_WORD,
  PatternTable,
  UNIT_BREAK,
  UNIT_DIGIT,
} from './patterns.js';
import { pinyinPlausible } from './pinyin-text.js';
import {
  QUIET_AT_START,
  QUIET_IGNORE,
  QUIET_LETTER,
  QUIET_SPACE,
  QUIET_SYMBOL,
  QUIET_UNKNOWN,
  QUIET_WORD,
  QuietTable,
} from './quiet-skip.js';
import { finishScan } from './resolve-matches.js';
import { scanHandle } from './scan-handle.js';
import { addFoldVariants } from './term-variants.js';
import { MODE_LEET } from './token-fold.js';
import { TokenFolds } from './tokens.js';
import type { CompileOptions, LexiconEntry, Match, Matcher, ScanOptions } from './types.js';

export { LexiconError } from './lexicon-entry.js';

const APOSTROPHES = new Set([0x27, 0x2019, 0x02bc, 0x2032]);
const LETTER = /\p{L}/u;
const HAN = /[\p{Script=Han}\ud800-\udfff]/u;

/** Latin consonants (accents off, `y` and `h` left out): no elided word is written before one. */
const LATIN_CONSONANT = /^[bcdfgjklmnpqrstvwxzßłđþ]$/;

function startsWithConsonant(text: string, at: number): boolean {
  return LATIN_CONSONANT.test(text[at]!.normalize('NFD').charAt(0).toLowerCase());
}

/** Letters (and apostrophes between them) from `at` on, up to the first other character. */
function lettersFrom(text: string, at: number): number {
  let letters = 0;
  for (let k = at; k < text.length; k++) {
    if (LETTER.test(text[k]!)) letters++;
    else if (!(APOSTROPHES.has(text.charCodeAt(k)) && LETTER.test(text[k + 1] ?? ''))) break;
  }
  return letters;
}

/**
 * Whether an apostrophe with a letter beyond it joins a word term at [start, end) to a longer
 * word. One- and two-letter terms: any such apostrophe (`ama't`, `don't`). Longer terms keep the
 * elisions and clitics of French, Italian and English (`l'enculé`, `quell'idiota`, `fucker's`,
 * `fuckin'`) but not an apostrophe that is a letter of the word, as the glottal stop of Mayan,
 * Polynesian and many other orthographies is (`ch'ool`, `k'a'n`): before a consonant (an elided
 * word is only ever written before a vowel or h), or before three letters or more (English
 * and French clitics are one or two: `'s`, `'ll`, `'em`).
 */
function apostropheJoined(text: string, start: number, end: number): boolean {
  const short = end - start <= 2;
  if (start >= 2 && APOSTROPHES.has(text.charCodeAt(start - 1)) && LETTER.test(text[start - 2]!)) {
    if (short || startsWithConsonant(text, start)) return true;
  }
  if (end + 1 < text.length && APOSTROPHES.has(text.charCodeAt(end)) && LETTER.test(text[end + 1]!))
    return short || lettersFrom(text, end + 1) >= 3;
  return false;
}

/**
 * Whether a term spells a word out letter by letter, a separator between every two letters
 * (`s.o.b.`, `a_s_s`, `f u c k`): it stands for that spelling (or the acronym in capitals), not
 * for the word its letters make when joined, which may be an ordinary word of its own (`sob`)
 * and is a term only if the lexicon lists it.
 */
function isSpelledOut(term: string): boolean {
  const letters = term.match(/\p{L}/gu)?.length ?? 0;
  return (
    letters >= 2 && /^[^\p{L}\p{N}]*\p{L}(?:[^\p{L}\p{N}\p{M}]+\p{L})+[^\p{L}\p{N}]*$/u.test(term)
  );
}

/**
 * Skeleton units from here on (Hangul jamo, CJK, kana, Hangul syllables …) are "wide": the
 * substring patterns holding one (Chinese, Japanese and Korean terms, and their mixed pinyin
 * spellings such as `yin乱`) are left out of the narrow automaton that texts without such units
 * are scanned with. Without this cut every Latin letter starts a pinyin-mixed pattern and the
 * substring automaton is never at rest on Latin text.
 */
const WIDE_UNIT = 0x1100;

function growThreads(threads: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(threads.length * 2);
  grown.set(threads);
  return grown;
}

class CompiledLexicon implements Matcher {
  readonly size: number;
  private readonly entries: CompiledEntry[];
  /** Per entry, the symbols its spelling needs around a match (edge-symbols.ts), if any. */
  private readonly edges: (EdgeSymbols | undefined)[];
  /** 1 for entries whose term is spelled letter by letter (`isSpelledOut`). */
  private readonly spelledOut: Uint8Array;
  private readonly alphabet = new Alphabet();
  /** Substring patterns: Aho–Corasick over every position. */
  private readonly substrings: Automaton;
  /** Whole-word patterns: a trie walked from each word start. */
  private readonly words: Automaton;
  /** Pinyin initials: a trie walked over letters that stand apart (`d m`). */
  private readonly initials: Automaton;
  private readonly patterns: PatternTable;
  /** The substring patterns without a wide unit (see `WIDE_UNIT`). */
  private readonly narrowSubstrings: Automaton;
  /** What the fast path may step over while no automaton is walking (quiet-skip.ts). */
  private readonly quiet: QuietTable;
  private readonly quietNarrow: QuietTable;
  private readonly contacts: boolean;
  private readonly segments = new SegmentCache();
  /** The detected language of the text being scanned (for the pinyin check). */
  private scanLang: string | null | undefined;
  // Per-position scratch buffers, reused across scans and grown on demand.
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private runs = new Int32Array(256);
  private gaps = new Uint8Array(256);
  private fromDigit = new Uint8Array(256);
  /** Token modes (MODE_LEET, MODE_SKELETON, MODE_STRIPPED) the position's letters were read in. */
  private modes = new Uint8Array(256);
  private readonly tokens = new TokenFolds();
  /** The code units of the text being scanned. */
  private readonly codeUnits = new CodeUnits();
  private readonly scopes: LanguageScopes;
  /** 1 when a letter or digit of an alphabetic script comes right before the position's run. */
  private wordBefore = new Uint8Array(256);
  private wordThreads = new Int32Array(16);
  private initialThreads = new Int32Array(16);

  constructor(entries: LexiconEntry[], options: CompileOptions) {
    this.size = entries.length;
    this.contacts = options.contacts ?? true;
    const withPinyin = options.pinyin ?? true;
    this.entries = entries.map(compileEntry);
    this.edges = entries.map((entry) => edgeSymbolsOf(entry.term));
    this.spelledOut = Uint8Array.from(entries, (entry) => (isSpelledOut(entry.term) ? 1 : 0));
    this.patterns = new PatternTable(this.alphabet);
    for (let i = 0; i < entries.length; i++) {
      addEntryPatterns(this.patterns, entries[i]!, i, withPinyin);
      addFoldVariants(this.patterns, entries[i]!, i, withPinyin);
    }
    this.scopes = new LanguageScopes(entries);
    const { symbols, start, count, flags } = this.patterns;
    const kinds: number[][] = [[], [], []];
    for (let p = 0; p < count; p++) {
      const kind = flags[p]! & PATTERN_SEPARATED ? 2 : flags[p]! & PATTERN_WORD ? 1 : 0;
      kinds[kind]!.push(p);
    }
    if (kinds[0]!.some((p) => flags[p]! & PATTERN_CJK_WORDS)) loadOrdinaryChineseWords();
    const size = this.alphabet.size;
    this.substrings = buildAutomaton(symbols, start, kinds[0]!, size, true);
    this.words = buildAutomaton(symbols, start, kinds[1]!, size, false);
    this.initials = buildAutomaton(symbols, start, kinds[2]!, size, false);
    const narrowIds = kinds[0]!.filter((p) => {
      for (let i = start[p]!; i < start[p + 1]!; i++) {
        if (this.alphabet.codePoints[symbols[i]!]! >= WIDE_UNIT) return false;
      }
      return true;
    });
    this.narrowSubstrings = buildAutomaton(symbols, start, narrowIds, size, true);
    const { alphabet, words, initials } = this;
    this.quiet = new QuietTable(alphabet, this.substrings, words, initials, 0x110000);
    this.quietNarrow = new QuietTable(alphabet, this.narrowSubstrings, words, initials, WIDE_UNIT);
  }

  private shrink(): void {
    this.starts = new Int32Array(256);
    this.ends = new Int32Array(256);
    this.runs = new Int32Array(256);
    this.gaps = new Uint8Array(256);
    this.fromDigit = new Uint8Array(256);
    this.modes = new Uint8Array(256);
    this.wordBefore = new Uint8Array(256);
    this.tokens.release();
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
    this.modes = grownBytes(this.modes);
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
    const segmented = table.segmentLocale.size > 0 && table.segmentLocale.has(pattern);
    if (!runsFit(this.runs, table.counts, first, unitStart, length, flags, segmented)) return;
    if (flags & PATTERN_NEEDS_MODE && !modesHold(this.modes, first, last, flags)) return;
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
          // Units folded from one character (ブ → フ + ゙) stand apart together.
          if (this.starts[k] !== this.starts[k - 1]) apart = false;
          if (isBreak && flags & PATTERN_BREAKS_REQUIRED) return;
        } else if (g === GAP_SPACE) {
          spaced = true;
          if (!isBreak) allowed = false;
        }
      }
      // Letters spaced apart must stand alone: `질병, 신체` does not spell 병신.
      if (spaced && !allowed && (!apart || !atBoundaries)) {
        const { starts, ends, wordBefore } = this;
        if (!splitIsDisguise(text, starts, ends, gaps, first, last, wordBefore, atBoundaries))
          return;
      }
    }
    let start = this.starts[first]!;
    let end = this.ends[last]!;
    if (!(flags & PATTERN_WORD) && length > 1) {
      // A doubled letter at an end of a substring match is spelling, not stretching (runsFit):
      // one of the two belongs to the word next to the term, so the match starts at the second
      // and ends at the first, and the word checks below judge the term there (叮叮当 is
      // 叮叮|当; 他妈的的确 is 他妈的|的确). Doubled at both ends, Chinese characters are the
      // reduplicated form of a longer word (整整齐齐, 马马虎虎), not the term; only three or more
      // (stretching) are a disguise.
      const counts = table.counts;
      let doubled = 0;
      if (this.runs[first] === 2 && counts[unitStart] === 1) {
        start = lastBaseLetter(text, start, this.ends[first]!);
        if (HAN.test(text[start]!)) doubled++;
      }
      if (this.runs[last] === 2 && counts[unitStart + length - 1] === 1) {
        end = firstLetterEnd(text, this.starts[last]!, end);
        if (HAN.test(text[end - 1]!)) doubled++;
      }
      if (doubled === 2 && flags & PATTERN_CJK_WORDS) return;
    }
    if (flags & PATTERN_HAN_CONTEXT && !nearHan(text, start, end)) return;
    if (flags & PATTERN_CJK_WORDS && !cjkWordAllows(text, start, end, this.segments)) return;
    if (flags & PATTERN_MIXED && !latinEdgesAllow(text, start, end)) return;
    if (flags & PATTERN_PINYIN && !pinyinPlausible(text, start, end, this.scanLang)) return;
    const locale = table.segmentLocale.size > 0 ? table.segmentLocale.get(pattern) : undefined;
    if (locale !== undefined && !onSegmentBoundaries(text, start, end, locale)) {
      // The first run may have begun in the previous word (ขาย|ยาบ้า): try its last letter.
      const lastLetter = lastBaseLetter(text, start, this.ends[first]!);
      if (lastLetter <= start || !onSegmentBoundaries(text, lastLetter, end, locale)) return;
      start = lastLetter;
    }
    // An apostrophe between letters may join a word (`ama't`, `chaq'rab'`): see apostropheJoined.
    if (flags & PATTERN_WORD && apostropheJoined(text, start, end)) return;
    const entry = table.patternEntry(pattern);
    const edges = this.edges[entry];
    if (edges !== undefined && !edgesHold(text, start, end, edges)) return;
    if (this.spelledOut[entry] === 1 && !this.spelledApart(text, first, last, start, end)) return;
    found.push(entry, start, end);
  }

  /**
   * Whether a match of a term spelled letter by letter (`s.o.b.`, `a_s_s`) is spelled so too, or
   * written as an acronym in capitals (`SOB`): joined in lower case it is another word (`sob`).
   */
  private spelledApart(text: string, first: number, last: number, start: number, end: number) {
    const { gaps, starts } = this;
    let joined = false;
    for (let k = first + 1; k <= last && !joined; k++)
      joined = gaps[k] === GAP_NONE && starts[k] !== starts[k - 1];
    if (!joined) return true;
    const span = text.slice(start, end);
    return span === span.toUpperCase() && span !== span.toLowerCase();
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

  scan(text: string, options?: ScanOptions): Match[] {
    this.scanLang = options?.lang;
    if (options?.kind === 'handle') {
      return scanHandle(text, this.entries, this.contacts, (piece) =>
        this.scoped(piece, this.collect(piece), options),
      );
    }
    const found = this.scoped(text, this.collect(text), options);
    // `collect` left what the token pass saw of the text in `tokens`.
    const { unitHints, contactDigits } = this.tokens;
    const hints = this.contacts ? contactHintsOf(unitHints, contactDigits) : 0;
    this.codeUnits.release();
    return finishScan(text, found, this.entries, this.contacts, hints);
  }

  /**
   * Candidates of entries limited to another language than the text's are dropped; without a
   * language, those of terms that count only in their own language (language-scope.ts).
   */
  private scoped(text: string, found: number[], options: ScanOptions | undefined): number[] {
    if (found.length === 0) return found;
    if (options?.lang) return this.scopes.filter(text, found, options.lang);
    return this.scopes.anyOwnLanguage ? this.scopes.filterUnknown(text, found) : found;
  }

  /** The raw candidates of one text: triples of entry (-1 for a phone number), start, end. */
  private collect(text: string): number[] {
    // Rare tokens (leet, mixed or foreign script, Zalgo) get their own folds; see tokens.ts.
    const units = this.codeUnits.of(text);
    const specialCount = this.tokens.analyze(text, units);
    // Most texts hold no unit of the wide scripts (CJK): their substring patterns cannot occur,
    // so the narrow automaton, without them, finds the same candidates. A wide unit met on the
    // way sends the scan back to the start with every pattern.
    // (Whether a text is likely to hold a wide unit, CJK or Hangul, came from the token pass: only
    // a guess for speed; the scan checks every unit it reads.)
    const mayBeWide = (this.tokens.unitHints & UNIT_WIDE) !== 0;
    let found = mayBeWide ? null : this.walk(text, units, specialCount, true);
    if (found === null) {
      this.segments.reset();
      found = this.walk(text, units, specialCount, false)!;
    }
    // One very long text should not keep megabytes of scratch space alive.
    if (this.starts.length > 1 << 16) this.shrink();
    this.segments.reset();
    return found;
  }

  /**
   * One pass over the text (see the file comment); null when `narrow` and a wide unit occurs.
   * `specialCount` tokens were found by `this.tokens.analyze`.
   */
  private walk(
    text: string,
    units: Uint16Array,
    specialCount: number,
    narrow: boolean,
  ): number[] | null {
    const found: number[] = []; // triples: entry (-1 for a phone number), start, end
    const tokens = this.tokens;
    const specialStarts = tokens.starts;
    const specialEnds = tokens.ends;
    const specialValues = tokens.values;
    let special = 0;
    let specialStart = specialCount > 0 ? specialStarts[0]! : 0x7fffffff;
    let specialEnd = specialCount > 0 ? specialEnds[0]! : 0x7fffffff;
    let mode = 0;
    let modes = this.modes;
    // A single line end between letters is a gap (a term split over two lines); two are a break.
    let lineEnds = 0;
    const foldTable = FOLD_TABLE;
    const infoTable = INFO_TABLE;
    const symbolsBmp = this.alphabet.bmp;
    const substrings = narrow ? this.narrowSubstrings : this.substrings;
    const substringHas = substrings.hasOutput;
    const words = this.words;
    const wordOutput = words.output;
    const initials = this.initials;
    const initialOutput = initials.output;
    const contacts = this.contacts;
    let starts = this.starts;
    let ends = this.ends;
    let runs = this.runs;
    let gaps = this.gaps;
    let fromDigit = this.fromDigit;
    let wordBefore = this.wordBefore;
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

    const quietTable = narrow ? this.quietNarrow : this.quiet;
    const quiet = quietTable.table;
    const length = text.length;
    for (let k = 0; k <= length; ) {
      // At rest (no automaton walking, no digits pending), step over what starts nothing.
      if (
        state === 0 &&
        wordThreadCount === 0 &&
        initialThreadCount === 0 &&
        digits.length === 0 &&
        !plus
      ) {
        const stop = Math.min(specialStart, length);
        while (k < stop) {
          const c = units[k]!;
          let q = quiet[c]!;
          if (q === QUIET_UNKNOWN) q = quietTable.classify(c);
          if (q & QUIET_LETTER) {
            const unit = foldTable[c]!;
            // A repeat of the last unit only lengthens its run; a new unit must start nothing.
            if (unit !== lastUnit || gap === GAP_SPACE) {
              if ((q & QUIET_AT_START) === 0 && !previousIsWord) {
                // A word start that starts a walk: step over the word while the walk lives.
                if ((q & QUIET_WORD) === 0) break;
                // The word-start filter: most words spell no term's beginning in their first
                // letters; step over those without following the trie.
                const settled = quietTable.wordStartSettled(units, k, stop, unit);
                if (settled >= 0) {
                  k = settled;
                  lastUnit = foldTable[units[k]!]!;
                  gap = GAP_NONE;
                  lineEnds = 0;
                  previousIsWord = true;
                  k++;
                  continue;
                }
                const ends = quietTable.wordWalkEnds(units, k, stop);
                if (ends < 0) {
                  // The full path takes over at a word start, at `k` or past words at rest.
                  const resume = -ends - 2;
                  if (resume > k) {
                    k = resume;
                    lastUnit = quietTable.resumeUnit;
                    gap = quietTable.resumeGap;
                    previousIsWord = false;
                    lineEnds = 0;
                  }
                  break;
                }
                k = ends;
                lastUnit = foldTable[units[k]!]!;
              } else lastUnit = unit;
            }
            gap = GAP_NONE;
            lineEnds = 0;
          } else if (q & QUIET_SPACE) gap = GAP_SPACE;
          else if (q & QUIET_SYMBOL) {
            if (gap === GAP_NONE) gap = GAP_SYMBOL;
            lineEnds = 0;
          } else if (q === QUIET_IGNORE) {
            k++;
            continue;
          } else break;
          previousIsWord = (q & QUIET_WORD) !== 0;
          k++;
        }
      }
      let cp = -1;
      let size = 1;
      let value = BREAK;
      let info = 0;
      if (k < length) {
        cp = units[k]!;
        if (cp >= 0xd800 && cp < 0xdc00 && k + 1 < length) {
          const low = units[k + 1]!;
          if (low >= 0xdc00 && low < 0xe000) {
            cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
            size = 2;
          }
        }
        value = foldTable[cp]!;
        if (value === FOLD_UNKNOWN) value = foldCodePoint(cp);
        // A pipe reads as the letter i only among Latin-like letters; after a letter of another
        // script (ゲ|イ, 대|마) it is a separator.
        if (cp === 0x7c && lastUnit >= 0x0590) value = SYMBOL;
        info = infoTable[cp]!;
        if (info === 0) info = charInfo(cp);
        mode = 0;
        if (value === COMBINING) value = IGNORE; // a stray mark outside any word
        if (k >= specialStart) {
          if (k < specialEnd) {
            value = specialValues[k]!;
            mode = tokens.modes[special]!;
            // Inside a leet token, symbols read as letters continue the word (`a$$`).
            if (mode & MODE_LEET) info |= INFO_WORD;
          }
          if (k + size >= specialEnd) {
            special++;
            specialStart = special < specialCount ? specialStarts[special]! : 0x7fffffff;
            specialEnd = special < specialCount ? specialEnds[special]! : 0x7fffffff;
          }
        }
      }
      const digit = (info & 15) - 1;
      if (contacts) {
        if (digit >= 0) {
          if (digits.length === 0) digitStart = k;
          // Past 16 digits it is no phone number; stop growing the string.
          if (digits.length <= 16) digits += digit;
          digitEnd = k + size;
        } else if (cp === 0x2b || cp === 0xff0b) {
          if (digits.length > 0) {
            if (!grouped && isPhoneNumber(digits, plus)) found.push(-1, digitStart, digitEnd);
            digits = '';
            grouped = false;
          }
          plus = true;
        } else if (value === IGNORE && digits.length > 0 && digitEnd === k) {
          digitEnd = k + size; // keycaps and marks on the last digit (1️⃣) belong to the number
        } else if (value === SPACE || value === SYMBOL || value === IGNORE) {
          // Thousands separators and times mean an amount or a clock, not a phone number.
          if (cp === 0x2c || cp === 0x3a) grouped = digits.length > 0 || grouped;
        } else if (digits.length > 0 || plus) {
          if (digits.length > 0 && !grouped && isPhoneNumber(digits, plus))
            found.push(-1, digitStart, digitEnd);
          digits = '';
          plus = false;
          grouped = false;
        }
      }
      if (value === BREAK && LINE_BREAKS.has(cp)) {
        if (cp === 0x0a && k > 0 && units[k - 1] === 0x0d) value = IGNORE;
        else if (lineEnds++ === 0 && positions > 0) value = SPACE;
      } else if (value !== SPACE && value !== IGNORE) lineEnds = 0;

      if (
        value >= 0 ||
        value === BREAK ||
        (value < IGNORE && value !== SPACE && value !== SYMBOL)
      ) {
        const parts = value >= 0 || value === BREAK ? undefined : multiFold(value);
        const partCount = parts ? parts.length : 1;
        for (let part = 0; part < partCount; part++) {
          const unit = value === BREAK ? -1 : parts ? parts[part]! : value;
          if (narrow && unit >= WIDE_UNIT) return null;
          // Repeated letters collapse into one run unless whitespace parts them.
          if (unit >= 0 && unit === lastUnit && gap !== GAP_SPACE) {
            runs[positions - 1]!++;
            ends[positions - 1] = k + size;
            modes[positions - 1]! |= mode;
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
            modes = this.modes;
            gaps = this.gaps;
            fromDigit = this.fromDigit;
            wordBefore = this.wordBefore;
          }
          const wordStart = !previousIsWord;
          starts[positions] = k;
          ends[positions] = k + size;
          runs[positions] = 1;
          modes[positions] = mode;
          gaps[positions] = gap;
          fromDigit[positions] = unit < 0x80 && digit >= 0 && !parts ? 1 : 0;
          wordBefore[positions] = wordStart ? 0 : 1;
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
    if (contacts && digits.length > 0 && !grouped && isPhoneNumber(digits, plus))
      found.push(-1, digitStart, digitEnd);
    return found;
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
