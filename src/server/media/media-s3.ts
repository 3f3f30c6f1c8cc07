/**
 * Media in S3-compatible object storage (AWS S3, MinIO, Ceph, Garage...), chosen by
 * MEDIA_S3_BUCKET: every instance reads and writes the same bucket, so a photo filed through one
 * is served by any other, and the storage keeps the evidence when a machine is lost.
 *
 * Notes
 * - MEDIA_S3_ENDPOINT points at a store other than AWS; it is then addressed path-style
 *   (`endpoint/bucket/key`), which every S3-compatible store understands. Credentials and region
 *   come the SDK's standard way (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, or an
 *   instance role), so nothing secret goes through this app's settings.
 * - Objects are keyed MEDIA_S3_PREFIX + the file name; only keys under the prefix named as media
 *   files are ever listed or removed, so the bucket may hold other things.
 * - Bytes are streamed both ways: uploads with their length, downloads as the object's body
 *   (a ranged GET for a Range), never buffered whole here.
 * - Opening a file is a HEAD (its size, for ETag and ranges); the bytes are a second request.
 * - The AWS SDK is loaded only when object storage is chosen, so a folder start (the demo) does
 *   not pay for loading it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import {
  checkedName,
  isMediaFileName,
  type ListedFile,
  type MediaFiles,
  type OpenedMedia,
} from './media-files';

export interface S3Settings {
  bucket: string;
  /** Key prefix, empty or ending in '/'. */
  prefix: string;
  /** A non-AWS store's URL (path-style addressing); null for AWS itself. */
  endpoint: string | null;
  region: string;
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

type Sdk = typeof import('@aws-sdk/client-s3');

export async function openS3MediaFiles(settings: S3Settings): Promise<MediaFiles> {
  return new S3MediaFiles(settings, await import('@aws-sdk/client-s3'));
}

class S3MediaFiles implements MediaFiles {
  readonly where: string;
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    private readonly sdk: Sdk,
  ) {
    this.where = `s3://${settings.bucket}/${settings.prefix}`;
    this.client = new sdk.S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
      // A store that does not answer must not hold a request (or GET /api/ready) for long.
      requestHandler: { connectionTimeout: 2000, requestTimeout: 30_000 },
      maxAttempts: 3,
      // Checksums only where S3 requires them: many S3-compatible stores do not understand the
      // SDK's default chunked upload with a trailing checksum and would store its framing.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(fileName: string) {
    return this.settings.prefix + checkedName(fileName);
  }

  async write(id: string, extension: string, body: Buffer | Readable, size: number) {
    const fileName = `${id}.${extension}`;
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.key(fileName),
        Body: body,
        ContentLength: size,
      }),
    );
    return fileName;
  }

  private async size(fileName: string): Promise<number | null> {
    try {
      const head = await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(fileName) }),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async open(fileName: string): Promise<OpenedMedia | null> {
    const size = await this.size(fileName);
    if (size === null) return null;
    const { client, sdk } = this;
    const { bucket } = this.settings;
    const key = this.key(fileName);
    let used = false;
    return {
      size,
      async stream(range) {
        if (used) throw new Error('a media file is streamed once');
        used = true;
        const got = await client.send(
          new sdk.GetObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
          }),
        );
        return got.Body as Readable;
      },
      async close() {
        used = true;
      },
    };
  }

  async *listPages(): AsyncIterable<ListedFile[]> {
    const { bucket, prefix } = this.settings;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ContinuationToken: token,
        }),
      );
      const files: ListedFile[] = [];
      for (const o of page.Contents ?? []) {
        const name = (o.Key ?? '').slice(prefix.length);
        if (!isMediaFileName(name)) continue;
        files.push({
          fileName: name,
          bytes: o.Size ?? 0,
          modifiedMs: o.LastModified?.getTime() ?? Date.now(),
        });
      }
      if (files.length > 0) yield files;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async removeOne(fileName: string): Promise<boolean> {
    if ((await this.size(fileName)) === null) return false;
    await this.client.send(
      new this.sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(fileName) }),
    );
    return true;
  }

  async remove(fileNames: string[]): Promise<void> {
    await Promise.all(
      fileNames.map((f) =>
        this.client
          .send(
            new this.sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(f) }),
          )
          .catch(() => undefined),
      ),
    );
  }

  async check(signal: AbortSignal): Promise<void> {
    await this.client.send(new this.sdk.HeadBucketCommand({ Bucket: this.settings.bucket }), {
      abortSignal: signal,
    });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
