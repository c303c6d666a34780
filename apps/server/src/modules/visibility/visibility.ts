import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** Who is looking, from where: the inputs of the visibility rule. */
export interface VisibilityContext {
  viewerId: string | null;
  /**
   * ISO country of the viewer's IP (else the account's), for regional withholding;
   * `UNKNOWN_REGION` when neither is known (every regional restriction applies); null only for
   * readers that stand nowhere (staff views, shared rankings before they are split by region).
   */
  region: string | null;
}

/**
 * The region of a viewer who cannot be located (an address outside the location data, a private
 * address behind a misconfigured proxy, an account with no known country): CLDR's "Unknown
 * Region". It is the strictest region there is: a restriction anywhere applies to it, since the
 * viewer may be there.
 */
export const UNKNOWN_REGION = 'ZZ';

/** Moderation actions from the least to the most restrictive. */
const SEVERITY = ['allow', 'label', 'limit', 'withhold'] as const;

/** The most restrictive of a row's actions, its global one and every regional one. */
function strictestAction(alias: string): RawBuilder<string> {
  const global = sql.ref(`${alias}.moderation_action`);
  const regional = sql.ref(`${alias}.region_actions`);
  const anywhere = (action: string) =>
    sql`(${global} = ${action} OR EXISTS (SELECT 1 FROM jsonb_each_text(${regional}) AS regional(region, action) WHERE regional.action = ${action}))`;
  return sql<string>`(CASE WHEN ${anywhere('withhold')} THEN 'withhold' WHEN ${anywhere('limit')} THEN 'limit' WHEN ${anywhere('label')} THEN 'label' ELSE 'allow' END)`;
}

/**
 * The action that applies to a row where the viewer is: the region's own action when the
 * moderation decision named it, else the row's global action; in the unknown region, the
 * strictest of them. Readers with no region at all (null) get the global one.
 */
function effectiveAction(alias: string, region: string | null): RawBuilder<string> {
  const global = sql.ref(`${alias}.moderation_action`);
  if (!region) return sql<string>`${global}`;
  if (region === UNKNOWN_REGION) return strictestAction(alias);
  return sql<string>`coalesce(${sql.ref(`${alias}.region_actions`)} ->> ${region}, ${global})`;
}

/** Neither account has blocked the other (a block works both ways). */
export function notBlocked(viewerId: string, authorColumn: string): RawBuilder<SqlBool> {
  const author = sql.ref(authorColumn);
  return sql<SqlBool>`(NOT EXISTS (SELECT 1 FROM account_blocks WHERE blocker_id = ${viewerId} AND blocked_id = ${author})
    AND NOT EXISTS (SELECT 1 FROM account_blocks WHERE blocker_id = ${author} AND blocked_id = ${viewerId}))`;
}

/**
 * THE visibility rule, shared by every read path (note detail, feeds, topics, search, profiles,
 * comments — `alias` may name the comments table too, which has the same moderation columns):
 * - published and not withheld in the viewer's region;
 * - or the viewer's own content while held for review or withheld (authors always see their
 *   own, marked with a statement of reasons);
 * - and never across a block, in either direction.
 */
export function noteVisible(context: VisibilityContext, alias = 'notes'): RawBuilder<SqlBool> {
  const status = sql.ref(`${alias}.status`);
  const shown = sql<SqlBool>`(${status} = 'published' AND ${effectiveAction(alias, context.region)} <> 'withhold')`;
  if (!context.viewerId) return shown;
  const author = `${alias}.author_id`;
  return sql<SqlBool>`((${shown} OR (${sql.ref(author)} = ${context.viewerId} AND ${status} IN ('published', 'pending_review')))
    AND ${notBlocked(context.viewerId, author)})`;
}

/**
 * What may be recommended (discover, following, topic lists, trending): published, neither
 * withheld nor limited in the viewer's region, and not across a block. One's own held or
 * withheld note is visible to oneself but never recommended.
 */
export function noteRecommendable(
  context: VisibilityContext,
  alias = 'notes',
): RawBuilder<SqlBool> {
  const recommended = sql<SqlBool>`(${sql.ref(`${alias}.status`)} = 'published' AND ${effectiveAction(alias, context.region)} IN ('allow', 'label'))`;
  if (!context.viewerId) return recommended;
  return sql<SqlBool>`(${recommended} AND ${notBlocked(context.viewerId, `${alias}.author_id`)})`;
}

/**
 * The same rule as `noteRecommendable` without blocks, for a published row already in memory:
 * shared rankings are read once for every region and split per region with this. Kept beside
 * the SQL on purpose; a test checks the two agree.
 */
export function recommendableIn(row: ModeratedRow, region: string | null): boolean {
  const action = actionIn(row, region);
  return action === 'allow' || action === 'label';
}

/** A row's moderation columns, as the in-memory twins of the rule read them. */
interface ModeratedRow {
  moderation_action: string;
  region_actions: Record<string, string> | null;
}

/**
 * What applies to a row in a region: its regional override, else its action everywhere; in the
 * unknown region, the strictest of them.
 */
function actionIn(row: ModeratedRow, region: string | null): string {
  if (region === UNKNOWN_REGION) {
    const actions = [row.moderation_action, ...Object.values(row.region_actions ?? {})];
    return SEVERITY.findLast((action) => actions.includes(action)) ?? row.moderation_action;
  }
  return (region ? row.region_actions?.[region] : undefined) ?? row.moderation_action;
}

/**
 * The same rule as `noteVisible` without blocks (the caller checks those against the viewer's
 * block list), for rows already in memory: feed pages present cached rows with it. Kept beside
 * the SQL on purpose; a test checks the two agree.
 */
export function visibleTo(
  row: ModeratedRow & { status: string; author_id: string },
  context: VisibilityContext,
): boolean {
  if (row.status === 'published' && actionIn(row, context.region) !== 'withhold') return true;
  return (
    context.viewerId !== null &&
    row.author_id === context.viewerId &&
    (row.status === 'published' || row.status === 'pending_review')
  );
}

/** Published but hidden in this region (for subtracting from shared counters such as topics). */
export function withheldIn(region: string | null, alias = 'notes'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.status`)} = 'published' AND ${effectiveAction(alias, region)} = 'withhold')`;
}

/** Not recommended in this region though published (for trending and shared counters). */
export function notRecommendedIn(region: string | null, alias = 'notes'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.status`)} = 'published' AND ${effectiveAction(alias, region)} IN ('limit', 'withhold'))`;
}

/** Where a row is withheld: everywhere (`*`, with `-XX` for regions excepted) or the listed countries. */
export function withheldCountries(row: ModeratedRow): string[] {
  const regional = Object.entries(row.region_actions ?? {});
  if (row.moderation_action === 'withhold') {
    const except = regional
      .filter(([, action]) => action !== 'withhold')
      .map(([country]) => `-${country}`);
    return ['*', ...except];
  }
  return regional.filter(([, action]) => action === 'withhold').map(([country]) => country);
}
