import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAsnTable } from '../../../apps/server/src/modules/risk/asn-table.js';
import { buildTestApp, type TestApp } from '../../../apps/server/test/helper.js';
import { replayWave } from '../src/replay.js';
import { solveProofOfWork } from '../src/replay-http.js';
import { readOutcomes, scoreOutcomes } from '../src/score.js';

// The replayer answers step-ups (the server's docs/risk.md, "Step-up") against a real server with
// risk scoring on: a script on a residential line (no device, a library's user agent) with a
// templated handle scores at the top of the challenge band, solves the proof of work and is then
// asked for a second factor — a second SMS for a phone sign-up, an e-mail code for an e-mail one.

const SCRIPT = { ua: 'python-requests/2.32.3', pow: 'solves' };
const PASSWORD = 'correct horse battery staple';
const admin = `step_lead:${PASSWORD}`;
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The staff account, signed up in a browser (risk is on: it may be asked for a proof). */
async function signUpLead() {
  const send = (proof?: { challenge: string; nonce: string }) =>
    test.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: {
        'x-forwarded-for': '73.22.200.5',
        'user-agent': CHROME,
        'accept-language': 'en-US,en;q=0.9',
        'x-atrium-device': 'device_lead_of_the_step_up_test',
        'x-atrium-timezone': 'America/Chicago',
      },
      payload: {
        email: 'step_lead@example.org',
        password: PASSWORD,
        handle: 'step_lead',
        ...(proof ? { proof } : {}),
      },
    });
  let answer = await send();
  if (answer.statusCode === 428) {
    const { challenge } = answer.json() as { challenge: { challenge: string; difficulty: number } };
    const nonce = solveProofOfWork(challenge.challenge, challenge.difficulty);
    answer = await send({ challenge: challenge.challenge, nonce });
  }
  expect(answer.statusCode).toBe(201);
  await test.staff.service.addMember({ kind: 'cli' }, { handle: 'step_lead', role: 'admin' });
}

let test: TestApp;
let base: string;
let folder: string;

beforeAll(async () => {
  await loadAsnTable();
  test = await buildTestApp({ TRUST_PROXY: '127.0.0.1', ATRIUM_RISK: 'on' });
  await signUpLead();
  base = await test.app.listen({ port: 0, host: '127.0.0.1' });
  folder = await mkdtemp(path.join(tmpdir(), 'atrium-step-up-'));
}, 180_000);
afterAll(async () => {
  await test?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const lines = async (file: string) =>
  (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');

describe('step-ups in a replayed wave', () => {
  it('confirms them as a person would, records them, and scoring counts them', async () => {
    const wave = path.join(folder, 'wave');
    await mkdir(path.join(wave, 'images'), { recursive: true });
    const events = [
      {
        t: 0,
        actor: 'g1',
        type: 'signup',
        method: 'phone',
        phone: '+12025550172',
        handle: 'sunny4322',
        ip: '73.22.1.9',
        codeMs: 4500,
        ...SCRIPT,
      },
      {
        t: 0.1,
        actor: 'b1',
        type: 'signup',
        method: 'phone',
        phone: '+14155550133',
        handle: 'sunny4323',
        ip: '73.41.8.20',
        codeMs: 4500,
        ...SCRIPT,
        stepUp: 'ignores',
      },
      {
        t: 0.2,
        actor: 'e1',
        type: 'signup',
        method: 'email',
        email: 'Sunny.Cats@example.org',
        password: 'lantern-orbit-cactus-8812',
        handle: 'sunny4324',
        ip: '73.90.3.7',
        codeMs: 4500,
        ...SCRIPT,
      },
      { t: 30, actor: 'g1', type: 'note', body: 'Hello from DC, my first note on here' },
      { t: 31, actor: 'b1', type: 'note', body: 'Hello from SF, my first note on here' },
    ];
    await writeFile(
      path.join(wave, 'events.jsonl'),
      `${events.map((event) => JSON.stringify(event)).join('\n')}\n`,
    );
    const out = path.join(folder, 'out');
    const result = await replayWave({ wave, base, admin, speed: 0, concurrency: 4, out });
    expect(result.completed).toBe(true);

    const outcomes = (await lines(path.join(out, 'outcomes.jsonl'))).map((line) =>
      JSON.parse(line),
    );
    const byActor = Object.fromEntries(outcomes.map((outcome) => [outcome.actor, outcome]));
    // the premise: the server asked each of them for a step-up after the proof of work
    const asked = await test.database.db
      .selectFrom('step_ups')
      .select(['account_id', 'channel', 'completed_at'])
      .execute();
    const stepUpOf = (actor: string) =>
      asked.find((row) => row.account_id === byActor[actor].account);
    expect(stepUpOf('g1')).toMatchObject({ channel: 'sms' });
    expect(stepUpOf('b1')).toMatchObject({ channel: 'sms', completed_at: null });
    expect(stepUpOf('e1')).toMatchObject({ channel: 'email' });

    // confirmed: restriction lifted, the second factor recorded among the challenges
    expect(stepUpOf('g1')!.completed_at).not.toBeNull();
    expect(byActor.g1).toMatchObject({
      signup: 'challenged',
      challenges: ['pow', 'sms'],
      restricted: false,
    });
    expect(byActor.g1.notes.published + byActor.g1.notes.held).toBe(1);
    expect(stepUpOf('e1')!.completed_at).not.toBeNull();
    expect(byActor.e1).toMatchObject({ challenges: ['pow', 'email'], restricted: false });
    // ignored: still restricted, and its note was refused
    expect(byActor.b1).toMatchObject({ challenges: ['pow', 'sms'], restricted: true });
    expect(byActor.b1.notes.published + byActor.b1.notes.held).toBe(0);
    expect(result.summary.latency.confirmStepUp).toBeDefined();
    expect(result.summary.status['200']).toBeGreaterThan(0);

    // a genuine newcomer who had to step up met friction beyond the invisible proof of work
    const score = await scoreOutcomes(readOutcomes(path.join(out, 'outcomes.jsonl')), {
      g1: 'genuine',
      e1: 'genuine',
      b1: 'sms_farm',
    });
    expect(score.genuineChallenged).toBe(1);
    expect(score.recall).toBe(1);
  }, 180_000);
});
