import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** Who is looking, from where: the inputs of the visibility rule. */
export interface VisibilityContext {
  viewerId: string | null;
  /** ISO country of the viewer's IP (else the account's), for regional withholding. */
  region: string | null;
}

/**
 * THE visibility rule, shared by every read path (note detail, feeds, topics, search, profiles,
 * comments): only published notes. The moderation work extends this one function with regional
 * withholding and account blocks, so no read path can forget them.
 *
 * `alias` is the name the notes table has in the query.
 */
export function noteVisible(_context: VisibilityContext, alias = 'notes'): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.status`)} = 'published'`;
}
