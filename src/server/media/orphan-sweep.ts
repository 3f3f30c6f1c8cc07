/**
 * The orphan sweep: removes files in the media store that no `media` row refers to and that were
 * last written over an hour ago. `orphanSweepJob` runs it when an instance starts and hourly
 * (on one instance at a time: src/server/jobs).
 *
 * Notes
 * - Orphans come from a server that died between writing a report's files and committing its
 *   transaction (media-files.ts); a failed transaction removes its own files (intake.ts).
 * - The hour is what makes it safe beside other instances sharing the store: their uploads in
 *   flight have written files whose rows are not committed yet, but no request lives that long
 *   (requestTimeout is 60 s). Each page of files is listed before the database is asked, so a row
 *   committed meanwhile is seen and its file kept; a page at a time keeps a large store's sweep
 *   in bounded memory.
 * - It runs hourly as well as at start because the orphan of a crash is usually minutes old when
 *   the server comes back, too young to be swept then.
 * - Only files named as media files are considered; anything else in the folder is left alone.
 *   A failing sweep is logged and never stops the app.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../fastify-augment';
import type { Job } from '../jobs/job-runner';
import type { MediaFiles } from './media-files';
import type { MediaRepository } from './media-repository';

/** Files younger than this are never swept, referenced or not. */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;
/** How often the sweep runs again (on one of the instances). */
export const ORPHAN_SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface SweepResult {
  /** Files removed, and the bytes they took. */
  removed: number;
  bytesFreed: number;
  /** Files without a row kept because they are younger than the minimum age. */
  youngOrphans: number;
}

export async function sweepOrphanMedia(
  files: MediaFiles,
  media: Pick<MediaRepository, 'referencedFileNames'>,
  now: Date,
  minAgeMs = ORPHAN_MIN_AGE_MS,
): Promise<SweepResult> {
  const cutoff = now.getTime() - minAgeMs;
  const result: SweepResult = { removed: 0, bytesFreed: 0, youngOrphans: 0 };
  for await (const listed of files.listPages()) {
    const referenced = await media.referencedFileNames(listed.map((f) => f.fileName));
    for (const file of listed) {
      if (referenced.has(file.fileName)) continue;
      if (file.modifiedMs > cutoff) {
        result.youngOrphans++;
        continue;
      }
      if (await files.removeOne(file.fileName)) {
        result.removed++;
        result.bytesFreed += file.bytes;
      }
    }
  }
  return result;
}

/** The sweep as a background job: at every start and hourly; says what it removed. */
export const orphanSweepJob = (app: FastifyInstance): Job => ({
  name: 'media-orphan-sweep',
  everyMs: ORPHAN_SWEEP_EVERY_MS,
  atStart: true,
  async run(now) {
    const r = await sweepOrphanMedia(app.mediaFiles, app.store.media, now);
    if (r.removed > 0) {
      app.log.info(
        { removed: r.removed, bytesFreed: r.bytesFreed },
        `Removed ${r.removed} orphan media files (${r.bytesFreed} bytes freed).`,
      );
    }
  },
});
