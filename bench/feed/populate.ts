/**
 * Builds the feed benchmark database: 10k accounts, follows, 100k notes over 30 days with
 * images, topics, likes, collects and comments, and the denormalized counts the read paths use.
 *
 *   npx tsx bench/feed/populate.ts [--accounts 10000] [--notes 100000] [--follows 50] [--days 30]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/atrium_bench) names the
 * database; it is dropped and created again through the server's `postgres` database.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../../apps/server/src/db/database.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { createRandom } from '../../apps/server/src/demo/demo-content.js';
import { corpus, type DemoLanguage, demoLanguages } from '../../apps/server/src/demo/demo-texts.js';
import { insertRows, uuidv7At } from './bulk.js';

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atrium_bench';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    notes: { type: 'string', default: '100000' },
    follows: { type: 'string', default: '50' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
  },
});
const ACCOUNTS = Number(args.accounts);
const NOTES = Number(args.notes);
const FOLLOWS = Math.min(Number(args.follows), ACCOUNTS - 1);
const DAYS = Number(args.days);
const DAY = 86_400_000;

const random = createRandom(Number(args.seed));
const now = Date.now();
const started = now;
const say = (line: string) =>
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);

/** Skewed towards low indices: a few accounts post and are followed much more than most. */
const skewed = (n: number, power: number) => Math.floor(n * random.next() ** power);

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing an unusual database name: ${name}`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

const PLACES: Array<{ country: string; region: string | null; weight: number }> = [
  { country: 'CN', region: 'CN-GD', weight: 14 },
  { country: 'CN', region: 'CN-SH', weight: 10 },
  { country: 'CN', region: 'CN-BJ', weight: 9 },
  { country: 'CN', region: 'CN-ZJ', weight: 8 },
  { country: 'CN', region: 'CN-SC', weight: 6 },
  { country: 'CN', region: 'CN-JS', weight: 6 },
  { country: 'US', region: null, weight: 20 },
  { country: 'BR', region: null, weight: 4 },
  { country: 'MX', region: null, weight: 3 },
  { country: 'ES', region: null, weight: 3 },
  { country: 'JP', region: null, weight: 5 },
  { country: 'KR', region: null, weight: 5 },
  { country: 'DE', region: null, weight: 3 },
  { country: 'AU', region: null, weight: 2 },
  { country: 'HK', region: null, weight: 1 },
  { country: 'TW', region: null, weight: 1 },
];
const LANG_OF: Record<string, DemoLanguage> = {
  CN: 'zh-Hans',
  HK: 'zh-Hans',
  TW: 'zh-Hans',
  US: 'en',
  AU: 'en',
  DE: 'en',
  BR: 'en',
  MX: 'es',
  ES: 'es',
  JP: 'ja',
  KR: 'ko',
};
const placeWeights = PLACES.reduce((sum, p) => sum + p.weight, 0);
function pickPlace() {
  let r = random.next() * placeWeights;
  for (const place of PLACES) {
    r -= place.weight;
    if (r < 0) return place;
  }
  return PLACES[0]!;
}

async function main() {
  say(`recreating ${new URL(BENCH_DATABASE_URL).pathname.slice(1)}`);
  await recreateDatabase(BENCH_DATABASE_URL);
  const database = await openPostgres(BENCH_DATABASE_URL, { max: 1 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  say('migrated');
  const pool = new pg.Pool({ connectionString: BENCH_DATABASE_URL, max: 3 });
  try {
    await populate(pool);
  } finally {
    await pool.end();
  }
}

async function populate(pool: pg.Pool) {
  // Accounts joined between 60 and 30 days ago, in id order.
  const accountIds: string[] = [];
  const accountLang: DemoLanguage[] = [];
  const accountRows: unknown[][] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const at = now - 2 * DAYS * DAY + (i / ACCOUNTS) * DAYS * DAY;
    const id = uuidv7At(Math.floor(at), random.next);
    const place = pickPlace();
    const lang = LANG_OF[place.country] ?? 'en';
    accountIds.push(id);
    accountLang.push(lang);
    accountRows.push([
      id,
      `bench_${String(i).padStart(5, '0')}`,
      `Bench ${i}`,
      `bench account ${i}`,
      lang === 'zh-Hans' ? 'zh-Hans,en' : lang,
      `+86138${String(i).padStart(8, '0')}`,
      place.country,
      place.region,
      new Date(at),
    ]);
  }
  await insertRows(
    pool,
    'accounts',
    [
      { name: 'id', type: 'uuid' },
      { name: 'handle', type: 'text' },
      { name: 'display_name', type: 'text' },
      { name: 'bio', type: 'text' },
      { name: 'languages', type: 'text', expr: "string_to_array(u.languages, ',')" },
      { name: 'phone_e164', type: 'text' },
      { name: 'ip_country', type: 'text' },
      { name: 'ip_region', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    accountRows,
  );
  say(`${ACCOUNTS} accounts`);

  const followRows: unknown[][] = [];
  for (let follower = 0; follower < ACCOUNTS; follower++) {
    const targets = new Set<number>();
    while (targets.size < FOLLOWS) {
      const target = skewed(ACCOUNTS, 1.6);
      if (target !== follower) targets.add(target);
    }
    for (const target of targets) {
      followRows.push([
        accountIds[follower],
        accountIds[target],
        new Date(now - DAYS * DAY * random.next()),
      ]);
    }
  }
  await insertRows(
    pool,
    'follows',
    [
      { name: 'follower_id', type: 'uuid' },
      { name: 'followee_id', type: 'uuid' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    followRows,
    { batch: 20000 },
  );
  say(`${followRows.length} follows`);

  // Notes over the last DAYS days, in time (and so id) order; authors skewed.
  const times = Array.from({ length: NOTES }, () => now - DAYS * DAY * random.next()).sort(
    (a, b) => a - b,
  );
  const noteIds: string[] = [];
  const noteTimes: number[] = [];
  const noteRows: unknown[][] = [];
  const mediaRows: unknown[][] = [];
  const noteMediaRows: unknown[][] = [];
  const noteTopicRows: unknown[][] = [];
  const topics = new Map<string, string>(); // tag → display
  for (let i = 0; i < NOTES; i++) {
    const at = Math.floor(times[i]!);
    const id = uuidv7At(at, random.next);
    const author = skewed(ACCOUNTS, 2);
    const lang = random.chance(0.85) ? accountLang[author]! : random.pick(demoLanguages);
    const themes = Object.values(corpus[lang]);
    const text = random.pick(themes)!;
    const tags = [...text.coreTags, random.pick(text.extraTags)];
    // a long tail of smaller topics
    if (random.chance(0.5)) tags.push(`topic${skewed(300, 2)}`);
    const uniqueTags = [...new Set(tags)];
    const lines = random.shuffle(text.lines).slice(0, random.int(2, 3));
    const body = `${lines.join('\n')} ${i}\n\n${uniqueTags.map((t) => `#${t}`).join(' ')}`;
    const title = random.pick(text.titles);
    const status = random.chance(0.01) ? 'pending_review' : 'published';
    noteIds.push(id);
    noteTimes.push(at);
    noteRows.push([id, accountIds[author], title, body, lang, status, new Date(at)]);
    for (const tag of uniqueTags) {
      const key = tag.normalize('NFKC').toLowerCase();
      if (!topics.has(key)) topics.set(key, tag);
      noteTopicRows.push([id, key]);
    }
    const images = random.pick([1, 1, 1, 2, 2, 3, 4]);
    const [w, h] = random.pick([
      [1080, 1440],
      [1080, 1080],
      [1080, 810],
    ]) as [number, number];
    for (let position = 0; position < images; position++) {
      const mediaId = uuidv7At(at - 1000, random.next);
      mediaRows.push([
        mediaId,
        accountIds[author],
        mediaId.replace(/-/g, '').padEnd(64, '0'),
        'image/jpeg',
        w,
        h,
        150_000 + Math.floor(random.next() * 200_000),
        '1QcSHQRnh493V4dIh4eXh1h4kJUI',
        JSON.stringify({ detail: `bench/${mediaId}.jpg`, card: `bench/${mediaId}-card.jpg` }),
        new Date(at - 1000),
        new Date(at),
      ]);
      noteMediaRows.push([id, position, mediaId]);
    }
  }
  await insertRows(
    pool,
    'notes',
    [
      { name: 'id', type: 'uuid' },
      { name: 'author_id', type: 'uuid' },
      { name: 'title', type: 'text' },
      { name: 'body', type: 'text' },
      { name: 'lang', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    noteRows,
  );
  await pool.query(
    `UPDATE notes n SET ip_country = a.ip_country, ip_region = a.ip_region, updated_at = n.created_at,
       search_document = to_tsvector('simple', n.title || ' ' || n.body)
     FROM accounts a WHERE a.id = n.author_id`,
  );
  say(`${NOTES} notes`);
  await insertRows(
    pool,
    'media',
    [
      { name: 'id', type: 'uuid' },
      { name: 'owner_id', type: 'uuid' },
      { name: 'content_hash', type: 'text' },
      { name: 'mime', type: 'text' },
      { name: 'width', type: 'int4' },
      { name: 'height', type: 'int4' },
      { name: 'bytes', type: 'int4' },
      { name: 'placeholder', type: 'text' },
      { name: 'variants', type: 'text', expr: 'u.variants::jsonb' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'attached_at', type: 'timestamptz' },
    ],
    mediaRows,
  );
  await insertRows(
    pool,
    'note_media',
    [
      { name: 'note_id', type: 'uuid' },
      { name: 'position', type: 'int2' },
      { name: 'media_id', type: 'uuid' },
    ],
    noteMediaRows,
    { batch: 20000 },
  );
  say(`${mediaRows.length} images`);
  await insertRows(
    pool,
    'topics',
    [
      { name: 'tag', type: 'text' },
      { name: 'display', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    [...topics].map(([tag, display]) => [tag, display, new Date(now - DAYS * DAY)]),
  );
  await insertRows(
    pool,
    'note_topics',
    [
      { name: 'note_id', type: 'uuid' },
      { name: 'tag', type: 'text' },
    ],
    noteTopicRows,
    { batch: 20000 },
  );
  say(`${topics.size} topics, ${noteTopicRows.length} note topics`);

  // Engagement after each note, from random accounts; a heavy tail of popular notes.
  const likeRows: unknown[][] = [];
  const collectRows: unknown[][] = [];
  const commentRows: unknown[][] = [];
  const after = (at: number) => new Date(Math.min(now, at + random.next() * 2 * DAY));
  for (let i = 0; i < NOTES; i++) {
    // about 1% of notes take off; the rest get a handful of likes
    const hit = random.chance(0.01);
    const likes = Math.min(
      ACCOUNTS - 1,
      hit
        ? 50 + Math.floor(random.next() ** 2 * 1200)
        : Math.floor(Math.exp(random.next() * 3.5)) - 1,
    );
    const likers = new Set<number>();
    while (likers.size < likes) likers.add(random.int(0, ACCOUNTS - 1));
    for (const liker of likers) {
      likeRows.push([accountIds[liker], noteIds[i], after(noteTimes[i]!)]);
      if (random.chance(0.25))
        collectRows.push([accountIds[liker], noteIds[i], after(noteTimes[i]!)]);
    }
    const comments = hit ? 10 + random.int(0, 60) : Math.floor(Math.exp(random.next() * 1.6)) - 1;
    const topLevel: string[] = [];
    for (let c = 0; c < comments; c++) {
      const at = after(noteTimes[i]!);
      const id = uuidv7At(at.getTime(), random.next);
      const parent = topLevel.length > 0 && random.chance(0.3) ? random.pick(topLevel) : null;
      if (!parent) topLevel.push(id);
      const lang = random.pick(demoLanguages);
      commentRows.push([
        id,
        noteIds[i],
        accountIds[random.int(0, ACCOUNTS - 1)],
        parent,
        random.pick(corpus[lang].food?.lines ?? ['nice']),
        lang,
        at,
      ]);
    }
  }
  await insertRows(
    pool,
    'likes',
    [
      { name: 'account_id', type: 'uuid' },
      { name: 'note_id', type: 'uuid' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    likeRows,
    { batch: 20000 },
  );
  say(`${likeRows.length} likes`);
  await insertRows(
    pool,
    'collects',
    [
      { name: 'account_id', type: 'uuid' },
      { name: 'note_id', type: 'uuid' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    collectRows,
    { batch: 20000 },
  );
  say(`${collectRows.length} collects`);
  // Parents before replies: both come in time order within a note, and replies point back.
  commentRows.sort((a, b) => (a[3] === null ? 0 : 1) - (b[3] === null ? 0 : 1));
  await insertRows(
    pool,
    'comments',
    [
      { name: 'id', type: 'uuid' },
      { name: 'note_id', type: 'uuid' },
      { name: 'author_id', type: 'uuid' },
      { name: 'parent_id', type: 'uuid' },
      { name: 'body', type: 'text' },
      { name: 'lang', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    commentRows,
    { parallel: 1 },
  );
  say(`${commentRows.length} comments`);

  // The denormalized counts and the discover score, as the services keep them.
  const statements = [
    `UPDATE notes n SET like_count = c.n FROM (SELECT note_id, count(*) n FROM likes GROUP BY note_id) c WHERE c.note_id = n.id`,
    `UPDATE notes n SET collect_count = c.n FROM (SELECT note_id, count(*) n FROM collects GROUP BY note_id) c WHERE c.note_id = n.id`,
    `UPDATE notes n SET comment_count = c.n FROM (SELECT note_id, count(*) n FROM comments GROUP BY note_id) c WHERE c.note_id = n.id`,
    `UPDATE comments p SET reply_count = c.n FROM (SELECT parent_id, count(*) n FROM comments WHERE parent_id IS NOT NULL GROUP BY parent_id) c WHERE c.parent_id = p.id`,
    `UPDATE notes SET view_count = like_count * 12 + comment_count * 20 + (hashtext(id::text) & 63),
       score = (like_count + 2 * collect_count + 3 * comment_count + 1)
               / power(extract(epoch FROM (now() - created_at)) / 3600 + 2, 1.5)`,
    `UPDATE accounts a SET notes_count = c.n FROM (SELECT author_id, count(*) n FROM notes WHERE status = 'published' GROUP BY author_id) c WHERE c.author_id = a.id`,
    `UPDATE accounts a SET followers_count = c.n FROM (SELECT followee_id, count(*) n FROM follows GROUP BY followee_id) c WHERE c.followee_id = a.id`,
    `UPDATE accounts a SET following_count = c.n FROM (SELECT follower_id, count(*) n FROM follows GROUP BY follower_id) c WHERE c.follower_id = a.id`,
    `UPDATE accounts a SET likes_received_count = c.n FROM (SELECT author_id, sum(like_count) n FROM notes GROUP BY author_id) c WHERE c.author_id = a.id`,
    `UPDATE topics t SET note_count = c.notes, view_count = c.views, discussion_count = c.discussions
       FROM (SELECT nt.tag, count(*) notes, sum(n.view_count) views, sum(n.comment_count) discussions
             FROM note_topics nt JOIN notes n ON n.id = nt.note_id WHERE n.status = 'published' GROUP BY nt.tag) c
      WHERE c.tag = t.tag`,
    `INSERT INTO topic_activity (tag, hour, notes, views, discussions)
       SELECT nt.tag, date_trunc('hour', n.created_at), count(*), sum(n.view_count), sum(n.comment_count)
       FROM note_topics nt JOIN notes n ON n.id = nt.note_id GROUP BY 1, 2`,
  ];
  for (const sql of statements) await pool.query(sql);
  say('counts and scores');
  await pool.query('VACUUM ANALYZE');
  say('vacuum analyze: done');
  // write the load's dirty pages now, not during the first runs' measurements
  await pool.query('CHECKPOINT');
  say('checkpoint: done');
}

await main();
