/**
 * Why a match fired: the folds that turned the original span into the term (`Match.via`).
 * Computed after a match is found, by comparing the span with the term character by character,
 * so the scan loop never pays for it. It is an explanation for moderators and for policies that
 * weigh heavy folds below exact spelling, not a second matcher: where a character could be
 * explained several ways, the most ordinary explanation is given.
 */
import { foldCodePoint, IGNORE, SPACE, SYMBOL } from './fold.js';
import { FOLD_KINDS, type FoldKind, type Match } from './types.js';

/** Folds that read some letters as other letters: they can make a word that is not there. */
export const HEAVY_FOLDS: readonly FoldKind[] = ['leet', 'homoglyph', 'pinyin', 'homophone'];

const LEET = /^[0-9@$!|+€]$/u;
const MARK = /^\p{M}$/u;
const LETTER = /^\p{L}$/u;
const HAN = /^\p{Script=Han}$/u;
const LATIN = /^\p{Script=Latin}$/u;
const HIRAGANA = /^\p{Script=Hiragana}$/u;
const KATAKANA = /^\p{Script=Katakana}$/u;
const SCRIPT_OF = [
  ['Latin', /^\p{Script=Latin}$/u],
  ['Cyrillic', /^\p{Script=Cyrillic}$/u],
  ['Greek', /^\p{Script=Greek}$/u],
  ['Han', HAN],
  ['Hangul', /^\p{Script=Hangul}$/u],
  ['Kana', /^[\p{Script=Hiragana}\p{Script=Katakana}]$/u],
] as const;

function scriptOf(char: string): string | undefined {
  return SCRIPT_OF.find(([, pattern]) => pattern.test(char))?.[0];
}

/** Letter-like blocks: small capitals, modifier and mathematical letters, enclosed letters. */
function isLetterlike(cp: number): boolean {
  return (
    (cp >= 0x1d00 && cp <= 0x1dbf) || // phonetic extensions (small capitals ᴇ ᴄ)
    (cp >= 0x02b0 && cp <= 0x02ff) || // modifier letters
    (cp >= 0x2070 && cp <= 0x209f) || // superscripts and subscripts
    (cp >= 0x2460 && cp <= 0x24ff) || // enclosed alphanumerics Ⓕ
    (cp >= 0x1d400 && cp <= 0x1d7ff) || // mathematical alphanumerics 𝒻
    (cp >= 0x1f100 && cp <= 0x1f1ff) || // enclosed supplement 🅵
    cp === 0x0262 ||
    cp === 0x026a ||
    cp === 0x0274 ||
    cp === 0x0280 ||
    cp === 0x028f ||
    cp === 0x0299 ||
    cp === 0x029c // IPA small capitals ɢ ɪ ɴ ʀ ʏ ʙ ʜ
  );
}

/** The fold kind that explains one character of a span that the term does not spell, if any. */
function explainChar(
  char: string,
  term: ReadonlySet<string>,
  termScripts: ReadonlySet<string>,
  termHanFolds: ReadonlySet<string>,
): FoldKind | undefined {
  if (term.has(char)) return undefined;
  const cp = char.codePointAt(0)!;
  const fold = foldCodePoint(cp);
  if (MARK.test(char)) return 'marks';
  if (fold === IGNORE) return 'separators'; // invisible characters between letters
  if (fold === SPACE || fold === SYMBOL) return LEET.test(char) ? 'leet' : 'separators';
  if (term.has(char.toLowerCase())) return 'case';
  if (cp >= 0xff00 && cp <= 0xffef) return 'width';
  if (isLetterlike(cp)) return 'letterlike';
  if (LEET.test(char) || (char === 'l' && term.has('i'))) return 'leet';
  if (HIRAGANA.test(char) || KATAKANA.test(char)) {
    const other = String.fromCodePoint(HIRAGANA.test(char) ? cp + 0x60 : cp - 0x60);
    if (term.has(other)) return 'kana';
  }
  if (HAN.test(char)) {
    // Compared through the Simplified folds of both sides: 聽 meets 听 either way round.
    return fold >= 0 && termHanFolds.has(String.fromCodePoint(fold)) ? 'traditional' : 'homophone';
  }
  if (LATIN.test(char) && termScripts.has('Han')) return 'pinyin';
  const base = char.normalize('NFD')[0]!;
  if (base !== char && term.has(base.toLowerCase())) return 'marks';
  if (char.normalize('NFKC') !== char) return 'letterlike';
  if (LETTER.test(char)) return 'homoglyph';
  return undefined;
}

/** Whether some letter runs longer in the span than anywhere in the term (`fuuuck`). */
function stretched(span: string, term: string): boolean {
  const longest = new Map<number, number>();
  const runs = (text: string, visit: (unit: number, run: number) => void): void => {
    let last = -1;
    let run = 0;
    for (const char of text) {
      const unit = foldCodePoint(char.codePointAt(0)!);
      if (unit < 0) continue;
      run = unit === last ? run + 1 : 1;
      last = unit;
      visit(unit, run);
    }
  };
  runs(term.toLowerCase(), (unit, run) => longest.set(unit, Math.max(run, longest.get(unit) ?? 0)));
  let longer = false;
  runs(span, (unit, run) => {
    if (run > (longest.get(unit) ?? 1)) longer = true;
  });
  return longer;
}

/**
 * The folds that made `span` meet `term`, in `FOLD_KINDS` order; empty when the span spells
 * the term. Pseudo-terms of contact details (`<phone-number>`) report letters read as digits
 * (`leet`) and links written apart (`separators`).
 */
export function explainSpan(span: string, term: string): FoldKind[] {
  // Most matches spell their term: answer those without looking at each character.
  if (span === term) return [];
  const kinds = new Set<FoldKind>();
  if (term.startsWith('<')) {
    if (term === '<phone-number>' && /\p{L}/u.test(span)) kinds.add('leet');
    if (term === '<contact-link>' && /\s|dot/iu.test(span)) kinds.add('separators');
  } else {
    const termChars = new Set<string>();
    const termScripts = new Set<string>();
    const folded = new Set<string>();
    for (const char of term) {
      termChars.add(char);
      termChars.add(char.toLowerCase());
      const fold = foldCodePoint(char.codePointAt(0)!);
      if (fold >= 0 && HAN.test(char)) folded.add(String.fromCodePoint(fold));
      const script = scriptOf(char);
      if (script) termScripts.add(script);
    }
    for (const char of span) {
      const kind = explainChar(char, termChars, termScripts, folded);
      if (kind) kinds.add(kind);
    }
    if (stretched(span, term)) kinds.add('repeats');
  }
  return FOLD_KINDS.filter((kind) => kinds.has(kind));
}

/** Fills `via` on every match from its span of `text`. */
export function explainMatches(text: string, matches: Match[]): Match[] {
  for (const match of matches)
    match.via = explainSpan(text.slice(match.start, match.end), match.term);
  return matches;
}
