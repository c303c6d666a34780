import type { DbHandle, Tx } from '../../db/database.js';
import type { DecisionRow, ModerationTarget } from '../../db/schema.js';
import type { ContentFields, ContentOutcome, VisibleState } from './content-check.js';
import type { SafetyRules } from './safety-rules.js';

// The port through which every writer (notes, comments, profiles) calls the inline safety check.
// Moderation implements it (`createContentModeration`); writers depend on this neutral module
// only, so moderation can read and enforce on notes, comments and accounts without a cycle.

export interface ScreenedWrite {
  outcome: ContentOutcome;
  policyVersion: string;
  /** The rules it was checked with (to re-check inside a transaction without a lookup). */
  rules: SafetyRules;
  /** The texts checked: a review case is routed by the language detected in them. */
  fields: ContentFields;
}

/**
 * What a stored write is recorded against: the content, its author and the author's region. No
 * language: a review case takes the one the server detects in the text, never the author's tag.
 */
export interface ScreenTarget {
  type: ModerationTarget;
  id: string;
  subjectId: string;
  region: string | null;
}

export interface WriteScreening {
  /**
   * Checks the fields of a write before its transaction. A `block` (or, with `strict`, anything
   * beyond a label) is refused with 422 CONTENT_REJECTED; nothing of the content is stored.
   */
  screen(
    accountId: string | null,
    targetType: ModerationTarget,
    fields: ContentFields,
    options?: { strict?: boolean; handle?: DbHandle; rules?: SafetyRules },
  ): Promise<ScreenedWrite>;
  /** Records the automated decision inside the writer's transaction (null when nothing fired). */
  record(tx: Tx, target: ScreenTarget, screened: ScreenedWrite): Promise<DecisionRow | null>;
  /** Keeps what moderators imposed on a target when its author edits it. */
  keepStaffRestrictions<T extends VisibleState>(
    tx: Tx,
    targetType: ModerationTarget,
    targetId: string,
    state: T,
  ): Promise<T>;
}
