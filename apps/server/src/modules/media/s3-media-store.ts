import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3MediaConfig } from '../../config.js';
import {
  type ByteRange,
  isMediaKey,
  type MediaStore,
  mediaKeyType,
  type StoredMedia,
} from './media-store.js';

function assertKey(key: string): void {
  // the same refusal as the local store: only content-addressed image keys are ever stored
  if (!isMediaKey(key)) throw new TypeError(`not a media key: ${JSON.stringify(key)}`);
}

/**
 * Whether the SDK's error is the service saying "no such object". Not any 404: a missing bucket
 * (`NoSuchBucket`) is a configuration fault to report, not an image to answer 404 for. HEAD
 * answers carry no body, so the SDK names their 404 `NotFound` whatever the cause.
 */
function isMissing(error: unknown): boolean {
  const { name } = error as { name?: string };
  return name === 'NoSuchKey' || name === 'NotFound';
}

/**
 * Media in an S3-compatible bucket, under the same content-addressed keys as on local disk (no
 * sharding: object stores have no directories to fill). The server still serves every image
 * itself, since whether one may be shown depends on the viewer (media.policy): the bucket stays
 * private and is never a public origin.
 */
export class S3MediaStore implements MediaStore {
  readonly client: S3Client;

  constructor(readonly config: S3MediaConfig) {
    this.client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      // Checksums only where S3 requires them: the SDK's default CRC headers on every request are
      // refused or mishandled by several S3-compatible services, and keys are hashes already.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.accessKeyId && config.secretAccessKey
        ? {
            credentials: {
              accessKeyId: config.accessKeyId,
              secretAccessKey: config.secretAccessKey,
            },
          }
        : {}),
    });
  }

  objectKey(key: string): string {
    assertKey(key);
    return `${this.config.prefix}${key}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const Key = this.objectKey(key);
    // Content-addressed: an object that exists holds these bytes already. Skipping the upload
    // also keeps versioned buckets from collecting a copy per repeated upload.
    if (await this.exists(key)) return;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key,
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: mediaKeyType(key) ?? 'application/octet-stream',
      }),
    );
  }

  async putFile(key: string, file: string): Promise<void> {
    const Key = this.objectKey(key);
    if (await this.exists(key)) return;
    const { size } = await stat(file);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key,
        Body: createReadStream(file),
        ContentLength: size,
        ContentType: mediaKeyType(key) ?? 'application/octet-stream',
      }),
    );
  }

  async get(key: string, range?: ByteRange): Promise<StoredMedia | null> {
    const Key = this.objectKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.config.bucket,
          Key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a body');
      // a ranged answer's ContentLength is the range's; the whole size is in ContentRange
      const whole = /\/(\d+)$/.exec(object.ContentRange ?? '');
      return { body: object.Body, size: whole ? Number(whole[1]) : (object.ContentLength ?? 0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a missing key too: deleting twice is not an error, as on disk
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
    );
  }

  async exists(key: string): Promise<boolean> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
