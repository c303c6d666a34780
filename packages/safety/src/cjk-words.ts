/**
 * Word boundaries of Chinese, Japanese and Korean substring terms. A CJK term is matched as a
 * substring (these scripts are written without spaces between words), so 大麻 also turns up
 * inside 大麻雀 (a sparrow: 大 + 麻雀) and 고자 inside 참고자료 (reference material). Only
 * candidates pay for this check, never the scan itself.
 *
 * - Chinese and Japanese: ICU's dictionary segmentation (`Intl.Segmenter`) of a small window
 *   around the candidate must put word boundaries at both ends of the matched span. A term is
 *   then found as a word of its own or as several words (约|炮), never across the boundary of a
 *   longer word (特色|情调) nor inside one (头发 ← 头). Where ICU splits a longer ordinary word
 *   of CC-CEDICT that holds the term (埋头苦干, 卤鸡肉), the word wins (chinese-words.ts).
 * - Korean is written with spaces between words (eojeol), and ICU does not split an eojeol, so
 *   the rule is morphological: a term of one or two syllables must start its word and may be
 *   followed only by particles and endings (고자가, not 고자질); longer terms are distinctive
 *   enough to be found anywhere (너는개새끼야).
 */
import { insideLongerWord } from './chinese-words.js';
import { toSimplified } from './fold.js';

const WINDOW = 48;
const HAN_SPAN = /^\p{Script=Han}+$/u;
const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/u;
const HANGUL_SYLLABLES = /[\uac00-\ud7a3]/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LETTER = /\p{L}/u;
const UNSPACED_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\ud800-\udfff]/u;

/**
 * Particles, copulas and endings that follow a Korean noun inside its word. A tail made only of
 * these (up to three) keeps the noun a word of its own: 고자가, 병신들아, 병신이야.
 */
const KOREAN_PARTICLES = [
  '이',
  '가',
  '은',
  '는',
  '을',
  '를',
  '의',
  '에',
  '에서',
  '에게',
  '께',
  '한테',
  '로',
  '으로',
  '와',
  '과',
  '도',
  '만',
  '야',
  '아',
  '여',
  '이여',
  '들',
  '랑',
  '이랑',
  '하고',
  '처럼',
  '보다',
  '까지',
  '부터',
  '이다',
  '다',
  '요',
  '이요',
  '이에요',
  '예요',
  '입니다',
  '인',
  '라',
  '이라',
  '냐',
  '이냐',
  '같은',
];
const PARTICLES = new Set(KOREAN_PARTICLES);

function isParticleTail(tail: string, depth = 0): boolean {
  if (tail === '') return true;
  if (depth >= 3) return false;
  for (let length = Math.min(3, tail.length); length >= 1; length--) {
    if (PARTICLES.has(tail.slice(0, length)) && isParticleTail(tail.slice(length), depth + 1))
      return true;
  }
  return false;
}

function koreanWordAllows(text: string, start: number, end: number): boolean {
  const syllables = text.slice(start, end).match(HANGUL_SYLLABLES)?.length ?? 0;
  if (syllables >= 3) return true;
  // Inside a longer word: 참고자료, 짓씹다, 반병신.
  if (start > 0 && LETTER.test(text[start - 1]!)) return false;
  let tailEnd = end;
  while (tailEnd < text.length && HANGUL_SYLLABLE.test(text[tailEnd]!)) tailEnd++;
  // A word going on in another script (병신abc) is not a Korean ending; let it through.
  return isParticleTail(text.slice(end, tailEnd));
}

/** Per-scan cache of one segmented window: candidates of one text are often near each other. */
export class SegmentCache {
  private text = '';
  private from = 0;
  private to = 0;
  private segments: Intl.Segments | undefined;

  /** Forgets the window (a new text is being scanned). */
  reset(): void {
    this.segments = undefined;
    this.text = '';
  }

  /** Whether `at` is a word boundary of the text, from a window that covers `start`–`end`. */
  boundaries(text: string, start: number, end: number, locale: string): boolean {
    // Reuse the window while the span sits well inside it; the edges of a window may be
    // segmented differently than the whole text would be.
    if (
      this.segments === undefined ||
      this.text !== text ||
      (start - this.from < 8 && this.from > 0) ||
      (this.to - end < 8 && this.to < text.length) ||
      locale !== this.locale
    ) {
      this.text = text;
      this.from = Math.max(0, start - WINDOW);
      this.to = Math.min(text.length, end + WINDOW);
      this.locale = locale;
      this.segments = segmenterFor(locale).segment(text.slice(this.from, this.to));
    }
    // Only an end written in a no-space script is the dictionary's to judge: ICU joins `V：abc`
    // into one word, and Latin ends of mixed terms (加V) keep the scanner's own checks.
    return (
      (!UNSPACED_CHAR.test(text[start]!) || this.isBoundary(start)) &&
      (!UNSPACED_CHAR.test(text[end - 1]!) || this.isBoundary(end))
    );
  }

  private locale = '';

  private isBoundary(at: number): boolean {
    if (at === 0 || at === this.text.length) return true;
    const offset = at - this.from;
    if (offset <= 0 || at >= this.to) return true;
    return this.segments!.containing(offset)?.index === offset;
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

/**
 * Whether a CJK substring candidate at `start`–`end` of the original text stands on word
 * boundaries (see the file comment).
 */
export function cjkWordAllows(
  text: string,
  start: number,
  end: number,
  cache: SegmentCache,
): boolean {
  const span = text.slice(start, end);
  if (HANGUL_SYLLABLE.test(span)) return koreanWordAllows(text, start, end);
  const around = text.slice(Math.max(0, start - 12), Math.min(text.length, end + 12));
  const japanese = KANA.test(around);
  if (cache.boundaries(text, start, end, japanese ? 'ja' : 'zh')) {
    if (japanese || !HAN_SPAN.test(span)) return true;
    // Chinese: the longer dictionary word that holds the term is what was written (chinese-words.ts).
    return !insideLongerWord(text, start, end) && simplifiedAllows(text, start, end);
  }
  // A loanword written in hiragana (`げいぼーい` for ゲイボーイ) is not in the dictionary and
  // runs into the hiragana around it: judge its boundaries as if written in katakana, as
  // loanwords are. Short spans stay unjudged so: too many native words are two or three kana.
  if (!HIRAGANA_SPAN.test(span) || span.length < MIN_HIRAGANA_LOANWORD) return false;
  const asKatakana = `${text.slice(0, start)}${toKatakana(span)}${text.slice(end)}`;
  return cache.boundaries(asKatakana, start, end, 'ja');
}

const SIMPLIFIED_WINDOW = 24;

/**
 * Whether a Chinese term written in Traditional characters also stands on word boundaries, and
 * outside a longer dictionary word, when its neighbourhood is read in Simplified characters:
 * ICU's dictionary and CC-CEDICT's headwords are mostly Simplified, so 無 in 而無偏倚 is judged
 * as 无 in 而无偏倚 is. Texts without Traditional characters nearby pay one pass over the window.
 */
function simplifiedAllows(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - SIMPLIFIED_WINDOW);
  const to = Math.min(text.length, end + SIMPLIFIED_WINDOW);
  const window = text.slice(from, to);
  const simple = toSimplified(window);
  if (simple === window) return true;
  const segments = segmenterFor('zh').segment(simple);
  const boundary = (at: number): boolean =>
    at === 0 || at === simple.length || segments.containing(at)?.index === at;
  return (
    (from > 0 && start - from === 0 ? true : boundary(start - from)) &&
    (to < text.length && end - from === simple.length ? true : boundary(end - from)) &&
    !insideLongerWord(simple, start - from, end - from)
  );
}

const HIRAGANA_SPAN = /^[\p{Script=Hiragana}ー・]+$/u;
const MIN_HIRAGANA_LOANWORD = 4;

function toKatakana(hiragana: string): string {
  let out = '';
  for (const char of hiragana) {
    const cp = char.codePointAt(0)!;
    out += cp >= 0x3041 && cp <= 0x3096 ? String.fromCodePoint(cp + 0x60) : char;
  }
  return out;
}

const MARK = /\p{M}/u;

/**
 * The offset of the last letter in `start`–`end` that is not a combining mark: the run of a
 * candidate may end in the vowel and tone marks of its last letter (สมาชิก|กู folds to ก ก).
 */
export function lastBaseLetter(text: string, start: number, end: number): number {
  let at = end;
  while (at > start) {
    const low = text.charCodeAt(at - 1);
    const size = low >= 0xdc00 && low < 0xe000 && at - 2 >= start ? 2 : 1;
    at -= size;
    if (!MARK.test(text.slice(at, at + size))) return at;
  }
  return start;
}

/**
 * The end of the first letter in `start`–`end` with the marks that follow it: where a run of a
 * doubled letter at the end of a candidate stops being the term's (叮当当 → 叮当).
 */
export function firstLetterEnd(text: string, start: number, end: number): number {
  const high = text.charCodeAt(start);
  let at = start + (high >= 0xd800 && high < 0xdc00 && start + 1 < end ? 2 : 1);
  while (at < end) {
    const low = text.charCodeAt(at);
    const size = low >= 0xd800 && low < 0xdc00 && at + 1 < end ? 2 : 1;
    if (!MARK.test(text.slice(at, at + size))) break;
    at += size;
  }
  return at;
}

const LATIN_LETTER = /\p{Script=Latin}/u;

/** A pinyin syllable at an end of a mixed match (`约pao`) must end its Latin word there too. */
export function latinEdgesAllow(text: string, start: number, end: number): boolean {
  const before =
    start > 0 && LATIN_LETTER.test(text[start - 1]!) && LATIN_LETTER.test(text[start]!);
  const after =
    end < text.length && LATIN_LETTER.test(text[end]!) && LATIN_LETTER.test(text[end - 1]!);
  return !before && !after;
}
