/**
 * The seam between reading a multipart body and the media pipeline: `readFormFields` hands every
 * file part to a `MediaSink`. The intake route gives it an `UploadCollector` (uploads.ts), which
 * checks sizes, counts and real types as the parts arrive; decoding and storing come after the
 * Idempotency-Key is claimed (intake.ts).
 */
import type { MultipartFile } from '@fastify/multipart';

export interface MediaSink {
  /** Takes one file part (consuming its stream) or throws an HttpError saying why not. */
  accept(part: MultipartFile): Promise<void>;
}
