/**
 * The seam for the media pipeline. `readFormFields` hands every multipart file part to a
 * `MediaSink`; the pipeline that checks real types by content, re-encodes images, strips metadata
 * and stores them outside the web root will implement it (and feed the bytes into the
 * idempotency hash). Until then, file parts are refused with a clear 400.
 */
import type { MultipartFile } from '@fastify/multipart';
import { badRequest } from '../http/errors';

export interface MediaSink {
  /** Takes one file part (consuming its stream) or throws an HttpError saying why not. */
  accept(part: MultipartFile): Promise<void>;
}

export const MEDIA_NOT_YET_ACCEPTED =
  'Photos and recordings cannot be uploaded yet: media uploads arrive in a later version. Send the report without files.';

/** Refuses every file part. */
export const noMediaYet: MediaSink = {
  async accept(part) {
    part.file.resume();
    throw badRequest(`${part.fieldname.slice(0, 80)}: ${MEDIA_NOT_YET_ACCEPTED}`);
  },
};
