import type { Denial as GenericDenial } from '../../lib/denial.js';

/** A denial with its reason, or null when allowed. */
export type Denial = GenericDenial<
  'CANNOT_FOLLOW_SELF' | 'CANNOT_BLOCK_SELF' | 'BLOCKED' | 'FORBIDDEN'
>;

interface Owned {
  author_id: string;
}

/** Following is open to every signed-in account except oneself and across a block. */
export function canFollow(followerId: string, followeeId: string, blocked: boolean): Denial {
  if (followerId === followeeId) return { code: 'CANNOT_FOLLOW_SELF' };
  return blocked ? { code: 'BLOCKED', reason: 'one of you blocked the other' } : null;
}

export function canBlock(blockerId: string, blockedId: string): Denial {
  return blockerId === blockedId ? { code: 'CANNOT_BLOCK_SELF' } : null;
}

/** A comment may be deleted by its author or by the author of the note it is on. */
export function canDeleteComment(viewerId: string, comment: Owned, note: Owned): Denial {
  if (comment.author_id === viewerId || note.author_id === viewerId) return null;
  return { code: 'FORBIDDEN', reason: 'neither the comment author nor the note author' };
}
