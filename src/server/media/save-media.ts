/**
 * A report's media from upload to disk: prepare (decode, re-encode, check), then write each file
 * under a fresh random name in the media store (media-files.ts), giving the rows to insert with the report. `discardMedia` removes
 * the files again when the report is not stored after all.
 */
import type { Service } from '../../shared/council-config';
import type { MediaFiles } from './media-files';
import { newMediaId } from './media-files';
import type { NewMedia } from './media-repository';
import { prepareMedia } from './prepare';
import type { Upload } from './uploads';

export async function saveMedia(
  files: MediaFiles,
  uploads: Upload[],
  service: Service,
  now: Date,
): Promise<NewMedia[]> {
  if (uploads.length === 0) return [];
  const prepared = await prepareMedia(uploads, service);
  const rows: NewMedia[] = [];
  try {
    for (const [position, p] of prepared.entries()) {
      const id = newMediaId();
      const fileName = await files.write(id, p.extension, p.bytes, p.bytes.length);
      rows.push({
        id,
        position,
        kind: p.kind,
        contentType: p.contentType,
        byteSize: p.bytes.length,
        width: p.width,
        height: p.height,
        durationMs: p.durationMs,
        uploadSha256: p.uploadSha256,
        uploadBytes: p.uploadBytes,
        fileName,
        createdAt: now.toISOString(),
      });
    }
  } catch (error) {
    await discardMedia(files, rows);
    throw error;
  }
  return rows;
}

export const discardMedia = (files: MediaFiles, rows: NewMedia[]) =>
  files.remove(rows.map((r) => r.fileName));
