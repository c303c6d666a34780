import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** Who is looking, from where: the inputs of the visibility rule. */
export interface VisibilityContext {
  viewerId: string | null;
  /** ISO country of the viewer's IP (else the account's), for regional withholding. */
  region: string | null;
}

/**
 * THE visibility rule, shared by every read path (note detail, feeds, topics, search, profiles,
 * comments): published notes, and one's own notes held for review. The moderation work extends
 * this one function with regional withholding and account blocks, so no read path can forget
 * them.
 *
 * `alias` is the name the notes table has in the query.
 */
export function noteVisible(context: VisibilityContext, alias = 'notes'): RawBuilder<SqlBool> {
  const status = sql.ref(`${alias}.status`);
  if (!context.viewerId) return sql<SqlBool>`${status} = 'published'`;
  const author = sql.ref(`${alias}.author_id`);
  return sql<SqlBool>`(${status} = 'published' OR (${status} = 'pending_review' AND ${author} = ${context.viewerId}))`;
}

/**
 * What may be recommended (discover, topic lists, trending): visible to this viewer AND
 * published — one's own held note is visible to oneself but never recommended.
 */
export function noteRecommendable(
  context: VisibilityContext,
  alias = 'notes',
): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${noteVisible(context, alias)} AND ${sql.ref(`${alias}.status`)} = 'published')`;
}
