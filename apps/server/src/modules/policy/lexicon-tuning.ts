import type { FalsePositiveResult } from '@atrium/contracts';
import {
  CATEGORIES,
  type Category,
  type LexiconEntry,
  type LexiconOverride,
  type Policy,
  type PolicyLexicon,
} from '@atrium/safety';
import type { StaffService } from '../staff/staff.service.js';
import { policyError } from './policy.errors.js';
import type { PolicyService } from './policy.service.js';
import { shippedLanguages } from './policy-lexicon.js';

// The lexicon half of the false-positive loop: a moderator's narrowing changes, merged into the
// active policy's lexicon section, previewed, and published as a new version under the
// `lexicon.tune` permission. Only narrowing: allow entries, a shipped term limited to a language
// or to whole words. Adding a term, widening a match or switching a narrowing back off needs
// `policy.write` and the policy editor.

export interface LexiconTuningInput {
  /** The case the change comes from (named in the version's note and the audit record). */
  caseId: string;
  allow: { text: string; category: string }[];
  narrow: { term: string; category: string; lang?: string; match?: 'word' }[];
  dryRun: boolean;
  days?: number;
  note?: string;
}

const refused = (detail: string) => policyError('LEXICON_CHANGE_REFUSED', detail);

function category(value: string): Category {
  if (!(CATEGORIES as readonly string[]).includes(value))
    throw refused(`unknown category ${JSON.stringify(value)}`);
  return value as Category;
}

const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** The active lexicon section with the changes merged in; throws when a change would widen. */
export function mergeNarrowing(
  current: PolicyLexicon | undefined,
  input: Pick<LexiconTuningInput, 'allow' | 'narrow'>,
): PolicyLexicon {
  const entries: LexiconEntry[] = [...(current?.entries ?? [])];
  const overrides: LexiconOverride[] = (current?.overrides ?? []).map((item) => ({ ...item }));
  for (const allow of input.allow) {
    const entry: LexiconEntry = { term: allow.text, category: category(allow.category) };
    entry.allow = true;
    if (
      !entries.some(
        (item) => item.allow && item.term === entry.term && item.category === entry.category,
      )
    )
      entries.push(entry);
  }
  for (const narrow of input.narrow) {
    const cat = category(narrow.category);
    if (narrow.lang === undefined && narrow.match === undefined)
      throw refused(`narrowing ${narrow.term} needs a language or whole-word matching`);
    // shipped terms are already limited to their own language: another one would move the term
    const shippedIn = shippedLanguages(narrow.term, cat);
    if (narrow.lang && shippedIn.length > 0 && !shippedIn.includes(primary(narrow.lang)))
      throw refused(`${narrow.term} is a term of ${shippedIn.join(', ')}`);
    const existing = overrides.find((item) => item.term === narrow.term && item.category === cat);
    if (!existing) {
      overrides.push({
        term: narrow.term,
        category: cat,
        ...(narrow.lang && { lang: narrow.lang }),
        ...(narrow.match && { match: narrow.match }),
      });
      continue;
    }
    if (existing.off) continue; // already switched off: nothing narrower
    // moving a term to another language would let it fire where it does not today
    if (narrow.lang && existing.lang && primary(existing.lang) !== primary(narrow.lang))
      throw refused(`${narrow.term} is already limited to ${existing.lang}`);
    existing.lang ??= narrow.lang;
    if (narrow.match) existing.match = narrow.match;
  }
  const lexicon: PolicyLexicon = {};
  if (entries.length > 0) lexicon.entries = entries;
  if (overrides.length > 0) lexicon.overrides = overrides;
  return lexicon;
}

/** A new version name: when and from which case (at most 64 characters). */
function versionName(caseId: string): string {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 17);
  return `fp-${stamp}-${caseId.slice(-8)}`;
}

/** Implements moderation's `LexiconTuningPort`. */
export function createLexiconTuning(deps: {
  policies: PolicyService;
  staff: Pick<StaffService, 'require'>;
}) {
  const { policies } = deps;

  async function tune(accountId: string, input: LexiconTuningInput): Promise<FalsePositiveResult> {
    const actor = { kind: 'staff' as const, accountId };
    await deps.staff.require(actor, 'lexicon.tune');
    if (input.allow.length === 0 && input.narrow.length === 0)
      throw refused('name at least one allow entry or narrowing');
    const active = (await policies.active(actor)).document as Policy;
    const lexicon = mergeNarrowing(active.lexicon, input);
    const version = versionName(input.caseId);
    const document = { ...active, version, lexicon };
    const preview = await policies.preview(actor, { document, days: input.days });
    if (input.dryRun) return { preview, version: null, lexicon };
    const note = `False positive in case ${input.caseId}${input.note?.trim() ? `: ${input.note.trim()}` : ''}`;
    const published = await policies.publish(
      actor,
      { version, document, note },
      {
        permission: 'lexicon.tune',
        data: {
          source: 'false-positive',
          caseId: input.caseId,
          allow: input.allow,
          narrow: input.narrow,
        },
      },
    );
    return { preview, version: published.version, lexicon };
  }

  return { tune };
}
