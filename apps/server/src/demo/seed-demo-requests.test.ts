import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helper.js';
import { buildDemoPlan, summarizePlan } from './demo-content.js';
import { seedDemo } from './seed-demo.js';

/**
 * The seeder against a recording stand-in of the API: checks what it sends (who, from where,
 * in which order, with which bodies), independently of how the real routes behave.
 */
function fakeApi() {
  const app = Fastify({ trustProxy: ['127.0.0.1'] });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  const codes = new Map<string, string>();
  const tokens = new Map<string, string>(); // token → handle
  const homes = new Map<string, string>(); // handle → ip seen at sign-up
  const media = new Map<string, string>(); // id → owner
  const notes = new Map<string, { author: string; body: Record<string, unknown> }>();
  const comments = new Set<string>();
  const log: Array<{ kind: string; handle: string; ip: string; detail?: unknown }> = [];
  const who = (authorization: string | undefined) => {
    const handle = tokens.get((authorization ?? '').replace('Bearer ', ''));
    if (!handle) throw Object.assign(new Error('unauthorized'), { statusCode: 401 });
    return handle;
  };

  app.post('/api/auth/phone/start', async (request, reply) => {
    const { phone } = request.body as { phone: string };
    codes.set(phone, String(100000 + codes.size));
    return reply
      .code(202)
      .send({ verificationId: randomUUID(), expiresAt: new Date().toISOString() });
  });
  app.get('/api/dev/outbox', async (request) => {
    const { to } = request.query as { to: string };
    const code = codes.get(to);
    return { items: code ? [{ to, channel: 'sms', body: code, code, createdAt: '' }] : [] };
  });
  app.post('/api/auth/phone/verify', async (request) => {
    const { handle, code } = request.body as { handle: string; code: string };
    expect([...codes.values()]).toContain(code);
    const token = `atr_${handle}`;
    tokens.set(token, handle);
    homes.set(handle, request.ip);
    log.push({ kind: 'signup', handle, ip: request.ip });
    return { token, account: { handle }, created: true };
  });
  app.patch('/api/me', async (request) => {
    log.push({ kind: 'profile', handle: who(request.headers.authorization), ip: request.ip });
    return {};
  });
  app.put('/api/users/:handle/follow', async (request, reply) => {
    log.push({ kind: 'follow', handle: who(request.headers.authorization), ip: request.ip });
    return reply.code(204).send();
  });
  app.post('/api/media', async (request, reply) => {
    const handle = who(request.headers.authorization);
    const body = request.body as Buffer;
    expect(body.toString('latin1')).toMatch(/name="file"; filename="demo-\d+-\d\.jpg"/);
    expect(body.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    const id = randomUUID();
    media.set(id, handle);
    log.push({ kind: 'media', handle, ip: request.ip });
    return reply.code(201).send({ id });
  });
  app.post('/api/notes', async (request, reply) => {
    const handle = who(request.headers.authorization);
    const body = request.body as { mediaIds: string[] };
    for (const id of body.mediaIds) expect(media.get(id)).toBe(handle);
    const id = randomUUID();
    notes.set(id, { author: handle, body });
    log.push({ kind: 'note', handle, ip: request.ip, detail: body });
    return reply.code(201).send({ id });
  });
  for (const action of ['like', 'collect']) {
    app.put(`/api/notes/:id/${action}`, async (request, reply) => {
      const { id } = request.params as { id: string };
      expect(notes.has(id)).toBe(true);
      log.push({ kind: action, handle: who(request.headers.authorization), ip: request.ip });
      return reply.code(204).send();
    });
  }
  app.post('/api/notes/:id/comments', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body as { body: string; parentId?: string };
    expect(notes.has(id)).toBe(true);
    if (body.parentId) expect(comments.has(body.parentId)).toBe(true);
    const commentId = randomUUID();
    comments.add(commentId);
    log.push({
      kind: body.parentId ? 'reply' : 'comment',
      handle: who(request.headers.authorization),
      ip: request.ip,
    });
    return reply.code(201).send({ id: commentId });
  });
  return { app, log, homes, notes };
}

describe('seedDemo requests', () => {
  it('signs up, uploads, posts and engages as each persona from its home address', {
    timeout: 180_000,
  }, async () => {
    const plan = buildDemoPlan();
    const fake = fakeApi();
    const database = await createTestDatabase();
    try {
      const progress: string[] = [];
      const counts = await seedDemo(fake.app, {
        db: database.database.db,
        plan,
        onProgress: (line) => progress.push(line),
      });
      const expected = summarizePlan(plan);
      expect(counts).toEqual({ ...expected, skipped: 0 });
      expect(progress.length).toBe(7);

      const byHandle = new Map(plan.personas.map((p) => [p.handle, p]));
      for (const entry of fake.log)
        expect(entry.ip, entry.kind).toBe(byHandle.get(entry.handle)!.ip);
      const count = (kind: string) => fake.log.filter((entry) => entry.kind === kind).length;
      expect(count('profile')).toBe(plan.personas.length);
      expect(count('media')).toBe(expected.media);

      // notes carry their language and hashtags as planned
      const posted = fake.log.filter((entry) => entry.kind === 'note');
      const planned = plan.steps.flatMap((s) => (s.kind === 'note' ? [plan.notes[s.note]!] : []));
      posted.forEach((entry, i) => {
        const note = planned[i]!;
        expect(entry.handle).toBe(plan.personas[note.author]!.handle);
        expect(entry.detail).toMatchObject({ body: note.body, lang: note.lang });
      });
      expect(
        posted.some((p) => String((p.detail as { body: string }).body).includes('#tiktokrefugee')),
      ).toBe(true);
    } finally {
      await fake.app.close();
      await database.close();
    }
  });
});
