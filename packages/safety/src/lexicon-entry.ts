/**
 * Validation of lexicon entries and their compiled form.
 */
import {
  CATEGORIES,
  type Category,
  type LexiconEntry,
  MATCH_MODES,
  SEVERITIES,
  type Severity,
  TERM_SCOPES,
} from './types.js';

/** Thrown by `compileLexicon` for an invalid entry; `index` points at it. */
export class LexiconError extends Error {
  readonly code = 'LEXICON_INVALID';
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'LexiconError';
  }
}

/** A validated entry with its defaults applied. */
export interface CompiledEntry {
  term: string;
  category: Category;
  severity: Severity;
  allow: boolean;
}

/** Validates an entry and applies its defaults; throws `LexiconError` naming `index`. */
export function compileEntry(entry: LexiconEntry, index: number): CompiledEntry {
  validateEntry(entry, index);
  return {
    term: entry.term,
    category: entry.category,
    severity: entry.severity ?? 'medium',
    allow: entry.allow === true,
  };
}

function validateEntry(entry: LexiconEntry, index: number): void {
  if (typeof entry !== 'object' || entry === null)
    throw new LexiconError('entry is not an object', index);
  if (typeof entry.term !== 'string' || entry.term.trim() === '') {
    throw new LexiconError('term must be a non-empty string', index);
  }
  if (!(CATEGORIES as readonly string[]).includes(entry.category)) {
    throw new LexiconError(`unknown category ${JSON.stringify(entry.category)}`, index);
  }
  if (entry.severity !== undefined && !(SEVERITIES as readonly string[]).includes(entry.severity)) {
    throw new LexiconError(`unknown severity ${JSON.stringify(entry.severity)}`, index);
  }
  if (entry.scope !== undefined && !(TERM_SCOPES as readonly string[]).includes(entry.scope)) {
    throw new LexiconError(`unknown scope ${JSON.stringify(entry.scope)}`, index);
  }
  if (entry.homophones !== undefined && typeof entry.homophones !== 'boolean') {
    throw new LexiconError('homophones must be a boolean', index);
  }
  if (entry.match !== undefined && !(MATCH_MODES as readonly string[]).includes(entry.match)) {
    throw new LexiconError(`unknown match mode ${JSON.stringify(entry.match)}`, index);
  }
}
