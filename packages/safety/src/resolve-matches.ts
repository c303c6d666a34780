/**
 * The last step of a scan: deduplication, exceptions and contact IDs.
 */
import { CONTACT_ID_TERM, handleAfter, PHONE_TERM } from './contacts.js';
import type { CompiledEntry } from './lexicon-entry.js';
import { type Category, type Match, SEVERITIES } from './types.js';

/**
 * Turns raw candidates (triples of entry index, start, end; index -1 for a phone number) into
 * matches: one per category and span, exceptions applied, contact IDs after lures added.
 */
export function resolveMatches(
  text: string,
  found: readonly number[],
  entries: readonly CompiledEntry[],
  contacts: boolean,
): Match[] {
  // One match per category and span: the same word is often listed in several languages.
  const bySpan = new Map<string, Match>();
  const allowed: { category: Category; start: number; end: number }[] = [];
  for (let i = 0; i < found.length; i += 3) {
    const index = found[i]!;
    const start = found[i + 1]!;
    const end = found[i + 2]!;
    if (index < 0) {
      bySpan.set(`phone:${start}`, {
        term: PHONE_TERM,
        category: 'fraud',
        severity: 'medium',
        start,
        end,
      });
      continue;
    }
    const entry = entries[index]!;
    if (entry.allow) {
      allowed.push({ category: entry.category, start, end });
      continue;
    }
    const key = `${entry.category}:${start}:${end}`;
    const known = bySpan.get(key);
    if (!known || SEVERITIES.indexOf(entry.severity) > SEVERITIES.indexOf(known.severity)) {
      bySpan.set(key, {
        term: entry.term,
        category: entry.category,
        severity: entry.severity,
        start,
        end,
      });
    }
  }
  const candidates = [...bySpan.values()];
  const matches = candidates.filter(
    (match) =>
      !allowed.some(
        (a) => a.category === match.category && a.start < match.end && match.start < a.end,
      ),
  );
  if (contacts) {
    for (const match of [...matches]) {
      if (match.category !== 'fraud' || match.term === PHONE_TERM) continue;
      const handle = handleAfter(text, match.end);
      if (handle)
        matches.push({
          term: CONTACT_ID_TERM,
          category: 'fraud',
          severity: match.severity,
          ...handle,
        });
    }
  }
  return matches.sort((a, b) => a.start - b.start || a.end - b.end);
}
