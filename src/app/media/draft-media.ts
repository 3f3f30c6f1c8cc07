/**
 * Photos and recordings of the report being written, kept on the phone (IndexedDB) until the
 * report is queued, so they survive the app being closed.
 *
 * Notes
 * - Its own small database beside the outbox's: the draft itself is saved on every keystroke and
 *   must stay small, while these are hundreds of kilobytes each and change rarely.
 * - Bytes are stored as ArrayBuffer with their type and name (not Blobs: Safari has lost Blobs
 *   in IndexedDB). Records read back are checked; a damaged one is dropped.
 * - When the report is queued, the items become the outbox's media records (same bytes) and are
 *   deleted here; items of older drafts are removed when a step opens for a new draft.
 * - Fixing a report the council refused: its media are copied here from the outbox once (the
 *   `imports` store remembers that), so they can be removed or added to, and the whole set goes
 *   back with the corrected report.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import type { MediaKind } from '../../shared/media';
import { err, ok, type Result } from '../../shared/result';

export const DRAFT_MEDIA_DB = 'neighbourhood-reporter-draft-media';
const STORE = 'items';
const IMPORTS = 'imports';
const BY_DRAFT = 'by-draft';

const ItemSchema = z.object({
  id: z.string().min(1),
  draftId: z.string().min(1),
  kind: z.enum(['photo', 'recording']),
  bytes: z.custom<ArrayBuffer>((v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]'),
  type: z.string(),
  name: z.string(),
  createdAt: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  durationMs: z.number().optional(),
});
export type DraftMediaItem = z.infer<typeof ItemSchema> & { kind: MediaKind };

let dbPromise: Promise<IDBPDatabase> | null = null;
function db(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(DRAFT_MEDIA_DB, 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        const store = d.createObjectStore(STORE, { keyPath: 'id' });
        store.createIndex(BY_DRAFT, 'draftId');
      }
      if (oldVersion < 2) d.createObjectStore(IMPORTS);
    },
    blocking() {
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  });
  dbPromise.catch(() => (dbPromise = null));
  return dbPromise;
}

/** The draft's items, oldest first. */
export async function listDraftMedia(draftId: string): Promise<DraftMediaItem[]> {
  const raw = await (await db()).getAllFromIndex(STORE, BY_DRAFT, draftId);
  return raw
    .map((r) => ItemSchema.safeParse(r))
    .filter((r) => r.success)
    .map((r) => r.data)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Saves one item; 'storage-full' when the phone has no room left. */
export async function addDraftMedia(item: DraftMediaItem): Promise<Result<void>> {
  try {
    await (await db()).put(STORE, item);
    return ok(undefined);
  } catch (e) {
    const name = (e as { name?: string } | null)?.name ?? 'Error';
    return err(name === 'QuotaExceededError' ? 'storage-full' : `storage-error: ${name}`);
  }
}

export async function removeDraftMedia(id: string): Promise<void> {
  await (await db()).delete(STORE, id);
}

/** Deletes every item not belonging to `keepDraftId` (or all, with none). */
export async function clearDraftMedia(keepDraftId?: string): Promise<void> {
  const d = await db();
  const tx = d.transaction([STORE, IMPORTS], 'readwrite');
  let cursor = await tx.objectStore(STORE).openCursor();
  while (cursor) {
    if ((cursor.value as { draftId?: string }).draftId !== keepDraftId) await cursor.delete();
    cursor = await cursor.continue();
  }
  for (const key of await tx.objectStore(IMPORTS).getAllKeys()) {
    if (key !== keepDraftId) await tx.objectStore(IMPORTS).delete(key);
  }
  await tx.done;
}

/** Copies a refused report's media (from the outbox) into the draft, once per draft. */
export async function importDraftMedia(
  draftId: string,
  media: Array<{ bytes: ArrayBuffer; type: string; name: string }>,
): Promise<void> {
  const d = await db();
  const tx = d.transaction([STORE, IMPORTS], 'readwrite');
  if ((await tx.objectStore(IMPORTS).get(draftId)) === undefined) {
    const now = Date.now();
    for (const [i, m] of media.entries()) {
      await tx.objectStore(STORE).put({
        id: crypto.randomUUID(),
        draftId,
        kind: m.type.startsWith('audio/') ? 'recording' : 'photo',
        bytes: m.bytes,
        type: m.type,
        name: m.name,
        createdAt: now + i,
      });
    }
    await tx.objectStore(IMPORTS).put(true, draftId);
  }
  await tx.done;
}

/** The media of a draft fixing a refused report, once imported; null: unchanged, keep the queued ones. */
export async function editedMedia(draftId: string) {
  const imported = (await (await db()).get(IMPORTS, draftId)) !== undefined;
  return imported ? asMediaInputs(await listDraftMedia(draftId)) : null;
}

/** The items as the outbox takes them ({bytes, type, name}). */
export const asMediaInputs = (items: DraftMediaItem[]) =>
  items.map(({ bytes, type, name }) => ({ bytes, type, name }));
