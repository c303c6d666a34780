import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  failure,
  signedIn,
  signUpByEmail,
  type TestApp,
} from '../../../test/helper.js';
import { decide } from './alerts.figures.js';

// Alerts fire from the figures the metrics count (real sign-ups, real reports and cases), are
// posted to a webhook (a local HTTP server here) with retries and without holding up the
// evaluation, show on the staff API, and resolve when their condition clears. Acknowledging and
// silencing are audited.

interface Received {
  event: string;
  text: string;
  alert: { ruleId: string; subject: string | null; state: string; value: number };
}

describe('alerts', () => {
  let test: TestApp;
  let admin: string;
  let server: Server;
  const received: Received[] = [];
  /** How the webhook answers its next requests (then 200). */
  const answers: { status: number; delayMs?: number }[] = [];
  let offset = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const answer = answers.shift() ?? { status: 200 };
        setTimeout(() => {
          received.push(JSON.parse(body) as Received);
          response.writeHead(answer.status).end();
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    test = await buildTestApp(
      { ATRIUM_DISABLE_RATE_LIMITS: '1' },
      {
        // the app's clock, moved on to let a minute's counts age out
        clock: () => new Date(Date.now() + offset),
        alertWebhook: { url, attempts: 3, backoffMs: [50], timeoutMs: 3_000 },
      },
    );
    await signUpByEmail(test, 'al_lead');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'al_lead', role: 'admin' });
    admin = (
      await test.client().auth.login({ login: 'al_lead', password: 'correct horse battery staple' })
    ).token;
  });
  afterAll(async () => {
    await test?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const staff = () => test.client({ token: admin }).staff;
  const alertsOf = async (ruleId: string) =>
    (await staff().alerts()).alerts.filter((alert) => alert.ruleId === ruleId);
  const audited = (action: string) =>
    test.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'data', 'actor_id'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('a sign-up flood fires from real sign-ups, is posted to the webhook and resolves', async () => {
    // no history yet: the baseline rule fires at its floor, which an administrator lowers
    const rule = await staff().updateAlertRule('signup_flood', { floor: 3 });
    expect(rule).toMatchObject({
      floor: 3,
      condition: 'baseline',
      updatedBy: { handle: 'al_lead' },
    });
    expect(await audited('alert_rule.update')).toMatchObject([
      { target_id: 'signup_flood', data: { changed: { floor: 3 } } },
    ]);

    expect(await test.alerts.tick()).toBe(true); // one sign-up (the administrator's): quiet
    expect(await alertsOf('signup_flood')).toEqual([]);

    for (const handle of ['al_a', 'al_b', 'al_c']) await signUpByEmail(test, handle);
    // the webhook's first answer is slow and a failure: the tick does not wait for it
    answers.push({ status: 500, delayMs: 600 });
    const started = performance.now();
    expect(await test.alerts.tick()).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
    const [firing] = await alertsOf('signup_flood');
    expect(firing).toMatchObject({
      state: 'firing',
      severity: 'warning',
      figure: 'signups_per_minute',
      subject: null,
      value: 4,
      limit: 3,
      runbook: 'docs/runbooks/signup-flood.md',
      resolvedAt: null,
    });

    // retried after the 500: delivered on the second attempt, and recorded so
    await test.alerts.settled();
    expect(received.map((body) => [body.event, body.alert.ruleId])).toEqual([
      ['firing', 'signup_flood'],
      ['firing', 'signup_flood'],
    ]);
    expect(received[0]!.text).toContain('signup_flood');
    expect((await alertsOf('signup_flood'))[0]!.delivery).toMatchObject({ ok: true, attempts: 2 });

    // still firing on the next tick: one alert, not a second
    await test.alerts.tick();
    expect(await alertsOf('signup_flood')).toHaveLength(1);

    // a minute on, the sign-ups have aged out of the figure: resolved, and the webhook told
    offset += 61_000;
    await test.alerts.tick();
    const [resolved] = await alertsOf('signup_flood');
    expect(resolved).toMatchObject({ id: firing!.id, state: 'resolved', value: 0 });
    expect(resolved!.resolvedAt).not.toBeNull();
    await test.alerts.settled();
    expect(received.at(-1)).toMatchObject({ event: 'resolved', alert: { state: 'resolved' } });
  });

  it('a review backlog fires per language; acknowledge and silence are audited; deciding the case resolves it', async () => {
    await staff().updateAlertRule('review_backlog', { threshold: 0 });
    const author = await signedIn(test, 'al_author');
    const reporter = await signedIn(test, 'al_reporter');
    const note = await author.client.notes.create({
      body: 'The weather in the mountains was lovely this morning and we walked for hours.',
      lang: 'en',
    });
    await reporter.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'spam' });
    const reported = await test.database.db
      .selectFrom('moderation_cases')
      .select(['id', 'lang'])
      .where('target_id', '=', note.id)
      .executeTakeFirstOrThrow();

    // the webhook fails every attempt: the failure is recorded, nothing else waits for it
    answers.push({ status: 500 }, { status: 500 }, { status: 500 });
    const before = received.length;
    await test.alerts.tick();
    const [alert] = await alertsOf('review_backlog');
    // one alert per language: this case's (the language the server detected)
    expect(reported.lang).toBe('en');
    expect(alert).toMatchObject({ state: 'firing', subject: 'en', value: 1, limit: 0 });
    await test.alerts.settled();
    expect(received.length - before).toBe(3);
    expect((await alertsOf('review_backlog'))[0]!.delivery).toMatchObject({
      ok: false,
      attempts: 3,
      error: 'HTTP 500',
    });

    const acknowledged = await staff().acknowledgeAlert(alert!.id);
    expect(acknowledged.acknowledgedBy).toMatchObject({ handle: 'al_lead' });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    const silenced = await staff().silenceAlert(alert!.id, { minutes: 30 });
    expect(Date.parse(silenced.silencedUntil!)).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(await audited('alert.acknowledge')).toMatchObject([
      { target_id: alert!.id, data: { rule: 'review_backlog', subject: 'en' } },
    ]);
    expect(await audited('alert.silence')).toMatchObject([
      { target_id: alert!.id, data: { rule: 'review_backlog', minutes: 30 } },
    ]);

    // the case decided, the queue is empty: resolved, and the silenced alert is not posted
    const caseId = reported.id;
    await test.client({ token: admin }).moderation.claim(caseId);
    await test.client({ token: admin }).moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'policy.ok',
    });
    const posted = received.length;
    await test.alerts.tick();
    expect((await alertsOf('review_backlog'))[0]).toMatchObject({
      id: alert!.id,
      state: 'resolved',
    });
    await test.alerts.settled();
    expect(received.length).toBe(posted);
    // nothing to acknowledge any more
    expect((await failure(staff().acknowledgeAlert(alert!.id))).code).toBe('ALERT_NOT_FIRING');
  });

  it('a rate of change compares with the figure a window ago (the per-minute history)', async () => {
    await staff().updateAlertRule('report_storm', {
      condition: 'rate_of_change',
      threshold: 1,
      windowSeconds: 120,
    });
    // a minute on: the reports of the test before have aged out of the figure
    offset += 61_000;
    await test.alerts.tick();
    // two minutes ago, no reports a minute
    const at = Date.now() + offset - 120_000;
    await sql`
      INSERT INTO alert_history (figure, subject, minute, value)
      VALUES ('reports_per_minute', '', ${new Date(Math.floor(at / 60_000) * 60_000)}, 0)
      ON CONFLICT (figure, subject, minute) DO UPDATE SET value = 0`.execute(test.database.db);
    const author = await signedIn(test, 'al_author2');
    const notes = await Promise.all(
      ['One', 'Two'].map((body) => author.client.notes.create({ body, lang: 'en' })),
    );
    const reporter = await signedIn(test, 'al_reporter2');
    for (const target of notes) {
      await reporter.client.reports.create({
        targetType: 'note',
        targetId: target.id,
        reason: 'spam',
      });
    }
    await test.alerts.tick();
    expect((await alertsOf('report_storm'))[0]).toMatchObject({
      state: 'firing',
      value: 2,
      limit: 1,
    });
  });

  it('rules are the administrators’, and a ratio’s threshold is at most 1', async () => {
    const rules = (await staff().alertRules()).rules;
    expect(rules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'signup_flood',
        'report_storm',
        'review_backlog',
        'error_spike',
        'db_slow',
        'translation_down',
      ]),
    );
    for (const rule of rules) expect(rule.runbook).toMatch(/^docs\/runbooks\/[a-z-]+\.md$/);
    expect(
      (await failure(staff().updateAlertRule('translation_down', { threshold: 2 }))).code,
    ).toBe('VALIDATION_FAILED');
    expect((await failure(staff().updateAlertRule('no_such_rule', { enabled: false }))).code).toBe(
      'NOT_FOUND',
    );
    const analyst = await signedIn(test, 'al_analyst');
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'al_analyst', role: 'analyst' });
    // an analyst sees the alerts but may not change a rule
    await analyst.client.staff.alerts();
    expect(
      (await failure(analyst.client.staff.updateAlertRule('db_slow', { threshold: 1 }))).code,
    ).toBe('FORBIDDEN');
  });
});

describe('alert conditions', () => {
  const rule = { threshold: 5, floor: 30 };
  it('threshold: above it', () => {
    expect(decide({ ...rule, condition: 'threshold' }, 6, { past: null, base: null })).toEqual({
      firing: true,
      limit: 5,
    });
    expect(
      decide({ ...rule, condition: 'threshold' }, null, { past: null, base: null }),
    ).toBeNull();
  });
  it('rate of change: no history, no decision', () => {
    expect(
      decide({ ...rule, condition: 'rate_of_change' }, 9, { past: null, base: null }),
    ).toBeNull();
    expect(decide({ ...rule, condition: 'rate_of_change' }, 9, { past: 3, base: null })).toEqual({
      firing: true,
      limit: 8,
    });
  });
  it('baseline: the factor over the same hour, never under the floor', () => {
    const baseline = { ...rule, condition: 'baseline' as const };
    expect(decide(baseline, 40, { past: null, base: 10 })).toEqual({ firing: false, limit: 50 });
    expect(decide(baseline, 50, { past: null, base: 10 })).toEqual({ firing: true, limit: 50 });
    expect(decide(baseline, 29, { past: null, base: 1 })).toEqual({ firing: false, limit: 30 });
    expect(decide(baseline, 30, { past: null, base: null })).toEqual({ firing: true, limit: 30 });
    expect(decide({ ...baseline, floor: 0 }, 3, { past: null, base: null })).toBeNull();
  });
});
