import type { Tx } from '../../db/database.js';
import type {
  DecisionRow,
  EvidenceSpan,
  MediaEvidenceItem,
  ModerationTarget,
  RegionActions,
} from '../../db/schema.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { withholdingCountries } from '../screening/content-check.js';
import { insertDecision } from './decisions.store.js';

/** Whom and what a decision is about. */
export interface DecisionTarget {
  type: ModerationTarget;
  id: string;
  /** The account answerable for it: the author, or the account itself. */
  subjectId: string;
}

/** What a decision imposed on visible content: regional actions and labels. */
export interface Imposed {
  region_actions: RegionActions | null;
  labels: string[];
}

/** Who decided: the inline check on its rules, or a moderator with a reason code. */
export type DecidedBy =
  | {
      source: 'automated';
      ruleIds: string[];
      evidence: EvidenceSpan[];
      /** What the media checks found, when the decision is about images. */
      mediaEvidence?: MediaEvidenceItem[];
    }
  | { source: 'staff'; actorId: string; reasonCode: string; note: string | null };

/** A moderator's decision. */
export type ByModerator = Extract<DecidedBy, { source: 'staff' }>;

/** The facts of one decision; everything else of its row follows from them. */
export interface DecisionFacts {
  target: DecisionTarget;
  by: DecidedBy;
  action: string;
  caseId: string | null;
  policyVersion: string | null;
  /** Content restrictions; none for account actions and approvals. */
  imposed?: Imposed;
  /** The end of a time-limited account sanction. */
  until?: Date | null;
}

/**
 * Records a decision in the caller's transaction: the source of the subject's statement of
 * reasons, written the same way for automated enforcement and for moderators.
 */
export function recordDecision(tx: Tx, facts: DecisionFacts): Promise<DecisionRow> {
  const { target, by, imposed } = facts;
  const regionActions = imposed?.region_actions ?? null;
  return insertDecision(tx, {
    id: uuidv7(),
    target_type: target.type,
    target_id: target.id,
    subject_id: target.subjectId,
    source: by.source,
    actor_id: by.source === 'staff' ? by.actorId : null,
    case_id: facts.caseId,
    policy_version: facts.policyVersion,
    action: facts.action,
    region_actions: regionActions,
    withheld_in: withholdingCountries(regionActions),
    labels: imposed?.labels ?? [],
    rule_ids: by.source === 'automated' ? by.ruleIds : [],
    evidence: by.source === 'automated' ? by.evidence : [],
    media_evidence: by.source === 'automated' ? (by.mediaEvidence ?? []) : [],
    reason_code: by.source === 'staff' ? by.reasonCode : null,
    note: by.source === 'staff' ? by.note : null,
    until: facts.until ?? null,
  });
}
