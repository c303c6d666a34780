import type { Denial as GenericDenial } from '../../lib/denial.js';

/** A denial with its reason, or null when allowed. */
export type Denial = GenericDenial<
  | 'CANNOT_FOLLOW_SELF'
  | 'CANNOT_BLOCK_SELF'
  | 'BLOCKED'
  | 'FORBIDDEN'
  | 'COMMENT_NOT_FOUND'
  | 'BOARD_NOT_FOUND'
  | 'BOARD_LIMIT'
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

interface OwnedBoard {
  account_id: string;
  visibility: string;
  /** The owner is in their deletion's grace period: their handle is gone to others already. */
  owner_leaving?: boolean;
}

/**
 * A board is seen by its owner, and when public by everyone else except across a block (either
 * way) or while the owner's account is being deleted. A private board does not exist for anyone else: the 404 of a missing board, never a 403
 * that confirms it.
 */
export function canSeeBoard(viewerId: string | null, board: OwnedBoard, blocked: boolean): Denial {
  if (viewerId === board.account_id) return null;
  if (board.visibility !== 'public') return { code: 'BOARD_NOT_FOUND', reason: 'private' };
  if (board.owner_leaving) return { code: 'BOARD_NOT_FOUND', reason: 'the owner is leaving' };
  return blocked ? { code: 'BOARD_NOT_FOUND', reason: 'across a block' } : null;
}

/** Only the owner changes a board or what is in it; a board others may not see stays a 404. */
export function canChangeBoard(viewerId: string, board: OwnedBoard, blocked: boolean): Denial {
  return (
    canSeeBoard(viewerId, board, blocked) ??
    (viewerId === board.account_id ? null : { code: 'FORBIDDEN', reason: 'not the owner' })
  );
}

/** Everyone sees an account's public boards (none across a block); the account sees all. */
export function boardsShown(
  viewerId: string | null,
  ownerId: string,
  blocked: boolean,
): 'all' | 'public' | 'none' {
  if (viewerId === ownerId) return 'all';
  return blocked ? 'none' : 'public';
}

/** A new board within the per-account limit. */
export function canCreateBoard(existing: number, max: number): Denial {
  return existing >= max ? { code: 'BOARD_LIMIT', reason: `${max} boards at most` } : null;
}
