/**
 * One long-lived Apertium pipeline for one translation direction, in null-flush mode: each unit
 * of input ends with NUL, and the pipeline answers each with one unit of output ending with NUL,
 * in order. Starting a pipeline costs ~0.2–0.5 s (it loads the transducers); a warm one
 * translates a sentence in a few milliseconds. It talks over pipes only — no network listener.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { abortReason, TranslationEngineError } from './errors.js';

export interface PipelineOptions {
  /** Engine name, for errors. */
  engine: string;
  /** Path of the `.mode` file of the direction. */
  modeFile: string;
  /** A batch not answered within this time means the pipeline hangs: it is killed. */
  stallTimeoutMs: number;
  /** An idle pipeline exits after this time, to give back its memory (~40 MB). */
  idleMs: number;
}

interface Batch {
  markers: string[];
  outputs: string[];
  resolve: (outputs: string[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** The caller gave up: the answer is still read, to keep the order, then dropped. */
  abandoned: boolean;
  /** Stops listening to the caller's signal. */
  detach: () => void;
}

// The unit marker: a superblank at the start of each unit, checked on the way out, so a pipeline
// that ever answered out of step is caught instead of handing one post the translation of another.
const MARKER_PREFIX = '<atrium:';

/** Whether a superblank's content is a unit marker. */
export function isUnitMarker(content: string): boolean {
  return content.startsWith(MARKER_PREFIX);
}

// The shell script that runs the mode's pipeline: `apertium-wblank-mode -z` rewrites the mode file
// for null-flush and word-bound blanks (what the `apertium` command runs), "-n" is the generator
// option for unmarked unknown words (`apertium -u`). `stdbuf -o0` around it is needed because some
// stages (lt-proc -b in lttoolbox 3.7) do not flush their output at NUL; without it a unit would
// wait in a buffer until the next ones pushed it out.
const SCRIPT = 'exec bash <(apertium-wblank-mode -z "$1") -n ""';

export class ApertiumPipeline {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly batches: Batch[] = [];
  private pending = '';
  private stderr = '';
  private nextMarker = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PipelineOptions) {}

  /** Translates stream-format units; resolves with one raw output unit per input unit. */
  translate(units: readonly string[], signal?: AbortSignal): Promise<string[]> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (units.length === 0) return Promise.resolve([]);
    const child = this.start();
    const markers = units.map(() => `${MARKER_PREFIX}${this.nextMarker++}>`);
    return new Promise<string[]>((resolve, reject) => {
      const batch: Batch = {
        markers,
        outputs: [],
        resolve,
        reject,
        abandoned: false,
        detach: () => signal?.removeEventListener('abort', onAbort),
        timer: setTimeout(() => {
          this.fail(
            new TranslationEngineError(
              this.options.engine,
              'timeout',
              `no answer from apertium within ${this.options.stallTimeoutMs} ms`,
            ),
          );
        }, this.options.stallTimeoutMs),
      };
      const onAbort = (): void => {
        if (batch.abandoned || !this.batches.includes(batch)) return;
        batch.abandoned = true;
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.batches.push(batch);
      // The empty superblank before NUL keeps a final full stop: without it the pipeline takes
      // the stop for the sentence end its own deformatter would have added, and drops it.
      const input = units.map((unit, index) => `[${markers[index]}]${unit}[]\0`).join('');
      child.stdin.write(input);
    });
  }

  /** Stops the pipeline; batches still waiting are rejected. */
  close(): void {
    this.fail(new TranslationEngineError(this.options.engine, 'unavailable', 'engine closed'));
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.child) return this.child;
    // A process group of its own, so that the whole pipeline (a dozen processes) can be killed.
    const child = spawn(
      'stdbuf',
      ['-o0', 'bash', '-c', SCRIPT, 'apertium', this.options.modeFile],
      {
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C.UTF-8' },
      },
    );
    this.child = child;
    this.pending = '';
    this.stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.receive(child, chunk));
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-2000);
    });
    child.stdin.on('error', () => {
      // EPIPE when the pipeline died: reported by 'exit' below.
    });
    child.on('error', (error) => {
      if (this.child !== child) return;
      this.fail(
        new TranslationEngineError(this.options.engine, 'unavailable', error.message, undefined, {
          cause: error,
        }),
      );
    });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      const detail = this.stderr.trim() || `exit ${code ?? signal}`;
      this.rejectAll(
        new TranslationEngineError(this.options.engine, 'unavailable', `apertium died: ${detail}`),
      );
    });
    return child;
  }

  private receive(child: ChildProcessWithoutNullStreams, chunk: string): void {
    if (this.child !== child) return;
    this.pending += chunk;
    let end = this.pending.indexOf('\0');
    while (end >= 0) {
      const unit = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 1);
      const batch = this.batches[0];
      // Extra NULs come only when the input ends; there is nothing to match them with.
      if (batch === undefined) return;
      const marker = batch.markers[batch.outputs.length]!;
      if (!unit.includes(`[${marker}]`)) {
        this.fail(
          new TranslationEngineError(
            this.options.engine,
            'bad_response',
            'apertium answered out of step',
          ),
        );
        return;
      }
      batch.outputs.push(unit);
      if (batch.outputs.length === batch.markers.length) {
        this.batches.shift();
        clearTimeout(batch.timer);
        batch.detach();
        if (!batch.abandoned) batch.resolve(batch.outputs);
        if (this.batches.length === 0) this.scheduleIdle();
      }
      end = this.pending.indexOf('\0');
    }
  }

  private scheduleIdle(): void {
    this.idleTimer = setTimeout(() => {
      if (this.batches.length === 0) this.close();
    }, this.options.idleMs);
    this.idleTimer.unref();
  }

  private fail(error: Error): void {
    const child = this.child;
    this.child = undefined;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (child) {
      child.stdin.end();
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.rejectAll(error);
  }

  private rejectAll(error: Error): void {
    for (const batch of this.batches.splice(0)) {
      clearTimeout(batch.timer);
      batch.detach();
      if (!batch.abandoned) batch.reject(error);
    }
  }
}
