import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type HttpAnswer, type Requester, solveProofOfWork } from './replay-http.js';
import type { ReplayStats } from './replay-stats.js';
import { answerStepUp, stepUpAsked } from './replay-step-up.js';
import {
  type ClientFields,
  type Identity,
  type LoginEvent,
  parseContentReference,
  type SignupEvent,
  type StepUpBehaviour,
  type WaveEvent,
} from './wave-format.js';

// One event of the wave, sent as its actor's client. Every request may be answered with
// 428 CHALLENGE_REQUIRED: the actor solves a proof of work when its `pow` is `solves` (any other
// challenge kind it cannot solve), and gives up otherwise.

export type SignupOutcome = 'allowed' | 'challenged' | 'denied' | 'failed';

export interface ActorState {
  account: string | null;
  handle: string | null;
  token: string | null;
  signup: SignupOutcome | null;
  challenges: string[];
  /** Note ids by k (null: the k-th note was not created). */
  notes: (string | null)[];
  comments: (string | null)[];
  /** Notes the server refused outright (422). */
  rejected: number;
  /** The last session's client, for later events (a person keeps their phone). */
  client: ClientFields;
  pow: 'solves' | 'gives_up';
  /** What the actor does when asked to confirm a second factor after sign-up. */
  stepUp: StepUpBehaviour;
}

export interface ActorWorld {
  http: Requester;
  stats: ReplayStats;
  actors: Map<string, ActorState>;
  wave: string;
  speed: number;
  /** Journal of what later events and a resumed replay need (accounts, note and comment ids). */
  journal(entry: Record<string, unknown>): void;
  /**
   * Waits as a person would (typing a code) without holding a concurrency slot: a slot counts
   * requests in flight, and a person reading an SMS sends none.
   */
  idle(ms: number): Promise<void>;
}

/** Refusals that mean "the door said no" rather than "something broke". */
const DENIALS = new Set([403, 429]);

export function newActor(): ActorState {
  return {
    account: null,
    handle: null,
    token: null,
    signup: null,
    challenges: [],
    notes: [],
    comments: [],
    rejected: 0,
    client: {},
    pow: 'solves',
    stepUp: 'confirms',
  };
}

function challengeOf(
  answer: HttpAnswer,
): { challenge: string; difficulty: number; kind: string } | null {
  if (answer.status !== 428) return null;
  const problem = answer.data as {
    challenge?: { challenge?: unknown; difficulty?: unknown; kind?: unknown };
  };
  const challenge = problem?.challenge;
  const kind = typeof challenge?.kind === 'string' ? challenge.kind : 'pow';
  return {
    challenge: typeof challenge?.challenge === 'string' ? challenge.challenge : '',
    difficulty: typeof challenge?.difficulty === 'number' ? challenge.difficulty : -1,
    kind,
  };
}

/**
 * Sends a request; on 428 records the challenge and, when the actor solves proofs of work and
 * this is one, solves it and sends again with `proof` in the body (at most three rounds).
 */
async function withChallenges(
  world: ActorWorld,
  actor: ActorState,
  send: (proof?: { challenge: string; nonce: string }) => Promise<HttpAnswer>,
): Promise<HttpAnswer> {
  let answer = await send();
  for (let round = 0; round < 3; round++) {
    const challenge = challengeOf(answer);
    if (!challenge) return answer;
    if (!actor.challenges.includes(challenge.kind)) actor.challenges.push(challenge.kind);
    const solvable = challenge.kind === 'pow' && challenge.challenge && challenge.difficulty >= 0;
    if (actor.pow !== 'solves' || !solvable) return answer;
    const nonce = solveProofOfWork(challenge.challenge, challenge.difficulty);
    answer = await send({ challenge: challenge.challenge, nonce });
  }
  void world;
  return answer;
}

function clientOf(event: ClientFields): ClientFields {
  const { ip, ua, acceptLanguage, tz, device, codeMs, pow, stepUp } = event;
  return { ip, ua, acceptLanguage, tz, device, codeMs, pow, stepUp };
}

/** Signs in by phone (start, read the code as the SMS gateway would, type it) or by e-mail. */
async function signIn(
  world: ActorWorld,
  actor: ActorState,
  event: (SignupEvent | LoginEvent) & Identity,
): Promise<HttpAnswer> {
  const client = actor.client;
  const { http } = world;
  if (event.method === 'email') {
    if (event.type === 'login') {
      return withChallenges(world, actor, (proof) =>
        http.send('login', 'POST', '/api/auth/login', {
          body: { login: event.email, password: event.password, ...(proof ? { proof } : {}) },
          client,
        }),
      );
    }
    return withChallenges(world, actor, (proof) =>
      http.send('signup', 'POST', '/api/auth/signup', {
        body: {
          email: event.email,
          password: event.password,
          handle: event.handle,
          ...(event.displayName ? { displayName: event.displayName } : {}),
          ...(proof ? { proof } : {}),
        },
        client,
      }),
    );
  }
  const started = await withChallenges(world, actor, (proof) =>
    http.send('phoneStart', 'POST', '/api/auth/phone/start', {
      body: { phone: event.phone, ...(proof ? { proof } : {}) },
      client,
    }),
  );
  if (started.status !== 202) return started;
  const verificationId = (started.data as { verificationId: string }).verificationId;
  const outbox = await http.send(
    'devOutbox',
    'GET',
    `/api/dev/outbox?to=${encodeURIComponent(event.phone!)}`,
  );
  const code = (outbox.data as { items?: { code?: string }[] })?.items?.[0]?.code;
  if (!code) return { status: outbox.status === 200 ? 0 : outbox.status, data: null };
  // typing the code is the person's own time: scaled by the speed, and at speed 0 ("as fast as
  // the server answers", where scaling means nothing) waited as it is — sending every code at
  // once would make every person look like an SMS farm's modem to the door
  if (event.codeMs) await world.idle(world.speed > 0 ? event.codeMs / world.speed : event.codeMs);
  return withChallenges(world, actor, (proof) =>
    http.send('phoneVerify', 'POST', '/api/auth/phone/verify', {
      body: {
        verificationId,
        code,
        ...(event.type === 'signup'
          ? {
              handle: event.handle,
              ...(event.displayName ? { displayName: event.displayName } : {}),
            }
          : {}),
        ...(proof ? { proof } : {}),
      },
      client,
    }),
  );
}

const images = new Map<string, Promise<Blob | null>>();

/** Uploads wave images as the actor; null when one is missing or refused. */
async function upload(
  world: ActorWorld,
  actor: ActorState,
  ids: string[],
): Promise<string[] | null> {
  const mediaIds: string[] = [];
  for (const id of ids) {
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(id)) return null;
    let file = images.get(id);
    if (!file) {
      file = findImage(world.wave, id);
      images.set(id, file);
    }
    const blob = await file;
    if (!blob) return null;
    const form = new FormData();
    form.append('file', blob, id);
    const answer = await world.http.send('uploadMedia', 'POST', '/api/media', {
      form,
      token: actor.token,
      client: actor.client,
    });
    if (answer.status !== 201) return null;
    mediaIds.push((answer.data as { id: string }).id);
  }
  return mediaIds;
}

async function findImage(wave: string, id: string): Promise<Blob | null> {
  for (const extension of ['png', 'jpg', 'jpeg', 'webp']) {
    const bytes = await readFile(path.join(wave, 'images', `${id}.${extension}`)).catch(() => null);
    if (bytes) return new Blob([bytes]);
  }
  return null;
}

/** The server id a note or comment reference stands for, or null when it does not exist. */
function resolveContent(world: ActorWorld, reference: string, kind: 'note' | 'comment') {
  const parsed = parseContentReference(reference);
  if (!parsed || parsed.kind !== kind) return null;
  const owner = world.actors.get(parsed.actor);
  return (kind === 'note' ? owner?.notes : owner?.comments)?.[parsed.index] ?? null;
}

/** An account target: another actor of the wave, or `@handle` of an account from before it. */
function resolveHandle(world: ActorWorld, target: string): string | null {
  if (target.startsWith('@')) return target.slice(1) || null;
  return world.actors.get(target)?.handle ?? null;
}

export async function runEvent(world: ActorWorld, event: WaveEvent): Promise<void> {
  const { http, stats } = world;
  let actor = world.actors.get(event.actor);
  if (!actor) {
    actor = newActor();
    world.actors.set(event.actor, actor);
  }
  if (event.type === 'signup' || event.type === 'login') {
    actor.client = clientOf(event);
    actor.pow = event.pow ?? 'solves';
    actor.stepUp = event.stepUp ?? 'confirms';
    if (event.type === 'signup') stats.signupSent(Date.now(), event.method);
    const answer = await signIn(world, actor, event);
    const ok = answer.status === 200 || answer.status === 201;
    // the sign-up is complete when its answer arrives; a step-up is the person's next page
    if (ok && event.type === 'signup') stats.signupCompleted(Date.now(), event.method);
    if (ok) {
      const data = answer.data as { token: string; account: { id: string; handle: string } };
      actor.token = data.token;
      actor.account = data.account.id;
      actor.handle = data.account.handle;
      world.journal({
        actor: event.actor,
        account: actor.account,
        handle: actor.handle,
        token: actor.token,
      });
      const channel = stepUpAsked(answer);
      if (channel) {
        const to = channel === 'sms' ? event.phone : event.email;
        await answerStepUp(world, actor, channel, to, data.token);
        if (event.type === 'login')
          world.journal({ actor: event.actor, challenges: actor.challenges });
      }
    }
    if (event.type === 'signup') {
      actor.signup = ok
        ? actor.challenges.length
          ? 'challenged'
          : 'allowed'
        : answer.status === 428
          ? 'challenged'
          : DENIALS.has(answer.status)
            ? 'denied'
            : 'failed';
      world.journal({ actor: event.actor, signup: actor.signup, challenges: actor.challenges });
    }
    return;
  }
  if (!actor.token) return stats.skip('actor not signed in');
  const as = { token: actor.token, client: actor.client };
  switch (event.type) {
    case 'profile': {
      const avatar = event.avatar ? await upload(world, actor, [event.avatar]) : [];
      const body = {
        ...(event.displayName !== undefined ? { displayName: event.displayName } : {}),
        ...(event.bio !== undefined ? { bio: event.bio } : {}),
        ...(avatar?.[0] ? { avatarMediaId: avatar[0] } : {}),
      };
      if (Object.keys(body).length === 0) return stats.skip('empty profile');
      await withChallenges(world, actor, () =>
        http.send('updateMe', 'PATCH', '/api/me', { body, ...as }),
      );
      return;
    }
    case 'note': {
      const k = actor.notes.length;
      actor.notes.push(null);
      const mediaIds = event.images?.length ? await upload(world, actor, event.images) : [];
      const answer = await withChallenges(world, actor, (proof) =>
        http.send('createNote', 'POST', '/api/notes', {
          body: {
            ...(event.title ? { title: event.title } : {}),
            body: event.body ?? '',
            ...(mediaIds?.length ? { mediaIds } : {}),
            ...(event.lang ? { lang: event.lang } : {}),
            ...(proof ? { proof } : {}),
          },
          ...as,
        }),
      );
      if (answer.status === 201) actor.notes[k] = (answer.data as { id: string }).id;
      // failed ones too: a resumed replay must number the actor's later notes the same way
      world.journal({ actor: event.actor, note: k, id: actor.notes[k] });
      if (answer.status === 422) {
        actor.rejected += 1;
        world.journal({ actor: event.actor, rejected: actor.rejected });
      }
      return;
    }
    case 'comment': {
      const k = actor.comments.length;
      actor.comments.push(null);
      const note = resolveContent(world, event.target, 'note');
      const parentId = event.parent ? resolveContent(world, event.parent, 'comment') : undefined;
      if (!note || parentId === null) {
        world.journal({ actor: event.actor, comment: k, id: null });
        return stats.skip('missing target');
      }
      const answer = await withChallenges(world, actor, () =>
        http.send('createComment', 'POST', `/api/notes/${note}/comments`, {
          body: { body: event.body, ...(parentId ? { parentId } : {}) },
          ...as,
        }),
      );
      if (answer.status === 201) actor.comments[k] = (answer.data as { id: string }).id;
      world.journal({ actor: event.actor, comment: k, id: actor.comments[k] });
      return;
    }
    case 'like':
    case 'collect': {
      const note = resolveContent(world, event.target, 'note');
      if (!note) return stats.skip('missing target');
      const type = event.type === 'like' ? 'likeNote' : 'collectNote';
      await withChallenges(world, actor, () =>
        http.send(type, 'PUT', `/api/notes/${note}/${event.type}`, as),
      );
      return;
    }
    case 'follow':
    case 'block': {
      const handle = resolveHandle(world, event.target);
      if (!handle) return stats.skip('missing target');
      await withChallenges(world, actor, () =>
        http.send(event.type, 'PUT', `/api/users/${encodeURIComponent(handle)}/${event.type}`, as),
      );
      return;
    }
    case 'report': {
      const note = parseContentReference(event.target)
        ? resolveContent(world, event.target, 'note')
        : null;
      const account = note ? null : world.actors.get(event.target)?.account;
      if (!note && !account) return stats.skip('missing target');
      await withChallenges(world, actor, () =>
        http.send('createReport', 'POST', '/api/reports', {
          body: {
            targetType: note ? 'note' : 'account',
            targetId: note ?? account,
            reason: event.reason,
          },
          ...as,
        }),
      );
      return;
    }
  }
}
