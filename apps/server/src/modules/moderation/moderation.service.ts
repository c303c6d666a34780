import type { Db } from '../../db/database.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SafetyRulesProvider } from '../screening/safety-rules.js';
import type { SocialService } from '../social/social.service.js';
import { createCaseViews, type TranslationPort } from './case-views.js';
import { createCasesService, type RemovedMediaPort } from './cases.service.js';
import type { AuditPort } from './content-moderation.js';
import { createFalsePositives, type LexiconTuningPort } from './false-positive.js';
import { createReportsService } from './reports.service.js';
import { createSanctionsService } from './sanctions.service.js';
import type { StaffDirectory } from './staff-directory.js';
import type { StatementsService } from './statements.service.js';

/**
 * The one entry point of moderation for routes and the composition root: reports and appeals,
 * statements of reasons, and the review cases, each its own service.
 */
export function createModerationService(deps: {
  db: Db;
  rules: SafetyRulesProvider;
  audit: AuditPort;
  staff: StaffDirectory;
  accounts: AccountsService;
  notes: NotesService;
  social: SocialService;
  statements: StatementsService;
  translation?: TranslationPort;
  /** The policy module's lexicon tuning (the false-positive loop); absent, the route refuses. */
  tuning?: LexiconTuningPort;
  /** The risk module's trust-level check before a report (TRUST_LIMIT over the limit). */
  trust?: { checkReport(accountId: string): Promise<void> };
  /** The media module's hash bank: the images of notes moderators remove are banked. */
  removedMedia?: RemovedMediaPort;
}) {
  const { statements } = deps;
  const reports = createReportsService({ ...deps, statements });
  const views = createCaseViews({ ...deps, statements });
  const cases = createCasesService({ ...deps, views });
  const sanctions = createSanctionsService(deps);
  const falsePositives = createFalsePositives({ ...deps, views });
  return {
    report: reports.report,
    appeal: reports.appeal,
    myStatements: statements.myStatements,
    statementsForNotes: statements.statementsForNotes,
    withholdingReasons: statements.withholdingReasons,
    cases: cases.cases,
    counts: cases.counts,
    getCase: cases.getCase,
    claim: cases.claim,
    release: cases.release,
    decide: cases.decide,
    liftSanction: sanctions.lift,
    reportFalsePositive: falsePositives.report,
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
