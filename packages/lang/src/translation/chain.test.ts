import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, fakeTranslate, startFakeDeepL } from '../../test/fake-servers.js';
import { ApertiumEngine } from './apertium.js';
import { createTranslationChain, parseRouteKey } from './chain.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { DeepLEngine } from './deepl.js';
import type { TranslationEngine, TranslationRequest } from './engine.js';
import { TranslationEngineError, TranslationUnavailableError } from './errors.js';
import { LibreTranslateEngine } from './libretranslate.js';

interface ScriptedEngine extends TranslationEngine {
  calls: number;
  /** What the next calls do. */
  behaviour: 'translate' | 'fail' | 'hang';
}

function scriptedEngine(name: string, behaviour: ScriptedEngine['behaviour'] = 'translate') {
  const engine: ScriptedEngine = {
    name,
    calls: 0,
    behaviour,
    keepsPlaceholders: true,
    supports: async (from: string, to: string) => from === 'en' && to === 'es',
    pairs: async () => [{ from: 'en', to: 'es' }],
    translate: (request: TranslationRequest) => {
      engine.calls++;
      if (engine.behaviour === 'fail') {
        return Promise.reject(new TranslationEngineError(name, 'unavailable', 'down'));
      }
      // Never answers and ignores the signal: the chain must stop waiting by itself.
      if (engine.behaviour === 'hang') return new Promise(() => {});
      return Promise.resolve({ engine: name, texts: request.texts.map(fakeTranslate) });
    },
  };
  return engine;
}

const enEs = (texts: string[] = ['Hello friend']) => ({ texts, from: 'en', to: 'es' });

async function unavailable(promise: Promise<unknown>): Promise<TranslationUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TranslationUnavailableError);
  return error as TranslationUnavailableError;
}

describe('parseRouteKey', () => {
  it.each([
    ['en-es', ['en', 'es']],
    ['zh-Hans-en', ['zh-Hans', 'en']],
    ['pt-BR-es', ['pt-BR', 'es']],
    ['es-419-en', ['es-419', 'en']],
    ['zh-Hant>en', ['zh-Hant', 'en']],
    ['en-*', ['en', '*']],
    ['*-es', ['*', 'es']],
    ['*', ['*', '*']],
  ])('reads %s', (key, pair) => {
    expect(parseRouteKey(key)).toEqual(pair);
  });

  it('rejects a key that is not a pair', () => {
    expect(() => parseRouteKey('english')).toThrow(/not a pair/);
    expect(() => parseRouteKey('12-es')).toThrow(/not a language/);
  });
});

describe('TranslationChain routing', () => {
  const chain = createTranslationChain({
    engines: ['apertium', 'libretranslate', 'deepl'].map((name) => scriptedEngine(name)),
    routes: {
      'en-es': ['apertium', 'libretranslate'],
      'zh-Hant-en': ['libretranslate'],
      'zh-*': ['deepl', 'libretranslate'],
      '*-ja': ['deepl'],
      '*': ['deepl'],
    },
  });

  it('picks the most specific route', () => {
    expect(chain.route('en', 'es')).toEqual(['apertium', 'libretranslate']);
    expect(chain.route('en-GB', 'es-MX')).toEqual(['apertium', 'libretranslate']);
    expect(chain.route('zh-Hant', 'en')).toEqual(['libretranslate']);
    expect(chain.route('zh-Hans', 'en')).toEqual(['deepl', 'libretranslate']);
    expect(chain.route('zh-Hans', 'ja')).toEqual(['deepl', 'libretranslate']);
    expect(chain.route('ko', 'ja')).toEqual(['deepl']);
    expect(chain.route('fr', 'de')).toEqual(['deepl']);
  });

  it('refuses routes naming unknown engines and engines with the same name', () => {
    expect(() =>
      createTranslationChain({ engines: [scriptedEngine('a')], routes: { '*': ['b'] } }),
    ).toThrow(/unknown engine "b"/);
    expect(() =>
      createTranslationChain({ engines: [scriptedEngine('a'), scriptedEngine('a')] }),
    ).toThrow(/two engines named "a"/);
  });

  it('answers no_engine_for_pair when no route or no engine of it serves the pair', async () => {
    const narrow = createTranslationChain({
      engines: [scriptedEngine('a')],
      routes: { 'en-es': ['a'] },
    });
    expect(
      (await unavailable(narrow.translate({ texts: ['x'], from: 'fr', to: 'de' }))).reason,
    ).toBe('no_engine_for_pair');
    const wide = createTranslationChain({ engines: [scriptedEngine('a')] });
    const error = await unavailable(wide.translate({ texts: ['x'], from: 'en', to: 'ja' }));
    expect(error).toMatchObject({ code: 'translation_unavailable', reason: 'no_engine_for_pair' });
    expect(await wide.supports('en', 'ja')).toBe(false);
    expect(await wide.supports('en', 'es')).toBe(true);
  });

  it('returns the texts unchanged when source and target are the same', async () => {
    const result = await chain.translate({ texts: ['Hello'], from: 'en', to: 'EN' });
    expect(result).toEqual({ texts: ['Hello'], engine: 'none' });
  });

  it('preserves entities whichever engine answers', async () => {
    const result = await chain.translate(enEs(['I like #cats 😂\nHello @friend']));
    expect(result).toEqual({ engine: 'apertium', texts: ['Yo gusto #cats 😂\nHola @friend'] });
  });
});

describe('TranslationChain fallback', () => {
  let deepl: FakeServer;
  let apertium: ApertiumEngine;

  beforeAll(async () => {
    deepl = await startFakeDeepL({ authKey: 'key' });
    apertium = new ApertiumEngine();
  });

  afterAll(async () => {
    await deepl.close();
    await apertium.close();
  });

  it('falls back to Apertium when LibreTranslate is down (nothing listening)', async () => {
    const chain = createTranslationChain({
      engines: [new LibreTranslateEngine({ url: 'http://127.0.0.1:9' }), apertium],
      routes: { 'en-es': ['libretranslate', 'apertium'] },
    });
    const result = await chain.translate(enEs(['The house is red. #casa']));
    expect(result).toEqual({ engine: 'apertium', texts: ['La casa es roja. #casa'] });
  });

  it('falls back to DeepL, and reports every failure when all engines fail', async () => {
    const down = new LibreTranslateEngine({ url: 'http://127.0.0.1:9' });
    const chain = createTranslationChain({
      engines: [down, new DeepLEngine({ authKey: 'key', baseUrl: deepl.url })],
      routes: { '*': ['libretranslate', 'deepl'] },
    });
    expect(await chain.translate(enEs())).toEqual({ engine: 'deepl', texts: ['Hola amigo'] });
    deepl.failWith = 503;
    try {
      const error = await unavailable(chain.translate(enEs()));
      expect(error.reason).toBe('all_engines_failed');
      expect(error.failures.map(({ engine, kind }) => ({ engine, kind }))).toEqual([
        { engine: 'libretranslate', kind: 'unavailable' },
        { engine: 'deepl', kind: 'unavailable' },
      ]);
    } finally {
      deepl.failWith = undefined;
    }
  });

  it('stops waiting for an engine after its timeout and tries the next', async () => {
    const hanging = scriptedEngine('hanging', 'hang');
    const chain = createTranslationChain({
      engines: [hanging, scriptedEngine('backup')],
      engineTimeoutMs: 100,
    });
    expect(await chain.translate(enEs())).toEqual({ engine: 'backup', texts: ['Hola amigo'] });
    const alone = createTranslationChain({ engines: [hanging], engineTimeoutMs: 100 });
    const error = await unavailable(alone.translate(enEs()));
    expect(error.failures).toEqual([
      { engine: 'hanging', kind: 'timeout', message: 'hanging: no answer within 100 ms' },
    ]);
  });

  it('passes the caller’s abort through without blaming the engine', async () => {
    const hanging = scriptedEngine('hanging', 'hang');
    const chain = createTranslationChain({
      engines: [hanging],
      breaker: { failureThreshold: 1 },
    });
    const controller = new AbortController();
    const pending = chain.translate({ ...enEs(), signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(chain.status()).toEqual([{ engine: 'hanging', circuit: 'closed' }]);
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, half-opens after the cooldown, closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000, now: () => now });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
    breaker.recordSuccess(); // a success resets the count
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    now = 999;
    expect(breaker.state).toBe('open');
    now = 1_000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false); // one trial at a time
    breaker.recordFailure();
    expect(breaker.state).toBe('open'); // a failed trial re-opens at once
    now = 2_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('skips an engine whose circuit is open, then lets one trial through', async () => {
    let now = 0;
    const flaky = scriptedEngine('flaky', 'fail');
    const backup = scriptedEngine('backup');
    const chain = createTranslationChain({
      engines: [flaky, backup],
      breaker: { failureThreshold: 2, cooldownMs: 30_000, now: () => now },
    });
    for (let request = 0; request < 4; request++) {
      expect((await chain.translate(enEs())).engine).toBe('backup');
    }
    expect(flaky.calls).toBe(2); // the third and fourth requests skipped it
    expect(chain.status()).toEqual([
      { engine: 'flaky', circuit: 'open' },
      { engine: 'backup', circuit: 'closed' },
    ]);

    now = 30_000;
    expect(chain.status()[0]).toEqual({ engine: 'flaky', circuit: 'half-open' });
    await chain.translate(enEs());
    expect(flaky.calls).toBe(3); // the trial
    expect(chain.status()[0]?.circuit).toBe('open');

    now = 60_000;
    flaky.behaviour = 'translate';
    expect((await chain.translate(enEs())).engine).toBe('flaky');
    expect(chain.status()[0]?.circuit).toBe('closed');
  });

  it('answers circuit_open when every engine that could serve is open', async () => {
    const flaky = scriptedEngine('flaky', 'fail');
    const chain = createTranslationChain({ engines: [flaky], breaker: { failureThreshold: 1 } });
    expect((await unavailable(chain.translate(enEs()))).reason).toBe('all_engines_failed');
    const error = await unavailable(chain.translate(enEs()));
    expect(error.reason).toBe('circuit_open');
    expect(flaky.calls).toBe(1);
  });

  it('counts an engine that cannot be reached to list its languages as failing', async () => {
    const down = new LibreTranslateEngine({ url: 'http://127.0.0.1:9' });
    const chain = createTranslationChain({
      engines: [down, scriptedEngine('backup')],
      breaker: { failureThreshold: 1 },
    });
    expect((await chain.translate(enEs())).engine).toBe('backup');
    expect(chain.status()[0]).toEqual({ engine: 'libretranslate', circuit: 'open' });
  });
});
