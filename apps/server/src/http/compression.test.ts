import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, signUpByEmail, type TestApp } from '../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

describe('compressed API answers', () => {
  it('compresses a JSON answer over 1 KB with brotli or gzip, as the client accepts', async () => {
    const { token } = await signUpByEmail(test, 'lin');
    for (let index = 0; index < 6; index += 1) {
      await test.client({ token }).notes.create({
        title: `Harbour walk ${index}`,
        body: 'Boats at dawn, the fish market, and tea by the water. #travel',
      });
    }
    const url = '/api/feed/discover?limit=20';
    const plain = await test.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await test.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    const gzip = await test.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());
  });

  it('leaves small answers as they are', async () => {
    const answer = await test.app.inject({
      url: '/api/notes/00000000-0000-7000-8000-000000000000',
      headers: { 'accept-encoding': 'br' },
    });
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
