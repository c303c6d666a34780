import type { StaffPermission, StaffRole } from '@atrium/contracts';

// The port through which moderation learns who is staff. Roles, permissions and scopes belong to
// the staff module; the composition root fills this port from it, so moderation never imports
// staff (which itself builds on moderation's inline check).

/** The language and region of a case's content; null when unknown. */
export interface CasePlace {
  lang: string | null;
  region: string | null;
}

/** A staff member as moderation sees them: who, what they cover, what their role allows. */
export interface StaffMember {
  accountId: string;
  role: StaffRole;
  /** Primary language subtags the member covers; empty = every language. */
  languages: readonly string[];
  /** Countries the member covers; empty = every region. */
  regions: readonly string[];
  /** Why the member's role does not grant `permission`, or null when it does. */
  lacks(permission: StaffPermission): string | null;
  /** Whether content in this language and region is within the member's scope. */
  covers(place: CasePlace): boolean;
}

/** Who is staff. */
export interface StaffDirectory {
  /** The staff member behind an account, or null when the account is not staff. */
  member(accountId: string): Promise<StaffMember | null>;
}
