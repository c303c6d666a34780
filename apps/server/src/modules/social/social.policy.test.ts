import { describe, expect, it } from 'vitest';
import { canDeleteComment } from './social.policy.js';

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
