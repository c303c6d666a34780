import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { mediaError } from './media.errors.js';

// Finding ffmpeg/ffprobe and running them as child processes with a deadline. Arguments are
// always an array (never a shell line); the only file names passed are ours.

/** The two programs video processing runs. */
export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, searchPath: string | undefined): string | null {
  for (const directory of (searchPath ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * ffmpeg and ffprobe: the configured paths (`FFMPEG_PATH`, `FFPROBE_PATH`) when given, else the
 * first on `PATH`. Null when either is missing: video uploads are then refused with
 * `VIDEO_UNAVAILABLE` (images are unaffected).
 */
export function resolveVideoTools(
  configured: { ffmpegPath?: string | null; ffprobePath?: string | null } = {},
  searchPath: string | undefined = process.env.PATH,
): VideoTools | null {
  const ffmpeg = configured.ffmpegPath
    ? isExecutable(configured.ffmpegPath)
      ? configured.ffmpegPath
      : null
    : findOnPath('ffmpeg', searchPath);
  const ffprobe = configured.ffprobePath
    ? isExecutable(configured.ffprobePath)
      ? configured.ffprobePath
      : null
    : findOnPath('ffprobe', searchPath);
  return ffmpeg && ffprobe ? { ffmpeg, ffprobe } : null;
}

export interface ToolRun {
  code: number | null;
  stdout: string;
  /** The last few kilobytes of standard error (ffmpeg's reasons). */
  stderr: string;
}

export interface RunOptions {
  /** Absolute time (ms since the epoch) after which the child is killed. */
  deadline: number;
  signal?: AbortSignal;
  /** Called with each complete line of standard output as it arrives. */
  onLine?: (line: string) => void;
  /** Standard output kept for the result (ffprobe's JSON); more is an unreadable file. */
  maxStdoutBytes?: number;
}

const STDERR_TAIL = 4096;

/**
 * Runs a tool to its end. Past the deadline the child gets SIGKILL (a hung decoder ignores
 * anything gentler) and the run fails with `VIDEO_PROCESSING_TIMEOUT`; an abort kills it too and
 * rethrows the signal's reason. A missing program is `VIDEO_UNAVAILABLE`, never a crash.
 */
export function runTool(command: string, args: string[], options: RunOptions): Promise<ToolRun> {
  const { deadline, signal, onLine, maxStdoutBytes = 16 * 1024 * 1024 } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(mediaError('VIDEO_PROCESSING_TIMEOUT'));

    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stdoutBytes = 0;
    let pending = '';
    let stderr = '';
    let failure: unknown = null;

    const kill = (reason: unknown) => {
      failure ??= reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(mediaError('VIDEO_PROCESSING_TIMEOUT')), remaining);
    const onAbort = () => kill(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdoutBytes += Buffer.byteLength(chunk);
      if (stdoutBytes > maxStdoutBytes) {
        kill(mediaError('VIDEO_UNREADABLE', 'The video describes itself at absurd length'));
        return;
      }
      stdout += chunk;
      if (!onLine) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line.trim());
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });

    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(
        error.code === 'ENOENT' || error.code === 'EACCES'
          ? mediaError('VIDEO_UNAVAILABLE', `${path.basename(command)} cannot be run`)
          : error,
      );
    });
    child.on('close', (code) => {
      finish();
      if (failure) reject(failure);
      else resolve({ code, stdout, stderr });
    });
  });
}
