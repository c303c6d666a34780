import type {
  FarmCluster,
  FarmClusterActionBody,
  FarmClusterActionResult,
  FarmClusterDetail,
  FarmClusterPage,
  FarmEdge,
} from '@atrium/contracts';
import { type Db, inTransaction, type Tx } from '../../../db/database.js';
import type { PageRequest } from '../../../http/request-context.js';
import type { Viewer } from '../../../http/viewer.js';
import { decodeCursor, encodeCursor } from '../../../lib/cursor.js';
import type { AuditPort } from '../../moderation/content-moderation.js';
import type { ClusterDecision } from '../../moderation/risk-cases.js';
import { riskError } from '../risk.errors.js';
import type { FarmSanctions } from './farm.job.js';
import { type FarmStaff, mayActOnCluster, mayReadClusters } from './farm.policy.js';
import * as store from './farm.store.js';

/**
 * Records a staff decision about one account (moderation fills it), so each member acted on gets
 * a statement of reasons as for a single-account action. Returns the decision's id.
 */
export interface FarmDecisions {
  recordClusterDecision(tx: Tx, decision: ClusterDecision): Promise<string>;
}

export interface FarmServiceDeps {
  db: Db;
  staffMember(accountId: string): Promise<FarmStaff | null>;
  sanctions: FarmSanctions;
  decisions: FarmDecisions;
  audit: AuditPort;
  /**
   * The media module's hash bank: a member suspended for farming has the pictures of its
   * removed notes banked under its suspension (docs/media.md, "The bank").
   */
  removedMedia?: {
    bankRemovedNotesOf(
      tx: Tx,
      accountId: string,
      ref: { decisionId: string; caseId: string | null },
    ): Promise<number>;
  };
}

const DAY = 86_400_000;
const label = (seq: string | number) => `cl_${seq}`;
const seqOf = (id: string) => id.slice(3);

type ClusterRow = Awaited<ReturnType<typeof store.listClusters>>[number];

function present(row: Omit<ClusterRow, 'size'>, size: number): FarmCluster {
  return {
    id: label(row.seq),
    score: row.score,
    status: row.status,
    size,
    edgeCounts: row.edge_counts,
    caseId: row.case_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What staff read of farm detection, and the bulk actions on a cluster. */
export function createFarmService(deps: FarmServiceDeps) {
  const { db } = deps;

  async function reader(viewer: Viewer) {
    const member = await deps.staffMember(viewer.accountId);
    const denial = mayReadClusters(member);
    if (denial) throw riskError(denial.code, denial.reason);
    return member!;
  }

  async function list(viewer: Viewer, page: PageRequest): Promise<FarmClusterPage> {
    await reader(viewer);
    const after = decodeCursor(
      page.cursor,
      (value): value is { seq: string } => typeof value.seq === 'string',
    );
    const rows = await store.listClusters(db, after?.seq ?? null, page.limit + 1);
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => present(row, Number(row.size))),
      nextCursor: rows.length > page.limit && last ? encodeCursor({ seq: String(last.seq) }) : null,
    };
  }

  async function get(viewer: Viewer, id: string): Promise<FarmClusterDetail> {
    await reader(viewer);
    const row = await store.findClusterBySeq(db, seqOf(id));
    if (!row) throw riskError('NOT_FOUND', 'No such cluster');
    const nodes = await store.clusterNodes(db, row.id, new Date());
    return {
      ...present(row, nodes.length),
      nodes: nodes.map((node) => ({
        id: node.id,
        handle: node.handle,
        createdAt: node.created_at.toISOString(),
        restricted: node.restricted,
        suspended: node.suspended,
      })),
      edges: row.edges as FarmEdge[],
    };
  }

  /**
   * Restricts or suspends every member for `days`, or clears the cluster (found genuine: its
   * restrictions lifted, never acted on again automatically). One transaction: per member acted
   * on, a decision (its statement of reasons) and an `account.<action>` audit record, as for a
   * single-account action; and one `farm.cluster.<action>` record naming every member.
   */
  async function act(
    viewer: Viewer,
    id: string,
    input: FarmClusterActionBody,
  ): Promise<FarmClusterActionResult> {
    const member = await deps.staffMember(viewer.accountId);
    // the same answer whether or not the cluster exists, for those who may not act
    const early = mayActOnCluster(member, []);
    if (early) throw riskError(early.code, early.reason);
    const row = await store.findClusterBySeq(db, seqOf(id));
    if (!row) throw riskError('NOT_FOUND', 'No such cluster');
    const now = new Date();
    return inTransaction(db, async (tx) => {
      const nodes = await store.clusterNodes(tx, row.id, now);
      const members = nodes.map((node) => node.id);
      const denial = mayActOnCluster(member, members);
      if (denial) throw riskError(denial.code, denial.reason);
      const staffIds = new Set(await store.staffAmong(tx, members));
      const targets = members.filter((m) => !staffIds.has(m));
      const until =
        input.action === 'clear' ? null : new Date(now.getTime() + (input.days ?? 7) * DAY);
      // clearing lifts restrictions: only the members restricted now are told of a decision
      const restricted = new Set(nodes.filter((node) => node.restricted).map((node) => node.id));
      const decisionAction =
        input.action === 'clear' ? 'lift' : input.action === 'suspend' ? 'suspend' : 'restrict';
      const decisions: Record<string, string> = {};
      for (const target of targets) {
        await deps.sanctions.applySanction(tx, target, {
          type: input.action === 'suspend' ? 'suspend' : 'restrict',
          until,
        });
        if (input.action === 'clear' && !restricted.has(target)) continue;
        const decisionId = await deps.decisions.recordClusterDecision(tx, {
          accountId: target,
          actorId: viewer.accountId,
          action: decisionAction,
          reasonCode: input.reasonCode,
          until,
          caseId: row.case_id,
          note: `Farm cluster ${label(row.seq)}`,
        });
        decisions[target] = decisionId;
        const bankedImages =
          input.action === 'suspend' && deps.removedMedia
            ? await deps.removedMedia.bankRemovedNotesOf(tx, target, {
                decisionId,
                caseId: row.case_id,
              })
            : 0;
        await deps.audit.record(tx, {
          actorId: viewer.accountId,
          action: `account.${decisionAction}`,
          targetType: 'account',
          targetId: target,
          data: {
            cluster: label(row.seq),
            caseId: row.case_id,
            decisionId,
            reasonCode: input.reasonCode,
            until: until?.toISOString() ?? null,
            ...(bankedImages > 0 ? { bankedImages } : {}),
          },
        });
      }
      const status = input.action === 'clear' ? 'cleared' : 'open';
      if (status !== row.status) await store.setClusterStatus(tx, row.id, status);
      await deps.audit.record(tx, {
        actorId: viewer.accountId,
        action: `farm.cluster.${input.action}`,
        targetType: 'farm_cluster',
        targetId: row.id,
        data: {
          cluster: label(row.seq),
          reasonCode: input.reasonCode,
          until: until?.toISOString() ?? null,
          members: targets,
          decisions,
        },
      });
      return { affected: targets.length, status };
    });
  }

  return { list, get, act };
}

export type FarmService = ReturnType<typeof createFarmService>;
