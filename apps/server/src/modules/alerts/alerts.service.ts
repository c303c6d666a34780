import { randomUUID } from 'node:crypto';
import type {
  Alert,
  AlertFigure,
  AlertRule,
  AlertRules,
  Alerts,
  UpdateAlertRuleBody,
} from '@atrium/contracts';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import { alertError } from './alerts.errors.js';
import { decide, figureValues, type NodeCounts } from './alerts.figures.js';
import { type AlertsReader, mayEditAlertRules, mayHandleAlerts } from './alerts.policy.js';
import * as store from './alerts.store.js';
import { postWithRetries, summary, type WebhookOptions } from './alerts.webhook.js';

/** How often every node writes its figures and the evaluator evaluates. */
export const ALERT_TICK_MS = 1_000;
/** The evaluator's lease: renewed every tick, taken over by another node once it lapses. */
export const LEASE_SECONDS = 10;
/** A node's figures count while this fresh (a node gone longer no longer adds to the sums). */
export const NODE_FRESH_SECONDS = 10;
/** History kept for rates of change and baselines. */
export const HISTORY_DAYS = 8;
const LISTED = 50;
const RATIO_FIGURES: ReadonlySet<AlertFigure> = new Set([
  'server_error_ratio',
  'translation_engine_error_ratio',
]);

/** Writes an audit record in the caller's transaction (staff's tamper-evident log). */
export interface AlertAudit {
  record(
    tx: Tx,
    entry: {
      actorId: string | null;
      action: string;
      targetType: string;
      targetId: string;
      data: Record<string, unknown>;
    },
  ): Promise<void>;
}

export interface AlertsDeps {
  db: Db;
  /** This node's name (host and process), as the lease and the figures table know it. */
  node: string;
  figures: {
    /** This node's counts over its last minute. */
    recentCounts(): NodeCounts;
    /** Open moderation cases per content language (every node's: read from the database). */
    queuesByLang(): Promise<Map<string, number>>;
  };
  audit: AlertAudit;
  staffMember(accountId: string): Promise<AlertsReader | null>;
  /** Where alerts are posted (ALERT_WEBHOOK_URL); null: the console only. */
  webhook: WebhookOptions | null;
  /**
   * Whether evaluation needs the lease (several nodes may share the database: PostgreSQL). The
   * embedded database has one process: it just evaluates.
   */
  shared: boolean;
  now?: () => Date;
  warn?: (error: unknown, message: string) => void;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

function toRule(row: store.RuleRow): AlertRule {
  return {
    id: row.id,
    figure: row.figure as AlertFigure,
    condition: row.condition,
    threshold: Number(row.threshold),
    windowSeconds: row.window_seconds,
    baselineDays: row.baseline_days,
    floor: Number(row.floor),
    severity: row.severity,
    runbook: row.runbook,
    enabled: row.enabled,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by && row.handle ? { id: row.updated_by, handle: row.handle } : null,
  };
}

function toAlert(row: store.AlertRow): Alert {
  return {
    id: row.id,
    ruleId: row.rule_id,
    figure: row.figure as AlertFigure,
    subject: row.subject === '' ? null : row.subject,
    state: row.state,
    severity: row.severity,
    runbook: row.runbook,
    value: Number(row.value),
    limit: Number(row.limit_value),
    startedAt: new Date(row.started_at).toISOString(),
    resolvedAt: iso(row.resolved_at),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy:
      row.acknowledged_by && row.ack_handle
        ? { id: row.acknowledged_by, handle: row.ack_handle }
        : null,
    silencedUntil: iso(row.silenced_until),
    delivery:
      row.delivery_at === null
        ? null
        : {
            ok: Boolean(row.delivery_ok),
            attempts: row.delivery_attempts ?? 0,
            error: row.delivery_error,
            at: new Date(row.delivery_at).toISOString(),
          },
  };
}

const minuteOf = (at: number) => new Date(Math.floor(at / 60_000) * 60_000);

/**
 * Alerts: every node writes its last minute's counts every tick; the node holding the lease (or
 * the one embedded process) sums them, evaluates the enabled rules, opens and resolves alerts,
 * and posts each change to the webhook without waiting for it. Staff read, acknowledge and
 * silence them on the dashboard; administrators change the rules.
 */
export function createAlerts(deps: AlertsDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const warn = deps.warn ?? (() => {});
  const deliveries = new Set<Promise<void>>();
  const stopping = new AbortController();
  let lastPrune = 0;

  async function check(accountId: string, denialOf: typeof mayHandleAlerts): Promise<void> {
    const denial = denialOf(await deps.staffMember(accountId));
    if (denial) throw alertError(denial.code, denial.reason);
  }

  /** Posts the change to the webhook in the background and records the outcome. */
  function deliver(alertId: string, event: 'firing' | 'resolved'): void {
    const webhook = deps.webhook;
    if (!webhook || stopping.signal.aborted) return;
    const task = (async () => {
      const row = await store.alertRow(db, alertId);
      if (!row) return;
      const alert = toAlert(row);
      const outcome = await postWithRetries(
        webhook,
        { event, text: summary(event, alert), alert },
        stopping.signal,
      );
      await store.recordDelivery(db, { alertId, event, ...outcome });
      if (!outcome.ok) warn(new Error(outcome.error ?? 'failed'), 'alert webhook not delivered');
    })().catch((error: unknown) => warn(error, 'alert webhook delivery not recorded'));
    deliveries.add(task);
    void task.finally(() => deliveries.delete(task));
  }

  /** Evaluates every enabled rule once over the nodes' fresh figures. */
  async function evaluate(): Promise<void> {
    const at = now().getTime();
    const [nodes, queues, rules, firing] = await Promise.all([
      store.freshNodeFigures(db, NODE_FRESH_SECONDS),
      deps.figures.queuesByLang(),
      store.ruleRows(db),
      store.firingAlerts(db),
    ]);
    const values = figureValues(nodes, queues);
    const minute = minuteOf(at);
    const recorded: { figure: string; subject: string; value: number }[] = [];
    for (const [figure, subjects] of values) {
      for (const [subject, value] of subjects) {
        if (value !== null) recorded.push({ figure, subject, value });
      }
    }
    const open = new Map(firing.map((alert) => [`${alert.rule_id}\n${alert.subject}`, alert]));
    const enabled = new Map(rules.filter((rule) => rule.enabled).map((rule) => [rule.id, rule]));

    for (const rule of enabled.values()) {
      const figure = rule.figure as AlertFigure;
      const subjects = new Set(values.get(figure)?.keys() ?? []);
      for (const alert of firing) if (alert.rule_id === rule.id) subjects.add(alert.subject);
      for (const subject of subjects) {
        // a language whose queue emptied has no group: its depth is 0
        const value =
          values.get(figure)?.get(subject) ?? (figure === 'review_queue_depth' ? 0 : null);
        const history = { past: null as number | null, base: null as number | null };
        if (rule.condition === 'rate_of_change') {
          history.past = await store.valueAt(
            db,
            figure,
            subject,
            minuteOf(at - rule.window_seconds * 1000),
          );
        } else if (rule.condition === 'baseline') {
          const today = Math.floor(at / 86_400_000) * 86_400_000;
          history.base = await store.baseline(
            db,
            figure,
            subject,
            new Date(at).getUTCHours(),
            new Date(today - rule.baseline_days * 86_400_000),
            new Date(today),
          );
        }
        const decision = decide(
          {
            condition: rule.condition,
            threshold: Number(rule.threshold),
            floor: Number(rule.floor),
          },
          value,
          history,
        );
        if (!decision) continue;
        const current = open.get(`${rule.id}\n${subject}`);
        if (decision.firing && !current) {
          const id = randomUUID();
          const silencedUntil = await store.silenceInForce(db, rule.id, subject);
          const opened = await store.openAlert(db, {
            id,
            ruleId: rule.id,
            subject,
            severity: rule.severity,
            value: value ?? 0,
            limit: decision.limit,
            silencedUntil,
          });
          if (opened && !silencedUntil) deliver(id, 'firing');
        } else if (decision.firing && current) {
          await store.updateFiring(db, current.id, value ?? 0, decision.limit);
        } else if (!decision.firing && current) {
          await store.resolveAlert(db, current.id, value);
          if (!isSilenced(current, at)) deliver(current.id, 'resolved');
        }
      }
    }
    // a rule switched off (or removed) leaves nothing firing
    for (const alert of firing) {
      if (!enabled.has(alert.rule_id)) await store.resolveAlert(db, alert.id, null);
    }
    await store.writeHistory(db, minute, recorded);
    await store.markEvaluated(db);
    if (at - lastPrune > 3_600_000) {
      lastPrune = at;
      await store.prune(db, HISTORY_DAYS);
    }
  }

  const isSilenced = (alert: { silenced_until: Date | null }, at: number) =>
    alert.silenced_until !== null && new Date(alert.silenced_until).getTime() > at;

  let ticking: Promise<boolean> | null = null;
  /**
   * One tick: writes this node's figures, then evaluates if this node holds the lease (or needs
   * none). True when it evaluated. Overlapping calls share the tick under way.
   */
  function tick(): Promise<boolean> {
    ticking ??= (async () => {
      try {
        await store.writeNodeFigures(
          db,
          deps.node,
          deps.figures.recentCounts() as unknown as Record<string, number>,
        );
        if (deps.shared && !(await store.takeLease(db, deps.node, LEASE_SECONDS))) return false;
        await evaluate();
        return true;
      } finally {
        ticking = null;
      }
    })();
    return ticking;
  }

  async function list(accountId: string): Promise<Alerts> {
    await check(accountId, mayHandleAlerts);
    const [rows, lease] = await Promise.all([store.alertRows(db, LISTED), store.lease(db)]);
    return { alerts: rows.map(toAlert), evaluatedAt: iso(lease?.evaluated_at ?? null) };
  }

  async function rules(accountId: string): Promise<AlertRules> {
    await check(accountId, mayHandleAlerts);
    return { rules: (await store.ruleRows(db)).map(toRule) };
  }

  async function alertById(id: string): Promise<Alert> {
    const row = await store.alertRow(db, id);
    if (!row) throw alertError('NOT_FOUND', 'No such alert');
    return toAlert(row);
  }

  /** Says that someone has it (audited). Acknowledging twice keeps the first. */
  async function acknowledge(accountId: string, id: string): Promise<Alert> {
    await check(accountId, mayHandleAlerts);
    await inTransaction(db, async (tx) => {
      const alert = await store.lockAlert(tx, id);
      if (!alert) throw alertError('NOT_FOUND', 'No such alert');
      if (alert.state !== 'firing') throw alertError('ALERT_NOT_FIRING');
      if (alert.acknowledged_at) return;
      await store.acknowledge(tx, id, accountId);
      await deps.audit.record(tx, {
        actorId: accountId,
        action: 'alert.acknowledge',
        targetType: 'alert',
        targetId: id,
        data: { rule: alert.rule_id, ...(alert.subject ? { subject: alert.subject } : {}) },
      });
    });
    return alertById(id);
  }

  /**
   * Keeps the webhook quiet about the alert for `minutes` (0 lifts it; audited). The silence
   * carries over to the rule's next alert for the same subject while it lasts.
   */
  async function silence(accountId: string, id: string, minutes: number): Promise<Alert> {
    await check(accountId, mayHandleAlerts);
    const until = minutes > 0 ? new Date(now().getTime() + minutes * 60_000) : null;
    await inTransaction(db, async (tx) => {
      const alert = await store.lockAlert(tx, id);
      if (!alert) throw alertError('NOT_FOUND', 'No such alert');
      await store.silence(tx, id, until);
      await deps.audit.record(tx, {
        actorId: accountId,
        action: minutes > 0 ? 'alert.silence' : 'alert.unsilence',
        targetType: 'alert',
        targetId: id,
        data: {
          rule: alert.rule_id,
          ...(alert.subject ? { subject: alert.subject } : {}),
          ...(until ? { minutes, until: until.toISOString() } : {}),
        },
      });
    });
    return alertById(id);
  }

  /** Changes a rule (administrators; audited with what changed). */
  async function updateRule(
    accountId: string,
    id: string,
    input: UpdateAlertRuleBody,
  ): Promise<AlertRule> {
    await check(accountId, mayEditAlertRules);
    await inTransaction(db, async (tx) => {
      const [before] = await store.ruleRows(tx, id);
      if (!before) throw alertError('NOT_FOUND', `No alert rule ${id}`);
      const condition = input.condition ?? before.condition;
      const threshold = input.threshold ?? Number(before.threshold);
      if (
        RATIO_FIGURES.has(before.figure as AlertFigure) &&
        condition === 'threshold' &&
        threshold > 1
      ) {
        throw alertError(
          'VALIDATION_FAILED',
          `${before.figure} is a ratio: a threshold is at most 1`,
        );
      }
      const patch: store.RulePatch = {
        condition: input.condition,
        threshold: input.threshold,
        window_seconds: input.windowSeconds,
        baseline_days: input.baselineDays,
        floor: input.floor,
        severity: input.severity,
        runbook: input.runbook?.trim(),
        enabled: input.enabled,
      };
      await store.updateRule(tx, id, patch, accountId);
      const changed = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      );
      await deps.audit.record(tx, {
        actorId: accountId,
        action: 'alert_rule.update',
        targetType: 'alert_rule',
        targetId: id,
        data: { changed, before: toRule(before) },
      });
    });
    const [row] = await store.ruleRows(db, id);
    return toRule(row!);
  }

  let timer: NodeJS.Timeout | null = null;
  /** Ticks every `ALERT_TICK_MS` until `stop()` (a running server; tests call `tick`). */
  function start(): void {
    if (timer) return;
    timer = setInterval(() => {
      tick().catch((error: unknown) => warn(error, 'alerts not evaluated'));
    }, ALERT_TICK_MS);
    timer.unref();
  }

  /** Stops ticking, ends deliveries under way (recorded as failed) and gives up the lease. */
  async function stop(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    stopping.abort();
    await ticking?.catch(() => {});
    await Promise.allSettled([...deliveries]);
    if (deps.shared) await store.releaseLease(db, deps.node).catch(() => {});
  }

  /** Waits for the deliveries under way (tests). */
  async function settled(): Promise<void> {
    await Promise.allSettled([...deliveries]);
  }

  return { tick, list, rules, acknowledge, silence, updateRule, start, stop, settled };
}

export type AlertsService = ReturnType<typeof createAlerts>;
