import type { Comment, Reply } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { CommentRow } from '../../db/schema.js';
import { authorsById } from '../accounts/author-summaries.js';
import { ipLabel } from '../geo/location-label.js';
import { likedByViewer } from './comment-likes.store.js';

/** Comment rows in the API shape; top-level ones get their first replies attached. */
export async function presentComments(
  db: DbHandle,
  rows: CommentRow[],
  replies: CommentRow[],
  locale: string,
  viewerId: string | null,
): Promise<Comment[]> {
  const all = [...rows, ...replies];
  const [authors, liked] = await Promise.all([
    authorsById(
      db,
      all.map((row) => row.author_id),
    ),
    likedByViewer(
      db,
      viewerId,
      all.map((row) => row.id),
    ),
  ]);
  const toReply = (row: CommentRow): Reply => ({
    id: row.id,
    noteId: row.note_id,
    parentId: row.parent_id,
    author: authors.get(row.author_id)!,
    body: row.body,
    lang: row.lang,
    ipLocation: ipLabel(row.ip_country, row.ip_region, locale),
    replyCount: row.reply_count,
    likeCount: row.like_count,
    liked: liked.has(row.id),
    status: row.status,
    labels: row.labels,
    createdAt: row.created_at.toISOString(),
  });
  return rows.map((row) => ({
    ...toReply(row),
    replies: replies.filter((reply) => reply.parent_id === row.id).map(toReply),
  }));
}

export async function presentReplies(
  db: DbHandle,
  rows: CommentRow[],
  locale: string,
  viewerId: string | null,
): Promise<Reply[]> {
  const comments = await presentComments(db, rows, [], locale, viewerId);
  return comments.map(({ replies: _replies, ...reply }) => reply);
}
