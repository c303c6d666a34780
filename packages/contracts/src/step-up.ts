import { type Static, Type } from '@sinclair/typebox';
import { defineRoute } from './route.js';

/**
 * Step-up after a passed challenge (docs/risk.md, "Step-up"): the riskiest challenged sign-ups
 * confirm a second factor — an e-mail code for e-mail sign-ups, a second SMS code for phone
 * sign-ups. Until then the account is at trust level 0 with posting restricted.
 */
export const stepUpChannels = ['email', 'sms'] as const;
export type StepUpChannel = (typeof stepUpChannels)[number];
export const StepUpChannel = Type.Union(stepUpChannels.map((channel) => Type.Literal(channel)));

/** What a sign-up answer carries when it asks for a step-up. */
export const StepUpAsk = Type.Object({
  channel: StepUpChannel,
  /** When the code sent expires (ask for another with the resend route). */
  expiresAt: Type.String({ format: 'date-time' }),
});
export type StepUpAsk = Static<typeof StepUpAsk>;

export const StepUpState = Type.Object({
  pending: Type.Boolean(),
  channel: Type.Union([StepUpChannel, Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type StepUpState = Static<typeof StepUpState>;

export const StepUpBody = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 12, pattern: '^\\s*[0-9]{4,10}\\s*$' }) },
  { additionalProperties: false },
);
export type StepUpBody = Static<typeof StepUpBody>;

export const stepUpRoutes = {
  myStepUp: defineRoute({
    operationId: 'myStepUp',
    method: 'GET',
    path: '/api/me/step-up',
    summary: 'Whether the account still has to confirm a second factor after sign-up',
    tags: ['accounts'],
    auth: 'required',
    response: { 200: StepUpState },
    errors: [],
  }),
  confirmStepUp: defineRoute({
    operationId: 'confirmStepUp',
    method: 'POST',
    path: '/api/me/step-up',
    summary: 'Confirm the step-up code sent after sign-up: lifts its posting restriction',
    tags: ['accounts'],
    auth: 'required',
    body: StepUpBody,
    response: { 200: StepUpState },
    errors: ['INVALID_CODE', 'CODE_EXPIRED', 'TOO_MANY_ATTEMPTS', 'STEP_UP_NOT_PENDING'],
  }),
  resendStepUp: defineRoute({
    operationId: 'resendStepUp',
    method: 'POST',
    path: '/api/me/step-up/resend',
    summary: 'Send a new step-up code (at most one a minute)',
    tags: ['accounts'],
    auth: 'required',
    response: { 202: StepUpState },
    errors: ['STEP_UP_NOT_PENDING', 'RATE_LIMITED'],
  }),
};
