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
  readonly #byId = new Map<string, Candidate[]>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = SHARED_SNAPSHOT_TTL_MS,
  ) {}

  /** Something visible changed (a note published, edited or deleted): rebuild on next use. */
  invalidate(): void {
    this.#version += 1;
  }

  async current(key: string, build: () => Promise<Candidate[]>): Promise<Snapshot> {
    const cached = this.#current.get(key);
    if (cached && cached.version === this.#version && Date.now() - cached.builtAt < this.ttlMs) {
      return cached;
    }
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

  /** A snapshot by id (for the pages after the first), from memory or the database. */
  async byId(id: string): Promise<Candidate[] | null> {
    const known = this.#byId.get(id);
    if (known) return known;
    const row = await store.findSnapshot(this.db, id);
    if (!row) return null;
    const items = row.note_ids.map((noteId, index) => ({
      id: noteId,
      author_id: row.author_ids[index] ?? '',
      lang: row.langs[index] || null,
    }));
    this.#remember(row.id, items);
    return items;
  }

  #remember(id: string, items: Candidate[]): void {
    this.#byId.set(id, items);
    if (this.#byId.size > REMEMBERED) this.#byId.delete(this.#byId.keys().next().value as string);
  }
}
