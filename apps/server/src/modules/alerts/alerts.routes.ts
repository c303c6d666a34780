import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { AlertsService } from './alerts.service.js';

export function registerAlertRoutes(registry: RouteRegistry, deps: { alerts: AlertsService }) {
  const { alerts } = deps;
  defineHandler(registry, routes.staffAlerts, ({ viewer }) => alerts.list(viewer.accountId));
  defineHandler(registry, routes.staffAlertRules, ({ viewer }) => alerts.rules(viewer.accountId));
  defineHandler(registry, routes.acknowledgeAlert, ({ viewer, params }) =>
    alerts.acknowledge(viewer.accountId, params.id),
  );
  defineHandler(registry, routes.silenceAlert, ({ viewer, params, body }) =>
    alerts.silence(viewer.accountId, params.id, body.minutes),
  );
  defineHandler(registry, routes.updateAlertRule, ({ viewer, params, body }) =>
    alerts.updateRule(viewer.accountId, params.id, body),
  );
}
