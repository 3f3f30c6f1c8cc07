/**
 * Reading and writing outbox records, with validation on every read.
 *
 * Notes
 * - Every read goes through zod. A value that fails is moved, in the same transaction, to the
 *   quarantine store with the reason, so the resident (and a developer) can still see it; the
 *   caller learns how many were moved so it can tell listeners.
 * - Reads that may quarantine use readwrite transactions; they are short and IndexedDB runs
 *   them one after another, which also makes "read then claim" atomic across tabs.
 */
import {
  MEDIA,
  MEDIA_BY_REPORT,
  MediaRecordSchema,
  OutboxRecordSchema,
  QUARANTINE,
  QuarantineRecordSchema,
  REPORTS,
  describeProblem,
  type MediaInput,
  type MediaRecord,
  type OutboxRecord,
} from './schema';
import { quarantineEntry, type RwTx } from './db';

export interface Corrupt {
  /** Quarantine key, `${store}:${original key}`; pass to discardCorrupt. */
  key: string;
  /** What was wrong, e.g. `report.service_code: is required`. */
  problem: string;
  store: string;
  quarantinedAt: string;
}

/** All valid report records; invalid ones are quarantined. */
export async function readReports(
  tx: RwTx,
  now: () => number,
): Promise<{ records: OutboxRecord[]; quarantined: number }> {
  const store = tx.objectStore(REPORTS);
  const keys = await store.getAllKeys();
  const values = await store.getAll();
  const records: OutboxRecord[] = [];
  let quarantined = 0;
  for (let i = 0; i < keys.length; i++) {
    const parsed = OutboxRecordSchema.safeParse(values[i]);
    if (parsed.success) records.push(parsed.data);
    else {
      await moveToQuarantine(tx, REPORTS, keys[i]!, values[i], describeProblem(parsed.error), now);
      quarantined++;
    }
  }
  return { records, quarantined };
}

/** One valid report record or null (missing, or just quarantined: see `quarantined`). */
export async function readReport(
  tx: RwTx,
  id: string,
  now: () => number,
): Promise<{ record: OutboxRecord | null; quarantined: number }> {
  const value = await tx.objectStore(REPORTS).get(id);
  if (value === undefined) return { record: null, quarantined: 0 };
  const parsed = OutboxRecordSchema.safeParse(value);
  if (parsed.success) return { record: parsed.data, quarantined: 0 };
  await moveToQuarantine(tx, REPORTS, id, value, describeProblem(parsed.error), now);
  return { record: null, quarantined: 1 };
}

/** A report's media in the order of `mediaIds`, plus the ids that are missing or unreadable. */
export async function readMedia(
  tx: RwTx,
  record: OutboxRecord,
  now: () => number,
): Promise<{ media: MediaInput[]; missing: string[]; quarantined: number }> {
  const values = await tx.objectStore(MEDIA).index(MEDIA_BY_REPORT).getAll(record.id);
  const byId = new Map<string, MediaRecord>();
  let quarantined = 0;
  for (const value of values) {
    const parsed = MediaRecordSchema.safeParse(value);
    if (parsed.success) byId.set(parsed.data.id, parsed.data);
    else {
      const key = String((value as { id?: unknown } | null)?.id ?? '');
      await moveToQuarantine(tx, MEDIA, key, value, describeProblem(parsed.error), now);
      quarantined++;
    }
  }
  const media: MediaInput[] = [];
  const missing: string[] = [];
  for (const id of record.mediaIds) {
    const m = byId.get(id);
    if (m) media.push({ bytes: m.bytes, type: m.type, name: m.name });
    else missing.push(id);
  }
  return { media, missing, quarantined };
}

/** Writes a report's media records (ids `${reportId}:${index}`), replacing any it had. */
export async function writeMedia(
  tx: RwTx,
  reportId: string,
  media: MediaInput[],
): Promise<string[]> {
  await deleteMedia(tx, reportId);
  const ids: string[] = [];
  const store = tx.objectStore(MEDIA);
  for (const [i, m] of media.entries()) {
    const record: MediaRecord = { id: `${reportId}:${i}`, reportId, ...pickMedia(m) };
    await store.put(record);
    ids.push(record.id);
  }
  return ids;
}

export async function deleteMedia(tx: RwTx, reportId: string): Promise<void> {
  const store = tx.objectStore(MEDIA);
  const keys = await store.index(MEDIA_BY_REPORT).getAllKeys(reportId);
  for (const key of keys) await store.delete(key);
}

/** Everything in quarantine, newest first. */
export async function readQuarantine(tx: RwTx): Promise<Corrupt[]> {
  const store = tx.objectStore(QUARANTINE);
  const keys = await store.getAllKeys();
  const values = await store.getAll();
  return keys
    .map((key, i): Corrupt => {
      const q = QuarantineRecordSchema.safeParse(values[i]);
      return q.success
        ? { key, problem: q.data.problem, store: q.data.store, quarantinedAt: q.data.quarantinedAt }
        : { key, problem: 'unreadable quarantine entry', store: 'quarantine', quarantinedAt: '' };
    })
    .sort((a, b) => b.quarantinedAt.localeCompare(a.quarantinedAt));
}

export async function moveToQuarantine(
  tx: RwTx,
  store: 'reports' | 'media' | 'draft',
  key: string,
  value: unknown,
  problem: string,
  now: () => number,
): Promise<void> {
  await tx.objectStore(QUARANTINE).put(quarantineEntry(store, key, value, problem, now));
  await tx.objectStore(store).delete(key);
}

/** Copies only the three fields (a File or extra properties must not reach storage). */
function pickMedia(m: MediaInput): MediaInput {
  return { bytes: m.bytes, type: m.type, name: m.name };
}
