import type { StatementOfReasons } from '@atrium/contracts';
import type { Policy } from '@atrium/safety';
import type { DecisionRow } from '../../db/schema.js';

/** How long after a decision its author may appeal (the DSA asks for at least six months). */
export const APPEAL_WINDOW_DAYS = 180;

const NOT_APPEALABLE = new Set(['allow', 'approve', 'lift']);

/** The image checks by name, as a statement of reasons names them. */
const MEDIA_CHECKS: Record<string, string> = {
  ocr: 'Text recognized in an image',
  explicit: 'The explicit-imagery check of an image',
  hash: 'An image matching one removed before',
  pipeline: 'An image that could not be checked',
};

function restrictionOf(row: DecisionRow): string {
  const until = row.until ? ` until ${row.until.toISOString().slice(0, 10)}` : '';
  switch (row.action) {
    case 'label':
      return 'Shown with a content warning';
    case 'limit':
      return 'Not recommended in discovery, topic lists or trending';
    case 'withhold':
      return row.withheld_in.length > 0
        ? `Withheld in ${row.withheld_in.join(', ')}`
        : 'Withheld everywhere';
    case 'review':
      return 'Held for review: only you can see it until a moderator decides';
    case 'remove':
      return 'Removed';
    case 'approve':
      return 'Approved after review';
    case 'warn':
      return 'A warning on your account';
    case 'restrict':
      return `Posting restricted${until}`;
    case 'suspend':
      return `Account suspended${until}`;
    case 'ban':
      return 'Account banned';
    case 'lift':
      return 'Suspension or ban lifted by an administrator';
    default:
      return 'Restricted';
  }
}

/**
 * The statement of reasons for one decision: what was restricted, where, on which rules and
 * facts, by a person or automatically, and how to appeal.
 */
export function toStatement(row: DecisionRow, policy: Policy): StatementOfReasons {
  const descriptions = new Map(policy.rules.map((rule) => [rule.id, rule.description ?? null]));
  const facts = row.evidence.map(
    (span) => `"${span.term}" in the ${span.field} (${span.category}, ${span.severity})`,
  );
  // what the image checks found, without what moderators see of it (recognized text, scores)
  for (const item of row.media_evidence ?? []) {
    const fact = `${MEDIA_CHECKS[item.checker] ?? 'A check of an image'}: ${item.category}`;
    if (!facts.includes(fact)) facts.push(fact);
  }
  if (row.source === 'staff' && row.reason_code)
    facts.push(`Reviewed by a moderator: ${row.reason_code}`);
  const appealUntil = new Date(row.created_at.getTime() + APPEAL_WINDOW_DAYS * 86_400_000);
  const appealable = !NOT_APPEALABLE.has(row.action) && appealUntil.getTime() > Date.now();
  return {
    id: row.id,
    targetType: row.target_type,
    targetId: row.target_id,
    action: row.action,
    restriction: restrictionOf(row),
    regions: row.withheld_in,
    labels: row.labels,
    rules: row.rule_ids.map((id) => ({ id, description: descriptions.get(id) ?? null })),
    facts,
    automated: row.source === 'automated',
    policyVersion: row.policy_version,
    reasonCode: row.reason_code,
    until: row.until ? row.until.toISOString() : null,
    appeal: {
      allowed: appealable,
      how: appealable
        ? `Appeal by ${appealUntil.toISOString().slice(0, 10)} (POST /api/appeals with this statement's id); another moderator reviews it.`
        : 'This decision cannot be appealed.',
    },
    createdAt: row.created_at.toISOString(),
  };
}
