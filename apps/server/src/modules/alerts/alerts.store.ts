import { sql } from 'kysely';
import type { DbHandle } from '../../db/database.js';

// Alert rules, alerts, their webhook deliveries, the figures each node writes, the per-minute
// history of figures and the evaluator's lease (migration 0029).

export interface RuleRow {
  id: string;
  figure: string;
  condition: 'threshold' | 'rate_of_change' | 'baseline';
  threshold: number;
  window_seconds: number;
  baseline_days: number;
  floor: number;
  severity: 'info' | 'warning' | 'critical';
  runbook: string;
  enabled: boolean;
  updated_at: Date;
  updated_by: string | null;
  handle: string | null;
}

export async function ruleRows(db: DbHandle, id?: string): Promise<RuleRow[]> {
  const { rows } = await sql<RuleRow>`
    SELECT r.*, a.handle FROM alert_rules r LEFT JOIN accounts a ON a.id = r.updated_by
    ${id === undefined ? sql`` : sql`WHERE r.id = ${id}`}
    ORDER BY r.id`.execute(db);
  return rows;
}

export type RulePatch = Partial<
  Pick<
    RuleRow,
    | 'condition'
    | 'threshold'
    | 'window_seconds'
    | 'baseline_days'
    | 'floor'
    | 'severity'
    | 'runbook'
    | 'enabled'
  >
>;

export async function updateRule(
  db: DbHandle,
  id: string,
  patch: RulePatch,
  by: string,
): Promise<void> {
  const sets = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  await sql`
    UPDATE alert_rules SET ${sql.join([...sets, sql`updated_at = now()`, sql`updated_by = ${by}`])}
    WHERE id = ${id}`.execute(db);
}

/** This node's counts over its last minute (replaces its previous row). */
export async function writeNodeFigures(
  db: DbHandle,
  node: string,
  figures: Record<string, number>,
): Promise<void> {
  await sql`
    INSERT INTO alert_node_figures (node, figures, updated_at)
    VALUES (${node}, ${JSON.stringify(figures)}::jsonb, now())
    ON CONFLICT (node) DO UPDATE SET figures = excluded.figures, updated_at = excluded.updated_at`.execute(
    db,
  );
}

/** The figures of the nodes that wrote theirs within `seconds` (the others are gone). */
export async function freshNodeFigures(
  db: DbHandle,
  seconds: number,
): Promise<Record<string, number>[]> {
  const { rows } = await sql<{ figures: Record<string, number> | string }>`
    SELECT figures FROM alert_node_figures
    WHERE updated_at > now() - make_interval(secs => ${seconds})`.execute(db);
  return rows.map((row) =>
    typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures,
  );
}

/**
 * Takes or renews the evaluator's lease for `seconds`: true when `holder` holds it now (it held
 * it already, or the last holder's lapsed). One statement, so two nodes never both win.
 */
export async function takeLease(db: DbHandle, holder: string, seconds: number): Promise<boolean> {
  const { rows } = await sql<{ holder: string }>`
    UPDATE alert_lease SET holder = ${holder}, expires_at = now() + make_interval(secs => ${seconds})
    WHERE name = 'evaluator' AND (holder = ${holder} OR holder IS NULL OR expires_at < now())
    RETURNING holder`.execute(db);
  return rows.length > 0;
}

/** Gives the lease up (a node stopping), so another takes it at its next tick. */
export async function releaseLease(db: DbHandle, holder: string): Promise<void> {
  await sql`
    UPDATE alert_lease SET holder = NULL, expires_at = now()
    WHERE name = 'evaluator' AND holder = ${holder}`.execute(db);
}

export async function markEvaluated(db: DbHandle): Promise<void> {
  await sql`UPDATE alert_lease SET evaluated_at = now() WHERE name = 'evaluator'`.execute(db);
}

export async function lease(
  db: DbHandle,
): Promise<{ holder: string | null; evaluated_at: Date | null } | undefined> {
  const { rows } = await sql<{ holder: string | null; evaluated_at: Date | null }>`
    SELECT holder, evaluated_at FROM alert_lease WHERE name = 'evaluator'`.execute(db);
  return rows[0];
}

/** Each figure's value this minute (the last evaluation in the minute wins). */
export async function writeHistory(
  db: DbHandle,
  minute: Date,
  values: { figure: string; subject: string; value: number }[],
): Promise<void> {
  if (values.length === 0) return;
  await sql`
    INSERT INTO alert_history (figure, subject, minute, value)
    VALUES ${sql.join(values.map((v) => sql`(${v.figure}, ${v.subject}, ${minute}, ${v.value})`))}
    ON CONFLICT (figure, subject, minute) DO UPDATE SET value = excluded.value`.execute(db);
}

/** The figure's value in the given minute, if it was recorded. */
export async function valueAt(
  db: DbHandle,
  figure: string,
  subject: string,
  minute: Date,
): Promise<number | null> {
  const { rows } = await sql<{ value: number }>`
    SELECT value FROM alert_history
    WHERE figure = ${figure} AND subject = ${subject} AND minute = ${minute}`.execute(db);
  return rows[0] ? Number(rows[0].value) : null;
}

/** The figure's mean in the UTC hour `hour` of the days from `from` until `until`. */
export async function baseline(
  db: DbHandle,
  figure: string,
  subject: string,
  hour: number,
  from: Date,
  until: Date,
): Promise<number | null> {
  const { rows } = await sql<{ mean: number | null }>`
    SELECT avg(value) AS mean FROM alert_history
    WHERE figure = ${figure} AND subject = ${subject}
      AND minute >= ${from} AND minute < ${until}
      AND extract(hour FROM minute AT TIME ZONE 'UTC') = ${hour}`.execute(db);
  const mean = rows[0]?.mean;
  return mean === null || mean === undefined ? null : Number(mean);
}

export interface FiringRow {
  id: string;
  rule_id: string;
  subject: string;
  silenced_until: Date | null;
}

export async function firingAlerts(db: DbHandle): Promise<FiringRow[]> {
  const { rows } = await sql<FiringRow>`
    SELECT id, rule_id, subject, silenced_until FROM alerts WHERE state = 'firing'`.execute(db);
  return rows;
}

/** The silence of the rule's last alert for the subject, while it lasts (it carries over). */
export async function silenceInForce(
  db: DbHandle,
  ruleId: string,
  subject: string,
): Promise<Date | null> {
  const { rows } = await sql<{ silenced_until: Date }>`
    SELECT silenced_until FROM alerts
    WHERE rule_id = ${ruleId} AND subject = ${subject} AND silenced_until > now()
    ORDER BY started_at DESC LIMIT 1`.execute(db);
  return rows[0]?.silenced_until ?? null;
}

export async function openAlert(
  db: DbHandle,
  row: {
    id: string;
    ruleId: string;
    subject: string;
    severity: string;
    value: number;
    limit: number;
    silencedUntil: Date | null;
  },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO alerts (id, rule_id, subject, state, severity, value, limit_value, silenced_until)
    VALUES (${row.id}, ${row.ruleId}, ${row.subject}, 'firing', ${row.severity}, ${row.value},
            ${row.limit}, ${row.silencedUntil})
    ON CONFLICT (rule_id, subject) WHERE state = 'firing' DO NOTHING
    RETURNING id`.execute(db);
  return rows.length > 0;
}

export async function updateFiring(
  db: DbHandle,
  id: string,
  value: number,
  limit: number,
): Promise<void> {
  await sql`UPDATE alerts SET value = ${value}, limit_value = ${limit} WHERE id = ${id}`.execute(
    db,
  );
}

export async function resolveAlert(db: DbHandle, id: string, value: number | null): Promise<void> {
  await sql`
    UPDATE alerts SET state = 'resolved', resolved_at = now(), value = coalesce(${value}, value)
    WHERE id = ${id} AND state = 'firing'`.execute(db);
}

export interface AlertRow {
  id: string;
  rule_id: string;
  figure: string;
  subject: string;
  state: 'firing' | 'resolved';
  severity: 'info' | 'warning' | 'critical';
  runbook: string;
  value: number;
  limit_value: number;
  started_at: Date;
  resolved_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_handle: string | null;
  silenced_until: Date | null;
  delivery_ok: boolean | null;
  delivery_attempts: number | null;
  delivery_error: string | null;
  delivery_at: Date | null;
}

const alertSelect = sql`
  SELECT al.id, al.rule_id, r.figure, al.subject, al.state, al.severity, r.runbook, al.value,
         al.limit_value, al.started_at, al.resolved_at, al.acknowledged_at, al.acknowledged_by,
         ack.handle AS ack_handle, al.silenced_until,
         d.ok AS delivery_ok, d.attempts AS delivery_attempts, d.error AS delivery_error,
         d.created_at AS delivery_at
  FROM alerts al
  JOIN alert_rules r ON r.id = al.rule_id
  LEFT JOIN accounts ack ON ack.id = al.acknowledged_by
  LEFT JOIN LATERAL (
    SELECT ok, attempts, error, created_at FROM alert_deliveries
    WHERE alert_id = al.id ORDER BY id DESC LIMIT 1
  ) d ON true`;

/** Firing alerts first (newest first), then the most recently resolved. */
export async function alertRows(db: DbHandle, limit: number): Promise<AlertRow[]> {
  const { rows } = await sql<AlertRow>`
    ${alertSelect}
    ORDER BY (al.state = 'firing') DESC, coalesce(al.resolved_at, al.started_at) DESC
    LIMIT ${limit}`.execute(db);
  return rows;
}

export async function alertRow(db: DbHandle, id: string): Promise<AlertRow | undefined> {
  const { rows } = await sql<AlertRow>`${alertSelect} WHERE al.id = ${id}`.execute(db);
  return rows[0];
}

/** Locks the alert's row for an acknowledgement or a silence. */
export async function lockAlert(
  db: DbHandle,
  id: string,
): Promise<
  | {
      rule_id: string;
      subject: string;
      state: 'firing' | 'resolved';
      acknowledged_at: Date | null;
    }
  | undefined
> {
  const { rows } = await sql<{
    rule_id: string;
    subject: string;
    state: 'firing' | 'resolved';
    acknowledged_at: Date | null;
  }>`
    SELECT rule_id, subject, state, acknowledged_at FROM alerts WHERE id = ${id} FOR UPDATE`.execute(
    db,
  );
  return rows[0];
}

export async function acknowledge(db: DbHandle, id: string, by: string): Promise<void> {
  await sql`
    UPDATE alerts SET acknowledged_at = now(), acknowledged_by = ${by} WHERE id = ${id}`.execute(
    db,
  );
}

export async function silence(db: DbHandle, id: string, until: Date | null): Promise<void> {
  await sql`UPDATE alerts SET silenced_until = ${until} WHERE id = ${id}`.execute(db);
}

export async function recordDelivery(
  db: DbHandle,
  row: {
    alertId: string;
    event: 'firing' | 'resolved';
    ok: boolean;
    attempts: number;
    error: string | null;
  },
): Promise<void> {
  await sql`
    INSERT INTO alert_deliveries (alert_id, event, ok, attempts, error)
    VALUES (${row.alertId}, ${row.event}, ${row.ok}, ${row.attempts}, ${row.error})`.execute(db);
}

/** History older than `days`, and the rows of nodes gone for an hour. */
export async function prune(db: DbHandle, days: number): Promise<void> {
  await sql`DELETE FROM alert_history WHERE minute < now() - make_interval(days => ${days})`.execute(
    db,
  );
  await sql`DELETE FROM alert_node_figures WHERE updated_at < now() - interval '1 hour'`.execute(
    db,
  );
}
