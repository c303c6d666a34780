import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type {
  MediaCheckState,
  NoteRow,
  NoteStatus,
  RegionActions,
  VisibleAction,
} from '../../db/schema.js';
import { staffBadgeSql } from '../accounts/accounts.store.js';
import type { AuthorRow } from '../accounts/author-summaries.js';
import { type SearchDocumentParts, searchDocumentSql } from '../search/search-documents.store.js';
import { noteVisible, type VisibilityContext } from '../visibility/visibility.js';
import { NOTE_COLUMNS, type ViewedNoteRow, viewerFlags } from './note-columns.store.js';

// SQL for the note rows themselves: writing, moderating, finding and deleting them. Topics,
// mentions, media links, views, counters and page reads have their own stores beside this one.

export interface NewNote {
  id: string;
  author_id: string;
  title: string;
  body: string;
  lang: string | null;
  ip_country: string | null;
  ip_region: string | null;
  search: SearchDocumentParts;
  moderation: NoteModerationState;
}

/** What moderation decided for a note: its status and what each region sees. */
export interface NoteModerationState {
  status: NoteStatus;
  moderation_action: VisibleAction;
  region_actions: RegionActions | null;
  labels: string[];
  /** The wait for its images' checks (docs/media.md); unchanged when absent. */
  media_check?: MediaCheckState | null;
  media_hold?: boolean;
}

const moderationColumns = (state: NoteModerationState) => ({
  status: state.status,
  moderation_action: state.moderation_action,
  region_actions: state.region_actions ? JSON.stringify(state.region_actions) : null,
  labels: state.labels,
  ...(state.media_check !== undefined ? { media_check: state.media_check } : {}),
  ...(state.media_hold !== undefined ? { media_hold: state.media_hold } : {}),
});

/** A new note's score: `SCORE_SQL` (note-counts.store) with no engagement at age zero. */
const NEW_NOTE_SCORE = sql<number>`1 / power(2.0, 1.5)`;

export interface PublishedNote {
  row: NoteRow;
  author: AuthorRow;
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
 * the same transaction when there are any). The topic, mention and author-count parts repeat,
 * as CTEs, what topics' and this module's other stores do in separate statements: one round
 * trip matters more here than keeping each table's SQL in one file.
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
      author_staff: boolean;
      topic_tags: string[];
      topic_displays: string[];
      mention_handles: string[];
    }
  >`
    WITH note AS (
      INSERT INTO notes (id, author_id, title, body, lang, ip_country, ip_region, status,
        moderation_action, region_actions, labels, search_document, score, media_check, media_hold)
      VALUES (${row.id}, ${row.author_id}, ${row.title}, ${row.body}, ${row.lang}, ${row.ip_country},
        ${row.ip_region}, ${state.status}, ${state.moderation_action}, ${state.region_actions}::jsonb,
        ${state.labels}::text[], ${searchDocumentSql(search)}, ${NEW_NOTE_SCORE},
        ${moderation.media_check ?? null}::text, ${moderation.media_hold ?? false})
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
      author.avatar_url AS author_avatar_url, ${staffBadgeSql('author.id')} AS author_staff,
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
    author_staff,
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
      staff: author_staff,
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
    search: SearchDocumentParts;
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

/** Every note of an account, whatever its status, with that status. */
export function notesOf(
  db: DbHandle,
  authorId: string,
): Promise<{ id: string; status: NoteRow['status'] }[]> {
  return db
    .selectFrom('notes')
    .select(['id', 'status'])
    .where('author_id', '=', authorId)
    .orderBy('id')
    .execute();
}

export async function noteIdsOf(db: DbHandle, authorId: string): Promise<string[]> {
  return (await notesOf(db, authorId)).map((row) => row.id);
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

export async function deleteNoteRow(db: DbHandle, id: string): Promise<void> {
  await db.deleteFrom('notes').where('id', '=', id).execute();
}
