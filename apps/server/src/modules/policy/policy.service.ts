import { createHash } from 'node:crypto';
import type {
  ListQuery,
  PolicyPreview,
  PolicyVersion,
  PolicyVersionSummary,
  PreviewPolicyBody,
  PublishPolicyBody,
  StaffPermission,
} from '@atrium/contracts';
import {
  type Decision,
  decide,
  loadDefaultPolicy,
  type Matcher,
  type Policy,
  PolicyError,
  validatePolicy,
} from '@atrium/safety';
import { type Db, inTransaction } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { languageOf } from '../../lib/language-of.js';
import { canonicalJson, recordAudit } from '../staff/audit.js';
import { inScope } from '../staff/staff.policy.js';
import type { StaffActor, StaffService } from '../staff/staff.service.js';
import { policyError } from './policy.errors.js';
import * as store from './policy.store.js';
import { lexiconProblems, policyMatcher, sharedMatcher } from './policy-lexicon.js';
import { countBy, outcome, sortedCounts } from './preview-counts.js';

/** How often a node asks the database whether another node published a new version. */
export const POLICY_REFRESH_MS = 10_000;
export const PREVIEW_DEFAULT_DAYS = 7;
/** Notes a preview reads at most (newest first). */
export const PREVIEW_NOTE_LIMIT = 5_000;
const PREVIEW_SAMPLES = 20;
const DAY = 24 * 60 * 60 * 1000;

/** The policy in force and the compiled lexicon to gather its evidence with. */
export interface CurrentPolicy {
  version: string;
  policy: Policy;
  matcher: Matcher;
}

export { sharedMatcher };

export interface PolicyDeps {
  db: Db;
  /** Only `require` is used: staff actors need `policy.read` or `policy.write`. */
  staff: Pick<StaffService, 'require'>;
  /** Defaults to `POLICY_REFRESH_MS` (tests shorten it). */
  refreshMs?: number;
  /** Replaces the matcher of every version (tests); by default each version's own lexicon. */
  matcher?: () => Matcher;
}

type Problem = { path: string; message: string };

function invalid(problems: Problem[]) {
  return policyError(
    'POLICY_INVALID',
    problems.map((problem) => `${problem.path || '/'} ${problem.message}`).join('; '),
    { problems },
  );
}

/**
 * Validates a candidate document as the policy `version`. A document naming another version is
 * refused rather than silently renamed; one naming none takes `version`.
 */
export function parsePolicyDocument(document: unknown, version: string): Policy {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw invalid([{ path: '/document', message: 'must be an object' }]);
  }
  const named = (document as { version?: unknown }).version;
  if (named !== undefined && named !== version) {
    throw invalid([
      { path: '/document/version', message: `must equal the version published (${version})` },
    ]);
  }
  let policy: Policy;
  try {
    policy = validatePolicy({ ...document, version });
  } catch (error) {
    if (error instanceof PolicyError) {
      throw invalid(
        error.problems.map((problem) => ({
          path: `/document${problem.path}`,
          message: problem.message,
        })),
      );
    }
    throw error;
  }
  const problems = lexiconProblems(policy.lexicon);
  if (problems.length > 0) throw invalid(problems);
  return policy;
}

function documentHash(policy: Policy): string {
  return createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(policy))))
    .digest('hex');
}

function toSummary(row: store.PolicyListRow): PolicyVersionSummary {
  return {
    version: row.version,
    createdAt: row.created_at.toISOString(),
    createdBy:
      row.created_by && row.created_by_handle
        ? { id: row.created_by, handle: row.created_by_handle }
        : null,
    note: row.note,
    active: row.active,
  };
}

function toVersion(row: store.PolicyListRow): PolicyVersion {
  return { ...toSummary(row), document: row.document };
}

/**
 * Versioned moderation policies: the active one for every decision (`current()`), publishing
 * new versions, their history, and a dry run of a proposal over recent notes.
 */
export function createPolicyService(deps: PolicyDeps) {
  const { db, staff } = deps;
  const refreshMs = deps.refreshMs ?? POLICY_REFRESH_MS;
  const matcherOf = (policy: Policy) =>
    deps.matcher ? deps.matcher() : policyMatcher(policy.lexicon);
  let state: { current: CurrentPolicy; checkedAt: number } | null = null;
  let refreshing: Promise<CurrentPolicy> | null = null;
  let initialized: Promise<void> | null = null;

  /** The staff member acting (null for the CLI and the server, which act for the operator). */
  async function authorize(actor: StaffActor, permission: StaffPermission) {
    return actor.kind === 'staff' ? staff.require(actor, permission) : null;
  }

  /**
   * Stores the shipped default as the first active version when there is none. Idempotent, and
   * safe when several nodes start at once: the insert does nothing on any conflict, and only the
   * node whose insert took writes the audit record.
   */
  async function seedDefault(): Promise<void> {
    if (await store.hasAnyVersion(db)) return;
    const policy = loadDefaultPolicy();
    await inTransaction(db, async (tx) => {
      const inserted = await store.insertIfAbsent(tx, {
        version: policy.version,
        document: JSON.stringify(policy),
        created_at: new Date(),
        created_by: null,
        note: 'The shipped default policy',
        active: true,
      });
      if (!inserted) return;
      await recordAudit(tx, {
        actorId: null,
        actorKind: 'system',
        action: 'policy.publish',
        targetType: 'policy',
        targetId: policy.version,
        data: { source: 'default', documentSha256: documentHash(policy) },
      });
    });
  }

  function init(): Promise<void> {
    initialized ??= seedDefault().catch((error) => {
      initialized = null; // try again on the next call
      throw error;
    });
    return initialized;
  }

  async function load(): Promise<CurrentPolicy> {
    await init();
    const version = await store.activeVersion(db);
    if (state && state.current.version === version) {
      state.checkedAt = Date.now();
      return state.current;
    }
    const row = version ? await store.findVersion(db, version) : undefined;
    // No active version at all (never expected): decide with the shipped default, unstored.
    const policy = row ? validatePolicy(row.document) : loadDefaultPolicy();
    const current = { version: policy.version, policy, matcher: matcherOf(policy) };
    state = { current, checkedAt: Date.now() };
    return current;
  }

  /**
   * The active policy and the matcher. Served from memory; the database is asked at most every
   * `refreshMs` whether another node published, so all nodes converge within that time (the
   * publishing node switches at once). When the database cannot be asked, the last known
   * policy is kept.
   */
  async function current(): Promise<CurrentPolicy> {
    if (state) {
      // Stale-while-revalidate: the check runs in the background, so a caller inside a
      // transaction never waits for a connection the embedded database has lent to it.
      if (Date.now() - state.checkedAt >= refreshMs) void refresh().catch(() => undefined);
      return state.current;
    }
    return refresh();
  }

  /** Asks the database for the active version now (one check at a time). */
  async function refresh(): Promise<CurrentPolicy> {
    refreshing ??= load().finally(() => {
      refreshing = null;
    });
    try {
      return await refreshing;
    } catch (error) {
      if (state) return state.current;
      throw error;
    }
  }

  async function active(actor: StaffActor): Promise<PolicyVersion> {
    await authorize(actor, 'policy.read');
    await init();
    const row = await store.findActive(db);
    if (!row) throw policyError('NOT_FOUND', 'No policy is active');
    return toVersion(row);
  }

  async function history(
    actor: StaffActor,
    query: ListQuery = {},
  ): Promise<{ items: PolicyVersionSummary[]; nextCursor: string | null }> {
    await authorize(actor, 'policy.read');
    await init();
    const limit = query.limit ?? 20;
    const cursor = decodeCursor(
      query.cursor,
      (value): value is { at: string; version: string } =>
        typeof value.at === 'string' &&
        !Number.isNaN(Date.parse(value.at)) &&
        typeof value.version === 'string',
    );
    const rows = await store.listVersions(
      db,
      cursor ? { createdAt: new Date(cursor.at), version: cursor.version } : null,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ at: last.created_at.toISOString(), version: last.version })
          : null,
    };
  }

  /**
   * Publishes a new version and makes it active, audited in the same transaction. The version
   * string must be new (POLICY_VERSION_EXISTS); the document must validate (POLICY_INVALID,
   * with every problem listed).
   */
  async function publish(
    actor: StaffActor,
    input: PublishPolicyBody,
    // lexicon tuning publishes with its own (narrower) permission and says where it came from
    via: { permission: StaffPermission; data: Record<string, unknown> } = {
      permission: 'policy.write',
      data: {},
    },
  ): Promise<PolicyVersion> {
    await authorize(actor, via.permission);
    await init();
    const policy = parsePolicyDocument(input.document, input.version);
    await inTransaction(db, async (tx) => {
      await store.lockPublishing(tx);
      if (await store.versionExists(tx, policy.version)) throw policyError('POLICY_VERSION_EXISTS');
      const previousVersion = await store.activeVersion(tx);
      await store.deactivateAll(tx);
      await store.insertVersion(tx, {
        version: policy.version,
        document: JSON.stringify(policy),
        // made here in milliseconds, so the history cursor compares exactly
        created_at: new Date(),
        created_by: actor.kind === 'staff' ? actor.accountId : null,
        note: input.note?.trim() || null,
        active: true,
      });
      await recordAudit(tx, {
        actorId: actor.kind === 'staff' ? actor.accountId : null,
        actorKind: actor.kind,
        action: 'policy.publish',
        targetType: 'policy',
        targetId: policy.version,
        data: {
          previousVersion,
          note: input.note?.trim() || null,
          documentSha256: documentHash(policy),
          ...via.data,
        },
      });
    });
    // This node switches at once; the others within `refreshMs`.
    state = {
      current: { version: policy.version, policy, matcher: matcherOf(policy) },
      checkedAt: Date.now(),
    };
    const row = await store.findVersion(db, policy.version);
    return toVersion(row!);
  }

  /**
   * Runs the active and the proposed policy over the text (title and body) of the notes of the
   * last `days` days, newest first and at most `PREVIEW_NOTE_LIMIT`, and counts what would
   * change. Changes nothing. Evidence is the lexicon only: labels added by people or
   * classifiers are not part of the dry run.
   */
  async function preview(actor: StaffActor, input: PreviewPolicyBody): Promise<PolicyPreview> {
    const member = await authorize(actor, 'policy.read');
    // counts are the platform's (a policy applies everywhere); samples name notes, so only the
    // ones within the member's languages (as detected) and regions
    const mayList = (note: store.NoteText) =>
      !member ||
      inScope(member, { lang: languageOf(note.title, note.body), region: note.ip_country });
    const documentVersion = (input.document as { version?: unknown } | null)?.version;
    const proposed = parsePolicyDocument(
      input.document,
      typeof documentVersion === 'string' ? documentVersion : 'proposed',
    );
    const days = input.days ?? PREVIEW_DEFAULT_DAYS;
    const active = await current();
    // the proposal's own lexicon (compiled before the scan: it may change which terms match)
    const proposedMatcher = matcherOf(proposed);
    const notes = await store.recentNoteTexts(
      db,
      new Date(Date.now() - days * DAY),
      PREVIEW_NOTE_LIMIT + 1,
    );
    const truncated = notes.length > PREVIEW_NOTE_LIMIT;
    const scanned = notes.slice(0, PREVIEW_NOTE_LIMIT);
    const actionChanges = new Map<string, number>();
    const added = new Map<string, number>();
    const removed = new Map<string, number>();
    const samples: PolicyPreview['samples'] = [];
    let changed = 0;
    let affected = 0;
    for (const [index, note] of scanned.entries()) {
      // a long run of scans must not hold the event loop: let requests through now and then
      if (index > 0 && index % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
      // a line break between title and body: no match spans the two
      const text = note.title ? `${note.title}\n${note.body}` : note.body;
      const matches = active.matcher.scan(text);
      const before = outcome(decide({ matches }, active.policy));
      const proposedMatches =
        proposedMatcher === active.matcher ? matches : proposedMatcher.scan(text);
      const after = outcome(decide({ matches: proposedMatches }, proposed));
      const actionChanged = before.action !== after.action;
      const gained = after.withheldIn.filter((region) => !before.withheldIn.includes(region));
      const lost = before.withheldIn.filter((region) => !after.withheldIn.includes(region));
      if (actionChanged) {
        changed += 1;
        countBy(actionChanges, `${before.action}\u0000${after.action}`);
      }
      for (const region of gained) countBy(added, region);
      for (const region of lost) countBy(removed, region);
      if (actionChanged || gained.length > 0 || lost.length > 0) {
        affected += 1;
        if (samples.length < PREVIEW_SAMPLES && mayList(note))
          samples.push({ noteId: note.id, before, after });
      }
    }
    return {
      currentVersion: active.version,
      days,
      scanned: scanned.length,
      truncated,
      changed,
      affected,
      actionChanges: [...actionChanges]
        .map(([key, count]) => {
          const [from, to] = key.split('\u0000') as [string, string];
          return { from, to, count };
        })
        .sort((a, b) => b.count - a.count),
      withholds: { added: sortedCounts(added), removed: sortedCounts(removed) },
      samples,
    };
  }

  return { init, current, refresh, active, history, publish, preview };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
