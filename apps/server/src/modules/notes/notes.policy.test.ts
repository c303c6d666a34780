import { describe, expect, it } from 'vitest';
import { canEditNote } from './notes.policy.js';

describe('canEditNote', () => {
  it('lets the author edit a note in any state', () => {
    for (const status of ['published', 'pending_review', 'removed']) {
      expect(canEditNote('author', { author_id: 'author', status })).toBeNull();
    }
  });

  it('refuses another account a published note with FORBIDDEN', () => {
    expect(canEditNote('someone', { author_id: 'author', status: 'published' })?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('answers NOT_FOUND for a held or removed note, whose existence is the author’s alone', () => {
    for (const status of ['pending_review', 'removed']) {
      expect(canEditNote('someone', { author_id: 'author', status })?.code).toBe('NOT_FOUND');
    }
  });
});
