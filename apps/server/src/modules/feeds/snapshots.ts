import type { Db } from '../../db/database.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Candidate } from './feeds.store.js';
import * as store from './feeds.store.js';

export interface Snapshot {
  id: string;
  items: Candidate[];
}

/** A shared ranking is rebuilt at least this often, and at once after a note is published. */
export const SHARED_SNAPSHOT_TTL_MS = 30_000;
const REMEMBERED = 256;

function toCandidates(row: { note_ids: string[]; author_ids: string[]; langs: string[] }) {
  return row.note_ids.map((noteId, index) => ({
    id: noteId,
    author_id: row.author_ids[index] ?? '',
    lang: row.langs[index] || null,
  }));
}

/**
 * Ranked lists shared by every visitor of one kind (e.g. discover in one region): built once
 * (single-flight: concurrent first visits wait for the same build), stored so later pages on any
 * node can read them by id, and kept in memory. Ranking per request would cost several queries
 * over thousands of rows; sharing makes a first page as cheap as a later one.
 */
export class SharedSnapshots {
  #version = 0;
  readonly #current = new Map<string, Snapshot & { version: number; builtAt: number }>();
  readonly #building = new Map<string, Promise<Snapshot>>();
  /** While discover is frozen: the snapshot each key serves. */
  readonly #pinned = new Map<string, Promise<Snapshot>>();
  readonly #byId = new Map<string, Candidate[]>();
  readonly #sources = new Map<
    string,
    { version: number; loadedAt: number; value: Promise<unknown> }
  >();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = SHARED_SNAPSHOT_TTL_MS,
  ) {}

  /** Something visible changed (a note published, edited or deleted): rebuild on next use. */
  invalidate(): void {
    this.#version += 1;
  }

  /**
   * The current snapshot of `key`. After an invalidation the next caller waits for a rebuild (a
   * new note shows at once); a snapshot that merely aged past the TTL is still served while a
   * rebuild runs in the background, so no reader waits on it.
   */
  async current(key: string, build: () => Promise<Candidate[]>, frozen = false): Promise<Snapshot> {
    if (frozen) return this.#frozen(key, build);
    if (this.#pinned.size > 0) this.#pinned.clear();
    const cached = this.#current.get(key);
    if (cached && cached.version === this.#version) {
      if (Date.now() - cached.builtAt >= this.ttlMs) this.#rebuild(key, build).catch(() => {});
      return cached;
    }
    return this.#rebuild(key, build);
  }

  #rebuild(key: string, build: () => Promise<Candidate[]>): Promise<Snapshot> {
    let pending = this.#building.get(key);
    if (!pending) {
      const version = this.#version;
      pending = (async () => {
        const items = await build();
        const id = uuidv7();
        await store.insertSnapshot(this.db, id, key, items);
        this.#current.set(key, { id, items, version, builtAt: Date.now() });
        this.#remember(id, items);
        return { id, items };
      })().finally(() => this.#building.delete(key));
      this.#building.set(key, pending);
    }
    return pending;
  }

  /**
   * A value the snapshots of one version share, loaded once (e.g. the ranking read once for
   * every region, then split per region): reloaded after an invalidation or the TTL.
   */
  source<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.#sources.get(key);
    if (known && known.version === this.#version && Date.now() - known.loadedAt < this.ttlMs) {
      return known.value as Promise<T>;
    }
    const entry = { version: this.#version, loadedAt: Date.now(), value: load() };
    this.#sources.set(key, entry);
    entry.value.catch(() => {
      if (this.#sources.get(key) === entry) this.#sources.delete(key);
    });
    return entry.value;
  }

  /**
   * Frozen (the `discover_frozen` kill switch): the newest snapshot of `key` any node stored —
   * the same on every node — read once and pinned until the switch is off. Only a key never
   * computed is computed, once.
   */
  #frozen(key: string, build: () => Promise<Candidate[]>): Promise<Snapshot> {
    let pinned = this.#pinned.get(key);
    if (!pinned) {
      pinned = (async () => {
        const row = await store.findLatestSnapshot(this.db, key);
        if (!row) return this.#rebuild(key, build);
        const items = toCandidates(row);
        this.#remember(row.id, items);
        return { id: row.id, items };
      })();
      this.#pinned.set(key, pinned);
      pinned.catch(() => this.#pinned.delete(key));
    }
    return pinned;
  }

  /** A snapshot by id (for the pages after the first), from memory or the database. */
  async byId(id: string): Promise<Candidate[] | null> {
    const known = this.#byId.get(id);
    if (known) return known;
    const row = await store.findSnapshot(this.db, id);
    if (!row) return null;
    const items = toCandidates(row);
    this.#remember(row.id, items);
    return items;
  }

  #remember(id: string, items: Candidate[]): void {
    this.#byId.set(id, items);
    if (this.#byId.size > REMEMBERED) this.#byId.delete(this.#byId.keys().next().value as string);
  }
}
