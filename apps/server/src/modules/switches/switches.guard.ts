import type { RouteName } from '@atrium/contracts';
import type { FastifyInstance } from 'fastify';
import { switchError } from './switches.errors.js';
import type { SwitchesService } from './switches.service.js';

/**
 * Read-only mode (`posting` off) refuses these writes: everything that publishes, changes or
 * reacts to content, and the social graph and profiles around it.
 */
export const POSTING_OPERATIONS: ReadonlySet<RouteName> = new Set<RouteName>([
  'createNote',
  'updateNote',
  'deleteNote',
  'createComment',
  'deleteComment',
  'likeNote',
  'unlikeNote',
  'likeComment',
  'unlikeComment',
  'collectNote',
  'uncollectNote',
  // boards for collects: creating, changing and filing notes in them
  'createBoard',
  'updateBoard',
  'deleteBoard',
  'addBoardNote',
  'removeBoardNote',
  'setNoteBoards',
  'follow',
  'unfollow',
  'updateMe',
  'uploadMedia',
]);

/**
 * Writes that stay open in read-only mode: signing in and out, sessions and step-ups (people
 * still read), safety (reports, blocks, appeals), reading aids, and staff work — an incident is
 * when moderators need their tools most. Sign-ups have their own switch. Every other write is
 * in POSTING_OPERATIONS: a test fails for a write in neither list.
 */
export const OPEN_IN_READ_ONLY: ReadonlySet<RouteName> = new Set<RouteName>([
  'phoneStart',
  'authChallenge',
  'phoneVerify',
  'signup',
  'login',
  'logout',
  'rotateSession',
  'revokeSession',
  'confirmStepUp',
  'resendStepUp',
  // account security and settings that publish nothing: a password may need changing mid-incident
  'changePassword',
  'deleteMe',
  // and the second factor: turning it on or off, and the second step of a login
  'startTotp',
  'confirmTotp',
  'disableTotp',
  'loginSecondFactor',
  'completeOnboarding',
  // a copy of one's own data publishes nothing, and the right of access holds mid-incident too
  'requestExport',
  'createReport',
  'createAppeal',
  'block',
  'unblock',
  // "not interested" is the reader's own feed preference, like a block: it publishes nothing
  'dismissNote',
  'undismissNote',
  'claimCase',
  'releaseCase',
  'decideCase',
  'liftSanction',
  'reportFalsePositive',
  'staffFarmClusterAction',
  'staffSurgeMode',
  'staffPauseCountry',
  'staffResumeCountry',
  'staffSetSwitch',
  // alerts are how staff learn of the incident that made the platform read-only
  'acknowledgeAlert',
  'silenceAlert',
  'updateAlertRule',
  'addStaff',
  'updateStaff',
  'removeStaff',
  // unmasking personal data publishes nothing (a legal request does not wait for the incident)
  'revealPersonalData',
  'publishPolicy',
  'previewPolicy',
  'surgeSettle',
  'surgeAccounts',
]);

/**
 * Applies the request-level switches before any handler runs (after authentication, so an
 * anonymous caller still gets 401): `posting` and `uploads`. The others act inside their
 * modules (sign-ups at the door, translation at the engine, discover at its snapshots, a rule in
 * the policy).
 */
export function registerSwitchGuard(app: FastifyInstance, switches: () => SwitchesService | null) {
  app.addHook('preHandler', async (request) => {
    const operation = request.routeOptions.schema?.operationId as RouteName | undefined;
    if (!operation) return;
    const current = switches();
    if (!current) return;
    if (operation === 'uploadMedia' && current.isOn('uploads')) throw switchError('UPLOADS_PAUSED');
    if (POSTING_OPERATIONS.has(operation) && current.isOn('posting'))
      throw switchError('READ_ONLY');
  });
}
