/**
 * Loopback load on the feed paths against the database `populate.ts` built: starts the server as
 * a child process on 127.0.0.1 (rate limits off), signs in a few hundred accounts by writing
 * sessions directly, runs autocannon per scenario and prints a Markdown table.
 *
 *   npx tsx bench/feed/run.ts [--duration 20] [--warmup 5] [--connections 50] [--sessions 300]
 *                             [--scenarios discover,following,note,create] [--write]
 *                             [--workers 2] [--profile dir] [--node-flags=--trace-gc]
 *
 * `--write` appends the table, the machine and the date to bench/RESULTS.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atrium_bench';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** `BENCH_SERVER_ROOT` runs another checkout's server against the same database (A/B runs). */
const BIN = path.join(process.env.BENCH_SERVER_ROOT ?? ROOT, 'apps/server/bin/atrium.mjs');
const RESULTS = path.join(ROOT, 'bench/RESULTS.md');
const BENCH_AGENT = 'atrium-bench';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    sessions: { type: 'string', default: '300' },
    scenarios: { type: 'string', default: 'discover,following,note,create' },
    write: { type: 'boolean', default: false },
    /** Server processes sharing the port (ATRIUM_WORKERS). */
    workers: { type: 'string', default: '1' },
    /** Node.js flags for the server processes (the default is what `npm start` uses). */
    'node-flags': { type: 'string', default: '--max-semi-space-size=64' },
    /** Writes a V8 CPU profile of the server to this directory (open it in Chrome DevTools). */
    profile: { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const SESSIONS = Number(args.sessions);

interface Target {
  rps: number;
  p99?: number;
}

interface Scenario {
  name: string;
  describe: string;
  method: 'GET' | 'POST';
  /** Expected success status. */
  status: number;
  target?: Target;
  request(ctx: Context): { path: string; body?: string; token: string | null };
}

interface Context {
  tokens: string[];
  noteIds: string[];
  pick<T>(items: T[]): T;
}

const TAGS = ['tiktokrefugee', 'cattax', '美食', '旅行', '東京', '서울', 'citywalk', '猫税'];
let created = 0;

const scenarios: Scenario[] = [
  {
    name: 'discover',
    describe: 'GET /api/feed/discover?limit=20 (signed in)',
    method: 'GET',
    status: 200,
    target: { rps: 1500, p99: 50 },
    request: (ctx) => ({ path: '/api/feed/discover?limit=20', token: ctx.pick(ctx.tokens) }),
  },
  {
    name: 'discover-anon',
    describe: 'GET /api/feed/discover?limit=20 (anonymous)',
    method: 'GET',
    status: 200,
    target: { rps: 1500, p99: 50 },
    request: () => ({ path: '/api/feed/discover?limit=20', token: null }),
  },
  {
    name: 'following',
    describe: 'GET /api/feed/following?limit=20',
    method: 'GET',
    status: 200,
    target: { rps: 1500, p99: 50 },
    request: (ctx) => ({ path: '/api/feed/following?limit=20', token: ctx.pick(ctx.tokens) }),
  },
  {
    name: 'note',
    describe: 'GET /api/notes/:id',
    method: 'GET',
    status: 200,
    request: (ctx) => ({
      path: `/api/notes/${ctx.pick(ctx.noteIds)}`,
      token: ctx.pick(ctx.tokens),
    }),
  },
  {
    name: 'me',
    describe: 'GET /api/me (session lookup baseline)',
    method: 'GET',
    status: 200,
    request: (ctx) => ({ path: '/api/me', token: ctx.pick(ctx.tokens) }),
  },
  {
    name: 'create',
    describe: 'POST /api/notes (text, two topics)',
    method: 'POST',
    status: 201,
    target: { rps: 800 },
    request: (ctx) => {
      created += 1;
      const tags = [ctx.pick(TAGS), ctx.pick(TAGS)];
      return {
        path: '/api/notes',
        token: ctx.pick(ctx.tokens),
        body: JSON.stringify({
          title: `Bench note ${created}`,
          body: `Load test note number ${created}, written at ${Date.now()}.\n\n#${tags[0]} #${tags[1]}`,
          lang: 'en',
        }),
      };
    },
  },
];

function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const dataDir = path.join(os.tmpdir(), 'atrium-bench-data');
  mkdirSync(dataDir, { recursive: true });
  const profile = args.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`]
    : [];
  const flags = args['node-flags'].split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, ...profile, BIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: BENCH_DATABASE_URL,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'development',
      ATRIUM_SECRET: randomBytes(32).toString('hex'),
      ATRIUM_DISABLE_RATE_LIMITS: '1',
      ATRIUM_DEMO: '0',
      ATRIUM_WORKERS: args.workers,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  if (process.env.BENCH_SERVER_LOG) {
    child.stdout?.on('data', (chunk) => appendFileSync(process.env.BENCH_SERVER_LOG!, chunk));
  }
  child.stderr?.on('data', (chunk) => {
    err += chunk;
    process.stderr.write(chunk);
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/api\/openapi\.json/.exec(out);
      if (match) resolve({ child, base: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

/** Bearer sessions written directly: the table keeps only the SHA-256 of each token. */
async function createSessions(pool: pg.Pool, count: number): Promise<string[]> {
  await pool.query('DELETE FROM sessions WHERE user_agent = $1', [BENCH_AGENT]);
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM accounts ORDER BY hashtext(id::text) LIMIT $1',
    [count],
  );
  const tokens = rows.map(() => `atr_${randomBytes(32).toString('base64url')}`);
  await pool.query(
    `INSERT INTO sessions (id, account_id, token_hash, user_agent, expires_at)
     SELECT gen_random_uuid(), u.account_id, u.token_hash, $3, now() + interval '1 day'
     FROM unnest($1::uuid[], $2::bytea[]) AS u(account_id, token_hash)`,
    [
      rows.map((row) => row.id),
      tokens.map((token) => createHash('sha256').update(token).digest()),
      BENCH_AGENT,
    ],
  );
  return tokens;
}

function toRequest(scenario: Scenario, ctx: Context) {
  const next = scenario.request(ctx);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (next.token) headers.authorization = `Bearer ${next.token}`;
  if (next.body !== undefined) headers['content-type'] = 'application/json';
  return {
    method: scenario.method,
    path: next.path,
    headers,
    ...(next.body !== undefined ? { body: next.body } : {}),
  };
}

/** One request before the load: the route must answer as expected, or there is nothing to measure. */
async function preflight(base: string, scenario: Scenario, ctx: Context): Promise<string | null> {
  const request = toRequest(scenario, ctx);
  const response = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  if (response.status === scenario.status) return null;
  const text = (await response.text()).slice(0, 300);
  return `${scenario.method} ${request.path.split('?')[0]} answered ${response.status}: ${text}`;
}

function load(base: string, scenario: Scenario, ctx: Context, seconds: number) {
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: scenario.method,
        path: '/',
        setupRequest: (request) => ({ ...request, ...toRequest(scenario, ctx) }),
      },
    ],
  });
}

/**
 * CPU time (ms) the server process has used so far, from /proc (Linux only; 0 elsewhere). Per
 * request it moves less than req/s when other work shares the machine, so before/after
 * comparisons read it next to the throughput. (PostgreSQL's share cannot be read the same way:
 * its backends come and go.)
 */
function serverCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

interface Row {
  scenario: Scenario;
  /** The server process's CPU ms per 1,000 requests. */
  serverCpu: number;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

function verdict(row: Row): string {
  const target = row.scenario.target;
  if (!target) return '—';
  const failures = row.non2xx + row.errors > row.total * 0.001;
  const met = row.rps >= target.rps && (target.p99 === undefined || row.p99 < target.p99);
  return met && !failures ? 'yes' : 'no';
}

/** A Markdown table padded the way the repository's formatter writes them. */
export function markdownTable(header: string[], body: string[][]): string {
  const widths = header.map((cell, i) =>
    Math.max(3, cell.length, ...body.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function table(rows: Row[]): string {
  return markdownTable(
    [
      'Scenario',
      'Req/s',
      'p50 ms',
      'p99 ms',
      'Requests',
      'Non-2xx',
      'Errors',
      'Server CPU ms / 1k req',
      'Target',
      'Met',
    ],
    rows.map((row) => {
      const target = row.scenario.target;
      return [
        row.scenario.describe,
        row.rps.toFixed(0),
        String(row.p50),
        String(row.p99),
        String(row.total),
        String(row.non2xx),
        String(row.errors),
        row.serverCpu.toFixed(0),
        target ? `≥ ${target.rps} req/s${target.p99 ? `, p99 < ${target.p99} ms` : ''}` : '—',
        verdict(row),
      ];
    }),
  );
}

async function describeMachine(pool: pg.Pool): Promise<string[]> {
  const cpus = os.cpus();
  const { rows } = await pool.query<{ version: string }>(
    "SELECT current_setting('server_version') AS version",
  );
  const counts = await pool.query<{ accounts: string; notes: string; follows: string }>(
    `SELECT (SELECT count(*) FROM accounts) accounts, (SELECT count(*) FROM notes) notes,
            (SELECT count(*) FROM follows) follows`,
  );
  const data = counts.rows[0]!;
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Software: Node ${process.version}, PostgreSQL ${rows[0]?.version ?? '?'} on the same machine; server and load generator on loopback`,
    `- Data: ${data.accounts} accounts, ${data.notes} notes, ${data.follows} follows before the run (bench/feed/populate.ts)`,
    `- Server: ${args.workers} process${args.workers === '1' ? '' : 'es'} (ATRIUM_WORKERS), \`node ${args['node-flags']}\`, rate limits off`,
    `- Load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario after ${WARMUP} s warm-up, ${SESSIONS} signed-in accounts; VACUUM ANALYZE (autovacuum's work) and CHECKPOINT before each scenario`,
  ];
}

async function main() {
  const chosen = args.scenarios.split(',').map((name) => {
    const scenario = scenarios.find((s) => s.name === name.trim());
    if (!scenario)
      throw new Error(`unknown scenario ${name}; known: ${scenarios.map((s) => s.name)}`);
    return scenario;
  });
  const pool = new pg.Pool({ connectionString: BENCH_DATABASE_URL, max: 2 });
  let server: { child: ChildProcess; base: string } | null = null;
  try {
    const tokens = await createSessions(pool, SESSIONS);
    if (tokens.length === 0) throw new Error('no accounts: run bench/feed/populate.ts first');
    const { rows: notes } = await pool.query<{ id: string }>(
      `SELECT id FROM notes WHERE status = 'published' ORDER BY hashtext(id::text) LIMIT 5000`,
    );
    let state = 0x9e3779b9;
    const ctx: Context = {
      tokens,
      noteIds: notes.map((row) => row.id),
      pick(items) {
        state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
        return items[state % items.length]!;
      },
    };
    server = await startServer();
    process.stdout.write(`server on ${server.base}\n`);
    for (const scenario of chosen) {
      const problem = await preflight(server.base, scenario, ctx);
      if (problem) throw new Error(`cannot run "${scenario.name}": ${problem}`);
    }
    // described before the load: the create scenario adds notes
    const machine = await describeMachine(pool);
    const rows: Row[] = [];
    for (const scenario of chosen) {
      // What autovacuum would have done by now (it is off on the reference machine's server):
      // earlier scenarios' writes must not leave dead rows that defeat index-only scans. Then a
      // checkpoint, so the pages the data load, the vacuum and the earlier scenarios dirtied are
      // written now rather than by a checkpoint in the middle of this scenario's load.
      await pool.query('VACUUM ANALYZE');
      await pool.query('CHECKPOINT');
      process.stdout.write(`${scenario.name}: warm-up ${WARMUP} s, then ${DURATION} s…\n`);
      if (WARMUP > 0) await load(server.base, scenario, ctx, WARMUP);
      const cpuBefore = serverCpuMs(server.child.pid);
      const result = await load(server.base, scenario, ctx, DURATION);
      const cpuUsed = serverCpuMs(server.child.pid) - cpuBefore;
      rows.push({
        scenario,
        serverCpu: cpuUsed / (Math.max(1, result.requests.total) / 1000),
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        total: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      });
    }
    const report = [...machine, '', table(rows), ''].join('\n');
    process.stdout.write(`\n${report}\n`);
    if (args.write) {
      appendFileSync(
        RESULTS,
        `\n### Feed run ${new Date().toISOString().slice(0, 10)}\n\n${report}`,
      );
      process.stdout.write(`appended to ${path.relative(ROOT, RESULTS)}\n`);
    }
  } finally {
    if (server) await stopServer(server.child);
    await pool.query('DELETE FROM sessions WHERE user_agent = $1', [BENCH_AGENT]).catch(() => {});
    await pool.end();
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
