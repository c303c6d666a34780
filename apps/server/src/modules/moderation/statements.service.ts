import type { StatementOfReasons } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { DecisionRow } from '../../db/schema.js';
import type { Viewer } from '../../http/viewer.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { SafetyRulesProvider } from '../screening/safety-rules.js';
import { decisionsFor, decisionsOfSubject } from './decisions.store.js';
import { toStatement } from './statements.js';

const isIdCursor = (value: Record<string, unknown>): value is { id: string } =>
  typeof value.id === 'string' && /^[0-9a-f-]{36}$/.test(value.id);

/** Statements of reasons: what the subjects of decisions are told, and why content is withheld. */
export function createStatementsService(deps: { db: Db; rules: SafetyRulesProvider }) {
  const { db } = deps;

  /** The statements of decisions, against the policy in force. */
  async function statementsOf(rows: DecisionRow[]): Promise<StatementOfReasons[]> {
    const { policy } = await deps.rules.current();
    return rows.map((row) => toStatement(row, policy));
  }

  /** The viewer's own statements, newest first. */
  async function myStatements(viewer: Viewer, cursor: string | undefined, limit: number) {
    const before = decodeCursor(cursor, isIdCursor);
    const rows = await decisionsOfSubject(db, viewer.accountId, before?.id ?? null, limit);
    const last = rows.at(-1);
    return {
      items: await statementsOf(rows),
      nextCursor: rows.length === limit && last ? encodeCursor({ id: last.id }) : null,
    };
  }

  /** Statements per note, newest first (for the note's author). */
  async function statementsForNotes(noteIds: string[]) {
    const rows = await decisionsFor(db, 'note', noteIds);
    const statements = await statementsOf(rows);
    const byNote = new Map<string, StatementOfReasons[]>();
    for (const statement of statements) {
      const list = byNote.get(statement.targetId) ?? [];
      list.push(statement);
      byNote.set(statement.targetId, list);
    }
    return byNote;
  }

  /**
   * The rules behind a note's withholding, for the 451 notice: each as English text, with the
   * moderator's reason code when a moderator (not a rule) withheld it, for clients to localize.
   */
  async function withholdingReasons(noteId: string): Promise<WithholdingReason[]> {
    const rows = await decisionsFor(db, 'note', [noteId]);
    const { policy } = await deps.rules.current();
    const reasons = new Map<string, WithholdingReason>();
    for (const row of rows) {
      if (row.withheld_in.length === 0 && row.action !== 'withhold') continue;
      const statement = toStatement(row, policy);
      const rules = statement.rules.map((rule) => rule.description ?? rule.id);
      const reason: WithholdingReason =
        rules.length > 0
          ? {
              text: `${rules.join('; ')} (policy ${row.policy_version ?? 'n/a'}, rules ${row.rule_ids.join(', ')})`,
              reasonCode: null,
            }
          : {
              text: `Withheld by a moderator (${row.reason_code ?? 'legal'})`,
              reasonCode: row.reason_code ?? 'legal',
            };
      if (!reasons.has(reason.text)) reasons.set(reason.text, reason);
    }
    return [...reasons.values()];
  }

  return { statementsOf, myStatements, statementsForNotes, withholdingReasons };
}

/** Why a note is withheld: English text, and a moderator's reason code when there is one. */
export interface WithholdingReason {
  text: string;
  reasonCode: string | null;
}

export type StatementsService = ReturnType<typeof createStatementsService>;
