import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { ActorState } from './replay-actor.js';
import { type Requester, solveProofOfWork } from './replay-http.js';

// After the last event: settle (every detection job once), then each actor's state through the
// staff endpoints, written as `outcomes.jsonl` (one line per actor, in order of first appearance).

const BATCH = 500; // the server's SURGE_ACCOUNTS_MAX

interface AccountState {
  id: string;
  exists: boolean;
  trustLevel: number;
  restricted: boolean;
  suspended: boolean;
  cluster: string | null;
  flagged: boolean;
  notes: { published: number; held: number; removed: number };
}

export interface Staff {
  settle(): Promise<unknown>;
  accounts(ids: string[]): Promise<AccountState[]>;
}

function fail(what: string, answer: { status: number; data: unknown }): never {
  const code = (answer.data as { code?: string } | undefined)?.code ?? '';
  throw new Error(`${what} failed: ${answer.status} ${code}`.trim());
}

/** Signs in with `LOGIN:PASSWORD` (the first colon splits them). */
export async function signInStaff(http: Requester, admin: string): Promise<Staff> {
  const colon = admin.indexOf(':');
  if (colon <= 0) throw new Error('--admin must be LOGIN:PASSWORD');
  const credentials = { login: admin.slice(0, colon), password: admin.slice(colon + 1) };
  let answer = await http.send('login', 'POST', '/api/auth/login', { body: credentials });
  // the door scores this login like any other: a script without a device is asked for a proof
  // of work, which the replayer solves (it is an honest client)
  const challenge = (answer.data as { challenge?: { challenge?: unknown; difficulty?: unknown } })
    ?.challenge;
  if (
    answer.status === 428 &&
    typeof challenge?.challenge === 'string' &&
    typeof challenge.difficulty === 'number'
  ) {
    const nonce = solveProofOfWork(challenge.challenge, challenge.difficulty);
    answer = await http.send('login', 'POST', '/api/auth/login', {
      body: { ...credentials, proof: { challenge: challenge.challenge, nonce } },
    });
  }
  if (answer.status !== 200) fail('signing in with --admin', answer);
  const token = (answer.data as { token: string }).token;
  return {
    async settle() {
      const settled = await http.send('surgeSettle', 'POST', '/api/staff/surge/settle', { token });
      if (settled.status !== 200) fail('settling', settled);
      return settled.data;
    },
    async accounts(ids) {
      const read = await http.send('surgeAccounts', 'POST', '/api/staff/surge/accounts', {
        token,
        body: { ids },
      });
      if (read.status !== 200) fail('reading account states', read);
      return (read.data as { items: AccountState[] }).items;
    },
  };
}

export async function writeOutcomes(
  out: string,
  actors: Map<string, ActorState>,
  staff: Staff,
): Promise<number> {
  const stream = createWriteStream(path.join(out, 'outcomes.jsonl'));
  const entries = [...actors];
  let written = 0;
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH);
    const ids = [...new Set(batch.flatMap(([, actor]) => (actor.account ? [actor.account] : [])))];
    const states = new Map((ids.length ? await staff.accounts(ids) : []).map((s) => [s.id, s]));
    for (const [id, actor] of batch) {
      const state = actor.account ? states.get(actor.account) : undefined;
      const line = {
        actor: id,
        account: state?.exists ? actor.account : null,
        // an actor whose wave has no sign-up of its own (a login of an older account): allowed
        signup: actor.signup ?? (actor.account ? 'allowed' : 'failed'),
        challenges: actor.challenges,
        trustLevel: state?.trustLevel ?? 0,
        restricted: state?.restricted ?? false,
        suspended: state?.suspended ?? false,
        cluster: state?.cluster ?? null,
        flagged: state?.flagged ?? false,
        notes: {
          published: state?.notes.published ?? 0,
          held: state?.notes.held ?? 0,
          // refused at creation (422) plus removed by moderation since
          rejected: actor.rejected + (state?.notes.removed ?? 0),
        },
      };
      if (!stream.write(`${JSON.stringify(line)}\n`)) await once(stream, 'drain');
      written += 1;
    }
  }
  stream.end();
  await once(stream, 'finish');
  return written;
}
