/**
 * The one place privacy work deletes photos and recordings (retention and erasure), through the
 * media module: the rows go first, in a transaction that marks the reports done, then the files.
 * A file whose removal fails is left without a row, and the media module's orphan sweep removes
 * it within the hour.
 */
import type { MediaFiles } from '../media/media-files';
import type { Store } from '../store/store';

/** Deletes the media of these reports; returns how many files there were. */
export async function removeReportMedia(
  store: Store,
  files: MediaFiles,
  reportIds: readonly string[],
  now: Date,
): Promise<number> {
  if (reportIds.length === 0) return 0;
  const fileNames = await store.privacy.deleteMediaRows(reportIds, now);
  await files.remove(fileNames);
  return fileNames.length;
}
