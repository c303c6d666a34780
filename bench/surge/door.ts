/**
 * The door benchmark: phone sign-ups alone (code request, then the code typed in) through the
 * real HTTP API of one server process on PostgreSQL, with risk scoring on, as fast as the
 * server takes them. Reports the server's CPU time per completed sign-up (read from the server
 * process itself, so the figure holds on a loaded machine), sign-ups per second, p50/p99 per
 * request and the answers by status.
 *
 *   npm run atrium -- surge generate --out WAVE --actors 30000 --seed door-1
 *   node --import tsx bench/surge/door.ts --wave WAVE [--signups 20000] [--connections 32]
 *     [--code-delay 4500] [--profile DIR] [--floor | --floor-minimal]
 *
 * The clients are the wave's genuine phone sign-ups (labels.json), each with its own number,
 * address, device, time zone and language. What the load generator skips, so that it does not
 * set the pace on a small machine:
 * - no development outbox: the code is derived from the verification id under the server secret
 *   (`codeOf`), which the bench sets, as a test SMS gateway would receive it;
 * - no proof-of-work solving: surge mode is held off (`ATRIUM_SURGE_FLOOR` far above any rate),
 *   and a sign-up the door challenges anyway is counted as `challenged`, not completed;
 * - the code is typed `--code-delay` ms after the start answered (4.5 s by default: over the
 *   door's fast-entry threshold of 4 s), without holding a connection.
 *
 * `--floor` measures instead what the bare minimum of writes per sign-up costs with pg alone
 * (one verification row; then, in one transaction, the account, the session, two risk events
 * and the spent code), at the same concurrency: a lower bound on any server's per-sign-up cost;
 * `--floor-minimal` the same rows in two statements (one per step), the least there can be.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'apps/server/bin/atrium.mjs');

const { values: args } = parseArgs({
  options: {
    wave: { type: 'string' },
    signups: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '32' },
    'code-delay': { type: 'string', default: '4500' },
    database: {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atrium_door',
    },
    profile: { type: 'string' },
    floor: { type: 'boolean', default: false },
    'floor-minimal': { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
  },
});

const SIGNUPS = Number(args.signups);
const CONNECTIONS = Number(args.connections);
const CODE_DELAY = Number(args['code-delay']);
const SECRET = randomBytes(32).toString('hex');

interface Client {
  phone: string;
  handle: string;
  displayName: string;
  headers: Record<string, string>;
}

async function readClients(wave: string, limit: number): Promise<Client[]> {
  const labels = JSON.parse(readFileSync(path.join(wave, 'labels.json'), 'utf8')) as Record<
    string,
    string
  >;
  const clients: Client[] = [];
  const lines = createInterface({ input: createReadStream(path.join(wave, 'events.jsonl')) });
  for await (const line of lines) {
    if (clients.length >= limit) break;
    if (!line.includes('"signup"') || !line.includes('"phone"')) continue;
    const event = JSON.parse(line);
    if (event.type !== 'signup' || event.method !== 'phone') continue;
    if (labels[event.actor] !== 'genuine' && labels[event.actor] !== 'longtime') continue;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-forwarded-for': event.ip,
      'user-agent': event.ua ?? '',
    };
    if (event.acceptLanguage) headers['accept-language'] = event.acceptLanguage;
    if (event.device) headers['x-atrium-device'] = event.device;
    if (event.tz) headers['x-atrium-timezone'] = event.tz;
    clients.push({
      phone: event.phone,
      handle: event.handle,
      displayName: event.displayName,
      headers,
    });
  }
  lines.close();
  return clients;
}

/** The code of a verification, as the server derives it (`phone-codes.ts`, `codeOf`). */
function codeOf(verificationId: string): string {
  const digest = createHmac('sha256', SECRET).update(`otp-code:${verificationId}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** CPU ms a process has used so far (utime + stime from /proc; Linux). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU ms of the PostgreSQL backends serving `database` plus the WAL writer and checkpointer. */
async function postgresCpu(admin: pg.Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
     WHERE datname = $1 OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
    [database],
  );
  return new Map(rows.map((row) => [row.pid, cpuMs(row.pid)]));
}

function sumSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function freshDatabase(url: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/pg-admin.mjs'), 'create', url], {
    stdio: 'inherit',
  });
}

function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const profile = args.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`]
    : [];
  const child = spawn(process.execPath, ['--max-semi-space-size=64', ...profile, BIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'development',
      ATRIUM_SECRET: SECRET,
      ATRIUM_DEMO: '0',
      TRUST_PROXY: '127.0.0.1',
      // surge mode off: no rate of this bench reaches the floor of the automatic rule
      ATRIUM_SURGE_FLOOR: '1000000000',
      LOG_LEVEL: args['log-level'],
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      // the request log is written and read (drained) as a log shipper would
      if (out.length < 1_000_000) out += chunk;
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/api\/openapi\.json/.exec(out);
      if (match) {
        out = ' '.repeat(1_000_000);
        resolve({ child, base: match[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function post(
  agent: http.Agent,
  base: URL,
  route: string,
  headers: Record<string, string>,
  body: string,
) {
  return new Promise<Answer>((resolve) => {
    const started = performance.now();
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: route,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    request.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - started }));
    request.end(body);
  });
}

async function runDoor(
  clients: Client[],
  base: string,
  serverPid: number,
  admin: pg.Client,
  database: string,
) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const status: Record<string, number> = {};
  const latency = { start: [] as number[], verify: [] as number[] };
  const outcome = { completed: 0, challenged: 0, denied: 0, failed: 0 };
  const reasons: Record<string, number> = {};
  // verifications waiting for their code to be typed: [due, client, verificationId]
  const due: [number, Client, string][] = [];
  let next = 0;
  let inFlight = 0;
  let firstSent = 0;
  let lastDone = 0;
  const startsDoneAt: number[] = [];
  const verifiesDoneAt: number[] = [];

  const count = (answer: Answer) => {
    status[answer.status] = (status[answer.status] ?? 0) + 1;
  };
  const refusal = (answer: Answer) => {
    if (answer.status === 428) outcome.challenged += 1;
    else if (answer.status === 403 || answer.status === 429) outcome.denied += 1;
    else outcome.failed += 1;
    try {
      const parsed = JSON.parse(answer.body);
      const code = parsed?.code ?? parsed?.error?.code ?? String(answer.status);
      reasons[code] = (reasons[code] ?? 0) + 1;
    } catch {
      reasons[answer.status] = (reasons[answer.status] ?? 0) + 1;
    }
  };

  async function start(client: Client) {
    const answer = await post(
      agent,
      url,
      '/api/auth/phone/start',
      client.headers,
      JSON.stringify({ phone: client.phone }),
    );
    count(answer);
    latency.start.push(answer.ms);
    startsDoneAt.push(performance.now());
    if (answer.status !== 202) return refusal(answer);
    const { verificationId } = JSON.parse(answer.body) as { verificationId: string };
    due.push([performance.now() + CODE_DELAY, client, verificationId]);
  }

  async function verify(client: Client, verificationId: string) {
    const body = JSON.stringify({
      verificationId,
      code: codeOf(verificationId),
      handle: client.handle,
      displayName: client.displayName,
    });
    const answer = await post(agent, url, '/api/auth/phone/verify', client.headers, body);
    count(answer);
    latency.verify.push(answer.ms);
    const done = performance.now();
    if (answer.status === 200 || answer.status === 201) {
      outcome.completed += 1;
      verifiesDoneAt.push(done);
      lastDone = done;
    } else refusal(answer);
  }

  const cpuBefore = cpuMs(serverPid);
  const pgBefore = await postgresCpu(admin, database);
  const load = loadAverage();
  firstSent = performance.now();
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (inFlight < CONNECTIONS) {
        const now = performance.now();
        let job: Promise<void> | null = null;
        if (due.length > 0 && due[0]![0] <= now) {
          const [, client, id] = due.shift()!;
          job = verify(client, id);
        } else if (next < clients.length) {
          job = start(clients[next++]!);
        } else break;
        inFlight += 1;
        job.then(() => {
          inFlight -= 1;
          pump();
        });
      }
      if (inFlight === 0 && next >= clients.length && due.length === 0) return resolve();
      if (inFlight < CONNECTIONS && due.length > 0) {
        setTimeout(pump, Math.max(1, due[0]![0] - performance.now()));
      }
    };
    pump();
  });
  const cpu = cpuMs(serverPid) - cpuBefore;
  const pgCpu = sumSince(pgBefore, await postgresCpu(admin, database));
  agent.destroy();

  // sustained rate: completed verifies per second between the first and the last start answered
  const windowStart = startsDoneAt[0]! + CODE_DELAY;
  const windowEnd = startsDoneAt[startsDoneAt.length - 1]!;
  const inWindow = verifiesDoneAt.filter((t) => t >= windowStart && t <= windowEnd).length;
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
  const starts = sorted(latency.start);
  const verifies = sorted(latency.verify);
  const all = sorted([...latency.start, ...latency.verify]);
  const fivexx = Object.entries(status)
    .filter(([code]) => code.startsWith('5'))
    .reduce((total, [, n]) => total + n, 0);
  return {
    loadAtStart: load,
    loadAtEnd: loadAverage(),
    clients: clients.length,
    ...outcome,
    refusals: reasons,
    status,
    fivexx,
    wallSeconds: (lastDone - firstSent) / 1000,
    signupsPerSecond: outcome.completed / ((lastDone - firstSent) / 1000),
    sustainedPerSecond:
      windowEnd > windowStart ? inWindow / ((windowEnd - windowStart) / 1000) : null,
    serverCpuMsPerSignup: cpu / Math.max(1, outcome.completed),
    postgresCpuMsPerSignup: pgCpu / Math.max(1, outcome.completed),
    latencyMs: {
      phoneStart: { p50: percentile(starts, 50), p99: percentile(starts, 99) },
      phoneVerify: { p50: percentile(verifies, 50), p99: percentile(verifies, 99) },
      all: { p50: percentile(all, 50), p99: percentile(all, 99) },
    },
  };
}

/** The bare minimum writes of one phone sign-up, with pg alone (no server, no HTTP). */
async function runFloor(clients: Client[], url: string, admin: pg.Client, database: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const hash = (value: string) => createHash('sha256').update(value).digest();
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const pgBefore = await postgresCpu(admin, database);
  const started = performance.now();
  const one = async (client: Client, i: number) => {
    const verificationId = crypto.randomUUID();
    await pool.query({
      name: 'floor-verification',
      text: `INSERT INTO phone_verifications (id, phone_e164, code_hash, expires_at, client_key)
             VALUES ($1, $2, $3, now() + interval '10 minutes', $4)`,
      values: [verificationId, client.phone, hash(verificationId), `k${i}`],
    });
    await pool.query({
      name: 'floor-event',
      text: `INSERT INTO risk_events (id, kind, surface, decision, score, reasons, data)
             VALUES ($1, 'door', 'phone_start', 'allow', 0, '[]', '{}')`,
      values: [crypto.randomUUID()],
    });
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      const accountId = crypto.randomUUID();
      await tx.query({
        name: 'floor-lock',
        text: 'SELECT id FROM phone_verifications WHERE id = $1 FOR UPDATE',
        values: [verificationId],
      });
      await tx.query({
        name: 'floor-account',
        text: `INSERT INTO accounts (id, handle, display_name, phone_e164) VALUES ($1, $2, $3, $4)`,
        values: [accountId, `${client.handle}_${i}`.slice(0, 30), client.displayName, client.phone],
      });
      await tx.query({
        name: 'floor-consume',
        text: 'UPDATE phone_verifications SET consumed_at = now() WHERE id = $1',
        values: [verificationId],
      });
      await tx.query({
        name: 'floor-event-account',
        text: `INSERT INTO risk_events (id, account_id, kind, surface, decision, score, reasons, data)
               VALUES ($1, $2, 'door', 'phone_verify', 'allow', 0, '[]', '{}')`,
        values: [crypto.randomUUID(), accountId],
      });
      await tx.query({
        name: 'floor-session',
        text: `INSERT INTO sessions (id, account_id, token_hash, expires_at)
               VALUES ($1, $2, $3, now() + interval '30 days')`,
        values: [crypto.randomUUID(), accountId, hash(`t${i}`)],
      });
      await tx.query('COMMIT');
    } catch (error) {
      await tx.query('ROLLBACK');
      throw error;
    } finally {
      tx.release();
    }
  };
  // the least a sign-up can be: one statement per step (the code row; then the spent code,
  // the account, its session and both risk events in one statement, one implicit commit)
  const minimal = async (client: Client, i: number) => {
    const verificationId = crypto.randomUUID();
    await pool.query({
      name: 'floor-min-verification',
      text: `INSERT INTO phone_verifications (id, phone_e164, code_hash, expires_at, client_key)
             VALUES ($1, $2, $3, now() + interval '10 minutes', $4)`,
      values: [verificationId, client.phone, hash(verificationId), `k${i}`],
    });
    await pool.query({
      name: 'floor-min-signup',
      text: `WITH spent AS (
               UPDATE phone_verifications SET consumed_at = now()
               WHERE id = $1 AND consumed_at IS NULL RETURNING phone_e164
             ), account AS (
               INSERT INTO accounts (id, handle, display_name, phone_e164)
               SELECT $2::uuid, $3, $4, phone_e164 FROM spent RETURNING id
             ), session AS (
               INSERT INTO sessions (id, account_id, token_hash, expires_at)
               SELECT $5::uuid, id, $6, now() + interval '30 days' FROM account
             )
             INSERT INTO risk_events (id, account_id, kind, surface, decision, score, reasons, data)
             SELECT $7::uuid, NULL::uuid, 'door', 'phone_start', 'allow', 0, '[]'::jsonb, '{}'::jsonb
             UNION ALL SELECT $8::uuid, id, 'door', 'phone_verify', 'allow', 0, '[]'::jsonb, '{}'::jsonb FROM account`,
      values: [
        verificationId,
        crypto.randomUUID(),
        `${client.handle}_${i}`.slice(0, 30),
        client.displayName,
        crypto.randomUUID(),
        hash(`t${i}`),
        crypto.randomUUID(),
        crypto.randomUUID(),
      ],
    });
  };
  const step = args['floor-minimal'] ? minimal : one;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < clients.length) {
        const i = next++;
        await step(clients[i]!, i);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const pgCpu = sumSince(pgBefore, await postgresCpu(admin, database));
  await pool.end();
  return {
    variant: args['floor-minimal'] ? 'two statements per sign-up' : 'nine round trips per sign-up',
    signups: clients.length,
    signupsPerSecond: clients.length / seconds,
    clientCpuMsPerSignup: (cpu.user + cpu.system) / 1000 / clients.length,
    postgresCpuMsPerSignup: pgCpu / clients.length,
    loadAtEnd: loadAverage(),
  };
}

async function main() {
  if (!args.wave) throw new Error('--wave DIR is required (atrium surge generate)');
  const clients = await readClients(args.wave, SIGNUPS);
  const database = new URL(args.database).pathname.slice(1);
  freshDatabase(args.database);
  const adminUrl = new URL(args.database);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const { child, base } = await startServer(args.database);
  try {
    if (args.floor || args['floor-minimal']) {
      await stopServer(child); // the server only migrated the fresh database
      console.log(JSON.stringify(await runFloor(clients, args.database, admin, database), null, 2));
      return;
    }
    // warm-up: the first sign-ups compile the hot paths and fill the ASN table
    const warm = clients.splice(0, Math.min(500, Math.floor(clients.length / 10)));
    await runDoor(warm, base, child.pid!, admin, database);
    const result = await runDoor(clients, base, child.pid!, admin, database);
    console.log(
      JSON.stringify({ connections: CONNECTIONS, codeDelayMs: CODE_DELAY, ...result }, null, 2),
    );
  } finally {
    await stopServer(child);
    await admin.end();
  }
}

await main();
