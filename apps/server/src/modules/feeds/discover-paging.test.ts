import { feedLanguageMixes } from '@atrium/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';

/**
 * Scrolling discover to its end, with every language mix: each visible note comes exactly once,
 * and every cursor stays small (the API refuses cursors over 200 characters).
 */
let test: TestApp;
const NOTES = 151;
const AUTHORS = 26;
const expected = new Set<string>();
// 40% English, 30% Chinese, 20% Japanese, 10% Spanish (set after writing: detection is not tested here)
const langOf = (index: number) =>
  ['en', 'zh-Hans', 'en', 'ja', 'en', 'zh-Hans', 'en', 'ja', 'es', 'zh-Hans'][index % 10]!;

let nextIp = 10;
async function signedIn(test: TestApp, handle: string) {
  const ip = `203.0.113.${nextIp++}`;
  const { token } = await signUpByEmail(test, handle, ip);
  return { client: test.client({ token, ip }) };
}

beforeAll(async () => {
  test = await buildTestApp();
  const writers = [];
  for (let index = 0; index < AUTHORS; index += 1) {
    writers.push(await signedIn(test, `scroller${index}`));
  }
  for (let index = 0; index < NOTES; index += 1) {
    // a few prolific writers, so the per-author cap defers notes too
    const writer = writers[index % 3 === 0 ? index % 2 : index % AUTHORS]!;
    const note = await writer.client.notes.create({ body: `walk number ${index} by the river` });
    expected.add(note.id);
    await test.database.db
      .updateTable('notes')
      .set({ lang: langOf(index), score: sql`${(index * 37) % 101}` })
      .where('id', '=', note.id)
      .execute();
  }
}, 120_000);
afterAll(async () => {
  await test.close();
});

describe('discover scrolled to the end', () => {
  for (const mix of feedLanguageMixes) {
    it(`shows every note exactly once with small cursors, language mix "${mix}"`, async () => {
      const reader = await signedIn(test, `reader_${mix}`);
      await reader.client.me.update({ languages: ['en'], feedLanguageMix: mix });
      const seen: string[] = [];
      const pages: { lang: string | null; author: { handle: string } }[][] = [];
      let cursor: string | undefined;
      do {
        const page = await reader.client.feeds.discover(cursor ? { cursor } : {});
        seen.push(...page.items.map((item) => item.id));
        pages.push(page.items);
        cursor = page.nextCursor ?? undefined;
        if (cursor) expect(cursor.length).toBeLessThanOrEqual(64);
      } while (cursor && pages.length < 40);
      expect(cursor).toBeUndefined();
      expect(seen).toHaveLength(new Set(seen).size);
      expect(new Set(seen)).toEqual(expected);
      for (const page of pages) {
        const perAuthor = new Map<string, number>();
        for (const item of page)
          perAuthor.set(item.author.handle, (perAuthor.get(item.author.handle) ?? 0) + 1);
        expect(Math.max(...perAuthor.values())).toBeLessThanOrEqual(2);
      }
      // the balance still holds while there is enough in the reader's language
      if (mix !== 'everything') {
        const foreign = pages[0]!.filter((item) => item.lang && item.lang !== 'en').length;
        expect(foreign).toBeLessThanOrEqual(mix === 'mine' ? 2 : 6);
      }
    });
  }
});
