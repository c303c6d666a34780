import type { AccountAction } from '@atrium/contracts';
import type { PolicyFarm } from '@atrium/safety';
import { type Db, inTransaction, type Tx } from '../../../db/database.js';
import { uuidv7 } from '../../../lib/uuid7.js';
import type { AuditPort } from '../../moderation/content-moderation.js';
import type { Vault } from '../../vault/vault.js';
import {
  AUTO_RESTRICT_SCORE,
  autoRestrictTargets,
  CASE_SCORE,
  clusterAnchor,
  findClusters,
  matchCluster,
  type ScoredCluster,
} from './cluster.js';
import {
  consecutivePhoneEdges,
  type Edge,
  nearDuplicateImageEdges,
  nearDuplicateTextEdges,
  popularImageLimit,
  reciprocalFollowEdges,
  sharedKeyEdges,
  synchronizedActionEdges,
} from './edges.js';
import * as store from './farm.store.js';

const DAY = 86_400_000;
/** Accounts younger than this are in the graph. */
export const YOUNG_MS = 14 * DAY;
/** How long an automatic restriction lasts (staff lift it earlier by clearing the cluster). */
export const AUTO_RESTRICT_MS = 7 * DAY;
/** Notes per author compared for near-duplicates. */
const NOTES_PER_AUTHOR = 20;

/** Opens the review case of a cluster (moderation fills it): the case id. */
export interface FarmCases {
  openClusterCase(tx: Tx, cluster: { anchorId: string; priority: number }): Promise<string>;
}

/** The accounts module's sanctions, applied in the caller's transaction. */
export interface FarmSanctions {
  applySanction(
    tx: Tx,
    accountId: string,
    sanction: { type: AccountAction; until: Date | null },
  ): Promise<void>;
}

/**
 * Records the automatic restriction of one member as an automated moderation decision
 * (moderation fills it), so the account gets its statement of reasons and may appeal it.
 */
export interface FarmAutoDecisions {
  recordAutoRestrict(
    tx: Tx,
    decision: { accountId: string; caseId: string | null; until: Date; cluster: string },
  ): Promise<string>;
}

export interface FarmJobDeps {
  db: Db;
  cases: FarmCases;
  sanctions: FarmSanctions;
  audit: AuditPort;
  decisions?: FarmAutoDecisions;
  /** The active policy's `farm` section (popularity cut-off, auto-restrict score). */
  settings?: () => Promise<PolicyFarm | undefined>;
  /** Young accounts' numbers are sealed (modules/vault): opened in memory for the phone edges. */
  vault: Pick<Vault, 'open'>;
}

export interface FarmRunSummary {
  accounts: number;
  edges: number;
  clusters: number;
  casesOpened: number;
  restricted: number;
}

/** Every edge among the young accounts, from what the database holds now. */
export async function gatherEdges(
  db: Db,
  vault: Pick<Vault, 'open'>,
  now: Date,
  settings: PolicyFarm = {},
) {
  const since = new Date(now.getTime() - YOUNG_MS);
  const accounts = await store.youngAccounts(db, since);
  const phones: { account: string; phone: string }[] = [];
  for (const a of accounts) {
    const phone = a.phone_sealed
      ? await vault.open(db, a.id, 'phone', a.phone_sealed).catch(() => null)
      : a.phone_e164;
    if (phone) phones.push({ account: a.id, phone });
  }
  const keys = await store.signupKeys(db, since);
  const notes = await store.youngNotes(db, since, NOTES_PER_AUTHOR);
  const actions = await store.youngActions(db, since);
  const images = await store.youngImages(db, since);
  // a picture or text shared by more accounts than this is popular content, not a signature
  const popular = popularImageLimit(
    accounts.length,
    settings.imageMaxShare,
    settings.imageMinAccounts,
  );
  const edges: Edge[] = [
    ...sharedKeyEdges(
      'device',
      keys.flatMap((k) => (k.device_key ? [{ account: k.account!, key: k.device_key }] : [])),
    ),
    ...sharedKeyEdges(
      'network',
      keys.flatMap((k) => (k.network_key ? [{ account: k.account!, key: k.network_key }] : [])),
    ),
    ...consecutivePhoneEdges(phones),
    ...nearDuplicateTextEdges(notes, 3, 200, popular),
    ...nearDuplicateImageEdges(images, { maxAccounts: popular }),
    ...synchronizedActionEdges(actions),
    ...reciprocalFollowEdges(actions),
  ];
  return { accounts, edges };
}

/**
 * The periodic farm detection (docs/risk.md, "Farm detection"): builds the graph of young
 * accounts, clusters and scores it, and for each cluster at or above CASE_SCORE keeps one stored
 * cluster with its evidence, opens one review case, and at AUTO_RESTRICT_SCORE restricts its
 * members. Idempotent: a cluster found again updates the stored one (matched by members), its
 * case is opened once, and members already restricted are left alone.
 */
export function createFarmJob(deps: FarmJobDeps) {
  const { db } = deps;

  async function keep(
    cluster: ScoredCluster,
    prior: store.StoredCluster | null,
    exempt: Set<string>,
    now: Date,
    minScore: number,
  ): Promise<{ caseOpened: boolean; restricted: number }> {
    return inTransaction(db, async (tx) => {
      const id = prior?.id ?? uuidv7();
      await store.saveCluster(
        tx,
        {
          id,
          score: cluster.score,
          edgeCounts: cluster.edgeCounts as Record<string, number>,
          edges: cluster.edges,
          members: cluster.members,
        },
        prior === null,
      );
      // staff found it genuine: its evidence stays current, nothing is done to it
      if (prior?.status === 'cleared' || cluster.score < CASE_SCORE) {
        if (prior && prior.status !== 'cleared') await store.setClusterStatus(tx, id, 'dissolved');
        return { caseOpened: false, restricted: 0 };
      }
      let caseOpened = false;
      let caseId = prior?.caseId ?? null;
      if (!caseId) {
        caseId = await deps.cases.openClusterCase(tx, {
          // a core member, never a newcomer hanging on by one weak link
          anchorId: clusterAnchor(cluster),
          // 30–43: above door reviews and spam reports, below scams
          priority: 10 + Math.round(cluster.score / 3),
        });
        await store.setClusterCase(tx, id, caseId);
        await deps.audit.record(tx, {
          actorId: null,
          action: 'farm.cluster.open',
          targetType: 'farm_cluster',
          targetId: id,
          data: {
            caseId,
            score: cluster.score,
            members: cluster.members,
            edgeCounts: cluster.edgeCounts,
          },
        });
        caseOpened = true;
      }
      let restricted = 0;
      const core = autoRestrictTargets(cluster, minScore);
      if (core.length) {
        const until = new Date(now.getTime() + AUTO_RESTRICT_MS);
        const seq = await store.clusterSeq(tx, id);
        const label = `cl_${seq}`;
        // members already restricted, or past level 0, are left to the moderator
        const targets = core.filter((member) => !exempt.has(member));
        const decisions: Record<string, string> = {};
        for (const member of targets) {
          await deps.sanctions.applySanction(tx, member, { type: 'restrict', until });
          if (!deps.decisions) continue;
          const decisionId = await deps.decisions.recordAutoRestrict(tx, {
            accountId: member,
            caseId,
            until,
            cluster: label,
          });
          decisions[member] = decisionId;
          await deps.audit.record(tx, {
            actorId: null,
            action: 'account.restrict',
            targetType: 'account',
            targetId: member,
            data: { cluster: label, caseId, decisionId, until: until.toISOString() },
          });
        }
        if (targets.length) {
          await deps.audit.record(tx, {
            actorId: null,
            action: 'farm.auto_restrict',
            targetType: 'farm_cluster',
            targetId: id,
            data: {
              cluster: label,
              members: targets,
              decisions,
              until: until.toISOString(),
              score: cluster.score,
            },
          });
        }
        restricted = targets.length;
      }
      return { caseOpened, restricted };
    });
  }

  async function run(now = new Date()): Promise<FarmRunSummary> {
    const settings = (await deps.settings?.()) ?? {};
    const minScore = settings.autoRestrictScore ?? AUTO_RESTRICT_SCORE;
    const { accounts, edges } = await gatherEdges(db, deps.vault, now, settings);
    const exempt = new Set(
      accounts
        .filter(
          (a) =>
            (a.posting_restricted_until && a.posting_restricted_until > now) || a.trust_level > 0,
        )
        .map((a) => a.id),
    );
    const found = findClusters(edges);
    const stored = await store.liveClusters(db);
    const claimed = new Set<string>();
    const summary: FarmRunSummary = {
      accounts: accounts.length,
      edges: edges.length,
      clusters: 0,
      casesOpened: 0,
      restricted: 0,
    };
    for (const cluster of found) {
      const prior = matchCluster(
        cluster.members,
        stored.filter((s) => !claimed.has(s.id)),
      );
      if (prior) claimed.add(prior.id);
      // below the score and never stored: not worth a row
      if (!prior && cluster.score < CASE_SCORE) continue;
      const outcome = await keep(cluster, prior, exempt, now, minScore);
      if (cluster.score >= CASE_SCORE) summary.clusters += 1;
      if (outcome.caseOpened) summary.casesOpened += 1;
      summary.restricted += outcome.restricted;
    }
    // open clusters no longer found (members aged out, edges gone) are dissolved
    for (const cluster of stored)
      if (!claimed.has(cluster.id) && cluster.status === 'open')
        await store.setClusterStatus(db, cluster.id, 'dissolved');
    return summary;
  }

  return { run };
}

export type FarmJob = ReturnType<typeof createFarmJob>;
