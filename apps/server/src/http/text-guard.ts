import { commonError } from './errors.js';

// NUL and unpaired UTF-16 surrogates are valid in a JSON string but are not text PostgreSQL can
// store: `text` refuses NUL and `jsonb` refuses both, so they reached the database as a 500, or
// were silently replaced (a lone surrogate becomes U+FFFD on the wire). They are refused at the
// edge instead, for every input of every route. (With the `u` flag, a surrogate pair is one code
// point: only unpaired halves match.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const UNSTORABLE = /[\u0000\ud800-\udfff]/u;

/** The JSON pointer of the first string (value or key) that cannot be stored, or null. */
export function findUnstorableText(value: unknown, pointer = ''): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? pointer : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findUnstorableText(value[index], `${pointer}/${index}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (UNSTORABLE.test(key)) return at;
      const found = findUnstorableText(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Refuses a request whose params, query or body hold a NUL or an unpaired surrogate. */
export function refuseUnstorableText(inputs: Record<'params' | 'query' | 'body', unknown>): void {
  for (const [part, value] of Object.entries(inputs)) {
    const found = findUnstorableText(value);
    if (found === null) continue;
    const field = `/${part === 'query' ? 'querystring' : part}${found}`;
    const message = 'contains a NUL character or an unpaired surrogate';
    throw commonError('VALIDATION_FAILED', `${field} ${message}`, {
      fields: [{ field, message }],
    });
  }
}
