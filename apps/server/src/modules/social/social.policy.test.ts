import { describe, expect, it } from 'vitest';
import {
  boardsShown,
  canChangeBoard,
  canCreateBoard,
  canDeleteComment,
  canSeeBoard,
} from './social.policy.js';

describe('canDeleteComment', () => {
  const note = { author_id: 'note-author' };
  const published = { author_id: 'commenter', status: 'published' };
  const held = { author_id: 'commenter', status: 'pending_review' };

  it('lets the comment author and the note author delete a published comment', () => {
    expect(canDeleteComment('commenter', published, note)).toBeNull();
    expect(canDeleteComment('note-author', published, note)).toBeNull();
    expect(canDeleteComment('stranger', published, note)?.code).toBe('FORBIDDEN');
  });

  it('keeps a held comment its author’s alone: anyone else gets the 404 of a missing one', () => {
    expect(canDeleteComment('commenter', held, note)).toBeNull();
    expect(canDeleteComment('note-author', held, note)?.code).toBe('COMMENT_NOT_FOUND');
    expect(canDeleteComment('stranger', held, note)?.code).toBe('COMMENT_NOT_FOUND');
  });
});

describe('boards', () => {
  const open = { account_id: 'owner', visibility: 'public' };
  const closed = { account_id: 'owner', visibility: 'private' };

  it('shows a public board to everyone but across a block or while its owner leaves', () => {
    expect(canSeeBoard(null, open, false)).toBeNull();
    expect(canSeeBoard('stranger', open, false)).toBeNull();
    expect(canSeeBoard('stranger', open, true)?.code).toBe('BOARD_NOT_FOUND');
    expect(canSeeBoard(null, { ...open, owner_leaving: true }, false)?.code).toBe(
      'BOARD_NOT_FOUND',
    );
    expect(canSeeBoard('owner', { ...closed, owner_leaving: true }, false)).toBeNull();
  });

  it('keeps a private board its owner’s alone, as a board that does not exist', () => {
    expect(canSeeBoard(null, closed, false)?.code).toBe('BOARD_NOT_FOUND');
    expect(canSeeBoard('stranger', closed, false)?.code).toBe('BOARD_NOT_FOUND');
    expect(canChangeBoard('stranger', closed, false)?.code).toBe('BOARD_NOT_FOUND');
  });

  it('lets only the owner change a board: others get 403 for a public one', () => {
    expect(canChangeBoard('owner', open, false)).toBeNull();
    expect(canChangeBoard('stranger', open, false)?.code).toBe('FORBIDDEN');
  });

  it('lists all, public or no boards, and holds the limit', () => {
    expect(boardsShown('owner', 'owner', false)).toBe('all');
    expect(boardsShown(null, 'owner', false)).toBe('public');
    expect(boardsShown('stranger', 'owner', true)).toBe('none');
    expect(canCreateBoard(99, 100)).toBeNull();
    expect(canCreateBoard(100, 100)?.code).toBe('BOARD_LIMIT');
  });
});
