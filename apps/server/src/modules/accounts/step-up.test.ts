import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helper.js';
import { solve } from '../../lib/proof-of-work.js';
import { loadAsnTable } from '../risk/asn-table.js';

// Step-up after a passed challenge (docs/risk.md, "Step-up"), on the real API with risk on: the
// riskiest challenged sign-ups are created at level 0 with posting restricted, get a code by
// e-mail or a second SMS, and confirming it lifts that restriction.

/** A script on a residential line: no device, a library's user agent — 45 points, challenged. */
const SCRIPT = { 'x-forwarded-for': '73.22.1.9', 'user-agent': 'python-requests/2.32.3' };
const PASSWORD = 'correct horse battery staple';

let test: TestApp;
beforeAll(async () => {
  await loadAsnTable();
});
afterEach(async () => {
  await test?.close();
});

const inject = (method: 'GET' | 'POST', url: string, payload?: object, token?: string) =>
  test.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { ...SCRIPT, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

/** Sends a request, solving the proof of work when challenged: the final answer. */
async function withProof(url: string, payload: Record<string, unknown>) {
  const first = await inject('POST', url, payload);
  if (first.statusCode !== 428) return first;
  const { challenge } = first.json() as { challenge: { challenge: string; difficulty: number } };
  return inject('POST', url, {
    ...payload,
    proof: {
      challenge: challenge.challenge,
      nonce: solve(challenge.challenge, challenge.difficulty),
    },
  });
}

const emailSignup = (handle: string, email: string) =>
  withProof('/api/auth/signup', { email, password: PASSWORD, handle });

const lastCode = (to: string) => {
  const code = test.outbox.messagesTo(to)[0]?.code;
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
};

async function signupEvent(accountId: string) {
  return test.database.db
    .selectFrom('risk_events')
    .select(['decision', 'score', 'data'])
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
}

const post = (token: string, body: string) => inject('POST', '/api/notes', { body }, token);

describe('step-up after a passed challenge', () => {
  it('asks an e-mail code of a risky e-mail sign-up; posting waits for it', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    // a templated handle on top of the script: 55 points, the top of the challenge band
    const response = await emailSignup('sunny4321', 'sunny@example.org');
    expect(response.statusCode).toBe(201);
    const { token, account, stepUp } = response.json();
    expect(stepUp).toMatchObject({ channel: 'email' });
    const event = await signupEvent(account.id);
    expect(event.decision).toBe('challenge');
    expect(event.score).toBeGreaterThanOrEqual(50);
    expect(event.data).toMatchObject({ proof: 'passed', stepUp: 'email' });

    // level 0, posting restricted until confirmed
    const refused = await post(token, 'Hello from a new account');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('POSTING_RESTRICTED');
    const trust = await inject('GET', '/api/me/trust', undefined, token);
    expect(trust.json().level).toBe(0);
    expect((await inject('GET', '/api/me/step-up', undefined, token)).json()).toMatchObject({
      pending: true,
      channel: 'email',
    });
    // the account says so too, from the sign-up's answer on: clients need not ask
    expect(account.stepUp).toEqual(stepUp);
    expect((await inject('GET', '/api/me', undefined, token)).json().stepUp).toEqual(stepUp);

    const wrong = await inject('POST', '/api/me/step-up', { code: '000000' }, token);
    const code = lastCode('sunny@example.org');
    if (code !== '000000') {
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('INVALID_CODE');
    }
    const confirmed = await inject('POST', '/api/me/step-up', { code }, token);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ pending: false, channel: 'email' });
    expect((await inject('GET', '/api/me', undefined, token)).json()).not.toHaveProperty('stepUp');
    expect((await post(token, 'Hello from a new account')).statusCode).toBe(201);
    // once only
    const again = await inject('POST', '/api/me/step-up', { code }, token);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('STEP_UP_NOT_PENDING');
  });

  it('asks nothing more of a challenge below the step-up score', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    const response = await emailSignup('quiet_walker', 'quiet@example.org');
    expect(response.statusCode).toBe(201);
    const { token, account, stepUp } = response.json();
    expect(stepUp).toBeUndefined();
    const event = await signupEvent(account.id);
    expect(event.decision).toBe('challenge');
    expect(event.score).toBeLessThan(50);
    expect((await post(token, 'Hello there')).statusCode).toBe(201);
    expect(test.outbox.messagesTo('quiet@example.org')).toHaveLength(0);
  });

  it('answers a sign-up with a taken address the same, and sends its holder no code', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    expect((await emailSignup('owner_walker', 'taken@example.org')).statusCode).toBe(201);
    const outboxBefore = test.outbox.messagesTo('taken@example.org').length;
    const response = await emailSignup('sunny4321', 'taken@example.org');
    expect(response.statusCode).toBe(201);
    expect(response.json().stepUp).toMatchObject({ channel: 'email' });
    // the holder hears of the sign-up attempt (a notice), never of a code for the new account
    const after = test.outbox.messagesTo('taken@example.org');
    expect(after.slice(0, after.length - outboxBefore).every((message) => !message.code)).toBe(
      true,
    );
  });

  it('asks a second SMS code of a risky phone sign-up', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    const phone = '+12015550147';
    const started = await withProof('/api/auth/phone/start', { phone });
    expect(started.statusCode).toBe(202);
    await sql`UPDATE phone_verifications SET last_sent_at = now() - interval '20 seconds'`.execute(
      test.database.db,
    );
    const firstCode = lastCode(phone);
    const verified = await withProof('/api/auth/phone/verify', {
      verificationId: started.json().verificationId,
      code: firstCode,
      handle: 'sunny4321',
    });
    expect(verified.statusCode).toBe(200);
    const { token, stepUp, created } = verified.json();
    expect(created).toBe(true);
    expect(stepUp).toMatchObject({ channel: 'sms' });
    const secondCode = lastCode(phone);
    expect(test.outbox.messagesTo(phone)).toHaveLength(2);
    expect((await post(token, 'Hello')).statusCode).toBe(403);

    // a new code at most once a minute; the old one stops working
    const early = await inject('POST', '/api/me/step-up/resend', undefined, token);
    expect(early.statusCode).toBe(429);
    expect(early.json().code).toBe('RATE_LIMITED');
    await sql`UPDATE step_ups SET last_sent_at = now() - interval '2 minutes'`.execute(
      test.database.db,
    );
    const resent = await inject('POST', '/api/me/step-up/resend', undefined, token);
    expect(resent.statusCode).toBe(202);
    expect(test.outbox.messagesTo(phone)).toHaveLength(3);
    const thirdCode = lastCode(phone);
    if (thirdCode !== secondCode) {
      const stale = await inject('POST', '/api/me/step-up', { code: secondCode }, token);
      expect(stale.json().code).toBe('INVALID_CODE');
    }
    expect((await inject('POST', '/api/me/step-up', { code: thirdCode }, token)).statusCode).toBe(
      200,
    );
    expect((await post(token, 'Hello')).statusCode).toBe(201);
  });

  it('keeps a sanction imposed while the step-up was pending', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    const response = await emailSignup('sunny4321', 'sunny@example.org');
    const { token, account } = response.json();
    // a moderator restricts posting for longer in between (a sanction replaces the restriction)
    await sql`UPDATE accounts SET posting_restricted_until = now() + interval '2 years'
      WHERE id = ${account.id}`.execute(test.database.db);
    const code = lastCode('sunny@example.org');
    expect((await inject('POST', '/api/me/step-up', { code }, token)).statusCode).toBe(200);
    expect((await post(token, 'Hello')).statusCode).toBe(403);
  });
});
