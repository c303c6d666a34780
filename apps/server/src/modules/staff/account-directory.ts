import type { DbHandle } from '../../db/database.js';

/** An account as staff sees it: who it is, nothing about how it signs in. */
export interface DirectoryAccount {
  id: string;
  handle: string;
}

/**
 * What staff (its service and the `atrium staff` CLI) needs of accounts. Declared here, where it
 * is used; the accounts module implements it (`modules/accounts/account-directory.ts`).
 */
export interface AccountDirectory {
  findById(id: string): Promise<DirectoryAccount | undefined>;
  /** Handles compare case-insensitively. */
  findByHandle(handle: string): Promise<DirectoryAccount | undefined>;
  /**
   * Whether the account may be granted a staff role: its password (if it has one) was chosen
   * with at least 12 characters.
   */
  mayHoldStaffRole(id: string): Promise<boolean>;
  /**
   * The account's phone number and e-mail address, opened from the vault (purpose-bound staff
   * access only: `personal-data-access.ts`); undefined when there is no such account.
   */
  personalData(id: string): Promise<{ phone: string | null; email: string | null } | undefined>;
  /** Whether the account has TOTP on (staff powers may require it: `staff.guard.ts`). */
  hasSecondFactor(id: string): Promise<boolean>;
  /**
   * A password account for the platform's own use (the first administrator), in the caller's
   * transaction; null when the handle is taken.
   */
  createOperatorAccount(
    tx: DbHandle,
    input: { handle: string; password: string; displayName: string },
  ): Promise<DirectoryAccount | null>;
}
