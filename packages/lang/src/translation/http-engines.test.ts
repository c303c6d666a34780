import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeServer,
  startFakeDeepL,
  startFakeLibreTranslate,
} from '../../test/fake-servers.js';
import { DeepLEngine, deeplBaseUrl, fromDeepLXml, toDeepLXml } from './deepl.js';
import { preservingEntities } from './entities.js';
import { TranslationEngineError } from './errors.js';
import { LibreTranslateEngine } from './libretranslate.js';

describe('LibreTranslateEngine', () => {
  let server: FakeServer;

  beforeAll(async () => {
    server = await startFakeLibreTranslate({ apiKey: 'secret' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('translates a batch in one POST /translate with q as an array', async () => {
    const engine = new LibreTranslateEngine({ url: server.url, apiKey: 'secret' });
    server.requests.length = 0;
    const result = await engine.translate({
      texts: ['Hello friend', 'I like cats'],
      from: 'en',
      to: 'es',
    });
    expect(result).toEqual({ engine: 'libretranslate', texts: ['Hola amigo', 'Yo gusto gatos'] });
    const post = server.requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({
      q: ['Hello friend', 'I like cats'],
      source: 'en',
      target: 'es',
      format: 'text',
      api_key: 'secret',
    });
  });

  it('reads the pairs from GET /languages, once', async () => {
    const engine = new LibreTranslateEngine({ url: server.url, apiKey: 'secret' });
    server.requests.length = 0;
    expect(await engine.supports('en', 'es')).toBe(true);
    expect(await engine.supports('en', 'zh-Hant')).toBe(true);
    expect(await engine.supports('es', 'zh-Hans')).toBe(false);
    expect(await engine.supports('en', 'ja')).toBe(false);
    expect(await engine.pairs()).toContainEqual({ from: 'zh-Hans', to: 'en' });
    expect(server.requests.filter((request) => request.path === '/languages')).toHaveLength(1);
  });

  it('lets the server detect the source language for und', async () => {
    const engine = new LibreTranslateEngine({ url: server.url, apiKey: 'secret' });
    server.requests.length = 0;
    await engine.translate({ texts: ['Hello'], from: 'und', to: 'es' });
    expect(server.requests.at(-1)?.body).toMatchObject({ source: 'auto', target: 'es' });
  });

  it('maps older servers’ codes for Traditional Chinese and Brazilian Portuguese', async () => {
    const old = await startFakeLibreTranslate({
      languages: [
        { code: 'en', name: 'English', targets: ['zt', 'pb'] },
        { code: 'zt', name: 'Chinese (traditional)', targets: ['en'] },
        { code: 'pb', name: 'Portuguese (Brazil)', targets: ['en'] },
      ],
    });
    try {
      const engine = new LibreTranslateEngine({ url: old.url });
      await engine.translate({ texts: ['Hello'], from: 'en', to: 'zh-Hant' });
      expect(old.requests.at(-1)?.body).toMatchObject({ source: 'en', target: 'zt' });
      await engine.translate({ texts: ['Hello'], from: 'pt-BR', to: 'en' });
      expect(old.requests.at(-1)?.body).toMatchObject({ source: 'pb', target: 'en' });
      expect(await engine.pairs()).toContainEqual({ from: 'en', to: 'zh-Hant' });
    } finally {
      await old.close();
    }
  });

  it('reports a wrong API key as rejected, with the status', async () => {
    const engine = new LibreTranslateEngine({ url: server.url, apiKey: 'wrong' });
    const failure = engine.translate({ texts: ['Hello'], from: 'en', to: 'es' });
    await expect(failure).rejects.toBeInstanceOf(TranslationEngineError);
    await expect(failure).rejects.toMatchObject({ kind: 'rejected', status: 403 });
  });

  it('reports a server with nothing listening as unavailable', async () => {
    const engine = new LibreTranslateEngine({ url: 'http://127.0.0.1:9' });
    await expect(engine.supports('en', 'es')).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('times out a slow server', async () => {
    const slow = await startFakeLibreTranslate();
    slow.delayMs = 2_000;
    try {
      const engine = new LibreTranslateEngine({ url: slow.url, timeoutMs: 100 });
      await expect(engine.pairs()).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      await slow.close();
    }
  });

  it('keeps entities through the check-and-retry path', async () => {
    // The fake, like a neural engine, translates the words in "#cats" and in the link; the
    // preservation layer notices and translates the text around the entities instead.
    const engine = preservingEntities(
      new LibreTranslateEngine({ url: server.url, apiKey: 'secret' }),
    );
    const result = await engine.translate({
      texts: ['I like #cats and @cat_lover, see https://example.com/cat 😂\nHello friend'],
      from: 'en',
      to: 'es',
    });
    expect(result.texts).toEqual([
      'Yo gusto #cats y @cat_lover, mira https://example.com/cat 😂\nHola amigo',
    ]);
  });
});

describe('DeepLEngine', () => {
  let server: FakeServer;
  const authKey = 'abc-123:fx';

  beforeAll(async () => {
    server = await startFakeDeepL({ authKey });
  });

  afterAll(async () => {
    await server.close();
  });

  it('picks the free endpoint for keys ending in :fx', () => {
    expect(deeplBaseUrl('abc:fx')).toBe('https://api-free.deepl.com');
    expect(deeplBaseUrl('abc')).toBe('https://api.deepl.com');
  });

  it('translates a batch with the DeepL-Auth-Key header and text as an array', async () => {
    const engine = new DeepLEngine({ authKey, baseUrl: server.url });
    server.requests.length = 0;
    const result = await engine.translate({
      texts: ['Hello friend', 'The house is red'],
      from: 'en',
      to: 'es',
    });
    expect(result).toEqual({ engine: 'deepl', texts: ['Hola amigo', 'El casa es roja'] });
    const post = server.requests.find((request) => request.path === '/v2/translate');
    expect(post?.headers.authorization).toBe(`DeepL-Auth-Key ${authKey}`);
    expect(post?.body).toEqual({
      text: ['Hello friend', 'The house is red'],
      source_lang: 'EN',
      target_lang: 'ES',
    });
  });

  it.each([
    ['en', 'EN-US'],
    ['en-GB', 'EN-GB'],
    ['pt', 'PT-BR'],
    ['pt-PT', 'PT-PT'],
    ['zh-Hans', 'ZH-HANS'],
    ['zh-Hant', 'ZH-HANT'],
    ['zh', 'ZH-HANS'],
  ])('sends target %s as %s', async (to, targetLang) => {
    const engine = new DeepLEngine({ authKey, baseUrl: server.url });
    await engine.translate({ texts: ['Hola'], from: 'es', to });
    expect(server.requests.at(-1)?.body).toMatchObject({
      source_lang: 'ES',
      target_lang: targetLang,
    });
  });

  it('omits the source for und and reads the pairs from /v2/languages', async () => {
    const engine = new DeepLEngine({ authKey, baseUrl: server.url });
    await engine.translate({ texts: ['Hello'], from: 'und', to: 'de' });
    expect(server.requests.at(-1)?.body).toEqual({ text: ['Hello'], target_lang: 'DE' });
    expect(await engine.supports('zh-Hant', 'en')).toBe(true);
    expect(await engine.supports('en', 'ko')).toBe(false);
    expect(await engine.supports('en-US', 'en-GB')).toBe(false);
    expect(await engine.pairs()).toContainEqual({ from: 'en', to: 'pt-BR' });
  });

  it('carries placeholders as ignored <x> tags', async () => {
    expect(toDeepLXml('a < b & ⟦0⟧ c')).toBe('a &lt; b &amp; <x>0</x> c');
    expect(fromDeepLXml('x &lt; y &amp; <x>0</x> z')).toBe('x < y & ⟦0⟧ z');
    const engine = new DeepLEngine({ authKey, baseUrl: server.url });
    const result = await engine.translate({
      texts: ['I like ⟦0⟧ & ⟦1⟧', 'Hello friend'],
      from: 'en',
      to: 'es',
    });
    expect(result.texts).toEqual(['Yo gusto ⟦0⟧ & ⟦1⟧', 'Hola amigo']);
    expect(server.requests.at(-1)?.body).toMatchObject({
      text: ['I like <x>0</x> &amp; <x>1</x>', 'Hello friend'],
      tag_handling: 'xml',
      ignore_tags: ['x'],
    });
  });

  it('keeps entities end to end', async () => {
    const engine = preservingEntities(new DeepLEngine({ authKey, baseUrl: server.url }));
    const result = await engine.translate({
      texts: ['I like #cats and #大麻 😂\n\n@cat_lover see https://example.com/cat'],
      from: 'en',
      to: 'es',
    });
    expect(result.texts).toEqual([
      'Yo gusto #cats y #大麻 😂\n\n@cat_lover mira https://example.com/cat',
    ]);
  });

  it('splits large batches into requests of at most 50 texts', async () => {
    const engine = new DeepLEngine({ authKey, baseUrl: server.url });
    server.requests.length = 0;
    const texts = Array.from({ length: 120 }, (_value, index) => `Hello ${index}`);
    const result = await engine.translate({ texts, from: 'en', to: 'es' });
    expect(result.texts).toEqual(texts.map((text) => text.replace('Hello', 'Hola')));
    const posts = server.requests.filter((request) => request.path === '/v2/translate');
    expect(posts.map((post) => (post.body as { text: string[] }).text.length)).toEqual([
      50, 50, 20,
    ]);
  });

  it('reports a wrong key as rejected and a used-up quota as quota_exceeded', async () => {
    const wrong = new DeepLEngine({ authKey: 'nope', baseUrl: server.url });
    await expect(wrong.supports('en', 'es')).rejects.toMatchObject({
      kind: 'rejected',
      status: 403,
    });
    const engine = new DeepLEngine({ authKey, baseUrl: server.url });
    await engine.supports('en', 'es');
    server.failWith = 456;
    try {
      await expect(
        engine.translate({ texts: ['Hello'], from: 'en', to: 'es' }),
      ).rejects.toMatchObject({ kind: 'quota_exceeded', status: 456 });
    } finally {
      server.failWith = undefined;
    }
  });
});
