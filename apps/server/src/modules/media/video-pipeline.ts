import { mkdir, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import type { EncodedImage } from './image-pipeline.js';
import { mediaError } from './media.errors.js';
import { resolveVideoTools, runTool, type VideoTools } from './video-tools.js';

// Video notes (docs/media.md, "Video notes"): an upload on disk is sniffed, probed against the
// limits, then transcoded in one ffmpeg run to H.264/AAC MP4 at up to 720p with faststart and no
// metadata, while the same decode yields one frame per second for the image checkers. Pure: no
// database, no storage; every temporary file is removed before it returns or throws.

export const videoContainers = ['mp4', 'mov', 'webm'] as const;
export type VideoContainer = (typeof videoContainers)[number];

export interface VideoLimits {
  maxBytes: number;
  maxDurationSeconds: number;
  /** Width × height of one frame (decompression bombs). */
  maxPixels: number;
  /** Frames the source may hold (declared, or duration × frame rate). */
  maxFrames: number;
}

/** The output fits inside 1280×720 (either orientation), never upscaled. */
export const VIDEO_LONG_SIDE = 1280;
export const VIDEO_SHORT_SIDE = 720;
/** Sampled frames: one per second, at most this many (spread evenly over longer videos). */
export const MAX_SAMPLED_FRAMES = 60;
/** Output frame rate cap: a 1000 fps source becomes 60 fps. */
const MAX_OUTPUT_FPS = 60;
/** x264 settings measured in bench/video/transcode.ts: 60 s of 1080p30 in well under 60 s on 2 cores. */
const X264_PRESET = 'veryfast';
const X264_CRF = '23';
const AAC_BITRATE = '128k';
const PROBE_TIMEOUT_MS = 20_000;
const PLACEHOLDER_SIDE = 100;

const acceptedVideoCodecs = new Set(['h264', 'hevc', 'vp8', 'vp9', 'av1', 'mpeg4']);
/** The ffmpeg demuxer forced for each sniffed container, so a file cannot pick another. */
const demuxerOf: Record<VideoContainer, string> = { mp4: 'mov', mov: 'mov', webm: 'matroska' };

export interface VideoProbe {
  container: VideoContainer;
  videoCodec: string;
  /** Null without an audio track. */
  audioCodec: string | null;
  hasAudio: boolean;
  durationSeconds: number;
  /** As displayed: after rotation and non-square pixels. */
  width: number;
  height: number;
  /** Of the stored frames, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** The rotation the file declares (its display matrix, as ffprobe reports it): 0, 90, 180, 270. */
  rotation: number;
  /** Average frames per second, null when the file does not say. */
  frameRate: number | null;
  /** Declared frame count, else duration × frame rate; null when neither is known. */
  estimatedFrames: number | null;
  bytes: number;
}

export interface VideoFrame {
  /** Where in the video, in seconds. */
  atSecond: number;
  mime: 'image/jpeg';
  bytes: Buffer;
  width: number;
  height: number;
}

export interface ProcessedVideo {
  mime: 'video/mp4';
  /** The H.264/AAC MP4, moov first (plays while downloading). */
  video: Buffer;
  width: number;
  height: number;
  durationSeconds: number;
  hasAudio: boolean;
  /** The poster, a WebP frame from about one second in. */
  poster: EncodedImage;
  /** thumbhash of the poster, base64. */
  placeholder: string;
  /** One frame per second (at most MAX_SAMPLED_FRAMES), for the image checkers. */
  frames: VideoFrame[];
  source: VideoProbe;
}

export interface VideoRunOptions {
  /** ffmpeg and ffprobe; default: found with resolveVideoTools(). */
  tools?: VideoTools | null;
  /** Whole-run deadline; past it the child is killed and VIDEO_PROCESSING_TIMEOUT thrown. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where the temporary directory goes (default: the OS temp directory). */
  workDir?: string;
}

export interface ProcessVideoOptions extends VideoRunOptions {
  /** Percent done, 0 to 100, never decreasing; 100 only once the result is ready. */
  onProgress?: (percent: number) => void;
  maxSampledFrames?: number;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const asciiAt = (bytes: Uint8Array, offset: number, length: number) =>
  Buffer.from(bytes.subarray(offset, offset + length)).toString('latin1');

/** ISO base media brands of video files (MP4 and its QuickTime parent). */
const mp4Brands = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'MSNV',
  'dash',
  'mmp4',
  '3gp4',
  '3gp5',
  '3gp6',
  '3g2a',
]);
/** Top-level atoms an old QuickTime file (no `ftyp`) may start with. */
const quickTimeAtoms = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * The container of an upload from its first bytes (the name and declared type are never
 * consulted): MP4 and MOV by their `ftyp` brand, WebM by its EBML DocType. Matroska that is not
 * WebM, HEIF/AVIF images and audio-only brands are refused.
 */
export function sniffVideoFormat(bytes: Uint8Array): VideoContainer | null {
  if (bytes.length >= 12 && asciiAt(bytes, 4, 4) === 'ftyp') {
    const brand = asciiAt(bytes, 8, 4);
    if (brand === 'qt  ') return 'mov';
    return mp4Brands.has(brand) ? 'mp4' : null;
  }
  if (bytes.length >= 8 && quickTimeAtoms.has(asciiAt(bytes, 4, 4))) return 'mov';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    // DocType element (0x4282), its size byte, then the name, within the EBML header.
    const header = Buffer.from(bytes.subarray(0, 64));
    const docType = header.indexOf(Buffer.from([0x42, 0x82]));
    if (docType >= 0 && startsWith(header, ascii('webm'), docType + 3)) return 'webm';
  }
  return null;
}

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [numerator, denominator = '1'] = rate.split('/');
  const value = Number(numerator) / Number(denominator);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function positiveNumber(value: unknown): number | null {
  const number =
    typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : null;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  nb_frames?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  sample_aspect_ratio?: string;
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  disposition?: { attached_pic?: number };
}

interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string };
}

function rotationOf(stream: ProbeStream): number {
  const matrix = stream.side_data_list?.find((side) => side.side_data_type === 'Display Matrix');
  const degrees = matrix?.rotation ?? (Number(stream.tags?.rotate) || 0);
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

/** Input options shared by ffprobe and ffmpeg: the sniffed demuxer, local files only, bombs. */
function inputArgs(container: VideoContainer, maxPixels: number, file: string): string[] {
  return [
    '-protocol_whitelist',
    'file',
    '-max_pixels',
    String(maxPixels),
    '-f',
    demuxerOf[container],
    '-i',
    file,
  ];
}

async function runProbe(
  tools: VideoTools,
  container: VideoContainer,
  file: string,
  maxPixels: number,
  options: { deadline: number; signal?: AbortSignal },
): Promise<ProbeOutput> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'];
  // ffprobe takes its input without -i.
  const input = inputArgs(container, maxPixels, file).filter((arg) => arg !== '-i');
  const run = await runTool(tools.ffprobe, [...args, ...input], {
    ...options,
    maxStdoutBytes: 1024 * 1024,
  });
  if (run.code !== 0) throw failureOf(run.stderr, maxPixels, 'The video cannot be read');
  try {
    return JSON.parse(run.stdout) as ProbeOutput;
  } catch {
    throw mediaError('VIDEO_UNREADABLE', 'The video cannot be read');
  }
}

/** A failed run: a picture over the pixel limit (the decoder's -max_pixels) or unreadable. */
function failureOf(stderr: string, maxPixels: number, detail: string) {
  if (/exceeds specified max pixel count/i.test(stderr)) {
    return mediaError('VIDEO_TOO_LARGE', `Video frames may have at most ${maxPixels} pixels`);
  }
  return mediaError('VIDEO_UNREADABLE', detail);
}

function toolsOrRefuse(tools: VideoTools | null | undefined): VideoTools {
  const found = tools === undefined ? resolveVideoTools() : tools;
  if (!found) throw mediaError('VIDEO_UNAVAILABLE', 'ffmpeg is not installed on this server');
  return found;
}

/**
 * Checks an upload on disk against the limits without decoding it: size, container by content,
 * then ffprobe's view of the streams (codec, duration, dimensions, frame count, audio).
 */
export async function probeVideo(
  file: string,
  limits: VideoLimits,
  options: VideoRunOptions = {},
): Promise<VideoProbe> {
  const deadline = Date.now() + Math.min(options.timeoutMs ?? PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS);
  return probeUntil(file, limits, toolsOrRefuse(options.tools), deadline, options.signal);
}

async function probeUntil(
  file: string,
  limits: VideoLimits,
  tools: VideoTools,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<VideoProbe> {
  const { size } = await stat(file);
  if (size > limits.maxBytes) {
    throw mediaError('VIDEO_TOO_LARGE', `Videos may be at most ${limits.maxBytes} bytes`);
  }
  const container = sniffVideoFormat(await readHead(file, 64));
  if (!container) throw mediaError('UNSUPPORTED_MEDIA', 'This is not an MP4, MOV or WebM video');

  const probe = await runProbe(tools, container, file, limits.maxPixels, { deadline, signal });
  const streams = probe.streams ?? [];
  const video = streams.find(
    (stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic,
  );
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  if (!video?.codec_name || !video.width || !video.height) {
    throw mediaError('VIDEO_UNREADABLE', 'The file holds no readable video track');
  }
  if (!acceptedVideoCodecs.has(video.codec_name)) {
    throw mediaError('UNSUPPORTED_MEDIA', `Video in ${video.codec_name} is not accepted`);
  }
  if (video.width * video.height > limits.maxPixels) {
    throw mediaError(
      'VIDEO_TOO_LARGE',
      `Video frames may have at most ${limits.maxPixels} pixels (${video.width}×${video.height})`,
    );
  }
  const durationSeconds =
    positiveNumber(probe.format?.duration) ?? positiveNumber(video.duration) ?? null;
  if (durationSeconds === null) {
    throw mediaError('VIDEO_UNREADABLE', 'The video does not say how long it is');
  }
  if (durationSeconds > limits.maxDurationSeconds) {
    throw mediaError(
      'VIDEO_TOO_LONG',
      `Videos may be at most ${limits.maxDurationSeconds} s long (${Math.round(durationSeconds)} s)`,
    );
  }
  // r_frame_rate is a timebase guess (often 1000 in browser-recorded WebM): only a fallback.
  const frameRate = parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate);
  const declaredFrames = positiveNumber(video.nb_frames);
  const estimatedFrames =
    declaredFrames ?? (frameRate === null ? null : Math.ceil(durationSeconds * frameRate));
  if (estimatedFrames !== null && estimatedFrames > limits.maxFrames) {
    throw mediaError(
      'VIDEO_TOO_LARGE',
      `Videos may have at most ${limits.maxFrames} frames (${estimatedFrames})`,
    );
  }

  const rotation = rotationOf(video);
  const [sarWidth, sarHeight] = (video.sample_aspect_ratio ?? '1:1').split(':').map(Number);
  const pixelAspect = sarWidth && sarHeight ? sarWidth / sarHeight : 1;
  const storedWidth = Math.max(1, Math.round(video.width * pixelAspect));
  const sideways = rotation === 90 || rotation === 270;
  return {
    container,
    videoCodec: video.codec_name,
    audioCodec: audio?.codec_name ?? null,
    hasAudio: audio !== undefined,
    durationSeconds,
    width: sideways ? video.height : storedWidth,
    height: sideways ? storedWidth : video.height,
    codedWidth: video.width,
    codedHeight: video.height,
    rotation,
    frameRate,
    estimatedFrames,
    bytes: size,
  };
}

/** Fits width × height inside 1280×720 in its orientation, never larger, even sides. */
export function outputSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(
    1,
    VIDEO_LONG_SIDE / Math.max(width, height),
    VIDEO_SHORT_SIDE / Math.min(width, height),
  );
  const even = (side: number) => Math.max(2, Math.floor((side * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

async function thumbhashOf(image: Buffer): Promise<string> {
  const { data, info } = await sharp(image)
    .resize(PLACEHOLDER_SIDE, PLACEHOLDER_SIDE, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}

/**
 * Probes, then transcodes an upload on disk: H.264 (yuv420p, CRF 23, veryfast) and AAC 128 kb/s
 * in MP4 with `+faststart`, at most 1280×720 in its orientation (rotation applied, never
 * upscaled, even sides), at most 60 fps, every metadata tag and chapter dropped. The same decode
 * writes the sampled frames (JPEG at the output size); the poster is the frame at 1 s (WebP).
 * Decoding is strict (`-xerror`): a truncated or corrupt file is VIDEO_UNREADABLE, never a
 * partial video. The whole run has one deadline (`timeoutMs`).
 */
export async function processVideo(
  inputFile: string,
  limits: VideoLimits,
  options: ProcessVideoOptions = {},
): Promise<ProcessedVideo> {
  const tools = toolsOrRefuse(options.tools);
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const { signal } = options;
  let reported = -1;
  const report = (percent: number) => {
    if (percent <= reported) return;
    reported = percent;
    options.onProgress?.(percent);
  };
  report(0);

  const source = await probeUntil(inputFile, limits, tools, deadline, signal);
  const size = outputSize(source.width, source.height);
  const maxFrames = options.maxSampledFrames ?? MAX_SAMPLED_FRAMES;
  // One frame a second, or fewer, evenly spread, when that would exceed the cap.
  const sampleRate = Math.min(1, maxFrames / source.durationSeconds);

  const work = await mkdtemp(path.join(options.workDir ?? tmpdir(), 'atrium-video-'));
  try {
    const output = path.join(work, 'video.mp4');
    const framesDir = path.join(work, 'frames');
    await mkdir(framesDir);
    const scale = `scale=${size.width}:${size.height}:flags=bicubic,setsar=1`;
    const args = [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-v',
      'error',
      '-xerror',
      '-progress',
      'pipe:1',
      ...inputArgs(source.container, limits.maxPixels, inputFile),
      // the video
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-map_metadata',
      '-1',
      '-map_chapters',
      '-1',
      '-t',
      String(limits.maxDurationSeconds),
      '-vf',
      scale,
      '-fpsmax',
      String(MAX_OUTPUT_FPS),
      '-c:v',
      'libx264',
      '-preset',
      X264_PRESET,
      '-crf',
      X264_CRF,
      '-pix_fmt',
      'yuv420p',
      '-profile:v',
      'high',
      '-c:a',
      'aac',
      '-b:a',
      AAC_BITRATE,
      '-ac',
      '2',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      output,
      // the sampled frames, from the same decode
      '-map',
      '0:v:0',
      '-map_metadata',
      '-1',
      '-vf',
      `fps=${sampleRate.toFixed(6)},${scale}`,
      '-frames:v',
      String(maxFrames),
      '-q:v',
      '3',
      '-f',
      'image2',
      path.join(framesDir, '%05d.jpg'),
    ];
    const totalMicroseconds = source.durationSeconds * 1_000_000;
    const run = await runTool(tools.ffmpeg, args, {
      deadline,
      signal,
      onLine: (line) => {
        const match = /^out_time_us=(\d+)$/.exec(line);
        // 95: what remains (reading back, poster, frames) is short but not nothing.
        if (match) report(Math.min(95, Math.floor((Number(match[1]) / totalMicroseconds) * 95)));
      },
    });
    if (run.code !== 0)
      throw failureOf(run.stderr, limits.maxPixels, 'The video cannot be decoded');
    report(95);

    const result = await runProbe(tools, 'mp4', output, limits.maxPixels, { deadline, signal });
    const outputVideo = result.streams?.find((stream) => stream.codec_type === 'video');
    const durationSeconds = positiveNumber(result.format?.duration);
    if (!outputVideo?.width || !outputVideo.height || durationSeconds === null) {
      throw mediaError('VIDEO_UNREADABLE', 'The video cannot be decoded');
    }

    const frameFiles = (await readdir(framesDir)).filter((name) => name.endsWith('.jpg')).sort();
    const frames: VideoFrame[] = [];
    for (const [index, name] of frameFiles.entries()) {
      frames.push({
        atSecond: Math.round((index / sampleRate) * 100) / 100,
        mime: 'image/jpeg',
        bytes: await readFile(path.join(framesDir, name)),
        width: outputVideo.width,
        height: outputVideo.height,
      });
    }
    const posterFrame = frames[1] ?? frames[0];
    if (!posterFrame) throw mediaError('VIDEO_UNREADABLE', 'The video has no picture');
    const posterBytes = await sharp(posterFrame.bytes).webp({ quality: 82, effort: 4 }).toBuffer();
    const placeholder = await thumbhashOf(posterBytes);
    const video = await readFile(output);
    if (Date.now() > deadline) throw mediaError('VIDEO_PROCESSING_TIMEOUT');

    const processed: ProcessedVideo = {
      mime: 'video/mp4',
      video,
      width: outputVideo.width,
      height: outputVideo.height,
      durationSeconds,
      hasAudio: result.streams?.some((stream) => stream.codec_type === 'audio') ?? false,
      poster: { bytes: posterBytes, width: posterFrame.width, height: posterFrame.height },
      placeholder,
      frames,
      source,
    };
    report(100);
    return processed;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
