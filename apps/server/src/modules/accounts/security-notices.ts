import type { DbHandle } from '../../db/database.js';
import type { SealedAccount, Vault } from '../vault/vault.js';
import type { DevOutbox, SmsSender } from './sms.js';

/** Where a notice goes: the account's phone number or e-mail address (either may be missing). */
export interface NoticeRecipient {
  phone: string | null;
  email: string | null;
}

/**
 * The port security notices go through: "someone is trying to guess your password", "someone
 * tried to sign up with your address". Every notice is also in the account's security log
 * (`GET /api/me/security-events`), so an account that no channel reaches still sees it there.
 */
export interface SecurityNotices {
  readonly name: string;
  /** Resolves whether the notice went out; never throws (a failed notice is logged). */
  notify(to: NoticeRecipient, body: string): Promise<boolean>;
}

/**
 * Development and tests: the dev outbox, by SMS to a phone number, else by "e-mail" to the
 * address (both read at `GET /api/dev/outbox`).
 */
export class OutboxSecurityNotices implements SecurityNotices {
  readonly name = 'dev-outbox';
  constructor(private readonly outbox: DevOutbox) {}

  async notify(to: NoticeRecipient, body: string): Promise<boolean> {
    if (to.phone) await this.outbox.send({ to: to.phone, body });
    else if (to.email) this.outbox.sendEmail({ to: to.email, body });
    else return false;
    return true;
  }
}

/**
 * Production: phone accounts get an SMS through the SMS gateway. There is no e-mail gateway
 * yet, so e-mail accounts find the notice in their security log only.
 */
export class SmsSecurityNotices implements SecurityNotices {
  readonly name = 'sms';
  constructor(
    private readonly sms: SmsSender,
    private readonly onError: (error: unknown) => void,
  ) {}

  async notify(to: NoticeRecipient, body: string): Promise<boolean> {
    if (!to.phone) return false;
    try {
      await this.sms.send({ to: to.phone, body });
      return true;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }
}

/**
 * A notice to an account's holder: their phone number and e-mail address opened from the vault
 * first. Resolves false when none reaches them (or their data key is gone); never throws.
 */
export function notifyHolder(
  deps: { db: DbHandle; vault: Vault; notices: SecurityNotices },
  account: SealedAccount,
  body: string,
): Promise<boolean> {
  return deps.vault.contactOf(deps.db, account).then(
    (to) => deps.notices.notify(to, body),
    () => false,
  );
}
