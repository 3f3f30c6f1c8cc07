/**
 * Preparing a photo the resident picked: read its EXIF position from the original bytes (kept in
 * memory only, used only if the resident asks), then shrink and re-encode it in the photo worker,
 * which strips every bit of metadata.
 *
 * Notes
 * - One worker for the page, started on the first photo. Where workers cannot draw
 *   (no OffscreenCanvas) the same code runs on the page.
 * - HEIC: Safari decodes it (and iOS usually hands over JPEG anyway); Chrome and Firefox cannot,
 *   which becomes the 'heic' error with its own message.
 */
import type { LatLong } from '../../shared/geo';
import { err, ok, type Result } from '../../shared/result';
import { compressPhoto, type Compressed, type CompressError } from './compress';
import { EXIF_HEAD_BYTES, readExifGps } from './exif-gps';

export interface ProcessedPhoto extends Compressed {
  name: string;
  /** Where the camera says it was taken (from the original's EXIF), or null. */
  gps: LatLong | null;
  /** Time spent shrinking, in ms. */
  ms: number;
}

export type PhotoError = 'heic' | 'unreadable' | 'not-image' | 'aborted';

/** The User Timing measure of each photo's shrinking. */
export const PHOTO_MEASURE = 'photo-compress';

type Outcome = { ok: true; value: Compressed } | { ok: false; error: CompressError };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (o: Outcome) => void>();

function photoWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return null;
  try {
    worker = new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  worker.addEventListener('message', (e: MessageEvent<{ id: number; result: Outcome }>) => {
    waiting.get(e.data.id)?.(e.data.result);
    waiting.delete(e.data.id);
  });
  worker.addEventListener('error', () => {
    for (const done of waiting.values()) done({ ok: false, error: 'unreadable' });
    waiting.clear();
    worker?.terminate();
    worker = null;
  });
  return worker;
}

function compressOffMainThread(file: Blob): Promise<Outcome> {
  const w = photoWorker();
  if (!w) return compressPhoto(file);
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ id, file });
  });
}

const isHeic = (f: File) => /^image\/hei[cf]/.test(f.type) || /\.hei[cf]$/i.test(f.name);

/** A photo ready for the outbox (JPEG, at most 1920 px, no metadata), or why not. */
export async function processPhoto(
  file: File,
  signal?: AbortSignal,
): Promise<Result<ProcessedPhoto, PhotoError>> {
  if (file.type && !file.type.startsWith('image/')) return err('not-image');
  const started = performance.now();
  let gps: LatLong | null = null;
  try {
    gps = readExifGps(await file.slice(0, EXIF_HEAD_BYTES).arrayBuffer());
  } catch {
    gps = null;
  }
  const compressStart = performance.now();
  const out = await compressOffMainThread(file);
  // User Timing: how long shrinking took (the benchmark reads it; so can any profiler).
  performance.measure?.(PHOTO_MEASURE, { start: compressStart, end: performance.now() });
  if (signal?.aborted) return err('aborted');
  if (!out.ok) return err(isHeic(file) ? 'heic' : 'unreadable');
  const base = file.name.replace(/\.[^.]*$/, '').slice(0, 80) || 'photo';
  return ok({
    ...out.value,
    name: `${base}.jpg`,
    gps,
    ms: Math.round(performance.now() - started),
  });
}
