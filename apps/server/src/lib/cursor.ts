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
