import { TtlMap } from '../../lib/ttl-map.js';

/** One viewer opening one note on one (UTC) day: the unit "views" count. */
export interface NoteView {
  noteId: string;
  viewerKey: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** When (ms since the epoch): views written together keep the order they happened in. */
  at: number;
}

export interface ViewRecorderOptions {
  /** Writes a batch (sorted by note, then viewer); repeats of stored views are ignored. */
  write: (views: NoteView[]) => Promise<void>;
  /** A batch that could not be written (it is dropped: views are a statistic, not content). */
  onError: (error: unknown, dropped: number) => void;
  /** Write at least this often. */
  flushEveryMs?: number;
  /** Write early once this many views are waiting. */
  flushAt?: number;
  /** Beyond this many waiting views (the database is unreachable) new ones are not kept. */
  maxPending?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** How long a written view is remembered, so a viewer re-opening a note writes nothing. */
const SEEN_TTL_MS = 60 * 60_000;
const SEEN_MAX = 50_000;

export const utcDay = (now: number): string => new Date(now).toISOString().slice(0, 10);

/**
 * Views are recorded in memory and written in batches, so opening a note costs no write.
 *
 * Every note opening used to insert its view (`ON CONFLICT DO NOTHING`) and commit before the
 * answer: a WAL flush per read, and under load the inserts queued behind each other and behind
 * the view counter. Now a view waits here at most `flushEveryMs` (1 s) and is written with the
 * others in one statement; a view this process wrote in the last hour is not written again (the
 * table's key keeps "once a day" exact whatever this memory forgets). Views waiting when the
 * process stops are written by `close()`; a crash loses at most a second of views, which only
 * ever feed counts and ranking. Counting (`countViews`) writes what is waiting first.
 */
export class ViewRecorder {
  readonly #options: Required<ViewRecorderOptions>;
  #pending = new Map<string, NoteView>();
  readonly #seen = new TtlMap<string, true>(SEEN_TTL_MS, SEEN_MAX);
  #chain: Promise<number> = Promise.resolve(0);
  #timer: NodeJS.Timeout | null = null;
  #dropped = 0;

  constructor(options: ViewRecorderOptions) {
    this.#options = {
      flushEveryMs: 1_000,
      flushAt: 1_000,
      maxPending: 50_000,
      now: Date.now,
      ...options,
    };
    this.#timer = setInterval(() => void this.flush(), this.#options.flushEveryMs);
    this.#timer.unref();
  }

  /** Notes this viewer opened that are not written yet, most recent last. */
  pendingOf(viewerKey: string): string[] {
    const ids: string[] = [];
    for (const view of this.#pending.values())
      if (view.viewerKey === viewerKey) ids.push(view.noteId);
    return ids;
  }

  /** Views not kept because too many were waiting (since start). */
  get dropped(): number {
    return this.#dropped;
  }

  record(noteId: string, viewerKey: string): void {
    const now = this.#options.now();
    const day = utcDay(now);
    const key = `${day}\n${noteId}\n${viewerKey}`;
    if (this.#pending.has(key) || this.#seen.get(key, now)) return;
    if (this.#pending.size >= this.#options.maxPending) {
      this.#dropped += 1;
      return;
    }
    this.#pending.set(key, { noteId, viewerKey, day, at: now });
    if (this.#pending.size === this.#options.flushAt) void this.flush();
  }

  /** Writes what is waiting (after any write in progress); resolves with how many. */
  flush(): Promise<number> {
    this.#chain = this.#chain.then(() => this.#writePending());
    return this.#chain;
  }

  /** Stops the timer and writes what is waiting. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }

  async #writePending(): Promise<number> {
    if (this.#pending.size === 0) return 0;
    const batch = this.#pending;
    this.#pending = new Map();
    // seen from now on, so a re-opening during the write is not written again
    for (const key of batch.keys()) this.#seen.set(key, true);
    // one order for every writer: two nodes inserting overlapping views never wait in a cycle
    const views = [...batch.values()].sort(
      (a, b) => compare(a.noteId, b.noteId) || compare(a.viewerKey, b.viewerKey),
    );
    try {
      await this.#options.write(views);
    } catch (error) {
      for (const key of batch.keys()) this.#seen.delete(key);
      this.#options.onError(error, views.length);
      return 0;
    }
    return views.length;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
