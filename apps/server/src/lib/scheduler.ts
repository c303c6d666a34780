import type { FastifyBaseLogger } from 'fastify';
import { observeTaskRun } from './metrics.js';

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs each task every `everyMs`, never two runs of one task at once. Failures are logged and
 * the task runs again next time: tasks are idempotent. `stop()` waits for running tasks.
 */
export function startPeriodic(tasks: PeriodicTask[], log: FastifyBaseLogger) {
  const running = new Map<string, Promise<unknown>>();
  const timers = tasks.map((task) =>
    setInterval(() => {
      if (running.has(task.name)) return;
      const started = performance.now();
      const run = task
        .run()
        .then(
          () => observeTaskRun(task.name, true, performance.now() - started),
          (error) => {
            observeTaskRun(task.name, false, performance.now() - started);
            log.error({ err: error, task: task.name }, 'periodic task failed');
          },
        )
        .finally(() => running.delete(task.name));
      running.set(task.name, run);
    }, task.everyMs).unref(),
  );
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
