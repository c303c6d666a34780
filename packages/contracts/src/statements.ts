import { type Static, Type } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';

// ---- statements of reasons ------------------------------------------------------------------

export const moderationTargets = ['note', 'comment', 'account'] as const;
export type ModerationTarget = (typeof moderationTargets)[number];
export const ModerationTarget = Type.Union(moderationTargets.map((kind) => Type.Literal(kind)));

/**
 * What an author is told when their content or account is restricted (DSA art. 17 style):
 * what was restricted, where, why (rules and the words that matched), whether a person or the
 * system decided, and how to appeal.
 */
export const StatementOfReasons = Type.Object({
  id: Id,
  targetType: ModerationTarget,
  targetId: Id,
  action: Type.String({
    description:
      'label · limit · withhold · review · remove · approve · warn · restrict · suspend · ban',
  }),
  restriction: Type.String({ description: 'What was restricted, in plain words' }),
  regions: Type.Array(Type.String(), {
    description: 'Countries where it applies; empty means everywhere',
  }),
  labels: Type.Array(Type.String()),
  rules: Type.Array(
    Type.Object({ id: Type.String(), description: Type.Union([Type.String(), Type.Null()]) }),
  ),
  facts: Type.Array(Type.String(), { description: 'The words or reports the decision rests on' }),
  automated: Type.Boolean(),
  policyVersion: Type.Union([Type.String(), Type.Null()]),
  reasonCode: Type.Union([Type.String(), Type.Null()]),
  until: Type.Union([Timestamp, Type.Null()]),
  appeal: Type.Object({
    allowed: Type.Boolean(),
    how: Type.String(),
  }),
  createdAt: Timestamp,
});
export type StatementOfReasons = Static<typeof StatementOfReasons>;
