/**
 * The share target: a POST of shared files (multipart, field SHARE_FIELD) to SHARE_TARGET_PATH.
 * The worker keeps the images raw in IndexedDB and answers with a redirect to the category step,
 * so sharing works with no signal: nothing here touches the network. The page shrinks them.
 */
/// <reference lib="WebWorker" />
import {
  SHARE_DB,
  SHARE_FIELD,
  SHARE_KEEP_MAX,
  SHARE_KEY,
  SHARE_LANDING,
  SHARE_STORE,
  SHARE_TARGET_PATH,
  isSharedImage,
  type SharedBatch,
} from '../shared/share';

function openShareDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(SHARE_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(SHARE_STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('share database'));
  });
}

async function keep(batch: SharedBatch): Promise<void> {
  const db = await openShareDb();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(SHARE_STORE, 'readwrite');
      tx.objectStore(SHARE_STORE).put(batch, SHARE_KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('share write'));
      tx.onabort = () => reject(tx.error ?? new Error('share write aborted'));
    });
  } finally {
    db.close();
  }
}

async function receive(request: Request): Promise<Response> {
  let batch: SharedBatch = { files: [], notImages: 0, overflow: 0, at: Date.now() };
  try {
    const form = await request.formData();
    const files = form.getAll(SHARE_FIELD).filter((f): f is File => f instanceof File);
    const images = files.filter((f) => isSharedImage(f.type));
    // Read every file before the transaction opens: an await inside it would close it.
    const kept = await Promise.all(
      images.slice(0, SHARE_KEEP_MAX).map(async (f) => ({
        bytes: await f.arrayBuffer(),
        type: f.type,
        name: f.name,
      })),
    );
    batch = {
      files: kept,
      notImages: files.length - images.length,
      overflow: Math.max(0, images.length - SHARE_KEEP_MAX),
      at: Date.now(),
    };
    await keep(batch);
  } catch {
    // Unreadable form or full storage: the page says nothing could be attached.
    await keep({ ...batch, files: [] }).catch(() => undefined);
  }
  return Response.redirect(new URL(SHARE_LANDING, self.location.origin).href, 303);
}

export function registerShareTarget(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (
      event.request.method === 'POST' &&
      url.origin === sw.location.origin &&
      url.pathname === SHARE_TARGET_PATH
    ) {
      event.respondWith(receive(event.request));
    }
  });
}
