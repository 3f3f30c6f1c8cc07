/**
 * Photos and recordings: the limits the phone and the server both apply (the phone so that a
 * report it queues is one the server takes; the server because it trusts nothing).
 */

/** At most this many photos per report. */
export const MAX_PHOTOS = 5;
/** At most this many recordings per report (categories with `media.recordings`). */
export const MAX_RECORDINGS = 3;
/** A recording is at most this long. */
export const MAX_RECORDING_SECONDS = 30;
/** Photos are scaled to at most this many pixels on the long edge. */
export const PHOTO_MAX_EDGE = 1920;
/** JPEG quality of re-encoded photos (0..1). */
export const PHOTO_QUALITY = 0.8;

/** Image types a resident may pick (HEIC only where the browser itself can decode it). */
export const PHOTO_ACCEPT = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

/**
 * MediaRecorder types in order of preference: Safari records audio/mp4; Chromium and Firefox
 * record WebM/Opus (Chromium also MP4). The server accepts the MP4 and WebM containers.
 */
export const RECORDING_TYPES = ['audio/mp4', 'audio/webm;codecs=opus', 'audio/webm'] as const;

export type MediaKind = 'photo' | 'recording';
