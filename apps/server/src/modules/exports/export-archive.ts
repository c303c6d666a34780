import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants as zlibConstants } from 'node:zlib';
import type { ExportProgress, StatementOfReasons } from '@atrium/contracts';
import { tarEnd, tarHeader, tarPadding } from '../../backup/tar.js';
import type { DbHandle } from '../../db/database.js';
import type { DecisionRow } from '../../db/schema.js';
import type { MediaStore } from '../media/media-store.js';
import type { Vault } from '../vault/vault.js';
import * as store from './exports.store.js';

/**
 * One account's data as a `.tar.gz` archive (docs/privacy.md, "Export"):
 *
 *   atrium-export-<handle>/account.json     the account, its settings and everything it did
 *   atrium-export-<handle>/media/<id>.webp  the images of its notes (and its avatar)
 *
 * Written with the project's own ustar writer (backup/tar.ts, the one backups use) and Node's
 * zlib: no archive package to depend on, and both ends stream, so an account with thousands of
 * images never sits in memory. The file is written under a temporary name in the same directory
 * and renamed into place only when complete and synced: a crash leaves no half archive behind.
 */

export const EXPORT_FORMAT = 'atrium-account-export';
export const EXPORT_VERSION = 1;

/** What the archive needs besides the database: the image bytes and statements of reasons. */
export interface ArchiveSources {
  db: DbHandle;
  media: Pick<MediaStore, 'get'>;
  statements: (rows: DecisionRow[]) => Promise<StatementOfReasons[]>;
  /** The holder's phone, e-mail and user agents are sealed: opened for their own archive. */
  vault: Vault;
}

export function emptyProgress(): ExportProgress {
  return {
    notes: 0,
    comments: 0,
    likes: 0,
    collects: 0,
    following: 0,
    followers: 0,
    blocks: 0,
    statements: 0,
    sessions: 0,
    securityEvents: 0,
    media: 0,
    mediaDone: 0,
  };
}

/** The account is gone (deleted while its export ran). */
export class ExportSubjectGoneError extends Error {
  constructor() {
    super('the account no longer exists');
    this.name = 'ExportSubjectGoneError';
  }
}

interface ArchiveImage {
  mediaId: string;
  key: string;
  member: string;
}

/** Gathers the JSON document of the account and the images to add after it. */
export async function gatherAccount(sources: ArchiveSources, accountId: string) {
  const { db } = sources;
  const account = await store.accountForExport(db, accountId);
  if (!account) throw new ExportSubjectGoneError();
  const [notes, media, comments, likes, commentLikes, collects, following, followers] =
    await Promise.all([
      store.notesOf(db, accountId),
      store.mediaOf(db, accountId),
      store.commentsOf(db, accountId),
      store.engagementOf(db, 'likes', accountId),
      store.commentLikesOf(db, accountId),
      store.engagementOf(db, 'collects', accountId),
      store.followingOf(db, accountId),
      store.followersOf(db, accountId),
    ]);
  const [blocks, reports, decisions, sessions, securityEvents, boards] = await Promise.all([
    store.blocksOf(db, accountId),
    store.reportsBy(db, accountId),
    store.decisionsAbout(db, accountId),
    store.sessionsOf(db, accountId),
    store.securityEventsOf(db, accountId),
    store.boardsOf(db, accountId),
  ]);
  const statements = await sources.statements(decisions);
  const root = `atrium-export-${account.handle}`;
  const images = new Map<string, ArchiveImage>();
  const imageOf = (mediaId: string, key: string) => {
    let image = images.get(mediaId);
    if (!image) {
      image = { mediaId, key, member: `media/${mediaId}.webp` };
      images.set(mediaId, image);
    }
    return image.member;
  };
  const mediaByNote = new Map<string, unknown[]>();
  for (const item of media) {
    const list = mediaByNote.get(item.note_id) ?? [];
    list.push({
      id: item.media_id,
      position: item.position,
      alt: item.alt,
      width: item.width,
      height: item.height,
      // the largest size stored: uploads are kept re-encoded (WebP, metadata stripped), not as sent
      file: imageOf(item.media_id, item.variants.detail),
    });
    mediaByNote.set(item.note_id, list);
  }
  let avatar: unknown = null;
  if (account.avatar_media_id) {
    const row = await store.mediaById(db, account.avatar_media_id);
    if (row && row.owner_id === accountId) {
      avatar = { id: row.id, file: imageOf(row.id, row.variants.detail) };
    }
  }
  const { avatar_media_id: _avatarId, ...profile } = account;
  const contact = await sources.vault.contactOf(db, account);
  const agents = await Promise.all(
    sessions.map((row) =>
      row.user_agent_sealed
        ? sources.vault.open(db, accountId, 'user_agent', row.user_agent_sealed)
        : row.user_agent,
    ),
  );
  const document = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    account: {
      profile: {
        id: profile.id,
        handle: profile.handle,
        displayName: profile.display_name,
        bio: profile.bio,
        bioLang: profile.bio_lang,
        avatar,
        email: contact.email,
        phone: contact.phone,
        signupCountry: profile.signup_country,
        signupRegion: profile.signup_region,
        lastIpCountry: profile.ip_country,
        lastIpRegion: profile.ip_region,
        counts: {
          notes: profile.notes_count,
          followers: profile.followers_count,
          following: profile.following_count,
          likesReceived: profile.likes_received_count,
        },
        trustLevel: profile.trust_level,
        postingRestrictedUntil: profile.posting_restricted_until,
        suspendedUntil: profile.suspended_until,
        bannedAt: profile.banned_at,
        createdAt: profile.created_at,
        updatedAt: profile.updated_at,
      },
      settings: {
        languages: profile.languages,
        locale: profile.locale,
        autoTranslate: profile.auto_translate,
        feedLanguageMix: profile.feed_language_mix,
        interests: profile.interests,
        onboardedAt: profile.onboarded_at,
      },
    },
    notes: notes.map((note) => ({
      id: note.id,
      title: note.title,
      body: note.body,
      lang: note.lang,
      status: note.status,
      moderationAction: note.moderation_action,
      labels: note.labels,
      topics: note.topics ?? [],
      media: mediaByNote.get(note.id) ?? [],
      counts: {
        likes: note.like_count,
        collects: note.collect_count,
        comments: note.comment_count,
        views: note.view_count,
      },
      postedFrom: { country: note.ip_country, region: note.ip_region },
      createdAt: note.created_at,
      updatedAt: note.updated_at,
      editedAt: note.edited_at,
    })),
    comments: comments.map((comment) => ({
      id: comment.id,
      noteId: comment.note_id,
      parentId: comment.parent_id,
      body: comment.body,
      lang: comment.lang,
      status: comment.status,
      likes: comment.like_count,
      createdAt: comment.created_at,
    })),
    likes: likes.map((like) => ({ noteId: like.note_id, createdAt: like.created_at })),
    commentLikes: commentLikes.map((like) => ({
      commentId: like.comment_id,
      createdAt: like.created_at,
    })),
    collects: collects.map((row) => ({ noteId: row.note_id, createdAt: row.created_at })),
    boards: boards.map((board) => ({
      id: board.id,
      name: board.name,
      description: board.description,
      visibility: board.visibility,
      createdAt: board.created_at,
      notes: board.notes.map((row) => ({ noteId: row.note_id, addedAt: row.added_at })),
    })),
    following: following.map((row) => ({ id: row.id, handle: row.handle, since: row.created_at })),
    followers: followers.map((row) => ({ id: row.id, handle: row.handle, since: row.created_at })),
    blocks: blocks.map((row) => ({ id: row.id, handle: row.handle, since: row.created_at })),
    reports: reports.map((row) => ({
      id: row.id,
      targetType: row.target_type,
      targetId: row.target_id,
      reason: row.reason,
      details: row.details,
      createdAt: row.created_at,
    })),
    statementsOfReasons: statements,
    sessions: sessions.map((row, i) => ({
      id: row.id,
      userAgent: agents[i] ?? null,
      country: row.ip_country,
      region: row.ip_region,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    })),
    securityEvents: securityEvents.map((row) => ({
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      country: row.ip_country,
      region: row.ip_region,
      createdAt: row.created_at,
    })),
  };
  const progress: ExportProgress = {
    notes: notes.length,
    comments: comments.length,
    likes: likes.length,
    collects: collects.length,
    following: following.length,
    followers: followers.length,
    blocks: blocks.length,
    statements: statements.length,
    sessions: sessions.length,
    securityEvents: securityEvents.length,
    media: images.size,
    mediaDone: 0,
  };
  return { root, handle: account.handle, document, images: [...images.values()], progress };
}

/** How often a running export reports progress (and renews its lease) while adding images. */
const PROGRESS_EVERY_MS = 1_000;

/** The stored bytes of one image, exactly as many as the store said (else the tar is corrupt). */
async function* imageChunks(stored: { body: Readable; size: number }, key: string) {
  let read = 0;
  for await (const chunk of stored.body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    read += buffer.length;
    if (read > stored.size) break;
    yield buffer;
  }
  if (read !== stored.size) {
    stored.body.destroy();
    throw new Error(`media ${key}: read ${read} bytes, expected ${stored.size}`);
  }
}

async function* archiveChunks(
  sources: ArchiveSources,
  gathered: Awaited<ReturnType<typeof gatherAccount>>,
  onProgress: (progress: ExportProgress) => Promise<void>,
): AsyncGenerator<Buffer> {
  const now = new Date();
  const { root, progress } = gathered;
  const json = Buffer.from(`${JSON.stringify(gathered.document, null, 2)}\n`);
  yield tarHeader(`${root}/account.json`, json.length, now);
  yield json;
  yield tarPadding(json.length);
  let reported = performance.now();
  for (const image of gathered.images) {
    const stored = await sources.media.get(image.key);
    if (stored) {
      yield tarHeader(`${root}/${image.member}`, stored.size, now);
      yield* imageChunks(stored, image.key);
      yield tarPadding(stored.size);
    }
    // an image whose file is gone (a store outage, a restore without media) is left out
    progress.mediaDone += 1;
    if (performance.now() - reported >= PROGRESS_EVERY_MS) {
      reported = performance.now();
      await onProgress({ ...progress });
    }
  }
  yield tarEnd();
}

/**
 * Writes the account's archive to `file`: complete and synced, or not at all (a temporary
 * sibling is removed on failure). `onProgress` may throw to stop the export.
 */
export async function writeAccountArchive(
  sources: ArchiveSources,
  accountId: string,
  file: string,
  onProgress: (progress: ExportProgress) => Promise<void> = async () => {},
): Promise<{ bytes: number; progress: ExportProgress; handle: string }> {
  const gathered = await gatherAccount(sources, accountId);
  await onProgress({ ...gathered.progress });
  const partial = path.join(
    path.dirname(file),
    `.tmp-${path.basename(file)}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await pipeline(
      Readable.from(archiveChunks(sources, gathered, onProgress)),
      // images are WebP already: the fastest level still shrinks the JSON well
      createGzip({ level: zlibConstants.Z_BEST_SPEED }),
      createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
    );
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { bytes: (await stat(file)).size, progress: gathered.progress, handle: gathered.handle };
}
