import { type RouteName, routes } from '@atrium/contracts';
import { makeImage } from '../fixtures/images.js';
import { callRoute, type RouteInput } from './request.js';
import { type Actor, freshPhone, multipartBody, type World } from './world.js';

// The authorization matrix: every route × every actor, one line per route (its operationId) and
// the status each actor must get. A route without a line fails the suite. Where existence itself
// is private (a held note, someone's session, a case outside a moderator's scope) strangers get
// the same 404 as for something that does not exist, never a 403 that confirms it.

export type Expect = Record<Actor, number>;

export interface Check {
  /** What this line is about when a route has several (e.g. "held note"). */
  about?: string;
  /** The input of one call; called once per actor, so destructive routes get fresh targets. */
  input(world: World, actor: Actor): RouteInput | Promise<RouteInput>;
  expect: Expect;
  /** Use a new session of the actor's (routes that end or rotate the session). */
  freshSession?: boolean;
  /** Undo what the call did, so later lines see the world as built. */
  after?(world: World, actor: Actor): Promise<void>;
}

export interface Row {
  checks: Check[];
  /** Exists only outside production: also checked to be absent from a production app. */
  devOnly?: boolean;
}

const all = (status: number): Expect => ({
  anonymous: status,
  other: status,
  owner: status,
  modIn: status,
  modOut: status,
  admin: status,
});
/** Anyone signed in gets `status`; anonymous callers 401. */
const signedIn = (status: number, overrides: Partial<Expect> = {}): Expect => ({
  ...all(status),
  anonymous: 401,
  ...overrides,
});
/** Only the owner gets `status`; other accounts get `others`. */
const ownerOnly = (status: number, others: number): Expect => ({
  anonymous: 401,
  other: others,
  owner: status,
  modIn: others,
  modOut: others,
  admin: others,
});
/** Staff routes: non-staff accounts get 403. */
const staff = (modIn: number, modOut: number, admin: number): Expect => ({
  anonymous: 401,
  other: 403,
  owner: 403,
  modIn,
  modOut,
  admin,
});

/** A well-formed id no alert has. */
const MISSING_ALERT = '00000000-0000-4000-8000-000000000000';

const note = (world: World) => ({ params: { id: world.note.id } });
const held = (world: World) => ({ params: { id: world.heldNote.id } });
const ownerHandle = (world: World) => ({ params: { handle: world.accounts.owner.handle } });
/** Held content is the author's alone: everyone else gets the 404 of a missing note. */
const heldExpect = (status: number): Expect => ({
  anonymous: 401,
  other: 404,
  owner: status,
  modIn: 404,
  modOut: 404,
  admin: 404,
});

async function ownNote(world: World): Promise<string> {
  const response = await callRoute(world.test.app, routes.createNote, {
    token: world.accounts.owner.token,
    body: { body: `A note to act on ${world.unique('n')}`, lang: 'en' },
  });
  return response.json().id;
}

/** An image the owner uploaded (the getMedia row). */
async function ownMedia(world: World): Promise<string> {
  const response = await callRoute(world.test.app, routes.uploadMedia, {
    token: world.accounts.owner.token,
    raw: multipartBody({
      filename: 'mine.png',
      type: 'image/png',
      bytes: await makeImage('png', 12, 12),
    }),
  });
  return (response.json() as { id: string }).id;
}

async function ownComment(world: World): Promise<string> {
  const response = await callRoute(world.test.app, routes.createComment, {
    token: world.accounts.owner.token,
    params: { id: world.note.id },
    body: { body: `A comment to act on ${world.unique('c')}` },
  });
  return response.json().id;
}

/** A board of the owner's, public or private (a fresh one per call: some checks delete it). */
async function ownBoard(world: World, visibility: 'public' | 'private'): Promise<string> {
  const response = await callRoute(world.test.app, routes.createBoard, {
    token: world.accounts.owner.token,
    body: { name: world.unique('board'), visibility },
  });
  return response.json().id;
}
/** A private board is its owner's alone: everyone else gets the 404 of a missing board. */
const privateBoardExpect = (status: number, anonymous = 404): Expect => ({
  anonymous,
  other: 404,
  owner: status,
  modIn: 404,
  modOut: 404,
  admin: 404,
});

/** Claims a case as the actor when the actor may (ignored otherwise). */
async function claimedBy(world: World, actor: Actor, caseId: string): Promise<string> {
  if (actor !== 'anonymous') {
    await callRoute(world.test.app, routes.claimCase, {
      token: world.accounts[actor].token,
      params: { id: caseId },
    });
  }
  return caseId;
}

/** An automated hold approved by the administrator: the start of the false-positive loop. */
async function overturnedCase(world: World): Promise<string> {
  const caseId = await world.freshCase();
  const token = world.accounts.admin.token;
  await callRoute(world.test.app, routes.claimCase, { token, params: { id: caseId } });
  await callRoute(world.test.app, routes.decideCase, {
    token,
    params: { id: caseId },
    body: { decision: 'approve', reasonCode: 'quality.check' },
  });
  return caseId;
}

async function newAccountHandle(world: World): Promise<string> {
  const handle = world.unique('acct');
  await callRoute(world.test.app, routes.signup, {
    body: {
      email: `${handle}@example.org`,
      password: 'correct horse battery staple',
      handle,
    },
  });
  return handle;
}

async function newAnalyst(world: World): Promise<string> {
  const handle = await newAccountHandle(world);
  await world.test.staff.service.addMember({ kind: 'cli' }, { handle, role: 'analyst' });
  return handle;
}

/** A new account made staff with `role`: its id and handle. */
async function newStaff(world: World, role: 'admin' | 'moderator') {
  const handle = await newAccountHandle(world);
  const member = await world.test.staff.service.addMember({ kind: 'cli' }, { handle, role });
  return { id: member.accountId, handle };
}

/** The open case on an account, opened by `other`'s report. */
async function accountCase(world: World, accountId: string): Promise<string> {
  await callRoute(world.test.app, routes.createReport, {
    token: world.accounts.other.token,
    body: { targetType: 'account', targetId: accountId, reason: 'spam' },
  });
  const row = await world.test.database.db
    .selectFrom('moderation_cases')
    .select('id')
    .where('target_id', '=', accountId)
    .where('status', '<>', 'resolved')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A published note of a new account, reported by the caller (by `other` for anonymous). */
async function reportedByCaller(world: World, actor: Actor): Promise<string> {
  const handle = await newAccountHandle(world);
  const author = await world.test.database.db
    .selectFrom('accounts')
    .select('id')
    .where('handle', '=', handle)
    .executeTakeFirstOrThrow();
  const token = await world.freshTokenOf(author.id);
  const noteId = (
    await callRoute(world.test.app, routes.createNote, {
      token,
      body: { body: `Cheap watches, ask me ${world.unique('w')}` },
    })
  ).json().id;
  const reporter = actor === 'anonymous' ? 'other' : actor;
  await callRoute(world.test.app, routes.createReport, {
    token: world.accounts[reporter].token,
    body: { targetType: 'note', targetId: noteId, reason: 'scam' },
  });
  return caseOfTarget(world, noteId);
}

async function caseOfTarget(world: World, targetId: string): Promise<string> {
  const row = await world.test.database.db
    .selectFrom('moderation_cases')
    .select('id')
    .where('target_id', '=', targetId)
    .where('status', '<>', 'resolved')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The case of a held note the caller posted (the owner's for anonymous). */
async function ownHeldCase(world: World, actor: Actor): Promise<string> {
  if (actor === 'anonymous') return world.freshCase();
  const noteId = (
    await callRoute(world.test.app, routes.createNote, {
      token: world.accounts[actor].token,
      body: { body: `selling fentanyl, message me ${world.unique('f')}` },
    })
  ).json().id;
  return caseOfTarget(world, noteId);
}

/**
 * An appeal against the caller's own decision: the caller (the administrator, when the caller
 * cannot decide) removes a fresh held note of the owner's, and the owner appeals.
 */
async function appealOfOwnDecision(world: World, actor: Actor): Promise<string> {
  const caseId = await world.freshCase();
  const decider = actor === 'modIn' || actor === 'admin' ? actor : 'admin';
  const token = world.accounts[decider].token;
  await callRoute(world.test.app, routes.claimCase, { token, params: { id: caseId } });
  await callRoute(world.test.app, routes.decideCase, {
    token,
    params: { id: caseId },
    body: { decision: 'remove', reasonCode: 'quality.check' },
  });
  const decision = await world.test.database.db
    .selectFrom('moderation_cases')
    .select('decision_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const appeal = await callRoute(world.test.app, routes.createAppeal, {
    token: world.accounts.owner.token,
    body: { decisionId: decision.decision_id, statement: 'Please look again' },
  });
  return appeal.json().id;
}

/** A new account under a running suspension, by its handle. */
async function suspendedHandle(world: World): Promise<string> {
  const handle = await newAccountHandle(world);
  await world.test.database.db
    .updateTable('accounts')
    .set({ suspended_until: new Date(Date.now() + 86_400_000) })
    .where('handle', '=', handle)
    .execute();
  return handle;
}

/** The active policy document, read through the API as an administrator. */
async function activePolicy(world: World): Promise<Record<string, unknown>> {
  const response = await callRoute(world.test.app, routes.getPolicy, {
    token: world.accounts.admin.token,
  });
  return response.json().document;
}

export const matrix: Record<RouteName, Row> = {
  health: { checks: [{ input: () => ({}), expect: all(200) }] },
  ready: { checks: [{ input: () => ({}), expect: all(200) }] },
  // no METRICS_TOKEN here: served to this machine only, and these calls come through a proxy
  metrics: { checks: [{ input: () => ({}), expect: all(403) }] },
  // the staff dashboard: roles with metrics.read (administrators, analysts)
  staffMetrics: { checks: [{ input: () => ({}), expect: staff(403, 403, 200) }] },
  phoneStart: {
    checks: [{ input: () => ({ body: { phone: freshPhone() } }), expect: all(202) }],
  },
  authChallenge: { checks: [{ input: () => ({}), expect: all(200) }] },
  phoneVerify: {
    checks: [
      {
        async input(world) {
          const started = await callRoute(world.test.app, routes.phoneStart, {
            body: { phone: freshPhone() },
          });
          return { body: { verificationId: started.json().verificationId, code: 'abc' } };
        },
        expect: all(400),
      },
    ],
  },
  signup: {
    checks: [
      {
        input: (world) => {
          const handle = world.unique('new');
          return {
            body: {
              email: `${handle}@example.org`,
              password: 'correct horse battery staple',
              handle,
            },
          };
        },
        expect: all(201),
      },
    ],
  },
  login: {
    checks: [
      {
        // a login of its own per actor: six failures on one login start its back-off
        input: (world, actor) => ({
          body: {
            login: actor === 'owner' ? world.accounts.owner.handle : world.unique('nobody'),
            password: 'not the password at all',
          },
        }),
        expect: all(401),
      },
    ],
  },
  logout: { checks: [{ input: () => ({}), expect: signedIn(204), freshSession: true }] },
  rotateSession: { checks: [{ input: () => ({}), expect: signedIn(200), freshSession: true }] },
  getMe: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  updateMe: {
    checks: [{ input: () => ({ body: { bio: 'Hello there' } }), expect: signedIn(200) }],
  },
  // only ever the caller's own password: a wrong current one is refused for everyone
  changePassword: {
    checks: [
      {
        input: () => ({
          body: { currentPassword: 'not the password at all', newPassword: 'a fresh river stone' },
        }),
        expect: signedIn(403),
      },
    ],
  },
  // only ever the caller's own account: a wrong password is refused for everyone, and staff are
  // refused before their password is looked at (they give up their role first)
  deleteMe: {
    checks: [
      {
        input: () => ({ body: { password: 'not the password at all' } }),
        expect: signedIn(403, { modIn: 409, modOut: 409, admin: 409 }),
      },
    ],
  },
  listSessions: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  listSecurityEvents: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  // only ever the caller's own log
  listAccessLog: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  myTrust: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  myStepUp: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  // TOTP: only ever about the caller's own account; nobody in the world has it on
  mySecondFactor: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  startTotp: {
    checks: [
      { input: () => ({ body: { password: 'not the password at all' } }), expect: signedIn(403) },
    ],
  },
  confirmTotp: {
    checks: [{ input: () => ({ body: { code: '123456' } }), expect: signedIn(409) }],
  },
  disableTotp: {
    checks: [
      {
        input: () => ({ body: { password: 'correct horse battery staple', code: '123456' } }),
        expect: signedIn(409),
      },
    ],
  },
  loginSecondFactor: {
    checks: [
      {
        about: 'a challenge that was never issued',
        input: () => ({ body: { challenge: 'eyJhIjoxfQ.bm90LWEtdGFn', code: '123456' } }),
        expect: all(401),
      },
    ],
  },
  // only ever about the caller's own account; nobody in the world has a step-up pending
  confirmStepUp: {
    checks: [{ input: () => ({ body: { code: '123456' } }), expect: signedIn(409) }],
  },
  resendStepUp: { checks: [{ input: () => ({}), expect: signedIn(409) }] },
  // only ever the caller's own account (the archive's own route is tested in modules/exports)
  requestExport: { checks: [{ input: () => ({}), expect: signedIn(202) }] },
  myExport: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  revokeSession: {
    checks: [
      {
        about: "the owner's other session",
        input: (world) => ({ params: { id: world.ownerSecondSession } }),
        // Only the owner's own call may end it; it comes last in the actor order but one.
        expect: ownerOnly(204, 404),
      },
    ],
  },
  getProfile: { checks: [{ input: ownerHandle, expect: all(200) }] },
  follow: {
    checks: [
      {
        input: ownerHandle,
        expect: signedIn(204, { owner: 400 }),
        async after(world, actor) {
          if (actor === 'anonymous') return;
          await callRoute(world.test.app, routes.unfollow, {
            ...ownerHandle(world),
            token: world.accounts[actor].token,
          });
        },
      },
    ],
  },
  unfollow: { checks: [{ input: ownerHandle, expect: signedIn(204) }] },
  devOutbox: {
    devOnly: true,
    checks: [{ input: () => ({ query: { to: '+12025550100' } }), expect: all(200) }],
  },
  getMedia: {
    checks: [
      {
        about: "the uploader's own",
        input: async (world) => ({ params: { id: await ownMedia(world) } }),
        expect: ownerOnly(200, 404),
      },
    ],
  },
  uploadMedia: {
    checks: [
      {
        input: async () => ({
          raw: multipartBody({
            filename: 'photo.png',
            type: 'image/png',
            bytes: await makeImage('png', 16, 16),
          }),
        }),
        expect: signedIn(201),
      },
    ],
  },
  createNote: {
    checks: [{ input: () => ({ body: { body: 'Hello from the matrix' } }), expect: signedIn(201) }],
  },
  getNote: {
    checks: [
      { about: 'published', input: note, expect: all(200) },
      { about: 'held', input: held, expect: { ...heldExpect(200), anonymous: 404 } },
    ],
  },
  updateNote: {
    checks: [
      {
        about: 'published',
        input: (world) => ({ ...note(world), body: { title: 'Morning light' } }),
        expect: ownerOnly(200, 403),
      },
      {
        about: 'held',
        input: (world) => ({ ...held(world), body: { title: 'Party' } }),
        expect: heldExpect(200),
      },
    ],
  },
  deleteNote: {
    checks: [
      {
        about: 'published',
        input: async (world) => ({ params: { id: await ownNote(world) } }),
        expect: ownerOnly(204, 403),
      },
      {
        about: 'held',
        input: async (world) => {
          const caseId = await world.freshCase();
          const row = await world.test.database.db
            .selectFrom('moderation_cases')
            .select('target_id')
            .where('id', '=', caseId)
            .executeTakeFirstOrThrow();
          return { params: { id: row.target_id } };
        },
        expect: heldExpect(204),
      },
    ],
  },
  likeNote: {
    checks: [
      { about: 'published', input: note, expect: signedIn(204) },
      { about: 'held', input: held, expect: heldExpect(204) },
    ],
  },
  unlikeNote: {
    checks: [
      { about: 'published', input: note, expect: signedIn(204) },
      { about: 'held', input: held, expect: heldExpect(204) },
    ],
  },
  collectNote: {
    checks: [
      { about: 'published', input: note, expect: signedIn(204) },
      { about: 'held', input: held, expect: heldExpect(204) },
    ],
  },
  uncollectNote: {
    checks: [
      { about: 'published', input: note, expect: signedIn(204) },
      { about: 'held', input: held, expect: heldExpect(204) },
    ],
  },
  listComments: {
    checks: [
      { about: 'published', input: note, expect: all(200) },
      { about: 'held', input: held, expect: { ...heldExpect(200), anonymous: 404 } },
    ],
  },
  createComment: {
    checks: [
      {
        about: 'published',
        input: (world) => ({ ...note(world), body: { body: 'Nice one' } }),
        expect: signedIn(201),
      },
      {
        about: 'held',
        input: (world) => ({ ...held(world), body: { body: 'Nice one' } }),
        expect: heldExpect(201),
      },
    ],
  },
  listReplies: {
    checks: [{ input: (world) => ({ params: { id: world.comment.id } }), expect: all(200) }],
  },
  deleteComment: {
    checks: [
      {
        input: async (world) => ({ params: { id: await ownComment(world) } }),
        expect: ownerOnly(204, 403),
      },
    ],
  },
  likeComment: {
    checks: [{ input: (world) => ({ params: { id: world.comment.id } }), expect: signedIn(204) }],
  },
  unlikeComment: {
    checks: [{ input: (world) => ({ params: { id: world.comment.id } }), expect: signedIn(204) }],
  },
  dismissNote: {
    checks: [
      { about: 'published', input: note, expect: signedIn(204) },
      { about: 'held', input: held, expect: heldExpect(204) },
    ],
  },
  undismissNote: {
    checks: [
      { about: 'published', input: note, expect: signedIn(204) },
      { about: 'held', input: held, expect: heldExpect(204) },
    ],
  },
  discoverFeed: { checks: [{ input: () => ({}), expect: all(200) }] },
  followingFeed: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  userNotes: { checks: [{ input: ownerHandle, expect: all(200) }] },
  userCollects: { checks: [{ input: ownerHandle, expect: all(200) }] },
  userLikes: { checks: [{ input: ownerHandle, expect: ownerOnly(200, 403) }] },
  userBoards: { checks: [{ input: ownerHandle, expect: all(200) }] },
  createBoard: {
    checks: [{ input: (world) => ({ body: { name: world.unique('b') } }), expect: signedIn(201) }],
  },
  getBoard: {
    checks: [
      {
        about: 'public',
        input: async (world) => ({ params: { id: await ownBoard(world, 'public') } }),
        expect: all(200),
      },
      {
        about: 'private',
        input: async (world) => ({ params: { id: await ownBoard(world, 'private') } }),
        expect: privateBoardExpect(200),
      },
    ],
  },
  updateBoard: {
    checks: [
      {
        about: 'public',
        input: async (world) => ({
          params: { id: await ownBoard(world, 'public') },
          body: { description: 'Changed' },
        }),
        expect: ownerOnly(200, 403),
      },
      {
        about: 'private',
        input: async (world) => ({
          params: { id: await ownBoard(world, 'private') },
          body: { description: 'Changed' },
        }),
        expect: privateBoardExpect(200, 401),
      },
    ],
  },
  deleteBoard: {
    checks: [
      {
        about: 'public',
        input: async (world) => ({ params: { id: await ownBoard(world, 'public') } }),
        expect: ownerOnly(204, 403),
      },
      {
        about: 'private',
        input: async (world) => ({ params: { id: await ownBoard(world, 'private') } }),
        expect: privateBoardExpect(204, 401),
      },
    ],
  },
  boardNotes: {
    checks: [
      {
        about: 'public',
        input: async (world) => ({ params: { id: await ownBoard(world, 'public') } }),
        expect: all(200),
      },
      {
        about: 'private',
        input: async (world) => ({ params: { id: await ownBoard(world, 'private') } }),
        expect: privateBoardExpect(200),
      },
    ],
  },
  addBoardNote: {
    checks: [
      {
        about: 'public board',
        input: async (world) => ({
          params: { id: await ownBoard(world, 'public'), noteId: world.note.id },
        }),
        expect: ownerOnly(204, 403),
      },
      {
        about: 'private board',
        input: async (world) => ({
          params: { id: await ownBoard(world, 'private'), noteId: world.note.id },
        }),
        expect: privateBoardExpect(204, 401),
      },
    ],
  },
  removeBoardNote: {
    checks: [
      {
        about: 'public board',
        input: async (world) => ({
          params: { id: await ownBoard(world, 'public'), noteId: world.note.id },
        }),
        expect: ownerOnly(204, 403),
      },
      {
        about: 'private board',
        input: async (world) => ({
          params: { id: await ownBoard(world, 'private'), noteId: world.note.id },
        }),
        expect: privateBoardExpect(204, 401),
      },
    ],
  },
  noteBoards: {
    checks: [
      { about: 'published', input: note, expect: signedIn(200) },
      { about: 'held', input: held, expect: heldExpect(200) },
    ],
  },
  setNoteBoards: {
    checks: [
      {
        about: 'published',
        input: (world) => ({ ...note(world), body: { boardIds: [] } }),
        expect: signedIn(200),
      },
      {
        about: 'held',
        input: (world) => ({ ...held(world), body: { boardIds: [] } }),
        expect: heldExpect(200),
      },
    ],
  },
  trendingTopics: { checks: [{ input: () => ({}), expect: all(200) }] },
  getTopic: {
    checks: [{ input: (world) => ({ params: { tag: world.topic } }), expect: all(200) }],
  },
  topicNotes: {
    checks: [{ input: (world) => ({ params: { tag: world.topic } }), expect: all(200) }],
  },
  search: { checks: [{ input: () => ({ query: { q: 'sunrise' } }), expect: all(200) }] },
  createReport: {
    checks: [
      {
        input: (world) => ({
          body: { targetType: 'note', targetId: world.note.id, reason: 'spam' },
        }),
        expect: signedIn(201, { owner: 400 }),
      },
      {
        about: 'held',
        input: (world) => ({
          body: { targetType: 'note', targetId: world.heldNote.id, reason: 'spam' },
        }),
        expect: { ...heldExpect(400) },
      },
    ],
  },
  createAppeal: {
    checks: [
      {
        input: (world) => ({
          body: { decisionId: world.heldDecisionId, statement: 'It was a joke about a song' },
        }),
        expect: ownerOnly(201, 404),
      },
    ],
  },
  myStatements: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  block: {
    checks: [
      {
        input: ownerHandle,
        expect: signedIn(204, { owner: 400 }),
        async after(world, actor) {
          if (actor === 'anonymous') return;
          await callRoute(world.test.app, routes.unblock, {
            ...ownerHandle(world),
            token: world.accounts[actor].token,
          });
        },
      },
    ],
  },
  unblock: { checks: [{ input: ownerHandle, expect: signedIn(204) }] },
  myBlocks: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  myOnboarding: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  // only ever about the caller's own account (skipping: no interests given)
  completeOnboarding: { checks: [{ input: () => ({ body: {} }), expect: signedIn(200) }] },
  followSuggestions: { checks: [{ input: () => ({}), expect: signedIn(200) }] },
  userFollowers: { checks: [{ input: ownerHandle, expect: all(200) }] },
  userFollowing: { checks: [{ input: ownerHandle, expect: all(200) }] },
  staffCases: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  staffCaseCounts: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  staffCase: {
    checks: [
      {
        about: 'in scope',
        input: (world) => ({ params: { id: world.caseInScope } }),
        expect: staff(200, 404, 200),
      },
      {
        about: 'out of scope',
        input: (world) => ({ params: { id: world.caseOutOfScope } }),
        expect: staff(404, 200, 200),
      },
    ],
  },
  claimCase: {
    checks: [
      {
        input: async (world) => ({ params: { id: await world.freshCase() } }),
        expect: staff(200, 404, 200),
      },
      {
        // nobody reviews their own cause; out of scope stays 404 (no hint that it exists)
        about: 'a case the caller reported',
        input: async (world, actor) => ({ params: { id: await reportedByCaller(world, actor) } }),
        expect: staff(403, 404, 403),
      },
      {
        about: "the caller's own held note",
        input: async (world, actor) => ({ params: { id: await ownHeldCase(world, actor) } }),
        expect: staff(403, 404, 403),
      },
      {
        about: "an appeal of the caller's own decision",
        input: async (world, actor) => ({
          params: { id: await appealOfOwnDecision(world, actor) },
        }),
        expect: staff(403, 404, 403),
      },
    ],
  },
  releaseCase: {
    checks: [
      {
        input: async (world, actor) => ({
          params: { id: await claimedBy(world, actor, await world.freshCase()) },
        }),
        expect: staff(200, 404, 200),
      },
    ],
  },
  reportFalsePositive: {
    checks: [
      {
        // a dry run: the preview only, nothing published
        input: async (world) => ({
          params: { id: await overturnedCase(world) },
          body: {
            narrow: [{ term: 'fentanyl', category: 'drugs', match: 'word' }],
            dryRun: true,
            days: 1,
          },
        }),
        expect: staff(200, 404, 200),
      },
    ],
  },
  decideCase: {
    checks: [
      {
        input: async (world, actor) => ({
          params: { id: await claimedBy(world, actor, await world.freshCase()) },
          body: { decision: 'approve', reasonCode: 'quality.check' },
        }),
        expect: staff(200, 404, 200),
      },
      {
        // staff of an equal or higher role: only an administrator acts on their accounts
        about: "suspending an administrator's account",
        input: async (world, actor) => ({
          params: {
            id: await claimedBy(
              world,
              actor,
              await accountCase(world, (await newStaff(world, 'admin')).id),
            ),
          },
          body: {
            decision: 'approve',
            reasonCode: 'quality.check',
            accountAction: { type: 'suspend', days: 3650 },
          },
        }),
        expect: staff(403, 404, 200),
      },
      {
        about: "banning a moderator's account",
        input: async (world, actor) => ({
          params: {
            id: await claimedBy(
              world,
              actor,
              await accountCase(world, (await newStaff(world, 'moderator')).id),
            ),
          },
          body: {
            decision: 'approve',
            reasonCode: 'quality.check',
            accountAction: { type: 'ban' },
          },
        }),
        expect: staff(403, 404, 200),
      },
    ],
  },
  liftSanction: {
    checks: [
      {
        input: async (world) => ({
          params: { handle: await suspendedHandle(world) },
          body: { reasonCode: 'quality.check' },
        }),
        expect: staff(403, 403, 200),
      },
    ],
  },
  noteTranslation: {
    checks: [
      { about: 'published', input: (w) => ({ ...note(w), query: { to: 'es' } }), expect: all(200) },
      {
        about: 'held',
        input: (w) => ({ ...held(w), query: { to: 'es' } }),
        expect: { ...heldExpect(200), anonymous: 404 },
      },
    ],
  },
  commentTranslation: {
    checks: [
      {
        input: (world) => ({ params: { id: world.comment.id }, query: { to: 'es' } }),
        expect: all(200),
      },
    ],
  },
  translationCapabilities: { checks: [{ input: () => ({}), expect: all(200) }] },
  // the world's texts are English, which no reading aid covers: visibility decides 404 before 422
  noteReading: {
    checks: [
      { about: 'published', input: (w) => ({ ...note(w), query: { to: 'en' } }), expect: all(422) },
      {
        about: 'held',
        input: (w) => ({ ...held(w), query: { to: 'en' } }),
        expect: { ...heldExpect(422), anonymous: 404 },
      },
    ],
  },
  commentReading: {
    checks: [
      {
        input: (world) => ({ params: { id: world.comment.id }, query: { to: 'en' } }),
        expect: all(422),
      },
    ],
  },
  staffMe: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  listStaff: { checks: [{ input: () => ({}), expect: staff(403, 403, 200) }] },
  addStaff: {
    checks: [
      {
        input: async (world) => ({
          body: { handle: await newAccountHandle(world), role: 'analyst' },
        }),
        expect: staff(403, 403, 201),
      },
    ],
  },
  updateStaff: {
    checks: [
      {
        input: async (world) => ({
          params: { handle: await newAnalyst(world) },
          body: { regions: ['US'] },
        }),
        expect: staff(403, 403, 200),
      },
    ],
  },
  removeStaff: {
    checks: [
      {
        input: async (world) => ({ params: { handle: await newAnalyst(world) } }),
        expect: staff(403, 403, 204),
      },
    ],
  },
  listAudit: { checks: [{ input: () => ({}), expect: staff(403, 403, 200) }] },
  // every role that reads cases reads the door's reasons (they hold no phone, e-mail or address)
  staffRiskEvents: {
    checks: [
      {
        input: ownerHandle,
        expect: staff(200, 200, 200),
      },
    ],
  },
  // the risk console's aggregates and the surge state: every role that reads cases (the banner)
  staffRiskOverview: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  staffSurgeState: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  // switching the door for everyone: administrators only (`surge.switch`)
  staffSurgeMode: {
    checks: [{ input: () => ({ body: { mode: 'off' } }), expect: staff(403, 403, 200) }],
  },
  staffPauseCountry: {
    checks: [{ input: () => ({ params: { country: 'AQ' } }), expect: staff(403, 403, 200) }],
  },
  staffResumeCountry: {
    checks: [{ input: () => ({ params: { country: 'AQ' } }), expect: staff(403, 403, 200) }],
  },
  platformStatus: { checks: [{ input: () => ({}), expect: all(200) }] },
  // every staff role sees the switches; only administrators flip one (a no-op here: off → off)
  staffSwitches: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  staffSetSwitch: {
    checks: [
      {
        input: () => ({ params: { name: 'uploads' }, body: { on: false, reason: 'matrix' } }),
        expect: staff(403, 403, 200),
      },
      {
        about: 'a country',
        input: () => ({ params: { name: 'signups' }, body: { on: false, target: 'AQ' } }),
        expect: staff(403, 403, 200),
      },
    ],
  },
  // alerts: the roles that read the dashboard (metrics.read) see, acknowledge and silence them
  // (an alert that does not exist: the administrator gets past the check to the 404); only
  // administrators change a rule (`alerts.edit`; enabling an enabled rule changes nothing)
  staffAlerts: { checks: [{ input: () => ({}), expect: staff(403, 403, 200) }] },
  staffAlertRules: { checks: [{ input: () => ({}), expect: staff(403, 403, 200) }] },
  acknowledgeAlert: {
    checks: [{ input: () => ({ params: { id: MISSING_ALERT } }), expect: staff(403, 403, 404) }],
  },
  silenceAlert: {
    checks: [
      {
        input: () => ({ params: { id: MISSING_ALERT }, body: { minutes: 5 } }),
        expect: staff(403, 403, 404),
      },
    ],
  },
  updateAlertRule: {
    checks: [
      {
        input: () => ({ params: { id: 'review_backlog' }, body: { enabled: true } }),
        expect: staff(403, 403, 200),
      },
    ],
  },
  verifyAudit: { checks: [{ input: () => ({}), expect: staff(403, 403, 200) }] },
  // personal data: masked for staff who act on accounts; unmasking is the administrators' alone
  // (a reason, a time limit, an audit record the holder reads), never a moderator's
  getPersonalData: { checks: [{ input: ownerHandle, expect: staff(200, 200, 200) }] },
  revealPersonalData: {
    checks: [
      {
        input: (world) => ({
          ...ownerHandle(world),
          body: { reason: 'Law enforcement request 2026-118' },
        }),
        expect: staff(403, 403, 200),
      },
    ],
  },
  getPolicy: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  listPolicyVersions: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  publishPolicy: {
    checks: [
      {
        input: async (world) => {
          const version = world.unique('q').replace('_', '-');
          return { body: { version, document: { ...(await activePolicy(world)), version } } };
        },
        expect: staff(403, 403, 200),
      },
    ],
  },
  previewPolicy: {
    checks: [
      {
        input: async (world) => ({ body: { document: await activePolicy(world), days: 1 } }),
        expect: staff(200, 200, 200),
      },
    ],
  },
  // the jobs may act on accounts: whoever may act on accounts may run them
  surgeSettle: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  // figures about many accounts at once: analysts and administrators
  surgeAccounts: {
    checks: [
      {
        input: (world) => ({ body: { ids: [world.accounts.owner.id] } }),
        expect: staff(403, 403, 200),
      },
    ],
  },
  // case readers read clusters; bulk actions are for holders of clusters.act (administrators)
  staffFarmClusters: { checks: [{ input: () => ({}), expect: staff(200, 200, 200) }] },
  staffFarmCluster: {
    checks: [{ input: () => ({ params: { id: 'cl_999999' } }), expect: staff(404, 404, 404) }],
  },
  staffFarmClusterAction: {
    checks: [
      {
        input: () => ({
          params: { id: 'cl_999999' },
          body: { action: 'restrict', reasonCode: 'farm' },
        }),
        expect: staff(403, 403, 404),
      },
    ],
  },
};
