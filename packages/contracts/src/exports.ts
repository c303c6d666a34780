import { type Static, Type } from '@sinclair/typebox';
import { defineRoute } from './route.js';

/**
 * Account exports (docs/privacy.md, "Export"): the holder's copy of their data — a JSON document
 * of the account and everything it did, with the images of its notes — built in the background
 * into a `.tar.gz` archive and downloaded behind an expiring link.
 */
export const exportStatuses = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportStatus = (typeof exportStatuses)[number];
export const ExportStatus = Type.Union(exportStatuses.map((status) => Type.Literal(status)));

/** How much of each part has been written (all zero until the export runs). */
export const ExportProgress = Type.Object({
  notes: Type.Integer(),
  comments: Type.Integer(),
  likes: Type.Integer(),
  collects: Type.Integer(),
  following: Type.Integer(),
  followers: Type.Integer(),
  blocks: Type.Integer(),
  statements: Type.Integer(),
  sessions: Type.Integer(),
  securityEvents: Type.Integer(),
  /** Images to add, and how many are in the archive so far. */
  media: Type.Integer(),
  mediaDone: Type.Integer(),
});
export type ExportProgress = Static<typeof ExportProgress>;

export const AccountExport = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: ExportStatus,
  progress: ExportProgress,
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** When the download link stops working (done exports only). */
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** The archive's size in bytes (done exports only). */
  bytes: Type.Union([Type.Integer(), Type.Null()]),
  /**
   * The download link while the archive is there: works with the holder's session or on its
   * own (it carries a random token) until `expiresAt`; afterwards 410 EXPORT_EXPIRED.
   */
  downloadUrl: Type.Union([Type.String(), Type.Null()]),
  /** Why a failed export failed (a stable code). */
  error: Type.Union([Type.String(), Type.Null()]),
});
export type AccountExport = Static<typeof AccountExport>;

export const MyExport = Type.Object({
  /** The newest export of the account, or null when it never asked for one. */
  export: Type.Union([AccountExport, Type.Null()]),
});
export type MyExport = Static<typeof MyExport>;

export const exportRoutes = {
  requestExport: defineRoute({
    operationId: 'requestExport',
    method: 'POST',
    path: '/api/me/export',
    summary: 'Start an export of your data (one at a time, a few a day)',
    tags: ['accounts'],
    auth: 'required',
    response: { 202: AccountExport },
    errors: ['EXPORT_IN_PROGRESS', 'RATE_LIMITED'],
    restrictedSession: true,
  }),
  myExport: defineRoute({
    operationId: 'myExport',
    method: 'GET',
    path: '/api/me/export',
    summary: 'Your newest export: its state, progress and download link',
    tags: ['accounts'],
    auth: 'required',
    response: { 200: MyExport },
    errors: [],
    restrictedSession: true,
  }),
};
