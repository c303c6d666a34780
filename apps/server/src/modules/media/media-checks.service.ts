import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type { MediaRow } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';
import { CARD_WIDTH } from './image-pipeline.js';
import { mediaError } from './media.errors.js';
import { lockContent } from './media.store.js';
import type { MediaChecker, MediaFinding } from './media-check.js';
import { combineFindings, type MediaCheckFailure } from './media-check-outcome.js';
import * as store from './media-checks.store.js';
import { type MediaStore, mediaKey } from './media-store.js';
import { hashDistance, perceptualHash } from './perceptual-hash.js';
import { type ProcessedVideo, processVideo, type VideoLimits } from './video-pipeline.js';
import type { VideoTools } from './video-tools.js';

/**
 * A sampled frame within this many bits (of 256) of the last frame the checkers looked at is
 * not checked again: a still shot or a slow pan repeats the same picture, and its checks would
 * repeat the same findings at the cost of a model run each (docs/media.md, "Video notes").
 */
export const FRAME_SKIP_DISTANCE = 16;

/** Of a video's processing progress, the transcode's share; the frames' checks are the rest. */
const TRANSCODE_SHARE = 80;

/** Video processing on the worker (docs/media.md, "Video notes"). */
export interface VideoProcessingDeps {
  limits: VideoLimits;
  /** Null: ffmpeg is missing here, this node processes no video. */
  tools: VideoTools | null;
  /** The whole run's deadline (`MEDIA_VIDEO_TIMEOUT_SECONDS`). */
  timeoutMs: number;
}

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
  /** Video processing; absent: this node processes no video. */
  video?: VideoProcessingDeps;
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
          {
            bytes: bytes!,
            width: row.width,
            height: row.height,
            ownerId: row.owner_id,
            perceptualHash: row.phash,
          },
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

  /** Checks a processed video's sampled frames, skipping near-repeats of the last one checked. */
  async function checkFrames(
    row: MediaRow,
    processed: ProcessedVideo,
    progress: (percent: number) => void,
  ): Promise<{ findings: MediaFinding[]; failures: MediaCheckFailure[]; checkedFrames: number }> {
    const findings: MediaFinding[] = [];
    const failures: MediaCheckFailure[] = [];
    let lastChecked: string | null = null;
    let checkedFrames = 0;
    for (const [index, frame] of processed.frames.entries()) {
      const hash = await perceptualHash(frame.bytes).catch(() => null);
      const repeat =
        hash !== null &&
        lastChecked !== null &&
        hashDistance(hash, lastChecked) <= FRAME_SKIP_DISTANCE;
      if (!repeat) {
        checkedFrames++;
        lastChecked = hash;
        for (const checker of deps.checkers) {
          const result = await runChecker(
            checker,
            {
              bytes: frame.bytes,
              width: frame.width,
              height: frame.height,
              ownerId: row.owner_id,
              atSecond: frame.atSecond,
            },
            deps.timeoutMs,
          );
          if ('findings' in result) {
            findings.push(
              ...result.findings.map((finding) => ({
                ...finding,
                atSecond: finding.atSecond ?? frame.atSecond,
              })),
            );
          } else {
            // one failure per checker is enough for the outcome (a failure sends it to review)
            if (!failures.some((failure) => failure.checker === result.failure.checker))
              failures.push(result.failure);
            deps.warn?.(
              result.error ?? result.failure.reason,
              `media check ${checker.name} failed`,
            );
          }
        }
      }
      progress(TRANSCODE_SHARE + ((index + 1) / processed.frames.length) * (99 - TRANSCODE_SHARE));
    }
    return { findings, failures, checkedFrames };
  }

  /**
   * Processes one claimed video: fetches its original from the media store (any node may have
   * received the upload), transcodes it with progress stored (each write refreshes the claim),
   * stores the MP4 and the poster's two sizes, checks the sampled frames, then deletes the
   * original. False when the claim was lost meanwhile (another worker's result counts).
   */
  async function processOne(
    row: MediaRow,
    claimant: string,
    video: VideoProcessingDeps,
  ): Promise<boolean> {
    const fail = (error: { code: string; message: string }) => settleFailure(row, claimant, error);
    if (row.check_attempts > maxAttempts) {
      return fail({
        code: 'VIDEO_UNREADABLE',
        message: 'The video stopped its processing too often',
      });
    }
    const originalKey = row.video?.original;
    const original = originalKey ? await deps.store.get(originalKey) : null;
    if (!original) return fail({ code: 'VIDEO_UNREADABLE', message: 'The uploaded file is gone' });
    const work = await mkdtemp(path.join(tmpdir(), 'atrium-video-job-'));
    const lost = new AbortController();
    let writes: Promise<void> = Promise.resolve();
    const progress = (percent: number) => {
      writes = writes.then(async () => {
        if (lost.signal.aborted) return;
        const ours = await store.setVideoProgress(db, row.id, claimant, percent);
        if (!ours) lost.abort(new Error('the claim was taken over'));
      });
    };
    try {
      const input = path.join(work, 'source');
      await pipeline(original.body, createWriteStream(input));
      let processed: ProcessedVideo;
      try {
        processed = await processVideo(input, video.limits, {
          tools: video.tools,
          timeoutMs: video.timeoutMs,
          signal: lost.signal,
          onProgress: (percent) => progress((percent * TRANSCODE_SHARE) / 100),
        });
      } catch (error) {
        await writes;
        if (lost.signal.aborted) {
          deps.warn?.(error, 'a video claim was lost while processing');
          return false;
        }
        const known =
          error instanceof DomainError
            ? error
            : mediaError('VIDEO_UNREADABLE', 'The video cannot be processed');
        if (!(error instanceof DomainError)) deps.warn?.(error, 'video processing failed');
        return fail({ code: known.code, message: known.detail ?? known.title });
      }
      await writes;
      if (lost.signal.aborted) return false;

      const mp4 = mediaKey(processed.video, 'mp4');
      const detail = mediaKey(processed.poster.bytes, 'webp');
      const cardBytes = await sharp(processed.poster.bytes)
        .resize({ width: CARD_WIDTH, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      const card = mediaKey(cardBytes, 'webp');
      await deps.store.put(mp4, processed.video);
      await deps.store.put(detail, processed.poster.bytes);
      await deps.store.put(card, cardBytes);

      const { findings, failures } =
        row.video?.checked === false && deps.checkers.length === 0
          ? { findings: [], failures: [] }
          : await checkFrames(row, processed, progress);
      await writes;
      if (lost.signal.aborted) return false;
      const regionGroups = (await deps.regionGroups?.()) ?? {};
      const { state, outcome } = combineFindings(findings, failures, regionGroups);
      const finished = await store.finishVideo(db, row.id, claimant, {
        width: processed.width,
        height: processed.height,
        bytes: processed.video.length,
        placeholder: processed.placeholder,
        variants: { detail, card },
        mp4,
        state,
        findings,
        outcome,
      });
      if (finished && originalKey) await deleteOriginal(row, originalKey);
      if (!finished) deps.warn?.(null, 'a processed video was not stored: its claim was lost');
      return finished;
    } finally {
      lost.abort();
      await rm(work, { recursive: true, force: true });
    }
  }

  /** The original is deleted once no other queued upload of the same file needs it. */
  async function deleteOriginal(row: MediaRow, key: string): Promise<void> {
    await inTransaction(db, async (tx) => {
      await lockContent(tx, row.content_hash);
      if (await store.originalStillNeeded(tx, key, row.id)) return;
      await deps.store.delete(key);
    });
  }

  async function settleFailure(
    row: MediaRow,
    claimant: string,
    error: { code: string; message: string },
  ): Promise<boolean> {
    const failed = await store.failVideo(db, row.id, claimant, error);
    if (failed && row.video?.original) await deleteOriginal(row, row.video.original);
    return failed;
  }

  /** Claims and processes queued videos one at a time until none is left; returns how many. */
  async function processVideos(): Promise<number> {
    const video = deps.video;
    if (!video?.tools) return 0;
    let processed = 0;
    for (;;) {
      const claimant = `${deps.node}/${randomUUID()}`;
      // The statement may claim more than the one asked for (a LIMIT in an IN subquery can be
      // evaluated again per row): every row it claimed is processed, never left claimed.
      const rows = await store.claimVideos(
        db,
        claimant,
        deps.reclaimMs,
        1,
        deps.checkers.length > 0,
      );
      if (rows.length === 0) return processed;
      for (const row of rows) {
        if (await processOne(row, claimant, video)) processed++;
      }
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
  async function runPending(): Promise<{ checked: number; processed: number; settled: number }> {
    const checked = await checkPending();
    const processed = await processVideos();
    const settled = await settleWaitingNotes();
    return { checked, processed, settled };
  }

  return {
    runPending,
    checkPending,
    processVideos,
    settleWaitingNotes,
    /** Whether uploads wait for checks (some checker is configured). */
    enabled: deps.checkers.length > 0,
  };
}

export type MediaChecks = ReturnType<typeof createMediaChecks>;
