import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { SecondFactor } from './second-factor.js';

const MINUTE = 60_000;

/**
 * TOTP of the signed-in account (docs/security.md, "Second factor"): its state, enrolment and
 * disabling. The second step of a login is with the login (`accounts.routes.ts`).
 */
export function registerSecondFactorRoutes(
  registry: RouteRegistry,
  deps: { secondFactor: SecondFactor },
): void {
  const { secondFactor } = deps;
  defineHandler(registry, routes.mySecondFactor, ({ viewer }) => secondFactor.state(viewer));
  defineHandler(
    registry,
    routes.startTotp,
    ({ viewer, body, context }) => secondFactor.start(viewer, body, context.client),
    { rateLimit: { max: 10, timeWindow: 10 * MINUTE } },
  );
  defineHandler(
    registry,
    routes.confirmTotp,
    ({ viewer, body, context }) => secondFactor.confirm(viewer, body, context.client),
    { rateLimit: { max: 10, timeWindow: 10 * MINUTE } },
  );
  defineHandler(
    registry,
    routes.disableTotp,
    async ({ viewer, body, context }) => {
      await secondFactor.disable(viewer, body, context.client);
      return undefined;
    },
    { rateLimit: { max: 10, timeWindow: 10 * MINUTE } },
  );
}
