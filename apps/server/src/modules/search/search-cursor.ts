import { createHash } from 'node:crypto';
import { commonError } from '../../http/errors.js';

/**
 * Search cursors are keysets: the sort key of the last item of a page (a score as PostgreSQL
 * printed it, so it compares exactly, then tie-breakers), plus a fingerprint of the query it
 * belongs to and, for notes, the time the first page was ranked at. Opaque to clients
 * (base64url JSON).
 */
export interface SearchCursor {
  /** Fingerprint of the normalized query: a cursor is refused with another query. */
  query: string;
  /** The sort key of the last item returned, as text. */
  key: string[];
  /** Notes only: the instant recency is measured from, fixed by the first page. */
  asOf?: string;
}

export function queryFingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function invalid(): Error {
  return commonError('VALIDATION_FAILED', 'The cursor is not valid for this search', {
    fields: [{ field: '/querystring/cursor', message: 'is not valid for this search' }],
  });
}

/** What each part of a sort key must look like before it reaches SQL. */
export type KeyKind = 'float' | 'integer' | 'uuid' | 'text';

const KEY_PATTERNS: Record<KeyKind, RegExp> = {
  // float8 output: digits, optional fraction and exponent (scores are never NaN or infinite)
  float: /^-?\d+(\.\d+)?(e[-+]?\d+)?$/,
  integer: /^-?\d{1,18}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  text: /^[^\p{Cc}]{1,100}$/u,
};

/** Decodes a cursor made by `encodeCursor` for the same query, with sort keys of these kinds. */
export function decodeCursor(
  text: string,
  expected: { query: string; key: readonly KeyKind[]; withAsOf: boolean },
): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const cursor = parsed as Partial<SearchCursor> | null;
  if (
    typeof cursor !== 'object' ||
    cursor === null ||
    cursor.query !== expected.query ||
    !Array.isArray(cursor.key) ||
    cursor.key.length !== expected.key.length ||
    !cursor.key.every(
      (part, index) =>
        typeof part === 'string' && KEY_PATTERNS[expected.key[index] as KeyKind].test(part),
    )
  ) {
    throw invalid();
  }
  if (expected.withAsOf) {
    if (typeof cursor.asOf !== 'string' || Number.isNaN(Date.parse(cursor.asOf))) throw invalid();
    return { query: cursor.query, key: cursor.key, asOf: cursor.asOf };
  }
  return { query: cursor.query, key: cursor.key };
}
