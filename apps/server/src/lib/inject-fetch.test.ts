import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { injectFetch } from './inject-fetch.js';

describe('injectFetch', () => {
  it('passes JSON, multipart bodies and the client address through app.inject', async () => {
    const app = Fastify({ trustProxy: ['127.0.0.1'] });
    app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    app.post('/echo', async (request) => ({
      ip: request.ip,
      type: request.headers['content-type'],
      body: Buffer.isBuffer(request.body) ? request.body.toString('latin1') : request.body,
    }));
    app.get('/empty', async (_request, reply) => reply.code(204).send());
    try {
      const fetch = injectFetch(app, '8.8.8.8');
      const json = await fetch('http://localhost/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ a: 1 }),
      });
      expect(await json.json()).toEqual({
        ip: '8.8.8.8',
        type: 'application/json',
        body: { a: 1 },
      });

      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), 'a.jpg');
      const multipart = (await (
        await fetch('http://localhost/echo', { method: 'POST', body: form })
      ).json()) as { type: string; body: string };
      expect(multipart.type).toMatch(/^multipart\/form-data; boundary=/);
      expect(multipart.body).toContain('filename="a.jpg"');
      expect(multipart.body).toContain('Content-Type: image/jpeg');

      const empty = await fetch('http://localhost/empty');
      expect(empty.status).toBe(204);
    } finally {
      await app.close();
    }
  });
});
