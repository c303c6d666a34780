import { commonError } from './errors.js';

// NUL and unpaired UTF-16 surrogates are valid in a JSON string but are not text PostgreSQL can
// store: `text` refuses NUL and `jsonb` refuses both, so they reached the database as a 500, or
// were silently replaced (a lone surrogate becomes U+FFFD on the wire). They are refused at the
// edge instead, for every input of every route. (With the `u` flag, a surrogate pair is one code
// point: only unpaired halves match.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const UNSTORABLE = /[\u0000\ud800-\udfff]/u;

/**
 * The deepest nesting of arrays and objects an input may have (`[[1]]` nests 2 deep). No
 * contract comes near it (a policy document nests about 5 deep); deeper input is refused before
 * anything walks it, since recursive code (validation, serialization, the safety matcher) would
 * run out of stack on 100,000 levels — 200 KB of `[`.
 */
export const MAX_NESTING = 64;

export interface InputProblem {
  /** JSON pointer of the offending value or key, within the part it was found in. */
  pointer: string;
  message: string;
}

const TOO_DEEP = `is nested more than ${MAX_NESTING} levels deep`;
const UNSTORABLE_TEXT = 'contains a NUL character or an unpaired surrogate';

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string;
  /** The key is an object's (checked as text), not an array index. */
  named: boolean;
}

function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) keys.push(at.key);
  return keys
    .reverse()
    .map((key) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/**
 * The first problem in `value`, in document order: an array or object nested deeper than
 * `maxDepth`, or (with `text`) a string value or key that cannot be stored. Iterative, with an
 * explicit stack: any input, however deep, is walked without recursion.
 */
export function findInputProblem(
  value: unknown,
  options: { text?: boolean; maxDepth?: number } = {},
): InputProblem | null {
  const text = options.text ?? true;
  const maxDepth = options.maxDepth ?? MAX_NESTING;
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: '', named: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const item = frame.value;
    if (text && frame.named && UNSTORABLE.test(frame.key)) {
      return { pointer: pointerOf(frame), message: UNSTORABLE_TEXT };
    }
    if (typeof item === 'string') {
      if (text && UNSTORABLE.test(item)) {
        return { pointer: pointerOf(frame), message: UNSTORABLE_TEXT };
      }
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) return { pointer: pointerOf(frame), message: TOO_DEEP };
    // children are pushed last first, so that they are visited in document order
    if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index -= 1) {
        stack.push({ value: item[index], depth, parent: frame, key: String(index), named: false });
      }
      continue;
    }
    const entries = Object.entries(item);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index]!;
      stack.push({ value: child, depth, parent: frame, key, named: true });
    }
  }
  return null;
}

/**
 * Refuses a request whose params, query or body hold a NUL or an unpaired surrogate, or nest
 * deeper than `MAX_NESTING` (JSON bodies are already refused that deep when parsed).
 */
export function refuseUnstorableText(inputs: Record<'params' | 'query' | 'body', unknown>): void {
  for (const [part, value] of Object.entries(inputs)) {
    const found = findInputProblem(value);
    if (found === null) continue;
    const field = `/${part === 'query' ? 'querystring' : part}${found.pointer}`;
    throw commonError('VALIDATION_FAILED', `${field} ${found.message}`, {
      fields: [{ field, message: found.message }],
    });
  }
}
