/**
 * Sound recordings (categories with `media.recordings`, e.g. noise): up to 3 clips of at most
 * 30 seconds, each with a player and a Remove button. The microphone is asked for only from the
 * Start recording button; a refusal explains how to allow it.
 *
 * Notes
 * - Also the centre flow's recordings section, which gives its own hint (a shared tablet).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RECORDING_SECONDS, MAX_RECORDINGS } from '../../shared/media';
import type { DraftMediaItem } from './draft-media';
import { startRecording, type ActiveRecording, type Clip, type MicError } from './recorder';
import { useObjectUrl } from './use-object-url';

export interface RecordingSectionProps {
  recordings: DraftMediaItem[];
  error: string | null;
  onClip: (clip: Clip) => Promise<void>;
  onRemove: (item: DraftMediaItem) => void;
  /** The hint under the heading; the resident flow's ("your phone") when not given. */
  hint?: string;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

function RecordingItem({
  item,
  index,
  onRemove,
}: {
  item: DraftMediaItem;
  index: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const url = useObjectUrl(item.bytes, item.type);
  const label = t('media.recordingLabel', {
    number: index + 1,
    seconds: seconds(item.durationMs ?? 0),
  });
  return (
    <li className="app-media-item" data-testid="recording-item">
      <p className="govuk-body govuk-!-margin-bottom-2">{label}</p>
      {url && <audio controls preload="metadata" src={url} aria-label={label} />}
      <button
        type="button"
        className="govuk-button govuk-button--warning govuk-!-margin-top-2 govuk-!-margin-bottom-2"
        onClick={onRemove}
      >
        {t('media.removeRecording', { number: index + 1 })}
      </button>
    </li>
  );
}

export function RecordingSection(p: RecordingSectionProps) {
  const { t } = useTranslation();
  const [active, setActive] = useState<ActiveRecording | null>(null);
  const [starting, setStarting] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [micError, setMicError] = useState<MicError | null>(null);
  const [announce, setAnnounce] = useState('');
  const current = useRef<ActiveRecording | null>(null);
  const full = p.recordings.length >= MAX_RECORDINGS;

  // Leaving the page mid-recording throws the clip away and frees the microphone.
  useEffect(() => () => current.current?.cancel(), []);

  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const tick = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(tick);
  }, [active]);

  const start = async () => {
    setStarting(true);
    setMicError(null);
    const r = await startRecording(MAX_RECORDING_SECONDS);
    setStarting(false);
    if (!r.ok) {
      setMicError(r.error);
      return;
    }
    current.current = r.value;
    setElapsed(0);
    setActive(r.value);
    setAnnounce(t('media.recordingStarted', { max: MAX_RECORDING_SECONDS }));
    const clip = await r.value.done;
    current.current = null;
    setActive(null);
    if (clip.ok) {
      await p.onClip(clip.value);
      setAnnounce(t('media.recordingSaved', { seconds: seconds(clip.value.durationMs) }));
    } else setMicError(clip.error);
  };

  const remaining = Math.max(0, MAX_RECORDING_SECONDS - elapsed);
  return (
    <div className={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <h2 className="govuk-heading-m">{t('media.recordingsHeading')}</h2>
      <div className="govuk-hint">
        {p.hint ??
          t('media.recordingsHint', { max: MAX_RECORDINGS, seconds: MAX_RECORDING_SECONDS })}
      </div>
      {p.error && (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">{t('errors.prefix')}</span> {p.error}
        </p>
      )}
      {micError && (
        <div className="govuk-inset-text" id="mic-error" data-testid="mic-error">
          <p className="govuk-body govuk-!-font-weight-bold">{t(`media.micErrors.${micError}`)}</p>
          {micError === 'denied' && (
            <p className="govuk-body govuk-!-margin-bottom-0">{t('media.micAllowHow')}</p>
          )}
        </div>
      )}
      {active ? (
        <>
          <p className="govuk-body" data-testid="recording-timer">
            {t('media.recordingNow', { remaining })}
          </p>
          <button type="button" className="govuk-button" onClick={() => void active.stop()}>
            {t('media.stopRecording')}
          </button>
        </>
      ) : full ? (
        <p className="govuk-body">{t('media.recordingsFull', { max: MAX_RECORDINGS })}</p>
      ) : (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => void start()}
          disabled={starting}
          aria-disabled={starting}
        >
          {p.recordings.length ? t('media.recordAnother') : t('media.startRecording')}
        </button>
      )}
      <div aria-live="polite" className="govuk-visually-hidden">
        {announce}
      </div>
      {p.recordings.length > 0 && (
        <ul className="app-media-list" aria-label={t('media.recordingsListLabel')}>
          {p.recordings.map((item, i) => (
            <RecordingItem key={item.id} item={item} index={i} onRemove={() => p.onRemove(item)} />
          ))}
        </ul>
      )}
    </div>
  );
}
