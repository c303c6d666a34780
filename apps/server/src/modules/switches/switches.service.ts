import type {
  KillSwitch,
  PlatformStatus,
  SetSwitchBody,
  Switches,
  SwitchName,
} from '@atrium/contracts';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { type DomainEvents, noDomainEvents } from '../../lib/domain-events.js';
import type { SwitchSignal } from './switch-signal.js';
import { switchError } from './switches.errors.js';
import { mayFlipSwitches, mayReadSwitches, type SwitchReader } from './switches.policy.js';
import * as store from './switches.store.js';

/** Who flips: a staff member (checked), or the operator at the command line. */
export type SwitchActor = { kind: 'staff'; accountId: string } | { kind: 'cli' };

/** Writes an audit record in the caller's transaction (staff's tamper-evident log). */
export interface SwitchAudit {
  record(
    tx: Tx,
    entry: {
      actorId: string | null;
      actorKind?: 'staff' | 'cli' | 'system';
      action: string;
      targetType: string;
      targetId: string;
      data: Record<string, unknown>;
    },
  ): Promise<void>;
}

/** Sign-ups paused per country: surge mode's store (the risk console flips the same). */
export interface CountryPauses {
  setPaused(
    actorId: string | null,
    country: string,
    paused: boolean,
    reason: string | null,
  ): Promise<void>;
  pauses(): Promise<
    {
      country: string;
      reason: string | null;
      created_at: Date;
      created_by: string | null;
      handle: string | null;
    }[]
  >;
  /** Re-reads the paused countries (after a change made on another node). */
  reload(): Promise<void>;
}

export interface SwitchesDeps {
  db: Db;
  audit: SwitchAudit;
  countries: CountryPauses;
  /** The rule ids of the moderation policy in force. */
  ruleIds(): Promise<string[]>;
  staffMember(accountId: string): Promise<SwitchReader | null>;
  signal: SwitchSignal;
  warn?: (error: unknown, message: string) => void;
  /** `switch.flipped`, recorded with the flip (NATS configured). */
  events?: DomainEvents;
}

type Row = Awaited<ReturnType<typeof store.switchRows>>[number];

const actorOf = (row: { created_by: string | null; handle: string | null }) =>
  row.created_by && row.handle ? { id: row.created_by, handle: row.handle } : null;

function toSwitch(row: Row): KillSwitch {
  return {
    name: row.name,
    target: row.target === '' ? null : row.target,
    reason: row.reason,
    by: actorOf(row),
    since: row.created_at.toISOString(),
  };
}

/**
 * The kill switches: stored in the database (one truth for every node), held in memory here and
 * read per request by cheap synchronous getters. A change on this node applies at once; one on
 * another node or at the command line arrives through the signal (LISTEN/NOTIFY, or a poll)
 * and applies within a second.
 */
export function createSwitches(deps: SwitchesDeps) {
  let on = new Map<SwitchName, KillSwitch>();
  let disabled: ReadonlySet<string> = new Set();
  /** Bumped on every change of the disabled rules (the rules wrapper re-filters then). */
  let rulesVersion = 0;
  let loaded = Date.now();
  let reloading: Promise<void> | null = null;
  let again = false;

  async function readOnce(): Promise<void> {
    const rows = await store.switchRows(deps.db);
    const next = new Map<SwitchName, KillSwitch>();
    const rules = new Set<string>();
    for (const row of rows) {
      if (row.name === 'policy_rule') rules.add(row.target);
      else next.set(row.name, toSwitch(row));
    }
    if (rules.size !== disabled.size || [...rules].some((rule) => !disabled.has(rule))) {
      disabled = rules;
      rulesVersion += 1;
    }
    on = next;
    await deps.countries.reload();
    loaded = Date.now();
  }

  /** Re-reads the switches; calls while one runs are merged into one more read after it. */
  function reload(): Promise<void> {
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = (async () => {
      try {
        do {
          again = false;
          await readOnce();
        } while (again);
      } finally {
        reloading = null;
      }
    })();
    return reloading;
  }

  async function check(actor: SwitchActor, denialOf: typeof mayReadSwitches): Promise<void> {
    if (actor.kind !== 'staff') return;
    const denial = denialOf(await deps.staffMember(actor.accountId));
    if (denial) throw switchError(denial.code, denial.reason);
  }

  async function list(actor: SwitchActor): Promise<Switches> {
    await check(actor, mayReadSwitches);
    const [rows, pauses, rules] = await Promise.all([
      store.switchRows(deps.db),
      deps.countries.pauses(),
      deps.ruleIds(),
    ]);
    const countries: KillSwitch[] = pauses.map((pause) => ({
      name: 'signups',
      target: pause.country,
      reason: pause.reason,
      by: actorOf(pause),
      since: pause.created_at.toISOString(),
    }));
    const all = [...rows.map(toSwitch), ...countries];
    all.sort((a, b) =>
      a.name === b.name ? (a.target ?? '').localeCompare(b.target ?? '') : a.name < b.name ? -1 : 1,
    );
    return { on: all, rules };
  }

  /** Validates the target a switch takes: a country for sign-ups, a rule id for a rule. */
  async function targetOf(name: SwitchName, input: SetSwitchBody): Promise<string> {
    const target = input.target?.trim() ?? '';
    if (name === 'signups') {
      if (target === '') return '';
      if (!/^[A-Za-z]{2}$/.test(target)) {
        throw switchError('VALIDATION_FAILED', 'A country is two letters (ISO 3166-1 alpha-2)');
      }
      return target.toUpperCase();
    }
    if (name === 'policy_rule') {
      if (target === '') throw switchError('VALIDATION_FAILED', 'Name the rule (its id)');
      // a rule may be turned back on after a new policy dropped it; only turning on checks
      if (input.on && !(await deps.ruleIds()).includes(target)) {
        throw switchError('NOT_FOUND', `The policy in force has no rule ${target}`);
      }
      return target;
    }
    if (target !== '') throw switchError('VALIDATION_FAILED', `The ${name} switch takes no target`);
    return '';
  }

  /** Turns a switch on or off (audited with it); a switch already so is left alone. */
  async function set(actor: SwitchActor, name: SwitchName, input: SetSwitchBody) {
    await check(actor, mayFlipSwitches);
    const target = await targetOf(name, input);
    const reason = input.reason?.trim() || null;
    const actorId = actor.kind === 'staff' ? actor.accountId : null;
    if (name === 'signups' && target !== '') {
      await deps.countries.setPaused(actorId, target, input.on, reason);
    } else {
      await inTransaction(deps.db, async (tx) => {
        const changed = input.on
          ? await store.insertSwitch(tx, { name, target, reason, by: actorId })
          : await store.deleteSwitch(tx, name, target);
        if (!changed) return;
        await deps.audit.record(tx, {
          actorId,
          actorKind: actor.kind,
          action: input.on ? 'switch.on' : 'switch.off',
          targetType: 'switch',
          targetId: target ? `${name}:${target}` : name,
          data: { name, ...(target ? { target } : {}), ...(reason ? { reason } : {}) },
        });
        await (deps.events ?? noDomainEvents).record(tx, {
          type: 'switch.flipped',
          key: target ? `${name}:${target}` : name,
          data: { name, target: target || null, on: input.on },
        });
      });
    }
    // this node applies it now; the others when the commit's notification reaches them
    await reload();
    return list(actor);
  }

  function status(): PlatformStatus {
    return {
      readOnly: on.has('posting'),
      uploadsPaused: on.has('uploads'),
      translationPaused: on.has('translation'),
      signupsPaused: on.has('signups'),
    };
  }

  async function start(): Promise<void> {
    await reload();
    await deps.signal.start(() => {
      reload().catch((error: unknown) =>
        deps.warn?.(error, 'switches not re-read: keeping the last ones'),
      );
    });
  }

  return {
    /** Whether a switch of the whole platform is on: cheap and synchronous (read per request). */
    isOn: (name: Exclude<SwitchName, 'policy_rule'>) => on.has(name),
    /** The rules disabled by `policy_rule` switches, and a number that changes with them. */
    disabledRules: () => ({ ids: disabled, version: rulesVersion }),
    /** When the switches were last read (for the operator's view). */
    loadedAt: () => loaded,
    status,
    list,
    set,
    reload,
    start,
    stop: () => deps.signal.stop(),
    signalKind: deps.signal.kind,
  };
}

export type SwitchesService = ReturnType<typeof createSwitches>;
