import { randomUUID } from 'node:crypto';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type { MediaRow } from '../../db/schema.js';
import type { MediaChecker, MediaFinding } from './media-check.js';
import { combineFindings, type MediaCheckFailure } from './media-check-outcome.js';
import * as store from './media-checks.store.js';
import type { MediaStore } from './media-store.js';

/**
 * What the outcome of a note's image checks does to the note: publish, label, limit, withhold,
 * hold for review with a case, or remove with a statement of reasons. Moderation fills it in the
 * composition root (media cannot depend on the modules that use it). Called in a transaction
 * holding the note's wait (`takeWaitingNote`), once every image of the note is checked.
 */
export interface MediaOutcomes {
  settleNote(tx: Tx, noteId: string): Promise<void>;
}

export interface MediaChecksDeps {
  db: Db;
  store: MediaStore;
  /** The checks that run on every image, in order (none: uploads pass at once). */
  checkers: readonly MediaChecker[];
  outcomes: MediaOutcomes;
  /** This node, in claims (`host/pid/…`). */
  node: string;
  /** How long one checker may take on one image before it counts as failed (review). */
  timeoutMs: number;
  /** How old a claim gets before another worker takes it again (its worker died). */
  reclaimMs: number;
  /** Region groups (`EU` → its countries) of the policy in force, for per-country actions. */
  regionGroups?: () => Promise<Record<string, readonly string[]>>;
  /** Images claimed at a time by one worker. */
  batch?: number;
  /**
   * Claims of one image before it counts as failed without another try: an image that kills
   * its worker each time (a decoder crash) goes to review instead of looping.
   */
  maxAttempts?: number;
  warn?: (error: unknown, message: string) => void;
}

/** A checker's answer, or why there is none, within `timeoutMs`. */
async function runChecker(
  checker: MediaChecker,
  input: Parameters<MediaChecker['check']>[0],
  timeoutMs: number,
): Promise<{ findings: MediaFinding[] } | { failure: MediaCheckFailure; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([checker.check(input), timeout]);
    if (result === 'timeout') return { failure: { checker: checker.name, reason: 'timeout' } };
    if (!Array.isArray(result))
      throw new TypeError('a checker answered something else than a list');
    return { findings: result.map((finding) => ({ ...finding, checker: checker.name })) };
  } catch (error) {
    return { failure: { checker: checker.name, reason: 'threw' }, error };
  } finally {
    clearTimeout(timer);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * The media checks off the request path (docs/media.md): a periodic task on worker nodes claims
 * pending images, runs every checker on the stored detail image with a timeout each, stores the
 * findings and their combined outcome, then settles the notes waiting for them.
 */
export function createMediaChecks(deps: MediaChecksDeps) {
  const { db } = deps;
  const batch = deps.batch ?? 4;
  const maxAttempts = deps.maxAttempts ?? 3;

  /** Checks one claimed image; false when the claim was lost meanwhile. */
  async function checkOne(row: MediaRow, claimant: string): Promise<boolean> {
    const findings: MediaFinding[] = [];
    const failures: MediaCheckFailure[] = [];
    if (row.check_attempts > maxAttempts) {
      failures.push({ checker: 'pipeline', reason: 'attempts' });
    } else {
      const stored = await deps.store.get(row.variants.detail);
      const bytes = stored ? await readAll(stored.body) : null;
      if (!bytes) failures.push({ checker: 'pipeline', reason: 'unreadable' });
      for (const [index, checker] of (bytes ? deps.checkers : []).entries()) {
        const result = await runChecker(
          checker,
          { bytes: bytes!, width: row.width, height: row.height, ownerId: row.owner_id },
          deps.timeoutMs,
        );
        if ('findings' in result) findings.push(...result.findings);
        else {
          failures.push(result.failure);
          deps.warn?.(result.error ?? result.failure.reason, `media check ${checker.name} failed`);
        }
        await store.setProgress(db, row.id, claimant, ((index + 1) / deps.checkers.length) * 99);
      }
    }
    const regionGroups = (await deps.regionGroups?.()) ?? {};
    const { state, outcome } = combineFindings(findings, failures, regionGroups);
    return store.finishCheck(db, row.id, claimant, { state, findings, outcome });
  }

  /** Claims and checks pending images until none is left; returns how many were checked. */
  async function checkPending(): Promise<number> {
    // a node without checkers never claims: an image left pending by a node that has them (or
    // before the operator turned them off) waits for a node that checks, never passes unchecked
    if (deps.checkers.length === 0) return 0;
    let checked = 0;
    for (;;) {
      // one claimant per batch: a claim taken over by another worker is told apart from ours
      const claimant = `${deps.node}/${randomUUID()}`;
      const rows = await store.claimPending(db, claimant, deps.reclaimMs, batch);
      for (const row of rows) {
        if (await checkOne(row, claimant)) checked++;
      }
      if (rows.length < batch) return checked;
    }
  }

  /** Applies the outcome to notes whose images are all checked; returns how many. */
  async function settleWaitingNotes(): Promise<number> {
    let settled = 0;
    for (;;) {
      const ids = await store.notesReadyToSettle(db, 100);
      let progressed = false;
      for (const noteId of ids) {
        const done = await inTransaction(db, async (tx) => {
          if (!(await store.takeWaitingNote(tx, noteId))) return false;
          await deps.outcomes.settleNote(tx, noteId);
          return true;
        }).catch((error: unknown) => {
          // the note stays waiting (hidden from others) and is tried again on the next run
          deps.warn?.(error, 'a note waiting for its media checks was not settled');
          return false;
        });
        if (done) {
          settled++;
          progressed = true;
        }
      }
      // the rest are being settled by another worker (or were meanwhile)
      if (ids.length < 100 || !progressed) return settled;
    }
  }

  /** One run of the periodic task: check what is pending, then settle the notes it unblocked. */
  async function runPending(): Promise<{ checked: number; settled: number }> {
    const checked = await checkPending();
    const settled = await settleWaitingNotes();
    return { checked, settled };
  }

  return {
    runPending,
    checkPending,
    settleWaitingNotes,
    /** Whether uploads wait for checks (some checker is configured). */
    enabled: deps.checkers.length > 0,
  };
}

export type MediaChecks = ReturnType<typeof createMediaChecks>;
