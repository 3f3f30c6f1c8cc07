/**
 * Turning checked uploads into what is stored: photos decoded and re-encoded, recordings checked.
 *
 * Notes
 * - Photos are always re-encoded, even when the app already did it (FixMyStreet's rule: the
 *   server checks everything itself): rotated upright from the EXIF orientation, scaled to at most
 *   1920 px on the long edge, written as JPEG with no metadata at all (no EXIF, no GPS, no ICC
 *   profile, no XMP): sharp drops metadata unless asked to keep it.
 * - Decompression bombs: the header is read first (no pixels decoded) and an image of more than
 *   `MAX_INPUT_PIXELS`, or with an edge longer than `MAX_EDGE_PIXELS`, or narrower than
 *   1:`MAX_ASPECT_RATIO`, is refused; sharp's `limitInputPixels` is the second fence. The shape
 *   matters as much as the area: a 1-pixel strip 50 million pixels long is under the area limit
 *   yet takes a core for most of a minute.
 * - Every decode across the server goes through one `DecodeGate` (decode-gate.ts): a few at a
 *   time, a short queue, then 503. Sharp's cache is off and each image uses one thread, so memory
 *   stays flat under load and the thread pool keeps room for file I/O.
 * - Recordings cannot be re-encoded without a codec library; they are checked by structure
 *   (container, audio only, duration, see audio-probe.ts) and kept as sent, less any location
 *   or device metadata in the container (audio-metadata.ts).
 */
import sharp from 'sharp';
import type { Service } from '../../shared/council-config';
import {
  MAX_RECORDING_SECONDS,
  PHOTO_MAX_EDGE,
  PHOTO_QUALITY,
  type MediaKind,
} from '../../shared/media';
import { MEDIA_FIELD } from '../../shared/open311';
import { HttpError, badRequest } from '../http/errors';
import { withoutContainerMetadata } from './audio-metadata';
import { probeAudio } from './audio-probe';
import { DecodeGate } from './decode-gate';
import type { Upload } from './uploads';

sharp.cache(false);
sharp.concurrency(1);

/** About a 48-megapixel camera; larger images are refused before any pixel is decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Panoramas are a few times wider than tall; a longer edge or a thinner strip is refused. */
export const MAX_EDGE_PIXELS = 20_000;
export const MAX_ASPECT_RATIO = 10;
/** The one gate for the whole process (decode-gate.ts). */
const decodes = new DecodeGate();
/** Recorders stop a little after the limit; this much over it is still accepted. */
const DURATION_GRACE_SECONDS = 1.5;

export interface PreparedMedia {
  kind: MediaKind;
  bytes: Buffer;
  contentType: string;
  extension: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  uploadSha256: string;
  uploadBytes: number;
}

/** Reads the header only (no pixels) and refuses an image too large or too thin to decode. */
async function checkPhotoShape(u: Upload): Promise<void> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(u.bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new HttpError(415, [`${MEDIA_FIELD}: ${u.name} could not be read as a photo.`]);
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const size = `${w.toLocaleString('en-GB')} x ${h.toLocaleString('en-GB')} pixels`;
  if (w * h > MAX_INPUT_PIXELS) {
    throw new HttpError(413, [
      `${MEDIA_FIELD}: ${u.name} is ${size}; send a photo of at most ${MAX_INPUT_PIXELS / 1e6} megapixels.`,
    ]);
  }
  if (Math.max(w, h) > MAX_EDGE_PIXELS || Math.max(w, h) > MAX_ASPECT_RATIO * Math.min(w, h)) {
    throw new HttpError(413, [
      `${MEDIA_FIELD}: ${u.name} is ${size}; send a photo at most ${MAX_EDGE_PIXELS.toLocaleString('en-GB')} pixels long and at most ${MAX_ASPECT_RATIO} times as long as it is wide.`,
    ]);
  }
}

async function preparePhoto(u: Upload): Promise<PreparedMedia> {
  try {
    const { data, info } = await sharp(u.bytes, {
      limitInputPixels: MAX_INPUT_PIXELS,
      sequentialRead: true,
      failOn: 'error',
    })
      .rotate()
      .resize(PHOTO_MAX_EDGE, PHOTO_MAX_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: Math.round(PHOTO_QUALITY * 100) })
      .toBuffer({ resolveWithObject: true });
    return {
      kind: 'photo',
      bytes: data,
      contentType: 'image/jpeg',
      extension: 'jpg',
      width: info.width,
      height: info.height,
      durationMs: null,
      uploadSha256: u.sha256,
      uploadBytes: u.bytes.length,
    };
  } catch {
    throw new HttpError(415, [
      `${MEDIA_FIELD}: ${u.name} could not be read as a photo (it is damaged or cut short).`,
    ]);
  }
}

function prepareRecording(u: Upload): PreparedMedia {
  const probe = probeAudio(u.bytes);
  if (!probe.ok) {
    throw new HttpError(415, [
      `${MEDIA_FIELD}: ${u.name} is not a sound recording that can be taken: ${probe.error}. Send MP4 or WebM audio.`,
    ]);
  }
  const seconds = probe.value.durationSeconds;
  if (!(seconds > 0)) throw badRequest(`${MEDIA_FIELD}: ${u.name} has no sound in it.`);
  if (seconds > MAX_RECORDING_SECONDS + DURATION_GRACE_SECONDS) {
    throw badRequest(
      `${MEDIA_FIELD}: ${u.name} is ${Math.round(seconds)} seconds long; a recording may be at most ${MAX_RECORDING_SECONDS} seconds.`,
    );
  }
  return {
    kind: 'recording',
    bytes: withoutContainerMetadata(u.bytes, probe.value.container),
    contentType: probe.value.mime,
    extension: probe.value.container === 'mp4' ? 'm4a' : 'webm',
    width: null,
    height: null,
    durationMs: Math.round(seconds * 1000),
    uploadSha256: u.sha256,
    uploadBytes: u.bytes.length,
  };
}

/** Checks the uploads against the category and prepares them in order; throws a 4xx naming the file. */
export async function prepareMedia(uploads: Upload[], service: Service): Promise<PreparedMedia[]> {
  if (uploads.some((u) => u.kind === 'photo') && !service.media.photos) {
    throw badRequest(`${MEDIA_FIELD}: reports of "${service.service_name}" do not take photos.`);
  }
  if (uploads.some((u) => u.kind === 'recording') && !service.media.recordings) {
    throw badRequest(
      `${MEDIA_FIELD}: reports of "${service.service_name}" do not take sound recordings.`,
    );
  }
  // Every header first: a report with one impossible image is refused before any decode.
  for (const u of uploads) if (u.kind === 'photo') await checkPhotoShape(u);
  const prepared: PreparedMedia[] = [];
  for (const u of uploads) {
    prepared.push(
      u.kind === 'photo' ? await decodes.run(() => preparePhoto(u)) : prepareRecording(u),
    );
  }
  return prepared;
}
