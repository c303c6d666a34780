/**
 * The last step of a scan: contact details, deduplication, exceptions, contact IDs after lures,
 * and why each match fired.
 */
import {
  CONTACT_ID_TERM,
  CONTACT_LINK_TERM,
  FOUND_CONTACT_ID,
  FOUND_CONTACT_LINK,
  findContacts,
  handleAfter,
  PHONE_TERM,
} from './contacts.js';
import { explainMatches } from './explain.js';
import type { CompiledEntry } from './lexicon-entry.js';
import { type Category, type Match, SEVERITIES } from './types.js';

const PSEUDO_TERMS = new Map<number, string>([
  [FOUND_CONTACT_ID, CONTACT_ID_TERM],
  [FOUND_CONTACT_LINK, CONTACT_LINK_TERM],
]);

/**
 * Turns the raw candidates of a scan into its matches: adds what the contact pass finds, then
 * resolves (see `resolveMatches`) and explains each match (`Match.via`). Texts without a
 * candidate, nearly all of them, return at once. `hints`: `contactHints` of the text, if known.
 */
export function finishScan(
  text: string,
  found: number[],
  entries: readonly CompiledEntry[],
  contacts: boolean,
  hints = -1,
): Match[] {
  if (contacts) findContacts(text, found, hints);
  if (found.length === 0) return [];
  return explainMatches(text, resolveMatches(text, found, entries, contacts));
}

/**
 * Turns raw candidates (triples of entry index, start, end; negative indexes for contact
 * details, see `FOUND_PHONE`) into matches: one per category and span, exceptions applied,
 * contact IDs after lures added.
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
      const term = PSEUDO_TERMS.get(index) ?? PHONE_TERM;
      bySpan.set(`${term}:${start}`, {
        term,
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
  // A phone number seen by both the scan and the contact pass is one number: keep the wider span.
  const phones = [...bySpan.values()]
    .filter((match) => match.term === PHONE_TERM)
    .sort((a, b) => b.end - b.start - (a.end - a.start));
  const keptPhones: Match[] = [];
  for (const phone of phones) {
    if (keptPhones.some((kept) => kept.start < phone.end && phone.start < kept.end))
      bySpan.delete(`${PHONE_TERM}:${phone.start}`);
    else keptPhones.push(phone);
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
      if (match.category !== 'fraud' || match.term.startsWith('<')) continue;
      const handle = handleAfter(text, match.end);
      if (handle && !bySpan.has(`${CONTACT_ID_TERM}:${handle.start}`))
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
