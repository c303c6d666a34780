import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInStaff } from '../../../apps/server/test/fixtures/staff.js';
import { buildTestApp, type TestApp } from '../../../apps/server/test/helper.js';
import { cohortNames } from '../src/cohorts.js';
import { generateWave } from '../src/generate.js';
import { loadIpPool } from '../src/ip-pool.js';
import { replayWave } from '../src/replay.js';
import { formatScore, readOutcomes, scoreOutcomes } from '../src/score.js';

// A small wave, generated and replayed over real HTTP against a server listening on a port (one
// in-process app on a fresh database, rate limits on, TRUST_PROXY = loopback), then scored.

const ACTORS = 200;
// every cohort present even in a small wave
const MIX = {
  genuine: 0.5,
  longtime: 0.05,
  fake_foreigner: 0.05,
  sms_farm: 0.1,
  hosting_bot: 0.1,
  device_farm: 0.08,
  ring: 0.06,
  ad_poster: 0.04,
  sleeper: 0.02,
};

let test: TestApp;
let base: string;
let folder: string;
const admin = 'wave_lead:correct horse battery staple';

beforeAll(async () => {
  test = await buildTestApp({ TRUST_PROXY: '127.0.0.1' });
  await signedInStaff(test, 'wave_lead', 'admin');
  base = await test.app.listen({ port: 0, host: '127.0.0.1' });
  folder = await mkdtemp(path.join(tmpdir(), 'atrium-surge-'));
});
afterAll(async () => {
  await test.close();
  await rm(folder, { recursive: true, force: true });
});

const lines = async (file: string) =>
  (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');

describe('a generated wave, replayed', () => {
  it('generates the same wave for the same seed, with every cohort labelled', async () => {
    const pool = await loadIpPool({ cacheFile: inject('locatorCache') });
    const wave = path.join(folder, 'wave');
    const result = await generateWave({
      out: wave,
      actors: ACTORS,
      seed: 'test',
      mix: MIX,
      images: 6,
      pool,
    });
    expect(result.actors).toBe(ACTORS);
    const labels = JSON.parse(await readFile(path.join(wave, 'labels.json'), 'utf8'));
    expect(Object.keys(labels)).toHaveLength(ACTORS);
    expect(new Set(Object.values(labels))).toEqual(new Set(cohortNames));
    const events = (await lines(path.join(wave, 'events.jsonl'))).map((line) => JSON.parse(line));
    expect(events).toHaveLength(result.events);
    // ordered by t; one sign-up per actor, before anything else it does
    const times = events.map((event) => event.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const signedUp = new Set<string>();
    for (const event of events) {
      if (event.type === 'signup') signedUp.add(event.actor);
      else expect(signedUp.has(event.actor)).toBe(true);
    }
    expect(signedUp.size).toBe(ACTORS);
    const phones = events.filter((event) => event.type === 'signup' && event.phone);
    expect(new Set(phones.map((event) => event.phone)).size).toBe(phones.length);
    const again = path.join(folder, 'again');
    await generateWave({ out: again, actors: ACTORS, seed: 'test', mix: MIX, images: 6, pool });
    expect(await readFile(path.join(again, 'events.jsonl'), 'utf8')).toBe(
      await readFile(path.join(wave, 'events.jsonl'), 'utf8'),
    );
  }, 120_000);

  it('replays it, stops and resumes, reports bad lines, settles and writes outcomes', async () => {
    const wave = path.join(folder, 'wave');
    const eventsFile = path.join(wave, 'events.jsonl');
    const original = await lines(eventsFile);
    // a malformed line and an unknown type in the middle of the wave
    const middle = Math.floor(original.length / 2);
    const tampered = [
      ...original.slice(0, middle),
      '{"t": "soon", "actor": "a1", "type": "like"}',
      `{"t": ${JSON.parse(original[middle]!).t}, "actor": "a0000001", "type": "livestream"}`,
      ...original.slice(middle),
    ];
    await writeFile(eventsFile, `${tampered.join('\n')}\n`);
    const out = path.join(folder, 'out');
    const log: string[] = [];

    // stop after a while, then run the same command again
    const controller = new AbortController();
    let seen = 0;
    const first = await replayWave({
      wave,
      base,
      admin,
      speed: 0,
      concurrency: 8,
      out,
      log: (line) => {
        log.push(line);
      },
      signal: controller.signal,
      onEvent: () => {
        seen += 1;
        if (seen === 150) controller.abort();
      },
    });
    expect(first.completed).toBe(false);
    const journal = await lines(path.join(out, 'replay-journal.jsonl'));
    expect(journal.some((line) => line.startsWith('{"done":'))).toBe(true);

    const second = await replayWave({
      wave,
      base,
      admin,
      speed: 0,
      concurrency: 8,
      out,
      log: (line) => log.push(line),
    });
    expect(second.completed).toBe(true);
    expect(log.some((line) => /^resuming after line \d+/.test(line))).toBe(true);
    expect(log).toContain(
      `line ${middle + 1}: malformed ("t" must be a number of seconds ≥ 0), skipped`,
    );
    expect(second.summary.unknown).toBe(1);
    // each event was sent once, across the two runs
    const sent = (result: typeof first) =>
      Object.values(result.summary.events).reduce((sum, count) => sum + count, 0);
    expect(sent(first)).toBeGreaterThanOrEqual(150);
    expect(sent(first) + sent(second)).toBe(original.length);

    const outcomes = (await lines(path.join(out, 'outcomes.jsonl'))).map((line) =>
      JSON.parse(line),
    );
    expect(outcomes).toHaveLength(ACTORS);
    for (const outcome of outcomes) {
      expect(Object.keys(outcome).sort()).toEqual(
        [
          'account',
          'actor',
          'challenges',
          'cluster',
          'flagged',
          'notes',
          'restricted',
          'signup',
          'suspended',
          'trustLevel',
        ].sort(),
      );
      expect(['allowed', 'challenged', 'denied', 'failed']).toContain(outcome.signup);
      expect(Object.keys(outcome.notes).sort()).toEqual(['held', 'published', 'rejected']);
    }
    // every actor that got an account exists in the database, and no sign-up ran twice
    const withAccount = outcomes.filter((outcome) => outcome.account);
    const rows = await test.database.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(
        'id',
        'in',
        withAccount.map((outcome) => outcome.account),
      )
      .executeTakeFirstOrThrow();
    expect(Number(rows.count)).toBe(withAccount.length);
    // most of the wave gets in: genuine people are never refused by today's door
    const labels = JSON.parse(await readFile(path.join(wave, 'labels.json'), 'utf8'));
    const genuine = outcomes.filter((outcome) => labels[outcome.actor] === 'genuine');
    expect(genuine.every((outcome) => outcome.account !== null)).toBe(true);
    const published = outcomes.reduce((sum, outcome) => sum + outcome.notes.published, 0);
    expect(published).toBeGreaterThan(ACTORS / 2);

    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(['events', 'status', 'signupsPerSecond', 'latency', 'wallSeconds']),
    );
    // no 5xx; when one happens, the server's error records say why
    const serverErrors = test.logs.filter((line) => line.includes('"level":50'));
    expect(
      Object.keys(summary.status).filter((code) => code.startsWith('5')),
      serverErrors.join('\n').slice(0, 4000),
    ).toEqual([]);
    expect(summary.latency.phoneStart.p99).toBeGreaterThanOrEqual(summary.latency.phoneStart.p50);
    expect(summary.latency.surgeSettle).toBeDefined();
    expect(summary.signupsPerSecond).toBeGreaterThan(0);

    const score = await scoreOutcomes(readOutcomes(path.join(out, 'outcomes.jsonl')), labels);
    expect(score.cohorts.reduce((sum, entry) => sum + entry.actors, 0)).toBe(ACTORS);
    expect(formatScore(score, summary)).toContain('sign-ups per second');
  }, 600_000);

  it('resolves references, waits codeMs at the wave speed, and counts missing targets', async () => {
    const wave = path.join(folder, 'handmade');
    await mkdir(path.join(wave, 'images'), { recursive: true });
    const client = {
      ip: '200.160.2.3',
      ua: 'Mozilla/5.0 (Linux; Android 14)',
      acceptLanguage: 'pt-BR',
      tz: 'America/Sao_Paulo',
      device: 'f00dfeedf00dfeedf00dfeedf00dfeed',
      pow: 'solves',
    };
    const events = [
      {
        t: 0,
        actor: 'p1',
        type: 'signup',
        method: 'phone',
        phone: '+5511961234001',
        handle: 'bia_gatos',
        displayName: 'Bia',
        codeMs: 2000,
        ...client,
      },
      {
        t: 0.1,
        actor: 'p2',
        type: 'signup',
        method: 'email',
        email: 'tom_cats@example.org',
        password: 'lantern-orbit-cactus-8812',
        handle: 'tom_cats',
        ...client,
        ip: '8.8.8.8',
      },
      {
        t: 1,
        actor: 'p1',
        type: 'note',
        title: 'Imposto de gato',
        body: 'Este é o Mochi',
        lang: 'pt',
      },
      { t: 1.1, actor: 'p1', type: 'profile', bio: 'gatos e receitas' },
      { t: 60, actor: 'p2', type: 'like', target: 'n:p1:0' },
      { t: 61, actor: 'p2', type: 'collect', target: 'n:p1:0' },
      { t: 62, actor: 'p2', type: 'comment', target: 'n:p1:0', body: 'What a cat!' },
      {
        t: 63,
        actor: 'p1',
        type: 'comment',
        target: 'n:p1:0',
        body: 'Obrigada!',
        parent: 'c:p2:0',
      },
      { t: 64, actor: 'p2', type: 'follow', target: 'p1' },
      { t: 65, actor: 'p2', type: 'like', target: 'n:p1:7' },
      { t: 66, actor: 'p2', type: 'like', target: 'n:ghost:0' },
      { t: 67, actor: 'p2', type: 'follow', target: 'ghost' },
      { t: 68, actor: 'ghost', type: 'note', body: 'never signed up' },
      { t: 69, actor: 'p1', type: 'report', target: 'p2', reason: 'spam' },
      { t: 70, actor: 'p1', type: 'block', target: 'p2' },
    ];
    await writeFile(
      path.join(wave, 'events.jsonl'),
      `${events.map((event) => JSON.stringify(event)).join('\n')}\n`,
    );
    const out = path.join(folder, 'handmade-out');
    const started = performance.now();
    const result = await replayWave({ wave, base, admin, speed: 4, concurrency: 4, out });
    // sent at t / speed: the wave lasts 70 s, replayed at four times its speed (the second
    // person acts a minute after the first signed up, so each target exists before it is used,
    // even on a slow machine)
    expect(performance.now() - started).toBeGreaterThanOrEqual(17_500);
    expect(result.summary.skipped).toEqual({ 'missing target': 3, 'actor not signed in': 1 });
    expect(result.summary.status['204']).toBeGreaterThanOrEqual(4); // like, collect, follow, block
    const outcomes = (await lines(path.join(out, 'outcomes.jsonl'))).map((line) =>
      JSON.parse(line),
    );
    const byActor = Object.fromEntries(outcomes.map((outcome) => [outcome.actor, outcome]));
    expect(byActor.p1).toMatchObject({
      signup: 'allowed',
      notes: { published: 1, held: 0, rejected: 0 },
    });
    expect(byActor.p2).toMatchObject({ signup: 'allowed', flagged: true }); // p1 reported it
    expect(byActor.ghost).toMatchObject({ account: null, signup: 'failed' });
    const note = await test.database.db
      .selectFrom('notes')
      .select(['like_count', 'collect_count', 'comment_count'])
      .where('author_id', '=', byActor.p1.account)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ like_count: 1, collect_count: 1, comment_count: 2 });
    const reply = await test.database.db
      .selectFrom('comments')
      .select('parent_id')
      .where('author_id', '=', byActor.p1.account)
      .executeTakeFirstOrThrow();
    expect(reply.parent_id).not.toBeNull();
  }, 120_000);
});
