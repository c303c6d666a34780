import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';

let test: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  test = await buildTestApp();
  const lin = await signUpByEmail(test, 'lin_mei', '203.0.113.20');
  await test.client({ token: lin.token }).me.update({ displayName: '林美' });
  const client = test.client({ token: lin.token });
  const notes = {
    panda: { title: '成都大熊猫基地', body: '第一次见到大熊猫 #旅行' },
    tokyo: { title: '東京タワーの夜景', body: 'とてもきれいでした' },
    seoul: { title: '서울특별시 맛집', body: '떡볶이 최고 #서울' },
    cats: { title: 'Cat tax', body: 'My cat says hello #cattax' },
    maoSimplified: { title: '我家的猫', body: '每天都在晒太阳' },
    maoTraditional: { title: '我家的貓', body: '這本書也很好看' },
    weekend: { title: '周末日常', body: '喝茶看书' },
    held: { title: '大熊猫 secret', body: 'held for review' },
  };
  for (const [key, body] of Object.entries(notes)) ids[key] = (await client.notes.create(body)).id;
  await test.database.db
    .updateTable('notes')
    .set({ status: 'pending_review' })
    .where('id', '=', ids.held!)
    .execute();
  await test.settle();
});
afterAll(async () => {
  await test.close();
});

describe('GET /api/search', () => {
  it.each([
    ['熊猫', 'panda'],
    ['东京'.replace('东', '東'), 'tokyo'],
    ['タワー', 'tokyo'],
    ['서울', 'seoul'],
    ['떡볶이', 'seoul'],
    ['CAT', 'cats'],
    ['旅行', 'panda'],
  ])('finds notes for %s through the real write path', async (q, key) => {
    const result = await test.client().search(q, 'notes');
    expect(result.items.map((item) => ('title' in item ? item.id : null))).toContain(ids[key]);
  });

  it('finds Chinese notes for an English query through CC-CEDICT (cat → 猫, 貓)', async () => {
    const found = async (q: string) =>
      (await test.client().search(q, 'notes')).items.map((item) =>
        'title' in item ? item.id : null,
      );
    const cat = await found('cat');
    expect(cat).toEqual(expect.arrayContaining([ids.cats, ids.maoSimplified, ids.maoTraditional]));
    expect(cat).not.toContain(ids.weekend);
    // every English word must match, in either language: "tea" and "weekend" are both in one
    expect(await found('weekend tea')).toEqual([ids.weekend]);
    expect(await found('cat tea')).toEqual([]);
    // a Chinese query stays Chinese
    expect(await found('猫')).toEqual(expect.arrayContaining([ids.maoSimplified]));
    expect(await found('猫')).not.toContain(ids.cats);
  });

  it('never returns a note held for review to others', async () => {
    const result = await test.client().search('大熊猫', 'notes');
    const found = result.items.map((item) => ('title' in item ? item.id : null));
    expect(found).toContain(ids.panda);
    expect(found).not.toContain(ids.held);
  });

  it('finds users by handle and by a Chinese display name', async () => {
    for (const q of ['lin', '林美', '林']) {
      const result = await test.client().search(q, 'users');
      expect(result.items.map((item) => ('handle' in item ? item.handle : null))).toContain(
        'lin_mei',
      );
    }
  });

  it('finds topics by prefix', async () => {
    const result = await test.client().search('catt', 'topics');
    expect(result.items[0]).toMatchObject({ tag: 'cattax', counts: { notes: 1 } });
  });

  it('refuses a query with nothing searchable, and a missing one', async () => {
    for (const url of ['/api/search?q=%20%21%3F', '/api/search']) {
      const response = await test.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
