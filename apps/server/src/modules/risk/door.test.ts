import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helper.js';
import { solve } from '../../lib/proof-of-work.js';
import { loadAsnTable } from './asn-table.js';

// The door on the real API (PGlite): allow, challenge then pass, review (restricted + case) and
// deny, on phone sign-up, e-mail sign-up and login. Risk scoring is off in tests by default;
// these turn it on.

const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
/** A person in the web app, in Chicago, on a residential line (Comcast). */
const BROWSER = {
  'x-forwarded-for': '73.22.1.5',
  'user-agent': CHROME,
  'accept-language': 'en-US,en;q=0.9',
  'x-atrium-device': 'f3a9c2e18b7d4e6fa1c0',
  'x-atrium-timezone': 'America/Chicago',
};
/** A script on the same residential line: no device, no time zone, a library's user agent. */
const SCRIPT = { 'x-forwarded-for': '73.22.1.9', 'user-agent': 'python-requests/2.32.3' };
/** The same script from a cloud server (DigitalOcean). */
const CLOUD_SCRIPT = { ...SCRIPT, 'x-forwarded-for': '165.227.0.1' };

let test: TestApp;
/** Phone sign-ups make two round trips and may solve two proofs of work: slower on a busy machine. */
const PHONE_TIMEOUT = 90_000;

beforeAll(async () => {
  // the table is loaded once per process: the apps below find it ready
  await loadAsnTable();
});

afterEach(async () => {
  await test?.close();
});

const post = (path: string, payload: object, headers: Record<string, string>) =>
  test.app.inject({ method: 'POST', url: path, payload, headers });

const codeFor = (phone: string) => {
  const message = test.outbox.messagesTo(phone).at(-1);
  if (!message?.code) throw new Error('no code in the outbox');
  return message.code;
};

/** The challenge of a 428 answer, solved. */
function solved(response: { json(): unknown }) {
  const { challenge } = response.json() as {
    challenge: { challenge: string; difficulty: number; visible?: boolean };
  };
  return {
    challenge: challenge.challenge,
    nonce: solve(challenge.challenge, challenge.difficulty),
  };
}

async function doorEvents() {
  return test.database.db
    .selectFrom('risk_events')
    .select(['account_id', 'surface', 'decision', 'score', 'reasons', 'ip_key', 'data'])
    .where('kind', '=', 'door')
    .orderBy('id')
    .execute();
}

const reasonCodes = (event: { reasons: { code: string }[] }) =>
  event.reasons.map((reason) => reason.code);

/** Makes the last code look typed `seconds` after it was sent (code-entry time). */
async function codeSentAgo(seconds: number) {
  await sql`UPDATE phone_verifications
    SET last_sent_at = now() - make_interval(secs => ${seconds})`.execute(test.database.db);
}

async function accountByHandle(handle: string) {
  return test.database.db
    .selectFrom('accounts')
    .select(['id', 'posting_restricted_until'])
    .where('handle', '=', handle)
    .executeTakeFirst();
}

async function riskCasesOf(accountId: string) {
  return test.database.db
    .selectFrom('moderation_cases')
    .select(['category', 'source', 'target_type'])
    .where('subject_id', '=', accountId)
    .execute();
}

describe('the door on phone sign-up', () => {
  it(
    'allows a person in the web app without asking anything',
    async () => {
      test = await buildTestApp({ ATRIUM_RISK: 'on' });
      const phone = '+12015550123';
      const started = await post('/api/auth/phone/start', { phone }, BROWSER);
      expect(started.statusCode).toBe(202);
      await codeSentAgo(20);
      const verified = await post(
        '/api/auth/phone/verify',
        { verificationId: started.json().verificationId, code: codeFor(phone), handle: 'river_ok' },
        BROWSER,
      );
      expect(verified.statusCode).toBe(200);
      const account = await accountByHandle('river_ok');
      expect(account?.posting_restricted_until).toBeNull();
      const events = await doorEvents();
      expect(events.map((event) => [event.surface, event.decision])).toEqual([
        ['phone_start', 'allow'],
        ['phone_verify', 'allow'],
      ]);
      expect(events[1]!.account_id).toBe(account!.id);
      // keyed hashes only: no address, number or device in the table
      const stored = JSON.stringify(
        await test.database.db.selectFrom('risk_events').selectAll().execute(),
      );
      for (const raw of ['73.22.1.5', '2015550123', BROWSER['x-atrium-device']]) {
        expect(stored).not.toContain(raw);
      }
    },
    PHONE_TIMEOUT,
  );

  it(
    'challenges a script, then lets it in once it proves work, at start and at verify',
    async () => {
      test = await buildTestApp({ ATRIUM_RISK: 'on' });
      const phone = '+12015550124';
      const first = await post('/api/auth/phone/start', { phone }, SCRIPT);
      expect(first.statusCode).toBe(428);
      expect(first.json().code).toBe('CHALLENGE_REQUIRED');
      expect(test.outbox.messagesTo(phone)).toHaveLength(0);
      const started = await post('/api/auth/phone/start', { phone, proof: solved(first) }, SCRIPT);
      expect(started.statusCode).toBe(202);
      await codeSentAgo(20);
      const body = {
        verificationId: started.json().verificationId,
        code: codeFor(phone),
        handle: 'scripted_ok',
      };
      const challenged = await post('/api/auth/phone/verify', body, SCRIPT);
      expect(challenged.statusCode).toBe(428);
      // a solution is accepted once
      const proof = solved(challenged);
      expect((await post('/api/auth/phone/verify', { ...body, proof }, SCRIPT)).statusCode).toBe(
        200,
      );
      const events = await doorEvents();
      expect(events.map((event) => event.decision)).toEqual([
        'challenge',
        'challenge',
        'challenge',
        'challenge',
      ]);
      expect(events.map((event) => event.data.proof)).toEqual(['none', 'passed', 'none', 'passed']);
      expect(reasonCodes(events[0]!)).toEqual(['device_missing', 'user_agent_automation']);
    },
    PHONE_TIMEOUT,
  );

  it(
    'creates the account restricted and opens a case when the code comes back too fast',
    async () => {
      test = await buildTestApp({ ATRIUM_RISK: 'on' });
      const phone = '+12015550125';
      const first = await post('/api/auth/phone/start', { phone }, SCRIPT);
      const started = await post('/api/auth/phone/start', { phone, proof: solved(first) }, SCRIPT);
      const verified = await post(
        '/api/auth/phone/verify',
        {
          verificationId: started.json().verificationId,
          code: codeFor(phone),
          handle: 'modem_like',
        },
        SCRIPT,
      );
      expect(verified.statusCode).toBe(200);
      const account = await accountByHandle('modem_like');
      expect(account!.posting_restricted_until!.getTime()).toBeGreaterThan(Date.now());
      expect(await riskCasesOf(account!.id)).toEqual([
        { category: 'risk', source: 'automated', target_type: 'account' },
      ]);
      const verify = (await doorEvents()).find((event) => event.surface === 'phone_verify')!;
      expect(verify.decision).toBe('review');
      expect(reasonCodes(verify)).toContain('code_entry_fast');
    },
    PHONE_TIMEOUT,
  );

  it(
    'denies a cloud script whose code comes back at once, and creates nothing',
    async () => {
      test = await buildTestApp({ ATRIUM_RISK: 'on' });
      const phone = '+12015550126';
      const first = await post('/api/auth/phone/start', { phone }, CLOUD_SCRIPT);
      expect(first.statusCode).toBe(428);
      expect(first.json().challenge.visible).toBe(true);
      const started = await post(
        '/api/auth/phone/start',
        { phone, proof: solved(first) },
        CLOUD_SCRIPT,
      );
      expect(started.statusCode).toBe(202);
      const denied = await post(
        '/api/auth/phone/verify',
        {
          verificationId: started.json().verificationId,
          code: codeFor(phone),
          handle: 'cloud_bot',
        },
        CLOUD_SCRIPT,
      );
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('RISK_DENIED');
      expect(await accountByHandle('cloud_bot')).toBeUndefined();
      const verify = (await doorEvents()).find((event) => event.surface === 'phone_verify')!;
      expect(verify).toMatchObject({ decision: 'deny', account_id: null });
      expect(reasonCodes(verify)).toContain('hosting_network');
    },
    PHONE_TIMEOUT,
  );
});

const signup = (handle: string, email: string, headers: Record<string, string>, extra = {}) =>
  post(
    '/api/auth/signup',
    { email, password: 'correct horse battery staple', handle, ...extra },
    headers,
  );

describe('the door on e-mail sign-up', () => {
  it('allows a person in the web app', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    expect((await signup('maple_ok', 'maple@example.org', BROWSER)).statusCode).toBe(201);
    expect((await doorEvents()).map((event) => event.decision)).toEqual(['allow']);
  });

  it('challenges a script and accepts its proof once', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    const first = await signup('cedar_ok', 'cedar@example.org', SCRIPT);
    expect(first.statusCode).toBe(428);
    const proof = solved(first);
    expect((await signup('cedar_ok', 'cedar@example.org', SCRIPT, { proof })).statusCode).toBe(201);
    const replayed = await signup('cedar_two', 'cedar2@example.org', SCRIPT, { proof });
    expect(replayed.statusCode).toBe(428);
    expect(await accountByHandle('cedar_two')).toBeUndefined();
  });

  it('creates a cloud script restricted, with a case', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    expect((await signup('birch_ok', 'birch@example.org', CLOUD_SCRIPT)).statusCode).toBe(201);
    const account = await accountByHandle('birch_ok');
    expect(account!.posting_restricted_until).not.toBeNull();
    expect(await riskCasesOf(account!.id)).toHaveLength(1);
    const [event] = await doorEvents();
    expect(event).toMatchObject({ decision: 'review', account_id: account!.id });
  });

  it('denies a cloud script with a throwaway mailbox and a counter handle', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    const denied = await signup('promo88231', 'promo88231@mailinator.com', CLOUD_SCRIPT);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('RISK_DENIED');
    expect(await accountByHandle('promo88231')).toBeUndefined();
    const [event] = await doorEvents();
    expect(reasonCodes(event!)).toEqual(
      expect.arrayContaining(['hosting_network', 'disposable_email', 'handle_template']),
    );
  });
});

describe('the door on login', () => {
  const login = (headers: Record<string, string>, extra = {}) =>
    post(
      '/api/auth/login',
      { login: 'willow_ok', password: 'correct horse battery staple', ...extra },
      headers,
    );

  it('allows, challenges then passes, restricts under review, and denies a storm', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    expect((await signup('willow_ok', 'willow@example.org', BROWSER)).statusCode).toBe(201);
    expect((await login(BROWSER)).statusCode).toBe(200);

    const challenged = await login(SCRIPT);
    expect(challenged.statusCode).toBe(428);
    expect((await login(SCRIPT, { proof: solved(challenged) })).statusCode).toBe(200);
    const account = await accountByHandle('willow_ok');
    expect(account!.posting_restricted_until).toBeNull();

    // from a cloud server: review — signed in, restricted, a case for staff
    expect((await login(CLOUD_SCRIPT)).statusCode).toBe(200);
    expect((await accountByHandle('willow_ok'))!.posting_restricted_until).not.toBeNull();
    expect(await riskCasesOf(account!.id)).toHaveLength(1);

    // the same address keeps trying: its velocity tips the score into a refusal
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await login(CLOUD_SCRIPT)).statusCode);
    expect(statuses.at(-1)).toBe(403);
    const decisions = (await doorEvents())
      .filter((event) => event.surface === 'login')
      .map((event) => event.decision);
    expect(decisions.slice(0, 4)).toEqual(['allow', 'challenge', 'challenge', 'review']);
    expect(decisions.at(-1)).toBe('deny');
  });
});

describe('staff read the reasons', () => {
  it('lists an account’s risk events for staff who read cases, without raw client data', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on' });
    expect((await signup('larch_ok', 'larch@example.org', CLOUD_SCRIPT)).statusCode).toBe(201);
    const moderator = await signup('rowan_k', 'rowan@example.org', BROWSER);
    await test.staff.service.addMember({ kind: 'cli' }, { handle: 'rowan_k', role: 'moderator' });
    const page = await test.client({ token: moderator.json().token }).staff.riskEvents('larch_ok');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'door', surface: 'signup', decision: 'review' });
    expect(page.items[0]!.reasons.map((reason) => reason.code)).toContain('hosting_network');
    expect(page.items[0]!.asn).toBe(14061);
    expect(JSON.stringify(page)).not.toContain('165.227.0.1');
    // not staff: refused
    const other = await signup('hazel_ok', 'hazel@example.org', BROWSER);
    const refused = await test.app.inject({
      method: 'GET',
      url: '/api/staff/accounts/larch_ok/risk-events',
      headers: { authorization: `Bearer ${other.json().token}` },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('a costume the door scored, confirmed by the account’s writing', () => {
  /** A British browser and name on a Chinese home line (China Mobile), its clock left on Shanghai. */
  const COSTUME = {
    ...BROWSER,
    'x-forwarded-for': '223.84.216.212',
    'accept-language': 'en-GB,en;q=0.9',
    'x-atrium-timezone': 'Asia/Shanghai',
  };
  const note = (token: string, body: string) =>
    test.app.inject({
      method: 'POST',
      url: '/api/notes',
      payload: { body },
      headers: { ...COSTUME, authorization: `Bearer ${token}` },
    });

  it('keeps the costume at sign-up and reviews the account once a note is written like its line', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on', ATRIUM_TRUST: 'on' });
    const first = await signup('amelia_w', 'amelia@example.org', COSTUME, {
      displayName: 'Amelia Walker',
    });
    expect(first.statusCode).toBe(428);
    const created = await signup('amelia_w', 'amelia@example.org', COSTUME, {
      displayName: 'Amelia Walker',
      proof: solved(first),
    });
    expect(created.statusCode).toBe(201);
    const [event] = await doorEvents();
    expect(reasonCodes(event!)).toContain('fake_foreigner');
    // countries only: the evidence, what was claimed, the points
    expect(event!.data).toMatchObject({ costume: { evidence: 'CN', claimed: ['GB'], points: 35 } });

    const token = created.json().token as string;
    // English alone says nothing
    expect((await note(token, 'Cuppa and cat tax, Bao says hi')).statusCode).toBe(201);
    const account = await accountByHandle('amelia_w');
    expect(account!.posting_restricted_until).toBeNull();
    // the line's own script slips in: the costume is confirmed, a review
    expect((await note(token, 'Cuppa and cat tax 家人们点点关注')).statusCode).toBe(201);
    const reviewed = await test.database.db
      .selectFrom('risk_events')
      .select(['decision', 'score', 'reasons'])
      .where('account_id', '=', account!.id)
      .where('kind', '=', 'first_action')
      .execute();
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]).toMatchObject({ decision: 'review', score: 65 });
    expect(reasonCodes(reviewed[0]!)).toEqual(['foreigner_writing']);
    expect((await accountByHandle('amelia_w'))!.posting_restricted_until).not.toBeNull();
    expect(await riskCasesOf(account!.id)).toHaveLength(1);
  });

  it('leaves a person without a costume alone whatever script they write', async () => {
    test = await buildTestApp({ ATRIUM_RISK: 'on', ATRIUM_TRUST: 'on' });
    const created = await signup('maple_cn', 'maple@example.org', BROWSER);
    expect(created.statusCode).toBe(201);
    expect((await doorEvents())[0]!.data).not.toHaveProperty('costume');
    const token = created.json().token as string;
    expect((await note(token, 'Learning Chinese: 家人们点点关注')).statusCode).toBe(201);
    const account = await accountByHandle('maple_cn');
    expect(account!.posting_restricted_until).toBeNull();
  });
});
