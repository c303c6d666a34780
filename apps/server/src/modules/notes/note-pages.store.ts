import type { DbHandle } from '../../db/database.js';
import { fixedStatement } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import { NOTE_COLUMN_LIST } from './note-columns.store.js';

// What a feed page reads beside cached rows: missing rows, the viewer's likes, collects and blocks.

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
