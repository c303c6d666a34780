import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, failure, signedIn, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

describe('DELETE /api/comments/:id on a held comment', () => {
  it("answers 404 to deleting another user's held comment, as for a missing one", async () => {
    const author = await signedIn(test, 'note_author');
    const commenter = await signedIn(test, 'commenter');
    const stranger = await signedIn(test, 'stranger');
    const note = await author.client.notes.create({ body: 'Sunrise over the bay', lang: 'en' });
    const held = await commenter.client.notes.comment(note.id, {
      body: 'who can get c0caine tonight',
    });
    expect(held.status).toBe('pending_review');
    for (const viewer of [stranger, author]) {
      const refused = await failure(viewer.client.comments.delete(held.id));
      expect([refused.status, refused.code]).toEqual([404, 'COMMENT_NOT_FOUND']);
    }
    await commenter.client.comments.delete(held.id);
  });
});
