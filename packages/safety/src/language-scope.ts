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

/** Per-entry language and script, and the filter `scan` applies when told the text's language. */
export class LanguageScopes {
  private readonly languages: (string | undefined)[];
  private readonly scripts: (string | undefined)[];

  constructor(entries: readonly LexiconEntry[]) {
    this.languages = entries.map((entry) =>
      entry.lang && scopeOf(entry) === 'language' ? primary(entry.lang) : undefined,
    );
    this.scripts = entries.map((entry) => (entry.lang ? scriptOf(entry.term) : undefined));
  }

  /** Whether an entry applies to a match at [start, end) of a text in language `lang`. */
  applies(index: number, text: string, start: number, end: number, lang: string): boolean {
    const language = this.languages[index];
    if (language === undefined || language === primary(lang)) return true;
    const segment = scriptOf(text.slice(start, end));
    if (segment === undefined) return false;
    return !scriptsOf(lang).includes(segment) && segment === this.scripts[index];
  }

  /**
   * The candidate triples (entry, start, end) that apply; phone numbers (-1) always do. A tag
   * that is not BCP 47 says nothing about the language: every entry applies then.
   */
  filter(text: string, found: number[], lang: string): number[] {
    if (!isLanguageTag(lang)) return found;
    const kept: number[] = [];
    for (let i = 0; i < found.length; i += 3) {
      const index = found[i]!;
      if (index < 0 || this.applies(index, text, found[i + 1]!, found[i + 2]!, lang))
        kept.push(index, found[i + 1]!, found[i + 2]!);
    }
    return kept;
  }
}
