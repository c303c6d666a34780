import type { DbHandle } from '../../db/database.js';

// Every SQL statement of the known-bad hash bank (migration 0034).

/** One banked hash as the matcher needs it. */
export interface BankedHash {
  seq: string;
  hash: string;
  source: 'removed' | 'imported';
  listName: string | null;
  decisionId: string | null;
  caseId: string | null;
}

/** Banked hashes after `afterSeq` (all with '0'), in order: the matcher's incremental load. */
export async function bankedSince(db: DbHandle, afterSeq: string): Promise<BankedHash[]> {
  const rows = await db
    .selectFrom('hash_bank')
    .select(['seq', 'hash', 'source', 'list_name', 'decision_id', 'case_id'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: String(row.seq),
    hash: row.hash,
    source: row.source,
    listName: row.list_name,
    decisionId: row.decision_id,
    caseId: row.case_id,
  }));
}

/**
 * The highest `seq` banked ('0' when the bank is empty) and how many rows it holds: the matcher's
 * staleness check (a higher `seq`: rows were added; fewer rows than it holds: some were unbanked).
 */
export async function bankState(db: DbHandle): Promise<{ seq: string; count: number }> {
  const row = await db
    .selectFrom('hash_bank')
    .select((eb) => [eb.fn.max('seq').as('seq'), eb.fn.countAll<string>().as('count')])
    .executeTakeFirst();
  return { seq: row?.seq == null ? '0' : String(row.seq), count: Number(row?.count ?? 0) };
}

/** The detail images of an account's removed notes (what a ban or suspension for spam banks). */
export function removedNoteImagesOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('notes as n')
    .innerJoin('note_media as nm', 'nm.note_id', 'n.id')
    .innerJoin('media as m', 'm.id', 'nm.media_id')
    .select(['m.id', 'm.variants'])
    .where('n.author_id', '=', accountId)
    .where('n.status', '=', 'removed')
    .orderBy('n.id')
    .orderBy('nm.position')
    .execute();
}

/** Removes what one decision banked (its reversal on appeal); how many hashes. */
export async function deleteBankedBy(db: DbHandle, decisionId: string): Promise<number> {
  const rows = await db
    .deleteFrom('hash_bank')
    .where('source', '=', 'removed')
    .where('decision_id', '=', decisionId)
    .returning('seq')
    .execute();
  return rows.length;
}

/** The detail images of a note's media (what a removal banks). */
export function noteDetailImages(db: DbHandle, noteId: string) {
  return db
    .selectFrom('note_media as nm')
    .innerJoin('media as m', 'm.id', 'nm.media_id')
    .select(['m.id', 'm.variants'])
    .where('nm.note_id', '=', noteId)
    .orderBy('nm.position')
    .execute();
}

/** Banks the hashes of one removed image under a decision; ones it already banked are skipped. */
export async function insertRemoved(
  db: DbHandle,
  rows: readonly { hash: string; whole: boolean }[],
  ref: { mediaId: string; decisionId: string; caseId: string | null },
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('hash_bank')
    .values(
      rows.map((row) => ({
        hash: row.hash,
        whole: row.whole,
        source: 'removed' as const,
        media_id: ref.mediaId,
        decision_id: ref.decisionId,
        case_id: ref.caseId,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['decision_id', 'media_id', 'hash']).where('source', '=', 'removed').doNothing(),
    )
    .returning('seq')
    .execute();
  return inserted.length;
}

/** Banks an imported list's hashes; ones the list already has are skipped. */
export async function insertImported(
  db: DbHandle,
  hashes: readonly string[],
  listName: string,
): Promise<number> {
  let inserted = 0;
  // a few thousand rows per statement keeps the bind parameters well under PostgreSQL's limit
  for (let start = 0; start < hashes.length; start += 5_000) {
    const rows = await db
      .insertInto('hash_bank')
      .values(
        hashes
          .slice(start, start + 5_000)
          .map((hash) => ({ hash, source: 'imported' as const, list_name: listName })),
      )
      .onConflict((oc) =>
        oc.columns(['list_name', 'hash']).where('source', '=', 'imported').doNothing(),
      )
      .returning('seq')
      .execute();
    inserted += rows.length;
  }
  return inserted;
}
