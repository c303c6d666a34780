import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import type { TranslationEngine } from '@atrium/lang';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import helmetHeaders from 'helmet';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { registerAuth } from './http/auth.js';
import { clientAddress, rateLimitKey } from './http/client-address.js';
import { frameworkError, registerErrorHandler } from './http/error-handler.js';
import { commonError } from './http/errors.js';
import { registerJsonParser } from './http/json-body.js';
import { bufferedLogDestination, loggerOptions } from './http/logging.js';
import type { RouteRegistry } from './http/route.js';
import { registerRequestTimeouts, serverTimeoutOptions } from './http/timeouts.js';
import { noDomainEvents } from './lib/domain-events.js';
import { noInvalidations } from './lib/invalidations.js';
import { createProofOfWork } from './lib/proof-of-work.js';
import type { PeriodicTask } from './lib/scheduler.js';
import { createSettleJobs, type SettleJobs } from './lib/settle-jobs.js';
import { uuidv7 } from './lib/uuid7.js';
import { createAccountDirectory } from './modules/accounts/account-directory.js';
import { registerAccountsRoutes } from './modules/accounts/accounts.routes.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { openDoor } from './modules/accounts/door.js';
import { OutboxMailSender } from './modules/accounts/mail.js';
import { registerSecondFactorRoutes } from './modules/accounts/second-factor.routes.js';
import { OutboxSecurityNotices, SmsSecurityNotices } from './modules/accounts/security-notices.js';
import { resolveToken, SessionCache } from './modules/accounts/sessions.service.js';
import {
  DevOutbox,
  type SmsSender,
  UnconfiguredSmsSender,
  WebhookSmsSender,
} from './modules/accounts/sms.js';
import { registerStepUpRoutes } from './modules/accounts/step-up.routes.js';
import { registerAlertRoutes } from './modules/alerts/alerts.routes.js';
import { type AlertsService, createAlerts } from './modules/alerts/alerts.service.js';
import type { WebhookOptions } from './modules/alerts/alerts.webhook.js';
import { registerDeletionRoutes } from './modules/deletion/deletion.routes.js';
import { createDeletionService } from './modules/deletion/deletion.service.js';
import { createEventsRuntime, type EventsRuntime } from './modules/events/events.runtime.js';
import { pruneOutbox } from './modules/events/outbox.js';
import { registerExportRoutes } from './modules/exports/exports.routes.js';
import { createExportsService } from './modules/exports/exports.service.js';
import { registerFeedsRoutes } from './modules/feeds/feeds.routes.js';
import { createFeedsService } from './modules/feeds/feeds.service.js';
import type { IpLocator } from './modules/geo/ip-location.js';
import { registerLangRoutes } from './modules/lang/lang.routes.js';
import { createLangService, createTranslationEngine } from './modules/lang/lang.service.js';
import { createReadingService } from './modules/lang/reading.service.js';
import {
  createTranslationPrefetch,
  PREFETCH_CONSUMER,
} from './modules/lang/translation-prefetch.js';
import { createHashBank } from './modules/media/hash-bank.js';
import { registerMediaRoutes } from './modules/media/media.routes.js';
import { createMediaService } from './modules/media/media.service.js';
import type { MediaChecker } from './modules/media/media-check.js';
import { configuredMediaCheckers } from './modules/media/media-checkers.js';
import { createMediaChecks, type MediaChecks } from './modules/media/media-checks.service.js';
import { mediaPort } from './modules/media/media-port.js';
import { LocalDiskMediaStore, type MediaStore } from './modules/media/media-store.js';
import { closeOcrEngine } from './modules/media/ocr-engine.js';
import { resolveVideoTools } from './modules/media/video-tools.js';
import { authorLanguage } from './modules/moderation/case-language.js';
import { createContentModeration } from './modules/moderation/content-moderation.js';
import { createMediaDecisions } from './modules/moderation/media-decisions.js';
import { registerModerationRoutes } from './modules/moderation/moderation.routes.js';
import { createModerationService } from './modules/moderation/moderation.service.js';
import {
  openFarmCase,
  openRiskCase,
  recordClusterDecision,
  recordFarmAutoRestrict,
} from './modules/moderation/risk-cases.js';
import { createStatementsService } from './modules/moderation/statements.service.js';
import { registerNotesRoutes } from './modules/notes/notes.routes.js';
import { createNotesService } from './modules/notes/notes.service.js';
import { notePage } from './modules/notes/notes.view.js';
import { createMetricsService, type MetricsService } from './modules/ops/metrics.service.js';
import {
  type OpsState,
  registerOpsRoutes,
  registerRequestMetrics,
} from './modules/ops/ops.routes.js';
import { createLexiconTuning } from './modules/policy/lexicon-tuning.js';
import { registerPolicyRoutes } from './modules/policy/policy.routes.js';
import { createPolicyService, type PolicyService } from './modules/policy/policy.service.js';
import { createRetention } from './modules/retention/retention.service.js';
import { loadAsnTable } from './modules/risk/asn-table.js';
import { createDoorGuard } from './modules/risk/door-guard.js';
import { createFarmJob } from './modules/risk/farm/farm.job.js';
import { registerFarmRoutes } from './modules/risk/farm/farm.routes.js';
import { createFarmService } from './modules/risk/farm/farm.service.js';
import { registerRiskRoutes } from './modules/risk/risk.routes.js';
import { createRiskService } from './modules/risk/risk.service.js';
import { createRiskConsole } from './modules/risk/risk-console.service.js';
import { createSurgeMode, type SurgeModeService } from './modules/risk/surge-mode.js';
import { DEFAULT_SURGE_RULE } from './modules/risk/surge-rule.js';
import { createTrustGuard } from './modules/risk/trust-guard.js';
import type { TrustLimitOverrides } from './modules/risk/trust-limits.js';
import { createTrustRecompute } from './modules/risk/trust-recompute.js';
import { registerSearchRoutes } from './modules/search/search.routes.js';
import { createSearchService } from './modules/search/search.service.js';
import { registerBoardsRoutes } from './modules/social/boards.routes.js';
import { createBoardsService } from './modules/social/boards.service.js';
import { registerEngagementRoutes } from './modules/social/engagement.routes.js';
import { registerFirstVisitRoutes } from './modules/social/first-visit.routes.js';
import { createFirstVisitService } from './modules/social/first-visit.service.js';
import { registerSocialRoutes } from './modules/social/social.routes.js';
import { createSocialService } from './modules/social/social.service.js';
import type { AccountDirectory } from './modules/staff/account-directory.js';
import { mayUseStaffPowers, registerStaffSecondFactorGuard } from './modules/staff/staff.guard.js';
import { createStaffModule, type StaffModule } from './modules/staff/staff.module.js';
import { registerStaffRoutes } from './modules/staff/staff.routes.js';
import type { StaffService } from './modules/staff/staff.service.js';
import { registerSurgeRoutes } from './modules/surge/surge.routes.js';
import { createSurgeService } from './modules/surge/surge.service.js';
import { type SwitchSignal, signalFor } from './modules/switches/switch-signal.js';
import { withoutDisabledRules } from './modules/switches/switched-rules.js';
import { registerSwitchGuard } from './modules/switches/switches.guard.js';
import { registerSwitchRoutes } from './modules/switches/switches.routes.js';
import { createSwitches, type SwitchesService } from './modules/switches/switches.service.js';
import { registerTopicsRoutes } from './modules/topics/topics.routes.js';
import { createTopicsService } from './modules/topics/topics.service.js';
import { openVault } from './modules/vault/open-vault.js';
import type { Vault } from './modules/vault/vault.js';
import { registerWebRoutes } from './modules/web/web.routes.js';
import { openNats, type SharedNats } from './nats/nats.js';
import { openRedis, type SharedRedis } from './redis/redis.js';

export interface AppDeps {
  config: Config;
  database: Database;
  locator: IpLocator;
  /** Overrides the SMS adapter chosen from the configuration. */
  sms?: SmsSender;
  /** Overrides the media store (local disk under `DATA_DIR/media` by default). */
  mediaStore?: MediaStore;
  /** Overrides the translation engines chosen from the configuration (null: none). */
  translation?: TranslationEngine | null;
  /** Where pino writes (tests capture it); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /**
   * The time surge mode, the risk console, account deletions and TOTP codes see (tests drive
   * it); the system clock by default.
   */
  clock?: () => Date;
  /** How this node hears of switches flipped elsewhere; LISTEN/NOTIFY or a poll by default. */
  switchSignal?: SwitchSignal;
  /** Redis shared with other nodes; by default opened from `REDIS_URL` (null: none). */
  redis?: SharedRedis | null;
  /** NATS JetStream shared with other nodes; by default opened from `NATS_URL` (null: none). */
  nats?: SharedNats | null;
  /** How often the outbox relay looks for rows when idle (tests shorten it). */
  relayEveryMs?: number;
  /** The personal-data vault; by default opened from the configured key provider. */
  vault?: Vault;
  /** Overrides the alert webhook's delivery (its attempts and pauses); from ALERT_WEBHOOK_URL by default. */
  alertWebhook?: WebhookOptions | null;
  /**
   * The image checks run on every upload (docs/media.md); by default those the configuration
   * makes available (`configuredMediaCheckers`). Tests pass their own.
   */
  mediaCheckers?: readonly MediaChecker[];
}

export interface AtriumApp {
  app: FastifyInstance;
  ops: OpsState;
  outbox: DevOutbox | null;
  /** Staff roles and permissions, the audit recorder and moderation's staff ports. */
  staff: StaffModule;
  /** The safety policy in force: `current()` → `{ version, policy, matcher }`; publish, history. */
  policies: PolicyService;
  /**
   * The jobs `POST /api/staff/surge/settle` runs once (counting, scores; detection modules
   * register theirs here too).
   */
  settleJobs: SettleJobs;
  /**
   * Surge mode's state (shared through the database): `isSurgeActive()`, `factor()`,
   * `refresh()` (every 10 s in a running server, see `startServer`; tests call it).
   */
  surgeMode: SurgeModeService;
  /**
   * Metrics: `exposition()` (what `GET /metrics` answers) and the staff dashboard's samples,
   * taken every 10 s in a running server (`start`); tests call `sample()`.
   */
  metrics: MetricsService;
  /**
   * The kill switches (docs/operations.md): `isOn(name)`, `set`, `reload()`; `start()` listens
   * for changes made on other nodes (see `startServer`; tests call it).
   */
  switches: SwitchesService;
  /** Redis shared by the nodes, when configured: the periodic tasks' one-runner lock. */
  redis: SharedRedis | null;
  /**
   * Domain events and the work queue on NATS JetStream (`NATS_URL`, docs/scale.md), when
   * configured: the relay starts in `startServer`, workers consume the queue.
   */
  events: EventsRuntime | null;
  /**
   * Alerts (docs/operations.md, "Alerts"): `tick()` writes this node's figures and, on the node
   * holding the lease, evaluates the rules; every second in a running server (`start`).
   */
  alerts: AlertsService;
  /** Background work the server runs periodically (tests call them directly). */
  tasks: Record<
    | 'countViews'
    | 'applyTopicCounts'
    | 'refreshScores'
    | 'pruneViews'
    | 'pruneSnapshots'
    | 'pruneTopicActivity'
    | 'cleanupOrphanMedia'
    | 'applyRetention'
    | 'recomputeTrust'
    | 'detectFarms'
    | 'runExports'
    | 'pruneExports'
    | 'purgeDeletedAccounts'
    | 'pruneOutbox'
    | 'sealPersonalData'
    | 'checkMedia',
    PeriodicTask
  >;
  /** The personal-data vault (keys, sealing, blind indexes). */
  vault: Vault;
  /** The image checks' runner (docs/media.md); `tasks.checkMedia` runs it periodically. */
  mediaChecks: MediaChecks;
}

function chooseSms(
  config: Config,
  env = process.env,
): { sms: SmsSender; outbox: DevOutbox | null } {
  if (env.SMS_WEBHOOK_URL) {
    return {
      sms: new WebhookSmsSender(env.SMS_WEBHOOK_URL, env.SMS_WEBHOOK_TOKEN ?? null),
      outbox: null,
    };
  }
  if (config.nodeEnv === 'production') return { sms: new UnconfiguredSmsSender(), outbox: null };
  const outbox = new DevOutbox();
  return { sms: outbox, outbox };
}

/** The headers helmet sets for these options, as a plain map (helmet only ever adds headers). */
function securityHeaderValues(
  apply: (req: never, res: never, next: (error?: unknown) => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => {},
  };
  apply({} as never, recorder as never, (error) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * The composition root: infrastructure plugins first (errors, security headers, cookies, rate
 * limits, auth, OpenAPI), then one registration per domain module.
 */
export async function buildApp(deps: AppDeps): Promise<AtriumApp> {
  const { config, database, locator } = deps;
  const production = config.nodeEnv === 'production';
  const logger = loggerOptions(config.logLevel);
  // the log goes out in batches of lines (one write per ~30 lines), everything written at exit
  const bufferedLog =
    deps.logStream || config.logLevel === 'silent' ? null : bufferedLogDestination();
  const logStream = deps.logStream ?? bufferedLog?.stream;
  const securityHeaders = {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        // Only where TLS is certain: on plain HTTP (a LAN address in development) browsers would
        // rewrite every script URL to https and load nothing.
        upgradeInsecureRequests: production ? ([] as string[]) : null,
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : (false as const),
    crossOriginResourcePolicy: { policy: 'same-origin' as const },
  };
  const setSecurityHeaders = helmetHeaders(securityHeaders);
  // The headers depend on configuration only: computed once, set on every answer (helmet per
  // request re-parsed its directives each time, ~6% of a small request's CPU).
  const staticSecurityHeaders = securityHeaderValues(setSecurityHeaders);
  const app = Fastify({
    logger: logStream ? { ...(logger as object), stream: logStream } : logger,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    genReqId: () => uuidv7(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // how long a request may take to arrive; per-route body deadlines below
    ...serverTimeoutOptions(config.timeouts),
    // Path parameters are limited by their schemas (a topic tag: 200 characters, up to 400 UTF-16
    // units); the router's default of 100 answered a bare 414 to schema-valid tags.
    routerOptions: { maxParamLength: 1000 },
    // The router refuses an undecodable URL before any hook runs, so the headers the helmet
    // plugin sets on every other answer are set here.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request.raw, reply.raw, () => {});
      return frameworkError(error, request, reply);
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  // JSON only (multipart is added per route): anything else is 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // API answers are for one viewer (an account, a region) and may hold private data: no
    // browser or shared cache keeps them (ASVS 8.2.1). Routes that cache set their own.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  registerErrorHandler(app);
  registerRequestMetrics(app);
  registerRequestTimeouts(app, config.timeouts);
  // Read-only mode and paused uploads refuse requests before their handlers: registered before
  // any route, so every route (multipart scopes included) has the hook.
  let switchesReady: SwitchesService | null = null;
  registerSwitchGuard(app, () => switchesReady);
  // staff powers need TOTP where the operator requires it (after authentication, like the above)
  let staffReady: { staff: StaffService; accounts: AccountDirectory } | null = null;
  registerStaffSecondFactorGuard(app, config.staffSecondFactorRequired, () => staffReady);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(staticSecurityHeaders);
    done();
  });
  await app.register(cookie);
  // API answers (JSON, problem+json) over 1 KB are compressed per request; brotli at a low level
  // costs little CPU. The web app's files come precompressed from the build (web.routes.ts),
  // media are already-compressed images, and an event stream would be held back by the encoder.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    customTypes: /^application\/(?:json|problem\+json)/,
  });
  // Redis shared by the nodes (REDIS_URL, docs/scale.md): rate limits, invalidations, task runs
  const redis =
    deps.redis !== undefined
      ? deps.redis
      : config.redis
        ? await openRedis(config.redis, {
            warn: (error, what) => app.log.warn({ err: error }, what),
          })
        : null;
  if (redis && deps.redis === undefined) app.addHook('onClose', () => redis.close());
  // NATS JetStream (NATS_URL, docs/scale.md): domain events through the outbox table, the work
  // queue, and cache invalidation where Redis is not configured (Redis carries it when both are)
  const nats =
    deps.nats !== undefined
      ? deps.nats
      : config.nats
        ? await openNats(config.nats, {
            warn: (error, what) => app.log.warn({ err: error }, what),
          })
        : null;
  const events = nats
    ? createEventsRuntime({
        db: database.db,
        nats,
        warn: (error, what) => app.log.warn({ err: error }, what),
        ...(deps.relayEveryMs ? { relayEveryMs: deps.relayEveryMs } : {}),
      })
    : null;
  if (events) {
    app.addHook('onClose', async () => {
      await events.relay.stop();
      if (deps.nats === undefined) await events.nats.close();
    });
  }
  const domainEvents = events?.domainEvents ?? noDomainEvents;
  const invalidations = redis?.invalidations ?? nats?.invalidations ?? noInvalidations;
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { store: redis.rateLimitStore } : {}),
    keyGenerator: (request) => rateLimitKey(clientAddress(request)),
    errorResponseBuilder: (_request, context) =>
      commonError('RATE_LIMITED', `Try again in ${Math.ceil(context.ttl / 1000)} s`, {
        retryAfter: Math.ceil(context.ttl / 1000),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Atrium API',
        version: '0.1.0',
        description:
          'The Atrium HTTP API. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'atrium_session' },
        },
      },
    },
  });

  const { sms, outbox } = deps.sms ? { sms: deps.sms, outbox: null } : chooseSms(config);
  const db = database.db;
  const sessionCache = new SessionCache(
    (error) => app.log.warn({ err: error }, 'reading a session again failed'),
    invalidations,
  );
  const auth = registerAuth(app, {
    secret: config.secret,
    resolveToken: (token, via) => resolveToken(db, token, via, sessionCache),
  });
  const registry: RouteRegistry = {
    app,
    db,
    auth,
    production,
    rateLimitsEnabled: config.rateLimitsEnabled,
    locator,
  };
  const ops: OpsState = { draining: false };
  // A worker node (ATRIUM_ROLE=worker, docs/scale.md) runs the periodic tasks and answers only
  // health checks and metrics: a request routed to it by mistake is refused, not served.
  if (config.role === 'worker') {
    const served = new Set(['/healthz', '/readyz', '/metrics']);
    app.addHook('onRequest', async (request) => {
      if (!served.has(request.url.split('?', 1)[0]!)) {
        throw commonError(
          'SERVICE_UNAVAILABLE',
          'This node is a worker: it serves health checks and metrics only.',
        );
      }
    });
  }

  // Staff and policy first: the policy in force, the audit log and who is staff are ports of
  // moderation. A policy is active from the first start (the shipped default).
  // The personal-data vault: its keys checked against the database before anything is served
  // (a missing or wrong key stops the start with a code, docs/security.md "Key management").
  const vault = deps.vault ?? (await openVault(config.keys, db));
  const accountDirectory = createAccountDirectory(db, vault);
  const staff = createStaffModule({ db, accounts: accountDirectory, invalidations });
  staffReady = { staff: staff.service, accounts: accountDirectory };
  const staffPowers = { required: config.staffSecondFactorRequired, accounts: accountDirectory };
  const policies = createPolicyService({ db, staff: staff.service });
  await policies.init();
  // Surge mode: one state for every process (the database), cached here; read per request.
  const surgeMode = createSurgeMode({
    db,
    audit: staff.audit,
    log: app.log,
    rule: { ...DEFAULT_SURGE_RULE, floorPerMinute: config.surgeFloorPerMinute },
    ...(deps.clock ? { now: deps.clock } : {}),
  });
  app.addHook('onClose', async () => surgeMode.stop());
  // Kill switches: stored in the database, held in memory, re-read when any node changes them.
  const switches = createSwitches({
    db,
    audit: staff.audit,
    countries: surgeMode,
    ruleIds: async () => (await policies.current()).policy.rules.map((rule) => rule.id),
    staffMember: (accountId) => staff.directory.member(accountId),
    signal:
      deps.switchSignal ??
      signalFor(database, (error) => app.log.warn({ err: error }, 'switch notifications lost')),
    warn: (error, message) => app.log.warn({ err: error }, message),
    events: domainEvents,
  });
  await switches.reload(); // reads surge mode's paused countries too
  switchesReady = switches;
  app.addHook('onClose', async () => switches.stop());
  // the inline check decides without the rules a `policy_rule` switch disabled
  const contentModeration = createContentModeration({
    db,
    rules: withoutDisabledRules(policies, switches.disabledRules),
    audit: staff.audit,
  });
  const statements = createStatementsService({ db, rules: policies });
  if (bufferedLog) app.addHook('onClose', async () => bufferedLog.close());
  // Risk at the door; its ASN data loads in the background (scoring waits for it a little, then
  // fails open to a challenge), and only when scoring is on.
  let door = openDoor;
  if (config.riskEnabled) {
    const asn = loadAsnTable();
    asn.catch((error: unknown) => app.log.error({ err: error }, 'ASN data could not be loaded'));
    door = createDoorGuard({
      secret: config.secret,
      log: app.log,
      asn,
      cases: { openAccountCase: openRiskCase },
      context: (attempt) => ({
        surgeFactor: surgeMode.factor(),
        trustLevel: attempt.trustLevel ?? null,
      }),
      surgeActive: surgeMode.isSurgeActive,
    });
  }
  // Trust levels: computed always (GET /api/me/trust); limits and first-actions scoring only
  // with ATRIUM_TRUST on, when the writing modules get the guard.
  const trustGuard = createTrustGuard({
    db,
    log: app.log,
    enabled: config.trustEnabled,
    overrides: async () =>
      (await policies.current()).policy.trust?.limits as TrustLimitOverrides | undefined,
    cases: { openAccountCase: openRiskCase },
    surge: surgeMode.isSurgeActive,
    onRestricted: (accountId) => sessionCache.forgetAccount(accountId),
  });
  const trust = config.trustEnabled ? trustGuard : undefined;
  const accounts = createAccountsService({
    db,
    secret: config.secret,
    sms,
    // e-mail (step-up codes) only through the dev outbox: there is no e-mail gateway yet
    mail: outbox ? new OutboxMailSender(outbox) : null,
    notices: outbox
      ? new OutboxSecurityNotices(outbox)
      : new SmsSecurityNotices(sms, (error) =>
          app.log.warn({ err: error }, 'security notice not delivered'),
        ),
    pow: createProofOfWork({
      secret: config.secret,
      ...(redis ? { spent: redis.spentChallenges } : {}),
    }),
    antiAutomation: config.rateLimitsEnabled,
    log: app.log,
    sessionCache,
    events: domainEvents,
    moderation: contentModeration,
    media: mediaPort,
    door,
    // the `signups` switch pauses every country; surge mode's list pauses some
    signups: {
      isPaused: (country) => switches.isOn('signups') || surgeMode.isPaused(country),
    },
    ...(deps.clock ? { now: () => deps.clock!().getTime() } : {}),
    vault,
  });
  const mediaStore = deps.mediaStore ?? (await openMediaStore(config));
  if (!deps.mediaStore) app.addHook('onClose', async () => mediaStore.close?.());
  // known-bad hashes: what moderators remove is banked; the `hash` checker matches uploads
  const hashBank = createHashBank({ db, store: mediaStore });
  const mediaCheckers =
    deps.mediaCheckers ?? configuredMediaCheckers(config, { rules: policies, hashBank });
  // the OCR's second engine runs in a worker thread that would keep the process alive
  if (mediaCheckers.some((checker) => checker.name === 'ocr')) {
    app.addHook('onClose', () => closeOcrEngine());
  }
  // ffmpeg and ffprobe for video notes; without them videos are refused (503), images unaffected
  const videoTools = resolveVideoTools(config.video);
  const media = createMediaService({
    db,
    store: mediaStore,
    checked: mediaCheckers.length > 0,
    limits: { maxBytes: config.mediaMaxBytes, maxPixels: config.mediaMaxPixels },
    video: { limits: config.video, tools: videoTools },
    // reviewers open the images of held, withheld and removed notes from the case view
    reviewers: {
      mayReview: async (accountId) =>
        (await staff.directory.member(accountId))?.lacks('cases.read') === null &&
        (await mayUseStaffPowers(staffPowers, accountId)),
    },
  });
  // account exports: archives under DATA_DIR/exports, built in this process in the background
  const exports = createExportsService({
    db,
    secret: config.secret,
    dir: path.join(config.dataDir, 'exports'),
    media: mediaStore,
    statements: statements.statementsOf,
    log: app.log,
    vault,
  });
  app.addHook('onClose', () => exports.close());
  const topics = createTopicsService({ db });
  const notes = createNotesService({
    db,
    media: mediaPort,
    moderation: contentModeration,
    topics,
    statements,
    trust,
    log: app.log,
    invalidations,
    events: domainEvents,
  });
  // before the database closes: the views still waiting are written
  app.addHook('onClose', () => notes.close());
  const social = createSocialService({
    db,
    accounts,
    notes,
    moderation: contentModeration,
    trust,
    log: app.log,
    invalidations,
  });
  // account deletion by the holder (docs/security.md): a login in the grace period cancels it
  const deletion = createDeletionService({
    db,
    vault,
    accounts,
    notes,
    social,
    media,
    audit: staff.audit,
    sessionCache,
    log: app.log,
    ...(deps.clock ? { now: deps.clock } : {}),
  });
  accounts.setPendingDeletions(deletion);
  // feeds listen to note and follow changes (their rankings and following lists)
  const feeds = createFeedsService({
    db,
    notes,
    follows: social,
    log: app.log,
    // level-0 accounts reach discover through its exploration share only (docs/risk.md)
    capLevelZero: config.trustEnabled,
    discoverFrozen: () => switches.isOn('discover_frozen'),
  });
  const lang = createLangService({
    db,
    engine:
      deps.translation !== undefined
        ? deps.translation
        : createTranslationEngine(config.translation),
    authorLanguage: (authorId) => authorLanguage(db, authorId),
    paused: () => switches.isOn('translation'),
  });
  app.addHook('onClose', () => lang.close());
  // new notes translated ahead of their readers on a worker (TRANSLATION_PREFETCH, with NATS)
  if (events && config.translation.prefetch.length > 0) {
    const prefetch = createTranslationPrefetch({
      lang,
      findNote: (noteId) => notes.findNote(noteId),
      targets: config.translation.prefetch,
    });
    events.follow(PREFETCH_CONSUMER, async (event) => {
      await prefetch(event);
    });
  }
  // the reading aid's dictionary is read on its first use, not at start
  const reading = createReadingService({ db });
  // the image checks (docs/media.md): claimed by worker nodes, their outcome applied to notes
  const mediaChecks = createMediaChecks({
    db,
    store: mediaStore,
    checkers: mediaCheckers,
    outcomes: createMediaDecisions({
      notes,
      media: mediaPort,
      rules: policies,
      audit: staff.audit,
    }),
    node: `${hostname()}/${process.pid}`,
    timeoutMs: config.mediaChecks.timeoutMs,
    reclaimMs: config.mediaChecks.reclaimMs,
    regionGroups: async () => (await policies.current()).policy.regionGroups,
    video: { limits: config.video, tools: videoTools, timeoutMs: config.video.timeoutMs },
    warn: (error, message) => app.log.warn({ err: error }, message),
  });
  const moderation = createModerationService({
    db,
    rules: policies,
    audit: staff.audit,
    staff: staff.directory,
    accounts,
    notes,
    social,
    statements,
    // moderators see content in languages they do not read with a machine translation
    translation: { translate: lang.translateForReview },
    // the false-positive loop publishes narrowing lexicon changes as policy versions
    tuning: createLexiconTuning({ policies, staff: staff.service }),
    trust,
    removedMedia: hashBank,
  });

  const metrics = createMetricsService({
    database,
    surge: surgeMode,
    staffMember: (accountId) => staff.directory.member(accountId),
    ...(deps.clock ? { now: () => deps.clock!().getTime() } : {}),
  });
  app.addHook('onClose', async () => metrics.stop());
  registerOpsRoutes(registry, { database, state: ops, metrics, metricsToken: config.metricsToken });
  const alerts = createAlerts({
    db,
    node: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    figures: metrics,
    audit: staff.audit,
    staffMember: (accountId) => staff.directory.member(accountId),
    webhook:
      deps.alertWebhook !== undefined
        ? deps.alertWebhook
        : config.alertWebhookUrl
          ? { url: config.alertWebhookUrl }
          : null,
    shared: database.kind === 'postgres',
    ...(deps.clock ? { now: deps.clock } : {}),
    warn: (error, message) => app.log.warn({ err: error }, message),
  });
  app.addHook('onClose', async () => alerts.stop());
  registerAlertRoutes(registry, { alerts });
  registerAccountsRoutes(registry, {
    accounts,
    social,
    outbox: production ? null : outbox,
    secret: config.secret,
    secureCookies: production,
    vault,
    sessionCache,
  });
  registerStepUpRoutes(registry, { accounts });
  registerExportRoutes(registry, { exports });
  registerDeletionRoutes(registry, { deletion, secureCookies: production });
  registerSecondFactorRoutes(registry, { secondFactor: accounts.secondFactor });
  registerSocialRoutes(registry, social);
  registerFirstVisitRoutes(
    registry,
    // level-0 accounts are not suggested to follow, as they are capped in discover (docs/risk.md)
    createFirstVisitService({ db, accounts, excludeLevelZero: config.trustEnabled }),
  );
  registerMediaRoutes(registry, {
    media,
    maxBytes: config.mediaMaxBytes,
    maxVideoBytes: config.video.maxBytes,
  });
  registerNotesRoutes(registry, { notes });
  registerEngagementRoutes(registry, { social });
  registerModerationRoutes(registry, { moderation });
  registerLangRoutes(registry, { lang, reading, notes, social });
  registerFeedsRoutes(registry, { feeds, accounts });
  registerBoardsRoutes(registry, {
    boards: createBoardsService({ db, accounts, notes, moderation: contentModeration }),
    feeds,
  });
  registerTopicsRoutes(registry, { topics, feeds });
  registerStaffRoutes(registry, { staff: staff.service, personalData: staff.personalData });
  registerPolicyRoutes(registry, { policies });
  registerSwitchRoutes(registry, { switches });
  registerRiskRoutes(registry, {
    risk: createRiskService({
      db,
      staffMember: (accountId) => staff.directory.member(accountId),
      accountIdByHandle: async (handle) =>
        (await accounts.getByHandle(handle).catch(() => null))?.id ?? null,
    }),
    trust: trustGuard,
    console: createRiskConsole({
      db,
      surge: surgeMode,
      staffMember: (accountId) => staff.directory.member(accountId),
      ...(deps.clock ? { now: deps.clock } : {}),
    }),
  });
  const farmSanctions = { applySanction: accounts.applySanction };
  registerFarmRoutes(registry, {
    farm: createFarmService({
      db,
      staffMember: async (accountId) => {
        const member = await staff.directory.member(accountId);
        return member && { accountId, lacks: member.lacks };
      },
      sanctions: farmSanctions,
      decisions: { recordClusterDecision },
      audit: staff.audit,
      removedMedia: hashBank,
    }),
  });
  const farmJob = createFarmJob({
    db,
    vault,
    cases: { openClusterCase: openFarmCase },
    sanctions: farmSanctions,
    audit: staff.audit,
    decisions: { recordAutoRestrict: recordFarmAutoRestrict },
    settings: async () => (await policies.current()).policy.farm,
  });
  registerSearchRoutes(registry, {
    // an English query also finds Chinese notes through the reading aid's dictionary
    search: createSearchService({ db, crossLanguage: reading }),
    notePage: async (ids, reader, nextCursor) =>
      notePage(await notes.presentNotes(ids, reader), nextCursor),
  });
  registerWebRoutes(app, config.webDistDir ? { distDir: config.webDistDir } : {});

  const trustRecompute = createTrustRecompute({ db });
  const retention = createRetention({
    db,
    schedule: config.retention,
    pruneVerifications: accounts.pruneVerifications,
    pruneTranslations: lang.pruneCache,
    pruneReadings: reading.pruneCache,
  });
  const MINUTE = 60_000;
  const tasks: AtriumApp['tasks'] = {
    countViews: { name: 'count views', everyMs: 10_000, run: () => notes.countViews() },
    applyTopicCounts: {
      name: 'apply topic counts',
      everyMs: 2_000,
      run: () => topics.applyTopicCounts(),
    },
    refreshScores: {
      name: 'refresh scores',
      everyMs: 5 * MINUTE,
      run: () => notes.refreshScores(),
    },
    pruneViews: { name: 'prune views', everyMs: 60 * MINUTE, run: () => notes.pruneViews() },
    pruneSnapshots: {
      name: 'prune feed snapshots',
      everyMs: 60 * MINUTE,
      run: () => feeds.pruneSnapshots(),
    },
    pruneTopicActivity: {
      name: 'prune topic activity',
      everyMs: 60 * MINUTE,
      run: () => topics.pruneActivity(),
    },
    cleanupOrphanMedia: {
      name: 'clean up orphan media',
      everyMs: 60 * MINUTE,
      run: () => media.cleanupOrphans(),
    },
    // how long personal data is kept (docs/privacy.md "Retention"): reduce, then delete
    applyRetention: {
      name: 'apply the retention schedule',
      everyMs: 60 * MINUTE,
      run: () => retention.apply(),
    },
    // exports asked for while no drain ran here, and those a stopped process left midway
    runExports: { name: 'run account exports', everyMs: 5_000, run: () => exports.runPending() },
    pruneExports: {
      name: 'remove expired account exports',
      everyMs: 60 * MINUTE,
      run: () => exports.prune(),
    },
    // accounts whose deletion's grace period is over (docs/security.md)
    purgeDeletedAccounts: {
      name: 'purge deleted accounts',
      everyMs: 60 * MINUTE,
      run: () => deletion.purgeDue(),
    },
    // rows written before the vault (migration 0030) sealed in batches, the plaintext cleared
    sealPersonalData: {
      name: 'seal personal data',
      everyMs: 10 * MINUTE,
      run: async () => {
        const sealed = await vault.sealLegacyRows(db);
        if (sealed.accounts + sealed.sessions + sealed.codes > 0) {
          app.log.info({ sealed }, 'personal data sealed');
        }
      },
    },
    detectFarms: { name: 'detect farms', everyMs: 10 * MINUTE, run: () => farmJob.run() },
    // levels are earned by age, which passes without a request: recomputed here (docs/risk.md)
    recomputeTrust: {
      name: 'recompute trust levels',
      everyMs: 60 * MINUTE,
      run: () => trustRecompute.run(),
    },
    // sent events (kept a day) and consumers' records of handled ones (a week)
    pruneOutbox: { name: 'prune the outbox', everyMs: 60 * MINUTE, run: () => pruneOutbox(db) },
    // uploads checked off the request path, on every worker node at once (claims, docs/media.md)
    checkMedia: {
      name: 'check media',
      everyMs: 1_000,
      everyNode: true,
      run: () => mediaChecks.runPending(),
    },
  };

  // What a replayed wave's outcome depends on: counts and scores first, then detection jobs.
  const settleJobs = createSettleJobs();
  for (const task of [
    tasks.countViews,
    tasks.applyTopicCounts,
    tasks.refreshScores,
    tasks.recomputeTrust,
    tasks.detectFarms,
    tasks.checkMedia,
  ]) {
    settleJobs.register({ name: task.name, run: () => task.run() });
  }
  registerSurgeRoutes(registry, {
    surge: createSurgeService({ db, staff: staff.service, settleJobs, log: app.log }),
  });

  await app.ready();
  return {
    app,
    ops,
    outbox: production ? null : outbox,
    staff,
    policies,
    tasks,
    settleJobs,
    surgeMode,
    metrics,
    switches,
    redis,
    events,
    alerts,
    vault,
    mediaChecks,
  };
}

/**
 * The media store the configuration names (`MEDIA_STORE`, docs/operations.md). The AWS SDK is
 * loaded only when a bucket is configured: it adds seconds to every start, commands included.
 */
export async function openMediaStore(config: Config): Promise<MediaStore> {
  if (config.mediaStore.kind === 'local') {
    return new LocalDiskMediaStore(path.join(config.dataDir, 'media'));
  }
  const { S3MediaStore } = await import('./modules/media/s3-media-store.js');
  return new S3MediaStore(config.mediaStore);
}
