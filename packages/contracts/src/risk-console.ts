import { type Static, Type } from '@sinclair/typebox';
import { CountryCode, Timestamp } from './common.js';
import { riskDecisions, riskReasonCodes } from './risk.js';
import { defineRoute } from './route.js';

// Surge mode and the staff risk console (docs/risk.md, "Surge mode").

/** `auto`: the door follows the sign-up rate; `on`/`off`: staff hold it there. */
export const surgeModes = ['auto', 'on', 'off'] as const;
export type SurgeMode = (typeof surgeModes)[number];
export const SurgeMode = Type.Union(surgeModes.map((mode) => Type.Literal(mode)));

export const SurgeState = Type.Object({
  mode: SurgeMode,
  /** Whether the door is strict now (`on`, or `auto` and the rule says so). */
  active: Type.Boolean(),
  /** Whether the automatic rule alone would hold surge on. */
  autoActive: Type.Boolean(),
  /** The factor the door applies (1 when not active). */
  factor: Type.Number(),
  /** Sign-up attempts per minute over the last 5 minutes, at the last evaluation. */
  rate: Type.Number(),
  /** The slow-moving baseline (per minute) the rate is compared to. */
  baseline: Type.Number(),
  /** The rate that turns surge on, and the one it must stay under to relax. */
  onAt: Type.Number(),
  offBelow: Type.Number(),
  evaluatedAt: Type.Union([Timestamp, Type.Null()]),
  changedAt: Timestamp,
  /** Countries whose sign-ups are paused (503 SIGNUPS_PAUSED). */
  pausedCountries: Type.Array(Type.String()),
});
export type SurgeState = Static<typeof SurgeState>;

export const RiskConsoleQuery = Type.Object({
  /** How far back the charts go, in minutes (default 60, at most 1,440). */
  minutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 1440 })),
});

export const RiskMinute = Type.Object({
  /** The minute's start. */
  at: Timestamp,
  decision: Type.Union(riskDecisions.map((d) => Type.Literal(d))),
  count: Type.Integer(),
});
export const RiskCountryMinute = Type.Object({
  at: Timestamp,
  /** null: not located. */
  country: Type.Union([Type.String(), Type.Null()]),
  count: Type.Integer(),
});
export const RiskReasonCount = Type.Object({
  code: Type.Union(riskReasonCodes.map((code) => Type.Literal(code))),
  count: Type.Integer(),
});

export const RiskOverview = Type.Object({
  from: Timestamp,
  to: Timestamp,
  /** Sign-up attempts (phone code checks and e-mail sign-ups) per minute by decision. */
  byDecision: Type.Array(RiskMinute),
  /** The same per minute by IP country (the top 8 countries; the rest as `other`). */
  byCountry: Type.Array(RiskCountryMinute),
  /** Reason codes that fired most on those attempts. */
  topReasons: Type.Array(RiskReasonCount),
  surge: SurgeState,
});
export type RiskOverview = Static<typeof RiskOverview>;

export const SurgeModeBody = Type.Object({ mode: SurgeMode });
export const CountryParams = Type.Object({ country: CountryCode });

export const riskConsoleRoutes = {
  staffRiskOverview: defineRoute({
    operationId: 'staffRiskOverview',
    method: 'GET',
    path: '/api/staff/risk/overview',
    summary: 'Sign-ups per minute by decision and country, top reasons, and the surge state',
    tags: ['staff'],
    auth: 'required',
    querystring: RiskConsoleQuery,
    response: { 200: RiskOverview },
    errors: ['FORBIDDEN'],
  }),
  staffSurgeState: defineRoute({
    operationId: 'staffSurgeState',
    method: 'GET',
    path: '/api/staff/risk/surge',
    summary: 'The surge state (every staff role; the console shows a banner)',
    tags: ['staff'],
    auth: 'required',
    response: { 200: SurgeState },
    errors: ['FORBIDDEN'],
  }),
  staffSurgeMode: defineRoute({
    operationId: 'staffSurgeMode',
    method: 'PUT',
    path: '/api/staff/risk/surge',
    summary: 'Switch surge mode on, off or back to automatic (administrators; audited)',
    tags: ['staff'],
    auth: 'required',
    body: SurgeModeBody,
    response: { 200: SurgeState },
    errors: ['FORBIDDEN'],
  }),
  staffPauseCountry: defineRoute({
    operationId: 'staffPauseCountry',
    method: 'PUT',
    path: '/api/staff/risk/paused-countries/:country',
    summary: 'Pause sign-ups from a country (administrators; audited)',
    tags: ['staff'],
    auth: 'required',
    params: CountryParams,
    response: { 200: SurgeState },
    errors: ['FORBIDDEN'],
  }),
  staffResumeCountry: defineRoute({
    operationId: 'staffResumeCountry',
    method: 'DELETE',
    path: '/api/staff/risk/paused-countries/:country',
    summary: 'Resume sign-ups from a country (administrators; audited)',
    tags: ['staff'],
    auth: 'required',
    params: CountryParams,
    response: { 200: SurgeState },
    errors: ['FORBIDDEN'],
  }),
} as const;
