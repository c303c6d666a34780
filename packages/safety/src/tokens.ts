/**
 * Per-token decisions, made before the scan in one pass over a per-code-point table. A token is
 * a run of letters, digits, marks and leet symbols. Most tokens are one script and letters only:
 * they keep the ordinary per-code-point fold. The rare ones get a fold of their own, written
 * into `values` by code-unit offset, which the scanner reads instead of the fold table:
 *
 * - leet (digits or leet symbols mixed with Latin letters, `sh1t`, `4$$`): digits and symbols
 *   read as letters and `l` as `i`;
 * - skeleton (Unicode TS #39): a token mixing Latin, Cyrillic, Greek, Armenian or Cherokee, or
 *   one whose script differs from the words around it (`сосаіпе` in an English sentence): its
 *   look-alikes read as Latin letters. A word wholly in the script of its text is never folded;
 * - stripped (Zalgo): a mark that forms no letter with its base, or stacks past one, makes every
 *   shared mark of the token noise; otherwise accented letters stay exact letters.
 */
import { UNIT_CONTACT_DIGIT, UNIT_HINTS } from './code-units.js';
import { COMBINING, charInfo, foldCodePoint, IGNORE, SYMBOL } from './fold.js';
import { lookalikeOf } from './lookalikes.js';
import {
  LEET_SYMBOLS,
  MODE_LEET,
  MODE_SKELETON,
  MODE_STRIPPED,
  specialFold,
  stripInheritedMarks,
} from './token-fold.js';

const TK_KNOWN = 1 << 15;
const TK_TOKEN = 1;
const TK_LETTER = 2;
const TK_DIGIT = 4; // an ASCII digit after folding (leet reads it)
const TK_LEET_SYMBOL = 8;
const TK_COMBINING = 16;
const TK_UNMARKED = 32; // a letter without a shared mark (not é, ồ)
const TK_LOOKALIKE_SYMBOL = 64; // a symbol shaped like a letter (∪): only a disguise uses it
/** The flags that decide a plain word: letters (one of them unaccented) and nothing else. */
const PLAIN_MASK =
  TK_LETTER | TK_DIGIT | TK_LEET_SYMBOL | TK_COMBINING | TK_UNMARKED | TK_LOOKALIKE_SYMBOL;
const PLAIN_WORD = TK_LETTER | TK_UNMARKED;
/** Bits 8–14 hold `1 << script class`, so a token's scripts are the OR of its characters'. */
const SCRIPT_SHIFT = 8;
/** Script classes: 0 none; 1–5 the scripts whose letters pass for each other; 6 any other. */
const LATIN = 1;
const OTHER = 6;
const MIXED = 7;
const LOOKALIKE_MASK = 0b111110;
/** Character flags of the two sides that make separate tokens when they meet (see tokenize). */
const SIDE_OTHER = (1 << OTHER) << SCRIPT_SHIFT;
const SIDE_LATIN = (LOOKALIKE_MASK << SCRIPT_SHIFT) | TK_DIGIT;
const LOOKALIKE_SCRIPTS = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Armenian}/u,
  /\p{Script=Cherokee}/u,
];
const LETTER = /^[\p{L}\p{M}]$/u;

/** Bits 16–19: the code unit's `UNIT_HINTS` (BMP only); bit 20: a surrogate. */
const HINT_SHIFT = 16;
const TK_SURROGATE = 1 << 20;
/** What makes the plain pass (`plainText`) hand a text to the full token pass. */
const NOT_PLAIN = TK_DIGIT | TK_LEET_SYMBOL | TK_COMBINING | TK_LOOKALIKE_SYMBOL | TK_SURROGATE;

const TOKEN_TABLE = new Uint32Array(0x110000);

function scriptClass(char: string): number {
  for (let i = 0; i < LOOKALIKE_SCRIPTS.length; i++)
    if (LOOKALIKE_SCRIPTS[i]!.test(char)) return i + 1;
  return OTHER;
}

function computeFlags(cp: number): number {
  const char = String.fromCodePoint(cp);
  const fold = foldCodePoint(cp);
  if (fold === IGNORE) return TK_KNOWN | TK_TOKEN;
  if (fold === COMBINING) return TK_KNOWN | TK_TOKEN | TK_COMBINING;
  if (fold === SYMBOL) {
    if (LEET_SYMBOLS[char] !== undefined) return TK_KNOWN | TK_TOKEN | TK_LEET_SYMBOL;
    if (lookalikeOf(char) !== undefined) return TK_KNOWN | TK_TOKEN | TK_LOOKALIKE_SYMBOL;
    return TK_KNOWN;
  }
  if (fold < 0 && fold > -16) return TK_KNOWN; // space, break
  const digit = (charInfo(cp) & 15) - 1;
  if (digit >= 0 && fold >= 0x30 && fold <= 0x39) return TK_KNOWN | TK_TOKEN | TK_DIGIT;
  if (!LETTER.test(char)) return TK_KNOWN | TK_TOKEN;
  const unmarked = stripInheritedMarks(char) === char.normalize('NFC') ? TK_UNMARKED : 0;
  const script = (1 << scriptClass(char)) << SCRIPT_SHIFT;
  return TK_KNOWN | TK_TOKEN | TK_LETTER | unmarked | script;
}

function flagsOf(cp: number): number {
  let flags = TOKEN_TABLE[cp]!;
  if (flags === 0) {
    flags = computeFlags(cp);
    if (cp < 0x10000) flags |= UNIT_HINTS[cp]! << HINT_SHIFT;
    if (cp >= 0xd800 && cp < 0xe000) flags |= TK_SURROGATE;
    TOKEN_TABLE[cp] = flags;
  }
  return flags;
}

const LETTER_BIT = 1; // TK_LETTER
const UNMARKED_BIT = 5; // TK_UNMARKED

/** How many of the units are digits a phone number is written with (`UNIT_CONTACT_DIGIT`). */
function contactDigitsOf(units: Uint16Array, length: number): number {
  let digits = 0;
  for (let k = 0; k < length; k++)
    digits += (TOKEN_TABLE[units[k]!]! >>> HINT_SHIFT) & UNIT_CONTACT_DIGIT;
  return digits >> 1;
}

/**
 * Whether a run of three or more token characters has letters that are all accented (the
 * units' flags are known).
 */
function hasAccentedRun(units: Uint16Array, length: number): boolean {
  let token = 0;
  let run = 0;
  for (let k = 0; k < length; k++) {
    const t = TOKEN_TABLE[units[k]!]!;
    if (t & TK_TOKEN) {
      token |= t;
      run++;
    } else if (run !== 0) {
      if (run >= 3 && (token & (TK_LETTER | TK_UNMARKED)) === TK_LETTER) return true;
      token = 0;
      run = 0;
    }
  }
  return run >= 3 && (token & (TK_LETTER | TK_UNMARKED)) === TK_LETTER;
}

/** The tokens of one text that need a fold of their own. Buffers are reused across texts. */
export class TokenFolds {
  count = 0;
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  modes = new Uint8Array(16);
  /** Fold value per UTF-16 offset, valid inside the listed tokens only. */
  values = new Int32Array(256);
  // Letter tokens of the text, for the neighbour rule: start, end, script class, modes.
  private tokenStarts = new Int32Array(64);
  private tokenEnds = new Int32Array(64);
  private tokenScripts = new Uint8Array(64);
  private tokenModes = new Uint8Array(64);
  private tokenCount = 0;
  /** Of the last text analyzed: the OR of its code units' `UNIT_HINTS`, and its contact digits. */
  unitHints = 0;
  contactDigits = 0;

  /** Lets go of buffers grown for one very long text. */
  release(): void {
    if (this.values.length > 1 << 16) this.values = new Int32Array(256);
    if (this.tokenStarts.length > 1 << 12) {
      this.tokenStarts = new Int32Array(64);
      this.tokenEnds = new Int32Array(64);
      this.tokenScripts = new Uint8Array(64);
      this.tokenModes = new Uint8Array(64);
    }
  }

  /**
   * Finds the special tokens of `text` (whose code units `units` holds); returns how many there
   * are (0 on the fast path).
   */
  analyze(text: string, units: Uint16Array): number {
    this.count = 0;
    this.tokenCount = 0;
    // First pass: only whether anything is special. Texts of one script with plain words (most)
    // stop here; the others are tokenized again, recording each token for the neighbour rule.
    // Both also gather `unitHints` and `contactDigits` for the scan's later steps.
    if (this.plainText(units, text.length)) return 0;
    const summary = this.tokenize(text, units, false);
    const scripts = summary >> 1;
    const crossScript = !single(scripts & ~1) && (scripts & LOOKALIKE_MASK) !== 0;
    if ((summary & 1) === 0 && !crossScript) return 0;
    this.tokenize(text, units, true);
    this.collect(text, crossScript);
    return this.count;
  }

  /**
   * A quicker first look that settles most texts: true when no token can be special and the
   * text is in one script — no digit, leet or look-alike symbol, combining mark or surrogate
   * anywhere, the letters of one script class, and no run of three or more token characters
   * whose letters are all accented. Then every token is a plain word (or letterless), `tokenize`
   * would split none at a script change, and it would find nothing special and no cross-script
   * token. Otherwise `tokenize` decides.
   */
  private plainText(units: Uint16Array, length: number): boolean {
    // One branch-free look first: what the text's units hold, and whether any letter is
    // accented. Without an accented letter no run can be all accented, so most texts are settled
    // here; the run check below reads only texts with one.
    let all = 0;
    let accented = 0;
    for (let k = 0; k < length; k++) {
      const c = units[k]!;
      let t = TOKEN_TABLE[c]!;
      if (t === 0) t = flagsOf(c);
      all |= t;
      accented |= (t >>> LETTER_BIT) & ~(t >>> UNMARKED_BIT);
    }
    this.unitHints = (all >>> HINT_SHIFT) & 15;
    this.contactDigits =
      ((all >>> HINT_SHIFT) & UNIT_CONTACT_DIGIT) !== 0 ? contactDigitsOf(units, length) : 0;
    if ((all & NOT_PLAIN) !== 0 || !single((all >> SCRIPT_SHIFT) & 127)) return false;
    return (accented & 1) === 0 || !hasAccentedRun(units, length);
  }

  /** One pass over the tokens: bit 0 any special token, bits 1… the scripts seen (1 << class). */
  private tokenize(text: string, units: Uint16Array, record: boolean): number {
    let anySpecial = 0;
    let scripts = 0;
    let start = -1;
    let end = 0; // end of the token without trailing `!`
    let flags = 0;
    let tokenSide = 0; // 1 look-alike letters or digits, 2 letters of other scripts
    let hints = 0;
    let digits = 0;
    const length = text.length;
    for (let k = 0; k <= length; ) {
      let cp = -1;
      let size = 1;
      let t = 0;
      if (k < length) {
        cp = units[k]!;
        const h = UNIT_HINTS[cp]!; // a low surrogate skipped below has none
        hints |= h;
        digits += (h & UNIT_CONTACT_DIGIT) >> 1;
        if (cp >= 0xd800 && cp < 0xdc00 && k + 1 < length) {
          const low = units[k + 1]!;
          if (low >= 0xdc00 && low < 0xe000) {
            cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
            size = 2;
          }
        }
        t = TOKEN_TABLE[cp]!;
        if (t === 0) t = flagsOf(cp);
      }
      if (t & TK_TOKEN) {
        // Letters of another script than the look-alike ones (Han, kana, Thai…) and Latin-like
        // letters or digits meet without a space in unspaced text: they are two tokens, so that
        // `人m07hafuck3d人` is a leet token and `中文γα中文` a Greek word among Han.
        const side = t & SIDE_OTHER ? 2 : t & SIDE_LATIN ? 1 : 0;
        if (start >= 0 && side !== 0 && tokenSide !== 0 && side !== tokenSide) {
          const closed = this.endToken(text, start, end, flags, record);
          anySpecial |= closed & 1;
          scripts |= closed >> 1;
          start = -1;
        }
        if (start < 0) {
          start = k;
          end = k;
          flags = 0;
          tokenSide = 0;
        }
        if (side !== 0) tokenSide = side;
        flags |= t;
        // A `!` ends a sentence, not a word: trailing ones stay outside the token (`hi!`).
        if (cp !== 0x21) end = k + size;
        // The rest of the token, while its characters are known, need no pairing (not a high
        // surrogate) and stay on its side: the same steps as above without the token start.
        k += size;
        while (k < length) {
          const c = units[k]!;
          const next = TOKEN_TABLE[c]!;
          if ((next & TK_TOKEN) === 0 || (c >= 0xd800 && c < 0xdc00)) break;
          const nextSide = next & SIDE_OTHER ? 2 : next & SIDE_LATIN ? 1 : 0;
          if (nextSide !== 0) {
            if (tokenSide !== 0 && nextSide !== tokenSide) break;
            tokenSide = nextSide;
          }
          flags |= next;
          const h = UNIT_HINTS[c]!;
          hints |= h;
          digits += (h & UNIT_CONTACT_DIGIT) >> 1;
          if (c !== 0x21) end = k + 1;
          k++;
        }
        continue;
      } else if (start >= 0) {
        const closed = this.endToken(text, start, end, flags, record);
        anySpecial |= closed & 1;
        scripts |= closed >> 1;
        start = -1;
      }
      k += size;
    }
    if (!record) {
      this.unitHints = hints;
      this.contactDigits = digits;
    }
    return anySpecial | (scripts << 1);
  }

  /** Decides one token's mode; bit 0 whether it is special, bits 1… its script (1 << class). */
  private endToken(
    text: string,
    start: number,
    end: number,
    flags: number,
    record: boolean,
  ): number {
    if (end <= start) return 0;
    const mask = (flags >> SCRIPT_SHIFT) & 127;
    // Plain words (letters of one script, not all accented) need no closer look.
    const plain = (flags & PLAIN_MASK) === PLAIN_WORD && single(mask);
    const mode = plain ? 0 : tokenMode(text, start, end, flags);
    const special = mode !== 0 || flags & TK_COMBINING ? 1 : 0;
    if (!(flags & TK_LETTER) && mode === 0) {
      // Kept for the leet-phrase rule in collect (`b4l4ncer 14 sauc3`).
      if (record && flags & TK_DIGIT) this.pushToken(start, end, 0, DIGITS_ONLY);
      return special;
    }
    const script = mask === 0 ? 0 : single(mask) ? log2(mask) : MIXED;
    if (record) this.pushToken(start, end, script, mode | (flags & TK_COMBINING ? 128 : 0));
    return special | ((1 << script) << 1);
  }

  private pushToken(start: number, end: number, script: number, mode: number): void {
    if (this.tokenCount === this.tokenStarts.length) {
      const size = this.tokenCount * 2;
      this.tokenStarts = grow32(this.tokenStarts, size);
      this.tokenEnds = grow32(this.tokenEnds, size);
      this.tokenScripts = grow8(this.tokenScripts, size);
      this.tokenModes = grow8(this.tokenModes, size);
    }
    const i = this.tokenCount++;
    this.tokenStarts[i] = start;
    this.tokenEnds[i] = end;
    this.tokenScripts[i] = script;
    this.tokenModes[i] = mode;
  }

  private collect(text: string, crossScript: boolean): void {
    if (this.values.length < text.length) this.values = new Int32Array(text.length * 2);
    const n = this.tokenCount;
    if (crossScript) this.markSpelledRuns(text);
    this.markLeetNumbers(text);
    for (let i = 0; i < n; i++) {
      let mode = this.tokenModes[i]!;
      const script = this.tokenScripts[i]!;
      if (crossScript && script >= LATIN && script < OTHER && offScript(this.tokenScripts, i, n))
        mode |= MODE_SKELETON;
      const combining = (mode & 128) !== 0;
      mode &= TOKEN_MODES;
      if (mode === 0 && !combining) continue;
      this.fill(text, this.tokenStarts[i]!, this.tokenEnds[i]!, mode, combining);
    }
  }

  /**
   * A number standing next to a leet word, at most a few characters away, is a leet word of the
   * same phrase (`b4l4ncer 14 sauc3`, `804 s0rt3`, `0p 2'n`): it reads as letters too. A number
   * anywhere else stays a number.
   */
  private markLeetNumbers(text: string): void {
    const n = this.tokenCount;
    const modes = this.tokenModes;
    for (let i = 0; i < n; i++) {
      if (!(modes[i]! & MODE_LEET) || modes[i]! & DIGITS_ONLY) continue;
      if (!leetUnits(text, this.tokenStarts[i]!, this.tokenEnds[i]!)) continue; // `hi!`
      for (let j = i - 1; j >= 0 && modes[j]! & DIGITS_ONLY; j--) {
        if (this.tokenStarts[j + 1]! - this.tokenEnds[j]! > MAX_SPELLED_GAP) break;
        modes[j]! |= MODE_LEET;
      }
      for (let j = i + 1; j < n && modes[j]! & DIGITS_ONLY && !(modes[j]! & MODE_LEET); j++) {
        if (this.tokenStarts[j]! - this.tokenEnds[j - 1]! > MAX_SPELLED_GAP) break;
        modes[j]! |= MODE_LEET;
      }
    }
  }

  /**
   * A word spelled out letter by letter (`f υ ϲ κ e r`, `c.о.б.`) is one word to the reader: a
   * run of one-letter tokens, at most two characters apart, that mixes look-alike scripts is
   * read for look-alikes as a mixed-script token would be.
   */
  private markSpelledRuns(text: string): void {
    const n = this.tokenCount;
    for (let i = 0; i < n; ) {
      let j = i;
      let mask = 0;
      while (j < n && oneLetter(text, this.tokenStarts[j]!, this.tokenEnds[j]!)) {
        const script = this.tokenScripts[j]!;
        if (script >= LATIN && script < OTHER) mask |= 1 << script;
        if (j + 1 < n && this.tokenStarts[j + 1]! - this.tokenEnds[j]! > MAX_SPELLED_GAP) {
          j++;
          break;
        }
        j++;
      }
      if (j - i >= 2 && !single(mask))
        for (let m = i; m < j; m++)
          if (!(this.tokenModes[m]! & DIGITS_ONLY)) this.tokenModes[m]! |= MODE_SKELETON;
      i = Math.max(j, i + 1);
    }
  }

  /** Writes the folds of one token; composes accented letters written with combining marks. */
  private fill(text: string, start: number, end: number, mode: number, combining: boolean): void {
    let tokenMode = mode;
    if (combining && !(tokenMode & MODE_STRIPPED) && !composes(text.slice(start, end)))
      tokenMode |= MODE_STRIPPED;
    const values = this.values;
    for (let k = start; k < end; ) {
      const cp = text.codePointAt(k)!;
      const size = cp > 0xffff ? 2 : 1;
      let value = specialFold(cp, tokenMode);
      if (combining && !(tokenMode & MODE_STRIPPED) && value >= 0) {
        // A letter followed by marks it composes with folds as the composed letter.
        let next = k + size;
        while (next < end && foldCodePoint(text.codePointAt(next)!) === COMBINING) next++;
        if (next > k + size) {
          const composed = text.slice(k, next).normalize('NFC');
          value = specialFold(composed.codePointAt(0)!, tokenMode);
          values[k] = value;
          for (let m = k + size; m < next; m++) values[m] = IGNORE;
          k = next;
          continue;
        }
      } else if (value === COMBINING) value = IGNORE;
      values[k] = value;
      k += size;
    }
    if (tokenMode === 0 && !combining) return;
    if (this.count === this.starts.length) {
      const size = this.count * 2;
      this.starts = grow32(this.starts, size);
      this.ends = grow32(this.ends, size);
      this.modes = grow8(this.modes, size);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.modes[this.count] = tokenMode;
    this.count++;
  }
}

/** The modes a token's characters call for (see the file comment). */
function tokenMode(text: string, start: number, end: number, flags: number): number {
  let mode = 0;
  const scriptMask = (flags >> SCRIPT_SHIFT) & 127;
  const lookalike = scriptMask & LOOKALIKE_MASK;
  if (!single(lookalike) || flags & TK_LOOKALIKE_SYMBOL) mode |= MODE_SKELETON;
  if (flags & (TK_DIGIT | TK_LEET_SYMBOL)) {
    if (flags & TK_LETTER) {
      if (lookalike !== 0 && !(scriptMask & (1 << OTHER))) mode |= MODE_LEET;
    } else if (flags & TK_LEET_SYMBOL && leetSymbols(text, start, end) >= 2) {
      mode |= MODE_LEET; // `4$$`, `@$$`; not `$100`
    }
  }
  // Every letter accented, three or more: no language spells words so; Zalgo does.
  if (flags & TK_LETTER && !(flags & TK_UNMARKED) && end - start >= 3) mode |= MODE_STRIPPED;
  return mode;
}

function leetSymbols(text: string, start: number, end: number): number {
  let count = 0;
  for (let k = start; k < end; k++) if (LEET_SYMBOLS[text[k]!] !== undefined) count++;
  return count;
}

/** Whether every cluster of a token's letters and shared marks composes into one letter. */
function composes(token: string): boolean {
  for (const char of token.normalize('NFC')) {
    if (foldCodePoint(char.codePointAt(0)!) === COMBINING) return false;
  }
  return true;
}

/** Token-list marks besides the modes: a number (no letters), and combining marks seen. */
const DIGITS_ONLY = 64;
const TOKEN_MODES = MODE_LEET | MODE_SKELETON | MODE_STRIPPED;

/** Characters between two letters of a word spelled out (`f u`, `c.о`, `f - u`). */
const MAX_SPELLED_GAP = 3;

/** Whether a token holds a digit or leet symbol before its end (not only a trailing `!`). */
function leetUnits(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const cp = text.charCodeAt(k);
    if (flagsOf(cp) & (TK_DIGIT | TK_LEET_SYMBOL)) return true;
  }
  return false;
}

function oneLetter(text: string, start: number, end: number): boolean {
  return end - start === 1 || (end - start === 2 && text.codePointAt(start)! > 0xffff);
}

/** A token of one look-alike script whose letter neighbours are all of another script. */
function offScript(scripts: Uint8Array, i: number, n: number): boolean {
  const own = scripts[i]!;
  let neighbours = 0;
  for (const j of [i - 1, i + 1]) {
    if (j < 0 || j >= n) continue;
    const other = scripts[j]!;
    // A mixed token is a disguise of its own; it says nothing about the text's script.
    if (other === 0 || other === MIXED) continue;
    if (other === own) return false;
    neighbours++;
  }
  return neighbours > 0;
}

function single(mask: number): boolean {
  return (mask & (mask - 1)) === 0;
}

function log2(mask: number): number {
  return 31 - Math.clz32(mask);
}

function grow32(from: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(size);
  to.set(from);
  return to;
}

function grow8(from: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const to = new Uint8Array(size);
  to.set(from);
  return to;
}
