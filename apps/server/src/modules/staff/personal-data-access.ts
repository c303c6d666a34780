import {
  type AccessLogEntry,
  PERSONAL_DATA_REVEAL_MINUTES,
  type RevealPersonalDataBody,
  type StaffPersonalData,
} from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { AccountDirectory } from './account-directory.js';
import { listAudit, recordAudit } from './audit.js';
import * as store from './audit.store.js';
import { staffError } from './staff.errors.js';
import type { StaffService } from './staff.service.js';

// Purpose-bound access to an account's personal data (docs/staff.md, "Personal data"). Staff see
// phone and e-mail masked; an administrator unmasks them with a reason, for
// PERSONAL_DATA_REVEAL_MINUTES, and that unmasking is an audit record the account holder reads
// at GET /api/me/access-log. The audit log is where the grants live: no second table to keep in
// step with it, and nothing to forge outside the hash chain.

export const REVEAL_ACTION = 'personal_data.reveal';
const REVEAL_MS = PERSONAL_DATA_REVEAL_MINUTES * 60_000;

/** `jane.doe@gmail.com` → `j•••@g•••.com`: enough to tell two accounts apart, not to write. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${[...local][0]}•••@${[...host][0] ?? ''}•••${tld}`;
}

/** `+14155550142` → `+1 •••• ••42`: the country code (from the E.164 number) and two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return '•••';
  // E.164 country codes are 1–3 digits; one digit or two is as much as a mask should tell
  const country =
    digits.startsWith('1') || digits.startsWith('7') ? digits.slice(0, 1) : digits.slice(0, 2);
  return `+${country} •••• ••${digits.slice(-2)}`;
}

export interface PersonalDataAccessDeps {
  db: DbHandle;
  staff: Pick<StaffService, 'requirePermission' | 'getMember'>;
  accounts: Pick<AccountDirectory, 'findByHandle' | 'personalData'>;
}

export function createPersonalDataAccess(deps: PersonalDataAccessDeps) {
  const { db, staff, accounts } = deps;

  async function accountOf(handle: string) {
    const account = await accounts.findByHandle(handle.trim().toLowerCase());
    if (!account) throw staffError('NOT_FOUND', 'No account with this handle');
    const data = await accounts.personalData(account.id);
    if (!data) throw staffError('NOT_FOUND', 'No account with this handle');
    return { account, data };
  }

  function view(
    account: { id: string; handle: string },
    data: { email: string | null; phone: string | null },
    until: Date | null,
  ): StaffPersonalData {
    const masked = until === null;
    return {
      accountId: account.id,
      handle: account.handle,
      email: data.email === null ? null : masked ? maskEmail(data.email) : data.email,
      phone: data.phone === null ? null : masked ? maskPhone(data.phone) : data.phone,
      masked,
      revealedUntil: until?.toISOString() ?? null,
    };
  }

  /**
   * Masked for staff who act on accounts (`accounts.act`), plain for the rest of an unmasking
   * the caller made. Reading it masked is not recorded: it tells nothing a person could use.
   */
  async function get(viewer: { accountId: string }, handle: string): Promise<StaffPersonalData> {
    await staff.requirePermission(viewer, 'accounts.act');
    const { account, data } = await accountOf(handle);
    const grant = await store.latestActionOn(db, {
      action: REVEAL_ACTION,
      actorId: viewer.accountId,
      accountId: account.id,
      since: new Date(Date.now() - REVEAL_MS),
    });
    return view(account, data, grant ? new Date(grant.created_at.getTime() + REVEAL_MS) : null);
  }

  /** Unmasks for PERSONAL_DATA_REVEAL_MINUTES (`personal_data.reveal`), audited with the reason. */
  async function reveal(
    viewer: { accountId: string },
    handle: string,
    body: RevealPersonalDataBody,
  ): Promise<StaffPersonalData> {
    const member = await staff.requirePermission(viewer, 'personal_data.reveal');
    const reason = body.reason.trim();
    if ([...reason].length < 10) {
      throw staffError('VALIDATION_FAILED', 'Give a reason of at least 10 characters');
    }
    const { account, data } = await accountOf(handle);
    const fields = (['email', 'phone'] as const).filter((field) => data[field] !== null);
    const record = await recordAudit(db, {
      actorId: viewer.accountId,
      actorKind: 'staff',
      action: REVEAL_ACTION,
      targetType: 'account',
      targetId: account.id,
      data: { reason, fields, role: member.role, minutes: PERSONAL_DATA_REVEAL_MINUTES },
    });
    return view(account, data, new Date(record.createdAt.getTime() + REVEAL_MS));
  }

  /** The holder's own log: every unmasking of their data, newest first (the audit log's pages). */
  async function accessLog(
    viewer: { accountId: string },
    query: { limit?: number | undefined; cursor?: string | undefined },
  ): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
    const page = await listAudit(db, {
      ...query,
      action: REVEAL_ACTION,
      targetType: 'account',
      targetId: viewer.accountId.toLowerCase(),
    });
    return {
      items: page.items.map((record) => {
        const data = record.data as {
          reason?: string;
          fields?: string[];
          role?: string;
          minutes?: number;
        };
        const at = Date.parse(record.createdAt);
        return {
          id: record.id,
          at: record.createdAt,
          role: record.actorKind === 'cli' ? 'operator' : (data.role ?? 'staff'),
          fields: (data.fields ?? []).filter(
            (field): field is 'email' | 'phone' => field === 'email' || field === 'phone',
          ),
          reason: data.reason ?? '',
          until: data.minutes ? new Date(at + data.minutes * 60_000).toISOString() : null,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  return { get, reveal, accessLog };
}

export type PersonalDataAccess = ReturnType<typeof createPersonalDataAccess>;
