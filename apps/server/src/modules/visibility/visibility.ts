import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** Who is looking, from where: the inputs of the visibility rule. */
export interface VisibilityContext {
  viewerId: string | null;
  /** ISO country of the viewer's IP (else the account's), for regional withholding. */
  region: string | null;
}

/**
 * The action that applies to a row where the viewer is: the region's own action when the
 * moderation decision named it, else the row's global action. Unknown regions get the global one.
 */
function effectiveAction(alias: string, region: string | null): RawBuilder<string> {
  const global = sql.ref(`${alias}.moderation_action`);
  if (!region) return sql<string>`${global}`;
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

/** What applies to a row in a region: its regional override, else its action everywhere. */
function actionIn(row: ModeratedRow, region: string | null): string {
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
