/**
 * Shrinking one photo: decode with the camera's orientation applied, scale to at most
 * `PHOTO_MAX_EDGE` on the long edge, re-encode as JPEG. Re-encoding keeps only pixels, so EXIF
 * (camera, time, GPS) is gone. Runs in the photo worker, or on the page where a browser has no
 * OffscreenCanvas in workers.
 */
import { PHOTO_MAX_EDGE, PHOTO_QUALITY } from '../../shared/media';

export interface Compressed {
  bytes: ArrayBuffer;
  type: 'image/jpeg';
  width: number;
  height: number;
}

export type CompressError = 'unreadable' | 'not-jpeg';

interface Surface {
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  toJpeg(quality: number): Promise<Blob | null>;
}

/** An OffscreenCanvas, or a DOM canvas on the page when there is none. */
export function makeSurface(width: number, height: number): Surface | null {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    return { context, toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
  }
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  return {
    context,
    toJpeg: (quality) => new Promise((r) => canvas.toBlob(r, 'image/jpeg', quality)),
  };
}

/** The scaled size: the long edge at most `maxEdge`, never enlarged. */
export function scaledSize(width: number, height: number, maxEdge = PHOTO_MAX_EDGE) {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export async function compressPhoto(
  blob: Blob,
  maxEdge = PHOTO_MAX_EDGE,
  quality = PHOTO_QUALITY,
): Promise<{ ok: true; value: Compressed } | { ok: false; error: CompressError }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, error: 'unreadable' };
  }
  try {
    const { width, height } = scaledSize(bitmap.width, bitmap.height, maxEdge);
    const surface = makeSurface(width, height);
    if (!surface) return { ok: false, error: 'unreadable' };
    const { context } = surface;
    // Transparent areas (PNG, WebP) become white, not JPEG's black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const out = await surface.toJpeg(quality);
    // Some browsers silently fall back to PNG when they cannot encode JPEG.
    if (!out || out.type !== 'image/jpeg') return { ok: false, error: 'not-jpeg' };
    return {
      ok: true,
      value: { bytes: await out.arrayBuffer(), type: 'image/jpeg', width, height },
    };
  } finally {
    bitmap.close();
  }
}
