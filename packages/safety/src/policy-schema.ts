/**
 * The policy schema (TypeBox, pure) and its validation: the shape from the schema, and the
 * cross-references a schema cannot express (unique rule ids, region keys that name a code or a
 * defined group).
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  ACTIONS,
  CATEGORIES,
  IMAGERY_CLASSES,
  MATCH_MODES,
  type Policy,
  SEVERITIES,
} from './types.js';

function literals<T extends string>(values: readonly T[]): TSchema {
  return Type.Union(values.map((value) => Type.Literal(value)));
}

const ActionSchema = literals(ACTIONS);
const REGION_CODE = '^[A-Z]{2}$';
const GROUP_NAME = '^[A-Z][A-Z0-9_]{1,31}$';

export const PolicyRuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String()),
    when: Type.Object(
      {
        category: literals(CATEGORIES),
        severities: Type.Optional(Type.Array(literals(SEVERITIES), { minItems: 1 })),
      },
      { additionalProperties: false },
    ),
    actions: Type.Object({ default: ActionSchema }, { additionalProperties: ActionSchema }),
    label: Type.Optional(Type.String({ minLength: 1 })),
    heavyFold: Type.Optional(ActionSchema),
  },
  { additionalProperties: false },
);

/** Limits that keep a policy document (and the matcher compiled from it) a reasonable size. */
export const POLICY_LEXICON_MAX_ENTRIES = 10_000;
export const POLICY_LEXICON_MAX_OVERRIDES = 10_000;
const TERM = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const LANG_TAG = Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });

export const PolicyLexiconSchema = Type.Object(
  {
    entries: Type.Optional(
      Type.Array(
        Type.Object(
          {
            term: TERM,
            category: literals(CATEGORIES),
            severity: Type.Optional(literals(SEVERITIES)),
            lang: Type.Optional(LANG_TAG),
            match: Type.Optional(literals(MATCH_MODES)),
            allow: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        { maxItems: POLICY_LEXICON_MAX_ENTRIES },
      ),
    ),
    overrides: Type.Optional(
      Type.Array(
        Type.Object(
          {
            term: TERM,
            category: literals(CATEGORIES),
            lang: Type.Optional(LANG_TAG),
            match: Type.Optional(literals(MATCH_MODES)),
            off: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        { maxItems: POLICY_LEXICON_MAX_OVERRIDES },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Names of the per-level trust limits (the server's `TrustLimits`; docs/risk.md). */
export const TRUST_LIMIT_KEYS = [
  'notesPerHour',
  'linksPerNote',
  'linksPerDay',
  'mentionsPerNote',
  'imagesPerDay',
  'followsPerHour',
  'reportsPerDay',
  'strangerCommentsPerHour',
] as const;

const TrustLevelLimitsSchema = Type.Partial(
  Type.Object(
    Object.fromEntries(
      TRUST_LIMIT_KEYS.map((key) => [
        key,
        Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()]),
      ]),
    ),
    { additionalProperties: false },
  ),
);

/** Overrides of the shipped trust-level limits, per level. */
export const PolicyTrustSchema = Type.Object(
  {
    limits: Type.Optional(
      Type.Partial(
        Type.Object(
          {
            '0': TrustLevelLimitsSchema,
            '1': TrustLevelLimitsSchema,
            '2': TrustLevelLimitsSchema,
            '3': TrustLevelLimitsSchema,
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

/** Farm detection's settings (docs/risk.md, "Farm detection"). */
export const PolicyFarmSchema = Type.Object(
  {
    imageMaxShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    imageMinAccounts: Type.Optional(Type.Integer({ minimum: 2, maximum: 100_000 })),
    autoRestrictScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 101 })),
  },
  { additionalProperties: false },
);

/** The explicit-imagery model's rules (docs/media.md, "Explicit imagery"). */
export const PolicyExplicitImagerySchema = Type.Object(
  {
    rules: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 100 }),
          description: Type.Optional(Type.String()),
          category: Type.String({ pattern: '^[a-z][a-z_]*(\\.[a-z][a-z_]*)*$', maxLength: 100 }),
          classes: Type.Array(literals(IMAGERY_CLASSES), { minItems: 1, uniqueItems: true }),
          threshold: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
          actions: Type.Object({ default: ActionSchema }, { additionalProperties: ActionSchema }),
          label: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

export const PolicySchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    regionGroups: Type.Record(
      Type.String({ pattern: GROUP_NAME }),
      Type.Array(Type.String({ pattern: REGION_CODE }), { minItems: 1 }),
    ),
    defaultAction: ActionSchema,
    rules: Type.Array(PolicyRuleSchema),
    lexicon: Type.Optional(PolicyLexiconSchema),
    trust: Type.Optional(PolicyTrustSchema),
    farm: Type.Optional(PolicyFarmSchema),
    explicitImagery: Type.Optional(PolicyExplicitImagerySchema),
  },
  { additionalProperties: false },
);

export interface PolicyProblem {
  path: string;
  message: string;
}

/** Thrown for a policy that does not validate; `problems` lists every issue found. */
export class PolicyError extends Error {
  readonly code = 'POLICY_INVALID';
  constructor(readonly problems: PolicyProblem[]) {
    super(`invalid policy: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
    this.name = 'PolicyError';
  }
}

/** Lists the problems of a candidate policy; empty when it is valid. */
export function checkPolicy(input: unknown): PolicyProblem[] {
  const problems: PolicyProblem[] = [...Value.Errors(PolicySchema, input)].map((error) => ({
    path: error.path,
    message: error.message,
  }));
  if (problems.length > 0) return problems;
  const policy = input as Policy;
  const ids = new Set<string>();
  policy.rules.forEach((rule, index) => {
    if (ids.has(rule.id))
      problems.push({ path: `/rules/${index}/id`, message: `duplicate rule id ${rule.id}` });
    ids.add(rule.id);
    for (const key of Object.keys(rule.actions)) {
      if (key === 'default' || key in policy.regionGroups || /^[A-Z]{2}$/.test(key)) continue;
      problems.push({
        path: `/rules/${index}/actions/${key}`,
        message: `${key} is neither a region code nor a region group`,
      });
    }
  });
  const imageryIds = new Set<string>();
  policy.explicitImagery?.rules.forEach((rule, index) => {
    if (imageryIds.has(rule.id))
      problems.push({
        path: `/explicitImagery/rules/${index}/id`,
        message: `duplicate rule id ${rule.id}`,
      });
    imageryIds.add(rule.id);
    for (const key of Object.keys(rule.actions)) {
      if (key === 'default' || key in policy.regionGroups || /^[A-Z]{2}$/.test(key)) continue;
      problems.push({
        path: `/explicitImagery/rules/${index}/actions/${key}`,
        message: `${key} is neither a region code nor a region group`,
      });
    }
  });
  policy.lexicon?.overrides?.forEach((override, index) => {
    if (override.lang === undefined && override.match === undefined && override.off !== true)
      problems.push({
        path: `/lexicon/overrides/${index}`,
        message: 'an override needs lang, match or off',
      });
  });
  return problems;
}

/** Validates a policy (e.g. parsed from JSON) and returns it typed; throws `PolicyError`. */
export function validatePolicy(input: unknown): Policy {
  const problems = checkPolicy(input);
  if (problems.length > 0) throw new PolicyError(problems);
  return input as Policy;
}
