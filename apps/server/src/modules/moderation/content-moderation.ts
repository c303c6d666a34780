import type { Db, DbHandle, Tx } from '../../db/database.js';
import type { DecisionRow, ModerationTarget } from '../../db/schema.js';
import { uuidv7 } from '../../lib/uuid7.js';
import {
  type ContentFields,
  checkContent,
  rejectionReasons,
  stricterState,
  type VisibleState,
} from '../screening/content-check.js';
import type { SafetyRules, SafetyRulesProvider } from '../screening/safety-rules.js';
import type { ScreenedWrite, ScreenTarget, WriteScreening } from '../screening/screening.js';
import { authorLanguage, caseLanguage } from './case-language.js';
import { automatedPriority } from './case-priority.js';
import { openCase } from './cases.store.js';
import { staffRestrictionsOf } from './decisions.store.js';
import { moderationError } from './moderation.errors.js';
import { recordDecision } from './record-decision.js';
import { insertRiskEvent } from './risk-events.store.js';

/** One record of the tamper-evident audit log (kept by the staff module). */
export interface AuditEntry {
  /** The staff member acting, or null for automated enforcement. */
  actorId: string | null;
  /** Without an account: the command line (`cli`) or automated enforcement (`system`, the default). */
  actorKind?: 'staff' | 'cli' | 'system';
  action: string;
  targetType: string;
  targetId: string;
  data: Record<string, unknown>;
}

/** Writes an audit record in the caller's transaction, so the action and its record commit together. */
export interface AuditPort {
  record(tx: Tx, entry: AuditEntry): Promise<void>;
}

/**
 * The inline safety check on every user write, and the record of what it decided. Writers call
 * `screen` before their transaction (a rejected write stores nothing of its content) and
 * `record` inside it (the decision, its audit record and any review case commit with the
 * content).
 */
export function createContentModeration(deps: {
  db: Db;
  rules: SafetyRulesProvider;
  audit: AuditPort;
}): WriteScreening {
  const { db, audit } = deps;

  /**
   * Checks the fields of a write. A `block` is refused with 422 CONTENT_REJECTED and its reasons;
   * the attempt is kept as a risk signal (rule ids only, never the text).
   */
  async function screen(
    accountId: string | null,
    targetType: ModerationTarget,
    fields: ContentFields,
    options: { strict?: boolean; handle?: DbHandle; rules?: SafetyRules } = {},
  ): Promise<ScreenedWrite> {
    const rules = options.rules ?? (await deps.rules.current());
    let outcome = checkContent(rules, fields);
    // A text whose language cannot be told was scanned with every term; when that fired
    // something, scan it again in its author's language (docs/lang.md: the fallback for
    // decisions). Clean writes, the usual case, cost no extra query.
    if (outcome.languageUnknown && outcome.restricted && accountId) {
      const fallbackLang = await authorLanguage(options.handle ?? db, accountId);
      if (fallbackLang) outcome = checkContent(rules, fields, { fallbackLang });
    }
    // Profile texts cannot be held or withheld per region: anything beyond a label is refused.
    const refused =
      outcome.rejected ||
      (options.strict === true && (outcome.held || outcome.withheldIn.length > 0));
    if (refused) {
      // inside a caller's transaction the signal rolls back with it (a rare edit race)
      await insertRiskEvent(options.handle ?? db, {
        id: uuidv7(),
        account_id: accountId,
        kind: 'content_rejected',
        data: {
          targetType,
          fields: [...new Set(outcome.evidence.map((span) => span.field))],
          ruleIds: [...new Set(outcome.evidence.map((span) => span.ruleId))],
          policyVersion: rules.policy.version,
        },
      });
      const reasons = rejectionReasons(outcome, rules.policy);
      throw moderationError('CONTENT_REJECTED', undefined, {
        reasons: outcome.rejected ? reasons : rejectionReasons(outcome, rules.policy, true),
      });
    }
    return { outcome, policyVersion: rules.policy.version, rules, fields };
  }

  /**
   * Records an automated decision for stored content (nothing when the check found nothing):
   * the decision with its evidence, its audit record, and a review case when it is held.
   */
  async function record(
    tx: Tx,
    target: ScreenTarget,
    screened: ScreenedWrite,
  ): Promise<DecisionRow | null> {
    const { outcome, policyVersion } = screened;
    if (!outcome.restricted) return null;
    const action = outcome.held
      ? 'review'
      : outcome.moderationAction !== 'allow'
        ? outcome.moderationAction
        : outcome.withheldIn.length > 0
          ? 'withhold'
          : outcome.labels.length > 0
            ? 'label'
            : 'allow';
    let caseId: string | null = null;
    if (outcome.held) {
      const opened = await openCase(tx, {
        id: uuidv7(),
        target_type: target.type,
        target_id: target.id,
        subject_id: target.subjectId,
        source: 'automated',
        category: outcome.topCategory ?? 'other',
        // detected here, only for held writes: the author's own tag (or `und`) would route the
        // case to moderators who cannot read it, or to nobody
        lang: await caseLanguage(tx, target.subjectId, ...Object.values(screened.fields)),
        region: target.region,
        priority: automatedPriority(outcome.topSeverity),
        reach: 0,
      });
      caseId = opened.id;
    }
    const decision = await recordDecision(tx, {
      target,
      by: {
        source: 'automated',
        ruleIds: [...new Set(outcome.decision.fired.map((rule) => rule.ruleId))],
        evidence: outcome.evidence,
      },
      action,
      caseId,
      policyVersion,
      imposed: { region_actions: outcome.regionActions, labels: outcome.labels },
    });
    if (action !== 'allow') {
      await audit.record(tx, {
        actorId: null,
        action: `${target.type}.auto_${action}`,
        targetType: target.type,
        targetId: target.id,
        data: {
          decisionId: decision.id,
          policyVersion,
          ruleIds: decision.rule_ids,
          withheldIn: outcome.withheldIn,
          caseId,
        },
      });
    }
    return decision;
  }

  /**
   * Keeps what moderators imposed on a target (labels, limits, regional withholds) when its
   * author edits it: the automated outcome of the new text can only add to them.
   */
  async function keepStaffRestrictions<T extends VisibleState>(
    tx: Tx,
    targetType: ModerationTarget,
    targetId: string,
    state: T,
  ): Promise<T> {
    const imposed = await staffRestrictionsOf(tx, targetType, targetId);
    return imposed.reduce<T>((merged, decision) => stricterState(merged, decision), state);
  }

  return { screen, record, keepStaffRestrictions };
}
