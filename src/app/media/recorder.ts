/**
 * Recording a short sound clip with MediaRecorder.
 *
 * Notes
 * - The microphone is asked for only when the resident presses Record (getUserMedia here), and
 *   every track is stopped when the clip ends, is cancelled or fails, so the browser's
 *   "recording" indicator goes away.
 * - The type is the first the browser supports of audio/mp4 (Safari; also Chromium),
 *   audio/webm;codecs=opus, audio/webm. Data is collected every second, because iOS only hands
 *   it over on stop otherwise; the clip stops by itself at the limit.
 */
import { MAX_RECORDING_SECONDS, RECORDING_TYPES } from '../../shared/media';
import { err, ok, type Result } from '../../shared/result';

export type MicError = 'unsupported' | 'denied' | 'no-microphone' | 'busy' | 'failed';

export interface Clip {
  bytes: ArrayBuffer;
  /** The recorder's type, e.g. "audio/mp4;codecs=opus". */
  type: string;
  durationMs: number;
}

/** The first recording type this browser supports, or null. */
export function pickRecordingType(
  isSupported: (t: string) => boolean = (t) =>
    typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t),
): string | null {
  return RECORDING_TYPES.find((t) => isSupported(t)) ?? null;
}

/** A file name extension for a recording's type. */
export const recordingExtension = (type: string) => (type.startsWith('audio/mp4') ? 'm4a' : 'webm');

function micError(e: unknown): MicError {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-microphone';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

export interface ActiveRecording {
  /** Stops and gives the clip (also what happens at the time limit). */
  stop(): Promise<Result<Clip, MicError>>;
  /** Stops and throws the clip away. */
  cancel(): void;
  /** Resolves with the clip when it ends, by stop() or the time limit. */
  readonly done: Promise<Result<Clip, MicError>>;
}

/** Asks for the microphone and starts recording. */
export async function startRecording(
  maxSeconds = MAX_RECORDING_SECONDS,
): Promise<Result<ActiveRecording, MicError>> {
  const type = pickRecordingType();
  if (!type || !navigator.mediaDevices?.getUserMedia) return err('unsupported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (e) {
    return err(micError(e));
  }
  const release = () => stream.getTracks().forEach((t) => t.stop());
  let recorder: MediaRecorder;
  try {
    recorder = new MediaRecorder(stream, { mimeType: type });
  } catch {
    release();
    return err('unsupported');
  }
  const chunks: Blob[] = [];
  let cancelled = false;
  const started = performance.now();
  recorder.addEventListener('dataavailable', (e) => e.data.size && chunks.push(e.data));
  const done = new Promise<Result<Clip, MicError>>((resolve) => {
    recorder.addEventListener('stop', () => {
      clearTimeout(limit);
      release();
      if (cancelled) return resolve(err('failed'));
      const blob = new Blob(chunks, { type: recorder.mimeType || type });
      const durationMs = Math.min(Math.round(performance.now() - started), maxSeconds * 1000);
      void blob.arrayBuffer().then(
        (bytes) =>
          resolve(bytes.byteLength ? ok({ bytes, type: blob.type, durationMs }) : err('failed')),
        () => resolve(err('failed')),
      );
    });
    recorder.addEventListener('error', () => {
      release();
      resolve(err('failed'));
    });
  });
  const stopNow = () => {
    if (recorder.state !== 'inactive') recorder.stop();
  };
  const limit = setTimeout(stopNow, maxSeconds * 1000);
  try {
    recorder.start(1000);
  } catch {
    clearTimeout(limit);
    release();
    return err('failed');
  }
  return ok({
    done,
    stop: () => {
      stopNow();
      return done;
    },
    cancel: () => {
      cancelled = true;
      stopNow();
      release();
    },
  });
}
