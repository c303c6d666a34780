import type { Note, NotePage, StatementOfReasons } from '@atrium/contracts';
import type { NoteRow } from '../../db/schema.js';
import { SerializedJson } from '../../http/serialized.js';
import type { NoteJsonCache, NotePartsCache } from './note-cache.js';
import { authorsView, explainedIds, serializeNote, toNote, type ViewerFlags } from './note-card.js';
import type { ViewedNoteRow } from './note-columns.store.js';

// Lists of notes as the API sends them: note objects, or serialized fragments for feed pages.

/**
 * Turns note rows into the API shape. The rarely changing parts come from the cache (or four
 * batched queries for a page); the viewer's likes and collects take one more query unless the
 * rows carry them.
 */
export async function presentNoteRows(
  cache: NotePartsCache,
  rows: ViewedNoteRow[],
  /** The viewer's flags, started by the caller so they are read alongside the parts. */
  viewerFlags: Promise<(row: ViewedNoteRow) => ViewerFlags>,
  viewerId: string | null,
  locale: string,
  statementsOf?: (noteIds: string[]) => Promise<Map<string, StatementOfReasons[]>>,
): Promise<Note[]> {
  if (rows.length === 0) return [];
  const explained = explainedIds(rows, viewerId);
  const [parts, flags, statements] = await Promise.all([
    cache.partsOf(rows),
    viewerFlags,
    statementsOf && explained.length > 0 ? statementsOf(explained) : null,
  ]);
  return rows.map((row) =>
    toNote(
      row,
      parts.get(row.id)!,
      locale,
      flags(row),
      viewerId === row.author_id ? authorsView(row, statements?.get(row.id) ?? []) : undefined,
    ),
  );
}

/** Notes as serialized JSON, each a list of buffers (see NoteJsonCache). */
export type NoteFragments = Buffer[][];

/**
 * Like presentNoteRows, as JSON fragments: what lists of notes send. `flags` gives the viewer's
 * likes and collects when the rows do not carry them.
 */
export async function presentNoteRowsJson(
  cache: NotePartsCache,
  json: NoteJsonCache,
  rows: NoteRow[],
  flags: (row: NoteRow) => ViewerFlags,
  viewerId: string | null,
  locale: string,
  statementsOf?: (noteIds: string[]) => Promise<Map<string, StatementOfReasons[]>>,
): Promise<NoteFragments> {
  if (rows.length === 0) return [];
  const explained = explainedIds(rows, viewerId);
  const [parts, statements] = await Promise.all([
    cache.partsOf(rows),
    statementsOf && explained.length > 0 ? statementsOf(explained) : null,
  ]);
  return rows.map((row) => {
    const part = parts.get(row.id)!;
    if (viewerId !== row.author_id) return json.fragment(row, part, locale, flags(row));
    const own = toNote(
      row,
      part,
      locale,
      flags(row),
      authorsView(row, statements?.get(row.id) ?? []),
    );
    return [Buffer.from(serializeNote(own))];
  });
}

const PAGE_OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/** `{ items, nextCursor }` from serialized notes. */
export function notePage(
  notes: NoteFragments,
  nextCursor: string | null,
): SerializedJson<NotePage> {
  const chunks: Buffer[] = [PAGE_OPEN];
  notes.forEach((note, index) => {
    if (index > 0) chunks.push(COMMA);
    chunks.push(...note);
  });
  chunks.push(Buffer.from(`],"nextCursor":${JSON.stringify(nextCursor)}}`));
  return new SerializedJson(Buffer.concat(chunks));
}
