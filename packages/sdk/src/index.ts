import {
  type AddStaffBody,
  type AuditQuery,
  type CaseDecisionBody,
  type ChangePasswordBody,
  type CreateAppealBody,
  type CreateBoardBody,
  type CreateCommentBody,
  type CreateNoteBody,
  type CreateReportBody,
  type DeleteMeBody,
  type DisableTotpBody,
  type ErrorCode,
  type FalsePositiveBody,
  type FarmClusterActionBody,
  type LiftSanctionBody,
  type ListQuery,
  type LoginBody,
  type LoginSecondFactorBody,
  type Media,
  type OnboardingBody,
  type PhoneStartBody,
  type PhoneVerifyBody,
  type PreviewPolicyBody,
  type Problem,
  type PublishPolicyBody,
  type QueueQuery,
  type RouteInput,
  type RouteOutput,
  type RouteSpec,
  routes,
  type SetSwitchBody,
  type SignupBody,
  type SilenceAlertBody,
  type SurgeAccountsBody,
  type SurgeMode,
  type SwitchName,
  type UpdateAlertRuleBody,
  type UpdateBoardBody,
  type UpdateMeBody,
  type UpdateNoteBody,
  type UpdateStaffBody,
} from '@atrium/contracts';

export * from '@atrium/contracts';

/** A problem+json answer from the API, with its stable `code`. */
export class AtriumError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'AtriumError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:3000`; empty for same-origin use in the browser. */
  baseUrl?: string;
  /** Bearer token; omit to rely on the session cookie. */
  token?: string | null;
  /** Sent as `x-csrf-token` on writes when signed in by cookie. */
  csrfToken?: () => string | null;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null)
      throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A typed client for the Atrium API: every method is one route of `@atrium/contracts`. */
export function createClient(options: ClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let token = options.token ?? null;

  function headersFor(route: RouteSpec, contentType: string | null): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (contentType) headers['content-type'] = contentType;
    if (token) headers.authorization = `Bearer ${token}`;
    const csrf = options.csrfToken?.();
    if (!token && csrf && route.method !== 'GET') headers['x-csrf-token'] = csrf;
    return headers;
  }

  async function send<R extends RouteSpec>(
    route: R,
    url: string,
    body: string | FormData | undefined,
  ): Promise<RouteOutput<R>> {
    const response = await doFetch(url, {
      method: route.method,
      // FormData sets its own multipart content type, boundary included.
      headers: headersFor(route, typeof body === 'string' ? 'application/json' : null),
      ...(body !== undefined ? { body } : {}),
      credentials: 'same-origin',
    });
    if (response.status === 204) return undefined as RouteOutput<R>;
    const text = await response.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!response.ok && !(response.status in route.response)) {
      throw new AtriumError(
        data && typeof data === 'object' && 'code' in data
          ? (data as Problem)
          : {
              type: 'about:blank',
              title: response.statusText,
              status: response.status,
              code: 'INTERNAL_ERROR',
            },
      );
    }
    return data as RouteOutput<R>;
  }

  /** Calls any route by its contract. Throws `AtriumError` on a problem answer. */
  async function call<R extends RouteSpec>(
    route: R,
    input: RouteInput<R>,
  ): Promise<RouteOutput<R>> {
    const { params, query, body } = input as {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
    };
    return send(
      route,
      `${baseUrl}${buildPath(route.path, params)}${buildQuery(query)}`,
      body !== undefined ? JSON.stringify(body) : undefined,
    );
  }

  /** Uploads an image as the multipart field `file`. */
  function uploadMedia(file: Blob, filename = 'upload'): Promise<Media> {
    const form = new FormData();
    form.append('file', file, filename);
    return send(routes.uploadMedia, `${baseUrl}${routes.uploadMedia.path}`, form);
  }

  const none = {} as Record<string, never>;

  return {
    call,
    get token() {
      return token;
    },
    setToken(next: string | null) {
      token = next;
    },
    auth: {
      /** A proof-of-work challenge (`solveChallenge` finds the nonce). */
      challenge: () => call(routes.authChallenge, none),
      phoneStart: (body: PhoneStartBody) => call(routes.phoneStart, { body }),
      phoneVerify: (body: PhoneVerifyBody) => call(routes.phoneVerify, { body }),
      signup: (body: SignupBody) => call(routes.signup, { body }),
      login: (body: LoginBody) => call(routes.login, { body }),
      /** The second step after 401 SECOND_FACTOR_REQUIRED: the challenge and a code. */
      loginSecondFactor: (body: LoginSecondFactorBody) => call(routes.loginSecondFactor, { body }),
      logout: () => call(routes.logout, none),
      rotate: () => call(routes.rotateSession, none),
    },
    me: {
      get: () => call(routes.getMe, none),
      update: (body: UpdateMeBody) => call(routes.updateMe, { body }),
      changePassword: (body: ChangePasswordBody) => call(routes.changePassword, { body }),
      /** Deletes the account after a grace period (password, or a fresh phone code). */
      delete: (body: DeleteMeBody) => call(routes.deleteMe, { body }),
      sessions: () => call(routes.listSessions, none),
      revokeSession: (id: string) => call(routes.revokeSession, { params: { id } }),
      securityEvents: (query?: ListQuery) => call(routes.listSecurityEvents, { query }),
      /** When staff unmasked your personal data, in which role and why (docs/staff.md). */
      accessLog: (query?: ListQuery) => call(routes.listAccessLog, { query }),
      statements: (query?: ListQuery) => call(routes.myStatements, { query }),
      blocks: (query?: ListQuery) => call(routes.myBlocks, { query }),
      /** The account's trust level and its limits (docs/risk.md, "Trust levels"). */
      trust: () => call(routes.myTrust, none),
      /** The second factor a risky sign-up must confirm (docs/risk.md, "Step-up"). */
      stepUp: () => call(routes.myStepUp, none),
      confirmStepUp: (code: string) => call(routes.confirmStepUp, { body: { code } }),
      resendStepUp: () => call(routes.resendStepUp, none),
      /** TOTP: its state, enrolment (password, then a first code) and disabling. */
      secondFactor: () => call(routes.mySecondFactor, none),
      startTotp: (password: string) => call(routes.startTotp, { body: { password } }),
      confirmTotp: (code: string) => call(routes.confirmTotp, { body: { code } }),
      disableTotp: (body: DisableTotpBody) => call(routes.disableTotp, { body }),
      /** Onboarding (shown once after sign-up): its state, and finishing or skipping it. */
      onboarding: () => call(routes.myOnboarding, none),
      completeOnboarding: (body: OnboardingBody) => call(routes.completeOnboarding, { body }),
      /** Accounts to follow, by interests, languages read and popularity. */
      followSuggestions: (query?: { limit?: number }) => call(routes.followSuggestions, { query }),
      /** An export of the account's data (docs/privacy.md): start one, and its state. */
      requestExport: () => call(routes.requestExport, none),
      export: () => call(routes.myExport, none),
    },
    notes: {
      create: (body: CreateNoteBody) => call(routes.createNote, { body }),
      get: (id: string) => call(routes.getNote, { params: { id } }),
      update: (id: string, body: UpdateNoteBody) =>
        call(routes.updateNote, { params: { id }, body }),
      delete: (id: string) => call(routes.deleteNote, { params: { id } }),
      like: (id: string) => call(routes.likeNote, { params: { id } }),
      unlike: (id: string) => call(routes.unlikeNote, { params: { id } }),
      collect: (id: string) => call(routes.collectNote, { params: { id } }),
      uncollect: (id: string) => call(routes.uncollectNote, { params: { id } }),
      /** "Not interested": out of the viewer's discover (undo with `interested`). */
      notInterested: (id: string) => call(routes.dismissNote, { params: { id } }),
      interested: (id: string) => call(routes.undismissNote, { params: { id } }),
      comments: (id: string, query?: ListQuery) =>
        call(routes.listComments, { params: { id }, query }),
      comment: (id: string, body: CreateCommentBody) =>
        call(routes.createComment, { params: { id }, body }),
      translation: (id: string, to: string) =>
        call(routes.noteTranslation, { params: { id }, query: { to } }),
      /** A word-by-word reading aid (words, readings, glosses), where no engine translates. */
      reading: (id: string, to: string) =>
        call(routes.noteReading, { params: { id }, query: { to } }),
    },
    comments: {
      replies: (id: string, query?: ListQuery) =>
        call(routes.listReplies, { params: { id }, query }),
      delete: (id: string) => call(routes.deleteComment, { params: { id } }),
      like: (id: string) => call(routes.likeComment, { params: { id } }),
      unlike: (id: string) => call(routes.unlikeComment, { params: { id } }),
      translation: (id: string, to: string) =>
        call(routes.commentTranslation, { params: { id }, query: { to } }),
      reading: (id: string, to: string) =>
        call(routes.commentReading, { params: { id }, query: { to } }),
    },
    translation: {
      /** The pairs the server translates and those a reading aid covers. */
      capabilities: () => call(routes.translationCapabilities, none),
    },
    feeds: {
      discover: (query?: ListQuery) => call(routes.discoverFeed, { query }),
      following: (query?: ListQuery) => call(routes.followingFeed, { query }),
      user: (handle: string, query?: ListQuery) =>
        call(routes.userNotes, { params: { handle }, query }),
      collects: (handle: string, query?: ListQuery) =>
        call(routes.userCollects, { params: { handle }, query }),
      /** The notes an account liked: only the account itself may read them. */
      likes: (handle: string, query?: ListQuery) =>
        call(routes.userLikes, { params: { handle }, query }),
    },
    /** Named boards for collects; "All collects" is `feeds.collects`. */
    boards: {
      /** An account's boards: all of them for the account itself, the public ones for others. */
      of: (handle: string, query?: ListQuery) =>
        call(routes.userBoards, { params: { handle }, query }),
      create: (body: CreateBoardBody) => call(routes.createBoard, { body }),
      get: (id: string) => call(routes.getBoard, { params: { id } }),
      update: (id: string, body: UpdateBoardBody) =>
        call(routes.updateBoard, { params: { id }, body }),
      delete: (id: string) => call(routes.deleteBoard, { params: { id } }),
      notes: (id: string, query?: ListQuery) => call(routes.boardNotes, { params: { id }, query }),
      /** Files a note in the board, collecting it if it was not. */
      add: (id: string, noteId: string) => call(routes.addBoardNote, { params: { id, noteId } }),
      /** Takes a note out of the board; it stays collected. */
      remove: (id: string, noteId: string) =>
        call(routes.removeBoardNote, { params: { id, noteId } }),
      /** Whether the viewer collected a note, and which of their boards it is in. */
      ofNote: (noteId: string) => call(routes.noteBoards, { params: { id: noteId } }),
      /** Collects a note and files it in exactly these boards. */
      setForNote: (noteId: string, boardIds: string[]) =>
        call(routes.setNoteBoards, { params: { id: noteId }, body: { boardIds } }),
    },
    topics: {
      get: (tag: string) => call(routes.getTopic, { params: { tag } }),
      notes: (tag: string, query?: ListQuery & { sort?: 'hot' | 'new' }) =>
        call(routes.topicNotes, { params: { tag }, query }),
      trending: () => call(routes.trendingTopics, none),
    },
    search: (q: string, type: 'notes' | 'users' | 'topics' = 'notes', query?: ListQuery) =>
      call(routes.search, { query: { q, type, ...query } }),
    users: {
      get: (handle: string) => call(routes.getProfile, { params: { handle } }),
      follow: (handle: string) => call(routes.follow, { params: { handle } }),
      unfollow: (handle: string) => call(routes.unfollow, { params: { handle } }),
      block: (handle: string) => call(routes.block, { params: { handle } }),
      unblock: (handle: string) => call(routes.unblock, { params: { handle } }),
      followers: (handle: string, query?: ListQuery) =>
        call(routes.userFollowers, { params: { handle }, query }),
      following: (handle: string, query?: ListQuery) =>
        call(routes.userFollowing, { params: { handle }, query }),
    },
    reports: {
      create: (body: CreateReportBody) => call(routes.createReport, { body }),
    },
    appeals: {
      create: (body: CreateAppealBody) => call(routes.createAppeal, { body }),
    },
    moderation: {
      cases: (query?: QueueQuery) => call(routes.staffCases, { query }),
      counts: (query?: QueueQuery) => call(routes.staffCaseCounts, { query }),
      get: (id: string) => call(routes.staffCase, { params: { id } }),
      claim: (id: string) => call(routes.claimCase, { params: { id } }),
      release: (id: string) => call(routes.releaseCase, { params: { id } }),
      decide: (id: string, body: CaseDecisionBody) =>
        call(routes.decideCase, { params: { id }, body }),
      reportFalsePositive: (id: string, body: FalsePositiveBody) =>
        call(routes.reportFalsePositive, { params: { id }, body }),
      liftSanction: (handle: string, body: LiftSanctionBody) =>
        call(routes.liftSanction, { params: { handle }, body }),
    },
    media: {
      upload: uploadMedia,
    },
    dev: {
      outbox: (to: string) => call(routes.devOutbox, { query: { to } }),
    },
    ops: {
      health: () => call(routes.health, none),
      ready: () => call(routes.ready, none),
      /** What the platform cannot do right now (read-only mode, paused uploads, …). */
      status: () => call(routes.platformStatus, none),
    },
    staff: {
      me: () => call(routes.staffMe, none),
      members: (query?: ListQuery) => call(routes.listStaff, { query }),
      add: (body: AddStaffBody) => call(routes.addStaff, { body }),
      update: (handle: string, body: UpdateStaffBody) =>
        call(routes.updateStaff, { params: { handle }, body }),
      remove: (handle: string) => call(routes.removeStaff, { params: { handle } }),
      audit: (query?: AuditQuery) => call(routes.listAudit, { query }),
      verifyAudit: () => call(routes.verifyAudit, none),
      /** An account's phone and e-mail: masked unless the caller unmasked them (docs/staff.md). */
      personalData: (handle: string) => call(routes.getPersonalData, { params: { handle } }),
      revealPersonalData: (handle: string, reason: string) =>
        call(routes.revealPersonalData, { params: { handle }, body: { reason } }),
      policy: () => call(routes.getPolicy, none),
      policyVersions: (query?: ListQuery) => call(routes.listPolicyVersions, { query }),
      publishPolicy: (body: PublishPolicyBody) => call(routes.publishPolicy, { body }),
      previewPolicy: (body: PreviewPolicyBody) => call(routes.previewPolicy, { body }),
      /** An account's risk events at the door, newest first (docs/risk.md). */
      riskEvents: (handle: string, query?: ListQuery) =>
        call(routes.staffRiskEvents, { params: { handle }, query }),
      /** Sign-ups per minute by decision and country, top reasons, surge state. */
      riskOverview: (query?: { minutes?: number }) => call(routes.staffRiskOverview, { query }),
      surgeState: () => call(routes.staffSurgeState, none),
      /** This node's figures over the last hour, every 10 s, and the surge state. */
      metrics: () => call(routes.staffMetrics, none),
      setSurgeMode: (mode: SurgeMode) => call(routes.staffSurgeMode, { body: { mode } }),
      pauseCountry: (country: string) => call(routes.staffPauseCountry, { params: { country } }),
      resumeCountry: (country: string) => call(routes.staffResumeCountry, { params: { country } }),
      /** Kill switches: the ones on; turning one on or off (administrators). */
      switches: () => call(routes.staffSwitches, none),
      setSwitch: (name: SwitchName, body: SetSwitchBody) =>
        call(routes.staffSetSwitch, { params: { name }, body }),
      /** Alerts firing and recently resolved; the rules; acknowledge, silence, edit a rule. */
      alerts: () => call(routes.staffAlerts, none),
      alertRules: () => call(routes.staffAlertRules, none),
      acknowledgeAlert: (id: string) => call(routes.acknowledgeAlert, { params: { id } }),
      silenceAlert: (id: string, body: SilenceAlertBody) =>
        call(routes.silenceAlert, { params: { id }, body }),
      updateAlertRule: (id: string, body: UpdateAlertRuleBody) =>
        call(routes.updateAlertRule, { params: { id }, body }),
      /** Farm clusters, newest first; one with its graph; bulk actions on one (docs/risk.md). */
      farmClusters: (query?: ListQuery) => call(routes.staffFarmClusters, { query }),
      farmCluster: (id: string) => call(routes.staffFarmCluster, { params: { id } }),
      farmClusterAction: (id: string, body: FarmClusterActionBody) =>
        call(routes.staffFarmClusterAction, { params: { id }, body }),
    },
    surge: {
      /** Runs every periodic detection job once (the end of a replayed wave). */
      settle: () => call(routes.surgeSettle, none),
      accounts: (body: SurgeAccountsBody) => call(routes.surgeAccounts, { body }),
    },
  };
}

export type AtriumClient = ReturnType<typeof createClient>;
