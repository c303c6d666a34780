import { createHash } from 'node:crypto';

// Farm detection's edge builders: each turns one kind of evidence about young accounts into
// links between them. Pure functions over plain rows (the job reads the rows, see farm.job.ts).

export const edgeKinds = [
  'device',
  'network',
  'phone_block',
  'text',
  'image',
  'sync',
  'reciprocal',
] as const;
export type EdgeKind = (typeof edgeKinds)[number];

/** How much one link of each kind counts (docs/risk.md, "Farm detection"). */
export const EDGE_WEIGHTS: Readonly<Record<EdgeKind, number>> = {
  // one device behind several new accounts: the strongest sign short of a confession
  device: 3,
  // consecutive numbers of one block among new accounts: SMS-farm ranges, bought not chosen
  phone_block: 3,
  // near-duplicate notes from different authors
  text: 2,
  // the same or a near-duplicate picture uploaded by different accounts
  image: 2,
  // the same targets liked or followed in the same short windows, most of each account's
  // actions (Jaccard ≥ 0.3): coordination, not a shared taste
  sync: 3,
  // young accounts following each other within a day: a ring's members promote each other
  reciprocal: 1,
  // one /24 or /64 at sign-up: households, offices and campuses share these too
  network: 1,
};

/** The map's value for `key`, created with `make` when absent. */
export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export interface Edge {
  a: string;
  b: string;
  kind: EdgeKind;
}

const pair = (x: string, y: string, kind: EdgeKind): Edge =>
  x < y ? { a: x, b: y, kind } : { a: y, b: x, kind };

/**
 * Links accounts that share a key (a device or a network at sign-up). A group larger than
 * `maxClique` is linked as a star around its first member, not as every pair: a shared campus
 * network must not produce a quadratic number of edges.
 */
export function sharedKeyEdges(
  kind: EdgeKind,
  rows: readonly { account: string; key: string }[],
  maxClique = 40,
): Edge[] {
  const groups = new Map<string, Set<string>>();
  for (const { account, key } of rows) {
    getOrAdd(groups, key, () => new Set<string>()).add(account);
  }
  const edges: Edge[] = [];
  for (const group of groups.values()) {
    const members = [...group].sort();
    if (members.length < 2) continue;
    if (members.length > maxClique) {
      for (const other of members.slice(1)) edges.push(pair(members[0]!, other, kind));
      continue;
    }
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) edges.push(pair(members[i]!, members[j]!, kind));
  }
  return edges;
}

/**
 * Links accounts whose phone numbers are consecutive or nearly so: numbers of one country code
 * and length within `maxGap` of each other, as SMS farms buy them in ranges. Neighbours in
 * sorted order are linked, so a run of numbers forms a chain.
 */
export function consecutivePhoneEdges(
  rows: readonly { account: string; phone: string }[],
  maxGap = 10,
): Edge[] {
  const parsed = rows
    .filter((row) => /^\+\d{6,15}$/.test(row.phone))
    .map((row) => ({ account: row.account, digits: row.phone.slice(1) }))
    .sort((x, y) =>
      x.digits.length !== y.digits.length
        ? x.digits.length - y.digits.length
        : x.digits < y.digits
          ? -1
          : x.digits > y.digits
            ? 1
            : 0,
    );
  const edges: Edge[] = [];
  for (let i = 1; i < parsed.length; i++) {
    const prev = parsed[i - 1]!;
    const cur = parsed[i]!;
    if (prev.digits.length !== cur.digits.length || prev.account === cur.account) continue;
    // the same block: everything but the last four digits agrees, and the gap is small
    if (prev.digits.slice(0, -4) !== cur.digits.slice(0, -4)) continue;
    if (BigInt(cur.digits) - BigInt(prev.digits) <= BigInt(maxGap))
      edges.push(pair(prev.account, cur.account, 'phone_block'));
  }
  return edges;
}

const MASK64 = (1n << 64n) - 1n;

function hash64(text: string): bigint {
  return createHash('md5').update(text).digest().readBigUInt64BE(0);
}

/** Lower case, punctuation and spacing folded, so trivial edits do not change the shingles. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

/**
 * A 64-bit SimHash of a text's character 4-grams (language-agnostic: works for scripts without
 * spaces). Near-duplicate texts have hashes a few bits apart.
 */
export function simHash(text: string): bigint {
  const normal = normalizeText(text);
  const counts = new Array<number>(64).fill(0);
  const grams = new Map<string, number>();
  const chars = [...normal];
  if (chars.length < 4) grams.set(normal, 1);
  for (let i = 0; i + 4 <= chars.length; i++) {
    const gram = chars.slice(i, i + 4).join('');
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  for (const [gram, weight] of grams) {
    const h = hash64(gram);
    for (let bit = 0; bit < 64; bit++) counts[bit]! += (h >> BigInt(bit)) & 1n ? weight : -weight;
  }
  let result = 0n;
  for (let bit = 0; bit < 64; bit++) if (counts[bit]! > 0) result |= 1n << BigInt(bit);
  return result & MASK64;
}

export function hammingDistance(x: bigint, y: bigint): number {
  let v = (x ^ y) & MASK64;
  let count = 0;
  while (v) {
    v &= v - 1n;
    count++;
  }
  return count;
}

/** Texts shorter than this (after normalizing) say too little to be called duplicates. */
export const MIN_TEXT_CHARS = 24;

/**
 * Links authors of near-duplicate notes: SimHashes at most `maxDistance` bits apart. Candidates
 * come from four 16-bit bands (two hashes within 3 bits agree on at least one band), so texts
 * are not compared pairwise. A band shared by more than `maxBucket` notes (boilerplate) is
 * skipped.
 */
export function nearDuplicateTextEdges(
  rows: readonly { account: string; text: string }[],
  maxDistance = 3,
  maxBucket = 200,
  maxAccounts = Number.POSITIVE_INFINITY,
): Edge[] {
  const items = rows
    .filter((row) => normalizeText(row.text).length >= MIN_TEXT_CHARS)
    .map((row) => ({ account: row.account, hash: simHash(row.text) }));
  return unpopularNearEdges('text', items, maxDistance, maxBucket, maxAccounts);
}

export interface ImageOptions {
  /**
   * Bits (of 256) the hash of one upload may differ from the hash or a crop variant of another's
   * and still be the same picture: the hash bank's near-certain distance
   * (`MEDIA_HASH_BLOCK_DISTANCE`'s default, docs/media.md "Known-bad hashes").
   */
  maxDistance: number;
  /**
   * An image whose near-duplicates were uploaded by more than this many distinct accounts is
   * popular content (a viral picture, a meme, a stock photo), not a farm's signature: it links
   * nobody. The job sets it from the policy's share of young accounts (`popularImageLimit`).
   */
  maxAccounts: number;
  /** A bucket of one lookup table holding more hashes than this is skipped (bounds the work). */
  maxBucket: number;
}

export const DEFAULT_IMAGE: ImageOptions = { maxDistance: 48, maxAccounts: 25, maxBucket: 2_000 };

/** The share of young accounts above which a picture is popular content, by default. */
export const IMAGE_MAX_SHARE = 0.005;
/** The popularity limit never falls below this many accounts (small instances, small farms). */
export const IMAGE_MIN_ACCOUNTS = 8;

/**
 * How many distinct accounts may share a picture before it is popular content: `share` of the
 * young accounts, at least `floor`.
 */
export function popularImageLimit(
  youngAccounts: number,
  share = IMAGE_MAX_SHARE,
  floor = IMAGE_MIN_ACCOUNTS,
): number {
  return Math.max(floor, Math.floor(youngAccounts * share));
}

/** One upload's perceptual hashes (`media.phash`, `media.phash_crops`: 64 hex digits each). */
export interface ImageHashRow {
  account: string;
  phash: string;
  /** The crop variants, concatenated (empty when unknown). */
  crops: string;
}

/**
 * Links accounts that uploaded the same picture, also resized, re-encoded, framed or cropped by
 * up to 10 % a side: the hash bank's 256-bit perceptual hash of one upload within `maxDistance`
 * bits of the whole or a crop variant of the other's (the way the bank matches an upload,
 * docs/media.md "Known-bad hashes"), unless the picture is popular (its near-duplicates come from
 * more than `maxAccounts` distinct accounts). Candidates come from `imageHashPairs`.
 */
export function nearDuplicateImageEdges(
  rows: readonly ImageHashRow[],
  options: Partial<ImageOptions> = {},
): Edge[] {
  const { maxDistance, maxAccounts, maxBucket } = { ...DEFAULT_IMAGE, ...options };
  const items = rows.filter(
    (row) => HASH_256.test(row.phash) && row.crops.length % 64 === 0 && HEX.test(row.crops),
  );
  const pairs = imageHashPairs(items, maxDistance, maxBucket);
  return unpopularPairEdges(
    'image',
    items.map((item) => item.account),
    pairs,
    maxAccounts,
  );
}

const HASH_256 = /^[0-9a-f]{64}$/;
const HEX = /^[0-9a-f]*$/;

/** Lookup tables of sampled bits: how many, and how many bits each samples. */
export const IMAGE_TABLES = 40;
export const IMAGE_TABLE_BITS = 18;

/**
 * The bit positions each lookup table samples: fixed (seeded), distinct within a table, so the
 * same uploads always give the same pairs.
 */
const TABLE_BITS: readonly Uint16Array[] = (() => {
  let state = 0x5eed_f00d;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: IMAGE_TABLES }, () => {
    const chosen = new Set<number>();
    while (chosen.size < IMAGE_TABLE_BITS) chosen.add(Math.floor(next() * 256));
    return Uint16Array.from(chosen);
  });
})();

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Pairs of uploads of different accounts (indices into `items`) where the whole hash of one is
 * within `maxDistance` bits of the whole or a crop variant of the other. 256-bit hashes this far
 * apart cannot be banded exactly (a band per bit of distance), so candidates come from
 * bit-sampling lookup tables (`IMAGE_TABLES` tables of `IMAGE_TABLE_BITS` sampled bits: hashes a
 * few bits apart share a key in nearly every table, unrelated ones in almost none) and each
 * candidate is measured exactly. What this misses is measured in bench/RESULTS.md.
 */
export function imageHashPairs(
  items: readonly ImageHashRow[],
  maxDistance: number,
  maxBucket: number,
): [number, number][] {
  // every hash (wholes and crops) as 8 words, with the upload it belongs to
  const owner: number[] = [];
  const wholeAt: number[] = [];
  const hexes: string[] = [];
  items.forEach((item, index) => {
    wholeAt.push(hexes.length);
    hexes.push(item.phash);
    owner.push(index);
    for (let at = 0; at < item.crops.length; at += 64) {
      hexes.push(item.crops.slice(at, at + 64));
      owner.push(index);
    }
  });
  const words = new Uint32Array(hexes.length * 8);
  hexes.forEach((hex, v) => {
    for (let w = 0; w < 8; w++) words[v * 8 + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16);
  });
  const distance = (x: number, y: number) => {
    let sum = 0;
    for (let w = 0; w < 8; w++) sum += popcount32((words[x * 8 + w]! ^ words[y * 8 + w]!) >>> 0);
    return sum;
  };

  const found = new Set<number>();
  const pairs: [number, number][] = [];
  const n = items.length;
  const count = hexes.length;
  const keys = new Int32Array(count);
  // each table's hashes grouped by key (a counting sort): bucket k is order[start[k]..start[k+1])
  const start = new Int32Array((1 << IMAGE_TABLE_BITS) + 1);
  const order = new Int32Array(count);
  for (const positions of TABLE_BITS) {
    start.fill(0);
    for (let v = 0; v < count; v++) {
      let key = 0;
      for (let b = 0; b < positions.length; b++) {
        const position = positions[b]!;
        key = (key << 1) | ((words[v * 8 + (position >>> 5)]! >>> (31 - (position & 31))) & 1);
      }
      keys[v] = key;
      start[key + 1]!++;
    }
    for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
    const fill = start.slice(0, -1);
    for (let v = 0; v < count; v++) order[fill[keys[v]!]!++] = v;
    for (let i = 0; i < n; i++) {
      const whole = wholeAt[i]!;
      const key = keys[whole]!;
      const from = start[key]!;
      const to = start[key + 1]!;
      if (to - from > maxBucket) continue;
      for (let at = from; at < to; at++) {
        const v = order[at]!;
        const j = owner[v]!;
        if (j === i || items[j]!.account === items[i]!.account) continue;
        const pairKey = i < j ? i * n + j : j * n + i;
        if (found.has(pairKey)) continue;
        if (distance(whole, v) <= maxDistance) {
          found.add(pairKey);
          pairs.push(i < j ? [i, j] : [j, i]);
        }
      }
    }
  }
  return pairs;
}

/**
 * Near-duplicate pairs of different accounts, leaving out popular items: an item whose
 * near-duplicates come from more than `maxAccounts` distinct accounts (itself included).
 */
function unpopularNearEdges(
  kind: EdgeKind,
  items: readonly { account: string; hash: bigint }[],
  maxDistance: number,
  maxBucket: number,
  maxAccounts: number,
): Edge[] {
  return unpopularPairEdges(
    kind,
    items.map((item) => item.account),
    nearHashPairs(items, maxDistance, maxBucket),
    maxAccounts,
  );
}

/** Edges of near pairs (indices into `accounts`), leaving out popular items. */
function unpopularPairEdges(
  kind: EdgeKind,
  accounts: readonly string[],
  itemPairs: readonly (readonly [number, number])[],
  maxAccounts: number,
): Edge[] {
  const near = accounts.map((account) => new Set<string>([account]));
  for (const [i, j] of itemPairs) {
    near[i]!.add(accounts[j]!);
    near[j]!.add(accounts[i]!);
  }
  const popular = (index: number) => near[index]!.size > maxAccounts;
  const seen = new Set<string>();
  const edges: Edge[] = [];
  for (const [i, j] of itemPairs) {
    if (popular(i) || popular(j)) continue;
    const edge = pair(accounts[i]!, accounts[j]!, kind);
    const key = `${edge.a}|${edge.b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(edge);
  }
  return edges;
}

/** Pairs of items of different accounts with 64-bit hashes within `maxDistance` (≤ 3: banding). */
function nearHashPairs(
  items: readonly { account: string; hash: bigint }[],
  maxDistance: number,
  maxBucket: number,
): [number, number][] {
  const bands = new Map<string, number[]>();
  items.forEach((item, index) => {
    for (let band = 0; band < 4; band++) {
      const key = `${band}:${(item.hash >> BigInt(band * 16)) & 0xffffn}`;
      getOrAdd(bands, key, () => [] as number[]).push(index);
    }
  });
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const list of bands.values()) {
    if (list.length < 2 || list.length > maxBucket) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        if (items[x]!.account === items[y]!.account) continue;
        const key = x < y ? `${x}|${y}` : `${y}|${x}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (hammingDistance(items[x]!.hash, items[y]!.hash) <= maxDistance) pairs.push([x, y]);
      }
  }
  return pairs;
}

export interface SyncOptions {
  /** Width of one window in ms (actions on one target in one window count as together). */
  windowMs: number;
  /** Distinct targets two accounts must share, each in a common window, to be linked. */
  minShared: number;
  /**
   * The least Jaccard similarity of the two accounts' actions: targets met together over the
   * distinct targets either acted on. Two people who liked the same three trending notes among
   * fifty others are not a ring; accounts whose actions are mostly the same are.
   */
  minJaccard: number;
  /** A (target, window) with more actors than this is a popular moment, not a ring: skipped. */
  maxActors: number;
}

export const DEFAULT_SYNC: SyncOptions = {
  windowMs: 10 * 60_000,
  minShared: 3,
  minJaccard: 0.3,
  maxActors: 100,
};

/** |shared| / (|a| + |b| − |shared|): the Jaccard similarity of two sets given their overlap. */
export function jaccard(shared: number, sizeA: number, sizeB: number): number {
  const union = sizeA + sizeB - shared;
  return union > 0 ? shared / union : 0;
}

/**
 * SynchroTrap-style loose synchrony: accounts that acted on the same targets (liked the same
 * notes, followed the same accounts) within the same short windows, on at least `minShared`
 * distinct targets, and whose (target, time) actions mostly coincide (Jaccard of the targets
 * met together over all the targets either acted on, at least `minJaccard`). One action falls
 * in its window and the next, so a pair a few seconds apart across a window boundary still
 * meets.
 */
export function synchronizedActionEdges(
  rows: readonly { account: string; target: string; at: Date }[],
  options: Partial<SyncOptions> = {},
): Edge[] {
  const { windowMs, minShared, minJaccard, maxActors } = { ...DEFAULT_SYNC, ...options };
  const buckets = new Map<string, Set<string>>();
  const targetsOf = new Map<string, Set<string>>();
  for (const row of rows) {
    getOrAdd(targetsOf, row.account, () => new Set<string>()).add(row.target);
    const window = Math.floor(row.at.getTime() / windowMs);
    for (const w of [window, window + 1]) {
      const key = `${row.target}@${w}`;
      getOrAdd(buckets, key, () => new Set<string>()).add(row.account);
    }
  }
  // pair → the distinct targets they met on
  const shared = new Map<string, Set<string>>();
  for (const [key, actors] of buckets) {
    if (actors.size < 2 || actors.size > maxActors) continue;
    const target = key.slice(0, key.lastIndexOf('@'));
    const list = [...actors].sort();
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const pairKey = `${list[i]}|${list[j]}`;
        getOrAdd(shared, pairKey, () => new Set<string>()).add(target);
      }
  }
  const edges: Edge[] = [];
  for (const [pairKey, targets] of shared) {
    if (targets.size < minShared) continue;
    const [a, b] = pairKey.split('|') as [string, string];
    const similarity = jaccard(targets.size, targetsOf.get(a)!.size, targetsOf.get(b)!.size);
    if (similarity >= minJaccard) edges.push({ a, b, kind: 'sync' });
  }
  return edges;
}

/**
 * Young accounts that followed each other within `withinMs` of one another: a ring's members
 * follow each other back at once; friends who join together do too, so this is weak evidence
 * (weight 1) that only adds to other kinds. Follows are the rows whose target is
 * `account:<id>`.
 */
export function reciprocalFollowEdges(
  rows: readonly { account: string; target: string; at: Date }[],
  withinMs = 24 * 60 * 60_000,
): Edge[] {
  const followed = new Map<string, number>();
  for (const row of rows)
    if (row.target.startsWith('account:'))
      followed.set(`${row.account}>${row.target.slice(8)}`, row.at.getTime());
  const edges: Edge[] = [];
  for (const [key, at] of followed) {
    const [from, to] = key.split('>') as [string, string];
    if (from >= to) continue; // each pair once, from its smaller side
    const back = followed.get(`${to}>${from}`);
    if (back !== undefined && Math.abs(back - at) <= withinMs)
      edges.push(pair(from, to, 'reciprocal'));
  }
  return edges;
}
