/**
 * Whether a romanized match is plausibly pinyin. A Chinese term's toneless pinyin (`made` for
 * 妈的, `tama` for 他妈) is often an ordinary word of another language, so a pinyin match counts
 * only when the text is plausibly romanized Chinese: Chinese characters nearby, text detected as
 * Chinese, or letters that spell valid syllables and not a common word of the surrounding
 * language (English `made`, Finnish `tämä` are words; `dama` in an English sentence is not).
 * Only pinyin candidates pay for this check.
 */
import { nearHan } from './boundaries.js';
import { COMMON_WORDS } from './data/common-words.generated.js';
import { PINYIN_TABLE } from './data/pinyin.generated.js';
import { PINYIN_LOOKALIKE_WORDS } from './data/pinyin-words.generated.js';

/** Languages whose text may be written in pinyin. */
const CHINESE_TAGS = new Set(['zh', 'cmn', 'yue', 'wuu', 'nan', 'hak', 'gan', 'hsn', 'cjy']);
/** Letters pinyin is written with: plain Latin, tone-marked vowels and ü. */
const PINYIN_LETTER = /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]$/u;
const LETTER = /\p{L}/u;

/** Toneless syllables with a vowel (`m`, `n`, `ng`, `hm` interjections left out). */
export function pinyinSyllableSet(): Set<string> {
  const set = new Set<string>();
  for (const line of PINYIN_TABLE.split('\n')) {
    const syllable = line.slice(0, line.indexOf(' '));
    if (/[aeiouv]/.test(syllable)) set.add(syllable);
  }
  return set;
}

/** Whether a lowercase word splits into valid pinyin syllables (`maimaiyinhangka`). */
export function segmentsAsPinyin(word: string, syllables: ReadonlySet<string>): boolean {
  const reachable = new Uint8Array(word.length + 1);
  reachable[0] = 1;
  for (let i = 1; i <= word.length; i++) {
    for (let length = 1; length <= 6 && length <= i; length++) {
      if (reachable[i - length] && syllables.has(word.slice(i - length, i))) {
        reachable[i] = 1;
        break;
      }
    }
  }
  return reachable[word.length] === 1;
}

let syllableSet: Set<string> | undefined;
const LATIN_WORDS = /^[a-z]+(?: [a-z]+)*$/u;

/**
 * Whether an entry is romanized Chinese: a term of a Chinese-language entry written in Latin
 * letters that split into pinyin syllables (`ya`, `ku`, `caonima`; not `blow job`). Such a term
 * is pinyin, so like the romanizations made from Chinese terms it counts only where the text
 * may be pinyin (class 5 of the safety issue).
 */
export function isRomanizedChinese(term: string, lang: string | undefined): boolean {
  if (!lang || !CHINESE_TAGS.has(lang.split(/[-_]/)[0]!.toLowerCase())) return false;
  const plain = term.normalize('NFKC').toLowerCase().trim().replace(/\s+/gu, ' ');
  if (!LATIN_WORDS.test(plain)) return false;
  syllableSet ??= pinyinSyllableSet();
  const syllables = syllableSet;
  return plain.split(' ').every((word) => segmentsAsPinyin(word, syllables));
}

let wordSets: Map<string, Set<string>> | undefined;

function languageWords(): Map<string, Set<string>> {
  if (!wordSets) {
    wordSets = new Map();
    for (const [tag, words] of Object.entries(PINYIN_LOOKALIKE_WORDS))
      wordSets.set(tag, new Set(words.split(' ')));
  }
  return wordSets;
}

/**
 * Whether the romanized span `start`–`end` (a whole word or words) reads as pinyin in its
 * context; `lang` is the detected language of the text, when known.
 */
export function pinyinPlausible(
  text: string,
  start: number,
  end: number,
  lang: string | null | undefined,
): boolean {
  if (nearHan(text, start, end)) return true;
  const span = text.slice(start, end).normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  let token = '';
  for (const char of span) {
    if (!LETTER.test(char)) {
      if (token) tokens.push(token);
      token = '';
      continue;
    }
    // A letter pinyin never uses (Finnish ä, a Cyrillic look-alike) makes it another language.
    if (!PINYIN_LETTER.test(char)) return false;
    token += char;
  }
  if (token) tokens.push(token);
  const primary = lang ? lang.split('-')[0]!.toLowerCase() : undefined;
  if (primary !== undefined && CHINESE_TAGS.has(primary)) return true;
  const plain = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '');
  const words = tokens.map(plain);
  const sets = languageWords();
  const own = primary !== undefined ? sets.get(primary) : undefined;
  // Unknown or uncovered language: words of any one covered language are not taken as pinyin.
  const languages = own ? [own] : [...sets.values()];
  // One word: pinyin unless it is a common word. Several (`ta ma de`): unless all are common
  // words of one language, three letters or more (one- and two-letter words are everywhere).
  const common =
    words.length === 1
      ? languages.some((set) => set.has(words[0]!))
      : languages.some((set) => words.every((w) => w.length >= 3 && set.has(w)));
  if (common) return false;
  // In a text of some length in a language the word lists do not cover (or of no reliable
  // language: a text that long would have been told apart if it were in one of theirs), pinyin
  // is a run of syllables, written among pinyin or among words of a language the lists know
  // (`add me jia wei xin`): a span next to a word that is neither (`kidika`, `mfɛra`) is a word
  // of that other language, not a Chinese term. Short texts (`pls jia wei xin`) keep the span.
  return (
    own !== undefined ||
    (neighbourFits(text, start, -1) && neighbourFits(text, end, 1)) ||
    !hasWords(text, LONG_TEXT_WORDS)
  );
}

/** Words from which a text of unknown language is taken to be in a language of its own. */
const LONG_TEXT_WORDS = 8;

/** Whether `text` has at least `count` words (runs of letters). */
function hasWords(text: string, count: number): boolean {
  let words = 0;
  let inWord = false;
  for (let k = 0; k < text.length; k++) {
    const letter = LETTER.test(text[k]!);
    if (letter && !inWord && ++words >= count) return true;
    inWord = letter;
  }
  return false;
}

let everyday: Set<string> | undefined;

/** Whether `word` is among the most common words of a language of `COMMON_WORDS`. */
function isEverydayWord(word: string): boolean {
  if (!everyday) {
    everyday = new Set();
    for (const words of Object.values(COMMON_WORDS))
      for (const w of words.split(' ')) everyday.add(w);
  }
  return everyday.has(word);
}

/**
 * Whether the word next to `at` (before it for `direction` -1, after it for 1, across spaces and
 * punctuation, not across a line end) is absent, valid pinyin syllables, or an everyday word.
 */
function neighbourFits(text: string, at: number, direction: -1 | 1): boolean {
  let k = direction < 0 ? at - 1 : at;
  while (k >= 0 && k < text.length && !LETTER.test(text[k]!)) {
    if (text[k] === '\n') return true;
    k += direction;
  }
  let word = '';
  for (; k >= 0 && k < text.length && LETTER.test(text[k]!); k += direction)
    word = direction < 0 ? text[k]! + word : word + text[k]!;
  if (word === '') return true;
  word = word.normalize('NFC').toLowerCase();
  if (isEverydayWord(word)) return true;
  for (const char of word) if (!PINYIN_LETTER.test(char)) return false;
  syllableSet ??= pinyinSyllableSet();
  return segmentsAsPinyin(word.normalize('NFD').replace(/\p{M}/gu, ''), syllableSet);
}
