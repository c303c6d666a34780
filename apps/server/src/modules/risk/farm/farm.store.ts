import { sql } from 'kysely';
import type { DbHandle } from '../../../db/database.js';
import { getOrAdd } from './edges.js';

// Farm detection's reads of young accounts' evidence, and its clusters.

/** Young accounts not banned, with their sealed phone number (opened by the job, never stored elsewhere). */
export async function youngAccounts(db: DbHandle, since: Date) {
  return db
    .selectFrom('accounts')
    .select([
      'id',
      'phone_e164',
      'phone_sealed',
      'created_at',
      'posting_restricted_until',
      'trust_level',
    ])
    .where('created_at', '>=', since)
    .where('banned_at', 'is', null)
    .execute();
}

/** Device and network keys the door recorded for young accounts at sign-up (not at login). */
export async function signupKeys(db: DbHandle, since: Date) {
  return db
    .selectFrom('risk_events as e')
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.account_id as account', 'e.device_key', 'e.network_key'])
    .where('a.created_at', '>=', since)
    .where('e.kind', '=', 'door')
    .where('e.surface', '<>', 'login')
    .execute();
}

/** Young accounts' recent notes (title and body), at most `perAuthor` each. */
export async function youngNotes(db: DbHandle, since: Date, perAuthor: number) {
  const result = await sql<{ account: string; text: string }>`
    SELECT n.author_id AS account, n.title || ' ' || n.body AS text
    FROM accounts a
    CROSS JOIN LATERAL (
      SELECT author_id, title, body FROM notes
      WHERE author_id = a.id AND status <> 'removed'
      ORDER BY created_at DESC LIMIT ${perAuthor}
    ) n
    WHERE a.created_at >= ${since}`.execute(db);
  return result.rows;
}

/** A stored cluster's number (its label is `cl_<seq>`). */
export async function clusterSeq(db: DbHandle, id: string): Promise<string> {
  const row = await db
    .selectFrom('farm_clusters')
    .select('seq')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return String(row.seq);
}

/** The hash bank's perceptual hashes (whole and crop variants) of young accounts' uploads. */
export async function youngImages(db: DbHandle, since: Date) {
  const rows = await db
    .selectFrom('media as m')
    .innerJoin('accounts as a', 'a.id', 'm.owner_id')
    .select(['m.owner_id as account', 'm.phash', 'm.phash_crops'])
    .where('a.created_at', '>=', since)
    .where('m.phash', 'is not', null)
    .execute();
  return rows.map((row) => ({
    account: row.account,
    phash: row.phash!,
    crops: row.phash_crops ?? '',
  }));
}

/** Young accounts' likes and follows since `since`, as (account, target, time). */
export async function youngActions(db: DbHandle, since: Date) {
  const result = await sql<{ account: string; target: string; at: Date }>`
    SELECT l.account_id AS account, 'note:' || l.note_id AS target, l.created_at AS at
    FROM likes l JOIN accounts a ON a.id = l.account_id
    WHERE a.created_at >= ${since} AND l.created_at >= ${since}
    UNION ALL
    SELECT f.follower_id, 'account:' || f.followee_id, f.created_at
    FROM follows f JOIN accounts a ON a.id = f.follower_id
    WHERE a.created_at >= ${since} AND f.created_at >= ${since}`.execute(db);
  return result.rows.map((row) => ({ ...row, at: new Date(row.at) }));
}

export interface StoredCluster {
  id: string;
  seq: string;
  status: 'open' | 'cleared' | 'dissolved';
  caseId: string | null;
  members: string[];
}

/** Clusters not dissolved, with their members: what a run matches its findings against. */
export async function liveClusters(db: DbHandle): Promise<StoredCluster[]> {
  const rows = await db
    .selectFrom('farm_clusters as c')
    .leftJoin('farm_cluster_members as m', 'm.cluster_id', 'c.id')
    .select(['c.id', 'c.seq', 'c.status', 'c.case_id', 'm.account_id'])
    .where('c.status', '<>', 'dissolved')
    .orderBy('c.seq')
    .execute();
  const byId = new Map<string, StoredCluster>();
  for (const row of rows) {
    const cluster = getOrAdd(byId, row.id, () => ({
      id: row.id,
      seq: String(row.seq),
      status: row.status,
      caseId: row.case_id,
      members: [] as string[],
    }));
    if (row.account_id) cluster.members.push(row.account_id);
  }
  return [...byId.values()];
}

export interface ClusterWrite {
  id: string;
  score: number;
  edgeCounts: Record<string, number>;
  edges: { a: string; b: string; kinds: string[]; weight: number }[];
  members: string[];
}

/** Inserts a cluster or replaces a stored one's score, evidence and members. */
export async function saveCluster(db: DbHandle, row: ClusterWrite, isNew: boolean) {
  const values = {
    score: row.score,
    edge_counts: JSON.stringify(row.edgeCounts),
    edges: JSON.stringify(row.edges),
  };
  if (isNew)
    await db
      .insertInto('farm_clusters')
      .values({ id: row.id, ...values })
      .execute();
  else
    await db
      .updateTable('farm_clusters')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', row.id)
      .execute();
  await db.deleteFrom('farm_cluster_members').where('cluster_id', '=', row.id).execute();
  if (row.members.length)
    await db
      .insertInto('farm_cluster_members')
      .values(row.members.map((account_id) => ({ cluster_id: row.id, account_id })))
      .execute();
}

export async function setClusterCase(db: DbHandle, id: string, caseId: string) {
  await db.updateTable('farm_clusters').set({ case_id: caseId }).where('id', '=', id).execute();
}

export async function setClusterStatus(
  db: DbHandle,
  id: string,
  status: 'open' | 'cleared' | 'dissolved',
) {
  await db
    .updateTable('farm_clusters')
    .set({ status, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

const clusterColumns = [
  'c.id',
  'c.seq',
  'c.score',
  'c.status',
  'c.edge_counts',
  'c.case_id',
  'c.created_at',
  'c.updated_at',
] as const;

/** Clusters, newest change first, after the cursor's seq. */
export async function listClusters(db: DbHandle, afterSeq: string | null, limit: number) {
  let query = db.selectFrom('farm_clusters as c').select([
    ...clusterColumns,
    (eb) =>
      eb
        .selectFrom('farm_cluster_members as m')
        .whereRef('m.cluster_id', '=', 'c.id')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .as('size'),
  ]);
  if (afterSeq) query = query.where('c.seq', '<', afterSeq);
  return query.orderBy('c.seq', 'desc').limit(limit).execute();
}

export async function findClusterBySeq(db: DbHandle, seq: string) {
  return db
    .selectFrom('farm_clusters as c')
    .select([...clusterColumns, 'c.edges'])
    .where('c.seq', '=', seq)
    .executeTakeFirst();
}

/** A cluster's members as the graph view shows them. */
export async function clusterNodes(db: DbHandle, clusterId: string, now: Date) {
  return db
    .selectFrom('farm_cluster_members as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select([
      'a.id',
      'a.handle',
      'a.created_at',
      sql<boolean>`coalesce(a.posting_restricted_until > ${now}, false)`.as('restricted'),
      sql<boolean>`(a.banned_at IS NOT NULL OR coalesce(a.suspended_until > ${now}, false))`.as(
        'suspended',
      ),
    ])
    .where('m.cluster_id', '=', clusterId)
    .orderBy('a.id')
    .execute();
}

/** Which of these accounts are staff members (bulk actions skip them). */
export async function staffAmong(db: DbHandle, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('staff_members')
    .select('account_id')
    .where('account_id', 'in', [...ids])
    .execute();
  return rows.map((row) => row.account_id);
}
