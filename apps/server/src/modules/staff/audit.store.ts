import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { AuditActorKind, AuditLogRow } from '../../db/schema.js';

// SQL for the audit log: the only place it lives. The table refuses UPDATE, DELETE and TRUNCATE.

/** Advisory lock key serializing appends (notes use 7243001 for topic counting). */
const AUDIT_CHAIN_LOCK = 7243100;

/**
 * Waits for the right to append, held until the caller's transaction ends: the next append
 * reads the last record only after this one committed or rolled back, so the chain never forks.
 */
export async function lockChain(tx: DbHandle): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)})`.execute(tx);
}

export function lastRecord(
  tx: DbHandle,
): Promise<Pick<AuditLogRow, 'seq' | 'hash' | 'created_at'> | undefined> {
  return tx
    .selectFrom('audit_log')
    .select(['seq', 'hash', 'created_at'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface NewAuditRow {
  seq: number;
  id: string;
  created_at: Date;
  actor_id: string | null;
  actor_kind: AuditActorKind;
  action: string;
  target_type: string;
  target_id: string;
  /** Canonical JSON text. */
  data: string;
  prev_hash: string;
  hash: string;
}

export async function insertRecord(tx: DbHandle, row: NewAuditRow): Promise<void> {
  await tx.insertInto('audit_log').values(row).execute();
}

export interface AuditFilters {
  action?: string | undefined;
  actorHandle?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
}

export type AuditListRow = AuditLogRow & { actor_handle: string | null };

/** Newest first, before `beforeSeq`; the actor's current handle joined for display. */
export function listRecords(
  db: DbHandle,
  filters: AuditFilters,
  beforeSeq: number | null,
  limit: number,
): Promise<AuditListRow[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('accounts', 'accounts.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('accounts.handle as actor_handle');
  if (filters.action) query = query.where('audit_log.action', '=', filters.action);
  if (filters.targetType) query = query.where('audit_log.target_type', '=', filters.targetType);
  if (filters.targetId) query = query.where('audit_log.target_id', '=', filters.targetId);
  if (filters.actorHandle) {
    query = query.where('accounts.handle', '=', filters.actorHandle.trim().toLowerCase());
  }
  if (beforeSeq !== null) query = query.where('audit_log.seq', '<', beforeSeq);
  return query.orderBy('audit_log.seq', 'desc').limit(limit).execute();
}

/** A slice of the chain in order, for verification. */
export function readChain(db: DbHandle, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}

export async function hashExists(db: DbHandle, hash: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The newest record of `action` by `actorId` on account `accountId` made after `since`: an
 * unmasking still running (the audit log is where grants live; `audit_log_target` serves it).
 */
export function latestActionOn(
  db: DbHandle,
  input: { action: string; actorId: string; accountId: string; since: Date },
): Promise<AuditLogRow | undefined> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_type', '=', 'account')
    .where('target_id', '=', input.accountId.toLowerCase())
    .where('action', '=', input.action)
    .where('actor_id', '=', input.actorId.toLowerCase())
    .where('created_at', '>', input.since)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
