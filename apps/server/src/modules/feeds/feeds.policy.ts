import type { Denial as GenericDenial } from '../../lib/denial.js';

export type Denial = GenericDenial<'LIKES_PRIVATE'>;

/**
 * The notes an account liked are its own business, as on RedNote (赞过 shows to the owner by
 * default): only the account itself may read the list. There is no setting to show it yet.
 */
export function canReadLikes(viewerId: string, ownerId: string): Denial {
  return viewerId === ownerId ? null : { code: 'LIKES_PRIVATE', reason: 'not the owner' };
}
