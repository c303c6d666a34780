import { routes } from '@atrium/contracts';
import { clearSessionCookies, setSessionCookies } from '../../http/auth.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { Vault } from '../vault/vault.js';
import type { AccountsService } from './accounts.service.js';
import { ownExtrasOf, toAccount, toProfile } from './accounts.view.js';
import * as sessions from './sessions.service.js';
import type { DevOutbox } from './sms.js';

/** How the viewer and a profile's owner relate (the social module fills it). */
export interface ProfileRelations {
  relation(
    viewerId: string,
    otherId: string,
  ): Promise<{ following: boolean; followedBy: boolean; blocking: boolean }>;
}

export interface AccountsRouteDeps {
  accounts: AccountsService;
  social: ProfileRelations;
  outbox: DevOutbox | null;
  secret: string;
  secureCookies: boolean;
  sessionCache: sessions.SessionCache;
  /** Session user agents are sealed (modules/vault). */
  vault: Vault;
}

const MINUTE = 60_000;

export function registerAccountsRoutes(registry: RouteRegistry, deps: AccountsRouteDeps): void {
  const { accounts } = deps;
  const db = registry.db;

  /** The owner's view of an account, read again with its staff membership and step-up. */
  const ownAccount = async (accountId: string, locale: string | null) => {
    const row = await accounts.getOwnAccount({ accountId });
    return toAccount(row, locale, ownExtrasOf(row));
  };
  const signedIn = (
    reply: Parameters<typeof setSessionCookies>[0],
    session: { token: string; sessionId: string; expiresAt: Date },
  ) => setSessionCookies(reply, { ...session, secret: deps.secret, secure: deps.secureCookies });

  defineHandler(
    registry,
    routes.phoneStart,
    async ({ context, body }) => {
      const result = await accounts.startPhoneVerification(body, context.client);
      return { verificationId: result.verificationId, expiresAt: result.expiresAt.toISOString() };
    },
    { rateLimit: { max: 10, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.authChallenge, async () => accounts.authChallenge(), {
    rateLimit: { max: 60, timeWindow: 10 * MINUTE },
  });

  defineHandler(
    registry,
    routes.phoneVerify,
    async ({ context, body, reply }) => {
      const result = await accounts.verifyPhone(body, context.client);
      signedIn(reply, result);
      const deletionCancelled =
        !result.created && (await accounts.cancelPendingDeletion(result.account.id));
      // a new account is nobody's staff yet, and its step-up is the one just asked
      const account = result.created
        ? toAccount(result.account, result.account.locale, {
            staff: false,
            stepUp: result.stepUp ?? null,
          })
        : await ownAccount(result.account.id, result.account.locale);
      return {
        token: result.token,
        account,
        created: result.created,
        ...(result.stepUp ? { stepUp: result.stepUp } : {}),
        ...(deletionCancelled ? { deletionCancelled: true } : {}),
      };
    },
    { rateLimit: { max: 30, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.signup,
    async ({ context, body, reply }) => {
      const result = await accounts.signUpWithEmail(body, context.client);
      signedIn(reply, result);
      return {
        token: result.token,
        account: toAccount(result.account, result.account.locale, {
          staff: false,
          stepUp: result.stepUp ?? null,
        }),
        ...(result.stepUp ? { stepUp: result.stepUp } : {}),
      };
    },
    { rateLimit: { max: 10, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.login,
    async ({ context, body, reply }) => {
      const result = await accounts.logIn(body, context.client);
      signedIn(reply, result);
      const deletionCancelled = await accounts.cancelPendingDeletion(result.account.id);
      return {
        token: result.token,
        account: await ownAccount(result.account.id, result.account.locale),
        ...(deletionCancelled ? { deletionCancelled: true } : {}),
      };
    },
    { rateLimit: { max: 10, timeWindow: MINUTE } },
  );

  defineHandler(
    registry,
    routes.loginSecondFactor,
    async ({ context, body, reply }) => {
      const result = await accounts.logInSecondFactor(body, context.client);
      signedIn(reply, result);
      // the sign-in completes here, so a pending deletion is cancelled here too
      const deletionCancelled = await accounts.cancelPendingDeletion(result.account.id);
      return {
        token: result.token,
        account: await ownAccount(result.account.id, result.account.locale),
        ...(deletionCancelled ? { deletionCancelled: true } : {}),
      };
    },
    { rateLimit: { max: 10, timeWindow: MINUTE } },
  );

  defineHandler(registry, routes.logout, async ({ viewer, reply }) => {
    await sessions.endSession(db, viewer, deps.sessionCache);
    clearSessionCookies(reply, deps.secureCookies);
    return undefined;
  });

  defineHandler(
    registry,
    routes.rotateSession,
    async ({ viewer, reply }) => {
      const session = await sessions.rotateSession(db, viewer, deps.sessionCache);
      if (viewer.via === 'cookie') signedIn(reply, session);
      return { token: session.token, expiresAt: session.expiresAt.toISOString() };
    },
    { rateLimit: { max: 30, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.getMe, async ({ context }) =>
    ownAccount(context.viewer.accountId, context.locale),
  );

  defineHandler(
    registry,
    routes.updateMe,
    async ({ viewer, body }) => {
      const account = await accounts.updateOwnAccount(viewer, body);
      return ownAccount(account.id, account.locale);
    },
    { rateLimit: { max: 60, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.changePassword,
    async ({ viewer, body, context }) => accounts.changePassword(viewer, body, context.client),
    { rateLimit: { max: 10, timeWindow: 10 * MINUTE } },
  );

  defineHandler(registry, routes.listSessions, async ({ context }) => ({
    items: await sessions.listSessions(db, context.viewer, context.locale, deps.vault),
  }));

  defineHandler(registry, routes.listSecurityEvents, async ({ context, query }) =>
    accounts.listSecurityEvents(context, { cursor: query.cursor, limit: query.limit ?? 20 }),
  );

  defineHandler(registry, routes.revokeSession, async ({ viewer, params }) => {
    await sessions.revokeOwnSession(db, viewer, params.id, deps.sessionCache);
    return undefined;
  });

  defineHandler(registry, routes.getProfile, async ({ context, params }) => {
    const { viewer } = context;
    const account = await accounts.getProfileByHandle(params.handle);
    const relation = viewer ? await deps.social.relation(viewer.accountId, account.id) : undefined;
    // its owner sees the avatar they chose while its checks hide it from others
    const own = viewer?.accountId === account.id;
    return toProfile(
      own ? { ...account, avatar_url: account.own_avatar_url } : account,
      context.locale,
      relation,
    );
  });

  if (deps.outbox) {
    const outbox = deps.outbox;
    defineHandler(registry, routes.devOutbox, async ({ query }) => ({
      items: outbox.messagesTo(outboxRecipient(query.to)).map((entry) => ({
        to: entry.to,
        channel: entry.channel,
        body: entry.body,
        ...(entry.code ? { code: entry.code } : {}),
        createdAt: entry.createdAt.toISOString(),
      })),
    }));
  }
}

/** `+` in a query string arrives as a space unless encoded: accept a phone number either way. */
function outboxRecipient(to: string): string {
  return to.includes('@') ? to.trim().toLowerCase() : `+${to.replace(/\D/g, '')}`;
}
