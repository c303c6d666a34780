import type { CaseDecisionBody, CaseDetail, CaseSummary, QueueQuery } from '@atrium/contracts';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type { CaseRow } from '../../db/schema.js';
import type { Viewer } from '../../http/viewer.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SafetyRulesProvider } from '../screening/safety-rules.js';
import type { SocialService } from '../social/social.service.js';
import type { CaseViews } from './case-views.js';
import {
  claimCase,
  findCase,
  lockCase,
  type QueueFilter,
  queue,
  queueCounts,
  updateCase,
} from './cases.store.js';
import { applyContentDecision } from './content-decision.js';
import type { AuditPort } from './content-moderation.js';
import { decisionRequestProblem, decisionTargetProblem } from './decision-request.js';
import { findDecision } from './decisions.store.js';
import { moderationError } from './moderation.errors.js';
import {
  type CaseInvolvement,
  canDecideAppeal,
  canDecideCase,
  canReadCases,
  canReview,
  canSanction,
  canSeeCase,
  type Denial,
} from './moderation.policy.js';
import { type ByModerator, recordDecision } from './record-decision.js';
import { reporterIdsOfCase } from './reports.store.js';
import type { StaffDirectory, StaffMember } from './staff-directory.js';

/** How long a claim lasts; the console renews it while a moderator works. */
export const CLAIM_LEASE_MS = 15 * 60_000;

type AccountAction = NonNullable<CaseDecisionBody['accountAction']>;

type QueueCursor = { priority: number; openedAt: string; id: string };
const isQueueCursor = (value: Record<string, unknown>): value is QueueCursor =>
  Number.isInteger(value.priority) &&
  typeof value.openedAt === 'string' &&
  !Number.isNaN(Date.parse(value.openedAt)) &&
  typeof value.id === 'string' &&
  /^[0-9a-f-]{36}$/.test(value.id);

/** The queue filter of a query, narrowed to the moderator's languages and regions. */
function filterOf(member: StaffMember, query: QueueQuery): QueueFilter {
  return {
    status: query.status ?? 'active',
    languages: member.languages.length > 0 ? [...member.languages] : null,
    regions: member.regions.length > 0 ? [...member.regions] : null,
    category: query.category ?? null,
    lang: query.lang ?? null,
    region: query.region ?? null,
    minPriority: query.minPriority ?? null,
    olderThan: query.olderThanHours
      ? new Date(Date.now() - query.olderThanHours * 3_600_000)
      : null,
    source: query.source ?? null,
  };
}

/** What the case is about, as the target of a content decision. */
const targetOf = (modCase: CaseRow) => ({
  type: modCase.target_type,
  id: modCase.target_id,
  subjectId: modCase.subject_id,
});

/** Whom the case holds answerable, as the target of an account action. */
const subjectOf = (modCase: CaseRow) => ({
  type: 'account' as const,
  id: modCase.subject_id,
  subjectId: modCase.subject_id,
});

/**
 * Whether this moderator may decide the locked case now: permission and scope, the case still
 * open and claimed by them, and a decision that fits what the case is about.
 */
function checkMayDecide(
  viewer: Viewer,
  member: StaffMember,
  modCase: CaseRow,
  input: CaseDecisionBody,
): void {
  const denial = canDecideCase(member, modCase, Boolean(input.accountAction));
  if (denial) throw moderationError(denial.code, denial.reason);
  if (modCase.status === 'resolved') throw moderationError('CASE_RESOLVED');
  const leaseValid = modCase.lease_until && modCase.lease_until.getTime() > Date.now();
  if (modCase.claimed_by !== viewer.accountId || !leaseValid)
    throw moderationError('CASE_NOT_CLAIMED');
  const problem = decisionTargetProblem(modCase.target_type, input);
  if (problem) throw problem;
}

const refuse = (denial: Denial): void => {
  if (denial) throw moderationError(denial.code, denial.reason);
};

/** Who is tied to the case, and the decision it appeals (an appeal case). */
async function involvementOf(handle: Tx | Db, modCase: CaseRow) {
  const [reporterIds, appealed] = await Promise.all([
    reporterIdsOfCase(handle, modCase.id),
    modCase.appealed_decision_id ? findDecision(handle, modCase.appealed_decision_id) : undefined,
  ]);
  const involvement: CaseInvolvement = {
    subjectId: modCase.subject_id,
    reporterIds,
    appealedActorId: appealed?.actor_id ?? null,
  };
  return { involvement, appealed };
}

/** The moderator deciding, with the reason code and note their decisions carry. */
const moderatorOf = (viewer: Viewer, input: CaseDecisionBody): ByModerator => ({
  source: 'staff',
  actorId: viewer.accountId,
  reasonCode: input.reasonCode,
  note: input.note ?? null,
});

/**
 * Banks the images of a note a moderator removed (the media module's hash bank, docs/media.md
 * "Known-bad hashes"), in the decision's transaction; answers how many images it banked.
 */
export interface RemovedMediaPort {
  bankRemovedNote(
    tx: Tx,
    noteId: string,
    ref: { decisionId: string; caseId: string | null },
  ): Promise<number>;
  /** Banks the images of an account's removed notes (its ban or suspension for spam). */
  bankRemovedNotesOf(
    tx: Tx,
    accountId: string,
    ref: { decisionId: string; caseId: string | null },
  ): Promise<number>;
  /** Unbanks what one decision banked (reversed on appeal); answers how many hashes. */
  unbankDecision(tx: Tx, decisionId: string): Promise<number>;
}

/** Reason codes and case categories of spam and farming: `spam`, `spam.*`, `farm`, `farm.*`. */
const SPAM_OR_FARM = /^(spam|farm)(\.|$)/;

/**
 * Whether a ban or suspension is for spam or farming (its reason code, or the category of the
 * case it decides): then the account's removed pictures are banked (docs/media.md, "The bank").
 */
export function sanctionForSpam(reasonCode: string, caseCategory: string | null): boolean {
  return (
    SPAM_OR_FARM.test(reasonCode) || (caseCategory !== null && SPAM_OR_FARM.test(caseCategory))
  );
}

/** The review queue and the work on one case: claim, release and decide. */
export function createCasesService(deps: {
  db: Db;
  rules: SafetyRulesProvider;
  audit: AuditPort;
  staff: StaffDirectory;
  accounts: AccountsService;
  notes: NotesService;
  social: SocialService;
  views: CaseViews;
  /** The media module's known-bad hash bank: a removed note's images are banked. */
  removedMedia?: RemovedMediaPort;
}) {
  const { db, audit, accounts, notes, social, views } = deps;

  // ---- the queue ------------------------------------------------------------------------

  async function requireReader(viewer: Viewer): Promise<StaffMember> {
    const member = await deps.staff.member(viewer.accountId);
    const denial = canReadCases(member);
    if (denial) throw moderationError(denial.code, denial.reason);
    return member!;
  }

  async function cases(viewer: Viewer, query: QueueQuery) {
    const member = await requireReader(viewer);
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor, isQueueCursor);
    const rows = await queue(db, filterOf(member, query), after, limit);
    const last = rows.at(-1);
    return {
      items: await views.summarize(rows),
      nextCursor:
        rows.length === limit && last
          ? encodeCursor({
              priority: last.priority,
              openedAt: last.opened_at.toISOString(),
              id: last.id,
            })
          : null,
    };
  }

  async function counts(viewer: Viewer, query: QueueQuery) {
    const member = await requireReader(viewer);
    const byCategory = await queueCounts(db, filterOf(member, query));
    return { total: byCategory.reduce((sum, row) => sum + row.count, 0), byCategory };
  }

  // ---- one case -------------------------------------------------------------------------

  /** The case and the staff member looking at it (404 when it is outside their scope). */
  async function visibleCase(viewer: Viewer, caseId: string) {
    const member = await deps.staff.member(viewer.accountId);
    const modCase = await findCase(db, caseId);
    if (!modCase) throw moderationError('NOT_FOUND');
    const denial = canSeeCase(member, modCase);
    if (denial) throw moderationError(denial.code, denial.reason);
    return { member: member!, modCase };
  }

  async function getCase(viewer: Viewer, caseId: string, locale?: string): Promise<CaseDetail> {
    const { member, modCase } = await visibleCase(viewer, caseId);
    return views.detail(member, modCase, locale);
  }

  /** Claims a case (a lease): two moderators never work on the same case. */
  async function claim(viewer: Viewer, caseId: string): Promise<CaseSummary> {
    const { member, modCase } = await visibleCase(viewer, caseId);
    refuse(canDecideCase(member, modCase, false));
    if (modCase.status === 'resolved') throw moderationError('CASE_RESOLVED');
    refuse(canReview(viewer.accountId, (await involvementOf(db, modCase)).involvement));
    const claimed = await inTransaction(db, async (tx) => {
      const leaseUntil = new Date(Date.now() + CLAIM_LEASE_MS);
      const row = await claimCase(tx, caseId, viewer.accountId, leaseUntil);
      if (!row) {
        const current = await findCase(tx, caseId);
        throw moderationError(current?.status === 'resolved' ? 'CASE_RESOLVED' : 'CASE_CLAIMED');
      }
      await audit.record(tx, {
        actorId: viewer.accountId,
        action: 'case.claim',
        targetType: 'case',
        targetId: caseId,
        data: { leaseUntil: row.lease_until?.toISOString() },
      });
      return row;
    });
    const [summary] = await views.summarize([claimed]);
    return summary!;
  }

  async function release(viewer: Viewer, caseId: string): Promise<CaseSummary> {
    await visibleCase(viewer, caseId);
    const released = await inTransaction(db, async (tx) => {
      const modCase = await lockCase(tx, caseId);
      if (!modCase || modCase.status === 'resolved' || modCase.claimed_by !== viewer.accountId)
        throw moderationError('CASE_NOT_CLAIMED');
      const row = await updateCase(tx, caseId, {
        status: 'open',
        claimed_by: null,
        lease_until: null,
      });
      await audit.record(tx, {
        actorId: viewer.accountId,
        action: 'case.release',
        targetType: 'case',
        targetId: caseId,
        data: {},
      });
      return row;
    });
    const [summary] = await views.summarize([released]);
    return summary!;
  }

  // ---- deciding a case ------------------------------------------------------------------

  /**
   * Decides a claimed case in one transaction: the content's new state, any account action,
   * the decisions (the author's statements of reasons), the case resolution and the audit
   * records all commit together.
   */
  async function decide(
    viewer: Viewer,
    caseId: string,
    input: CaseDecisionBody,
  ): Promise<CaseDetail> {
    const { member, modCase: seen } = await visibleCase(viewer, caseId);
    const problem = decisionRequestProblem(input);
    if (problem) throw problem;
    // the subject's staff role, read before the transaction (one connection on PGlite)
    const subjectStaff = input.accountAction ? await deps.staff.member(seen.subject_id) : null;
    const { policy } = await deps.rules.current();
    const resolved = await inTransaction(db, async (tx) => {
      const modCase = await lockCase(tx, caseId);
      if (!modCase) throw moderationError('NOT_FOUND');
      checkMayDecide(viewer, member, modCase, input);
      const { involvement, appealed } = await involvementOf(tx, modCase);
      refuse(canReview(viewer.accountId, involvement));
      if (input.accountAction) refuse(canSanction(member, subjectStaff));
      if (appealed)
        refuse(
          canDecideAppeal(
            modCase.target_type,
            { action: appealed.action, withheldIn: appealed.withheld_in, until: appealed.until },
            input,
          ),
        );
      const by = moderatorOf(viewer, input);
      const decisionId = await decideContent(
        tx,
        modCase,
        input,
        by,
        policy.version,
        appealed?.id ?? null,
      );
      const sanctionId = input.accountAction
        ? await sanctionSubject(tx, modCase, input.accountAction, by, policy.version)
        : null;
      return resolveCase(tx, modCase, viewer.accountId, decisionId ?? sanctionId);
    });
    return views.detail(member, resolved, viewer.locale);
  }

  /**
   * Gives the content its new state and records the content decision with its audit record;
   * null when an account action decides an account case (there is nothing else to record).
   */
  async function decideContent(
    tx: Tx,
    modCase: CaseRow,
    input: CaseDecisionBody,
    by: ByModerator,
    policyVersion: string,
    appealedId: string | null,
  ): Promise<string | null> {
    const imposed = await applyContentDecision({ notes, social }, tx, modCase, input);
    if (modCase.target_type === 'account' && input.accountAction) return null;
    const decision = await recordDecision(tx, {
      target: targetOf(modCase),
      by,
      action: input.decision,
      caseId: modCase.id,
      policyVersion,
      imposed,
    });
    // a removed note's pictures come back as re-uploads: bank them with the decision
    const bankedImages =
      input.decision === 'remove' && modCase.target_type === 'note' && deps.removedMedia
        ? await deps.removedMedia.bankRemovedNote(tx, modCase.target_id, {
            decisionId: decision.id,
            caseId: modCase.id,
          })
        : 0;
    // an appeal that restores the note unbanks what its removal banked (and only that: the same
    // picture banked by another decision or an imported list stays)
    const unbankedHashes =
      appealedId &&
      input.decision !== 'remove' &&
      modCase.target_type === 'note' &&
      deps.removedMedia
        ? await deps.removedMedia.unbankDecision(tx, appealedId)
        : 0;
    await audit.record(tx, {
      actorId: by.actorId,
      action: `case.decide.${input.decision}`,
      targetType: modCase.target_type,
      targetId: modCase.target_id,
      data: {
        caseId: modCase.id,
        decisionId: decision.id,
        reasonCode: input.reasonCode,
        regions: input.regions ?? [],
        ...(bankedImages > 0 ? { bankedImages } : {}),
        ...(unbankedHashes > 0 ? { unbankedHashes } : {}),
      },
    });
    return decision.id;
  }

  /** Applies an account action to the case's subject, records it and audits it. */
  async function sanctionSubject(
    tx: Tx,
    modCase: CaseRow,
    action: AccountAction,
    by: ByModerator,
    policyVersion: string,
  ): Promise<string> {
    const until =
      action.type === 'restrict' || action.type === 'suspend'
        ? new Date(Date.now() + action.days! * 86_400_000)
        : null;
    await accounts.applySanction(tx, modCase.subject_id, { type: action.type, until });
    // a ban takes the account's notes and comments out of every view
    if (action.type === 'ban') {
      await notes.removeAllBy(tx, modCase.subject_id);
      await social.removeAllCommentsBy(tx, modCase.subject_id);
    }
    const sanction = await recordDecision(tx, {
      target: subjectOf(modCase),
      by,
      action: action.type,
      caseId: modCase.id,
      policyVersion,
      until,
    });
    // a spammer's or farm's removed pictures come back on its next accounts: bank them
    const bankedImages =
      (action.type === 'ban' || action.type === 'suspend') &&
      sanctionForSpam(by.reasonCode, modCase.category) &&
      deps.removedMedia
        ? await deps.removedMedia.bankRemovedNotesOf(tx, modCase.subject_id, {
            decisionId: sanction.id,
            caseId: modCase.id,
          })
        : 0;
    await audit.record(tx, {
      actorId: by.actorId,
      action: `account.${action.type}`,
      targetType: 'account',
      targetId: modCase.subject_id,
      data: {
        caseId: modCase.id,
        decisionId: sanction.id,
        until: until?.toISOString() ?? null,
        ...(bankedImages > 0 ? { bankedImages } : {}),
      },
    });
    return sanction.id;
  }

  function resolveCase(
    tx: Tx,
    modCase: CaseRow,
    moderatorId: string,
    decisionId: string | null,
  ): Promise<CaseRow> {
    return updateCase(tx, modCase.id, {
      status: 'resolved',
      resolved_at: new Date(),
      resolved_by: moderatorId,
      decision_id: decisionId,
      lease_until: null,
    });
  }

  return { cases, counts, getCase, claim, release, decide };
}

export type CasesService = ReturnType<typeof createCasesService>;
