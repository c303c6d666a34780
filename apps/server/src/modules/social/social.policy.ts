import type { Denial as GenericDenial } from '../../lib/denial.js';

/** A denial with its reason, or null when allowed. */
export type Denial = GenericDenial<
  'CANNOT_FOLLOW_SELF' | 'CANNOT_BLOCK_SELF' | 'BLOCKED' | 'FORBIDDEN' | 'COMMENT_NOT_FOUND'
>;

interface Owned {
  author_id: string;
}

interface OwnedComment extends Owned {
  status: string;
}

/** Following is open to every signed-in account except oneself and across a block. */
export function canFollow(followerId: string, followeeId: string, blocked: boolean): Denial {
  if (followerId === followeeId) return { code: 'CANNOT_FOLLOW_SELF' };
  return blocked ? { code: 'BLOCKED', reason: 'one of you blocked the other' } : null;
}

export function canBlock(blockerId: string, blockedId: string): Denial {
  return blockerId === blockedId ? { code: 'CANNOT_BLOCK_SELF' } : null;
}

/**
 * A comment may be deleted by its author or by the author of the note it is on. A comment that
 * is not published (held for review, removed) is its author's alone: anyone else gets the 404 of
 * a comment that does not exist, never a 403 that confirms it.
 */
export function canDeleteComment(viewerId: string, comment: OwnedComment, note: Owned): Denial {
  if (comment.author_id === viewerId) return null;
  if (comment.status !== 'published') {
    return { code: 'COMMENT_NOT_FOUND', reason: 'not published, and not the viewer’s own' };
  }
  if (note.author_id === viewerId) return null;
  return { code: 'FORBIDDEN', reason: 'neither the comment author nor the note author' };
}
