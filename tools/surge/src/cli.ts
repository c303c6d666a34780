import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAsnTable } from '../../../apps/server/src/modules/risk/asn-table.js';
import { isHostingNetwork } from '../../../apps/server/src/modules/risk/hosting-asns.js';
import { generateWave, parseMix } from './generate.js';
import { loadIpPool } from './ip-pool.js';
import { replayWave } from './replay.js';
import { createRequester } from './replay-http.js';
import { signInStaff } from './replay-outcomes.js';
import { ReplayStats } from './replay-stats.js';
import { formatScore, readOutcomes, scoreOutcomes } from './score.js';

export const SURGE_USAGE = `Usage: atrium surge <command> [options]   (docs/surge.md)

  generate --out DIR [--actors N] [--seed TEXT] [--mix genuine=0.8,sms_farm=0.05,…]
           [--duration SECONDS] [--images N] [--data-dir DIR]
      write a wave (events.jsonl, images/, labels.json) with labelled cohorts
  replay WAVE --base URL --admin LOGIN:PASSWORD [--speed N] [--concurrency N] [--out DIR]
              [--restart]
      send the wave through the API, settle, write outcomes.jsonl and summary.json
      (--speed 0: as fast as the server answers; a stopped replay resumes from --out)
  settle --base URL --admin LOGIN:PASSWORD
      run every periodic detection job once
  score OUTCOMES --labels FILE [--summary FILE]
      precision and recall per cohort, friction for genuine cohorts, throughput`;

export interface SurgeIo {
  out(line: string): void;
  err(line: string): void;
}

function positiveNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`--${name} must be a number ≥ 0`);
  return value;
}

class UsageError extends Error {}

/** `atrium surge …`; returns the exit code. */
export async function runSurgeCommand(args: string[], io: SurgeIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'generate':
        return await generate(rest, io);
      case 'replay':
        return await replay(rest, io);
      case 'settle':
        return await settle(rest, io);
      case 'score':
        return await score(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.out(SURGE_USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown surge command "${command}"`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`atrium surge: ${(error as Error).message}\n\n${SURGE_USAGE}`);
      return 2;
    }
    io.err(`atrium surge ${command}: ${(error as Error).message}`);
    return 1;
  }
}

async function generate(args: string[], io: SurgeIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      actors: { type: 'string' },
      seed: { type: 'string' },
      mix: { type: 'string' },
      duration: { type: 'string' },
      images: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (!values.out) throw new UsageError('generate needs --out DIR');
  const actors = Math.floor(positiveNumber(values.actors, 'actors', 1000));
  if (actors < 1) throw new UsageError('--actors must be at least 1');
  const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
  const started = performance.now();
  // residential addresses avoid the networks the server calls hosting (its ASN data and list)
  const asns = await loadAsnTable();
  const pool = await loadIpPool({
    cacheFile: path.join(dataDir, 'cache', 'ip-ranges.bin'),
    isHosting: (address) => {
      const info = asns.lookup(address);
      return info !== null && isHostingNetwork(info.asn, info.organization);
    },
  });
  const result = await generateWave({
    out: values.out,
    actors,
    seed: values.seed ?? 'atrium',
    ...(values.mix ? { mix: parseMix(values.mix) } : {}),
    ...(values.duration ? { duration: positiveNumber(values.duration, 'duration', 600) } : {}),
    ...(values.images ? { images: Math.floor(positiveNumber(values.images, 'images', 64)) } : {}),
    pool,
  });
  io.out(
    `Wrote ${result.events} events for ${result.actors} actors over ${Math.round(result.duration)} s of wave time to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  io.out(
    Object.entries(result.byCohort)
      .map(([cohort, count]) => `  ${cohort}: ${count}`)
      .join('\n'),
  );
  return 0;
}

function serverOptions(values: { base?: string; admin?: string }) {
  if (!values.base) throw new UsageError('--base URL is required');
  if (!values.admin) throw new UsageError('--admin LOGIN:PASSWORD is required');
  return { base: values.base, admin: values.admin };
}

async function replay(args: string[], io: SurgeIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      admin: { type: 'string' },
      speed: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
      restart: { type: 'boolean' },
    },
  });
  const wave = positionals[0];
  if (!wave) throw new UsageError('replay needs the wave folder');
  const { base, admin } = serverOptions(values);
  const controller = new AbortController();
  const stop = () => {
    io.err('stopping: finishing the events in flight (Ctrl-C again to quit at once)');
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  try {
    const result = await replayWave({
      wave,
      base,
      admin,
      speed: positiveNumber(values.speed, 'speed', 1),
      concurrency: Math.max(1, Math.floor(positiveNumber(values.concurrency, 'concurrency', 64))),
      ...(values.out ? { out: values.out } : {}),
      restart: values.restart ?? false,
      log: (line) => io.err(line),
      signal: controller.signal,
    });
    if (!result.completed) return 130;
    io.out(`${result.outcomes} outcomes written; summary:`);
    io.out(JSON.stringify(result.summary, null, 2));
    return 0;
  } finally {
    process.off('SIGINT', stop);
  }
}

async function settle(args: string[], io: SurgeIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { base: { type: 'string' }, admin: { type: 'string' } },
  });
  const { base, admin } = serverOptions(values);
  const staff = await signInStaff(createRequester(base, new ReplayStats()), admin);
  const settled = (await staff.settle()) as { jobs: { name: string; ok: boolean; ms: number }[] };
  for (const job of settled.jobs)
    io.out(`${job.ok ? 'ok    ' : 'FAILED'} ${job.name} (${job.ms} ms)`);
  return settled.jobs.every((job) => job.ok) ? 0 : 1;
}

async function score(args: string[], io: SurgeIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { labels: { type: 'string' }, summary: { type: 'string' } },
  });
  const outcomes = positionals[0];
  if (!outcomes || !values.labels) throw new UsageError('score needs OUTCOMES and --labels FILE');
  const labels = JSON.parse(await readFile(values.labels, 'utf8')) as Record<string, string>;
  const summaryFile = values.summary ?? path.join(path.dirname(outcomes), 'summary.json');
  const summary = await readFile(summaryFile, 'utf8')
    .then((text) => JSON.parse(text))
    .catch(() => undefined);
  io.out(formatScore(await scoreOutcomes(readOutcomes(outcomes), labels), summary));
  return 0;
}
