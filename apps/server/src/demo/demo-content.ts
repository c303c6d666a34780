import { demoPhone, demoPlaces, type PersonaSpec, personaSpecs } from './demo-personas.js';
import {
  commentPool,
  corpus,
  type DemoLanguage,
  type DemoTheme,
  replyPool,
  type ThemeText,
} from './demo-texts.js';

/**
 * The demo community as a plan: who signs up, what they post, who follows, likes, collects,
 * comments and replies, in a plausible order. Pure and deterministic: the same seed gives the
 * same plan, so a demo looks the same on every machine.
 */

export type DemoAspect = '3:4' | '1:1' | '4:3';

export interface DemoImageSpec {
  seed: number;
  aspect: DemoAspect;
  theme: DemoTheme;
}

export interface DemoPersona extends PersonaSpec {
  index: number;
  phone: string;
  ip: string;
  country: string;
  region: string | null;
}

export interface DemoNote {
  index: number;
  author: number;
  lang: DemoLanguage;
  theme: DemoTheme;
  /** Null for a note without a title (the body is then the whole note). */
  title: string | null;
  body: string;
  /** Hashtags written in the body, without '#'. */
  tags: string[];
  images: DemoImageSpec[];
}

export type DemoStep =
  | { kind: 'signup'; persona: number }
  | { kind: 'follow'; persona: number; target: number }
  | { kind: 'note'; note: number }
  | { kind: 'like'; persona: number; note: number }
  | { kind: 'collect'; persona: number; note: number }
  | { kind: 'comment'; comment: number; persona: number; note: number; body: string }
  | {
      kind: 'reply';
      comment: number;
      parent: number;
      persona: number;
      note: number;
      body: string;
    };

export interface DemoPlan {
  seed: number;
  personas: DemoPersona[];
  notes: DemoNote[];
  /** In the order the seeder performs them. */
  steps: DemoStep[];
}

export interface DemoPlanOptions {
  seed?: number;
  notes?: number;
}

export const DEFAULT_DEMO_SEED = 20250113;
export const DEFAULT_DEMO_NOTES = 150;

/** mulberry32: small, fast and good enough for content; never for anything secret. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  const chance = (p: number) => next() < p;
  return { next, int, pick, shuffle, chance };
}

export type Random = ReturnType<typeof createRandom>;

export function buildDemoPersonas(): DemoPersona[] {
  return personaSpecs.map((spec, index) => {
    const place = demoPlaces[spec.place];
    return {
      ...spec,
      index,
      phone: demoPhone(place.country, index),
      ip: place.ip,
      country: place.country,
      region: place.region,
    };
  });
}

/** Splits `total` by weight (largest remainder), so the shares add up exactly. */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

const ASPECTS: DemoAspect[] = ['3:4', '3:4', '3:4', '1:1', '1:1', '4:3'];

function themeText(lang: DemoLanguage, theme: DemoTheme): ThemeText | undefined {
  return corpus[lang][theme];
}

interface Timed {
  at: number;
  order: number;
  step: DemoStep;
}

export function buildDemoPlan(options: DemoPlanOptions = {}): DemoPlan {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const total = options.notes ?? DEFAULT_DEMO_NOTES;
  const random = createRandom(seed);
  const personas = buildDemoPersonas();

  // Titles are used once each: a shuffled queue per language and theme.
  const titleQueues = new Map<string, string[]>();
  const takeTitle = (lang: DemoLanguage, theme: DemoTheme): string | null => {
    const key = `${lang}/${theme}`;
    if (!titleQueues.has(key))
      titleQueues.set(key, random.shuffle(themeText(lang, theme)?.titles ?? []));
    return titleQueues.get(key)?.shift() ?? null;
  };

  // When each persona joins (0..1 of the demo's timeline): the locals first, the newcomers
  // arrive together at the wave.
  const WAVE = 0.45;
  const joinedAt = personas.map((persona) =>
    persona.newcomer ? WAVE + random.next() * 0.05 : random.next() * 0.05,
  );

  const quotas = apportion(
    personas.map((persona) => persona.activity),
    total,
  );
  const drafts: Array<Omit<DemoNote, 'index'> & { at: number }> = [];
  personas.forEach((persona, author) => {
    const themes = persona.themes.filter((theme) => themeText(persona.writes, theme));
    for (let k = 0; k < (quotas[author] ?? 0); k++) {
      // The first theme is the persona's main one: it gets about half of their notes.
      const preferred = random.chance(0.5) ? themes[0] : random.pick(themes);
      const theme = preferred ?? random.pick(themes);
      let title = takeTitle(persona.writes, theme);
      let used = theme;
      for (const other of random.shuffle(themes)) {
        if (title !== null) break;
        title = takeTitle(persona.writes, other);
        used = other;
      }
      if (title === null) used = theme;
      const text = themeText(persona.writes, used)!;
      const lines = random.shuffle(text.lines).slice(0, random.int(2, 3));
      const tags = [...text.coreTags];
      for (const extra of random.shuffle(text.extraTags).slice(0, random.int(1, 2))) {
        if (!tags.includes(extra)) tags.push(extra);
      }
      const body = `${lines.join('\n')}\n\n${tags.map((tag) => `#${tag}`).join(' ')}`;
      const aspect = random.pick(ASPECTS);
      const imageCount = random.pick([1, 1, 1, 2, 2, 2, 3, 3, 4]);
      const images = Array.from({ length: imageCount }, () => ({
        seed: random.int(1, 2 ** 31 - 1),
        aspect,
        theme: used,
      }));
      const start = joinedAt[author]! + 0.01;
      const earliest = used === 'tiktokrefugee' ? Math.max(start, WAVE + 0.05) : start;
      const at = earliest + random.next() * (0.97 - earliest);
      drafts.push({ author, lang: persona.writes, theme: used, title, body, tags, images, at });
    }
  });
  drafts.sort((a, b) => a.at - b.at);
  const notes: DemoNote[] = drafts.map(({ at: _at, ...note }, index) => ({ ...note, index }));
  const noteTimes = drafts.map((draft) => draft.at);

  const timed: Timed[] = [];
  let order = 0;
  const add = (at: number, step: DemoStep) => timed.push({ at, order: order++, step });

  personas.forEach((_, persona) => {
    add(joinedAt[persona]!, { kind: 'signup', persona });
  });

  // Follows: people who share a language or a theme, plus the welcome the newcomers got.
  personas.forEach((persona, follower) => {
    const candidates = personas.filter(
      (other) =>
        other.index !== follower &&
        (other.writes === persona.writes ||
          other.themes.some((theme) => persona.themes.includes(theme)) ||
          (persona.newcomer && other.themes.includes('tiktokrefugee')) ||
          (other.newcomer && persona.themes.includes('tiktokrefugee'))),
    );
    const count = Math.min(candidates.length, random.int(4, 10));
    for (const target of random.shuffle(candidates).slice(0, count)) {
      const at = Math.max(joinedAt[follower]!, joinedAt[target.index]!) + random.next() * 0.3;
      add(Math.min(at, 0.99), { kind: 'follow', persona: follower, target: target.index });
    }
  });

  // Engagement comes after the note, from people who had joined by then.
  let comments = 0;
  notes.forEach((note, index) => {
    const t = noteTimes[index]!;
    const author = personas[note.author]!;
    const present = personas.filter((p) => p.index !== note.author && joinedAt[p.index]! < t);
    const popular = note.theme === 'cats' || note.theme === 'tiktokrefugee' ? 1.5 : 1;
    const likeCount = Math.min(present.length, Math.round(random.int(1, 12) * popular));
    const likers = random.shuffle(present).slice(0, likeCount);
    for (const liker of likers) {
      add(t + random.next() * 0.05, { kind: 'like', persona: liker.index, note: index });
      if (random.chance(0.3)) {
        add(t + random.next() * 0.05, { kind: 'collect', persona: liker.index, note: index });
      }
    }
    const commentCount = Math.min(present.length, random.pick([0, 1, 1, 2, 2, 3, 3, 4, 5]));
    for (const commenter of random.shuffle(present).slice(0, commentCount)) {
      const pool = commentPool[commenter.writes];
      const themed = pool.themed[note.theme];
      const body = themed && random.chance(0.6) ? random.pick(themed) : random.pick(pool.generic);
      const at = t + 0.001 + random.next() * 0.03;
      const comment = comments++;
      add(at, { kind: 'comment', comment, persona: commenter.index, note: index, body });
      if (random.chance(0.5)) {
        // The author answers in the commenter's language when they share one.
        const replyLang: DemoLanguage =
          commenter.writes === author.writes ||
          !author.languages.some((l) => l === commenter.writes)
            ? author.writes
            : commenter.writes;
        add(at + 0.001 + random.next() * 0.01, {
          kind: 'reply',
          comment: comments++,
          parent: comment,
          persona: note.author,
          note: index,
          body: random.pick(replyPool[replyLang]),
        });
      }
    }
  });

  for (const [index] of notes.entries()) add(noteTimes[index]!, { kind: 'note', note: index });
  timed.sort((a, b) => a.at - b.at || stepRank(a.step) - stepRank(b.step) || a.order - b.order);
  return { seed, personas, notes, steps: timed.map((entry) => entry.step) };
}

/** At equal times: accounts exist before they act, notes before their comments. */
function stepRank(step: DemoStep): number {
  switch (step.kind) {
    case 'signup':
      return 0;
    case 'note':
      return 1;
    case 'reply':
      return 3;
    default:
      return 2;
  }
}

/** What a plan will create, for tests and for the seeder's summary. */
export function summarizePlan(plan: DemoPlan) {
  const count = (kind: DemoStep['kind']) => plan.steps.filter((s) => s.kind === kind).length;
  return {
    accounts: count('signup'),
    notes: count('note'),
    media: plan.notes.reduce((sum, note) => sum + note.images.length, 0),
    follows: count('follow'),
    likes: count('like'),
    collects: count('collect'),
    comments: count('comment'),
    replies: count('reply'),
  };
}
