import { randomBytes } from 'node:crypto';
import {
  ApertiumEngine,
  createTranslationChain,
  type TranslationEngine,
  type TranslationRequest,
} from '@atrium/lang';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, eventually, IPS, signedIn, type TestApp } from '../../../test/helper.js';
import { natsNames } from '../../nats/nats.js';

// Translation prefetch on a worker (TRANSLATION_PREFETCH, docs/scale.md "Events and work
// queues"): a new note's `note.created` event, relayed through the outbox to the machine's NATS
// (NATS_URL, else 127.0.0.1:4222, a stream prefix of this test's own), is translated into the
// configured languages before anyone asks; the first reader is served from the cache.

const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';

class CountingEngine implements TranslationEngine {
  readonly name: string;
  calls = 0;
  constructor(private readonly inner: TranslationEngine) {
    this.name = inner.name;
  }
  supports(from: string, to: string) {
    return this.inner.supports(from, to);
  }
  pairs() {
    return this.inner.pairs();
  }
  translate(request: TranslationRequest) {
    this.calls += 1;
    return this.inner.translate(request);
  }
}

describe('translation prefetch', { timeout: 120_000 }, () => {
  let test: TestApp | null = null;
  let prefix = '';
  afterEach(async () => {
    await test?.close();
    test = null;
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    const names = natsNames(prefix);
    for (const stream of [names.events, names.work])
      await jsm.streams.delete(stream).catch(() => false);
    await nc.close();
  });

  async function firstReading(env: Record<string, string>) {
    prefix = `t${randomBytes(5).toString('hex')}`;
    const engine = new CountingEngine(createTranslationChain({ engines: [new ApertiumEngine()] }));
    test = await buildTestApp({ NATS_URL, NATS_PREFIX: prefix, ...env }, { translation: engine });
    const events = test.events!;
    events.startConsumers();
    const { client } = await signedIn(test, 'cat_writer', IPS.US);
    const note = await client.notes.create({
      title: 'The cat',
      body: 'The cat sleeps in the garden all afternoon',
    });
    // a translation into a language the note is already in is never asked for
    const spanish = await client.notes.create({ body: '¿Alguien sabe dónde comer buenos tacos?' });
    expect(await events.relay.relayOnce()).toBe(2);
    return { test, engine, note, spanish };
  }

  it('translates a new note into the configured languages before it is read', async () => {
    const { test, engine, note } = await firstReading({ TRANSLATION_PREFETCH: 'es' });
    await eventually(async () => {
      const rows = await test.database.db
        .selectFrom('translations')
        .select(['source_lang', 'target_lang'])
        .execute();
      expect(rows).toContainEqual({ source_lang: 'en', target_lang: 'es' });
    }, 10_000);
    const calls = engine.calls;
    expect(calls).toBe(1);
    const read = await test.client({ ip: IPS.BRAZIL }).notes.translation(note.id, 'es');
    expect(read).toMatchObject({ from: 'en', to: 'es', cached: true });
    expect(read.title.toLowerCase()).toContain('gato');
    expect(engine.calls).toBe(calls);
  });

  it('is off without TRANSLATION_PREFETCH: the first reader waits for the engine', async () => {
    const { test, engine, note } = await firstReading({});
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(engine.calls).toBe(0);
    const read = await test.client({ ip: IPS.BRAZIL }).notes.translation(note.id, 'es');
    expect(read).toMatchObject({ cached: false });
  });
});
