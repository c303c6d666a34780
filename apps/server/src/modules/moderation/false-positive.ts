import type { FalsePositiveBody, FalsePositiveResult } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { EvidenceSpan } from '../../db/schema.js';
import type { Viewer } from '../../http/viewer.js';
import type { CaseViews } from './case-views.js';
import { findCase } from './cases.store.js';
import { automatedEvidenceOfCase, decisionAction } from './decisions.store.js';
import { moderationError } from './moderation.errors.js';
import { canSeeCase } from './moderation.policy.js';
import type { StaffDirectory } from './staff-directory.js';

/**
 * What moderation needs of the policy module to close the false-positive loop (implemented by
 * `policy/lexicon-tuning.ts`, wired in app.ts): narrowing changes previewed, or published as a
 * new policy version.
 */
export interface LexiconTuningPort {
  tune(
    accountId: string,
    input: {
      caseId: string;
      allow: { text: string; category: string }[];
      narrow: { term: string; category: string; lang?: string; match?: 'word' }[];
      dryRun: boolean;
      days?: number;
      note?: string;
    },
  ): Promise<FalsePositiveResult>;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/** The text of an evidence span's field ('title' or 'body' of a note or comment). */
function fieldText(content: { title: string; body: string }, span: EvidenceSpan): string {
  return span.field === 'title' ? content.title : span.field === 'body' ? content.body : '';
}

/**
 * An allow entry is about the case when it contains what matched and is itself in the text
 * there: it spans the innocent word around the match (`tumbleweed` around `weed`), and is longer
 * than the match.
 */
function allowFits(
  allow: { text: string; category: string },
  content: { title: string; body: string },
  evidence: EvidenceSpan[],
): boolean {
  return evidence.some((span) => {
    if (span.category !== allow.category) return false;
    const text = fieldText(content, span);
    const matched = fold(text.slice(span.start, span.end));
    const allowed = fold(allow.text);
    // longer than the match itself: allowing the bare term would switch it off everywhere
    return (
      matched !== '' &&
      allowed.length > matched.length &&
      allowed !== fold(span.term) &&
      allowed.includes(matched) &&
      fold(text).includes(allowed)
    );
  });
}

/**
 * The false-positive loop: from an automated case a moderator overturned (approved, or decided
 * anything lighter than a removal), allow the innocent text or narrow the term that matched.
 * Every change must concern the case's own evidence; the permission and the narrowing-only rule
 * are checked again by the policy module.
 */
export function createFalsePositives(deps: {
  db: Db;
  staff: StaffDirectory;
  views: CaseViews;
  tuning?: LexiconTuningPort;
}) {
  const { db } = deps;

  async function report(
    viewer: Viewer,
    caseId: string,
    body: FalsePositiveBody,
  ): Promise<FalsePositiveResult> {
    const member = await deps.staff.member(viewer.accountId);
    const modCase = await findCase(db, caseId);
    if (!modCase) throw moderationError('NOT_FOUND');
    const denial = canSeeCase(member, modCase);
    if (denial) throw moderationError(denial.code, denial.reason);
    const lacking = member!.lacks('lexicon.tune');
    if (lacking) throw moderationError('FORBIDDEN', lacking);
    if (!deps.tuning) throw moderationError('FORBIDDEN', 'lexicon tuning is not configured');
    if (modCase.source !== 'automated' || modCase.target_type === 'account')
      throw moderationError('FALSE_POSITIVE_INELIGIBLE', 'not an automated hold of content');
    const action =
      modCase.status === 'resolved' && modCase.decision_id
        ? await decisionAction(db, modCase.decision_id)
        : null;
    if (!action || action === 'remove')
      throw moderationError(
        'FALSE_POSITIVE_INELIGIBLE',
        'the automated decision was not overturned',
      );
    const evidence = await automatedEvidenceOfCase(db, caseId);
    const content = await deps.views.content(modCase);
    const allow = body.allow ?? [];
    const narrow = body.narrow ?? [];
    for (const item of allow) {
      if (!allowFits(item, content, evidence))
        throw moderationError(
          'LEXICON_CHANGE_REFUSED',
          `${JSON.stringify(item.text)} is not the text around a match of this case`,
        );
    }
    for (const item of narrow) {
      if (!evidence.some((span) => span.term === item.term && span.category === item.category))
        throw moderationError('LEXICON_CHANGE_REFUSED', `${item.term} did not match in this case`);
    }
    return deps.tuning.tune(viewer.accountId, {
      caseId,
      allow,
      narrow,
      dryRun: body.dryRun ?? false,
      days: body.days,
      note: body.note,
    });
  }

  return { report };
}
