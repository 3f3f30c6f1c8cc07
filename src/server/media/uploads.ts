/**
 * Collecting the photos and recordings of one request while its multipart body is read: each
 * file part is read into memory (within limits), hashed, and its real type taken from its content.
 *
 * Notes
 * - One collector per request (`MediaSink` for `readFormFields`); nothing is kept between requests.
 * - The type is what the bytes are (file-type), never the part's file name or declared type.
 * - Limits are checked while reading, so a 30 MB file is refused after at most `MAX_FILE_BYTES`
 *   have been held, and a sixth photo before its bytes are kept.
 * - Nothing is decoded or written here: that happens after the Idempotency-Key is claimed (the
 *   hashes here feed the request hash), see `prepare.ts`.
 */
import { createHash } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { MAX_PHOTOS, MAX_RECORDINGS, type MediaKind } from '../../shared/media';
import { MEDIA_FIELD } from '../../shared/open311';
import { HttpError, badRequest } from '../http/errors';
import type { MediaSink } from './media-sink';

/** One file part may be at most this large (a camera's original photo fits). */
export const MAX_FILE_BYTES = 12 * 1024 * 1024;
/** All the files of one report together. */
export const MAX_TOTAL_BYTES = 40 * 1024 * 1024;
/** Busboy's own ceiling on file parts; the counts below answer first with a clearer message. */
export const MAX_FILE_PARTS = 20;

const MB = 1024 * 1024;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const RECORDING_TYPES = new Set([
  'video/mp4',
  'audio/mp4',
  'audio/x-m4a',
  'audio/m4a',
  'video/webm',
  'audio/webm',
]);
const HEIC_TYPES = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/avif']);

export interface Upload {
  kind: MediaKind;
  bytes: Buffer;
  /** sha256 (hex) of the bytes as uploaded. */
  sha256: string;
  /** What file-type found. */
  detected: string;
  /** The part's file name, for messages only (never trusted, never stored as a path). */
  name: string;
}

export const shortName = (name: string | undefined) => {
  const clean = [...(name ?? '')]
    .filter((c) => c >= ' ' && c !== '"' && c !== '\\')
    .join('')
    .slice(0, 60);
  return clean ? `"${clean}"` : 'a file';
};

const tooLarge = (what: string) => new HttpError(413, [what]);
const unsupported = (what: string) => new HttpError(415, [what]);

/** Collects the file parts of one request. */
export class UploadCollector implements MediaSink {
  readonly uploads: Upload[] = [];
  private total = 0;

  count(kind: MediaKind): number {
    return this.uploads.filter((u) => u.kind === kind).length;
  }

  async accept(part: MultipartFile): Promise<void> {
    const name = shortName(part.filename);
    if (part.fieldname !== MEDIA_FIELD) {
      part.file.resume();
      throw badRequest(
        `${part.fieldname.slice(0, 80)}: send photos and recordings as file parts named "${MEDIA_FIELD}".`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      this.total += chunk.length;
      if (size > MAX_FILE_BYTES || part.file.truncated) {
        throw tooLarge(
          `${MEDIA_FIELD}: ${name} is larger than ${MAX_FILE_BYTES / MB} MB; send a smaller photo or a shorter recording.`,
        );
      }
      if (this.total > MAX_TOTAL_BYTES) {
        throw tooLarge(
          `${MEDIA_FIELD}: the photos and recordings together are larger than ${MAX_TOTAL_BYTES / MB} MB.`,
        );
      }
      chunks.push(chunk);
    }
    if (part.file.truncated) {
      throw tooLarge(`${MEDIA_FIELD}: ${name} is larger than ${MAX_FILE_BYTES / MB} MB.`);
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.length === 0) throw badRequest(`${MEDIA_FIELD}: ${name} is empty.`);
    const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
    const detected = type?.mime ?? 'unknown';
    const kind: MediaKind | null = PHOTO_TYPES.has(detected)
      ? 'photo'
      : RECORDING_TYPES.has(detected)
        ? 'recording'
        : null;
    if (!kind) {
      if (HEIC_TYPES.has(detected)) {
        throw unsupported(
          `${MEDIA_FIELD}: ${name} is a HEIC/AVIF photo, which cannot be taken; send it as JPEG, PNG or WebP.`,
        );
      }
      throw unsupported(
        `${MEDIA_FIELD}: ${name} is not a photo (JPEG, PNG or WebP) or a recording (MP4 or WebM audio)${
          type ? `; its content is ${detected}` : ''
        }.`,
      );
    }
    if (kind === 'photo' && this.count('photo') >= MAX_PHOTOS) {
      throw badRequest(`${MEDIA_FIELD}: at most ${MAX_PHOTOS} photos may be sent with a report.`);
    }
    if (kind === 'recording' && this.count('recording') >= MAX_RECORDINGS) {
      throw badRequest(
        `${MEDIA_FIELD}: at most ${MAX_RECORDINGS} recordings may be sent with a report.`,
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.uploads.push({ kind, bytes, sha256, detected, name });
  }
}
