import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Cohort, cohortNames, cohorts, defaultMix, groupSizes } from './cohorts.js';
import { writeWaveImages } from './images.js';
import type { IpPool } from './ip-pool.js';
import type { CohortContext, Member } from './people.js';
import { createRandom, hashText } from './rng.js';
import type { WaveEvent } from './wave-format.js';

// Generates a wave folder (events.jsonl, images/, labels.json) as a stream: actors arrive as a
// Poisson process (the cohort of each arrival by stride scheduling), each arrival writes its whole future into a min-heap keyed by time, and
// events leave the heap once the arrivals have passed them. Memory holds only the events still
// ahead of the clock (a bounded horizon: minutes to an hour of activity per actor), never the
// wave, so a 700,000-actor wave streams in constant memory apart from labels (one short line
// per actor, also streamed).

export interface GenerateOptions {
  out: string;
  actors: number;
  seed: string;
  /** Shares per cohort (normalized); unspecified cohorts keep their default share. */
  mix?: Partial<Record<Cohort, number>>;
  /** Seconds of wave time; default: 48 h scaled to the size (700,000 actors ↔ 2 days), ≥ 600. */
  duration?: number;
  /** Cat pictures to draw (the pool genuine posts pick from). */
  images?: number;
  pool: IpPool;
}

export interface GenerateResult {
  events: number;
  actors: number;
  byCohort: Record<string, number>;
  duration: number;
}

/** A binary min-heap of events by `t` (ties: insertion order, so each actor's order holds). */
class EventHeap {
  private items: { event: WaveEvent; order: number }[] = [];
  private counter = 0;
  get size() {
    return this.items.length;
  }
  private less(a: number, b: number) {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.event.t < y.event.t || (x.event.t === y.event.t && x.order < y.order);
  }
  push(event: WaveEvent) {
    this.items.push({ event, order: this.counter++ });
    let index = this.items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(index, parent)) break;
      [this.items[index], this.items[parent]] = [this.items[parent]!, this.items[index]!];
      index = parent;
    }
  }
  peek(): WaveEvent | undefined {
    return this.items[0]?.event;
  }
  pop(): WaveEvent | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length && last) {
      this.items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < this.items.length && this.less(left, smallest)) smallest = left;
        if (right < this.items.length && this.less(right, smallest)) smallest = right;
        if (smallest === index) break;
        [this.items[index], this.items[smallest]] = [this.items[smallest]!, this.items[index]!];
        index = smallest;
      }
    }
    return top?.event;
  }
}

/** Parses `genuine=0.8,sms_farm=0.05`; throws on unknown cohorts or bad numbers. */
export function parseMix(text: string): Partial<Record<Cohort, number>> {
  const mix: Partial<Record<Cohort, number>> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!(cohortNames as readonly string[]).includes(name ?? '')) {
      throw new Error(`unknown cohort "${name}" (known: ${cohortNames.join(', ')})`);
    }
    const share = Number(value);
    if (!Number.isFinite(share) || share < 0) throw new Error(`bad share for ${name}: "${value}"`);
    mix[name as Cohort] = share;
  }
  return mix;
}

const RECENT_NOTES = 512;

export async function generateWave(options: GenerateOptions): Promise<GenerateResult> {
  const seed = hashText(options.seed);
  const random = createRandom(seed, 0);
  const duration = options.duration ?? Math.max(600, (172_800 * options.actors) / 700_000);
  const mix = { ...defaultMix, ...options.mix };
  const total = cohortNames.reduce((sum, name) => sum + mix[name], 0);
  if (!(total > 0)) throw new Error('the mix gives every cohort a share of 0');
  const share = (name: Cohort) => mix[name] / total;
  // the mean number of actors per arrival, to spread the arrivals over the duration
  const meanActorsPerArrival =
    1 / cohortNames.reduce((sum, name) => sum + share(name) / groupSizes[name], 0);

  await mkdir(options.out, { recursive: true });
  const images = await writeWaveImages(
    path.join(options.out, 'images'),
    { cats: options.images ?? 64, ads: 2 },
    createRandom(seed, 99),
  );
  const events = createWriteStream(path.join(options.out, 'events.jsonl'));
  const labels = createWriteStream(path.join(options.out, 'labels.json'));
  const write = async (stream: NodeJS.WritableStream, text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(labels, '{\n');

  const heap = new EventHeap();
  const recent: { reference: string; postedAt: number }[] = [];
  const phoneCounters = new Map<string, number>();
  const context: CohortContext = {
    seed,
    pool: options.pool,
    images,
    duration,
    emit: (event) => heap.push(event),
    recentNotes(pick, before) {
      for (let tries = 0; tries < 6 && recent.length; tries++) {
        const candidate = pick.pick(recent);
        if (candidate.postedAt < before) return candidate.reference;
      }
      return null;
    },
    rememberNote(reference, postedAt) {
      if (recent.length < RECENT_NOTES) recent.push({ reference, postedAt });
      else recent[random.int(RECENT_NOTES)] = { reference, postedAt };
    },
    longtime: [],
    nextPhoneIndex(country, series) {
      const key = `${country}/${series}`;
      const next = phoneCounters.get(key) ?? 0;
      phoneCounters.set(key, next + 1);
      return next;
    },
  };

  const byCohort: Record<string, number> = Object.fromEntries(cohortNames.map((n) => [n, 0]));
  let written = 0;
  let actors = 0;
  let firstLabel = true;
  const flushUntil = async (t: number) => {
    while (heap.size && heap.peek()!.t <= t) {
      await write(events, `${JSON.stringify(heap.pop())}\n`);
      written += 1;
    }
  };
  const spawn = async (cohort: Cohort, size: number, t: number) => {
    const members: Member[] = [];
    for (let position = 0; position < size; position++) {
      const index = actors++;
      members.push({ id: `a${String(index).padStart(7, '0')}`, index, ordinal: byCohort[cohort]! });
      byCohort[cohort]! += 1;
    }
    cohorts[cohort](context, members, t);
    for (const member of members) {
      await write(labels, `${firstLabel ? '' : ',\n'}  ${JSON.stringify(member.id)}: "${cohort}"`);
      firstLabel = false;
    }
  };

  // Long-time users are the community the wave arrives in: they join in its first minutes.
  const longtime = Math.round((options.actors * mix.longtime) / total);
  const opening = Math.min(60, duration * 0.02);
  for (let index = 0; index < longtime; index++) {
    await spawn('longtime', 1, (opening * index) / Math.max(1, longtime));
  }
  const meanGap = duration / Math.max(1, (options.actors - longtime) / meanActorsPerArrival);
  let t = opening;
  while (actors < options.actors) {
    t += random.exponential(meanGap);
    // Stride scheduling: the cohort whose next group is most overdue for its share (the earliest
    // "virtual time" (count + half a group) / share) arrives next, so a wave holds each cohort in
    // its proportion from the start; a little noise keeps the order from being a fixed cycle.
    let cohort: Cohort = 'genuine';
    let earliest = Number.POSITIVE_INFINITY;
    for (const name of cohortNames) {
      if (name === 'longtime' || mix[name] === 0) continue;
      const due = (byCohort[name]! + groupSizes[name] / 2 + random.next()) / share(name);
      if (due < earliest) {
        earliest = due;
        cohort = name;
      }
    }
    const size = Math.min(groupSizes[cohort], options.actors - actors);
    await flushUntil(t);
    await spawn(cohort, size, Math.round(t * 1000) / 1000);
  }
  await flushUntil(Number.POSITIVE_INFINITY);
  await write(labels, '\n}\n');
  events.end();
  labels.end();
  await Promise.all([once(events, 'finish'), once(labels, 'finish')]);
  const result = { events: written, actors, byCohort, duration };
  await writeFile(
    path.join(options.out, 'wave.json'),
    `${JSON.stringify({ seed: options.seed, ...result, mix }, null, 2)}\n`,
  );
  return result;
}
