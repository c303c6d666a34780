import type { DbHandle } from '../../db/database.js';
import type { AccountRow, TopicRow } from '../../db/schema.js';
import { commonError } from '../../http/errors.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import * as store from './search.store.js';
import { nameQuery, searchQueryTerms } from './search-text.js';

export interface SearchPageInput {
  q: string;
  cursor: string | null;
  limit: number;
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function emptyQuery(): Error {
  return commonError('VALIDATION_FAILED', 'The search has no letters or digits', {
    fields: [{ field: '/querystring/q', message: 'has no letters or digits' }],
  });
}

/**
 * Chinese words for English ones (from a dictionary), so an English query also finds Chinese
 * notes: the port search declares; the lang module's reading service fills it (app.ts).
 */
export interface CrossLanguageTerms {
  chineseFor(words: readonly string[]): Promise<Map<string, readonly string[]>>;
}

/** Only words of three letters and more are looked up ("I", "a", "is" would find noise). */
const ENGLISH_WORD = /^[a-z]{3,}$/;

export function createSearchService(deps: { db: DbHandle; crossLanguage?: CrossLanguageTerms }) {
  const { db, crossLanguage } = deps;

  /**
   * Each term with its alternatives: the term itself, and for an English word its Chinese
   * headwords as query terms (a headword's character bigrams, all required). A query with any
   * non-Latin term is searched as written.
   */
  async function termGroups(terms: string[]): Promise<string[][][]> {
    const plain = terms.map((term) => [[term]]);
    if (!crossLanguage || !terms.some((term) => ENGLISH_WORD.test(term))) return plain;
    if (!terms.every((term) => /^[\p{sc=Latn}\p{N}]+$/u.test(term))) return plain;
    let found: Map<string, readonly string[]>;
    try {
      found = await crossLanguage.chineseFor(terms.filter((term) => ENGLISH_WORD.test(term)));
    } catch {
      return plain; // the dictionary could not be read: search as written
    }
    return terms.map((term) => [
      [term],
      ...(found.get(term) ?? [])
        .map((headword) => searchQueryTerms(headword))
        .filter((alternative) => alternative.length > 0),
    ]);
  }

  /** Ids of the visible notes matching every term of `q`, best first. */
  async function searchNotes(
    input: SearchPageInput & { context: VisibilityContext },
  ): Promise<{ ids: string[]; nextCursor: string | null }> {
    const terms = searchQueryTerms(input.q);
    if (terms.length === 0) throw emptyQuery();
    return store.searchNotes(db, {
      terms: await termGroups(terms),
      context: input.context,
      cursor: input.cursor,
      limit: input.limit,
    });
  }

  /** Accounts by handle (`@` optional) or display name, best first. */
  async function searchUsers(
    input: SearchPageInput,
  ): Promise<{ rows: Array<AccountRow & { staff: boolean }>; nextCursor: string | null }> {
    const q = nameQuery(input.q);
    if (!HAS_LETTER_OR_DIGIT.test(q)) throw emptyQuery();
    // handles are stored lower-case without spaces; '@lin_mei' means the handle lin_mei
    const handle = q.replace(/^@+/u, '').replace(/\s+/gu, '');
    return store.searchAccounts(db, { q, handle, cursor: input.cursor, limit: input.limit });
  }

  /** Topics by tag (`#` optional), best first, with their counts as seen from `region`. */
  async function searchTopics(
    input: SearchPageInput & { region: string | null },
  ): Promise<{ rows: TopicRow[]; nextCursor: string | null }> {
    const q = nameQuery(input.q).replace(/^#+/u, '').trim();
    if (!HAS_LETTER_OR_DIGIT.test(q)) throw emptyQuery();
    return store.searchTopics(db, {
      q,
      region: input.region,
      cursor: input.cursor,
      limit: input.limit,
    });
  }

  return { searchNotes, searchUsers, searchTopics };
}

export type SearchService = ReturnType<typeof createSearchService>;
