import {
  type StaffPermission,
  type StaffRole,
  staffPermissions,
  staffRoles,
} from '@atrium/contracts';
import type { Denial as GenericDenial } from '../../lib/denial.js';

// Who among staff may do what, and over which content. Least privilege: a role gets only what
// its work needs, and a scope narrows a moderator to the languages and regions they read.

export type { StaffPermission as Permission, StaffRole as Role };
export { staffPermissions as PERMISSIONS, staffRoles as ROLES };

/** The role → permissions table: the one place permissions are granted. */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly StaffPermission[]>> = {
  admin: staffPermissions,
  moderator: [
    'cases.read',
    'cases.decide',
    'accounts.act',
    'reports.read',
    'policy.read',
    // narrowing only (allow entries, a term limited to a language or to whole words): a
    // moderator undoes false positives without being able to add or widen terms
    'lexicon.tune',
  ],
  // read-only: dashboards, audits and policy analysis, never an action on content or accounts
  analyst: ['cases.read', 'reports.read', 'audit.read', 'policy.read', 'metrics.read'],
};

/** What the policy needs to know about a staff member. */
export interface StaffScope {
  accountId: string;
  role: StaffRole;
  /** Primary language subtags, lower case; empty = every language. */
  languages: readonly string[];
  /** ISO 3166-1 alpha-2 codes, upper case; empty = every region. */
  regions: readonly string[];
}

/** A denial with its reason, or null when allowed. */
export type Denial = GenericDenial<'FORBIDDEN' | 'LAST_ADMIN'>;

export function permissionsOf(role: StaffRole): readonly StaffPermission[] {
  return ROLE_PERMISSIONS[role];
}

/** Staff only, and only with a role that grants the permission. */
export function canUse(member: StaffScope | null, permission: StaffPermission): Denial {
  if (!member) return { code: 'FORBIDDEN', reason: 'not a staff member' };
  if (!ROLE_PERMISSIONS[member.role].includes(permission)) {
    return { code: 'FORBIDDEN', reason: `the ${member.role} role does not include ${permission}` };
  }
  return null;
}

/** The language and region of a piece of content; null when unknown. */
export interface ContentPlace {
  /** A BCP 47 tag (`zh-Hans`, `pt-BR`) or null. */
  lang: string | null;
  /** ISO 3166-1 alpha-2 country (the author's, or the IP's) or null. */
  region: string | null;
}

/** `zh-Hans` → `zh`; `und` (undetermined) and `zxx` (no linguistic content) are unknown. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  if (!primary || primary === 'und' || primary === 'zxx' || primary === 'mul') return null;
  return primary;
}

/**
 * Whether content is within a staff member's scope. Both dimensions must fit: the content's
 * language (by primary subtag, so a `zh` scope covers `zh-Hans` and `zh-Hant`) is one of the
 * member's languages, AND its region is one of the member's regions. An empty list means every
 * language or region. Unknown language or region fits every scope on that dimension, so content
 * nobody could classify is never stranded outside every queue.
 */
export function inScope(member: StaffScope, content: ContentPlace): boolean {
  const lang = primaryLanguage(content.lang);
  const languageFits =
    member.languages.length === 0 || lang === null || member.languages.includes(lang);
  const region = content.region?.trim().toUpperCase() || null;
  const regionFits =
    member.regions.length === 0 || region === null || member.regions.includes(region);
  return languageFits && regionFits;
}

/** Permission and scope together: what a moderator acting on one piece of content needs. */
export function canActOn(
  member: StaffScope | null,
  permission: StaffPermission,
  content: ContentPlace,
): Denial {
  const denial = canUse(member, permission);
  if (denial) return denial;
  if (!inScope(member!, content)) {
    return { code: 'FORBIDDEN', reason: 'outside your languages or regions' };
  }
  return null;
}

/**
 * An admin may not be demoted or removed when they are the last one: nobody could manage staff
 * or publish policies any more (the CLI could, but only with access to the server).
 */
export function canDropAdmin(target: { role: StaffRole }, adminCount: number): Denial {
  if (target.role === 'admin' && adminCount <= 1) {
    return { code: 'LAST_ADMIN', reason: 'the last administrator cannot be removed or demoted' };
  }
  return null;
}
