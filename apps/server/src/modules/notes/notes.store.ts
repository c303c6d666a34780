import { sql } from 'kysely';
import { type DbHandle, fixedStatement } from '../../db/database.js';
import type {
  AccountRow,
  NoteRow,
  NoteStatus,
  RegionActions,
  VisibleAction,
} from '../../db/schema.js';
import { searchDocumentSql } from '../search/search.service.js';
import { noteVisible, type VisibilityContext } from './note-visibility.js';
import type { NoteView } from './view-recorder.js';

type SearchParts = Parameters<typeof searchDocumentSql>[0];

// SQL for notes, their topics, mentions, views and ranking scores: the only place it lives.

/**
 * The columns a note is read with: all but `search_document`, which is large and only ever used
 * inside search queries. Selecting it made every feed read several times heavier.
 */
export const NOTE_COLUMNS = [
  'notes.id',
  'notes.author_id',
  'notes.title',
  'notes.body',
  'notes.lang',
  'notes.status',
  'notes.moderation_action',
  'notes.region_actions',
  'notes.labels',
  'notes.ip_country',
  'notes.ip_region',
  'notes.like_count',
  'notes.collect_count',
  'notes.comment_count',
  'notes.view_count',
  'notes.follow_count',
  'notes.score',
  'notes.created_at',
  'notes.updated_at',
  'notes.edited_at',
] as const;

/**
 * The discover ranking score, documented in docs/design.md: engagement weighted like RedNote's
 * (a comment counts 3 likes, a follow it earned 5) over a gravity of age in hours.
 */
export const SCORE_SQL = sql<number>`(1 + like_count + collect_count + 3 * comment_count + 5 * follow_count + 0.05 * view_count)
  / power(extract(epoch from (now() - created_at)) / 3600.0 + 2, 1.5)`;

export interface NewNote {
  id: string;
  author_id: string;
  title: string;
  body: string;
  lang: string | null;
  ip_country: string | null;
  ip_region: string | null;
  search: SearchParts;
  moderation: NoteModerationState;
}

/** What moderation decided for a note: its status and what each region sees. */
export interface NoteModerationState {
  status: NoteStatus;
  moderation_action: VisibleAction;
  region_actions: RegionActions | null;
  labels: string[];
}

const moderationColumns = (state: NoteModerationState) => ({
  status: state.status,
  moderation_action: state.moderation_action,
  region_actions: state.region_actions ? JSON.stringify(state.region_actions) : null,
  labels: state.labels,
});

/** A new note's score: SCORE_SQL with no engagement at age zero. */
const NEW_NOTE_SCORE = sql<number>`1 / power(2.0, 1.5)`;

export interface PublishedNote {
  row: NoteRow;
  author: Pick<AccountRow, 'id' | 'handle' | 'display_name' | 'avatar_url'>;
  /** Each topic as the topics table shows it (as typed when this note created it). */
  topics: Array<{ tag: string; display: string }>;
  /** Handles of the mentioned accounts that exist, sorted. */
  mentions: string[];
}

/**
 * Writes a new note in ONE statement: the row with its search document and initial score, the
 * topics it creates, its topic links, the topic deltas and the author's count (when published),
 * and its mentions; it answers with what presenting the note needs, so publishing costs one
 * round trip (the statement is atomic on its own; callers add media and moderation records in
 * the same transaction when there are any).
 *
 * Whether the note is published and whether it mentions anyone choose between a few fixed
 * statement texts instead of being parameters. Every text then has a generic plan as cheap as a
 * custom one, so PostgreSQL keeps that plan for a prepared statement instead of planning the
 * statement on every note (that planning was about a third of the database's work per note; see
 * docs/performance.md). For the same reason the topics are one VALUES row each (statement
 * texts per number of topics, at most ten), and their displays one index probe per tag.
 */
export async function insertNoteWithLinks(
  db: DbHandle,
  note: NewNote,
  links: {
    topics: Array<{ tag: string; display: string }>;
    mentions: string[];
    published: boolean;
  },
): Promise<PublishedNote> {
  const { search, moderation, ...row } = note;
  const state = moderationColumns(moderation);
  const returning = sql.join(NOTE_COLUMNS.map((column) => sql.ref(column.slice('notes.'.length))));
  // one VALUES row per topic: the planner knows how many (an `unnest` is guessed at ten)
  const topicRows =
    links.topics.length > 0
      ? sql`VALUES ${sql.join(
          links.topics.map(
            (topic, i) => sql`(${topic.tag}::text, ${topic.display}::text, ${sql.lit(i + 1)})`,
          ),
        )}`
      : sql`SELECT NULL::text, NULL::text, 0 WHERE false`;
  const published = links.published;
  const mentioning = links.mentions.length > 0;
  const { rows } = await sql<
    NoteRow & {
      author_handle: string;
      author_display_name: string;
      author_avatar_url: string | null;
      topic_tags: string[];
      topic_displays: string[];
      mention_handles: string[];
    }
  >`
    WITH note AS (
      INSERT INTO notes (id, author_id, title, body, lang, ip_country, ip_region, status,
        moderation_action, region_actions, labels, search_document, score)
      VALUES (${row.id}, ${row.author_id}, ${row.title}, ${row.body}, ${row.lang}, ${row.ip_country},
        ${row.ip_region}, ${state.status}, ${state.moderation_action}, ${state.region_actions}::jsonb,
        ${state.labels}::text[], ${searchDocumentSql(search)}, ${NEW_NOTE_SCORE})
      RETURNING ${returning}
    ), input (tag, display, position) AS (
      ${topicRows}
    ), created AS (
      INSERT INTO topics (tag, display) SELECT tag, display FROM input ON CONFLICT (tag) DO NOTHING
    ), linked AS (
      INSERT INTO note_topics (note_id, tag) SELECT ${row.id}::uuid, tag FROM input
    )${
      published
        ? sql`, deltas AS (
      INSERT INTO topic_deltas (tag, notes) SELECT tag, 1 FROM input
    ), counted AS (
      UPDATE accounts SET notes_count = notes_count + 1 WHERE id = ${row.author_id}
    )`
        : sql``
    }${
      mentioning
        ? sql`, mentioned AS (
      INSERT INTO note_mentions (note_id, account_id)
      SELECT ${row.id}::uuid, id FROM accounts WHERE handle = ANY(${links.mentions}::text[])
    )`
        : sql``
    }
    SELECT note.*, author.handle AS author_handle, author.display_name AS author_display_name,
      author.avatar_url AS author_avatar_url,
      ARRAY(SELECT input.tag FROM input ORDER BY position) AS topic_tags,
      -- topics this statement created are not visible to it: those show as typed
      ARRAY(SELECT coalesce((SELECT topics.display FROM topics WHERE topics.tag = input.tag),
              input.display)
            FROM input ORDER BY position) AS topic_displays,
      ${
        mentioning
          ? sql`ARRAY(SELECT handle FROM accounts WHERE handle = ANY(${links.mentions}::text[])
            ORDER BY handle)`
          : sql`'{}'::text[]`
      } AS mention_handles
    FROM note JOIN accounts AS author ON author.id = note.author_id`.execute(db);
  const result = rows[0];
  if (!result) throw new Error('the new note was not written');
  const {
    author_handle,
    author_display_name,
    author_avatar_url,
    topic_tags,
    topic_displays,
    mention_handles,
    ...noteRow
  } = result;
  return {
    row: noteRow,
    author: {
      id: noteRow.author_id,
      handle: author_handle,
      display_name: author_display_name,
      avatar_url: author_avatar_url,
    },
    topics: topic_tags.map((tag, i) => ({ tag, display: topic_displays[i] ?? tag })),
    mentions: mention_handles,
  };
}

export async function updateNoteContent(
  db: DbHandle,
  id: string,
  changes: {
    title: string;
    body: string;
    lang: string | null;
    search: SearchParts;
    moderation: NoteModerationState;
  },
): Promise<NoteRow> {
  return db
    .updateTable('notes')
    .set({
      ...moderationColumns(changes.moderation),
      title: changes.title,
      body: changes.body,
      lang: changes.lang,
      search_document: searchDocumentSql(changes.search) as never,
      edited_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returning(NOTE_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Applies a moderator's decision to a note. */
export async function setNoteModeration(
  db: DbHandle,
  id: string,
  state: NoteModerationState,
): Promise<NoteRow> {
  return db
    .updateTable('notes')
    .set({ ...moderationColumns(state), updated_at: sql`now()` })
    .where('id', '=', id)
    .returning(NOTE_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Ids of an account's notes that anyone may still see (for removing a banned account's). */
export async function shownNoteIdsOf(db: DbHandle, authorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notes')
    .select('id')
    .where('author_id', '=', authorId)
    .where('status', 'in', ['published', 'pending_review'])
    .execute();
  return rows.map((row) => row.id);
}

/** A note as it is, whoever asks (for the 451 notice and for moderators). */
export function findNote(db: DbHandle, id: string): Promise<NoteRow | undefined> {
  return db.selectFrom('notes').select(NOTE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Locks a note row for the rest of the transaction. */
export function lockNote(db: DbHandle, id: string): Promise<NoteRow | undefined> {
  return db
    .selectFrom('notes')
    .select(NOTE_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A note row with the viewer's own like and collect, read in the same statement. */
export type ViewedNoteRow = NoteRow & { viewer_liked?: boolean; viewer_collected?: boolean };

/**
 * The viewer's like and collect of each row (`alias`.id), as columns of the same statement: a
 * page then costs one round trip instead of two. Nothing for anonymous readers.
 */
export function viewerFlags(viewerId: string | null, alias = 'notes') {
  if (!viewerId) return [];
  const note = sql.ref(`${alias}.id`);
  return [
    sql<boolean>`EXISTS (SELECT 1 FROM likes WHERE likes.account_id = ${viewerId} AND likes.note_id = ${note})`.as(
      'viewer_liked',
    ),
    sql<boolean>`EXISTS (SELECT 1 FROM collects WHERE collects.account_id = ${viewerId} AND collects.note_id = ${note})`.as(
      'viewer_collected',
    ),
  ];
}

export function findVisibleNote(
  db: DbHandle,
  id: string,
  context: VisibilityContext,
): Promise<ViewedNoteRow | undefined> {
  return db
    .selectFrom('notes')
    .select(NOTE_COLUMNS)
    .select(viewerFlags(context.viewerId))
    .where('id', '=', id)
    .where(noteVisible(context))
    .executeTakeFirst();
}

/**
 * A note the viewer could see were it not withheld in their region: `context.region` must be
 * null so that the rule ignores regions, and the caller knows the region hides it.
 */
export function findWithheldNote(
  db: DbHandle,
  id: string,
  context: VisibilityContext,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('notes')
    .select('notes.id')
    .where('id', '=', id)
    .where('status', '=', 'published')
    .where(noteVisible(context))
    .executeTakeFirst();
}

const NOTE_COLUMN_LIST = NOTE_COLUMNS.join(', ');

/** The rows of `$1`, whatever their state. */
const rowsById = fixedStatement<NoteRow>(
  `SELECT ${NOTE_COLUMN_LIST} FROM notes WHERE notes.id = ANY($1::uuid[])`,
);

/** Of the page `$2`: the rows of `$3` (the others null), and viewer `$1`'s likes and collects. */
const pageRows = fixedStatement<
  NoteRow & { ref: string; has_row: boolean; viewer_liked: boolean; viewer_collected: boolean }
>(
  `SELECT page.id AS ref, notes.id IS NOT NULL AS has_row, ${NOTE_COLUMN_LIST},
      EXISTS (SELECT 1 FROM likes WHERE likes.account_id = $1 AND likes.note_id = page.id) AS viewer_liked,
      EXISTS (SELECT 1 FROM collects WHERE collects.account_id = $1 AND collects.note_id = page.id) AS viewer_collected
    FROM unnest($2::uuid[]) AS page(id)
    LEFT JOIN notes ON notes.id = page.id AND notes.id = ANY($3::uuid[])`,
);

/** Which of the notes `$2` viewer `$1` liked and collected. */
const engagementOf = fixedStatement<{ note_id: string; kind: 'like' | 'collect' }>(
  `SELECT note_id, 'like' AS kind FROM likes WHERE account_id = $1 AND note_id = ANY($2::uuid[])
   UNION ALL
   SELECT note_id, 'collect' AS kind FROM collects WHERE account_id = $1 AND note_id = ANY($2::uuid[])`,
);

/**
 * For a page whose rows are partly cached: the rows of `missing` (whatever their state; the
 * caller applies the visibility rule) and, when someone is signed in, their likes and collects of
 * every note on the page. One statement, one round trip; none at all for an anonymous reader
 * whose rows are all cached.
 */
export async function pageRowsAndFlags(
  db: DbHandle,
  ids: string[],
  missing: string[],
  viewerId: string | null,
): Promise<{ rows: NoteRow[]; liked: Set<string>; collected: Set<string> }> {
  const liked = new Set<string>();
  const collected = new Set<string>();
  if (!viewerId) {
    const rows = missing.length === 0 ? [] : await rowsById(db, [missing]);
    return { rows, liked, collected };
  }
  if (missing.length === 0)
    return viewerEngagement(db, viewerId, ids).then((flags) => ({ rows: [], ...flags }));
  const answers = await pageRows(db, [viewerId, ids, missing]);
  const rows: NoteRow[] = [];
  for (const { ref, has_row, viewer_liked, viewer_collected, ...row } of answers) {
    if (viewer_liked) liked.add(ref);
    if (viewer_collected) collected.add(ref);
    if (has_row) rows.push(row);
  }
  return { rows, liked, collected };
}

/** The accounts on the other side of a block with this one, in either direction. */
export async function blockedEitherWay(db: DbHandle, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('account_blocks')
    .select('blocked_id as id')
    .where('blocker_id', '=', accountId)
    .union(
      db
        .selectFrom('account_blocks')
        .select('blocker_id as id')
        .where('blocked_id', '=', accountId),
    )
    .execute();
  return rows.map((row) => row.id);
}

export async function deleteNoteRow(db: DbHandle, id: string): Promise<void> {
  await db.deleteFrom('notes').where('id', '=', id).execute();
}

export async function adjustAuthorCounts(
  db: DbHandle,
  authorId: string,
  changes: { notes?: number; likesReceived?: number },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      notes_count: sql`notes_count + ${changes.notes ?? 0}`,
      likes_received_count: sql`greatest(likes_received_count + ${changes.likesReceived ?? 0}, 0)`,
    })
    .where('id', '=', authorId)
    .execute();
}

/** Moves engagement counters; never below zero. */
export async function adjustNoteCounts(
  db: DbHandle,
  id: string,
  changes: { likes?: number; collects?: number; comments?: number; follows?: number },
): Promise<void> {
  await db
    .updateTable('notes')
    .set({
      like_count: sql`greatest(like_count + ${changes.likes ?? 0}, 0)`,
      collect_count: sql`greatest(collect_count + ${changes.collects ?? 0}, 0)`,
      comment_count: sql`greatest(comment_count + ${changes.comments ?? 0}, 0)`,
      follow_count: sql`greatest(follow_count + ${changes.follows ?? 0}, 0)`,
    })
    .where('id', '=', id)
    .execute();
}

/** The author's note the viewer opened most recently on this day (UTC, `YYYY-MM-DD`), if any. */
export function lastViewedNoteOf(
  db: DbHandle,
  viewerId: string,
  authorId: string,
  day: string,
): Promise<NoteRow | undefined> {
  return db
    .selectFrom('note_views')
    .innerJoin('notes', 'notes.id', 'note_views.note_id')
    .select(NOTE_COLUMNS)
    .where('note_views.viewer_key', '=', viewerId)
    .where('note_views.day', '=', day)
    .where('notes.author_id', '=', authorId)
    .orderBy('note_views.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What cards and comments show of their authors. */
export async function authorRows(db: DbHandle, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('accounts')
    .select(['id', 'handle', 'display_name', 'avatar_url'])
    .where(sql<boolean>`id = ANY(${ids}::uuid[])`)
    .execute();
}

// ---- topics -------------------------------------------------------------------------------

/** Creates the topics that do not exist yet (counts arrive through topic deltas). */
export async function ensureTopics(
  db: DbHandle,
  topics: Array<{ tag: string; display: string }>,
): Promise<void> {
  if (topics.length === 0) return;
  await db
    .insertInto('topics')
    .values(topics.map((topic) => ({ tag: topic.tag, display: topic.display })))
    .onConflict((conflict) => conflict.column('tag').doNothing())
    .execute();
}

/**
 * Records changes to topic counts (new notes, discussions; negative when taken back) as deltas:
 * inserts only, so concurrent writers of one popular topic never wait on each other.
 */
export async function recordTopicDeltas(
  db: DbHandle,
  tags: string[],
  changes: { notes?: number; discussions?: number },
): Promise<void> {
  const notes = changes.notes ?? 0;
  const discussions = changes.discussions ?? 0;
  if (tags.length === 0 || (notes === 0 && discussions === 0)) return;
  await db
    .insertInto('topic_deltas')
    .values(tags.map((tag) => ({ tag, notes, discussions })))
    .execute();
}

/** The advisory lock held by whoever updates topic counters (one node at a time). */
const TOPIC_COUNTERS_LOCK = 7243001;

/** Takes the topic counters' lock for the caller's transaction; false when another holds it. */
async function lockTopicCounters(db: DbHandle): Promise<boolean> {
  const { rows } = await sql<{
    ok: boolean;
  }>`select pg_try_advisory_xact_lock(${TOPIC_COUNTERS_LOCK}) as ok`.execute(db);
  return rows[0]?.ok === true;
}

/**
 * Folds up to `batch` pending deltas into topic counts and the hourly activity (positive
 * changes only: a deletion lowers counts but is not activity), deleting them in the same
 * statement. An advisory lock lets one node at a time do it, so topic rows are never updated
 * by two folders in different orders (no deadlocks); the others skip this round.
 */
export async function applyTopicDeltas(db: DbHandle, batch: number): Promise<number> {
  if (!(await lockTopicCounters(db))) return 0;
  const { rows } = await sql<{ applied: number }>`
    WITH claimed AS (
      DELETE FROM topic_deltas
      WHERE id IN (SELECT id FROM topic_deltas ORDER BY id LIMIT ${batch})
      RETURNING tag, notes, discussions, created_at
    ), totals AS (
      SELECT tag, sum(notes)::int AS notes, sum(discussions)::int AS discussions
      FROM claimed GROUP BY tag
    ), counted AS (
      UPDATE topics SET
        note_count = greatest(note_count + totals.notes, 0),
        discussion_count = greatest(discussion_count + totals.discussions, 0)
      FROM totals WHERE topics.tag = totals.tag
      RETURNING topics.tag
    ), activity AS (
      INSERT INTO topic_activity (tag, hour, notes, discussions)
      SELECT tag, date_trunc('hour', created_at), sum(greatest(notes, 0))::int, sum(greatest(discussions, 0))::int
      FROM claimed
      WHERE notes > 0 OR discussions > 0
      GROUP BY 1, 2
      ON CONFLICT (tag, hour) DO UPDATE SET
        notes = topic_activity.notes + excluded.notes,
        discussions = topic_activity.discussions + excluded.discussions
      RETURNING tag
    )
    SELECT (SELECT count(*) FROM claimed)::int AS applied,
           (SELECT count(*) FROM counted) + (SELECT count(*) FROM activity) AS touched`.execute(db);
  return rows[0]?.applied ?? 0;
}

export async function linkTopics(db: DbHandle, noteId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('note_topics')
    .values(tags.map((tag) => ({ note_id: noteId, tag })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

export async function unlinkTopics(db: DbHandle, noteId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .deleteFrom('note_topics')
    .where('note_id', '=', noteId)
    .where('tag', 'in', tags)
    .execute();
}

export async function topicTagsOf(db: DbHandle, noteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('note_topics')
    .select('tag')
    .where('note_id', '=', noteId)
    .execute();
  return rows.map((row) => row.tag);
}

export async function topicsOfNotes(
  db: DbHandle,
  noteIds: string[],
): Promise<Map<string, Array<{ tag: string; display: string }>>> {
  const result = new Map<string, Array<{ tag: string; display: string }>>();
  if (noteIds.length === 0) return result;
  const rows = await db
    .selectFrom('note_topics')
    .innerJoin('topics', 'topics.tag', 'note_topics.tag')
    .select(['note_topics.note_id', 'topics.tag', 'topics.display'])
    .where(sql<boolean>`note_topics.note_id = ANY(${noteIds}::uuid[])`)
    .execute();
  for (const row of rows) {
    const list = result.get(row.note_id) ?? [];
    list.push({ tag: row.tag, display: row.display });
    result.set(row.note_id, list);
  }
  return result;
}

// ---- mentions -----------------------------------------------------------------------------

export async function replaceMentions(
  db: DbHandle,
  noteId: string,
  handles: string[],
): Promise<void> {
  await db.deleteFrom('note_mentions').where('note_id', '=', noteId).execute();
  if (handles.length === 0) return;
  await db
    .insertInto('note_mentions')
    .columns(['note_id', 'account_id'])
    .expression((eb) =>
      eb
        .selectFrom('accounts')
        .select([sql.lit(noteId).as('note_id'), 'id'])
        .where('handle', 'in', handles),
    )
    .execute();
}

export async function mentionsOfNotes(
  db: DbHandle,
  noteIds: string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (noteIds.length === 0) return result;
  const rows = await db
    .selectFrom('note_mentions')
    .innerJoin('accounts', 'accounts.id', 'note_mentions.account_id')
    .select(['note_mentions.note_id', 'accounts.handle'])
    .where(sql<boolean>`note_mentions.note_id = ANY(${noteIds}::uuid[])`)
    .orderBy('accounts.handle')
    .execute();
  for (const row of rows) {
    const list = result.get(row.note_id) ?? [];
    list.push(row.handle);
    result.set(row.note_id, list);
  }
  return result;
}

// ---- media links --------------------------------------------------------------------------

export async function replaceNoteMedia(
  db: DbHandle,
  noteId: string,
  mediaIds: string[],
): Promise<string[]> {
  const previous = await db
    .deleteFrom('note_media')
    .where('note_id', '=', noteId)
    .returning('media_id')
    .execute();
  if (mediaIds.length > 0) {
    await db
      .insertInto('note_media')
      .values(
        mediaIds.map((mediaId, position) => ({ note_id: noteId, position, media_id: mediaId })),
      )
      .execute();
  }
  return previous.map((row) => row.media_id);
}

export async function mediaIdsOfNote(db: DbHandle, noteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('note_media')
    .select('media_id')
    .where('note_id', '=', noteId)
    .orderBy('position')
    .execute();
  return rows.map((row) => row.media_id);
}

// ---- viewer state and views ----------------------------------------------------------------

/** Which of these notes the viewer liked and collected, in one query. */
export async function viewerEngagement(
  db: DbHandle,
  viewerId: string,
  noteIds: string[],
): Promise<{ liked: Set<string>; collected: Set<string> }> {
  const liked = new Set<string>();
  const collected = new Set<string>();
  if (noteIds.length === 0) return { liked, collected };
  const rows = await engagementOf(db, [viewerId, noteIds]);
  for (const row of rows) (row.kind === 'like' ? liked : collected).add(row.note_id);
  return { liked, collected };
}

/**
 * Writes a batch of views (see `ViewRecorder`); views already stored, and views of notes deleted
 * meanwhile, are skipped. A deletion committed between the check and the insert fails the batch
 * with a foreign-key error: it is then tried once more, when the check sees the deletion.
 */
export async function recordViews(db: DbHandle, views: readonly NoteView[]): Promise<void> {
  if (views.length === 0) return;
  const insert = () =>
    sql`
      INSERT INTO note_views (note_id, viewer_key, day, created_at)
      SELECT view.note_id, view.viewer_key, view.day, to_timestamp(view.at / 1000.0)
      FROM unnest(${views.map((view) => view.noteId)}::uuid[],
                  ${views.map((view) => view.viewerKey)}::text[],
                  ${views.map((view) => view.day)}::date[],
                  ${views.map((view) => view.at)}::float8[]) AS view(note_id, viewer_key, day, at)
      WHERE EXISTS (SELECT 1 FROM notes WHERE notes.id = view.note_id)
      ON CONFLICT DO NOTHING`.execute(db);
  try {
    await insert();
  } catch (error) {
    if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
    await insert();
  }
}

const FOREIGN_KEY_VIOLATION = '23503';

/** The most recent of these notes (ids oldest first) that this author wrote, if any. */
export function newestOfAuthor(
  db: DbHandle,
  ids: readonly string[],
  authorId: string,
): Promise<NoteRow | undefined> {
  return db
    .selectFrom('notes')
    .select(NOTE_COLUMNS)
    .where(sql<boolean>`notes.id = ANY(${ids}::uuid[])`)
    .where('notes.author_id', '=', authorId)
    .orderBy(sql`array_position(${ids}::uuid[], notes.id)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Counts up to `batch` uncounted views into notes, topics and this hour's topic activity, and
 * marks them counted, in ONE statement (atomic: a crash counts nothing twice). The statement is
 * short, so the note and topic rows it updates are locked for milliseconds: the earlier loop of
 * a few statements per note held them, and the claimed views, for seconds, and likes and view
 * recording on those notes waited. One counter at a time (the topic counters' advisory lock,
 * shared with `applyTopicDeltas`): two statements updating the same topics in different orders
 * could deadlock.
 */
export async function countPendingViews(db: DbHandle, batch: number): Promise<number> {
  if (!(await lockTopicCounters(db))) return 0;
  const { rows } = await sql<{ counted: number }>`
    WITH claimed AS (
      UPDATE note_views SET counted = true
      WHERE (note_id, viewer_key, day) IN (
        SELECT note_id, viewer_key, day FROM note_views
        WHERE NOT counted ORDER BY created_at LIMIT ${batch})
      RETURNING note_id
    ), per_note AS (
      SELECT note_id, count(*)::int AS views FROM claimed GROUP BY note_id
    ), noted AS (
      UPDATE notes SET view_count = view_count + per_note.views
      FROM per_note WHERE notes.id = per_note.note_id
    ), per_tag AS (
      SELECT note_topics.tag, sum(per_note.views)::int AS views
      FROM per_note JOIN note_topics ON note_topics.note_id = per_note.note_id
      GROUP BY note_topics.tag
    ), tagged AS (
      UPDATE topics SET view_count = view_count + per_tag.views
      FROM per_tag WHERE topics.tag = per_tag.tag
    ), activity AS (
      INSERT INTO topic_activity (tag, hour, views)
      SELECT tag, date_trunc('hour', now()), views FROM per_tag
      ON CONFLICT (tag, hour) DO UPDATE SET views = topic_activity.views + excluded.views
    )
    SELECT count(*)::int AS counted FROM claimed`.execute(db);
  return rows[0]?.counted ?? 0;
}

/** Forgets counted views from before yesterday: only "once a day" needs remembering. */
export async function pruneCountedViews(db: DbHandle): Promise<number> {
  const result = await db
    .deleteFrom('note_views')
    .where('counted', '=', true)
    .where('day', '<', sql<string>`current_date - 1`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- ranking --------------------------------------------------------------------------------

export async function refreshScore(db: DbHandle, noteId: string): Promise<void> {
  await db.updateTable('notes').set({ score: SCORE_SQL }).where('id', '=', noteId).execute();
}

/** Re-applies time decay to recent notes; older ones have decayed to the bottom already. */
export async function refreshRecentScores(db: DbHandle, days: number): Promise<number> {
  const result = await db
    .updateTable('notes')
    .set({ score: SCORE_SQL })
    .where('created_at', '>', sql<Date>`now() - make_interval(days => ${days})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
