import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { AccountsService } from './accounts.service.js';

const MINUTE = 60_000;

/** The step-up of a risky sign-up (docs/risk.md, "Step-up"): its state, the code, a new code. */
export function registerStepUpRoutes(
  registry: RouteRegistry,
  deps: { accounts: Pick<AccountsService, 'stepUpState' | 'confirmStepUp' | 'resendStepUp'> },
): void {
  defineHandler(registry, routes.myStepUp, ({ viewer }) => deps.accounts.stepUpState(viewer));
  defineHandler(
    registry,
    routes.confirmStepUp,
    ({ viewer, body }) => deps.accounts.confirmStepUp(viewer, body.code),
    { rateLimit: { max: 30, timeWindow: 10 * MINUTE } },
  );
  defineHandler(registry, routes.resendStepUp, ({ viewer }) => deps.accounts.resendStepUp(viewer), {
    rateLimit: { max: 10, timeWindow: 10 * MINUTE },
  });
}
