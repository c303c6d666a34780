/** A staff member as moderation sees one: role permissions and language/region scope. */
export interface StaffMember {
  accountId: string;
  role: string;
  permissions: readonly string[];
  /** Empty: every language. */
  languages: readonly string[];
  /** Empty: every region. */
  regions: readonly string[];
}

/** Who is staff (the staff module keeps roles and scopes). */
export interface StaffDirectory {
  member(accountId: string): Promise<StaffMember | null>;
}

export type Denial = { code: 'FORBIDDEN' | 'NOT_FOUND'; reason: string } | null;

const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

/**
 * Content is in a moderator's scope when its language and its region are among theirs (an
 * empty list covers all). Content of unknown language or region is everyone's, so nothing is
 * stranded outside every queue.
 */
export function inScope(
  member: StaffMember,
  content: { lang: string | null; region: string | null },
): boolean {
  const languageOk =
    member.languages.length === 0 ||
    content.lang === null ||
    member.languages.some((lang) => primary(lang) === primary(content.lang!));
  const regionOk =
    member.regions.length === 0 ||
    content.region === null ||
    member.regions.includes(content.region);
  return languageOk && regionOk;
}

/** Reading the queue and cases. */
export function canReadCases(member: StaffMember | null): Denial {
  if (!member || !member.permissions.includes('cases.read'))
    return { code: 'FORBIDDEN', reason: 'needs the cases.read permission' };
  return null;
}

/**
 * Acting on a case: the permission to decide, the case in scope (out of scope looks like a
 * case that does not exist), and account actions need their own permission.
 */
export function canDecideCase(
  member: StaffMember | null,
  kase: { lang: string | null; region: string | null },
  accountAction: boolean,
): Denial {
  if (!member || !member.permissions.includes('cases.decide'))
    return { code: 'FORBIDDEN', reason: 'needs the cases.decide permission' };
  if (!inScope(member, kase))
    return { code: 'NOT_FOUND', reason: 'outside your languages or regions' };
  if (accountAction && !member.permissions.includes('accounts.act'))
    return { code: 'FORBIDDEN', reason: 'needs the accounts.act permission' };
  return null;
}

/** Seeing one case: read permission and scope. */
export function canSeeCase(
  member: StaffMember | null,
  kase: { lang: string | null; region: string | null },
): Denial {
  const denial = canReadCases(member);
  if (denial) return denial;
  return inScope(member!, kase) ? null : { code: 'NOT_FOUND', reason: 'outside your scope' };
}

/** Reporting: anyone signed in, never one's own content. */
export function canReport(
  reporterId: string,
  subjectId: string,
): Denial | { code: 'CANNOT_REPORT_SELF'; reason: string } {
  return reporterId === subjectId ? { code: 'CANNOT_REPORT_SELF', reason: 'own content' } : null;
}
