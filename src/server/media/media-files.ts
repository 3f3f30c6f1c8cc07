/**
 * Where photos and recordings are kept: one small interface with two implementations, a local
 * folder (DATA_DIR/media, the default: media-folder.ts) and S3-compatible object storage
 * (MEDIA_S3_BUCKET: media-s3.ts). Everything that writes, reads, lists or deletes media goes
 * through `app.mediaFiles`, so both work the same everywhere.
 *
 * Notes
 * - Files are written before the report's transaction and removed again if it fails, so a crash
 *   between the two can leave an orphan file but never a database row without its file. Orphans
 *   are swept by a background job (orphan-sweep.ts), using `listPages` and `removeOne`.
 * - Files are served by streaming, a byte range at a time when asked, so a 20 MB recording is
 *   never held in memory whole, whichever store holds it.
 * - Files are written once under a fresh random name and never changed, so the media id and the
 *   size make a strong ETag (media-routes.ts) that is the same from every instance and store.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { FolderMediaFiles } from './media-folder';
import { openS3MediaFiles, type S3Settings } from './media-s3';

/** A media id: 128 random bits, URL-safe. */
export const newMediaId = () => randomBytes(16).toString('base64url');
const SAFE_NAME = /^[A-Za-z0-9_-]{22}\.[a-z0-9]{2,5}$/;

/** True for a name this app gives media files (anything else in the store is left alone). */
export const isMediaFileName = (name: string) => SAFE_NAME.test(name);

export function checkedName(fileName: string): string {
  if (!SAFE_NAME.test(fileName)) throw new Error(`not a media file name: ${fileName}`);
  return fileName;
}

/** A stored file opened for serving: its size, and its bytes once, whole or a range. */
export interface OpenedMedia {
  size: number;
  /** The bytes from `start` to `end` inclusive (default all). */
  stream(range?: { start: number; end: number }): Promise<Readable>;
  /** Lets go of the file without reading it (not needed after `stream`). */
  close(): Promise<void>;
}

/** A stored file with a media file's name, as `listPages` finds it. */
export interface ListedFile {
  fileName: string;
  bytes: number;
  modifiedMs: number;
}

export interface MediaFiles {
  /** Where the files are, for logs and the readiness check ("folder /srv/media", "s3://b/p"). */
  readonly where: string;
  /** Writes new bytes (`size` of them) under a fresh name made of the id; returns the name. */
  write(id: string, extension: string, body: Buffer | Readable, size: number): Promise<string>;
  /** Opens a file for streaming; null when it is not there. */
  open(fileName: string): Promise<OpenedMedia | null>;
  /** Every file named as a media file, a page at a time (the orphan sweep). */
  listPages(): AsyncIterable<ListedFile[]>;
  /** Removes one file; true when it was there and is now gone. */
  removeOne(fileName: string): Promise<boolean>;
  /** Removes files, ignoring those already gone. */
  remove(fileNames: string[]): Promise<void>;
  /** Throws unless the store can be read and written to now (GET /api/ready). */
  check(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export type MediaSettings = { kind: 'folder'; dir: string } | ({ kind: 's3' } & S3Settings);

export async function openMediaFiles(settings: MediaSettings): Promise<MediaFiles> {
  return settings.kind === 's3' ? openS3MediaFiles(settings) : new FolderMediaFiles(settings.dir);
}

/** A whole stored file's bytes (restore drills and tests; serving always streams). */
export async function readWhole(files: MediaFiles, fileName: string): Promise<Buffer | null> {
  const opened = await files.open(fileName);
  if (!opened) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await opened.stream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every stored file in one list (retention and rights tests, restore drills; small stores only). */
export async function listAll(files: MediaFiles): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  for await (const page of files.listPages()) out.push(...page);
  return out;
}
