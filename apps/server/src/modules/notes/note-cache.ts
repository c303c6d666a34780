import type { NoteRow } from '../../db/schema.js';
import { cacheStats } from '../../lib/cache-stats.js';
import { Gatherer } from '../../lib/gatherer.js';
import { type RefreshClaim, TtlMap } from '../../lib/ttl-map.js';
import { type NoteParts, serializeNote, toNote, type ViewerFlags } from './note-card.js';

// What this process keeps of notes between requests: their rarely changing parts, and their
// serialized JSON.

export type { NoteParts };

/**
 * How long a note's author summary, images, topics and mentions are reused. Counts, status and
 * the viewer's likes are always read fresh; an edit or deletion on this node drops the entry at
 * once, other nodes catch up within this time (as does a changed display name).
 */
export const PARTS_TTL_MS = 30_000;
/** Read after this age, a note's parts are reloaded in the background (see TtlMap). */
export const PARTS_REFRESH_MS = PARTS_TTL_MS / 2;
const PARTS_MAX = 20_000;
/** Parts due for a reload are gathered this long, then read in one batch. */
const PARTS_REFRESH_BATCH_MS = 50;

/** Whether two loads of a note's parts show the same. */
const sameParts = (a: NoteParts, b: NoteParts) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Notes' parts by id. A page's missing parts are read while it waits; parts in steady use are
 * reloaded ahead of their expiry in the background, gathered from every page read meanwhile
 * into one batch, so a feed page in steady use never waits for them. A reload that shows the
 * same keeps the old object (the serialized notes built from it stay valid).
 */
export class NotePartsCache {
  readonly #entries = new TtlMap<string, NoteParts>(
    PARTS_TTL_MS,
    PARTS_MAX,
    PARTS_REFRESH_MS,
    cacheStats('note_parts'),
  );
  readonly #due = new Gatherer<{ row: NoteRow; claim: RefreshClaim }>(
    PARTS_REFRESH_BATCH_MS,
    (due) => this.#reload(due),
  );

  constructor(
    private readonly read: (rows: NoteRow[]) => Promise<Map<string, NoteParts>>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The parts of these rows' notes. */
  async partsOf(rows: NoteRow[]): Promise<Map<string, NoteParts>> {
    const parts = new Map<string, NoteParts>();
    const missing: NoteRow[] = [];
    const now = Date.now();
    for (const row of rows) {
      const cached = this.#entries.get(row.id, now);
      if (!cached) {
        missing.push(row);
        continue;
      }
      parts.set(row.id, cached);
      const claim = this.#entries.claimRefresh(row.id, now);
      if (claim) this.#due.add({ row, claim });
    }
    if (missing.length === 0) return parts;
    for (const [id, entry] of await this.read(missing)) {
      this.#entries.set(id, entry);
      parts.set(id, entry);
    }
    return parts;
  }

  set(id: string, parts: NoteParts): void {
    this.#entries.set(id, parts);
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }

  /** Starts a queued background reload now and resolves when it is done; for tests. */
  settled(): Promise<void> {
    return this.#due.settled();
  }

  async #reload(due: Array<{ row: NoteRow; claim: RefreshClaim }>): Promise<void> {
    try {
      const loaded = await this.read(due.map(({ row }) => row));
      for (const { row, claim } of due) {
        const fresh = loaded.get(row.id);
        if (fresh) this.#entries.refreshed(row.id, claim, fresh, sameParts);
        else this.#entries.release(claim);
      }
    } catch (error) {
      for (const { claim } of due) this.#entries.release(claim);
      this.onError(error);
    }
  }
}

// ---- notes as JSON fragments ----------------------------------------------------------------

const VIEWER_MARK = '"viewer":{"liked":false,"collected":false}';
/** The viewer part of a fragment, by liked * 2 + collected. */
const VIEWER_JSON = [false, true].flatMap((liked) =>
  [false, true].map((collected) =>
    Buffer.from(`"viewer":{"liked":${liked},"collected":${collected}}`),
  ),
);
const FRAGMENTS_MAX = 20_000;

interface NoteJson {
  row: NoteRow;
  parts: NoteParts;
  /** The serialized note around its viewer part. */
  head: Buffer;
  tail: Buffer;
}

/** Whether two rows of a note show the same (every field a note's JSON takes from its row). */
function sameShown(a: NoteRow, b: NoteRow): boolean {
  return (
    a.like_count === b.like_count &&
    a.collect_count === b.collect_count &&
    a.comment_count === b.comment_count &&
    a.view_count === b.view_count &&
    a.status === b.status &&
    a.title === b.title &&
    a.body === b.body &&
    a.lang === b.lang &&
    a.ip_country === b.ip_country &&
    a.ip_region === b.ip_region &&
    a.created_at.getTime() === b.created_at.getTime() &&
    (a.edited_at?.getTime() ?? null) === (b.edited_at?.getTime() ?? null) &&
    a.labels.length === b.labels.length &&
    a.labels.every((label, index) => label === b.labels[index])
  );
}

/**
 * Notes serialized once and reused by every reader of a list in the same locale until their
 * row or cached parts change: serializing a page of notes was the largest single cost of a feed
 * request. Only the viewer's flags differ between readers; they are spliced in. An author's own
 * notes (which carry `moderation`) are never cached.
 */
export class NoteJsonCache {
  readonly #entries = new Map<string, NoteJson>();

  fragment(row: NoteRow, parts: NoteParts, locale: string, viewer: ViewerFlags): Buffer[] {
    const key = `${locale} ${row.id}`;
    let entry = this.#entries.get(key);
    if (!entry || entry.parts !== parts || (entry.row !== row && !sameShown(entry.row, row))) {
      const json = serializeNote(toNote(row, parts, locale, { liked: false, collected: false }));
      const at = json.indexOf(VIEWER_MARK);
      entry = {
        row,
        parts,
        head: Buffer.from(json.slice(0, at)),
        tail: Buffer.from(json.slice(at + VIEWER_MARK.length)),
      };
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      if (this.#entries.size > FRAGMENTS_MAX)
        this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return [
      entry.head,
      VIEWER_JSON[(viewer.liked ? 2 : 0) + (viewer.collected ? 1 : 0)]!,
      entry.tail,
    ];
  }

  get size(): number {
    return this.#entries.size;
  }
}
