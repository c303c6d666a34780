import { type SqlBool, sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { AccountRow, TopicRow } from '../../db/schema.js';
import { staffBadgeSql } from '../accounts/accounts.store.js';
import { hiddenInRegionByTag } from '../topics/topics.store.js';
import { noteVisible, type VisibilityContext } from '../visibility/visibility.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './search-cursor.js';

/**
 * A term for `to_tsquery('simple', …)`. Terms come from `searchQueryTerms` (letters, marks and
 * digits only), and are quoted and escaped all the same: the whole query is one bound
 * parameter, never spliced into SQL.
 */
function quoteTerm(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Every group must match; a group matches when one of its alternatives does, and an
 * alternative when all of its terms do: `('cat' | '猫' | '貓') & 'photo'`. A term is a group of
 * one alternative of one term, so plain terms give `'term1' & 'term2' & …`.
 */
export function tsqueryGroupsText(groups: readonly (readonly (readonly string[])[])[]): string {
  return groups
    .map((group) => {
      const alternatives = group.map((terms) =>
        terms.length === 1 ? quoteTerm(terms[0]!) : `(${terms.map(quoteTerm).join(' & ')})`,
      );
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}

/** Escapes LIKE's wildcards (and its escape character) so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Recency halves its boost after this many seconds (a week). */
const RECENCY_SCALE_SECONDS = 7 * 24 * 3600;

/**
 * Published notes (as the shared visibility rule says) matching every term, best first.
 *
 * score = ts_rank(search_document, query) × (1 + 1 / (1 + age / 7 days)), where ts_rank uses the
 * default weights {D 0.1, C 0.2, B 0.4, A 1.0} and age is measured from the instant the first
 * page was ranked at. The recency factor goes from 2 (new) through 1.5 (a week) towards 1, so it
 * can at most double a score: never enough to lift a body-only match over a title match of the
 * same terms (A weighs five times C). Ties go to the newer id.
 *
 * The cursor carries (score, id) of the last item and that instant, so every page ranks with
 * the same clock: scores do not drift between pages, notes created after the first page wait
 * for a new search, and paging returns each match once (unless a note is edited in between).
 */
export async function searchNotes(
  db: DbHandle,
  input: {
    /** Plain terms (all required), or groups of alternatives (`tsqueryGroupsText`). */
    terms: readonly (string | readonly (readonly string[])[])[];
    context: VisibilityContext;
    cursor: string | null;
    limit: number;
  },
): Promise<{ ids: string[]; nextCursor: string | null }> {
  const text = tsqueryGroupsText(
    input.terms.map((term) => (typeof term === 'string' ? [[term]] : term)),
  );
  const fingerprint = queryFingerprint(['notes', text]);
  const after = input.cursor
    ? decodeCursor(input.cursor, { query: fingerprint, key: ['float', 'uuid'], withAsOf: true })
    : null;
  const asOf = after?.asOf ?? new Date().toISOString();
  const query = sql`to_tsquery('simple', ${text}::text)`;
  const ranked = db
    .selectFrom('notes')
    .select([
      'notes.id',
      sql<number>`ts_rank(notes.search_document, ${query})::float8 * (1 + 1 / (1 + greatest(0, extract(epoch from (${asOf}::timestamptz - notes.created_at))::float8) / ${RECENCY_SCALE_SECONDS}::float8))`.as(
        'score',
      ),
    ])
    .where(sql<SqlBool>`notes.search_document @@ ${query}`)
    .where(noteVisible(input.context))
    .where('notes.created_at', '<=', new Date(asOf));
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .select(['ranked.id', sql<string>`ranked.score::text`.as('score_text')])
    .$if(after !== null, (builder) =>
      builder.where(
        sql<SqlBool>`(ranked.score, ranked.id) < (${after!.key[0]}::float8, ${after!.key[1]}::uuid)`,
      ),
    )
    .orderBy('ranked.score', 'desc')
    .orderBy('ranked.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    ids: page.map((row) => row.id),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ query: fingerprint, key: [last.score_text, last.id], asOf })
        : null,
  };
}

/**
 * Accounts by handle and display name, best first.
 *
 * Matches: handle or display name containing the query (LIKE/ILIKE, wildcards escaped: trigram
 * indexes serve three characters and more, and one- or two-character CJK names still match), or
 * trigram-similar to it (`%`, pg_trgm's threshold 0.3: typos in handles and Latin names).
 * score = tier + best trigram similarity of handle and display name, where tier is 3 for an
 * exact handle or name, 2 for a prefix, 1 for a substring, 0 for a fuzzy match only. Ties go to
 * more followers, then the newer id. `handle` is the query as a handle (lower case, no '@').
 */
export async function searchAccounts(
  db: DbHandle,
  input: { q: string; handle: string; cursor: string | null; limit: number },
): Promise<{ rows: Array<AccountRow & { staff: boolean }>; nextCursor: string | null }> {
  const fingerprint = queryFingerprint(['users', input.q, input.handle]);
  const after = input.cursor
    ? decodeCursor(input.cursor, {
        query: fingerprint,
        key: ['float', 'integer', 'uuid'],
        withAsOf: false,
      })
    : null;
  const name = escapeLike(input.q);
  const handle = escapeLike(input.handle);
  const handleContains = sql<SqlBool>`accounts.handle LIKE ${`%${handle}%`}`;
  const nameContains = sql<SqlBool>`accounts.display_name ILIKE ${`%${name}%`}`;
  const score = sql<number>`(CASE
      WHEN accounts.handle = ${input.handle} OR accounts.display_name ILIKE ${name} THEN 3
      WHEN accounts.handle LIKE ${`${handle}%`} OR accounts.display_name ILIKE ${`${name}%`} THEN 2
      WHEN ${handleContains} OR ${nameContains} THEN 1
      ELSE 0
    END + greatest(similarity(accounts.handle, ${input.handle}), similarity(accounts.display_name, ${input.q})))::float8`;
  const ranked = db
    .selectFrom('accounts')
    .selectAll('accounts')
    .select(score.as('score'))
    .where(
      sql<SqlBool>`(${handleContains} OR ${nameContains} OR accounts.handle % ${input.handle} OR accounts.display_name % ${input.q})`,
    )
    // an account being deleted, or the tombstone of a deleted one, is found by nobody
    .where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM account_deletions d WHERE d.account_id = accounts.id)`,
    );
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll('ranked')
    .select(sql<string>`ranked.score::text`.as('score_text'))
    .select(staffBadgeSql('ranked.id').as('staff'))
    .$if(after !== null, (builder) =>
      builder.where(
        sql<SqlBool>`(ranked.score, ranked.followers_count, ranked.id) < (${after!.key[0]}::float8, ${after!.key[1]}::int, ${after!.key[2]}::uuid)`,
      ),
    )
    .orderBy('ranked.score', 'desc')
    .orderBy('ranked.followers_count', 'desc')
    .orderBy('ranked.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ score: _score, score_text: _scoreText, ...account }) => account),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({
            query: fingerprint,
            key: [last.score_text, String(last.followers_count), last.id],
          })
        : null,
  };
}

/**
 * Topics by tag, best first: tags containing the query or trigram-similar to it, among topics
 * with at least one note. score = tier (3 exact, 2 prefix, 1 substring, 0 fuzzy) + similarity;
 * ties go to more notes, then the tag in code-point order (COLLATE "C", the same on every
 * database). `q` is normalized like tags are (NFKC, case-folded, without '#').
 */
export async function searchTopics(
  db: DbHandle,
  input: { q: string; region: string | null; cursor: string | null; limit: number },
): Promise<{ rows: TopicRow[]; nextCursor: string | null }> {
  const fingerprint = queryFingerprint(['topics', input.q]);
  const after = input.cursor
    ? decodeCursor(input.cursor, {
        query: fingerprint,
        key: ['float', 'integer', 'text'],
        withAsOf: false,
      })
    : null;
  const tag = escapeLike(input.q);
  const contains = sql<SqlBool>`topics.tag LIKE ${`%${tag}%`}`;
  const score = sql<number>`(CASE
      WHEN topics.tag = ${input.q} THEN 3
      WHEN topics.tag LIKE ${`${tag}%`} THEN 2
      WHEN ${contains} THEN 1
      ELSE 0
    END + similarity(topics.tag, ${input.q}))::float8`;
  // counts as seen from the viewer's region: a topic whose notes are all withheld there is
  // not found, and the others do not count what is withheld (as a topic's own page does)
  const notes = sql<number>`(topics.note_count - coalesce(hidden.notes, 0))::int`;
  const ranked = db
    .selectFrom('topics')
    .leftJoin(hiddenInRegionByTag(db, input.region).as('hidden'), 'hidden.tag', 'topics.tag')
    .select(['topics.tag', 'topics.display', 'topics.created_at'])
    .select([
      notes.as('note_count'),
      sql<number>`greatest(topics.view_count - coalesce(hidden.views, 0), 0)`.as('view_count'),
      sql<number>`greatest(topics.discussion_count - coalesce(hidden.discussions, 0), 0)::int`.as(
        'discussion_count',
      ),
    ])
    .select(score.as('score'))
    .where(sql<SqlBool>`(${contains} OR topics.tag % ${input.q})`)
    .where(sql<SqlBool>`${notes} > 0`);
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll('ranked')
    .select(sql<string>`ranked.score::text`.as('score_text'))
    .$if(after !== null, (builder) => {
      const [scoreText, noteCount, lastTag] = after!.key as [string, string, string];
      return builder.where(
        sql<SqlBool>`(ranked.score < ${scoreText}::float8 OR (ranked.score = ${scoreText}::float8 AND (ranked.note_count < ${noteCount}::int OR (ranked.note_count = ${noteCount}::int AND ranked.tag COLLATE "C" > ${lastTag}::text COLLATE "C"))))`,
      );
    })
    .orderBy('ranked.score', 'desc')
    .orderBy('ranked.note_count', 'desc')
    .orderBy(sql`ranked.tag COLLATE "C"`)
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ score: _score, score_text: _scoreText, ...topic }) => topic),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({
            query: fingerprint,
            key: [last.score_text, String(last.note_count), last.tag],
          })
        : null,
  };
}
