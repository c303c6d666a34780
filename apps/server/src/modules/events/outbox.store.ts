import { sql } from 'kysely';
import type { DbHandle, Tx } from '../../db/database.js';

export interface OutboxRow {
  id: string;
  subject: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

export async function insertOutbox(
  tx: Tx,
  row: { id: string; subject: string; payload: Record<string, unknown> },
): Promise<void> {
  await tx
    .insertInto('outbox_events')
    .values({ id: row.id, subject: row.subject, payload: JSON.stringify(row.payload) })
    .execute();
}

/**
 * The oldest unsent rows, locked for this transaction; rows another relay holds are skipped,
 * so several nodes relay side by side without publishing a row twice.
 */
export async function lockUnsent(tx: Tx, limit: number): Promise<OutboxRow[]> {
  const { rows } = await sql<OutboxRow>`
    SELECT id, subject, payload, created_at FROM outbox_events
     WHERE sent_at IS NULL
     ORDER BY id
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`.execute(tx);
  return rows;
}

export async function markSent(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('outbox_events')
    .set({ sent_at: new Date() })
    .where('id', 'in', ids)
    .execute();
}

/** Sent rows older than `before` (kept a while for the operator's inspection). */
export async function pruneSent(db: DbHandle, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('outbox_events')
    .where('sent_at', 'is not', null)
    .where('sent_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Unsent rows and the oldest one's time (the backlog `/metrics` exports too). */
export async function unsentBacklog(db: DbHandle): Promise<{ items: number; oldest: Date | null }> {
  const { rows } = await sql<{ items: number; oldest: Date | null }>`
    SELECT count(*)::int AS items, min(created_at) AS oldest
      FROM outbox_events WHERE sent_at IS NULL`.execute(db);
  return rows[0] ?? { items: 0, oldest: null };
}

/**
 * Notes that `consumer` handles `eventId`, in the handler's transaction. False when it has
 * already: a redelivered message, to be acknowledged and left alone.
 */
export async function claimConsumed(tx: Tx, consumer: string, eventId: string): Promise<boolean> {
  const inserted = await tx
    .insertInto('consumed_events')
    .values({ consumer, event_id: eventId })
    .onConflict((conflict) => conflict.doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function pruneConsumed(db: DbHandle, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('consumed_events')
    .where('consumed_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
