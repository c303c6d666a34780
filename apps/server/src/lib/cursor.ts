import { commonError } from '../http/errors.js';

/** Opaque page cursors: base64url JSON, so their content may change without breaking clients. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a tampered or foreign one is a validation error. */
export function decodeCursor<T extends Record<string, unknown>>(
  cursor: string | undefined,
  check: (value: Record<string, unknown>) => value is T,
): T | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!value || typeof value !== 'object' || !check(value as Record<string, unknown>)) {
    throw commonError('VALIDATION_FAILED', 'The cursor is not valid', {
      fields: [{ field: '/querystring/cursor', message: 'is not valid' }],
    });
  }
  return value as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The common case: "continue after this id". */
export function decodeIdCursor(cursor: string | undefined): string | null {
  const value = decodeCursor(
    cursor,
    (v): v is { after: string } => typeof v.after === 'string' && UUID.test(v.after),
  );
  return value?.after ?? null;
}

export function idCursor<T extends { id: string }>(rows: T[], limit: number): string | null {
  return rows.length === limit && rows.length > 0 ? encodeCursor({ after: rows.at(-1)!.id }) : null;
}

/** Where a reader is in a stored ranking: its id, how far in, and the page size its order uses. */
export interface SnapshotPosition {
  snapshot: string;
  offset: number;
  limit: number;
}

const SNAPSHOT_CURSOR_BYTES = 20;
const SNAPSHOT_CURSOR_VERSION = 1;

/**
 * A fixed-size cursor into a stored ranking (27 characters however far one scrolls): version,
 * the snapshot's UUID, offset and page size, base64url.
 */
export function encodeSnapshotCursor({ snapshot, offset, limit }: SnapshotPosition): string {
  const bytes = Buffer.alloc(SNAPSHOT_CURSOR_BYTES);
  bytes.writeUInt8(SNAPSHOT_CURSOR_VERSION, 0);
  Buffer.from(snapshot.replaceAll('-', ''), 'hex').copy(bytes, 1);
  bytes.writeUInt16BE(offset, 17);
  bytes.writeUInt8(limit, 19);
  return bytes.toString('base64url');
}

/** Reads a cursor made by `encodeSnapshotCursor`; anything else is a validation error. */
export function decodeSnapshotCursor(cursor: string | undefined): SnapshotPosition | null {
  if (!cursor) return null;
  const bytes = /^[A-Za-z0-9_-]{27}$/.test(cursor) ? Buffer.from(cursor, 'base64url') : null;
  if (
    !bytes ||
    bytes.length !== SNAPSHOT_CURSOR_BYTES ||
    bytes.readUInt8(0) !== SNAPSHOT_CURSOR_VERSION ||
    bytes.readUInt8(19) === 0
  ) {
    throw commonError('VALIDATION_FAILED', 'The cursor is not valid', {
      fields: [{ field: '/querystring/cursor', message: 'is not valid' }],
    });
  }
  const hex = bytes.subarray(1, 17).toString('hex');
  return {
    snapshot: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    offset: bytes.readUInt16BE(17),
    limit: bytes.readUInt8(19),
  };
}
