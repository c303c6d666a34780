import { type Db, inTransaction } from '../../db/database.js';
import type { Viewer } from '../../http/viewer.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { socialError } from './social.errors.js';
import { canFollow } from './social.policy.js';
import * as store from './social.store.js';

export function createSocialService(deps: { db: Db; accounts: AccountsService }) {
  const { db } = deps;

  /** Follows an account by handle. Idempotent; counters move only when the edge is new. */
  async function follow(viewer: Viewer, handle: string): Promise<void> {
    const target = await deps.accounts.getByHandle(handle);
    const denial = canFollow(viewer.accountId, target.id);
    if (denial) throw socialError(denial.code);
    await inTransaction(db, async (tx) => {
      if (await store.insertFollow(tx, viewer.accountId, target.id)) {
        await store.adjustFollowCounts(tx, viewer.accountId, target.id, 1);
      }
    });
  }

  async function unfollow(viewer: Viewer, handle: string): Promise<void> {
    const target = await deps.accounts.getByHandle(handle);
    await inTransaction(db, async (tx) => {
      if (await store.deleteFollow(tx, viewer.accountId, target.id)) {
        await store.adjustFollowCounts(tx, viewer.accountId, target.id, -1);
      }
    });
  }

  function relation(viewerId: string, otherId: string) {
    return store.followEdges(db, viewerId, otherId);
  }

  return { follow, unfollow, relation };
}

export type SocialService = ReturnType<typeof createSocialService>;
