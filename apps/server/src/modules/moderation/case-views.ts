import type { AuthorSummary, CaseDetail, CaseSummary } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { CaseRow } from '../../db/schema.js';
import { languageOf } from '../../lib/language-of.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { authorsById } from '../accounts/author-summaries.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SocialService } from '../social/social.service.js';
import { withheldCountries } from '../visibility/visibility.js';
import { decisionsFor, subjectHistory } from './decisions.store.js';
import { reportsOfCase } from './reports.store.js';
import type { StaffMember } from './staff-directory.js';
import type { StatementsService } from './statements.service.js';

/** What a case shows of content its author deleted meanwhile. */
/** Staff see a case's note as an anonymous reader would, with English labels. */
const STAFF_PRESENTEE = { viewer: null, locale: 'en' } as const;

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

/** The start of a case's text, for the queue. */
function excerptOf(content: CaseDetail['content']): string {
  const text = [content.title, content.body].filter(Boolean).join(' — ');
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** A machine translation for moderators who do not read the content's language. */
export interface TranslationPort {
  translate(
    texts: { title: string; body: string },
    from: string | null,
    to: readonly string[],
  ): Promise<CaseDetail['translation']>;
}

/** Reports whose notes are translated for one case view (the first listed). */
const TRANSLATED_REPORTS = 20;

const primaryOf = (tag: string) => tag.split('-')[0]!.toLowerCase();

/**
 * The languages a moderator reads: their account's setting, else their scope's, else the
 * language of their interface — a moderator who set none still reads the language they use the
 * console in, not every language.
 */
export function readingLanguages(
  accountLanguages: readonly string[],
  scopeLanguages: readonly string[],
  interfaceLocale: string | null | undefined,
): string[] {
  if (accountLanguages.length > 0) return [...accountLanguages];
  if (scopeLanguages.length > 0) return [...scopeLanguages];
  return [interfaceLocale || 'en'];
}

/** Whether text in `lang` needs a translation for someone reading `reads`. */
function needsTranslation(reads: readonly string[], lang: string | null): lang is string {
  return !!lang && !reads.some((read) => primaryOf(read) === primaryOf(lang));
}

/** How cases look to moderators: queue rows (summaries) and the full case view (detail). */
export function createCaseViews(deps: {
  db: Db;
  accounts: AccountsService;
  notes: NotesService;
  social: SocialService;
  statements: StatementsService;
  translation?: TranslationPort;
}) {
  const { db, accounts, notes, social } = deps;

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
        badge: null,
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
      const [presented] = withMedia ? await notes.present([note], STAFF_PRESENTEE) : [];
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
      // the avatar the account chose, also while its checks hide it from others
      mediaUrls: account?.own_avatar_url ? [account.own_avatar_url] : [],
      withheldIn: [],
      labels: [],
      createdAt: account ? account.created_at.toISOString() : null,
    };
  }

  /** A reporter's note translated for a moderator who does not read it, else null. */
  async function reportTranslation(
    details: string,
    reads: readonly string[],
  ): Promise<CaseDetail['reports'][number]['translation']> {
    const from = details.trim() ? languageOf(details) : null;
    if (!deps.translation || !needsTranslation(reads, from)) return null;
    const translated = await deps.translation
      .translate({ title: '', body: details }, from, reads)
      .catch(() => null);
    return translated
      ? {
          text: translated.body,
          from: translated.from,
          to: translated.to,
          engine: translated.engine,
        }
      : null;
  }

  /** The full case; `locale` is the moderator's interface language (the request's). */
  async function detail(
    member: StaffMember,
    modCase: CaseRow,
    locale?: string | null,
  ): Promise<CaseDetail> {
    const [people, content] = await Promise.all([peopleOf([modCase]), contentOf(modCase, true)]);
    const summary = toSummary(modCase, people, excerptOf(content));
    const [reports, history, subject, decisions] = await Promise.all([
      reportsOfCase(db, modCase.id),
      subjectHistory(db, modCase.subject_id),
      accounts.findById(modCase.subject_id),
      decisionsFor(db, modCase.target_type, [modCase.target_id]),
    ]);
    const statements = await deps.statements.statementsOf(decisions);
    const evidence = decisions.find((row) => row.source === 'automated')?.evidence ?? [];
    // the media checks' findings of the latest automated decision on the images
    const mediaEvidence = (
      decisions.find((row) => row.source === 'automated' && row.media_evidence.length > 0)
        ?.media_evidence ?? []
    ).map(({ key, ...item }) => ({ ...item, url: `/media/${key}` }));
    const reader = await accounts.findById(member.accountId);
    const reads = readingLanguages(
      reader?.languages ?? [],
      member.languages,
      reader?.locale ?? locale,
    );
    // the case's language is the one detected in the text, not the author's own tag
    const from = modCase.lang ?? content.lang;
    const [translation, reportTranslations] = await Promise.all([
      needsTranslation(reads, from) && deps.translation
        ? deps.translation
            .translate({ title: content.title, body: content.body }, from, reads)
            .catch(() => null)
        : null,
      Promise.all(
        reports.map((row, index) =>
          index < TRANSLATED_REPORTS ? reportTranslation(row.details, reads) : null,
        ),
      ),
    ]);
    return {
      ...summary,
      content,
      evidence,
      mediaEvidence,
      reports: reports.map((row, index) => ({
        id: row.id,
        reporter: row.reporter_handle,
        reason: row.reason,
        details: row.details,
        createdAt: row.created_at.toISOString(),
        translation: reportTranslations[index] ?? null,
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

  return { summarize, detail, content: (row: CaseRow) => contentOf(row, false) };
}

export type CaseViews = ReturnType<typeof createCaseViews>;
