import { type RawBuilder, sql } from 'kysely';
import { type SearchDocumentParts, searchDocumentTexts } from './search-text.js';

// The SQL of a note's search document. Notes write it on insert and update, search reads it:
// a store of its own, so that writing notes needs nothing else of the search module.

export type { SearchDocumentParts };

/**
 * The value of `notes.search_document` for a note: title words weigh A, topics B, body C.
 * Use it as the column value when inserting or updating a note, e.g.
 * `.values({ ..., search_document: searchDocumentSql({ title, body, topics }) })`.
 */
export function searchDocumentSql(parts: SearchDocumentParts): RawBuilder<string> {
  const texts = searchDocumentTexts(parts);
  return sql<string>`(setweight(to_tsvector('simple', ${texts.title}::text), 'A') || setweight(to_tsvector('simple', ${texts.topics}::text), 'B') || setweight(to_tsvector('simple', ${texts.body}::text), 'C'))`;
}
