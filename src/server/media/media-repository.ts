/**
 * The media table (migration 010): one row per stored photo or recording of a report, in the order
 * they were sent. Rows are inserted inside the report's transaction (kysely-store.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { MediaKind } from '../../shared/media';
import type { Database } from '../store/schema';
import { isoFromDb } from '../store/rows';

export interface MediaTable {
  id: string;
  report_id: string;
  position: number;
  kind: string;
  content_type: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  /** sha256 of the bytes as the phone sent them (photos are stored re-encoded). */
  upload_sha256: string;
  upload_bytes: number;
  file_name: string;
  created_at: string;
}

export interface StoredMedia {
  id: string;
  reportId: string;
  position: number;
  kind: MediaKind;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  uploadSha256: string;
  uploadBytes: number;
  fileName: string;
  createdAt: string;
}

/** A row to insert with a new report (its id is the report's, known inside the transaction). */
export type NewMedia = Omit<StoredMedia, 'reportId'>;

export interface MediaRepository {
  findById(id: string): Promise<StoredMedia | null>;
  /** The media of each report, in the order sent (reports without any are absent). */
  listForReports(reportIds: string[]): Promise<Map<string, StoredMedia[]>>;
  /** Which of these file names a `media` row refers to (the orphan sweep keeps those). */
  referencedFileNames(fileNames: string[]): Promise<Set<string>>;
}

/** File names asked about per query (well under SQLite's and PostgreSQL's parameter limits). */
const NAMES_PER_QUERY = 500;

const fromRow = (r: MediaTable): StoredMedia => ({
  id: r.id,
  reportId: r.report_id,
  position: Number(r.position),
  kind: r.kind === 'recording' ? 'recording' : 'photo',
  contentType: r.content_type,
  byteSize: Number(r.byte_size),
  width: r.width === null ? null : Number(r.width),
  height: r.height === null ? null : Number(r.height),
  durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
  uploadSha256: r.upload_sha256,
  uploadBytes: Number(r.upload_bytes),
  fileName: r.file_name,
  createdAt: isoFromDb(r.created_at),
});

/** Inserts a new report's media rows (called inside its transaction). */
export async function insertMedia(
  trx: Transaction<Database>,
  reportId: string,
  media: NewMedia[],
): Promise<void> {
  if (media.length === 0) return;
  await trx
    .insertInto('media')
    .values(
      media.map((m) => ({
        id: m.id,
        report_id: reportId,
        position: m.position,
        kind: m.kind,
        content_type: m.contentType,
        byte_size: m.byteSize,
        width: m.width,
        height: m.height,
        duration_ms: m.durationMs,
        upload_sha256: m.uploadSha256,
        upload_bytes: m.uploadBytes,
        file_name: m.fileName,
        created_at: m.createdAt,
      })),
    )
    .execute();
}

export function mediaRepository(db: Kysely<Database>): MediaRepository {
  return {
    async findById(id) {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : null;
    },
    async listForReports(reportIds) {
      const out = new Map<string, StoredMedia[]>();
      if (reportIds.length === 0) return out;
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .where('report_id', 'in', reportIds)
        .orderBy('report_id')
        .orderBy('position')
        .execute();
      for (const row of rows) {
        const m = fromRow(row);
        out.set(m.reportId, [...(out.get(m.reportId) ?? []), m]);
      }
      return out;
    },
    async referencedFileNames(fileNames) {
      const found = new Set<string>();
      for (let i = 0; i < fileNames.length; i += NAMES_PER_QUERY) {
        const rows = await db
          .selectFrom('media')
          .select('file_name')
          .where('file_name', 'in', fileNames.slice(i, i + NAMES_PER_QUERY))
          .execute();
        for (const r of rows) found.add(r.file_name);
      }
      return found;
    },
  };
}
