import { type Static, Type } from '@sinclair/typebox';
import { HandleParams } from './accounts.js';
import { Id, ListQuery, Page, Timestamp } from './common.js';
import { defineRoute } from './route.js';

/** Where the door scores an attempt, and the first actions of young accounts (trust level 0). */
export const riskSurfaces = [
  'phone_start',
  'phone_verify',
  'signup',
  'login',
  'post',
  'comment',
  'follow',
  'like',
  'report',
] as const;
export type RiskSurface = (typeof riskSurfaces)[number];

/** What the door decides, from least to most severe. */
export const riskDecisions = ['allow', 'challenge', 'review', 'deny'] as const;
export type RiskDecision = (typeof riskDecisions)[number];

/**
 * Why an attempt scored what it did: one code per signal that fired (docs/risk.md lists their
 * points). Stable: staff pages and the surge scorer count them.
 */
export const riskReasonCodes = [
  // network
  'ip_unlocated',
  'hosting_network',
  'ip_velocity',
  'subnet_velocity',
  'asn_velocity',
  // phone
  'phone_line_type',
  'phone_range_velocity',
  'phone_country_mismatch',
  // client
  'device_missing',
  'device_shared',
  'user_agent_missing',
  'user_agent_automation',
  'language_country_mismatch',
  'time_zone_missing',
  'time_zone_country_mismatch',
  'code_entry_fast',
  // identity
  'handle_template',
  'name_template_velocity',
  'disposable_email',
  // claims that contradict each other
  'fake_foreigner',
  // scoring itself failed: fail open to a challenge
  'risk_unavailable',
  // first actions of young accounts
  'action_velocity',
  'first_note_links',
  'repeated_text',
  'contact_channel',
  'solicitation',
  'shared_pitch',
  'foreigner_writing',
] as const;
export type RiskReasonCode = (typeof riskReasonCodes)[number];

export const RiskReason = Type.Object({
  code: Type.Union(riskReasonCodes.map((code) => Type.Literal(code))),
  points: Type.Integer(),
});

/** One risk event of an account, as staff see it: never a phone number, address or e-mail. */
export const RiskEvent = Type.Object({
  id: Id,
  /**
   * `door` for sign-up and login scoring, `first_action` for a level-0 account's write; the
   * inline check's kinds otherwise.
   */
  kind: Type.String(),
  surface: Type.Union([Type.Union(riskSurfaces.map((s) => Type.Literal(s))), Type.Null()]),
  decision: Type.Union([Type.Union(riskDecisions.map((d) => Type.Literal(d))), Type.Null()]),
  score: Type.Union([Type.Integer(), Type.Null()]),
  reasons: Type.Array(RiskReason),
  ipCountry: Type.Union([Type.String(), Type.Null()]),
  asn: Type.Union([Type.Integer(), Type.Null()]),
  /** Other recorded details (rule ids of the inline check, the proof-of-work difficulty). */
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
});
export type RiskEvent = Static<typeof RiskEvent>;
export const RiskEventPage = Page(RiskEvent);

const Limit = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

/** The limits of a trust level (docs/risk.md, "Trust levels"); null: no limit. */
export const TrustLimits = Type.Object({
  notesPerHour: Limit,
  linksPerNote: Limit,
  linksPerDay: Limit,
  mentionsPerNote: Limit,
  imagesPerDay: Limit,
  followsPerHour: Limit,
  reportsPerDay: Limit,
  strangerCommentsPerHour: Limit,
});
export type TrustLimits = Static<typeof TrustLimits>;
export type TrustLimitName = keyof TrustLimits;
/** The limits in the order they are shown to the account holder. */
export const TRUST_LIMIT_ORDER: readonly TrustLimitName[] = [
  'notesPerHour',
  'linksPerNote',
  'linksPerDay',
  'mentionsPerNote',
  'imagesPerDay',
  'followsPerHour',
  'reportsPerDay',
  'strangerCommentsPerHour',
];

/** The signed-in account's trust level, its limits, and what the next level asks for. */
export const MyTrust = Type.Object({
  level: Type.Integer({ minimum: 0, maximum: 3 }),
  limits: TrustLimits,
  next: Type.Union([
    Type.Object({
      level: Type.Integer({ minimum: 1, maximum: 3 }),
      days: Type.Integer(),
      notes: Type.Integer(),
      likesReceived: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
export type MyTrust = Static<typeof MyTrust>;

export const riskRoutes = {
  myTrust: defineRoute({
    operationId: 'myTrust',
    method: 'GET',
    path: '/api/me/trust',
    summary: "The signed-in account's trust level and the limits that apply to it",
    tags: ['accounts'],
    auth: 'required',
    response: { 200: MyTrust },
    errors: [],
  }),
  staffRiskEvents: defineRoute({
    operationId: 'staffRiskEvents',
    method: 'GET',
    path: '/api/staff/accounts/:handle/risk-events',
    summary: "An account's risk events with their reasons, newest first",
    tags: ['staff'],
    auth: 'required',
    params: HandleParams,
    querystring: ListQuery,
    response: { 200: RiskEventPage },
    errors: ['NOT_FOUND'],
  }),
};
