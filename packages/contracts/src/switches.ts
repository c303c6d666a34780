import { type Static, Type } from '@sinclair/typebox';
import { Timestamp } from './common.js';
import { defineRoute } from './route.js';
import { StaffActor } from './staff.js';

// Kill switches (docs/operations.md, "Kill switches"): what staff pull in an incident. Each one
// holds on every node within a second and is audited.

/**
 * `signups`: new accounts (all, or one country's: `target` is the country); `uploads`: image
 * uploads; `translation`: machine translation (cached ones are still served); `posting`: the
 * platform is read-only (every content and social write answers 503 READ_ONLY);
 * `discover_frozen`: discover serves its last computed pages; `policy_rule`: one rule of the
 * moderation policy in force is disabled (`target` is its id).
 */
export const switchNames = [
  'signups',
  'uploads',
  'translation',
  'posting',
  'discover_frozen',
  'policy_rule',
] as const;
export type SwitchName = (typeof switchNames)[number];
export const SwitchName = Type.Union(switchNames.map((name) => Type.Literal(name)));

/** A switch that is on. */
export const KillSwitch = Type.Object({
  name: SwitchName,
  /** The country (`signups`) or the rule id (`policy_rule`); null for the whole platform. */
  target: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** Who pulled it (null: the command line, or an account since deleted). */
  by: StaffActor,
  since: Timestamp,
});
export type KillSwitch = Static<typeof KillSwitch>;

export const Switches = Type.Object({
  /** Every switch that is on; a name not listed is off. */
  on: Type.Array(KillSwitch),
  /** The rule ids of the policy in force (what `policy_rule` may name). */
  rules: Type.Array(Type.String()),
});
export type Switches = Static<typeof Switches>;

export const SwitchParams = Type.Object({ name: SwitchName });
export const SetSwitchBody = Type.Object(
  {
    on: Type.Boolean(),
    /** `signups`: a country (ISO 3166-1 alpha-2) to pause alone; `policy_rule`: the rule id. */
    target: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** Why (kept in the audit log and shown to staff). */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type SetSwitchBody = Static<typeof SetSwitchBody>;

/** What every client may know of the switches: what it cannot do right now. */
export const PlatformStatus = Type.Object({
  /** Posting is switched off: the app shows a banner and writes answer 503 READ_ONLY. */
  readOnly: Type.Boolean(),
  uploadsPaused: Type.Boolean(),
  translationPaused: Type.Boolean(),
  /** Sign-ups paused everywhere (a country's pause is not told here). */
  signupsPaused: Type.Boolean(),
});
export type PlatformStatus = Static<typeof PlatformStatus>;

export const switchRoutes = {
  platformStatus: defineRoute({
    operationId: 'platformStatus',
    method: 'GET',
    path: '/api/status',
    summary: 'What the platform cannot do right now (read-only mode, paused uploads, …)',
    tags: ['ops'],
    auth: 'none',
    response: { 200: PlatformStatus },
    errors: [],
  }),
  staffSwitches: defineRoute({
    operationId: 'staffSwitches',
    method: 'GET',
    path: '/api/staff/switches',
    summary: 'The kill switches that are on (every staff role)',
    tags: ['staff'],
    auth: 'required',
    response: { 200: Switches },
    errors: ['FORBIDDEN'],
  }),
  staffSetSwitch: defineRoute({
    operationId: 'staffSetSwitch',
    method: 'PUT',
    path: '/api/staff/switches/:name',
    summary: 'Turn a kill switch on or off (administrators; audited; every node within 1 s)',
    tags: ['staff'],
    auth: 'required',
    params: SwitchParams,
    body: SetSwitchBody,
    response: { 200: Switches },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED', 'NOT_FOUND'],
  }),
} as const;
