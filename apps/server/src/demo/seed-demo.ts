import { type AtriumClient, AtriumError, createClient, type Media, routes } from '@atrium/sdk';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/database.js';
import { injectFetch } from '../lib/inject-fetch.js';
import { countAccounts } from './demo.store.js';
import { buildDemoPlan, type DemoPersona, type DemoPlan } from './demo-content.js';
import { type DemoImage, renderDemoImage } from './demo-images.js';

/**
 * Seeds the demo community through the real API, in-process (`app.inject`): every account signs
 * up by phone from its home address, posts with uploaded images, follows, likes, collects,
 * comments and replies, so counts, topics, IP locations and moderation all go through the same
 * code as real traffic. Build the app with rate limits off and loopback as a trusted proxy.
 */

export interface SeedDemoOptions {
  /** Checked first: seeding only happens on a database without accounts. */
  db: DbHandle;
  /**
   * The one-time code sent to an E.164 number. Defaults to reading the development outbox
   * route (`GET /api/dev/outbox`), which exists outside production.
   */
  readCode?: (phone: string) => string | Promise<string>;
  plan?: DemoPlan;
  /** Told about progress, one short line at a time. */
  onProgress?: (message: string) => void;
}

export interface SeedDemoCounts {
  accounts: number;
  notes: number;
  media: number;
  follows: number;
  likes: number;
  collects: number;
  comments: number;
  replies: number;
  /** Writes the API refused (e.g. held by moderation), with what depended on them. */
  skipped: number;
}

/** The routes the seeder drives; without them (an older server) there is nothing to seed with. */
const REQUIRED_ROUTES = [
  routes.phoneStart,
  routes.phoneVerify,
  routes.updateMe,
  routes.follow,
  routes.uploadMedia,
  routes.createNote,
  routes.likeNote,
  routes.collectNote,
  routes.createComment,
];

export class DemoUnavailableError extends Error {
  constructor(readonly missing: string[]) {
    super(`demo content needs routes this server does not serve: ${missing.join(', ')}`);
    this.name = 'DemoUnavailableError';
  }
}

export class DemoDatabaseNotEmptyError extends Error {
  constructor(readonly accounts: number) {
    super(
      `The database already has ${accounts} account(s); demo content is only seeded into an empty database.`,
    );
    this.name = 'DemoDatabaseNotEmptyError';
  }
}

/** How many notes ahead images are rendered while earlier ones upload. */
const RENDER_AHEAD = 3;

export async function seedDemo(
  app: FastifyInstance,
  options: SeedDemoOptions,
): Promise<SeedDemoCounts> {
  const existing = await countAccounts(options.db);
  if (existing > 0) throw new DemoDatabaseNotEmptyError(existing);
  const missing = REQUIRED_ROUTES.filter(
    (route) => !app.hasRoute({ method: route.method, url: route.path }),
  ).map((route) => `${route.method} ${route.path}`);
  if (missing.length > 0) throw new DemoUnavailableError(missing);

  const plan = options.plan ?? buildDemoPlan();
  const progress = options.onProgress ?? (() => {});
  progress(`demo: ${plan.personas.length} accounts and ${plan.notes.length} notes to create…`);
  const counts: SeedDemoCounts = {
    accounts: 0,
    notes: 0,
    media: 0,
    follows: 0,
    likes: 0,
    collects: 0,
    comments: 0,
    replies: 0,
    skipped: 0,
  };

  const anonymous = createClient({ baseUrl: 'http://localhost', fetch: injectFetch(app) });
  const readCode =
    options.readCode ??
    (async (phone: string) => {
      const outbox = await anonymous.dev.outbox(phone);
      const code = outbox.items.find((item) => item.code)?.code;
      if (!code) throw new Error('no one-time code in the development outbox');
      return code;
    });

  const clients = new Map<number, { client: AtriumClient; fetch: typeof fetch }>();
  const noteIds = new Map<number, string>();
  const commentIds = new Map<number, string>();

  const rendered = new Map<number, Promise<DemoImage[]>>();
  const noteOrder = plan.steps.flatMap((step) => (step.kind === 'note' ? [step.note] : []));
  const render = (note: number) => {
    let images = rendered.get(note);
    if (!images) {
      images = Promise.all((plan.notes[note]?.images ?? []).map(renderDemoImage));
      // A failure surfaces when the note is reached; do not let it go unhandled before then.
      images.catch(() => {});
      rendered.set(note, images);
    }
    return images;
  };

  const signUp = async (persona: DemoPersona) => {
    const fetch = injectFetch(app, persona.ip);
    const client = createClient({ baseUrl: 'http://localhost', fetch });
    const started = await client.auth.phoneStart({
      phone: persona.phone,
      country: persona.country,
    });
    const verified = await client.auth.phoneVerify({
      verificationId: started.verificationId,
      code: await readCode(persona.phone),
      handle: persona.handle,
      displayName: persona.displayName,
      locale: persona.languages[0] ?? 'en',
    });
    client.setToken(verified.token);
    await client.me.update({ bio: persona.bio, languages: persona.languages });
    clients.set(persona.index, { client, fetch });
    counts.accounts += 1;
  };

  const upload = async (persona: number, image: DemoImage, name: string): Promise<string> => {
    const entry = clients.get(persona)!;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(image.data)], { type: image.mime }), name);
    const response = await entry.fetch('http://localhost/api/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${entry.client.token}`, accept: 'application/json' },
      body: form,
    });
    const data = (await response.json()) as Media & { code?: string; title?: string };
    if (response.status !== 201) {
      throw new Error(`media upload answered ${response.status} ${data.code ?? ''}`);
    }
    counts.media += 1;
    return data.id;
  };

  /** Runs one write; a refusal (4xx problem) is counted and skipped, anything else stops. */
  const attempt = async <T>(write: () => Promise<T>): Promise<T | null> => {
    try {
      return await write();
    } catch (error) {
      if (error instanceof AtriumError && error.status >= 400 && error.status < 500) {
        counts.skipped += 1;
        return null;
      }
      throw error;
    }
  };

  const started = Date.now();
  let notesDone = 0;
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'signup': {
        await signUp(plan.personas[step.persona]!);
        break;
      }
      case 'follow': {
        const target = plan.personas[step.target]!;
        const done = await attempt(() =>
          clients.get(step.persona)!.client.users.follow(target.handle),
        );
        if (done !== null) counts.follows += 1;
        break;
      }
      case 'note': {
        const note = plan.notes[step.note]!;
        const position = noteOrder.indexOf(step.note);
        for (const ahead of noteOrder.slice(position + 1, position + 1 + RENDER_AHEAD))
          render(ahead);
        const images = await render(step.note);
        rendered.delete(step.note);
        const mediaIds: string[] = [];
        for (const [i, image] of images.entries()) {
          mediaIds.push(await upload(note.author, image, `demo-${note.index}-${i + 1}.jpg`));
        }
        const created = await attempt(() =>
          clients.get(note.author)!.client.call(routes.createNote, {
            body: {
              ...(note.title ? { title: note.title } : {}),
              body: note.body,
              mediaIds,
              lang: note.lang,
            },
          }),
        );
        if (created) {
          noteIds.set(step.note, created.id);
          counts.notes += 1;
        }
        notesDone += 1;
        if (notesDone % 25 === 0) {
          progress(`demo: ${notesDone}/${plan.notes.length} notes (${Date.now() - started} ms)`);
        }
        break;
      }
      case 'like':
      case 'collect': {
        const id = noteIds.get(step.note);
        if (!id) {
          counts.skipped += 1;
          break;
        }
        const route = step.kind === 'like' ? routes.likeNote : routes.collectNote;
        const done = await attempt(() =>
          clients.get(step.persona)!.client.call(route, { params: { id } }),
        );
        if (done !== null) counts[step.kind === 'like' ? 'likes' : 'collects'] += 1;
        break;
      }
      case 'comment':
      case 'reply': {
        const id = noteIds.get(step.note);
        const parentId = step.kind === 'reply' ? commentIds.get(step.parent) : undefined;
        if (!id || (step.kind === 'reply' && !parentId)) {
          counts.skipped += 1;
          break;
        }
        const created = await attempt(() =>
          clients.get(step.persona)!.client.call(routes.createComment, {
            params: { id },
            body: { body: step.body, ...(parentId ? { parentId } : {}) },
          }),
        );
        if (created) {
          commentIds.set(step.comment, created.id);
          counts[step.kind === 'reply' ? 'replies' : 'comments'] += 1;
        }
        break;
      }
    }
  }
  return counts;
}

/** One line for logs and the CLI. */
export function describeSeedCounts(counts: SeedDemoCounts): string {
  return (
    `${counts.accounts} accounts, ${counts.notes} notes, ${counts.media} images, ` +
    `${counts.follows} follows, ${counts.likes} likes, ${counts.collects} collects, ` +
    `${counts.comments} comments, ${counts.replies} replies` +
    (counts.skipped ? ` (${counts.skipped} refused and skipped)` : '')
  );
}
