import type { DbHandle } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import type { Costume } from './fake-foreigner.js';
import type { TrustFacts } from './trust-levels.js';

// What trust levels read of an account and count of its recent writes. Each count is one
// indexed query over the author's rows of the last hour or day.

export interface TrustRow extends TrustFacts {
  level: number;
}

/** The account columns a trust level is computed from (one list for every reader). */
export const TRUST_COLUMNS = [
  'created_at',
  'trust_since',
  'trust_floor',
  'trust_level',
  'notes_count',
  'likes_received_count',
  'posting_restricted_until',
  'suspended_until',
  'banned_at',
] as const;

type TrustColumns = Pick<AccountRow, (typeof TRUST_COLUMNS)[number]>;

export function toTrustRow(row: TrustColumns): TrustRow {
  return {
    createdAt: row.created_at,
    trustSince: row.trust_since,
    floor: row.trust_floor,
    level: row.trust_level,
    notesCount: row.notes_count,
    likesReceived: row.likes_received_count,
    postingRestrictedUntil: row.posting_restricted_until,
    suspendedUntil: row.suspended_until,
    bannedAt: row.banned_at,
  };
}

export async function findTrustRow(db: DbHandle, accountId: string): Promise<TrustRow | null> {
  const row = await db
    .selectFrom('accounts')
    .select(TRUST_COLUMNS)
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row ? toTrustRow(row) : null;
}

/** Keeps the computed level where discover reads it (only when it changed). */
export async function saveTrustLevel(db: DbHandle, accountId: string, level: number) {
  await db
    .updateTable('accounts')
    .set({ trust_level: level })
    .where('id', '=', accountId)
    .where('trust_level', '<>', level)
    .execute();
}

/** A count in a window and its oldest row's time (when the count next falls). */
export interface WindowCount {
  count: number;
  oldest: Date | null;
}

const toWindow = (row: { n: string | number; oldest: Date | string | null }): WindowCount => ({
  count: Number(row.n),
  oldest: row.oldest === null ? null : new Date(row.oldest),
});

export async function notesSince(db: DbHandle, authorId: string, since: Date) {
  const row = await db
    .selectFrom('notes')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('author_id', '=', authorId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return toWindow(row);
}

/** Titles and bodies of the author's notes since `since` (links are counted in them). */
export function noteTextsSince(db: DbHandle, authorId: string, since: Date) {
  return db
    .selectFrom('notes')
    .select(['title', 'body', 'created_at'])
    .where('author_id', '=', authorId)
    .where('created_at', '>', since)
    .execute();
}

/** Images on the author's notes written since `since`. */
export async function imagesSince(db: DbHandle, authorId: string, since: Date) {
  const row = await db
    .selectFrom('note_media')
    .innerJoin('notes', 'notes.id', 'note_media.note_id')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('notes.created_at').as('oldest')])
    .where('notes.author_id', '=', authorId)
    .where('notes.created_at', '>', since)
    .executeTakeFirstOrThrow();
  return toWindow(row);
}

export async function followsSince(db: DbHandle, followerId: string, since: Date) {
  const row = await db
    .selectFrom('follows')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('follower_id', '=', followerId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return toWindow(row);
}

export async function reportsSince(db: DbHandle, reporterId: string, since: Date) {
  const row = await db
    .selectFrom('reports')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('reporter_id', '=', reporterId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return toWindow(row);
}

/** Comments since `since` on notes of others whom the author does not follow. */
export async function strangerCommentsSince(db: DbHandle, authorId: string, since: Date) {
  const row = await db
    .selectFrom('comments')
    .innerJoin('notes', 'notes.id', 'comments.note_id')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.min('comments.created_at').as('oldest'),
    ])
    .where('comments.author_id', '=', authorId)
    .where('comments.created_at', '>', since)
    .where('notes.author_id', '<>', authorId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('follows')
            .select('follows.follower_id')
            .where('follows.follower_id', '=', authorId)
            .whereRef('follows.followee_id', '=', 'notes.author_id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return toWindow(row);
}

/** Whether `followerId` follows `followeeId` (a comment on their note is not on a stranger's). */
export async function follows(db: DbHandle, followerId: string, followeeId: string) {
  const row = await db
    .selectFrom('follows')
    .select('follower_id')
    .where('follower_id', '=', followerId)
    .where('followee_id', '=', followeeId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The author of a note, or null. */
export async function noteAuthor(db: DbHandle, noteId: string): Promise<string | null> {
  const row = await db
    .selectFrom('notes')
    .select('author_id')
    .where('id', '=', noteId)
    .executeTakeFirst();
  return row?.author_id ?? null;
}

/**
 * The costume the door's fake-foreigner rule scored at the account's sign-up (`data.costume`
 * of its phone or e-mail sign-up event: countries only), else null. One indexed read.
 */
export async function signupCostume(db: DbHandle, accountId: string): Promise<Costume | null> {
  const row = await db
    .selectFrom('risk_events')
    .select('data')
    .where('account_id', '=', accountId)
    .where('kind', '=', 'door')
    .where('surface', 'in', ['signup', 'phone_verify'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const costume = (row?.data as { costume?: unknown } | undefined)?.costume;
  return isCostume(costume) ? costume : null;
}

function isCostume(value: unknown): value is Costume {
  const v = value as Partial<Costume> | null | undefined;
  return (
    typeof v?.evidence === 'string' &&
    Array.isArray(v.claimed) &&
    v.claimed.every((c) => typeof c === 'string') &&
    typeof v.points === 'number'
  );
}
