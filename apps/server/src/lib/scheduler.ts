import type { FastifyBaseLogger } from 'fastify';
import { observeTaskRun } from './metrics.js';

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
  /**
   * Runs on every node each period, never behind the shared one-runner lock: for queues whose
   * items are claimed one by one (`FOR UPDATE SKIP LOCKED`), where more nodes mean more done.
   */
  everyNode?: boolean;
}

/**
 * One runner per task and period among several nodes (Redis: docs/scale.md). `acquire` answers
 * whether this node runs `name` now; the claim lapses after `ttlMs`. When it cannot tell, it
 * answers true: tasks are idempotent, so two runners cost work, never correctness.
 */
export interface TaskLock {
  acquire(name: string, ttlMs: number): Promise<boolean>;
}

/**
 * Runs each task every `everyMs`, never two runs of one task at once. Failures are logged and
 * the task runs again next time: tasks are idempotent. `stop()` waits for running tasks. With a
 * `lock` shared by several nodes, each period's run happens on one of them.
 */
export function startPeriodic(tasks: PeriodicTask[], log: FastifyBaseLogger, lock?: TaskLock) {
  const running = new Map<string, Promise<unknown>>();
  async function runOnce(task: PeriodicTask): Promise<void> {
    // the claim lasts a little less than the period, so the next period is free to claim
    if (lock && !task.everyNode && !(await lock.acquire(task.name, Math.max(1, task.everyMs - 50))))
      return;
    const started = performance.now();
    try {
      await task.run();
      observeTaskRun(task.name, true, performance.now() - started);
    } catch (error) {
      observeTaskRun(task.name, false, performance.now() - started);
      log.error({ err: error, task: task.name }, 'periodic task failed');
    }
  }
  const timers = tasks.map((task) =>
    setInterval(() => {
      if (running.has(task.name)) return;
      running.set(
        task.name,
        runOnce(task).finally(() => running.delete(task.name)),
      );
    }, task.everyMs).unref(),
  );
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
