import type {
  LoginBody,
  LoginSecondFactorBody,
  PhoneVerifyBody,
  SignupBody,
  UpdateMeBody,
} from '@atrium/contracts';
import { normalizeLanguageTag } from '@atrium/lang';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, inTransaction } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import { commonError, DomainError } from '../../http/errors.js';
import type { ClientInfo, PageRequest, SignedInReader } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import type { DomainEvents } from '../../lib/domain-events.js';
import { languageOf } from '../../lib/language-of.js';
import { countSignup } from '../../lib/metrics.js';
import type { ProofOfWork } from '../../lib/proof-of-work.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { MediaPort } from '../media/media-port.js';
import type { WriteScreening } from '../screening/screening.js';
import type { Vault } from '../vault/vault.js';
import { accountsError, isAccountRace, mapUniqueViolation } from './accounts.errors.js';
import * as store from './accounts.store.js';
import {
  type DoorAttempt,
  type DoorGuard,
  type DoorVerdict,
  passDoor,
  rescoreForAccount,
  reviewRestriction,
} from './door.js';
import { normalizeBio, normalizeDisplayName, normalizeEmail, normalizeHandle } from './identity.js';
import { createLoginGuard } from './login-guard.js';
import type { MailSender } from './mail.js';
import { createPasswordChange } from './password-change.js';
import {
  checkPasswordStrength,
  hashPassword,
  meetsStaffLength,
  verifyPassword,
} from './passwords.js';
import { CODE_MAX_ATTEMPTS, codeHash, createPhoneCodes } from './phone-codes.js';
import { signUpByPhoneAtOnce } from './phone-signup.store.js';
import { createReauth } from './reauth.js';
import { createSanctions } from './sanctions.js';
import { sealedContact } from './sealed-contact.js';
import { createSecondFactor } from './second-factor.js';
import { totpEnabled } from './second-factor.store.js';
import * as events from './security-events.store.js';
import { listSecurityEvents } from './security-log.js';
import type { SecurityNotices } from './security-notices.js';
import { notifyHolder } from './security-notices.js';
import {
  type IssuedSession,
  issueSession,
  newSession,
  type SessionCache,
} from './sessions.service.js';
import type { SmsSender } from './sms.js';
import { createStepUps, type StepUpStarted } from './step-up.js';

export interface AccountsDeps {
  db: Db;
  secret: string;
  sms: SmsSender;
  /** E-mail delivery (step-up codes); null where there is no e-mail gateway. */
  mail: MailSender | null;
  /** Security notices to an account's holder (failed logins, sign-ups with their address). */
  notices: SecurityNotices;
  /** Proof-of-work challenges in front of repeated code requests. */
  pow: ProofOfWork;
  /** Off only where rate limits are (demo seeding, tests that sign up many accounts). */
  antiAutomation: boolean;
  log: FastifyBaseLogger;
  sessionCache: SessionCache;
  /** `account.sanctioned`, recorded in the deciding transaction (NATS configured). */
  events?: DomainEvents;
  /** The inline safety check: handles, display names and bios are checked like notes. */
  moderation: WriteScreening;
  /** Uploaded images used as avatars (the media module). */
  media: Pick<MediaPort, 'attach' | 'release' | 'view' | 'avatarShown'>;
  /** Risk scoring of sign-ups, code requests and logins (`openDoor` when it is off). */
  door: DoorGuard;
  /**
   * Countries whose sign-ups staff paused (surge mode, filled by the risk module): a new account
   * from one is refused with 503 SIGNUPS_PAUSED. Logins are never paused.
   */
  signups?: { isPaused(country: string | null): boolean };
  /** The time TOTP codes and second-factor challenges are checked at (tests drive it). */
  now?: () => number;
  /** Phone numbers, e-mail addresses and user agents are sealed (modules/vault). */
  vault: Vault;
}

/** The deletion module's side of a sign-in during a deletion's grace period. */
export interface PendingDeletions {
  cancelOnSignIn(accountId: string): Promise<boolean>;
}

export interface SignedIn extends IssuedSession {
  account: AccountRow;
  /** A new account asked to confirm a second factor (docs/risk.md, "Step-up"). */
  stepUp?: StepUpStarted['ask'];
}

/**
 * The account's IP-location label after a sign-in: where the client is, or, when its address
 * locates nowhere (private, reserved, unknown), the last place known — an unknown address must
 * not erase the region that labels the account and scopes its moderation cases.
 */
function lastKnownPlace(client: ClientInfo) {
  return client.country ? { ip_country: client.country, ip_region: client.region } : {};
}

/** What a recorded login event keeps of a trust discount: the level and the score before it. */
function trustNote(before: DoorVerdict, after: DoorVerdict, account: { trust_level: number }) {
  return before === after ? {} : { trustLevel: account.trust_level, scoreBefore: before.score };
}

const DAY_MS = 86_400_000;

export function createAccountsService(deps: AccountsDeps) {
  const { db, secret } = deps;
  const phoneCodes = createPhoneCodes(deps);
  const loginGuard = createLoginGuard(deps);
  const stepUps = createStepUps(deps);
  const passwords = createPasswordChange(deps, loginGuard);
  const reauth = createReauth(deps, loginGuard);
  let deletion: PendingDeletions | null = null;
  const secondFactor = createSecondFactor(deps, loginGuard);

  /**
   * Step 2: check the code. A wrong code costs one of five attempts (committed on its own, so the
   * count survives the error); a right one logs in, or signs up when the number is new. The code
   * is spent only when that succeeds, so a taken handle can be corrected with the same code.
   */
  async function verifyPhone(input: PhoneVerifyBody, client: ClientInfo) {
    // check and count in one statement (the row locked while it runs: guesses queue up)
    const now = Date.now();
    const checked = await store.checkVerificationCode(
      db,
      input.verificationId,
      // the hash is keyed by the id as the database writes it (lower case)
      codeHash(secret, input.verificationId.toLowerCase(), input.code.trim()),
      new Date(now),
      CODE_MAX_ATTEMPTS,
    );
    const wrong = (() => {
      if (!checked) return 'INVALID_CODE' as const;
      const verification = checked.row;
      if (verification.consumed_at || verification.expires_at.getTime() <= now) {
        return 'CODE_EXPIRED' as const;
      }
      if (verification.attempts >= CODE_MAX_ATTEMPTS) return 'TOO_MANY_ATTEMPTS' as const;
      if (!checked.matched) {
        return verification.attempts + 1 >= CODE_MAX_ATTEMPTS
          ? ('TOO_MANY_ATTEMPTS' as const)
          : ('INVALID_CODE' as const);
      }
      return null;
    })();
    if (wrong) throw accountsError(wrong);
    const pending = checked?.row;
    const pendingPhone = pending ? await deps.vault.openCodePhone(pending) : null;
    const attempt: DoorAttempt = {
      surface: 'phone_verify',
      client,
      phone: pendingPhone,
      handle: input.handle ?? null,
      displayName: input.displayName ?? null,
      locale: input.locale ?? null,
      codeSentAt: pending?.last_sent_at ?? null,
      retry: !!input.proof,
    };
    const verdict = await deps.door.assess(attempt);
    await passDoor(deps.door, deps.pow, db, attempt, verdict, input.proof);
    // A new number signs up with these: checked before the transaction (the check may read the
    // active policy, and the embedded database lends its one connection to the transaction).
    let signupHandle: string | null = null;
    try {
      signupHandle = input.handle ? normalizeHandle(input.handle) : null;
    } catch {
      // an invalid handle is reported inside, and only when the number is new
    }
    const profileChecked = signupHandle
      ? await screenProfile(null, {
          handle: signupHandle,
          displayName: normalizeDisplayName(input.displayName ?? signupHandle),
        })
      : null;

    // The common case in one statement: a new number, a free handle, nothing to do beyond the
    // account, its session and the door's event (no review case, no step-up, no pause).
    const quick =
      pending &&
      signupHandle &&
      profileChecked &&
      !verdict.stepUp &&
      verdict.decision !== 'review' &&
      !deps.signups?.isPaused(client.country)
        ? deps.door.signupEvent?.(attempt, verdict, input.proof ? { proof: 'passed' } : {})
        : null;
    if (quick && signupHandle && pendingPhone) {
      const accountId = uuidv7();
      const { key, row: keyRow } = await deps.vault.newAccountKey(accountId);
      const session = newSession(client, (userAgent) =>
        deps.vault.sealWith(key, accountId, 'user_agent', userAgent),
      );
      const account = await signUpByPhoneAtOnce(db, {
        verificationId: input.verificationId,
        phoneIndex: deps.vault.index('phone', pendingPhone),
        phone: pendingPhone,
        key: keyRow,
        account: {
          id: accountId,
          phone_sealed: deps.vault.sealWith(key, accountId, 'phone', pendingPhone)!,
          handle: signupHandle,
          display_name: normalizeDisplayName(input.displayName ?? signupHandle),
          locale: input.locale ?? null,
          signup_country: client.country,
          signup_region: client.region,
        },
        session: session.row,
        event: quick.insert,
      }).catch((error: unknown) => {
        // a race on the number or the handle: the transaction below says which
        if (isAccountRace(error)) return undefined;
        throw error;
      });
      if (account) {
        countSignup(verdict.decision);
        const { row: _row, ...issued } = session;
        return { ...issued, account, created: true, stepUp: undefined };
      }
    }
    const signedIn = await inTransaction(db, async (tx) => {
      // Spent first, so the row stays locked; any failure below rolls the spending back. A
      // parallel request may have spent the code since the check.
      const verification = await store.consumeVerification(tx, input.verificationId);
      if (!verification) throw accountsError('CODE_EXPIRED');
      const phone = await deps.vault.openCodePhone(verification);
      const phoneIndex = deps.vault.index('phone', phone);
      const found = await store.findPhoneAccountAndHandle(tx, phone, phoneIndex, signupHandle);
      let account = found.account;
      let created = false;
      let decided = verdict;
      if (account) {
        decided = rescoreForAccount(deps.door, attempt, verdict, account);
        // a suspended or banned account signs in to a restricted session (statements, appeals)
        account = await store.updateAccount(tx, account.id, {
          ...lastKnownPlace(client),
          ...reviewRestriction(decided),
        });
      } else {
        if (deps.signups?.isPaused(client.country)) throw accountsError('SIGNUPS_PAUSED');
        if (!input.handle) throw accountsError('HANDLE_REQUIRED');
        const handle = normalizeHandle(input.handle);
        if (found.handleTaken) throw accountsError('HANDLE_TAKEN');
        if (!profileChecked) throw accountsError('HANDLE_INVALID');
        const id = uuidv7();
        account = await store
          .insertAccount(tx, {
            id,
            handle,
            display_name: normalizeDisplayName(input.displayName ?? handle),
            locale: input.locale ?? null,
            ...(await sealedContact(deps.vault, tx, id, { phone, email: null })),
            password_hash: null,
            avatar_url: null,
            signup_country: client.country,
            signup_region: client.region,
            ip_country: client.country,
            ip_region: client.region,
            ...reviewRestriction(verdict),
          })
          .catch(mapUniqueViolation);
        created = true;
      }
      const stepUp =
        created && verdict.stepUp ? await stepUps.begin(tx, account, 'sms') : undefined;
      await deps.door.record(tx, attempt, decided, account.id, {
        ...(input.proof ? { proof: 'passed' } : {}),
        ...trustNote(verdict, decided, account),
        ...(created && verdict.stepUp ? { stepUp: 'sms' } : {}),
      });
      // TOTP on: the code proved the phone, the session waits for the second factor too
      if (!created && (await totpEnabled(tx, account.id))) return { waitsFor: account! };
      const session = await issueSession(tx, account.id, client, deps.vault);
      return { ...session, account, created, stepUp };
    });
    if (signedIn.waitsFor) {
      throw accountsError(
        'SECOND_FACTOR_REQUIRED',
        'Enter the code from your authenticator app, or a recovery code',
        secondFactor.issueChallenge(signedIn.waitsFor),
      );
    }
    if (signedIn.created) countSignup(verdict.decision);
    await signedIn.stepUp?.deliver();
    return { ...signedIn, stepUp: signedIn.stepUp?.ask };
  }

  /**
   * E-mail sign-up answers the same for a new and a known address, so it does not tell who has
   * an account: a known address is not attached to the new account (it stays with its holder,
   * who is told), and the answer still says the account has an e-mail address. The handle, the
   * password and the session are the new account's either way.
   */
  async function signUpWithEmail(input: SignupBody, client: ClientInfo): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const handle = normalizeHandle(input.handle);
    const displayName = normalizeDisplayName(input.displayName ?? handle);
    checkPasswordStrength(input.password, { personal: [handle, email, displayName] });
    if (deps.signups?.isPaused(client.country)) throw accountsError('SIGNUPS_PAUSED');
    const attempt: DoorAttempt = {
      surface: 'signup',
      client,
      email,
      handle,
      displayName,
      locale: input.locale ?? null,
      retry: !!input.proof,
    };
    const verdict = await deps.door.assess(attempt);
    await passDoor(deps.door, deps.pow, db, attempt, verdict, input.proof);
    if (await store.handleExists(db, handle)) throw accountsError('HANDLE_TAKEN');
    await screenProfile(null, { handle, displayName });
    const passwordHash = await hashPassword(input.password);
    const stepUpChannel = verdict.stepUp ? stepUps.channelFor('email') : null;
    const create = (address: string | null) =>
      inTransaction(db, async (tx) => {
        const id = uuidv7();
        const account = await store
          .insertAccount(tx, {
            id,
            handle,
            display_name: displayName,
            locale: input.locale ?? null,
            ...(await sealedContact(deps.vault, tx, id, { phone: null, email: address })),
            password_hash: passwordHash,
            password_staff_ready: meetsStaffLength(input.password),
            avatar_url: null,
            signup_country: client.country,
            signup_region: client.region,
            ip_country: client.country,
            ip_region: client.region,
            ...reviewRestriction(verdict),
          })
          .catch(mapUniqueViolation);
        await deps.door.record(tx, attempt, verdict, account.id, {
          ...(input.proof ? { proof: 'passed' } : {}),
          ...(stepUpChannel ? { stepUp: stepUpChannel } : {}),
        });
        const stepUp = stepUpChannel ? await stepUps.begin(tx, account, stepUpChannel) : null;
        const session = await issueSession(tx, account.id, client, deps.vault);
        return { ...session, account, stepUp };
      });
    const finish = async ({ stepUp, ...signedUp }: Awaited<ReturnType<typeof create>>) => {
      countSignup(verdict.decision);
      await stepUp?.deliver();
      return stepUp ? { ...signedUp, stepUp: stepUp.ask } : signedUp;
    };
    const emailIndex = deps.vault.index('email', email);
    let holder = await store.findAccountByEmail(db, email, emailIndex);
    if (!holder) {
      try {
        return await finish(await create(email));
      } catch (error) {
        // another sign-up took the address in between: it is a known address now
        if (!(error instanceof DomainError && error.code === 'EMAIL_TAKEN')) throw error;
        holder = await store.findAccountByEmail(db, email, emailIndex);
        if (!holder) throw error;
      }
    }
    const signedUp = await finish(await create(null));
    await events.insertSecurityEvent(db, {
      id: uuidv7(),
      accountId: holder.id,
      subject: `account:${holder.id}`,
      kind: 'email_signup_attempt',
      ipCountry: client.country,
      ipRegion: client.region,
    });
    // not awaited: the answer must not wait for (or depend on) the notice
    void notifyHolder(
      deps,
      holder,
      `Someone signed up on Atrium with this e-mail address. It stays with your account ` +
        `@${holder.handle} and was not given to the new one. If that was you, log in instead.`,
    );
    return { ...signedUp, account: { ...signedUp.account, email } };
  }

  /**
   * E-mail or handle + password. Unknown accounts take the same time and get the same answer;
   * repeated failures on one login are slowed down (`login-guard.ts`).
   */
  async function logIn(input: LoginBody, client: ClientInfo): Promise<SignedIn> {
    const login = input.login.trim();
    // scored before the password is checked: a refused or challenged guess costs no hash
    const attempt: DoorAttempt = { surface: 'login', client, retry: !!input.proof };
    const verdict = await deps.door.assess(attempt);
    await passDoor(deps.door, deps.pow, db, attempt, verdict, input.proof);
    const candidate = login.includes('@')
      ? await store.findAccountByEmail(
          db,
          login.toLowerCase(),
          deps.vault.index('email', login.toLowerCase()),
        )
      : await store.findAccountByHandle(db, login);
    const ok = await loginGuard.guard(login, candidate, client, () =>
      verifyPassword(candidate?.password_hash ?? null, input.password),
    );
    if (!candidate || !ok) throw accountsError('INVALID_CREDENTIALS');
    const decided = rescoreForAccount(deps.door, attempt, verdict, candidate);
    const proofNote = input.proof ? { proof: 'passed' } : {};
    if (await secondFactor.enabled(candidate.id)) {
      // the password was right: the attempt is recorded now, the session waits for the code
      await inTransaction(db, async (tx) => {
        await store.updateAccount(tx, candidate.id, {
          password_staff_ready: meetsStaffLength(input.password),
          ...reviewRestriction(decided),
        });
        await deps.door.record(tx, attempt, decided, candidate.id, {
          ...proofNote,
          secondFactor: 'asked',
          ...trustNote(verdict, decided, candidate),
        });
      });
      throw accountsError(
        'SECOND_FACTOR_REQUIRED',
        'Enter the code from your authenticator app, or a recovery code',
        secondFactor.issueChallenge(candidate),
      );
    }
    // a suspended or banned account signs in to a restricted session (statements, appeals)
    return inTransaction(db, async (tx) => {
      const account = await store.updateAccount(tx, candidate.id, {
        ...lastKnownPlace(client),
        failed_logins_cleared_at: new Date(),
        // known again at each login: passwords set before the staff minimum are sorted out
        password_staff_ready: meetsStaffLength(input.password),
        ...reviewRestriction(decided),
      });
      await deps.door.record(tx, attempt, decided, account.id, {
        ...proofNote,
        ...trustNote(verdict, decided, candidate),
      });
      const session = await issueSession(tx, account.id, client, deps.vault);
      return { ...session, account };
    });
  }

  /**
   * The second step of a login with TOTP on: the challenge from the first step and a TOTP or
   * recovery code. A wrong code is a failed login of the account (same back-off); the door
   * already scored the attempt at the first step.
   */
  async function logInSecondFactor(
    input: LoginSecondFactorBody,
    client: ClientInfo,
  ): Promise<SignedIn> {
    const candidate = await secondFactor.readChallenge(input.challenge);
    const used = await secondFactor.checkSecondFactor(candidate, input.code, client);
    if (!used) throw accountsError('INVALID_CODE');
    return inTransaction(db, async (tx) => {
      const account = await store.updateAccount(tx, candidate.id, {
        ...lastKnownPlace(client),
        failed_logins_cleared_at: new Date(),
      });
      const session = await issueSession(tx, account.id, client, deps.vault);
      return { ...session, account };
    });
  }

  /** The account with what only its owner sees (staff membership, a pending step-up). */
  async function getOwnAccount(viewer: Pick<Viewer, 'accountId'>) {
    const account = await store.findOwnAccount(db, viewer.accountId);
    // The session join guarantees the account; a deletion in between is simply "signed out".
    if (!account) throw commonError('UNAUTHENTICATED');
    return account;
  }

  /**
   * Checks profile texts. A profile cannot be held for review or withheld per region, so
   * anything stricter than a label is refused with its reasons.
   */
  function screenProfile(accountId: string | null, fields: Record<string, string>) {
    return deps.moderation.screen(accountId, 'account', fields, { strict: true });
  }

  async function updateOwnAccount(viewer: Viewer, input: UpdateMeBody): Promise<AccountRow> {
    const changes: Parameters<typeof store.updateAccount>[2] = {};
    if (input.displayName !== undefined) {
      // staff may keep a name that passes for staff: they wear the badge
      changes.display_name = normalizeDisplayName(input.displayName, {
        mayPassForStaff: await store.hasStaffBadge(db, viewer.accountId),
      });
    }
    if (input.bio !== undefined) {
      changes.bio = normalizeBio(input.bio);
      changes.bio_lang = languageOf(changes.bio);
    }
    if (input.languages !== undefined)
      changes.languages = [...new Set(input.languages.map(normalizeLanguageTag))];
    if (input.locale !== undefined) changes.locale = input.locale;
    if (input.autoTranslate !== undefined) changes.auto_translate = input.autoTranslate;
    if (input.feedLanguageMix !== undefined) changes.feed_language_mix = input.feedLanguageMix;
    const texts: Record<string, string> = {};
    if (changes.display_name !== undefined) texts.displayName = changes.display_name;
    if (changes.bio !== undefined) texts.bio = changes.bio;
    const screened =
      Object.keys(texts).length > 0 ? await screenProfile(viewer.accountId, texts) : null;
    const account = await inTransaction(db, async (tx) => {
      if (input.avatarMediaId !== undefined) {
        const current = await store.findAccountById(tx, viewer.accountId);
        const [image] = input.avatarMediaId
          ? await deps.media.attach(tx, viewer.accountId, [input.avatarMediaId])
          : [];
        changes.avatar_media_id = image?.id ?? null;
        // others see it once its checks passed; its owner at once, unless they blocked it
        // (docs/media.md, "Avatars")
        const url = image ? deps.media.view(image).cardUrl : null;
        const shown = image ? deps.media.avatarShown(image) : 'nobody';
        changes.avatar_url = shown === 'everyone' ? url : null;
        changes.own_avatar_url = shown === 'nobody' ? null : url;
        // the previous avatar becomes an orphan (cleaned up later) unless a note uses it
        if (current?.avatar_media_id && current.avatar_media_id !== image?.id)
          await deps.media.release(tx, [current.avatar_media_id]);
      }
      const updated = await store.updateAccount(tx, viewer.accountId, changes);
      if (screened) {
        await deps.moderation.record(
          tx,
          {
            type: 'account',
            id: viewer.accountId,
            subjectId: viewer.accountId,
            region: updated.ip_country,
          },
          screened,
        );
      }
      return updated;
    });
    // cached sessions carry the interface locale
    deps.sessionCache.forgetAccount(viewer.accountId);
    return account;
  }

  /** An account with its staff badge, for its public profile. */
  async function getProfileByHandle(handle: string) {
    const account = await store.findProfileByHandle(db, handle);
    if (!account) throw accountsError('NOT_FOUND', 'No account with this handle');
    return account;
  }

  async function getByHandle(handle: string): Promise<AccountRow> {
    const account = await store.findActiveAccountByHandle(db, handle);
    if (!account) throw accountsError('NOT_FOUND', 'No account with this handle');
    return account;
  }

  return {
    /**
     * Forgets phone codes (they hold phone numbers) `codeDays` after they expired, and security
     * events after `eventDays` (the retention schedule, docs/privacy.md "Retention").
     */
    pruneVerifications: async (
      { codeDays, eventDays }: { codeDays: number; eventDays: number },
      now = new Date(),
    ) =>
      (await store.deleteExpiredVerifications(db, new Date(now.getTime() - codeDays * DAY_MS))) +
      (await events.deleteEventsBefore(db, new Date(now.getTime() - eventDays * DAY_MS))),
    startPhoneVerification: phoneCodes.start,
    authChallenge: phoneCodes.challenge,
    listSecurityEvents: (reader: SignedInReader, page: PageRequest) =>
      listSecurityEvents(db, reader, page),
    verifyPhone,
    signUpWithEmail,
    stepUpState: stepUps.state,
    confirmStepUp: stepUps.confirm,
    resendStepUp: stepUps.resend,
    logIn,
    logInSecondFactor,
    secondFactor,
    changePassword: passwords.changePassword,
    reauthenticate: reauth.reauthenticate,
    /** Wires the deletion module, made after this one (it needs notes and comments). */
    setPendingDeletions: (port: PendingDeletions) => {
      deletion = port;
    },
    /**
     * A sign-in cancels the account's pending deletion (docs/security.md): true when it did.
     * Called after the session is issued; a failure leaves the deletion pending (the next
     * sign-in tries again) and does not fail the sign-in.
     */
    cancelPendingDeletion: async (accountId: string): Promise<boolean> => {
      if (!deletion) return false;
      try {
        return await deletion.cancelOnSignIn(accountId);
      } catch (error) {
        deps.log.error({ err: error }, 'cancelling a pending deletion failed');
        return false;
      }
    },
    getOwnAccount,
    updateOwnAccount,
    getByHandle,
    getProfileByHandle,
    ...createSanctions(deps.sessionCache, deps.events),
    findById: (id: string) => store.findAccountById(db, id),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
