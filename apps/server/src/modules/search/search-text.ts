/**
 * Search text: the one normalization and segmentation used for both note documents and queries,
 * so a query finds exactly the lexemes a document was indexed with.
 *
 * PostgreSQL's parser has no idea where Chinese, Japanese or Korean words end (a run of Han
 * characters is one token to the 'simple' configuration), so we segment here and hand it words
 * separated by spaces. Every token is made only of letters, marks and digits, so the parser keeps
 * it whole on PGlite and on PostgreSQL alike.
 */

/** Queries longer than this many terms keep their first terms (a subset of an AND is broader). */
export const MAX_QUERY_TERMS = 16;
/** Longer tokens are cut, on both sides, so they stay under the tsvector lexeme limit. */
const MAX_TOKEN_LENGTH = 64;

export interface SearchDocumentParts {
  title: string;
  body: string;
  /** Normalized topic tags (without '#'). */
  topics: string[];
}

/** The document text per weight class, each to be fed to `to_tsvector('simple', …)`. */
export interface SearchDocumentTexts {
  title: string;
  topics: string;
  body: string;
}

// A CJK character: a letter or digit whose script is Han, Hiragana, Katakana or Hangul
// (Script_Extensions, so the prolonged sound mark ー and 々 count too).
const CJK_CHAR = String.raw`(?:(?=[\p{L}\p{N}])[\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}])`;
const CJK_RUN = new RegExp(`${CJK_CHAR}+`, 'gu');
const KANA = /[\p{scx=Hira}\p{scx=Kana}]/u;
const HANGUL = /\p{scx=Hang}/u;
const NOT_WORD_CHAR = /[^\p{L}\p{M}\p{N}]+/u;
const LATIN = /\p{sc=Latn}/u;
const COMBINING_MARKS = /\p{Mn}+/gu;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let found = segmenters.get(locale);
  if (!found) {
    found = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, found);
  }
  return found;
}

/**
 * NFKC (full-width letters and digits become ASCII, half-width kana full-width) and a case fold.
 * JavaScript has no case fold; upper- then lower-casing folds ß→ss, and final sigma is folded by
 * hand (toLowerCase picks σ or ς by position, a case fold always gives σ).
 */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().replace(/ς/gu, 'σ').normalize('NFKC');
}

function truncate(token: string): string {
  const chars = Array.from(token);
  return chars.length > MAX_TOKEN_LENGTH ? chars.slice(0, MAX_TOKEN_LENGTH).join('') : token;
}

/** `canción` → `cancion`, for Latin words only (marks carry meaning in most other scripts). */
function withoutAccents(token: string): string {
  if (!LATIN.test(token)) return token;
  return token.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

function cjkLocale(run: string): string {
  if (KANA.test(run)) return 'ja';
  if (HANGUL.test(run)) return 'ko';
  return 'zh';
}

const ASCII = /^\p{ASCII}*$/u;

/**
 * Word-like segments, split further at anything that is not a letter, mark or digit. ASCII text
 * takes a shortcut with the same result: Unicode word boundaries never fall between two ASCII
 * letters or digits, and every segment is split at everything else anyway (a test compares the
 * two on random text).
 */
export function words(text: string, locale: string): string[] {
  if (ASCII.test(text)) {
    return text
      .split(NOT_WORD_CHAR)
      .filter((piece) => piece.length > 0)
      .map(truncate);
  }
  return segmentedWords(text, locale);
}

export function segmentedWords(text: string, locale: string): string[] {
  const found: string[] = [];
  for (const segment of segmenter(locale).segment(text)) {
    if (!segment.isWordLike) continue;
    for (const piece of segment.segment.split(NOT_WORD_CHAR)) {
      if (piece) found.push(truncate(piece));
    }
  }
  return found;
}

function bigrams(chars: string[]): string[] {
  const found: string[] = [];
  for (let index = 0; index + 1 < chars.length; index += 1) {
    found.push(`${chars[index]}${chars[index + 1]}`);
  }
  return found;
}

type Side = 'document' | 'query';

/**
 * Tokens of normalized text. CJK runs give overlapping character bigrams (so `熊猫` finds
 * `大熊猫`): documents also get every single character and the segmenter's words; a query of
 * two or more characters asks only for its bigrams, because the words a segmenter finds in a
 * short query need not be the words it found in the document's longer context (`タワー` alone
 * versus `東京タワー`). Other scripts give the segmenter's words; documents also carry the
 * unaccented form of accented Latin words, so `cancion` finds `canción` while `canción` stays
 * precise.
 */
function tokens(normalized: string, side: Side): string[] {
  const found: string[] = [];
  const addOtherScripts = (text: string) => {
    for (const word of words(text, 'und')) {
      found.push(word);
      if (side === 'document') {
        const plain = withoutAccents(word);
        if (plain !== word) found.push(plain);
      }
    }
  };
  let last = 0;
  for (const match of normalized.matchAll(CJK_RUN)) {
    addOtherScripts(normalized.slice(last, match.index));
    last = match.index + match[0].length;
    const run = match[0];
    const chars = Array.from(run);
    if (side === 'query') {
      found.push(...(chars.length === 1 ? chars : bigrams(chars)));
      continue;
    }
    const seen = new Set<string>();
    for (const token of [...bigrams(chars), ...chars, ...words(run, cjkLocale(run))]) {
      if (seen.has(token)) continue;
      seen.add(token);
      found.push(token);
    }
  }
  addOtherScripts(normalized.slice(last));
  return found;
}

/** The indexable text of one piece of a document: tokens separated by spaces. */
export function searchText(text: string): string {
  return tokens(normalizeSearchText(text), 'document').join(' ');
}

/**
 * The texts a note's `search_document` is built from, one per weight: title (A), topics (B),
 * body (C). `searchDocumentSql` in the store turns them into the tsvector.
 */
export function searchDocumentTexts(parts: SearchDocumentParts): SearchDocumentTexts {
  return {
    title: searchText(parts.title),
    topics: parts.topics.map(searchText).join(' '),
    body: searchText(parts.body),
  };
}

/**
 * The terms of a search query, normalized and segmented as documents are, deduplicated and
 * capped at `MAX_QUERY_TERMS`. Empty when the query has no letters or digits (e.g. only emoji
 * or punctuation).
 */
export function searchQueryTerms(q: string): string[] {
  const unique = [...new Set(tokens(normalizeSearchText(q), 'query'))];
  return unique.slice(0, MAX_QUERY_TERMS);
}

/** A query for names (handles, display names, topic tags): normalized, trimmed, one line. */
export function nameQuery(q: string): string {
  return normalizeSearchText(q).replace(/\s+/gu, ' ').trim();
}
