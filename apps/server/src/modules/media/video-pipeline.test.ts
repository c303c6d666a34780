import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { DomainError } from '../../http/errors.js';
import {
  outputSize,
  probeVideo,
  processVideo,
  sniffVideoFormat,
  type VideoLimits,
} from './video-pipeline.js';
import { resolveVideoTools, runTool, type VideoTools } from './video-tools.js';

// Real ffmpeg throughout: the clips are generated here with lavfi (testsrc2 + sine), a few
// seconds at small sizes. scripts/test.sh installs Debian's ffmpeg when it is missing.

const run = promisify(execFile);
const limits: VideoLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxDurationSeconds: 60,
  maxPixels: 8_847_360,
  maxFrames: 3600,
};
const tools = resolveVideoTools() as VideoTools;
let dir: string;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

interface ClipOptions {
  size?: string;
  seconds?: number;
  rate?: number;
  audio?: boolean;
  /** Output arguments (codecs, container flags), after the inputs. */
  output?: string[];
}

/** A synthetic clip: testsrc2 (+ a sine tone), encoded as asked. */
async function makeClip(name: string, options: ClipOptions = {}): Promise<string> {
  const { size = '320x240', seconds = 3, rate = 30, audio = true } = options;
  const file = path.join(dir, name);
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`];
  if (audio) inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
  const output = options.output ?? [
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...(audio ? ['-c:a', 'aac'] : []),
  ];
  await run(tools.ffmpeg, ['-v', 'error', '-y', ...inputs, ...output, file]);
  return file;
}

async function ffprobeJson(file: string): Promise<{
  streams: Record<string, unknown>[];
  format: { tags?: Record<string, string>; duration: string };
}> {
  const { stdout } = await run(tools.ffprobe, [
    ...['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
  ]);
  return JSON.parse(stdout);
}

/** The top-level MP4 boxes, in file order. */
function topLevelBoxes(bytes: Buffer): string[] {
  const boxes: string[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (size === 1) size = Number(bytes.readBigUInt64BE(offset + 8));
    if (size < 8) break;
    boxes.push(type);
    offset += size;
  }
  return boxes;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atrium-video-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finding ffmpeg', () => {
  it('finds ffmpeg and ffprobe on PATH, or refuses a configured path that is not there', () => {
    expect(tools).not.toBeNull();
    expect(resolveVideoTools({ ffmpegPath: path.join(dir, 'no-ffmpeg') })).toBeNull();
    expect(resolveVideoTools({}, '')).toBeNull();
  });

  it('refuses video uploads with VIDEO_UNAVAILABLE when ffmpeg is missing, without a crash', async () => {
    const clip = await makeClip('unavailable.mp4', { seconds: 1 });
    expect((await refusal(processVideo(clip, limits, { tools: null }))).code).toBe(
      'VIDEO_UNAVAILABLE',
    );
    const missing = { ffmpeg: path.join(dir, 'no-ffmpeg'), ffprobe: path.join(dir, 'no-ffprobe') };
    const error = await refusal(processVideo(clip, limits, { tools: missing }));
    expect(error.code).toBe('VIDEO_UNAVAILABLE');
    expect(error.status).toBe(503);
  });
});

describe('sniffVideoFormat', () => {
  it('tells MP4, MOV and WebM apart by their bytes', async () => {
    const mp4 = await makeClip('sniff.mp4', { seconds: 1, audio: false });
    const mov = await makeClip('sniff.mov', { seconds: 1, audio: false });
    const webm = await makeClip('sniff.webm', {
      seconds: 1,
      audio: false,
      output: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'],
    });
    expect(sniffVideoFormat(await readFile(mp4))).toBe('mp4');
    expect(sniffVideoFormat(await readFile(mov))).toBe('mov');
    expect(sniffVideoFormat(await readFile(webm))).toBe('webm');
  });

  it.each([
    ['text', Buffer.from('not a video at all, just some words')],
    ['a HEIF image', Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic', 'latin1')],
    [
      'Matroska that is not WebM',
      Buffer.from('1a45dfa3a34286810142f7810142f2810442f381084282886d6174726f736b61', 'hex'),
    ],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffVideoFormat(bytes)).toBeNull();
  });
});

describe('probeVideo', () => {
  it('reads codec, duration, size, frames and audio', async () => {
    const clip = await makeClip('probe.mp4', { size: '320x240', seconds: 2 });
    const probe = await probeVideo(clip, limits, { tools });
    expect(probe).toMatchObject({
      container: 'mp4',
      videoCodec: 'h264',
      audioCodec: 'aac',
      hasAudio: true,
      width: 320,
      height: 240,
      rotation: 0,
      frameRate: 30,
      estimatedFrames: 60,
    });
    expect(probe.durationSeconds).toBeCloseTo(2, 0);
  });

  it('refuses a file that is not a video, whatever its name says', async () => {
    const fake = path.join(dir, 'picture.mp4');
    await writeFile(fake, await makeImage('png', 32, 32));
    expect((await refusal(probeVideo(fake, limits, { tools }))).code).toBe('UNSUPPORTED_MEDIA');
  });

  it('refuses bytes over the limit before reading the file', async () => {
    const clip = await makeClip('bytes.mp4', { seconds: 1 });
    const error = await refusal(probeVideo(clip, { ...limits, maxBytes: 1000 }, { tools }));
    expect(error.code).toBe('VIDEO_TOO_LARGE');
    expect(error.status).toBe(413);
  });

  it('refuses a video longer than allowed', async () => {
    const clip = await makeClip('long.mp4', { seconds: 3 });
    const error = await refusal(
      processVideo(clip, { ...limits, maxDurationSeconds: 2 }, { tools }),
    );
    expect(error.code).toBe('VIDEO_TOO_LONG');
  });

  it('refuses frames with more pixels than allowed (decompression bombs), from the header', async () => {
    const clip = await makeClip('wide.mp4', { size: '640x480', seconds: 1, audio: false });
    const error = await refusal(
      probeVideo(clip, { ...limits, maxPixels: 640 * 480 - 1 }, { tools }),
    );
    expect(error.code).toBe('VIDEO_TOO_LARGE');
  });

  it('refuses an absurd frame count (a tiny picture at 500 frames a second)', async () => {
    const clip = await makeClip('absurd.mp4', {
      size: '32x32',
      seconds: 2,
      rate: 500,
      audio: false,
    });
    const probe = await probeVideo(clip, limits, { tools });
    expect(probe.estimatedFrames).toBe(1000);
    const error = await refusal(probeVideo(clip, { ...limits, maxFrames: 900 }, { tools }));
    expect(error.code).toBe('VIDEO_TOO_LARGE');
  });

  it('refuses a truncated MP4 whose index is lost', async () => {
    const clip = await makeClip('whole.mp4', { seconds: 2 });
    const truncated = path.join(dir, 'truncated.mp4');
    const bytes = await readFile(clip);
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await refusal(probeVideo(truncated, limits, { tools }))).code).toBe('VIDEO_UNREADABLE');
  });
});

describe('processVideo', () => {
  it('transcodes an MP4 to H.264/AAC with faststart, no metadata, a poster, frames and progress', async () => {
    const clip = await makeClip('full.mp4', {
      seconds: 3,
      output: [
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p', '-c:a', 'aac'],
        ...['-metadata', 'creation_time=2020-01-01T00:00:00Z', '-metadata', 'title=secret'],
        ...['-metadata', 'location=+48.8577+002.2950/', '-metadata', 'comment=from my phone'],
      ],
    });
    const before = await ffprobeJson(clip);
    expect(before.format.tags).toMatchObject({ title: 'secret', location: '+48.8577+002.2950/' });

    const progress: number[] = [];
    const video = await processVideo(clip, limits, {
      tools,
      onProgress: (percent) => progress.push(percent),
    });
    expect(video).toMatchObject({ mime: 'video/mp4', width: 320, height: 240, hasAudio: true });
    expect(video.durationSeconds).toBeCloseTo(3, 0);
    expect(video.source).toMatchObject({ container: 'mp4', hasAudio: true });

    // faststart: the index (moov) comes before the media data
    const boxes = topLevelBoxes(video.video);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    const output = path.join(dir, 'full-out.mp4');
    await writeFile(output, video.video);
    const after = await ffprobeJson(output);
    const [videoStream, audioStream] = after.streams;
    expect(videoStream).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p' });
    expect(audioStream).toMatchObject({ codec_name: 'aac' });
    const tags = JSON.stringify([after.format.tags, ...after.streams.map((stream) => stream.tags)]);
    for (const leaked of ['creation_time', 'secret', 'location', '48.8577', 'phone']) {
      expect(tags).not.toContain(leaked);
    }

    expect(await sharp(video.poster.bytes).metadata()).toMatchObject({
      format: 'webp',
      width: 320,
      height: 240,
    });
    expect(Buffer.from(video.placeholder, 'base64').length).toBeGreaterThan(5);
    expect(Buffer.from(video.placeholder, 'base64').length).toBeLessThan(40);

    // one frame per second, as JPEG images the checkers can read
    expect(video.frames.map((frame) => frame.atSecond)).toEqual([0, 1, 2]);
    for (const frame of video.frames) {
      expect(await sharp(frame.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 320 });
    }

    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(progress.length).toBeGreaterThan(2);
    for (let index = 1; index < progress.length; index++) {
      expect(progress[index]).toBeGreaterThan(progress[index - 1]!);
    }
  });

  it('accepts MOV and keeps a video without audio silent', async () => {
    const clip = await makeClip('clip.mov', { seconds: 2, audio: false });
    const video = await processVideo(clip, limits, { tools });
    expect(video.source.container).toBe('mov');
    expect(video.hasAudio).toBe(false);
    const output = path.join(dir, 'mov-out.mp4');
    await writeFile(output, video.video);
    expect((await ffprobeJson(output)).streams.map((stream) => stream.codec_type)).toEqual([
      'video',
    ]);
  });

  it('accepts WebM (VP8/Opus) with odd dimensions and makes them even', async () => {
    const clip = await makeClip('odd.webm', {
      seconds: 2,
      output: [
        ...['-vf', 'scale=321:241', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'],
        ...['-c:a', 'libopus'],
      ],
    });
    const video = await processVideo(clip, limits, { tools });
    expect(video.source).toMatchObject({ container: 'webm', width: 321, height: 241 });
    expect(video).toMatchObject({ width: 320, height: 240, hasAudio: true });
  });

  it('applies the rotation a phone recorded, so portrait stays portrait', async () => {
    const landscape = await makeClip('unrotated.mp4', { size: '320x240', seconds: 1 });
    const rotated = path.join(dir, 'rotated.mp4');
    await run(tools.ffmpeg, [
      ...['-v', 'error', '-y', '-i', landscape, '-c', 'copy'],
      ...['-metadata:s:v:0', 'rotate=90', rotated],
    ]);
    const video = await processVideo(rotated, limits, { tools });
    expect(video.source).toMatchObject({ rotation: 90, width: 240, height: 320 });
    expect(video).toMatchObject({ width: 240, height: 320 });
    const output = path.join(dir, 'rotated-out.mp4');
    await writeFile(output, video.video);
    const [stream] = (await ffprobeJson(output)).streams;
    expect(stream).toMatchObject({ width: 240, height: 320 });
    expect(JSON.stringify(stream)).not.toContain('Display Matrix');
  });

  it('scales 1080p down to 720p, never up', async () => {
    const clip = await makeClip('hd.mp4', { size: '1920x1080', seconds: 1, audio: false });
    const video = await processVideo(clip, limits, { tools });
    expect(video).toMatchObject({ width: 1280, height: 720 });
    expect(outputSize(1080, 1920)).toEqual({ width: 720, height: 1280 });
    expect(outputSize(640, 360)).toEqual({ width: 640, height: 360 });
    expect(outputSize(2560, 1080)).toEqual({ width: 1280, height: 540 });
  });

  it('caps the sampled frames, spreading them over the video', async () => {
    const clip = await makeClip('capped.mp4', { seconds: 4, audio: false });
    const video = await processVideo(clip, limits, { tools, maxSampledFrames: 2 });
    expect(video.frames.map((frame) => frame.atSecond)).toEqual([0, 2]);
  });

  it('refuses a truncated file rather than publishing part of it', async () => {
    const clip = await makeClip('cut.mp4', {
      seconds: 3,
      output: [
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
        ...['-movflags', '+faststart'],
      ],
    });
    const bytes = await readFile(clip);
    const cut = path.join(dir, 'cut-half.mp4');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    // The index is intact, so the probe passes; the data stops halfway.
    await probeVideo(cut, limits, { tools });
    expect((await refusal(processVideo(cut, limits, { tools }))).code).toBe('VIDEO_UNREADABLE');
  });

  it('kills ffmpeg at the timeout and leaves no temporary files', async () => {
    const clip = await makeClip('slow.mp4', { size: '1280x720', seconds: 3, audio: false });
    const workDir = await mkdtemp(path.join(dir, 'work-'));
    const error = await refusal(processVideo(clip, limits, { tools, timeoutMs: 100, workDir }));
    expect(error.code).toBe('VIDEO_PROCESSING_TIMEOUT');
    expect(await readdir(workDir)).toEqual([]);
  });

  it('stops when the caller aborts', async () => {
    const clip = await makeClip('aborted.mp4', { seconds: 1, audio: false });
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const error = await processVideo(clip, limits, { tools, signal: controller.signal }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toEqual(new Error('shutting down'));
  });
});

describe('runTool', () => {
  it('kills a hung child with SIGKILL at the deadline', async () => {
    // A shell that prints its pid, ignores SIGTERM and never ends.
    let pid = 0;
    const started = runTool('/bin/sh', ['-c', 'echo $$; trap "" TERM; while :; do sleep 1; done'], {
      deadline: Date.now() + 1500,
      onLine: (line) => {
        pid = Number(line);
      },
    });
    expect((await refusal(started)).code).toBe('VIDEO_PROCESSING_TIMEOUT');
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('answers VIDEO_UNAVAILABLE for a program that is not there', async () => {
    const error = await refusal(
      runTool(path.join(dir, 'missing-tool'), [], { deadline: Date.now() + 5000 }),
    );
    expect(error.code).toBe('VIDEO_UNAVAILABLE');
  });
});
