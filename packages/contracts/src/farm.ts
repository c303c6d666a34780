import { type Static, Type } from '@sinclair/typebox';
import { Id, ListQuery, Page, Timestamp } from './common.js';
import { defineRoute } from './route.js';

// Farm detection (docs/risk.md): clusters of young accounts, their graph, and bulk actions.

export const farmEdgeKinds = [
  'device',
  'network',
  'phone_block',
  'text',
  'image',
  'sync',
  'reciprocal',
] as const;
export const FarmEdgeKind = Type.Union(farmEdgeKinds.map((kind) => Type.Literal(kind)));
export type FarmEdgeKind = Static<typeof FarmEdgeKind>;

export const farmClusterStatuses = ['open', 'cleared', 'dissolved'] as const;
export const FarmClusterStatus = Type.Union(
  farmClusterStatuses.map((status) => Type.Literal(status)),
);

/** A cluster label as in SURGE.md's outcomes: `cl_<n>`. */
export const FarmClusterId = Type.String({ pattern: '^cl_[0-9]{1,18}$' });

export const FarmCluster = Type.Object({
  id: FarmClusterId,
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  status: FarmClusterStatus,
  size: Type.Integer(),
  /** Edges inside the cluster by kind (a pair linked by two kinds counts in both). */
  edgeCounts: Type.Record(Type.String(), Type.Integer()),
  caseId: Type.Union([Id, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type FarmCluster = Static<typeof FarmCluster>;

export const FarmClusterPage = Page(FarmCluster);
export type FarmClusterPage = Static<typeof FarmClusterPage>;

export const FarmNode = Type.Object({
  id: Id,
  handle: Type.String(),
  createdAt: Timestamp,
  restricted: Type.Boolean(),
  suspended: Type.Boolean(),
});
export type FarmNode = Static<typeof FarmNode>;

export const FarmEdge = Type.Object({
  a: Id,
  b: Id,
  kinds: Type.Array(FarmEdgeKind),
  weight: Type.Number(),
});
export type FarmEdge = Static<typeof FarmEdge>;

export const FarmClusterDetail = Type.Composite([
  FarmCluster,
  Type.Object({ nodes: Type.Array(FarmNode), edges: Type.Array(FarmEdge) }),
]);
export type FarmClusterDetail = Static<typeof FarmClusterDetail>;

export const FarmClusterParams = Type.Object({ id: FarmClusterId });

export const farmClusterActions = ['restrict', 'suspend', 'clear'] as const;
export const FarmClusterActionBody = Type.Object(
  {
    action: Type.Union(farmClusterActions.map((action) => Type.Literal(action))),
    /** For restrict and suspend: how long, 1–365 days (7 unless given). */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    reasonCode: Type.String({ pattern: '^[a-z][a-z0-9_.]{1,63}$' }),
  },
  { additionalProperties: false },
);
export type FarmClusterActionBody = Static<typeof FarmClusterActionBody>;

export const FarmClusterActionResult = Type.Object({
  /** Members the action was applied to (staff members and the acting account are skipped). */
  affected: Type.Integer(),
  status: FarmClusterStatus,
});
export type FarmClusterActionResult = Static<typeof FarmClusterActionResult>;

export const farmRoutes = {
  staffFarmClusters: defineRoute({
    operationId: 'staffFarmClusters',
    method: 'GET',
    path: '/api/staff/farm/clusters',
    summary: 'Farm clusters found among young accounts, newest first',
    tags: ['staff'],
    auth: 'required',
    querystring: ListQuery,
    response: { 200: FarmClusterPage },
    errors: ['FORBIDDEN'],
  }),
  staffFarmCluster: defineRoute({
    operationId: 'staffFarmCluster',
    method: 'GET',
    path: '/api/staff/farm/clusters/:id',
    summary: 'One farm cluster with its members and edges (the graph view)',
    tags: ['staff'],
    auth: 'required',
    params: FarmClusterParams,
    response: { 200: FarmClusterDetail },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  staffFarmClusterAction: defineRoute({
    operationId: 'staffFarmClusterAction',
    method: 'POST',
    path: '/api/staff/farm/clusters/:id/actions',
    summary: 'Restrict, suspend or clear every member of a farm cluster (audited)',
    tags: ['staff'],
    auth: 'required',
    params: FarmClusterParams,
    body: FarmClusterActionBody,
    response: { 200: FarmClusterActionResult },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
};
