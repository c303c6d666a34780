import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testLocator } from '../../../test/helper.js';
import { registerAuth } from '../../http/auth.js';
import { registerErrorHandler } from '../../http/error-handler.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { registerSearchRoutes } from './search.routes.js';
import { createSearchService } from './search.service.js';
import { searchDocumentSql } from './search.store.js';

// The route is registered in app.ts together with the notes module (which presents notes);
// until then it is exercised on a minimal app with the same error handler and auth.
let testDatabase: TestDatabase;
let app: FastifyInstance;
const presented: string[][] = [];
let noteId: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const db = testDatabase.database.db;
  const authorId = uuidv7();
  await db
    .insertInto('accounts')
    .values({ id: authorId, handle: 'lin_mei', display_name: '林美', email: 'lin@example.org' })
    .execute();
  noteId = uuidv7();
  await db
    .insertInto('notes')
    .values({
      id: noteId,
      author_id: authorId,
      title: '大熊猫',
      body: '成都',
      search_document: searchDocumentSql({ title: '大熊猫', body: '成都', topics: ['旅行'] }),
    })
    .execute();
  await db.insertInto('topics').values({ tag: '旅行', display: '旅行', note_count: 1 }).execute();

  app = Fastify({
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  registerErrorHandler(app);
  await app.register(cookie);
  const auth = registerAuth(app, { secret: 'x'.repeat(32), resolveToken: async () => null });
  registerSearchRoutes(
    { app, db, auth, production: false, rateLimitsEnabled: false },
    {
      search: createSearchService({ db }),
      locator: await testLocator(),
      async presentNotes(ids) {
        presented.push(ids);
        return [];
      },
    },
  );
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await testDatabase?.close();
});

function get(query: string) {
  return app.inject({ method: 'GET', url: `/api/search?${query}` });
}

describe('GET /api/search', () => {
  it('searches notes by default and hands the ids to the notes presenter', async () => {
    const response = await get(`q=${encodeURIComponent('熊猫')}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], nextCursor: null });
    expect(presented.at(-1)).toEqual([noteId]);
  });

  it('finds users and topics', async () => {
    const users = await get(`type=users&q=${encodeURIComponent('林')}`);
    expect(users.statusCode).toBe(200);
    expect(users.json().items.map((item: { handle: string }) => item.handle)).toEqual(['lin_mei']);
    const topics = await get(`type=topics&q=${encodeURIComponent('#旅')}`);
    expect(topics.statusCode).toBe(200);
    expect(topics.json()).toEqual({
      items: [{ tag: '旅行', display: '旅行', counts: { notes: 1, views: 0, discussions: 0 } }],
      nextCursor: null,
    });
  });

  it('answers 400 VALIDATION_FAILED for a query without letters or digits', async () => {
    for (const query of ['q=%20%20', `q=${encodeURIComponent('😀?!')}`, 'type=users&q=%25', 'q=']) {
      const response = await get(query);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers 400 VALIDATION_FAILED for a cursor that is not from this search', async () => {
    const response = await get(`q=panda&cursor=${encodeURIComponent('bm90IGEgY3Vyc29y')}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});
