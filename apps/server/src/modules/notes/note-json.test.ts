import { NotePage } from '@atrium/contracts';
import fastJson from 'fast-json-stringify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(() => test.close());

/** What Fastify's own serializer makes of a page: the bytes a list must be. */
const serializePage = fastJson(NotePage) as (page: unknown) => string;

async function rawPage(url: string, token?: string) {
  const response = await test.app.inject({
    method: 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return response.body;
}

describe('lists of notes assembled from cached JSON', () => {
  it("are byte for byte what the contract's serializer makes of the same page", async () => {
    const ana = await signUpByEmail(test, 'ana_json', '203.0.113.40');
    const lin = await signUpByEmail(test, 'lin_json', '203.0.113.41');
    const texts = [
      { title: '"Quoted" \\ back', body: 'line\nbreak\ttab \u2028 separators 😀 #json_test' },
      { body: '猫税 #猫税 @ana_json 「引用」' },
      { body: 'plain ascii' },
    ];
    const ids: string[] = [];
    for (const text of texts)
      ids.push((await test.client({ token: lin.token }).notes.create(text)).id);
    await test.client({ token: ana.token }).notes.like(ids[0]!);
    await test.client({ token: ana.token }).notes.collect(ids[1]!);
    await test.client({ token: ana.token }).users.follow('lin_json');
    for (const [url, token] of [
      ['/api/feed/discover', ana.token],
      ['/api/feed/discover', undefined],
      ['/api/feed/following?limit=2', ana.token],
      ['/api/users/lin_json/notes', ana.token],
      // the author's own list carries `moderation`, which is never cached
      ['/api/users/lin_json/notes', lin.token],
      ['/api/topics/json_test/notes?sort=new', undefined],
      ['/api/search?q=plain&type=notes', ana.token],
    ] as const) {
      const body = await rawPage(url, token);
      const page = JSON.parse(body) as NotePage;
      expect(page.items.length, url).toBeGreaterThan(0);
      expect(body, url).toBe(serializePage(page));
    }
  });

  it('share one serialization between readers and splice in each reader’s own likes', async () => {
    const ana = await signUpByEmail(test, 'ana_flags', '203.0.113.42');
    const bo = await signUpByEmail(test, 'bo_flags', '203.0.113.43');
    const lin = await signUpByEmail(test, 'lin_flags', '203.0.113.44');
    const note = await test.client({ token: lin.token }).notes.create({ body: 'flags' });
    await test.client({ token: ana.token }).notes.like(note.id);
    await test.client({ token: bo.token }).notes.collect(note.id);
    const views = await Promise.all(
      [ana.token, bo.token, undefined].map(async (token) => {
        const page = JSON.parse(await rawPage('/api/feed/discover', token)) as NotePage;
        return page.items.map((item) => [item.viewer, item.counts.likes, item.counts.collects]);
      }),
    );
    expect(views).toEqual([
      [[{ liked: true, collected: false }, 1, 1]],
      [[{ liked: false, collected: true }, 1, 1]],
      [[{ liked: false, collected: false }, 1, 1]],
    ]);
    // the list shows what the note itself shows
    const detail = await test.client({ token: ana.token }).notes.get(note.id);
    const listed = (await test.client({ token: ana.token }).feeds.discover({})).items[0];
    expect(listed).toEqual(detail);
  });
});
