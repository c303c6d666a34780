import type { CreateAppealBody, CreateReportBody } from '@atrium/contracts';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type { CaseRow, ModerationTarget } from '../../db/schema.js';
import type { Viewer } from '../../http/viewer.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SocialService } from '../social/social.service.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import { caseLanguage } from './case-language.js';
import { reasonSeverity, reportPriority } from './case-priority.js';
import { findOpenCase, lockCase, openCase, updateCase } from './cases.store.js';
import { findDecision } from './decisions.store.js';
import { moderationError } from './moderation.errors.js';
import { canReport } from './moderation.policy.js';
import {
  countReportsSince,
  findReportBy,
  insertReport,
  reportReasonsOfCase,
} from './reports.store.js';
import type { StatementsService } from './statements.service.js';

/** Reports one account may file a day (flood protection beyond the per-IP rate limit). */
export const REPORTS_PER_DAY = 50;

/** What is reported, as the reporter may see it. */
interface Target {
  type: ModerationTarget;
  id: string;
  subjectId: string;
  lang: string | null;
  region: string | null;
  reach: number;
}

/** Reports from members and appeals from authors: both open a case or join the open one. */
export function createReportsService(deps: {
  db: Db;
  accounts: AccountsService;
  notes: NotesService;
  social: SocialService;
  statements: StatementsService;
  trust?: { checkReport(accountId: string): Promise<void> };
}) {
  const { db, accounts, notes, social } = deps;

  /** The target of a report, as the reporter may see it (404 when they may not). */
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
        // the language the server detects, never the author's own tag: it routes the case
        lang: await caseLanguage(db, note.author_id, note.title, note.body),
        region: note.ip_country,
        reach: note.view_count,
      };
    }
    if (type === 'comment') {
      const comment = await social.findVisibleComment(id, context);
      if (!comment) throw moderationError('NOT_FOUND');
      // nor a comment on a note the reporter may not see (withheld in their region, blocked)
      await notes.requireVisible(db, comment.note_id, context);
      return {
        type,
        id,
        subjectId: comment.author_id,
        lang: await caseLanguage(db, comment.author_id, comment.body),
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
      // detected in the bio, then the author's recent notes; never the stored tag alone
      lang: await caseLanguage(db, account.id, account.bio),
      region: account.ip_country,
      reach: account.followers_count,
    };
  }

  /**
   * Where an appealed target belongs, whatever its state (held, removed, banned): the language
   * detected in its text and its author's region, so the appeal reaches the moderators who
   * cover it and no others.
   */
  async function placeOf(
    type: ModerationTarget,
    id: string,
    subjectId: string,
  ): Promise<{ lang: string | null; region: string | null }> {
    if (type === 'note') {
      const note = await notes.findNote(id);
      if (note) {
        const lang = await caseLanguage(db, note.author_id, note.title, note.body);
        return { lang, region: note.ip_country };
      }
    } else if (type === 'comment') {
      const comment = await social.findComment(id);
      if (comment) {
        const lang = await caseLanguage(db, comment.author_id, comment.body);
        return { lang, region: comment.ip_country };
      }
    }
    // an account, or content its author deleted meanwhile: the author's own region
    const account = await accounts.findById(subjectId);
    return {
      // an account is read in its bio and, past that, in its author's recent notes
      lang: type === 'account' ? await caseLanguage(db, subjectId, account?.bio) : null,
      region: account?.ip_country ?? null,
    };
  }

  /** Never one's own content, at most REPORTS_PER_DAY a day, once per target. */
  async function checkMayReport(reporterId: string, target: Target): Promise<void> {
    const denial = canReport(reporterId, target.subjectId);
    if (denial) throw moderationError(denial.code);
    const dayAgo = new Date(Date.now() - 86_400_000);
    if ((await countReportsSince(db, reporterId, dayAgo)) >= REPORTS_PER_DAY) {
      throw moderationError('RATE_LIMITED', 'Too many reports today', { retryAfter: 3600 });
    }
    if (await findReportBy(db, reporterId, target.type, target.id)) {
      throw moderationError('ALREADY_REPORTED');
    }
  }

  /** The target's open case, opened now if there is none, locked for this transaction. */
  async function lockCaseOf(tx: Tx, target: Target, category: string): Promise<CaseRow> {
    const opened = await openCase(tx, {
      id: uuidv7(),
      target_type: target.type,
      target_id: target.id,
      subject_id: target.subjectId,
      source: 'report',
      category,
      lang: target.lang,
      region: target.region,
      priority: 0,
      reach: target.reach,
    });
    return (await lockCase(tx, opened.id))!;
  }

  /** A case's category and priority follow the worst reason, the reporters and the reach. */
  async function reprioritize(tx: Tx, modCase: CaseRow, targetReach: number): Promise<void> {
    const reasons = (await reportReasonsOfCase(tx, modCase.id)).map((r) => r.reason);
    const worst = reasons.reduce((a, b) => (reasonSeverity(b) > reasonSeverity(a) ? b : a));
    const reach = Math.max(modCase.reach, targetReach);
    await updateCase(tx, modCase.id, {
      report_count: reasons.length,
      reach,
      // an automated hold keeps its lexicon category unless a report is more severe
      category:
        modCase.source === 'report' || reasonSeverity(worst) >= 60 ? worst : modCase.category,
      priority: Math.max(
        modCase.source === 'report' ? 0 : modCase.priority,
        reportPriority(reasons, reach),
      ),
    });
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
    await checkMayReport(viewer.accountId, target);
    await deps.trust?.checkReport(viewer.accountId);
    return inTransaction(db, async (tx) => {
      const modCase = await lockCaseOf(tx, target, input.reason);
      const row = await insertReport(tx, {
        id: uuidv7(),
        reporter_id: viewer.accountId,
        target_type: target.type,
        target_id: target.id,
        reason: input.reason,
        details: input.details?.trim() ?? '',
        case_id: modCase.id,
      });
      if (!row) throw moderationError('ALREADY_REPORTED');
      await reprioritize(tx, modCase, target.reach);
      return { id: row.id };
    });
  }

  /**
   * The author appeals a decision: a case in the target's scope, naming the decision appealed,
   * that another moderator reviews.
   */
  async function appeal(viewer: Viewer, input: CreateAppealBody): Promise<{ id: string }> {
    const decision = await findDecision(db, input.decisionId);
    if (!decision || decision.subject_id !== viewer.accountId) throw moderationError('NOT_FOUND');
    const [statement] = await deps.statements.statementsOf([decision]);
    if (!statement!.appeal.allowed) throw moderationError('APPEAL_NOT_ALLOWED');
    const place = await placeOf(decision.target_type, decision.target_id, decision.subject_id);
    return inTransaction(db, async (tx) => {
      const open = await findOpenCase(tx, decision.target_type, decision.target_id);
      if (open?.source === 'appeal') throw moderationError('ALREADY_APPEALED');
      const modCase =
        open ??
        (await openCase(tx, {
          id: uuidv7(),
          target_type: decision.target_type,
          target_id: decision.target_id,
          subject_id: viewer.accountId,
          source: 'appeal',
          category: 'appeal',
          lang: place.lang,
          region: place.region,
          priority: 50,
          reach: 0,
          appealed_decision_id: decision.id,
        }));
      if (open)
        await updateCase(tx, open.id, {
          source: 'appeal',
          priority: Math.max(open.priority, 50),
          appealed_decision_id: decision.id,
          lang: open.lang ?? place.lang,
          region: open.region ?? place.region,
        });
      const row = await insertReport(tx, {
        id: uuidv7(),
        reporter_id: viewer.accountId,
        target_type: decision.target_type,
        target_id: decision.target_id,
        reason: 'appeal',
        details: `Appeal of decision ${decision.id}: ${input.statement.trim()}`,
        case_id: modCase.id,
      });
      if (!row) throw moderationError('ALREADY_APPEALED');
      return { id: modCase.id };
    });
  }

  return { report, appeal };
}

export type ReportsService = ReturnType<typeof createReportsService>;
