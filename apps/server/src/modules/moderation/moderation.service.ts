import type {
  AuthorSummary,
  CaseDecisionBody,
  CaseDetail,
  CaseSummary,
  CreateAppealBody,
  CreateReportBody,
  QueueQuery,
  StatementOfReasons,
} from '@atrium/contracts';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type {
  CaseRow,
  DecisionRow,
  ModerationTarget,
  RegionActions,
  VisibleAction,
} from '../../db/schema.js';
import type { Viewer } from '../../http/viewer.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { authorsById } from '../accounts/author-summaries.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SocialService } from '../social/social.service.js';
import type { StaffScope as StaffMember } from '../staff/staff.policy.js';
import { type VisibilityContext, withheldCountries } from '../visibility/visibility.js';
import { reasonSeverity, reportPriority } from './case-priority.js';
import { stricterState, type VisibleState } from './content-check.js';
import type { AuditPort } from './content-moderation.js';
import { moderationError } from './moderation.errors.js';
import {
  canDecideCase,
  canReadCases,
  canReport,
  canSeeCase,
  type StaffDirectory,
} from './moderation.policy.js';
import * as store from './moderation.store.js';
import type { SafetyRulesProvider } from './safety-rules.js';
import { toStatement } from './statements.js';

/** What a case shows of content its author deleted meanwhile. */
const DELETED_CONTENT: CaseDetail['content'] = {
  title: '',
  body: '(deleted by its author)',
  lang: null,
  status: 'removed',
  mediaUrls: [],
  withheldIn: [],
  labels: [],
  createdAt: null,
};

/** How long a claim lasts; the console renews it while a moderator works. */
export const CLAIM_LEASE_MS = 15 * 60_000;
/** Reports one account may file a day (flood protection beyond the per-IP rate limit). */
export const REPORTS_PER_DAY = 50;

/** A machine translation for moderators who do not read the content's language. */
export interface TranslationPort {
  translate(
    texts: { title: string; body: string },
    from: string | null,
    to: readonly string[],
  ): Promise<CaseDetail['translation']>;
}

interface Target {
  type: ModerationTarget;
  id: string;
  subjectId: string;
  lang: string | null;
  region: string | null;
  reach: number;
}

type QueueCursor = { priority: number; openedAt: string; id: string };
const isQueueCursor = (value: Record<string, unknown>): value is QueueCursor =>
  Number.isInteger(value.priority) &&
  typeof value.openedAt === 'string' &&
  !Number.isNaN(Date.parse(value.openedAt)) &&
  typeof value.id === 'string' &&
  /^[0-9a-f-]{36}$/.test(value.id);

export function createModerationService(deps: {
  db: Db;
  rules: SafetyRulesProvider;
  audit: AuditPort;
  staff: StaffDirectory;
  accounts: AccountsService;
  notes: NotesService;
  social: SocialService;
  translation?: TranslationPort;
}) {
  const { db, audit, notes, social, accounts } = deps;

  async function statementsOf(rows: DecisionRow[]): Promise<StatementOfReasons[]> {
    const { policy } = await deps.rules.current();
    return rows.map((row) => toStatement(row, policy));
  }

  // ---- reports --------------------------------------------------------------------------

  /** The target of a report or case, as the reporter may see it (404 when they may not). */
  async function resolveTarget(
    type: ModerationTarget,
    id: string,
    context: VisibilityContext,
  ): Promise<Target> {
    if (type === 'note') {
      const note = await notes.requireVisible(db, id, context);
      return {
        type,
        id,
        subjectId: note.author_id,
        lang: note.lang,
        region: note.ip_country,
        reach: note.view_count,
      };
    }
    if (type === 'comment') {
      const comment = await social.findVisibleComment(id, context);
      if (!comment) throw moderationError('NOT_FOUND');
      return {
        type,
        id,
        subjectId: comment.author_id,
        lang: comment.lang,
        region: comment.ip_country,
        reach: 0,
      };
    }
    const account = await accounts.findById(id);
    if (!account || account.banned_at) throw moderationError('NOT_FOUND');
    return {
      type,
      id,
      subjectId: account.id,
      lang: account.languages[0] ?? null,
      region: account.ip_country,
      reach: account.followers_count,
    };
  }

  /**
   * Files a report: one per reporter and target. It opens the target's case or joins the open
   * one, whose priority follows the worst reason, the number of reporters and the reach.
   */
  async function report(
    viewer: Viewer,
    input: CreateReportBody,
    context: VisibilityContext,
  ): Promise<{ id: string }> {
    const target = await resolveTarget(input.targetType, input.targetId, context);
    const denial = canReport(viewer.accountId, target.subjectId);
    if (denial) throw moderationError(denial.code);
    const dayAgo = new Date(Date.now() - 86_400_000);
    if ((await store.countReportsSince(db, viewer.accountId, dayAgo)) >= REPORTS_PER_DAY) {
      throw moderationError('RATE_LIMITED', 'Too many reports today', { retryAfter: 3600 });
    }
    if (await store.findReportBy(db, viewer.accountId, target.type, target.id)) {
      throw moderationError('ALREADY_REPORTED');
    }
    return inTransaction(db, async (tx) => {
      const kase = await store.openCase(tx, {
        id: uuidv7(),
        target_type: target.type,
        target_id: target.id,
        subject_id: target.subjectId,
        source: 'report',
        category: input.reason,
        lang: target.lang,
        region: target.region,
        priority: 0,
        reach: target.reach,
      });
      const locked = (await store.lockCase(tx, kase.id))!;
      const row = await store.insertReport(tx, {
        id: uuidv7(),
        reporter_id: viewer.accountId,
        target_type: target.type,
        target_id: target.id,
        reason: input.reason,
        details: input.details?.trim() ?? '',
        case_id: locked.id,
      });
      if (!row) throw moderationError('ALREADY_REPORTED');
      const reasons = (await store.reportReasonsOfCase(tx, locked.id)).map((r) => r.reason);
      const worst = reasons.reduce((a, b) => (reasonSeverity(b) > reasonSeverity(a) ? b : a));
      const reach = Math.max(locked.reach, target.reach);
      await store.updateCase(tx, locked.id, {
        report_count: reasons.length,
        reach,
        // an automated hold keeps its lexicon category unless a report is more severe
        category:
          locked.source === 'report' || reasonSeverity(worst) >= 60 ? worst : locked.category,
        priority: Math.max(
          locked.source === 'report' ? 0 : locked.priority,
          reportPriority(reasons, reach),
        ),
      });
      return { id: row.id };
    });
  }

  /** The author appeals a decision: a new case that another moderator reviews. */
  async function appeal(viewer: Viewer, input: CreateAppealBody): Promise<{ id: string }> {
    const decision = await store.findDecision(db, input.decisionId);
    if (!decision || decision.subject_id !== viewer.accountId) throw moderationError('NOT_FOUND');
    const [statement] = await statementsOf([decision]);
    if (!statement!.appeal.allowed) throw moderationError('APPEAL_NOT_ALLOWED');
    return inTransaction(db, async (tx) => {
      const open = await store.findOpenCase(tx, decision.target_type, decision.target_id);
      if (open?.source === 'appeal') throw moderationError('ALREADY_APPEALED');
      const kase =
        open ??
        (await store.openCase(tx, {
          id: uuidv7(),
          target_type: decision.target_type,
          target_id: decision.target_id,
          subject_id: viewer.accountId,
          source: 'appeal',
          category: 'appeal',
          lang: null,
          region: null,
          priority: 50,
          reach: 0,
        }));
      if (open)
        await store.updateCase(tx, open.id, {
          source: 'appeal',
          priority: Math.max(open.priority, 50),
        });
      const row = await store.insertReport(tx, {
        id: uuidv7(),
        reporter_id: viewer.accountId,
        target_type: decision.target_type,
        target_id: decision.target_id,
        reason: 'appeal',
        details: `Appeal of decision ${decision.id}: ${input.statement.trim()}`,
        case_id: kase.id,
      });
      if (!row) throw moderationError('ALREADY_APPEALED');
      return { id: kase.id };
    });
  }

  // ---- statements -----------------------------------------------------------------------

  async function myStatements(viewer: Viewer, cursor: string | undefined, limit: number) {
    const before = decodeCursor(
      cursor,
      (value): value is { id: string } =>
        typeof value.id === 'string' && /^[0-9a-f-]{36}$/.test(value.id),
    );
    const rows = await store.decisionsOfSubject(db, viewer.accountId, before?.id ?? null, limit);
    const last = rows.at(-1);
    return {
      items: await statementsOf(rows),
      nextCursor: rows.length === limit && last ? encodeCursor({ id: last.id }) : null,
    };
  }

  /** Statements per note, newest first (for the note's author). */
  async function statementsForNotes(noteIds: string[]) {
    const rows = await store.decisionsFor(db, 'note', noteIds);
    const statements = await statementsOf(rows);
    const byNote = new Map<string, StatementOfReasons[]>();
    for (const statement of statements) {
      const list = byNote.get(statement.targetId) ?? [];
      list.push(statement);
      byNote.set(statement.targetId, list);
    }
    return byNote;
  }

  /** The rules behind a note's withholding, for the 451 notice. */
  async function withholdingReasons(noteId: string): Promise<string[]> {
    const rows = await store.decisionsFor(db, 'note', [noteId]);
    const { policy } = await deps.rules.current();
    const reasons: string[] = [];
    for (const row of rows) {
      if (row.withheld_in.length === 0 && row.action !== 'withhold') continue;
      const statement = toStatement(row, policy);
      const rules = statement.rules.map((rule) => rule.description ?? rule.id);
      reasons.push(
        rules.length > 0
          ? `${rules.join('; ')} (policy ${row.policy_version ?? 'n/a'}, rules ${row.rule_ids.join(', ')})`
          : `Withheld by a moderator (${row.reason_code ?? 'legal'})`,
      );
    }
    return [...new Set(reasons)];
  }

  // ---- the queue ------------------------------------------------------------------------

  async function requireReader(viewer: Viewer): Promise<StaffMember> {
    const member = await deps.staff.member(viewer.accountId);
    const denial = canReadCases(member);
    if (denial) throw moderationError(denial.code, denial.reason);
    return member!;
  }

  function filterOf(member: StaffMember, query: QueueQuery): store.QueueFilter {
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

  /** Subjects and lease holders of a page of cases, in one query. */
  function peopleOf(rows: CaseRow[]): Promise<Map<string, AuthorSummary>> {
    return authorsById(
      db,
      rows.flatMap((row) => (row.claimed_by ? [row.subject_id, row.claimed_by] : [row.subject_id])),
    );
  }

  async function summarize(rows: CaseRow[]): Promise<CaseSummary[]> {
    const [people, contents] = await Promise.all([
      peopleOf(rows),
      Promise.all(rows.map((row) => contentOf(row, false))),
    ]);
    return rows.map((row, index) => toSummary(row, people, excerptOf(contents[index]!)));
  }

  function toSummary(
    row: CaseRow,
    people: Map<string, AuthorSummary>,
    excerpt: string,
  ): CaseSummary {
    const subject = people.get(row.subject_id);
    const claimValid =
      row.status !== 'resolved' &&
      row.claimed_by &&
      row.lease_until &&
      row.lease_until.getTime() > Date.now();
    return {
      id: row.id,
      targetType: row.target_type,
      targetId: row.target_id,
      subject: subject ?? {
        id: row.subject_id,
        handle: 'deleted',
        displayName: 'Deleted account',
        avatarUrl: null,
      },
      source: row.source,
      status: row.status === 'resolved' ? 'resolved' : claimValid ? 'claimed' : 'open',
      category: row.category,
      lang: row.lang,
      region: row.region,
      priority: row.priority,
      reportCount: row.report_count,
      reach: row.reach,
      claimedBy: claimValid ? (people.get(row.claimed_by!)?.handle ?? null) : null,
      leaseUntil: claimValid ? row.lease_until!.toISOString() : null,
      openedAt: row.opened_at.toISOString(),
      resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
      excerpt,
    };
  }

  /** The content a case is about; its images only when asked (the case view, not the queue). */
  async function contentOf(row: CaseRow, withMedia: boolean): Promise<CaseDetail['content']> {
    if (row.target_type === 'note') {
      const note = await notes.findNote(row.target_id);
      if (!note) return DELETED_CONTENT;
      const [presented] = withMedia ? await notes.present([note], null, 'en') : [];
      return {
        title: note.title,
        body: note.body,
        lang: note.lang,
        status: note.status,
        mediaUrls: presented?.media.map((item) => item.url) ?? [],
        withheldIn: withheldCountries(note),
        labels: note.labels,
        createdAt: note.created_at.toISOString(),
      };
    }
    if (row.target_type === 'comment') {
      const comment = await social.findComment(row.target_id);
      if (!comment) return DELETED_CONTENT;
      return {
        title: '',
        body: comment.body,
        lang: comment.lang,
        status: comment.status,
        mediaUrls: [],
        withheldIn: withheldCountries(comment),
        labels: comment.labels,
        createdAt: comment.created_at.toISOString(),
      };
    }
    const account = await accounts.findById(row.target_id);
    return {
      title: account ? `${account.display_name} (@${account.handle})` : '(deleted account)',
      body: account?.bio ?? '',
      lang: null,
      status: account?.banned_at ? 'removed' : 'published',
      mediaUrls: account?.avatar_url ? [account.avatar_url] : [],
      withheldIn: [],
      labels: [],
      createdAt: account ? account.created_at.toISOString() : null,
    };
  }

  function excerptOf(content: CaseDetail['content']): string {
    const text = [content.title, content.body].filter(Boolean).join(' — ');
    return text.length > 140 ? `${text.slice(0, 139)}…` : text;
  }

  async function cases(viewer: Viewer, query: QueueQuery) {
    const member = await requireReader(viewer);
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor, isQueueCursor);
    const rows = await store.queue(db, filterOf(member, query), after, limit);
    const last = rows.at(-1);
    return {
      items: await summarize(rows),
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
    const byCategory = await store.queueCounts(db, filterOf(member, query));
    return { total: byCategory.reduce((sum, row) => sum + row.count, 0), byCategory };
  }

  async function visibleCase(viewer: Viewer, caseId: string) {
    const member = await deps.staff.member(viewer.accountId);
    const kase = await store.findCase(db, caseId);
    if (!kase) throw moderationError('NOT_FOUND');
    const denial = canSeeCase(member, kase);
    if (denial) throw moderationError(denial.code, denial.reason);
    return { member: member!, kase };
  }

  async function detail(member: StaffMember, kase: CaseRow): Promise<CaseDetail> {
    const [people, content] = await Promise.all([peopleOf([kase]), contentOf(kase, true)]);
    const summary = toSummary(kase, people, excerptOf(content));
    const [reports, history, subject, decisions] = await Promise.all([
      store.reportsOfCase(db, kase.id),
      store.subjectHistory(db, kase.subject_id),
      accounts.findById(kase.subject_id),
      store.decisionsFor(db, kase.target_type, [kase.target_id]),
    ]);
    const statements = await statementsOf(decisions);
    const evidence = decisions.find((row) => row.source === 'automated')?.evidence ?? [];
    // the languages the moderator reads (their account setting), else their scope's
    const reader = await accounts.findById(member.accountId);
    const reads = reader?.languages.length ? reader.languages : [...member.languages];
    const readsIt =
      reads.length === 0 ||
      !content.lang ||
      reads.some((lang) => lang.split('-')[0] === content.lang!.split('-')[0]);
    const translation =
      !readsIt && deps.translation
        ? await deps.translation
            .translate({ title: content.title, body: content.body }, content.lang, reads)
            .catch(() => null)
        : null;
    return {
      ...summary,
      content,
      evidence,
      reports: reports.map((row) => ({
        id: row.id,
        reporter: row.reporter_handle,
        reason: row.reason,
        details: row.details,
        createdAt: row.created_at.toISOString(),
      })),
      history: {
        accountCreatedAt: (subject?.created_at ?? new Date(0)).toISOString(),
        cases: history.cases,
        decisions: history.decisions,
        sanctions: {
          postingRestrictedUntil: subject?.posting_restricted_until?.toISOString() ?? null,
          suspendedUntil: subject?.suspended_until?.toISOString() ?? null,
          banned: Boolean(subject?.banned_at),
        },
      },
      decisions: statements,
      translation,
    };
  }

  async function getCase(viewer: Viewer, caseId: string): Promise<CaseDetail> {
    const { member, kase } = await visibleCase(viewer, caseId);
    return detail(member, kase);
  }

  /** Claims a case (a lease): two moderators never work on the same case. */
  async function claim(viewer: Viewer, caseId: string): Promise<CaseSummary> {
    const { member, kase } = await visibleCase(viewer, caseId);
    const denial = canDecideCase(member, kase, false);
    if (denial) throw moderationError(denial.code, denial.reason);
    if (kase.status === 'resolved') throw moderationError('CASE_RESOLVED');
    const claimed = await inTransaction(db, async (tx) => {
      const row = await store.claimCase(
        tx,
        caseId,
        viewer.accountId,
        new Date(Date.now() + CLAIM_LEASE_MS),
      );
      if (!row) {
        const current = await store.findCase(tx, caseId);
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
    const [summary] = await summarize([claimed]);
    return summary!;
  }

  async function release(viewer: Viewer, caseId: string): Promise<CaseSummary> {
    await visibleCase(viewer, caseId);
    const released = await inTransaction(db, async (tx) => {
      const kase = await store.lockCase(tx, caseId);
      if (!kase || kase.status === 'resolved' || kase.claimed_by !== viewer.accountId)
        throw moderationError('CASE_NOT_CLAIMED');
      const row = await store.updateCase(tx, caseId, {
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
    const [summary] = await summarize([released]);
    return summary!;
  }

  /** The new visible state of content under a moderator's content decision. */
  function decidedState<T extends VisibleState & { status: string }>(
    current: T,
    input: CaseDecisionBody,
  ): { state: T; imposed: VisibleState } {
    const none: VisibleState = { moderation_action: 'allow', region_actions: null, labels: [] };
    const published = { ...current, status: 'published' } as T;
    switch (input.decision) {
      case 'approve':
        return { state: published, imposed: none };
      case 'label': {
        const imposed: VisibleState = {
          moderation_action: 'label',
          region_actions: null,
          labels: [input.label ?? 'Sensitive content'],
        };
        return { state: stricterState(published, imposed), imposed };
      }
      case 'limit': {
        const imposed: VisibleState = {
          moderation_action: 'limit',
          region_actions: null,
          labels: [],
        };
        return { state: stricterState(published, imposed), imposed };
      }
      case 'withhold': {
        const regions: RegionActions = {};
        for (const country of input.regions ?? []) regions[country] = 'withhold' as VisibleAction;
        const imposed: VisibleState = {
          moderation_action: 'allow',
          region_actions: regions,
          labels: [],
        };
        return { state: stricterState(published, imposed), imposed };
      }
      case 'remove':
        return { state: { ...current, status: 'removed' } as T, imposed: none };
    }
  }

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
    const { member } = await visibleCase(viewer, caseId);
    if (input.decision === 'withhold' && !input.regions?.length)
      throw moderationError('VALIDATION_FAILED', 'Withholding needs at least one region', {
        fields: [{ field: '/body/regions', message: 'required for withhold' }],
      });
    const action = input.accountAction;
    if (action && (action.type === 'restrict' || action.type === 'suspend') && !action.days)
      throw moderationError('VALIDATION_FAILED', `${action.type} needs a number of days`, {
        fields: [
          { field: '/body/accountAction/days', message: 'required for restrict and suspend' },
        ],
      });
    const { policy } = await deps.rules.current();
    const resolved = await inTransaction(db, async (tx) => {
      const kase = await store.lockCase(tx, caseId);
      if (!kase) throw moderationError('NOT_FOUND');
      const denial = canDecideCase(member, kase, Boolean(action));
      if (denial) throw moderationError(denial.code, denial.reason);
      if (kase.status === 'resolved') throw moderationError('CASE_RESOLVED');
      const leaseValid = kase.lease_until && kase.lease_until.getTime() > Date.now();
      if (kase.claimed_by !== viewer.accountId || !leaseValid)
        throw moderationError('CASE_NOT_CLAIMED');
      if (kase.target_type === 'account' && input.decision !== 'approve')
        throw moderationError(
          'VALIDATION_FAILED',
          'Accounts take account actions; the content decision must be approve',
          {
            fields: [{ field: '/body/decision', message: 'approve for account cases' }],
          },
        );

      const imposed = await applyContentDecision(tx, kase, input);
      // an account case decided by an account action has nothing else to record
      let decisionId: string | null = null;
      if (!(kase.target_type === 'account' && action)) {
        const decision = await store.insertDecision(tx, {
          id: uuidv7(),
          target_type: kase.target_type,
          target_id: kase.target_id,
          subject_id: kase.subject_id,
          source: 'staff',
          actor_id: viewer.accountId,
          case_id: kase.id,
          policy_version: policy.version,
          action: input.decision,
          region_actions: imposed.region_actions,
          withheld_in: Object.entries(imposed.region_actions ?? {})
            .filter(([, value]) => value === 'withhold')
            .map(([country]) => country),
          labels: imposed.labels,
          rule_ids: [],
          evidence: [],
          reason_code: input.reasonCode,
          note: input.note ?? null,
          until: null,
        });
        await audit.record(tx, {
          actorId: viewer.accountId,
          action: `case.decide.${input.decision}`,
          targetType: kase.target_type,
          targetId: kase.target_id,
          data: {
            caseId: kase.id,
            decisionId: decision.id,
            reasonCode: input.reasonCode,
            regions: input.regions ?? [],
          },
        });
        decisionId = decision.id;
      }
      if (action) {
        const until =
          action.type === 'restrict' || action.type === 'suspend'
            ? new Date(Date.now() + action.days! * 86_400_000)
            : null;
        await accounts.applySanction(tx, kase.subject_id, { type: action.type, until });
        // a ban takes the account's notes and comments out of every view
        if (action.type === 'ban') {
          await notes.removeAllBy(tx, kase.subject_id);
          await social.removeAllCommentsBy(tx, kase.subject_id);
        }
        const sanction = await store.insertDecision(tx, {
          id: uuidv7(),
          target_type: 'account',
          target_id: kase.subject_id,
          subject_id: kase.subject_id,
          source: 'staff',
          actor_id: viewer.accountId,
          case_id: kase.id,
          policy_version: policy.version,
          action: action.type,
          region_actions: null,
          withheld_in: [],
          labels: [],
          rule_ids: [],
          evidence: [],
          reason_code: input.reasonCode,
          note: input.note ?? null,
          until,
        });
        decisionId ??= sanction.id;
        await audit.record(tx, {
          actorId: viewer.accountId,
          action: `account.${action.type}`,
          targetType: 'account',
          targetId: kase.subject_id,
          data: { caseId: kase.id, decisionId: sanction.id, until: until?.toISOString() ?? null },
        });
      }
      return store.updateCase(tx, kase.id, {
        status: 'resolved',
        resolved_at: new Date(),
        resolved_by: viewer.accountId,
        decision_id: decisionId,
        lease_until: null,
      });
    });
    return detail(member, resolved);
  }

  async function applyContentDecision(
    tx: Tx,
    kase: CaseRow,
    input: CaseDecisionBody,
  ): Promise<VisibleState> {
    let imposed: VisibleState = { moderation_action: 'allow', region_actions: null, labels: [] };
    // content its author deleted meanwhile: the case is resolved all the same
    if (kase.target_type === 'note' && !(await notes.findNote(kase.target_id, tx))) return imposed;
    if (kase.target_type === 'comment' && !(await social.findComment(kase.target_id, tx)))
      return imposed;
    if (kase.target_type === 'note') {
      await notes.applyModeration(tx, kase.target_id, (note) => {
        const result = decidedState(note, input);
        imposed = result.imposed;
        return {
          status: result.state.status,
          moderation_action: result.state.moderation_action,
          region_actions: result.state.region_actions,
          labels: result.state.labels,
        };
      });
    } else if (kase.target_type === 'comment') {
      await social.applyCommentModeration(tx, kase.target_id, (comment) => {
        const result = decidedState(comment, input);
        imposed = result.imposed;
        return {
          status: result.state.status,
          moderation_action: result.state.moderation_action,
          region_actions: result.state.region_actions,
          labels: result.state.labels,
        };
      });
    }
    return imposed;
  }

  return {
    report,
    appeal,
    myStatements,
    statementsForNotes,
    withholdingReasons,
    cases,
    counts,
    getCase,
    claim,
    release,
    decide,
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
