import type { SurgeMode, SurgeState } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import * as store from './surge-mode.store.js';
import {
  type AutoSurge,
  DEFAULT_SURGE_RULE,
  evaluateSurge,
  offThreshold,
  onThreshold,
  type SurgeRule,
  surgeFactor,
} from './surge-rule.js';

/** Writes an audit record in the caller's transaction (staff's audit log). */
export interface SurgeAudit {
  record(
    tx: Tx,
    entry: {
      actorId: string | null;
      /** Who acted when there is no account: the command line, or the server itself. */
      actorKind?: 'staff' | 'cli' | 'system';
      action: string;
      targetType: string;
      targetId: string;
      data: Record<string, unknown>;
    },
  ): Promise<void>;
}

export interface SurgeModeDeps {
  db: Db;
  audit: SurgeAudit;
  log: FastifyBaseLogger;
  rule?: SurgeRule;
  /** The time (tests drive it); `Date.now` by default. */
  now?: () => Date;
}

interface Snapshot {
  mode: SurgeMode;
  auto: AutoSurge;
  changedAt: Date;
  paused: ReadonlySet<string>;
}

/**
 * Surge mode's state, shared by every server process through the database (`surge_state`,
 * `signup_pauses`) and cached here between refreshes. The getters are synchronous and cheap:
 * the door, and later the trust levels' `limitsFor(level, { surge })`, read them per request.
 * `refresh()` (every 10 s, and after each switch) counts the last window's sign-up attempts,
 * applies the rule, stores what changed (one process wins each round: the row is locked) and
 * audits an automatic flip.
 */
export function createSurgeMode(deps: SurgeModeDeps) {
  const rule = deps.rule ?? DEFAULT_SURGE_RULE;
  const now = deps.now ?? (() => new Date());
  let snapshot: Snapshot = {
    mode: 'auto',
    auto: { active: false, rate: 0, baseline: 0, lastHighAt: null, evaluatedAt: null },
    changedAt: new Date(0),
    paused: new Set(),
  };

  const isActive = (s: Snapshot) => s.mode === 'on' || (s.mode === 'auto' && s.auto.active);

  function fromRow(row: Awaited<ReturnType<typeof store.readSurgeRow>>, paused: string[]) {
    return {
      mode: row.mode,
      auto: {
        active: row.auto_active,
        rate: row.rate,
        baseline: row.baseline,
        lastHighAt: row.last_high_at,
        evaluatedAt: row.evaluated_at,
      },
      changedAt: row.changed_at,
      paused: new Set(paused),
    } satisfies Snapshot;
  }

  /** Re-reads the shared state, evaluates the automatic rule, and stores the outcome. */
  async function refresh(): Promise<void> {
    const at = now();
    const count = await store.countSignupAttempts(
      deps.db,
      new Date(at.getTime() - rule.windowMinutes * 60_000),
      at,
    );
    const next = await inTransaction(deps.db, async (tx) => {
      const row = await store.lockSurgeRow(tx);
      const current = fromRow(row, []);
      // another process evaluated moments ago: take its result rather than average twice
      if (current.auto.evaluatedAt && at.getTime() - current.auto.evaluatedAt.getTime() < 2_000) {
        return current;
      }
      const auto = evaluateSurge(current.auto, { count, now: at }, rule);
      const flipped = auto.active !== current.auto.active;
      await store.updateSurgeRow(tx, {
        auto_active: auto.active,
        rate: auto.rate,
        baseline: auto.baseline,
        last_high_at: auto.lastHighAt,
        evaluated_at: auto.evaluatedAt,
        ...(flipped && current.mode === 'auto' ? { changed_at: at } : {}),
      });
      if (flipped) {
        await deps.audit.record(tx, {
          actorId: null,
          action: auto.active ? 'surge.auto_on' : 'surge.auto_off',
          targetType: 'surge',
          targetId: 'door',
          data: { mode: current.mode, rate: auto.rate, baseline: auto.baseline },
        });
      }
      return {
        ...current,
        auto,
        changedAt: flipped && current.mode === 'auto' ? at : current.changedAt,
      };
    });
    snapshot = { ...next, paused: new Set(await store.pausedCountries(deps.db)) };
  }

  /** Reads the shared state without evaluating (after a switch made elsewhere). */
  async function reload(): Promise<void> {
    const row = await store.readSurgeRow(deps.db);
    snapshot = fromRow(row, await store.pausedCountries(deps.db));
  }

  async function setMode(actorId: string, mode: SurgeMode): Promise<void> {
    await inTransaction(deps.db, async (tx) => {
      const row = await store.lockSurgeRow(tx);
      if (row.mode === mode) return;
      await store.updateSurgeRow(tx, { mode, changed_at: now() });
      await deps.audit.record(tx, {
        actorId,
        action: 'surge.mode',
        targetType: 'surge',
        targetId: 'door',
        data: { from: row.mode, to: mode },
      });
    });
    await reload();
  }

  /**
   * Pauses or resumes one country's sign-ups (the risk console, and the `signups` kill switch
   * with a country). `actorId` null: the command line.
   */
  async function setPaused(
    actorId: string | null,
    country: string,
    paused: boolean,
    reason: string | null = null,
  ): Promise<void> {
    await inTransaction(deps.db, async (tx) => {
      const changed = paused
        ? await store.insertPause(tx, country, actorId, reason)
        : await store.deletePause(tx, country);
      if (!changed) return;
      await deps.audit.record(tx, {
        actorId,
        ...(actorId ? {} : { actorKind: 'cli' as const }),
        action: paused ? 'surge.country_pause' : 'surge.country_resume',
        targetType: 'country',
        targetId: country,
        data: reason ? { reason } : {},
      });
    });
    await reload();
  }

  function state(): SurgeState {
    const s = snapshot;
    const active = isActive(s);
    return {
      mode: s.mode,
      active,
      autoActive: s.auto.active,
      factor: surgeFactor(active, s.auto.rate, s.auto.baseline, rule),
      rate: s.auto.rate,
      baseline: s.auto.baseline,
      onAt: onThreshold(rule, s.auto.baseline),
      offBelow: offThreshold(rule, s.auto.baseline),
      evaluatedAt: s.auto.evaluatedAt?.toISOString() ?? null,
      changedAt: s.changedAt.toISOString(),
      pausedCountries: [...s.paused],
    };
  }

  let timer: NodeJS.Timeout | null = null;
  /** Refreshes every `everyMs` until `stop()`; a failed refresh keeps the last state. */
  function start(everyMs = 10_000): void {
    if (timer) return;
    const tick = () =>
      refresh().catch((error: unknown) =>
        deps.log.warn({ err: error }, 'surge state not refreshed: keeping the last one'),
      );
    void tick();
    timer = setInterval(tick, everyMs);
    timer.unref();
  }
  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    /** Whether the door is strict now: cheap and synchronous (trust levels read it). */
    isSurgeActive: () => isActive(snapshot),
    /** The factor the door applies (1 when not active). */
    factor: () => surgeFactor(isActive(snapshot), snapshot.auto.rate, snapshot.auto.baseline, rule),
    /** Whether sign-ups from this IP country are paused (null: not located, never paused). */
    isPaused: (country: string | null) => country !== null && snapshot.paused.has(country),
    state,
    refresh,
    reload,
    setMode,
    setPaused,
    /** The paused countries with who paused each, when and why. */
    pauses: () => store.pauseRows(deps.db),
    start,
    stop,
  };
}

export type SurgeModeService = ReturnType<typeof createSurgeMode>;
