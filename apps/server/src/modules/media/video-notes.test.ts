import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Media } from '@atrium/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, failure, signedIn, type TestApp } from '../../../test/helper.js';
import type { MediaChecker, MediaFinding } from './media-check.js';
import { createMediaChecks } from './media-checks.service.js';
import * as checksStore from './media-checks.store.js';
import { LocalDiskMediaStore } from './media-store.js';
import { resolveVideoTools, type VideoTools } from './video-tools.js';

// Video notes end to end with real ffmpeg (docs/media.md, "Video notes"): upload, processing by
// the check-media runner, the frames' checks, notes waiting for them, and serving the MP4 with
// Range requests. Clips are generated here with lavfi (testsrc2 / color + sine).

const run = promisify(execFile);
const tools = resolveVideoTools() as VideoTools;
let dir: string;
let test: TestApp;

/** Owners whose frames the test checker flags (from 1 s on), and every frame it looked at. */
const flaggedOwners = new Set<string>();
const looked: Array<{ ownerId: string; atSecond: number | undefined }> = [];
const frameChecker: MediaChecker = {
  name: 'explicit',
  async check(input) {
    looked.push({ ownerId: input.ownerId, atSecond: input.atSecond });
    if (!flaggedOwners.has(input.ownerId) || (input.atSecond ?? 0) < 1) return [];
    const finding: MediaFinding = {
      checker: 'explicit',
      category: 'sexual.explicit',
      ruleId: 'imagery.explicit',
      action: 'review',
      score: 0.91,
      detail: { classes: { Porn: 0.91 } },
    };
    return [finding];
  },
};

async function makeClip(
  name: string,
  source: string,
  seconds: number,
  extra: string[] = [],
): Promise<string> {
  const file = path.join(dir, name);
  await run(tools.ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `${source}:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    ...extra,
    file,
  ]);
  return file;
}

function upload(token: string, bytes: Buffer, name = 'clip.mp4', type = 'video/mp4') {
  const boundary = `----atrium${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return test.app.inject({
    method: 'POST',
    url: '/api/media',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

function getMedia(token: string | null, id: string) {
  return test.app.inject({
    method: 'GET',
    url: `/api/media/${id}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

function getFile(url: string, token?: string, range?: string) {
  return test.app.inject({
    method: 'GET',
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(range ? { range } : {}),
    },
  });
}

let plainClip: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atrium-video-notes-'));
  test = await buildTestApp(
    {
      ATRIUM_DISABLE_RATE_LIMITS: '1',
      MEDIA_MAX_BYTES: '200000',
      MEDIA_VIDEO_MAX_BYTES: '2000000',
      MEDIA_VIDEO_MAX_SECONDS: '20',
      MEDIA_VIDEO_MAX_FRAMES: '900',
    },
    { mediaCheckers: [frameChecker] },
  );
  plainClip = await readFile(await makeClip('plain.mp4', 'testsrc2=size=320x240:rate=15', 3));
});
afterAll(async () => {
  await test?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('video notes', () => {
  it('queues an upload, publishes its note once processed, serves the MP4 with ranges', async () => {
    const author = await signedIn(test, 'vid_author');
    const viewer = await signedIn(test, 'vid_viewer');
    const uploaded = await upload(author.token, plainClip);
    expect(uploaded.statusCode).toBe(201);
    const media = uploaded.json() as Media;
    expect(media).toMatchObject({
      url: '',
      cardUrl: '',
      placeholder: '',
      width: 0,
      height: 0,
      mime: 'video/mp4',
      check: 'pending',
      processing: { state: 'queued', progress: 0 },
      video: { hasAudio: true, posterUrl: '' },
    });
    expect(media.video!.durationSeconds).toBeCloseTo(3, 0);
    // the uploader polls it; nobody else knows it exists
    expect((await getMedia(author.token, media.id)).json()).toMatchObject({
      processing: { state: 'queued' },
    });
    expect((await getMedia(viewer.token, media.id)).statusCode).toBe(404);
    expect((await getMedia(null, media.id)).statusCode).toBe(401);

    // posted while it processes: it waits like an image being checked
    const note = await author.client.notes.create({ body: 'My clip', mediaIds: [media.id] });
    expect(note.status).toBe('pending_review');
    expect(note.moderation?.mediaCheck).toBe('pending');
    expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);

    expect(await test.mediaChecks.runPending()).toMatchObject({ processed: 1, settled: 1 });
    const seen = await viewer.client.notes.get(note.id);
    expect(seen.status).toBe('published');
    const view = seen.media[0]!;
    expect(view).toMatchObject({ mime: 'video/mp4', width: 320, height: 240 });
    expect(view.url).toMatch(/^\/media\/[0-9a-f]{64}\.mp4$/);
    expect(view.cardUrl).toMatch(/^\/media\/[0-9a-f]{64}\.webp$/);
    expect(view.video?.posterUrl).toMatch(/^\/media\/[0-9a-f]{64}\.webp$/);
    expect(view.placeholder).not.toBe('');
    expect(view).not.toHaveProperty('processing');
    const own = (await getMedia(author.token, media.id)).json() as Media;
    expect(own).toMatchObject({ check: 'passed', processing: { state: 'ready', progress: 100 } });
    // every frame sampled went to the checker, with where it is in the video
    const frames = looked.filter((entry) => entry.ownerId === author.account.id);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.every((entry) => typeof entry.atSecond === 'number')).toBe(true);
    const poster = await getFile(view.video!.posterUrl);
    expect(poster.statusCode).toBe(200);
    expect((await sharp(poster.rawPayload).metadata()).format).toBe('webp');

    const whole = await getFile(view.url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const size = whole.rawPayload.length;
    const part = await getFile(view.url, undefined, 'bytes=100-199');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(part.rawPayload).toEqual(whole.rawPayload.subarray(100, 200));
    const tail = await getFile(view.url, undefined, 'bytes=-10');
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload).toEqual(whole.rawPayload.subarray(size - 10));
    const open = await getFile(view.url, undefined, `bytes=${size - 5}-`);
    expect(open.headers['content-range']).toBe(`bytes ${size - 5}-${size - 1}/${size}`);
    const beyond = await getFile(view.url, undefined, `bytes=${size}-`);
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`);
    // the original was deleted once processed, and was never served
    const row = await test.database.db
      .selectFrom('media')
      .select(['video', 'content_hash'])
      .where('id', '=', media.id)
      .executeTakeFirstOrThrow();
    expect(row.video).toMatchObject({ original: null });
    const store = new LocalDiskMediaStore(path.join(test.dataDir, 'media'));
    expect(await store.exists(`${row.content_hash}.src`)).toBe(false);
    expect((await getFile(`/media/${row.content_hash}.src`, author.token)).statusCode).toBe(404);
  });

  it('holds a note whose frame a checker flags, with the second in the case evidence', async () => {
    const author = await signedIn(test, 'vid_flagged');
    const viewer = await signedIn(test, 'vid_flag_v');
    flaggedOwners.add(author.account.id);
    // a clip of its own: the published note's MP4 (the same bytes) would be public
    const clip = await readFile(await makeClip('flag.mp4', 'testsrc2=size=320x240:rate=10', 3));
    const media = (await upload(author.token, clip)).json() as Media;
    const note = await author.client.notes.create({ body: 'Flag me', mediaIds: [media.id] });
    await test.mediaChecks.runPending();
    const held = await author.client.notes.get(note.id);
    expect(held.moderation).toMatchObject({ status: 'pending_review', mediaCheck: 'flagged' });
    expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);
    // the held note's MP4: its author plays it, nobody else gets it, not even a part of it
    const url = held.media[0]!.url;
    expect((await getFile(url, author.token)).statusCode).toBe(200);
    expect((await getFile(url, viewer.token)).statusCode).toBe(404);
    expect((await getFile(url, viewer.token, 'bytes=0-10')).statusCode).toBe(404);

    const moderator = await signedInStaff(test, 'vid_flag_mod', 'moderator');
    const queue = await moderator.client.moderation.cases({ status: 'active', limit: 100 });
    const opened = queue.items.find((item) => item.targetId === note.id)!;
    expect(opened).toMatchObject({ category: 'sexual.explicit' });
    const detail = await moderator.client.moderation.get(opened.id);
    expect(detail.mediaEvidence.length).toBeGreaterThan(0);
    for (const item of detail.mediaEvidence) {
      expect(item).toMatchObject({ mediaId: media.id, checker: 'explicit' });
      expect(item.atSecond).toBeGreaterThanOrEqual(1);
    }
  });

  it('checks a still shot once: frames nearly identical to the last checked are skipped', async () => {
    const author = await signedIn(test, 'vid_still');
    const still = await readFile(await makeClip('still.mp4', 'color=c=0x3366aa:size=320x240', 4));
    const media = (await upload(author.token, still)).json() as Media;
    await test.mediaChecks.runPending();
    expect((await getMedia(author.token, media.id)).json()).toMatchObject({
      processing: { state: 'ready' },
      check: 'passed',
    });
    expect(looked.filter((entry) => entry.ownerId === author.account.id)).toHaveLength(1);
  });

  it('allows one video alone in a note, never with images or another video', async () => {
    const author = await signedIn(test, 'vid_mix');
    const video = (await upload(author.token, plainClip)).json() as Media;
    const other = (await upload(author.token, plainClip)).json() as Media;
    const image = await author.client.media.upload(
      new Blob([new Uint8Array(await makeImage('png', 40, 40))], { type: 'image/png' }),
      'a.png',
    );
    for (const mediaIds of [
      [video.id, image.id],
      [video.id, other.id],
    ]) {
      const refused = await failure(author.client.notes.create({ body: 'Mixed', mediaIds }));
      expect(refused.status).toBe(400);
      expect(refused.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(refused.problem)).toContain('/mediaIds');
    }
    // nor by an edit
    const note = await author.client.notes.create({ body: 'Photo', mediaIds: [image.id] });
    const edit = await failure(
      author.client.notes.update(note.id, { mediaIds: [image.id, video.id] }),
    );
    expect(edit.status).toBe(400);
    // both videos are processed (none is left claimed and idle)
    expect(await test.mediaChecks.runPending()).toMatchObject({ processed: 2 });
  });

  it('refuses videos over the limits at once, with clear codes', async () => {
    const author = await signedIn(test, 'vid_limits');
    const expectRefused = async (bytes: Buffer, status: number, code: string) => {
      const response = await upload(author.token, bytes);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ code });
    };
    const long = await readFile(await makeClip('long.mp4', 'testsrc2=size=64x48:rate=5', 25));
    await expectRefused(long, 413, 'VIDEO_TOO_LONG');
    const fast = await readFile(
      await makeClip('fast.mp4', 'testsrc2=size=32x32:rate=500', 2, ['-an']),
    );
    await expectRefused(fast, 413, 'VIDEO_TOO_LARGE');
    // index lost: the first half of an MP4 whose moov is at the end
    await expectRefused(plainClip.subarray(0, plainClip.length >> 1), 400, 'VIDEO_UNREADABLE');
    // a video's first bytes, then more than MEDIA_VIDEO_MAX_BYTES
    const huge = Buffer.concat([plainClip.subarray(0, 64), randomBytes(2_100_000)]);
    await expectRefused(huge, 413, 'VIDEO_TOO_LARGE');
    // an image over MEDIA_MAX_BYTES (but under the video limit) is still TOO_LARGE
    const noise = await sharp(randomBytes(400 * 400 * 3), {
      raw: { width: 400, height: 400, channels: 3 },
    })
      .png()
      .toBuffer();
    expect(noise.length).toBeGreaterThan(200_000);
    await expectRefused(noise, 413, 'TOO_LARGE');
    const rows = await test.database.db
      .selectFrom('media')
      .select('id')
      .where('owner_id', '=', author.account.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('fails a video whose processing times out: its note is never published', async () => {
    const author = await signedIn(test, 'vid_slow');
    const viewer = await signedIn(test, 'vid_slow_v');
    // small to upload (a few keyframes, low quality), slow to transcode (720p, 12 s at 30 fps)
    const slow = await readFile(
      await makeClip('slow.mp4', 'testsrc2=size=1280x720:rate=30', 12, ['-crf', '45', '-g', '600']),
    );
    expect(slow.length).toBeLessThan(2_000_000);
    const media = (await upload(author.token, slow)).json() as Media;
    const note = await author.client.notes.create({ body: 'Too slow', mediaIds: [media.id] });
    // a worker with a one-second deadline (MEDIA_VIDEO_TIMEOUT_SECONDS=1)
    const worker = createMediaChecks({
      db: test.database.db,
      store: new LocalDiskMediaStore(path.join(test.dataDir, 'media')),
      checkers: [frameChecker],
      // this worker only processes; the app's runner settles the note below
      outcomes: { settleNote: async () => {} },
      node: 'slow-worker',
      timeoutMs: 5_000,
      reclaimMs: 60_000,
      video: {
        limits: {
          maxBytes: 2_000_000,
          maxDurationSeconds: 20,
          maxPixels: 4096 * 2160,
          maxFrames: 900,
        },
        tools,
        timeoutMs: 1_000,
      },
    });
    expect(await worker.processVideos()).toBe(1);
    expect(await test.mediaChecks.runPending()).toMatchObject({ processed: 0, settled: 1 });
    const own = (await getMedia(author.token, media.id)).json() as Media;
    expect(own).toMatchObject({
      url: '',
      check: 'failed',
      processing: { state: 'failed', error: { code: 'VIDEO_PROCESSING_TIMEOUT' } },
    });
    const held = await author.client.notes.get(note.id);
    expect(held.moderation).toMatchObject({ status: 'pending_review', mediaCheck: 'failed' });
    expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);
    // nothing for a moderator to approve: no case was opened
    const cases = await test.database.db
      .selectFrom('moderation_cases')
      .select('id')
      .where('target_id', '=', note.id)
      .execute();
    expect(cases).toEqual([]);
    // the author replaces the video by an image: the note is settled afresh
    const image = await author.client.media.upload(
      new Blob([new Uint8Array(await makeImage('png', 30, 30))], { type: 'image/png' }),
      'b.png',
    );
    await author.client.notes.update(note.id, { mediaIds: [image.id] });
    await test.mediaChecks.runPending();
    expect((await viewer.client.notes.get(note.id)).status).toBe('published');
  });

  it('refreshes a claim with each progress write, so a long transcode is not taken over', async () => {
    const author = await signedIn(test, 'vid_claim');
    await test.mediaChecks.runPending();
    const media = (await upload(author.token, plainClip)).json() as Media;
    const { db } = test.database;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [mine] = await checksStore.claimVideos(db, 'worker-a', 60_000, 1, true);
    expect(mine?.id).toBe(media.id);
    await sleep(2_500);
    expect(await checksStore.setVideoProgress(db, media.id, 'worker-a', 40)).toBe(true);
    // the claim is 2.5 s old but was refreshed just now: nobody takes it at 2 s
    expect(await checksStore.claimVideos(db, 'worker-b', 2_000, 1, true)).toEqual([]);
    await sleep(2_500);
    // silent for longer than that: taken over, progress kept (it never goes back)
    const [taken] = await checksStore.claimVideos(db, 'worker-b', 2_000, 1, true);
    expect(taken).toMatchObject({ id: media.id, processing_progress: 40 });
    // the first worker learns it at its next write (and stops)
    expect(await checksStore.setVideoProgress(db, media.id, 'worker-a', 50)).toBe(false);
    expect((await getMedia(author.token, media.id)).json()).toMatchObject({
      processing: { state: 'processing', progress: 40 },
    });
  });
});
