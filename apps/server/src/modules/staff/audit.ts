import { createHash } from 'node:crypto';
import type {
  AuditActorKind,
  AuditProblem,
  AuditQuery,
  AuditRecord,
  AuditVerification,
} from '@atrium/contracts';
import { type DbHandle, inTransaction } from '../../db/database.js';
import type { AuditLogRow } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { uuidv7 } from '../../lib/uuid7.js';
import * as store from './audit.store.js';

/**
 * The tamper-evident audit log. Each record's hash is
 *
 *   hash = sha256_hex(prev_hash || canonical_json({ id, createdAt, actorId, actorKind, action,
 *                                                  targetType, targetId, data }))
 *
 * with keys sorted at every level and `createdAt` an ISO 8601 string in milliseconds (generated
 * here, not by the database, so the hash can be recomputed from the row). The first record's
 * `prev_hash` is `AUDIT_GENESIS`. `seq` is not hashed: it is the storage order, and verification
 * checks it against the chain itself (every record names its predecessor's hash), so a record
 * renumbered, moved or removed shows up as a broken link.
 */
export const AUDIT_GENESIS = '0'.repeat(64);

export interface AuditEntry {
  /** The staff member or operator account; null for automated enforcement by the system. */
  actorId: string | null;
  actorKind: AuditActorKind;
  /** `<domain>.<verb>`, e.g. `staff.add`, `policy.publish`, `case.decide`, `note.auto_enforce`. */
  action: string;
  targetType: string;
  targetId: string;
  /** What changed and why (JSON); never secrets or personal data beyond what the action needs. */
  data?: Record<string, unknown>;
}

/** A stored record as the code sees it. */
export interface AuditLogEntry {
  seq: number;
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorKind: AuditActorKind;
  action: string;
  targetType: string;
  targetId: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Plain JSON as PostgreSQL's jsonb will give it back: `undefined` dropped, dates as strings,
 * NUL characters (which jsonb refuses) and lone surrogates replaced.
 */
function toJson(value: unknown): Json {
  const text = JSON.stringify(value ?? {}, (_key, item: unknown) =>
    typeof item === 'string'
      ? item.replace(/\0/g, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD')
      : item,
  );
  return JSON.parse(text) as Json;
}

/** JSON with object keys sorted at every level: one text for one value. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, record: Omit<AuditLogEntry, 'seq' | 'hash'>): string {
  const fields: Json = {
    id: record.id.toLowerCase(),
    createdAt: record.createdAt.toISOString(),
    actorId: record.actorId?.toLowerCase() ?? null,
    actorKind: record.actorKind,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    data: toJson(record.data),
  };
  return createHash('sha256')
    .update(prevHash + canonicalJson(fields))
    .digest('hex');
}

function fromRow(row: AuditLogRow): AuditLogEntry {
  return {
    seq: row.seq,
    id: row.id,
    createdAt: row.created_at,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends a record in the caller's transaction (or a transaction of its own when given the
 * database): the record commits or rolls back with the action it describes. Appends are
 * serialized by a transaction-scoped advisory lock, so concurrent actions wait for each other
 * here until commit; keep audited transactions short. Call it last in the transaction, after
 * the checks that may fail, to hold the lock briefly. The caller's transaction must be READ
 * COMMITTED (the default): a snapshot taken before the lock would not see the last record.
 */
export async function recordAudit(handle: DbHandle, entry: AuditEntry): Promise<AuditLogEntry> {
  return inTransaction(handle, async (tx) => {
    await store.lockChain(tx);
    const last = await store.lastRecord(tx);
    const prevHash = last?.hash ?? AUDIT_GENESIS;
    const data = toJson(entry.data ?? {}) as Record<string, unknown>;
    const record = {
      id: uuidv7(),
      createdAt: new Date(),
      actorId: entry.actorId?.toLowerCase() ?? null,
      actorKind: entry.actorKind,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      data,
      prevHash,
    };
    const seq = (last?.seq ?? 0) + 1;
    const hash = auditHash(prevHash, record);
    await store.insertRecord(tx, {
      seq,
      id: record.id,
      created_at: record.createdAt,
      actor_id: record.actorId,
      actor_kind: record.actorKind,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId,
      data: canonicalJson(data as Json),
      prev_hash: prevHash,
      hash,
    });
    return { seq, ...record, hash };
  });
}

/** Verification stops listing problems after this many (the chain is broken either way). */
const MAX_PROBLEMS = 1000;
const BATCH = 1000;

/**
 * Walks the whole chain in `seq` order and reports, per record:
 * - `edited`: its hash does not match its fields (changed without re-hashing, or its seq was
 *   changed while keeping the order, which leaves a gap in an unbroken chain);
 * - `deleted`: records are missing before it (a gap in seq, and its predecessor's hash is
 *   nowhere in the log) — reported with the missing seq numbers;
 * - `reordered`: its predecessor is in the log, but not right before it;
 * - `broken_link`: its predecessor's hash is nowhere in the log although no seq is missing (a
 *   record was changed and re-hashed, or removed and the rest renumbered).
 * Records cut off the end leave no trace in the chain: compare `head` with a copy kept elsewhere.
 */
export async function verifyAuditChain(db: DbHandle): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const report = (seq: number, kind: AuditProblem['kind']) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, kind });
  };
  let checked = 0;
  let previous: { seq: number; hash: string } | null = null;
  for (;;) {
    const rows = await store.readChain(db, previous?.seq ?? 0, BATCH);
    for (const row of rows) {
      checked += 1;
      const entry = fromRow(row);
      const expectedSeq = (previous?.seq ?? 0) + 1;
      const expectedPrev = previous?.hash ?? AUDIT_GENESIS;
      const gap = row.seq !== expectedSeq;
      if (auditHash(entry.prevHash, entry) !== entry.hash) {
        report(row.seq, 'edited');
      } else if (entry.prevHash !== expectedPrev) {
        if (entry.prevHash !== AUDIT_GENESIS && (await store.hashExists(db, entry.prevHash))) {
          report(row.seq, 'reordered');
        } else if (entry.prevHash === AUDIT_GENESIS && previous !== null) {
          // a second "first" record: moved here from the head of the chain
          report(row.seq, 'reordered');
        } else if (gap) {
          for (let missing = expectedSeq; missing < row.seq; missing += 1) {
            report(missing, 'deleted');
            if (problems.length >= MAX_PROBLEMS) break;
          }
        } else {
          report(row.seq, 'broken_link');
        }
      } else if (gap) {
        report(row.seq, 'edited');
      }
      previous = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < BATCH) break;
  }
  return {
    ok: problems.length === 0,
    checked,
    problems,
    head: previous,
  };
}

export function toAuditRecord(row: store.AuditListRow): AuditRecord {
  return {
    seq: row.seq,
    id: row.id,
    createdAt: row.created_at.toISOString(),
    actor: row.actor_id && row.actor_handle ? { id: row.actor_id, handle: row.actor_handle } : null,
    actorKind: row.actor_kind,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The log newest first, filtered, with a cursor on `seq`. */
export async function listAudit(
  db: DbHandle,
  query: AuditQuery,
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const limit = query.limit ?? 20;
  const cursor = decodeCursor(
    query.cursor,
    (value): value is { before: number } =>
      Number.isSafeInteger(value.before) && (value.before as number) > 0,
  );
  const rows = await store.listRecords(db, query, cursor?.before ?? null, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toAuditRecord),
    nextCursor: rows.length > limit ? encodeCursor({ before: page.at(-1)!.seq }) : null,
  };
}
