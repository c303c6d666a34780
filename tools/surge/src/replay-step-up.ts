import type { ActorState, ActorWorld } from './replay-actor.js';
import type { HttpAnswer } from './replay-http.js';

// The step-up after a passed challenge (the server's docs/risk.md, "Step-up"): the riskiest
// challenged sign-ups are created restricted, and a code goes to the phone (a second SMS) or the
// e-mail address. The actor answers it as its wave says (`stepUp`: `confirms`, the default, or
// `ignores`): a person reads the code and types it, `codeMs` later, as the web form `/confirm`
// sends it (`POST /api/me/step-up`).

type Channel = 'sms' | 'email';

/** The step-up a sign-in answer asks for: the answer's own, or the account's pending one. */
export function stepUpAsked(answer: HttpAnswer): Channel | null {
  const data = answer.data as
    | { stepUp?: { channel?: unknown }; account?: { stepUp?: { channel?: unknown } } }
    | undefined;
  const channel = data?.stepUp?.channel ?? data?.account?.stepUp?.channel;
  return channel === 'sms' || channel === 'email' ? channel : null;
}

/**
 * Records the step-up among the actor's challenges (SURGE.md: `challenges` holds every kind met,
 * here `sms` or `email`) and, when the actor confirms, reads the code as the test gateway would
 * receive it and sends it. True when the step-up is confirmed.
 */
export async function answerStepUp(
  world: ActorWorld,
  actor: ActorState,
  channel: Channel,
  to: string | undefined,
  token: string,
): Promise<boolean> {
  if (!actor.challenges.includes(channel)) actor.challenges.push(channel);
  if (actor.stepUp !== 'confirms' || !to) return false;
  const { http } = world;
  const recipient = channel === 'email' ? to.trim().toLowerCase() : to;
  const outbox = await http.send(
    'devOutbox',
    'GET',
    `/api/dev/outbox?to=${encodeURIComponent(recipient)}`,
  );
  // newest first: the step-up code is the last one sent (a phone's sign-up code came before it);
  // none when the server sent nothing (an address that belongs to another account)
  const code = (outbox.data as { items?: { code?: string }[] })?.items?.find(
    (item) => item.code,
  )?.code;
  if (!code) return false;
  const { codeMs } = actor.client;
  if (codeMs) await world.idle(world.speed > 0 ? codeMs / world.speed : codeMs);
  const confirmed = await http.send('confirmStepUp', 'POST', '/api/me/step-up', {
    body: { code },
    token,
    client: actor.client,
  });
  return confirmed.status === 200;
}
