/**
 * Language-scoped terms: an entry with a `lang` applies to text detected as that language, and to
 * the segments of any text written in the entry's script when that is not the script of the
 * detected language. A segment is the run of one script a match sits in: an Italian post
 * (`lang: 'it'`) is not searched for English words (`come`), but a Russian phrase or a Chinese
 * sentence inside it is searched with the Russian or Chinese terms. Latin-script words of another
 * language inside a Latin-script post are not told apart (no per-word language detection); the
 * caller's detected language decides for all of them. Without a detected language, or for an
 * entry without `lang` or with `scope: 'everywhere'` (the default outside harassment and hate),
 * every entry applies everywhere.
 */
import { COMMON_WORDS } from './data/common-words.generated.js';
import { LANGUAGE_SCOPED_CATEGORIES, type LexiconEntry } from './types.js';

/** Script codes (ISO 15924) of a text's letters, coarse: Han, kana and Hangul by their own names. */
const SCRIPTS: readonly [string, RegExp][] = [
  ['Latn', /\p{Script=Latin}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Geor', /\p{Script=Georgian}/u],
];

/** Scripts a language is written in, from its likely script (`Jpan` is Han and kana). */
const WRITTEN_IN: Record<string, readonly string[]> = {
  Hans: ['Hani'],
  Hant: ['Hani'],
  Jpan: ['Hani', 'Kana'],
  Kore: ['Hang', 'Hani'],
};

/** Tags for one language that differ (Norwegian Bokmål and Nynorsk, old Hebrew and Indonesian). */
const SAME_LANGUAGE: Record<string, string> = { nb: 'no', nn: 'no', iw: 'he', in: 'id', tl: 'fil' };

/** The script of the first letter of a string, or undefined. */
function scriptOf(text: string): string | undefined {
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    for (const [code, pattern] of SCRIPTS) if (pattern.test(char)) return code;
    return 'Zyyy';
  }
  return undefined;
}

function primary(tag: string): string {
  const language = tag.split(/[-_]/)[0]!.toLowerCase();
  return SAME_LANGUAGE[language] ?? language;
}

const validTags = new Map<string, boolean>();

function isLanguageTag(tag: string): boolean {
  let valid = validTags.get(tag);
  if (valid === undefined) {
    try {
      new Intl.Locale(tag);
      valid = true;
    } catch {
      valid = false;
    }
    if (validTags.size < 1000) validTags.set(tag, valid);
  }
  return valid;
}

const languageScripts = new Map<string, readonly string[]>();

/** The scripts a detected language is written in (Latin when unknown to ICU). */
function scriptsOf(tag: string): readonly string[] {
  let scripts = languageScripts.get(tag);
  if (!scripts) {
    let script = 'Latn';
    try {
      script = new Intl.Locale(tag).maximize().script ?? 'Latn';
    } catch {
      // An invalid tag says nothing about the script; Latin is the common case.
    }
    scripts = WRITTEN_IN[script] ?? [script];
    languageScripts.set(tag, scripts);
  }
  return scripts;
}

/** An entry's scope: as written, else by its category (`LANGUAGE_SCOPED_CATEGORIES`). */
function scopeOf(entry: LexiconEntry): 'language' | 'everywhere' {
  return (
    entry.scope ?? (LANGUAGE_SCOPED_CATEGORIES.includes(entry.category) ? 'language' : 'everywhere')
  );
}

let commonRanks: Map<string, Map<string, number>> | undefined;

/** Per language (primary tag) that has `word` among its most common words, the word's rank. */
function ranksOf(word: string): ReadonlyMap<string, number> | undefined {
  if (!commonRanks) {
    commonRanks = new Map();
    for (const [language, words] of Object.entries(COMMON_WORDS)) {
      const list = words.split(' ');
      for (let rank = 0; rank < list.length; rank++) {
        const common = list[rank]!;
        let ranks = commonRanks.get(common);
        if (!ranks) {
          ranks = new Map();
          commonRanks.set(common, ranks);
        }
        ranks.set(language, rank);
      }
    }
  }
  return commonRanks.get(word);
}

/** Ranks below this in a frequency list are everyday words: `no`, `come` (a list of 500 is kept). */
const EVERYDAY = 150;

/**
 * The languages in which a language-scoped term of `language` is also an everyday word, when it
 * is among the everyday words there and commoner than in its own language (loanwords, such as English swearing in other
 * languages' subtitles, are rarer there than at home): `no`, `come`, `slut`.
 */
export function everydayElsewhere(term: string, language: string): string[] {
  const ranks = ranksOf(term.trim().normalize('NFC').toLowerCase());
  if (!ranks) return [];
  const own = ranks.get(language) ?? Number.POSITIVE_INFINITY;
  return [...ranks]
    .filter(([other, rank]) => other !== language && rank < EVERYDAY && rank < own)
    .map(([o]) => o);
}

/**
 * Whether a language-scoped term says too little on its own to be read in text of unknown or
 * other language: a number or symbols without a letter (`5`, `13.`), one or two Latin letters
 * (`t`, `cu`, `bi`), or an everyday word of another language in which the lexicon does not
 * list it (`no`, `come`; `puta` is a term in Spanish and Portuguese alike). Such a term counts,
 * written plainly, only where the caller detected the term's own language.
 */
export function needsOwnLanguage(
  term: string,
  language: string,
  isTermIn: (language: string) => boolean = () => false,
): boolean {
  const word = term.trim().normalize('NFC').toLowerCase();
  if (!/\p{L}/u.test(word)) return true;
  if (/^\p{Script=Latin}{1,2}$/u.test(word)) return true;
  return everydayElsewhere(word, language).some((other) => !isTermIn(other));
}

/**
 * A span or term without symbols at its ends, lowercase: how a span is compared with its term
 * for plain spelling. Separators inside (`n.o`, `n o`) are kept, so a spelled-out word is a
 * disguise.
 */
function bare(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, '');
}

/** Script codes of the letters within three characters either side of [start, end). */
function neighbourScripts(text: string, start: number, end: number): Set<string> {
  const scripts = new Set<string>();
  for (const piece of [text.slice(Math.max(0, start - 3), start), text.slice(end, end + 3)]) {
    for (const char of piece) {
      const script = scriptOf(char);
      if (script) scripts.add(script);
    }
  }
  return scripts;
}

/** Per-entry language and script, and the filter `scan` applies when told the text's language. */
export class LanguageScopes {
  private readonly languages: (string | undefined)[];
  private readonly scripts: (string | undefined)[];
  /** 1 for entries that count only in text detected as their language (`needsOwnLanguage`). */
  private readonly ownLanguage: Uint8Array;
  /** Per entry needing its own language, the scripts that language is written in. */
  private readonly termLanguages: (readonly string[] | undefined)[];
  /** Per entry, its term as letters and digits only (`bare`). */
  private readonly terms: string[];
  /** Whether any entry needs its own language, so a scan without a language filters too. */
  readonly anyOwnLanguage: boolean;

  constructor(entries: readonly LexiconEntry[]) {
    this.languages = entries.map((entry) =>
      entry.lang && scopeOf(entry) === 'language' ? primary(entry.lang) : undefined,
    );
    this.scripts = entries.map((entry) => (entry.lang ? scriptOf(entry.term) : undefined));
    this.terms = entries.map((entry) => bare(entry.term));
    // Which languages list each term (`puta` in Spanish and Portuguese).
    const listedIn = new Map<string, Set<string>>();
    for (let i = 0; i < entries.length; i++) {
      const language = this.languages[i];
      if (language === undefined) continue;
      const word = entries[i]!.term.trim().normalize('NFC').toLowerCase();
      let languages = listedIn.get(word);
      if (!languages) {
        languages = new Set();
        listedIn.set(word, languages);
      }
      languages.add(language);
    }
    this.ownLanguage = new Uint8Array(entries.length);
    this.termLanguages = new Array(entries.length);
    let any = false;
    for (let i = 0; i < entries.length; i++) {
      const language = this.languages[i];
      const entry = entries[i]!;
      if (language === undefined || entry.allow) continue;
      const listed = listedIn.get(entry.term.trim().normalize('NFC').toLowerCase());
      if (needsOwnLanguage(entry.term, language, (other) => listed?.has(other) ?? false)) {
        this.ownLanguage[i] = 1;
        this.termLanguages[i] = scriptsOf(language);
        any = true;
      }
    }
    this.anyOwnLanguage = any;
  }

  /**
   * Whether a candidate of an entry that needs its own language (`needsOwnLanguage`) still
   * counts in text not detected as that language: when it is disguised (not the term's plain
   * spelling: `5lut`), or when the term is written in another script than its language and
   * stands next to that script (a number or pinyin of a Chinese entry next to Chinese, `13. 你`).
   */
  private heldOutside(index: number, text: string, start: number, end: number): boolean {
    if (bare(text.slice(start, end)) !== this.terms[index]) return true;
    const scripts = this.termLanguages[index];
    if (!scripts || scripts.includes('Latn')) return false;
    const own = scriptOf(text.slice(start, end));
    for (const script of neighbourScripts(text, start, end))
      if (script !== own && scripts.includes(script)) return true;
    return false;
  }

  /**
   * Candidates of a text whose language is unknown: entries that need their own language
   * (`needsOwnLanguage`) are dropped, every other entry applies.
   */
  filterUnknown(text: string, found: number[]): number[] {
    const kept: number[] = [];
    for (let i = 0; i < found.length; i += 3) {
      const index = found[i]!;
      const start = found[i + 1]!;
      const end = found[i + 2]!;
      if (index < 0 || this.ownLanguage[index] === 0 || this.heldOutside(index, text, start, end))
        kept.push(index, start, end);
    }
    return kept;
  }

  /** Whether an entry applies to a match at [start, end) of a text in language `lang`. */
  applies(index: number, text: string, start: number, end: number, lang: string): boolean {
    const language = this.languages[index];
    if (language === undefined || language === primary(lang)) return true;
    if (this.ownLanguage[index] === 1 && !this.heldOutside(index, text, start, end)) return false;
    const segment = scriptOf(text.slice(start, end));
    if (segment === undefined) return false;
    return !scriptsOf(lang).includes(segment) && segment === this.scripts[index];
  }

  /**
   * The candidate triples (entry, start, end) that apply; phone numbers (-1) always do. A tag
   * that is not BCP 47 says nothing about the language: every entry applies then.
   */
  filter(text: string, found: number[], lang: string): number[] {
    if (!isLanguageTag(lang)) return this.filterUnknown(text, found);
    const kept: number[] = [];
    for (let i = 0; i < found.length; i += 3) {
      const index = found[i]!;
      if (index < 0 || this.applies(index, text, found[i + 1]!, found[i + 2]!, lang))
        kept.push(index, found[i + 1]!, found[i + 2]!);
    }
    return kept;
  }
}
