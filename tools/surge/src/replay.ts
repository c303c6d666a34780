import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type ActorState, type ActorWorld, newActor, runEvent } from './replay-actor.js';
import { createRequester } from './replay-http.js';
import { type Staff, signInStaff, writeOutcomes } from './replay-outcomes.js';
import { ReplayStats } from './replay-stats.js';
import { parseEventLine } from './wave-format.js';

// Replays a wave through the public API (docs/surge.md): each event at t / speed, as its actor's
// client, each actor's events in order, at most `concurrency` requests' worth of events at once.
// Progress goes to a journal in --out (accounts, note and comment ids, and the line up to which
// every event is done, and each line done after it), so a stopped replay resumes where it stopped
// without sending any event twice.

export interface ReplayOptions {
  wave: string;
  base: string;
  admin: string;
  /** Wave seconds per wall second; 0 = as fast as the server answers. */
  speed: number;
  concurrency: number;
  out?: string;
  /** Ignore an existing checkpoint and start over. */
  restart?: boolean;
  /** Tells about progress and bad lines. */
  log?: (line: string) => void;
  /** Stops dispatching when aborted; the checkpoint lets a later run resume. */
  signal?: AbortSignal;
  /** Told of each event as it is dispatched (progress). */
  onEvent?: (line: number) => void;
}

export interface ReplayResult {
  summary: ReturnType<ReplayStats['summary']>;
  outcomes: number;
  completed: boolean;
}

const JOURNAL = 'replay-journal.jsonl';

interface Resume {
  /** Every line up to this one is done. */
  done: number;
  /** Lines after `done` that are done too. */
  alsoDone: Set<number>;
}

async function readJournal(file: string, actors: Map<string, ActorState>): Promise<Resume> {
  let done = 0;
  let alsoDone: number[] = [];
  if (!existsSync(file)) return { done, alsoDone: new Set() };
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (!line) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line cut short when the replay was killed
    }
    if (typeof entry.done === 'number') {
      done = Math.max(done, entry.done);
      alsoDone = alsoDone.filter((line) => line > done);
    }
    if (typeof entry.line === 'number' && entry.line > done) alsoDone.push(entry.line);
    if (typeof entry.actor !== 'string') continue;
    let actor = actors.get(entry.actor);
    if (!actor) {
      actor = newActor();
      actors.set(entry.actor, actor);
    }
    if (typeof entry.account === 'string') {
      actor.account = entry.account;
      actor.handle = entry.handle as string;
      actor.token = entry.token as string;
    }
    if (typeof entry.signup === 'string') {
      actor.signup = entry.signup as ActorState['signup'];
      actor.challenges = entry.challenges as string[];
    }
    if (typeof entry.note === 'number') actor.notes[entry.note] = entry.id as string | null;
    if (typeof entry.comment === 'number')
      actor.comments[entry.comment] = entry.id as string | null;
    if (typeof entry.rejected === 'number') actor.rejected = entry.rejected;
  }
  return { done, alsoDone: new Set(alsoDone) };
}

export async function replayWave(options: ReplayOptions): Promise<ReplayResult> {
  const log = options.log ?? (() => {});
  const out = options.out ?? options.wave;
  await mkdir(out, { recursive: true });
  const journalFile = path.join(out, JOURNAL);
  if (options.restart) await rm(journalFile, { force: true });
  const stats = new ReplayStats();
  const http = createRequester(options.base, stats);
  // the staff session first: a wrong --admin should fail before the wave, not after it
  const staff: Staff = await signInStaff(http, options.admin);
  const actors = new Map<string, ActorState>();
  const resume = await readJournal(journalFile, actors);
  const resumeAfter = resume.done;
  if (resumeAfter > 0) log(`resuming after line ${resumeAfter} (${actors.size} actors known)`);
  const journalStream = createWriteStream(journalFile, { flags: 'a' });
  let running = 0;
  const waiters: (() => void)[] = [];
  const acquire = async () => {
    while (running >= options.concurrency)
      await new Promise<void>((resolve) => waiters.push(resolve));
    running += 1;
  };
  const release = () => {
    running -= 1;
    waiters.shift()?.();
  };
  const world: ActorWorld = {
    http,
    stats,
    actors,
    wave: options.wave,
    speed: options.speed,
    journal: (entry) => journalStream.write(`${JSON.stringify(entry)}\n`),
    idle: async (ms) => {
      release();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await acquire();
    },
  };

  const started = Date.now();
  let clockOrigin: number | null = null; // wall time of wave time 0 (set at the first event)
  const chains = new Map<string, Promise<void>>();
  const pendingLimit = Math.max(options.concurrency * 4, 20_000);
  const inFlight = new Set<number>();
  let maxDispatched = resumeAfter;
  const watermark = () => (inFlight.size ? Math.min(...inFlight) - 1 : maxDispatched);
  let lastMark = resumeAfter;
  const checkpoint = setInterval(() => {
    const mark = watermark();
    if (mark > lastMark) {
      lastMark = mark;
      world.journal({ done: mark });
    }
  }, 1000);

  const lines = createInterface({
    input: createReadStream(path.join(options.wave, 'events.jsonl')),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  let stopped = false;
  for await (const line of lines) {
    lineNumber += 1;
    if (options.signal?.aborted) {
      stopped = true;
      break;
    }
    if (lineNumber <= resumeAfter || resume.alsoDone.has(lineNumber) || line.trim() === '') {
      continue;
    }
    const parsed = parseEventLine(line);
    if (parsed.kind === 'malformed') {
      stats.malformed += 1;
      log(`line ${lineNumber}: malformed (${parsed.reason}), skipped`);
      continue;
    }
    if (parsed.kind === 'unknown') {
      stats.unknown += 1;
      continue;
    }
    const event = parsed.event;
    if (options.speed > 0) {
      clockOrigin ??= Date.now() - (event.t * 1000) / options.speed;
      const due = clockOrigin + (event.t * 1000) / options.speed;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    // backpressure when the server falls behind the wave: a bounded number of events waiting
    // (people typing codes count, so a real-time wave of many sign-ups a second fits)
    while (inFlight.size >= pendingLimit) await Promise.race(chains.values());
    stats.countEvent(event.type);
    const number = lineNumber;
    options.onEvent?.(number);
    inFlight.add(number);
    maxDispatched = number;
    const previous = chains.get(event.actor) ?? Promise.resolve();
    const next = previous
      .then(acquire)
      .then(() => runEvent(world, event))
      .then(() => world.journal({ line: number }))
      .catch((error: unknown) => log(`line ${number}: ${String(error)}`))
      .finally(() => {
        release();
        inFlight.delete(number);
        if (chains.get(event.actor) === next) chains.delete(event.actor);
      });
    chains.set(event.actor, next);
  }
  await Promise.all(chains.values());
  clearInterval(checkpoint);
  const mark = watermark();
  if (mark > lastMark) world.journal({ done: mark });
  journalStream.end();
  await once(journalStream, 'finish');
  if (stopped) {
    log(`stopped at line ${lineNumber}: run the same command again to resume`);
    return { summary: stats.summary((Date.now() - started) / 1000), outcomes: 0, completed: false };
  }

  log('all events sent: settling');
  await staff.settle();
  const outcomes = await writeOutcomes(out, actors, staff);
  const summary = stats.summary((Date.now() - started) / 1000);
  await writeFile(path.join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return { summary, outcomes, completed: true };
}

export async function readLabels(file: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
}
