import type { AccountAction } from '@atrium/contracts';
import type { Tx } from '../../db/database.js';
import { type DomainEvents, noDomainEvents } from '../../lib/domain-events.js';
import * as store from './accounts.store.js';
import type { SessionCache } from './sessions.service.js';
import * as sessionsStore from './sessions.store.js';

/** Sanctions on an account, applied and lifted in the deciding staff member's transaction. */
export function createSanctions(sessionCache: SessionCache, events: DomainEvents = noDomainEvents) {
  /**
   * A moderator's sanction, in the moderator's transaction. Suspensions and bans end every
   * session at once; restrictions take effect on the next request (cached sessions dropped).
   */
  async function applySanction(
    tx: Tx,
    accountId: string,
    sanction: { type: AccountAction; until: Date | null },
  ): Promise<void> {
    // a restriction, suspension or ban drops the account to trust level 0: it earns its trust
    // again from now (docs/risk.md, "Trust levels"); a warning takes no power away
    if (sanction.type !== 'warn')
      await store.updateAccount(tx, accountId, {
        trust_level: 0,
        trust_floor: 0,
        trust_since: new Date(),
      });
    if (sanction.type === 'restrict')
      await store.updateAccount(tx, accountId, { posting_restricted_until: sanction.until });
    if (sanction.type === 'suspend')
      await store.updateAccount(tx, accountId, { suspended_until: sanction.until });
    if (sanction.type === 'ban')
      await store.updateAccount(tx, accountId, { banned_at: new Date() });
    if (sanction.type === 'suspend' || sanction.type === 'ban')
      await sessionsStore.revokeAllSessions(tx, accountId);
    await events.record(tx, {
      type: 'account.sanctioned',
      key: accountId,
      data: { sanction: sanction.type, until: sanction.until?.toISOString() ?? null },
    });
    sessionCache.forgetAccount(accountId);
  }

  /**
   * Lifts a suspension and a ban (an administrator's decision), in their transaction. What the
   * ban removed stays removed. Answers what was lifted, or null when nothing was in force.
   */
  async function liftSanction(
    tx: Tx,
    accountId: string,
  ): Promise<{ suspendedUntil: Date | null; bannedAt: Date | null } | null> {
    const account = await store.findAccountById(tx, accountId);
    const suspended = account?.suspended_until && account.suspended_until.getTime() > Date.now();
    if (!account || (!suspended && !account.banned_at)) return null;
    await store.updateAccount(tx, accountId, { suspended_until: null, banned_at: null });
    sessionCache.forgetAccount(accountId);
    return {
      suspendedUntil: suspended ? account.suspended_until : null,
      bannedAt: account.banned_at,
    };
  }

  return { applySanction, liftSanction };
}
