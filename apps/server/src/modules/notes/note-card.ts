import type { AuthorSummary, Note, StatementOfReasons } from '@atrium/contracts';
import { Note as NoteSchema } from '@atrium/contracts';
import fastJson from 'fast-json-stringify';
import type { NoteRow } from '../../db/schema.js';
import { ipLabel } from '../geo/location-label.js';
import { withheldCountries } from '../visibility/visibility.js';

// One note in the API shape, from its row, its cached parts and the viewer's flags.

/** The parts of a note that change rarely: shown as they were up to PARTS_TTL_MS (note-cache) ago. */
export interface NoteParts {
  author: AuthorSummary;
  media: Note['media'];
  topics: Note['topics'];
  mentions: string[];
}

/** The viewer's own like and collect of a note. */
export interface ViewerFlags {
  liked: boolean;
  collected: boolean;
}

/** One note in the API shape; `moderation` is the author's view of its restrictions. */
export function toNote(
  row: NoteRow,
  part: NoteParts,
  locale: string,
  viewer: ViewerFlags,
  moderation?: Note['moderation'],
): Note {
  const note: Note = {
    id: row.id,
    author: part.author,
    title: row.title,
    body: row.body,
    lang: row.lang,
    media: part.media,
    topics: part.topics,
    mentions: part.mentions,
    status: row.status,
    ipLocation: ipLabel(row.ip_country, row.ip_region, locale),
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at ? row.edited_at.toISOString() : null,
    counts: {
      likes: row.like_count,
      collects: row.collect_count,
      comments: row.comment_count,
      views: row.view_count,
    },
    viewer,
    labels: row.labels,
  };
  if (moderation) note.moderation = moderation;
  return note;
}

/** The author sees where and why their note is restricted; others never do. */
export function authorsView(row: NoteRow, explanations: StatementOfReasons[]): Note['moderation'] {
  return {
    status: row.status,
    withheldIn: withheldCountries(row),
    labels: row.labels,
    reasons: explanations.map(reasonLine),
    statements: explanations,
    ...(row.media_check ? { mediaCheck: row.media_check } : {}),
  };
}

/** Notes of the viewer's own that may carry statements of reasons (restricted ones). */
export function explainedIds(rows: NoteRow[], viewerId: string | null): string[] {
  return rows.filter((row) => row.author_id === viewerId && isRestricted(row)).map((row) => row.id);
}

function isRestricted(row: NoteRow): boolean {
  return (
    row.status !== 'published' ||
    row.moderation_action !== 'allow' ||
    row.region_actions !== null ||
    row.labels.length > 0
  );
}

/** The contract's note serializer: the one Fastify compiles from the same schema. */
export const serializeNote = fastJson(NoteSchema) as (note: Note) => string;

/** One line per statement, for the `reasons` of a note's moderation block. */
export function reasonLine(statement: StatementOfReasons): string {
  const rules = statement.rules.map((rule) => rule.description ?? rule.id).join('; ');
  return rules ? `${statement.restriction}: ${rules}` : statement.restriction;
}
