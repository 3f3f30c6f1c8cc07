/**
 * Sharing photos into the app (the manifest's `share_target`): the service worker takes the POST,
 * keeps the raw files in IndexedDB and sends the resident to the category step; the page then puts
 * them through the photo pipeline (shrunk, metadata removed) and attaches them to the report.
 *
 * Notes
 * - The files are kept raw because shrinking needs a canvas the service worker may not have; they
 *   live only until the page opens (moments), then only the processed copies remain.
 * - Bytes are stored as ArrayBuffer with type and name (Safari has lost Blobs in IndexedDB).
 */
export const SHARE_TARGET_PATH = '/share-target';
export const SHARE_FIELD = 'photos';
/** Where the share lands: the first step of a report, told there are shared photos. */
export const SHARE_LANDING = '/report/category?shared=1';
export const SHARE_DB = 'neighbourhood-reporter-shared';
export const SHARE_STORE = 'incoming';
export const SHARE_KEY = 'current';
/** More files than this are not even kept (a report takes MAX_PHOTOS; the rest are counted). */
export const SHARE_KEEP_MAX = 10;

export interface SharedFile {
  bytes: ArrayBuffer;
  type: string;
  name: string;
}

export interface SharedBatch {
  files: SharedFile[];
  /** Files shared that were not images (left out). */
  notImages: number;
  /** Images shared beyond SHARE_KEEP_MAX (left out). */
  overflow: number;
  at: number;
}

export const isSharedImage = (type: string) => /^image\/(jpeg|png|webp|heic|heif)$/.test(type);
