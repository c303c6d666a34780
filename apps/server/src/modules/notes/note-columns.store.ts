import { sql } from 'kysely';
import type { NoteRow } from '../../db/schema.js';

// How notes are selected: shared by every store that reads note rows (notes, views, feeds).

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
  'notes.media_check',
  'notes.media_hold',
] as const;

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

/** The same columns as one SQL list, for fixed statement texts. */
export const NOTE_COLUMN_LIST = NOTE_COLUMNS.join(', ');
