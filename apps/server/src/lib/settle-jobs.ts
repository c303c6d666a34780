/**
 * Settle jobs: the periodic detection and counting work that a replayed wave's results depend on
 * (counts, scores, later farm detection). The server runs them on timers; `settle` runs each once,
 * now, so a replay's outcomes do not depend on when the timers happened to fire.
 *
 * Modules register their jobs in the composition root (`app.ts`); the registry knows nothing of
 * them. Jobs run one after another in registration order, so a job may rely on the counts an
 * earlier one settled (register detection after counting).
 */
export interface SettleJob {
  /** Shown to staff and in replay summaries, e.g. "count views". */
  name: string;
  run(): Promise<unknown>;
}

export interface SettleJobOutcome {
  name: string;
  ok: boolean;
  ms: number;
  /** The failure, for the log only: never sent to a client. */
  error?: unknown;
}

export interface SettleJobs {
  register(job: SettleJob): void;
  names(): string[];
  /** Runs every job once; a failing job is reported and the next ones still run. */
  runAll(): Promise<SettleJobOutcome[]>;
}

export function createSettleJobs(): SettleJobs {
  const jobs: SettleJob[] = [];
  // one settle at a time: two replays finishing together must not run a job twice in parallel
  let running: Promise<SettleJobOutcome[]> | null = null;

  async function runEach(): Promise<SettleJobOutcome[]> {
    const outcomes: SettleJobOutcome[] = [];
    for (const job of jobs) {
      const started = performance.now();
      try {
        await job.run();
        outcomes.push({ name: job.name, ok: true, ms: performance.now() - started });
      } catch (error) {
        outcomes.push({ name: job.name, ok: false, ms: performance.now() - started, error });
      }
    }
    return outcomes;
  }

  return {
    register(job) {
      if (jobs.some((existing) => existing.name === job.name)) {
        throw new Error(`settle job "${job.name}" is registered twice`);
      }
      jobs.push(job);
    },
    names: () => jobs.map((job) => job.name),
    async runAll() {
      while (running) await running.catch(() => {});
      running = runEach();
      try {
        return await running;
      } finally {
        running = null;
      }
    },
  };
}
