import type { SettleResponse, SurgeAccountState, SurgeAccountsResponse } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { SettleJobs } from '../../lib/settle-jobs.js';
import type { StaffActor, StaffService } from '../staff/staff.service.js';
import { accountStates } from './surge.store.js';

export interface SurgeDeps {
  db: Db;
  staff: Pick<StaffService, 'require'>;
  settleJobs: SettleJobs;
  log: FastifyBaseLogger;
}

/**
 * The server side of surge replays: settling (every registered detection job, once) and the
 * outcome of each account. Trust levels do not exist yet: every account is level 0 until they do.
 */
export function createSurgeService(deps: SurgeDeps) {
  const { db, staff, settleJobs } = deps;

  /** Runs every settle job once. Whoever may act on accounts may: the jobs may act on them. */
  async function settle(actor: StaffActor): Promise<SettleResponse> {
    if (actor.kind === 'staff') await staff.require(actor, 'accounts.act');
    const started = performance.now();
    const outcomes = await settleJobs.runAll();
    for (const outcome of outcomes) {
      if (!outcome.ok)
        deps.log.error({ err: outcome.error, job: outcome.name }, 'settle job failed');
    }
    return {
      jobs: outcomes.map(({ name, ok, ms }) => ({ name, ok, ms: Math.round(ms * 10) / 10 })),
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /** The state of each account asked for, in the order asked (unknown ids: `exists: false`). */
  async function accounts(
    actor: StaffActor,
    ids: readonly string[],
  ): Promise<SurgeAccountsResponse> {
    // aggregate figures about many accounts: what analysts and administrators read
    if (actor.kind === 'staff') await staff.require(actor, 'metrics.read');
    const rows = new Map((await accountStates(db, ids, new Date())).map((row) => [row.id, row]));
    const items = ids.map((id): SurgeAccountState => {
      const row = rows.get(id);
      return {
        id,
        exists: row !== undefined,
        trustLevel: row?.trust_level ?? 0,
        restricted: row?.restricted ?? false,
        suspended: row?.suspended ?? false,
        cluster: row?.cluster ?? null,
        flagged: row?.flagged ?? false,
        notes: {
          published: row?.published ?? 0,
          held: row?.held ?? 0,
          removed: row?.removed ?? 0,
        },
      };
    });
    return { items };
  }

  return { settle, accounts };
}

export type SurgeService = ReturnType<typeof createSurgeService>;
