/**
 * The page's side of the share target: takes the files the service worker kept (raw) once, puts
 * each through the photo pipeline (shrunk, re-encoded, no metadata) and attaches it to the report
 * being written, then forgets the raw files.
 */
import { MAX_PHOTOS } from '../../shared/media';
import {
  SHARE_DB,
  SHARE_KEY,
  SHARE_STORE,
  type SharedBatch,
  type SharedFile,
} from '../../shared/share';
import { addDraftMedia, listDraftMedia } from '../media/draft-media';
import { processPhoto } from '../media/process-photo';

export interface ShareOutcome {
  attached: number;
  /** Images left out because the report was full. */
  tooMany: number;
  notImages: number;
  /** Images the pipeline could not read, or storage refused. */
  failed: number;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('share database'));
  });
}

/** Reads and deletes the kept batch in one transaction; null when there is none. */
async function takeBatch(): Promise<SharedBatch | null> {
  const open = indexedDB.open(SHARE_DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(SHARE_STORE);
  const db = await request(open);
  try {
    const tx = db.transaction(SHARE_STORE, 'readwrite');
    const store = tx.objectStore(SHARE_STORE);
    const batch = (await request(store.get(SHARE_KEY))) as SharedBatch | undefined;
    store.delete(SHARE_KEY);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('share read'));
    });
    return batch ?? null;
  } finally {
    db.close();
  }
}

const asFile = (f: SharedFile) => new File([f.bytes], f.name || 'photo', { type: f.type });

/** Attaches shared photos to the draft; null when nothing was shared. */
export async function takeSharedPhotos(draftId: string): Promise<ShareOutcome | null> {
  const batch = await takeBatch();
  if (!batch) return null;
  const present = (await listDraftMedia(draftId)).filter((i) => i.kind === 'photo').length;
  const room = Math.max(0, MAX_PHOTOS - present);
  const outcome: ShareOutcome = {
    attached: 0,
    tooMany: Math.max(0, batch.files.length - room) + batch.overflow,
    notImages: batch.notImages,
    failed: 0,
  };
  for (const shared of batch.files.slice(0, room)) {
    const r = await processPhoto(asFile(shared));
    if (!r.ok) {
      outcome.failed++;
      continue;
    }
    const saved = await addDraftMedia({
      id: crypto.randomUUID(),
      draftId,
      kind: 'photo',
      bytes: r.value.bytes,
      type: r.value.type,
      name: r.value.name,
      width: r.value.width,
      height: r.value.height,
      createdAt: Date.now(),
    });
    if (saved.ok) outcome.attached++;
    else outcome.failed++;
  }
  return outcome;
}
