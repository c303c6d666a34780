import { type RouteName, routes } from '@atrium/contracts';
import type { TranslationEngine, TranslationRequest } from '@atrium/lang';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import {
  buildTestApp,
  failure,
  IPS,
  signedIn,
  signUpByEmail,
  type TestApp,
} from '../../../test/helper.js';
import { OPEN_IN_READ_ONLY, POSTING_OPERATIONS } from './switches.guard.js';
import { runSwitchCommand } from './switches-cli.js';
import { commandLineSwitches } from './switches-cli-app.js';

// Each kill switch really stops what it names, and starting it again restores it; every flip is
// audited; only administrators flip.

/** A translation engine that says which language it translated to, and counts its calls. */
class TaggingEngine implements TranslationEngine {
  readonly name = 'tagging';
  calls = 0;
  async supports() {
    return true;
  }
  async pairs() {
    return [{ from: 'en', to: 'es' }];
  }
  async translate(request: TranslationRequest) {
    this.calls += 1;
    return { texts: request.texts.map((text) => `[${request.to}] ${text}`), engine: this.name };
  }
}

const blob = (bytes: Buffer) => new Blob([new Uint8Array(bytes)]);

describe('kill switches', () => {
  let test: TestApp;
  const engine = new TaggingEngine();
  let admin: string;

  beforeAll(async () => {
    test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' }, { translation: engine });
    await signUpByEmail(test, 'sw_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'sw_lead', role: 'admin' });
    admin = (
      await test.client().auth.login({ login: 'sw_lead', password: 'correct horse battery staple' })
    ).token;
  });
  afterAll(async () => {
    await test?.close();
  });

  const flip = (name: Parameters<TestApp['switches']['set']>[1], on: boolean, extra = {}) =>
    test.client({ token: admin }).staff.setSwitch(name, { on, ...extra });

  const audited = (action: string) =>
    test.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'data', 'actor_kind'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('signups: pauses every sign-up, or one country, and resumes', async () => {
    const switches = await flip('signups', true, { reason: 'flood from everywhere' });
    expect(switches.on).toMatchObject([
      {
        name: 'signups',
        target: null,
        reason: 'flood from everywhere',
        by: { handle: 'sw_lead' },
      },
    ]);
    expect((await failure(signUpByEmail(test, 'sw_new_us', IPS.US))).code).toBe('SIGNUPS_PAUSED');
    expect((await test.client().ops.status()).signupsPaused).toBe(true);
    // signing in is never paused
    await test.client().auth.login({ login: 'sw_lead', password: 'correct horse battery staple' });
    await flip('signups', false);
    await signUpByEmail(test, 'sw_new_us', IPS.US);

    // one country: surge mode's pause list, the same one the risk console shows
    const paused = await flip('signups', true, { target: 'br', reason: 'farm in BR' });
    expect(paused.on).toMatchObject([{ name: 'signups', target: 'BR', reason: 'farm in BR' }]);
    expect(test.surgeMode.state().pausedCountries).toEqual(['BR']);
    expect((await failure(signUpByEmail(test, 'sw_new_br', IPS.BRAZIL))).code).toBe(
      'SIGNUPS_PAUSED',
    );
    await signUpByEmail(test, 'sw_new_de', IPS.GERMANY);
    await flip('signups', false, { target: 'BR' });
    await signUpByEmail(test, 'sw_new_br', IPS.BRAZIL);

    expect(await audited('switch.on')).toEqual([
      {
        action: 'switch.on',
        target_id: 'signups',
        data: { name: 'signups', reason: 'flood from everywhere' },
        actor_kind: 'staff',
      },
    ]);
    expect((await audited('surge.country_pause')).map((row) => row.data)).toEqual([
      { reason: 'farm in BR' },
    ]);
    expect((await audited('surge.country_resume')).map((row) => row.target_id)).toEqual(['BR']);
  });

  it('uploads: refuses uploads with 503 UPLOADS_PAUSED, and takes them again', async () => {
    const { client } = await signedIn(test, 'sw_uploader');
    const image = blob(await makeImage('png', 32, 32));
    await flip('uploads', true);
    const refused = await failure(client.media.upload(image, 'a.png'));
    expect([refused.status, refused.code]).toEqual([503, 'UPLOADS_PAUSED']);
    // the rest of posting goes on
    await client.notes.create({ body: 'No picture today', lang: 'en' });
    await flip('uploads', false);
    expect((await client.media.upload(image, 'a.png')).width).toBe(32);
  });

  it('translation: calls no engine, serves what is cached, and resumes', async () => {
    const { client } = await signedIn(test, 'sw_reader');
    const cached = await client.notes.create({
      body: 'The harbour was calm this morning',
      lang: 'en',
    });
    const fresh = await client.notes.create({ body: 'Rain is coming over the hills', lang: 'en' });
    expect((await client.notes.translation(cached.id, 'es')).body).toMatch(/^\[es\]/);
    await flip('translation', true);
    const calls = engine.calls;
    expect((await client.notes.translation(cached.id, 'es')).cached).toBe(true);
    const refused = await failure(client.notes.translation(fresh.id, 'es'));
    expect([refused.code, (refused.problem as { reason?: string }).reason]).toEqual([
      'TRANSLATION_UNAVAILABLE',
      'paused',
    ]);
    expect(engine.calls).toBe(calls);
    expect((await test.client().ops.status()).translationPaused).toBe(true);
    await flip('translation', false);
    expect((await client.notes.translation(fresh.id, 'es')).body).toMatch(/^\[es\]/);
    expect(engine.calls).toBe(calls + 1);
  });

  it('posting: read-only mode refuses writes with 503 READ_ONLY, keeps reading, sign-in and reports', async () => {
    const author = await signedIn(test, 'sw_author');
    const reader = await signedIn(test, 'sw_fan');
    const note = await author.client.notes.create({ body: 'Before the switch', lang: 'en' });
    await flip('posting', true, { reason: 'database failover' });
    expect(await test.client().ops.status()).toEqual({
      readOnly: true,
      uploadsPaused: false,
      translationPaused: false,
      signupsPaused: false,
    });
    for (const attempt of [
      () => author.client.notes.create({ body: 'During the switch', lang: 'en' }),
      () => author.client.notes.update(note.id, { body: 'Edited during the switch' }),
      () => reader.client.notes.like(note.id),
      () => reader.client.notes.comment(note.id, { body: 'Nice' }),
      () => reader.client.users.follow('sw_author'),
      () => reader.client.me.update({ bio: 'new bio' }),
    ]) {
      const refused = await failure(attempt());
      expect([refused.status, refused.code]).toEqual([503, 'READ_ONLY']);
    }
    // reading, signing in and safety still work
    expect((await reader.client.notes.get(note.id)).body).toBe('Before the switch');
    await test.client().auth.login({ login: 'sw_fan', password: 'correct horse battery staple' });
    await reader.client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'spam',
    });
    // anonymous callers still learn they must sign in first
    expect((await failure(test.client().notes.create({ body: 'x' }))).code).toBe('UNAUTHENTICATED');
    await flip('posting', false);
    await reader.client.notes.like(note.id);
    expect((await test.client().ops.status()).readOnly).toBe(false);
  });

  it('posting: every write route is either stopped in read-only mode or deliberately left open', () => {
    const writes = (Object.keys(routes) as RouteName[]).filter(
      (name) => routes[name].method !== 'GET',
    );
    const unclassified = writes.filter(
      (name) => !POSTING_OPERATIONS.has(name) && !OPEN_IN_READ_ONLY.has(name),
    );
    expect(unclassified).toEqual([]);
    expect([...POSTING_OPERATIONS].filter((name) => OPEN_IN_READ_ONLY.has(name))).toEqual([]);
  });

  it('discover_frozen: serves the last computed discover pages until it is turned off', async () => {
    const { client } = await signedIn(test, 'sw_poster');
    const reader = test.client();
    const before = await client.notes.create({ body: 'Sunset over the frozen lake', lang: 'en' });
    await test.settle();
    expect((await reader.feeds.discover()).items.map((item) => item.id)).toContain(before.id);
    await flip('discover_frozen', true);
    const frozen = (await reader.feeds.discover()).items.map((item) => item.id);
    const after = await client.notes.create({ body: 'A fresh note after the freeze', lang: 'en' });
    await test.settle();
    expect((await reader.feeds.discover()).items.map((item) => item.id)).toEqual(frozen);
    // snapshots served while frozen are never pruned
    expect(await test.tasks.pruneSnapshots.run()).toBe(0);
    await flip('discover_frozen', false);
    expect((await reader.feeds.discover()).items.map((item) => item.id)).toContain(after.id);
  });

  it('policy_rule: disables one rule of the policy in force by id, and only that one', async () => {
    const { client } = await signedIn(test, 'sw_rule');
    const drugs = { title: 'Party', body: 'who can get c0caine tonight', lang: 'en' };
    expect((await client.notes.create(drugs)).status).toBe('pending_review');
    const unknown = await failure(flip('policy_rule', true, { target: 'no-such-rule' }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await failure(flip('policy_rule', true))).code).toBe('VALIDATION_FAILED');
    const listed = await flip('policy_rule', true, {
      target: 'drugs.hard',
      reason: 'false positives',
    });
    expect(listed.rules).toContain('drugs.hard');
    expect(listed.on).toMatchObject([{ name: 'policy_rule', target: 'drugs.hard' }]);
    expect((await client.notes.create(drugs)).status).toBe('published');
    // other rules still hold: adult services are refused
    const adult = await failure(
      client.notes.create({ body: 'escort service, outcall available', lang: 'en' }),
    );
    expect(adult.code).toBe('CONTENT_REJECTED');
    await flip('policy_rule', false, { target: 'drugs.hard' });
    expect((await client.notes.create(drugs)).status).toBe('pending_review');
    expect((await audited('switch.off')).map((row) => row.target_id)).toContain(
      'policy_rule:drugs.hard',
    );
  });

  it('only administrators flip switches; every staff role reads them', async () => {
    const plain = await signedIn(test, 'sw_plain');
    await signUpByEmail(test, 'sw_keeper');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'sw_keeper', role: 'moderator' });
    const moderator = test.client({
      token: (
        await test
          .client()
          .auth.login({ login: 'sw_keeper', password: 'correct horse battery staple' })
      ).token,
    });
    expect((await failure(plain.client.staff.setSwitch('posting', { on: true }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(plain.client.staff.switches())).code).toBe('FORBIDDEN');
    expect((await failure(moderator.staff.setSwitch('posting', { on: true }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await failure(moderator.staff.setSwitch('policy_rule', { on: true, target: 'spam' }))).code,
    ).toBe('FORBIDDEN');
    expect(test.switches.isOn('posting')).toBe(false);
    expect((await moderator.staff.switches()).rules).toContain('spam');
  });

  it('atrium switch: lists, turns on and off, audited as the command line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    const cli = await commandLineSwitches(test.database, test.vault);
    expect(await runSwitchCommand(cli, ['list'], io)).toBe(0);
    expect(out).toEqual(['Every switch is off.']);
    expect(await runSwitchCommand(cli, ['on', 'uploads', '--reason', 'storage full'], io)).toBe(0);
    expect(await runSwitchCommand(cli, ['on', 'signups', '--country', 'de'], io)).toBe(0);
    out.length = 0;
    expect(await runSwitchCommand(cli, ['list'], io)).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^signups DE\s+on since .* by command line$/);
    expect(out[1]).toMatch(/^uploads\s+on since .* by command line — storage full$/);
    // the server applies it once it re-reads (a running node: within a second)
    await test.switches.reload();
    expect(test.switches.isOn('uploads')).toBe(true);
    expect((await failure(signUpByEmail(test, 'sw_cli_de', IPS.GERMANY))).code).toBe(
      'SIGNUPS_PAUSED',
    );
    expect(await runSwitchCommand(cli, ['off', 'uploads'], io)).toBe(0);
    expect(await runSwitchCommand(cli, ['off', 'signups', '--country', 'DE'], io)).toBe(0);
    await test.switches.reload();
    expect(test.switches.isOn('uploads')).toBe(false);
    expect(await runSwitchCommand(cli, ['on', 'policy_rule', '--rule', 'nope'], io)).toBe(1);
    expect(err.at(-1)).toMatch(/no rule nope/);
    expect(await runSwitchCommand(cli, ['on', 'everything'], io)).toBe(2);
    const records = await audited('switch.on');
    expect(records.at(-1)).toMatchObject({
      target_id: 'uploads',
      actor_kind: 'cli',
      data: { reason: 'storage full' },
    });
    expect((await audited('surge.country_pause')).at(-1)).toMatchObject({
      target_id: 'DE',
      actor_kind: 'cli',
    });
    expect((await test.staff.verifyAudit()).ok).toBe(true);
  });
});
