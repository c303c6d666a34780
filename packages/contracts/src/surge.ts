import { type Static, Type } from '@sinclair/typebox';
import { Id } from './common.js';
import { defineRoute } from './route.js';

// Surge replays (docs/surge.md): staff endpoints a replayer calls after the last event of a wave,
// to run the periodic detection jobs once and read what became of every account.

/** How many accounts one outcome request may name. */
export const SURGE_ACCOUNTS_MAX = 500;

export const SettleJobResult = Type.Object({
  name: Type.String(),
  ok: Type.Boolean(),
  /** Wall time of the job in milliseconds. */
  ms: Type.Number(),
});
export type SettleJobResult = Static<typeof SettleJobResult>;

export const SettleResponse = Type.Object({
  jobs: Type.Array(SettleJobResult),
  ms: Type.Number(),
});
export type SettleResponse = Static<typeof SettleResponse>;

export const SurgeAccountsBody = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: SURGE_ACCOUNTS_MAX, uniqueItems: true }) },
  { additionalProperties: false },
);
export type SurgeAccountsBody = Static<typeof SurgeAccountsBody>;

/** What became of one account: the fields of a line of `outcomes.jsonl`. */
export const SurgeAccountState = Type.Object({
  id: Id,
  /** False when no account has this id (never created, or deleted since). */
  exists: Type.Boolean(),
  /** 0–3; always 0 until trust levels exist. */
  trustLevel: Type.Integer({ minimum: 0, maximum: 3 }),
  /** Posting restricted now. */
  restricted: Type.Boolean(),
  /** Suspended or banned now. */
  suspended: Type.Boolean(),
  /** The farm cluster the account belongs to; null until farm detection exists. */
  cluster: Type.Union([Type.String(), Type.Null()]),
  /** Has an open (or claimed) moderation case about it: a report, an automated hold, a review. */
  flagged: Type.Boolean(),
  notes: Type.Object({
    published: Type.Integer(),
    /** Waiting for review. */
    held: Type.Integer(),
    /** Removed by moderation after publication (notes refused at creation are never stored). */
    removed: Type.Integer(),
  }),
});
export type SurgeAccountState = Static<typeof SurgeAccountState>;

export const SurgeAccountsResponse = Type.Object({ items: Type.Array(SurgeAccountState) });
export type SurgeAccountsResponse = Static<typeof SurgeAccountsResponse>;

export const surgeRoutes = {
  surgeSettle: defineRoute({
    operationId: 'surgeSettle',
    method: 'POST',
    path: '/api/staff/surge/settle',
    summary: 'Run every periodic detection job once (the end of a replayed wave)',
    tags: ['staff'],
    auth: 'required',
    response: { 200: SettleResponse },
    errors: ['FORBIDDEN', 'RATE_LIMITED'],
  }),
  surgeAccounts: defineRoute({
    operationId: 'surgeAccounts',
    method: 'POST',
    path: '/api/staff/surge/accounts',
    summary: 'The risk and moderation state of up to 500 accounts (outcomes of a replayed wave)',
    tags: ['staff'],
    auth: 'required',
    body: SurgeAccountsBody,
    response: { 200: SurgeAccountsResponse },
    errors: ['FORBIDDEN'],
  }),
} as const;
