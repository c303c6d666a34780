import type { StaffMember, StaffRole } from '@atrium/contracts';
import { staffRoles } from '@atrium/contracts';
import type { StaffMemberRow } from '../../db/schema.js';
import type { DomainError } from '../../http/errors.js';
import { staffError } from './staff.errors.js';
import type { StaffScope } from './staff.policy.js';
import type * as store from './staff.store.js';

// Staff members' values: the lookup cache, input normalization and the views answered.

/** How long a looked-up member (or non-member) is reused; changes on this node drop it at once. */
export const STAFF_CACHE_TTL_MS = 10_000;

interface CachedMember {
  member: StaffScope | null;
  cachedAt: number;
}

/** Staff lookups by account: every staff route and moderation check would otherwise query. */
export class StaffCache {
  readonly #entries = new Map<string, CachedMember>();

  get(accountId: string): CachedMember | undefined {
    const entry = this.#entries.get(accountId);
    if (entry && Date.now() - entry.cachedAt < STAFF_CACHE_TTL_MS) return entry;
    if (entry) this.#entries.delete(accountId);
    return undefined;
  }

  set(accountId: string, member: StaffScope | null): void {
    this.#entries.set(accountId, { member, cachedAt: Date.now() });
    if (this.#entries.size > 10_000)
      this.#entries.delete(this.#entries.keys().next().value as string);
  }

  forget(accountId: string): void {
    this.#entries.delete(accountId);
  }
}

const LANGUAGE = /^[a-z]{2,3}$/;
const REGION = /^[A-Z]{2}$/;

function invalid(field: string, message: string): DomainError {
  return staffError('VALIDATION_FAILED', `${field} ${message}`, {
    fields: [{ field: `/body/${field}`, message }],
  });
}

/** Lower-case primary subtags, deduplicated and sorted (the CLI's input is not schema-checked). */
export function normalizeLanguages(input: readonly string[] | undefined): string[] {
  const values = [...new Set((input ?? []).map((value) => value.trim().toLowerCase()))];
  for (const value of values) {
    if (!LANGUAGE.test(value)) throw invalid('languages', `"${value}" is not a language code`);
  }
  return values.filter(Boolean).sort();
}

/** Upper-case ISO 3166-1 alpha-2 codes, deduplicated and sorted. */
export function normalizeRegions(input: readonly string[] | undefined): string[] {
  const values = [...new Set((input ?? []).map((value) => value.trim().toUpperCase()))];
  for (const value of values) {
    if (!REGION.test(value)) throw invalid('regions', `"${value}" is not a country code`);
  }
  return values.sort();
}

export function toScope(row: StaffMemberRow): StaffScope {
  return {
    accountId: row.account_id,
    role: row.role,
    languages: row.languages,
    regions: row.regions,
  };
}

export function toMember(row: store.StaffMemberListRow): StaffMember {
  return {
    accountId: row.account_id,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
    languages: row.languages,
    regions: row.regions,
    createdAt: row.created_at.toISOString(),
    createdBy:
      row.created_by && row.created_by_handle
        ? { id: row.created_by, handle: row.created_by_handle }
        : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A role from the CLI (not schema-checked) or the API. */
export function checkRole(role: string): StaffRole {
  if (!(staffRoles as readonly string[]).includes(role)) {
    throw invalid('role', `must be one of ${staffRoles.join(', ')}`);
  }
  return role as StaffRole;
}
