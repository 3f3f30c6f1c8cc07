/**
 * The orphan sweep: removes files in the media folder that no `media` row refers to and that were
 * last written over an hour ago. `startOrphanSweep` runs it when the app starts and then hourly.
 *
 * Notes
 * - Orphans come from a server that died between writing a report's files and committing its
 *   transaction (media-files.ts); a failed transaction removes its own files (intake.ts).
 * - The hour is what makes it safe beside other instances sharing the folder: their uploads in
 *   flight have written files whose rows are not committed yet, but no request lives that long
 *   (requestTimeout is 60 s). The folder is listed before the database is asked, so a row committed
 *   meanwhile is seen and its file kept.
 * - It runs hourly as well as at start because the orphan of a crash is usually minutes old when
 *   the server comes back, too young to be swept then.
 * - Only files named as media files are considered; anything else in the folder is left alone.
 *   A failing sweep is logged and never stops the app.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../fastify-augment';
import type { Store } from '../store/store';
import type { MediaFiles } from './media-files';
import type { MediaRepository } from './media-repository';

/** Files younger than this are never swept, referenced or not. */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;
/** How often a running app sweeps again. */
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
  const listed = await files.list();
  const referenced = await media.referencedFileNames(listed.map((f) => f.fileName));
  const cutoff = now.getTime() - minAgeMs;
  const result: SweepResult = { removed: 0, bytesFreed: 0, youngOrphans: 0 };
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
  return result;
}

/** Sweeps once now (awaited, so start-up logs say what it did) and hourly until the app closes. */
export async function startOrphanSweep(app: FastifyInstance, store: Store): Promise<void> {
  const sweep = async () => {
    try {
      const r = await sweepOrphanMedia(app.mediaFiles, store.media, new Date());
      if (r.removed > 0) {
        app.log.info(
          { removed: r.removed, bytesFreed: r.bytesFreed },
          `Removed ${r.removed} orphan media files (${r.bytesFreed} bytes freed).`,
        );
      }
    } catch (error) {
      app.log.error({ err: error }, 'Could not sweep orphan media files.');
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), ORPHAN_SWEEP_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
