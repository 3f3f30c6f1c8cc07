/**
 * The "photos and recordings" step: what the category asks for (photos, recordings or both), all
 * optional. Everything added is kept on the phone at once (draft-media.ts) and becomes part of
 * the report when it is queued.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatLong } from '../../shared/geo';
import { MAX_PHOTOS } from '../../shared/media';
import { useOutbox } from '../my-reports/outbox-context';
import { PageHeading } from '../router/page';
import { formatCoordinate } from '../report/geolocate';
import { findService } from '../report/draft';
import { StepForm, useStep } from '../report/StepForm';
import {
  addDraftMedia,
  clearDraftMedia,
  importDraftMedia,
  listDraftMedia,
  removeDraftMedia,
  type DraftMediaItem,
} from './draft-media';
import { STEP_MEDIA } from './media-step';
import { PhotoSection } from './PhotoSection';
import { processPhoto } from './process-photo';
import { RecordingSection } from './RecordingSection';
import { recordingExtension, type Clip } from './recorder';
import './media.scss';

/** Where photos were taken (from their EXIF), for this page session only: never stored or sent. */
const photoPlaces = new Map<string, LatLong>();

export function EvidencePage() {
  const { t } = useTranslation();
  const { council, draft, setDraft, back, goNext } = useStep(STEP_MEDIA);
  const service = findService(council, draft.serviceCode);
  const [items, setItems] = useState<DraftMediaItem[] | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [recordingError, setRecordingError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const reload = useCallback(
    () =>
      listDraftMedia(draft.id).then(
        (list) => setItems(list),
        () => setItems([]),
      ),
    [draft.id],
  );
  const { outbox } = useOutbox();
  useEffect(() => {
    void (async () => {
      await clearDraftMedia(draft.id).catch(() => undefined);
      // Fixing a refused report: its photos and recordings come along to be changed.
      if (draft.editing && outbox) {
        const queued = await outbox.getMedia(draft.editing).catch(() => []);
        await importDraftMedia(draft.id, queued).catch(() => undefined);
      }
      await reload();
    })();
  }, [draft.id, draft.editing, outbox, reload]);

  const photos = (items ?? []).filter((i) => i.kind === 'photo');
  const recordings = (items ?? []).filter((i) => i.kind === 'recording');
  const storageMessage = (code: string) =>
    code === 'storage-full' ? t('media.errors.storageFull') : t('media.errors.notSaved');

  const addPhotos = async (files: File[]) => {
    setPhotoError(null);
    const room = MAX_PHOTOS - photos.length;
    const take = files.slice(0, room);
    const problems: string[] = [];
    if (files.length > room) problems.push(t('media.errors.tooMany', { max: MAX_PHOTOS }));
    setBusy(true);
    for (const [i, file] of take.entries()) {
      setStatus(t('media.preparing', { number: i + 1, count: take.length }));
      const r = await processPhoto(file);
      if (!r.ok) {
        problems.push(
          t(`media.errors.${r.error === 'aborted' ? 'unreadable' : r.error}`, { name: file.name }),
        );
        continue;
      }
      const item: DraftMediaItem = {
        id: crypto.randomUUID(),
        draftId: draft.id,
        kind: 'photo',
        bytes: r.value.bytes,
        type: r.value.type,
        name: r.value.name,
        width: r.value.width,
        height: r.value.height,
        createdAt: Date.now(),
      };
      const saved = await addDraftMedia(item);
      if (!saved.ok) {
        problems.push(storageMessage(saved.error));
        break;
      }
      if (r.value.gps) photoPlaces.set(item.id, r.value.gps);
    }
    setBusy(false);
    await reload();
    setStatus(take.length ? t('media.photosReady', { count: photos.length + take.length }) : '');
    if (problems.length) {
      setPhotoError(problems.join(' '));
      setStatus('');
    }
  };

  const addClip = async (clip: Clip) => {
    setRecordingError(null);
    const saved = await addDraftMedia({
      id: crypto.randomUUID(),
      draftId: draft.id,
      kind: 'recording',
      bytes: clip.bytes,
      type: clip.type,
      name: `recording-${recordings.length + 1}.${recordingExtension(clip.type)}`,
      durationMs: clip.durationMs,
      createdAt: Date.now(),
    });
    if (!saved.ok) setRecordingError(storageMessage(saved.error));
    await reload();
  };

  const remove = async (item: DraftMediaItem) => {
    await removeDraftMedia(item.id).catch(() => undefined);
    photoPlaces.delete(item.id);
    setStatus(t(item.kind === 'photo' ? 'media.photoRemoved' : 'media.recordingRemoved'));
    await reload();
  };

  const choosePlace = (place: LatLong) => {
    setDraft({ ...draft, lat: formatCoordinate(place.lat), long: formatCoordinate(place.long) });
    setStatus(t('media.placeFromPhoto'));
  };

  const title =
    service?.media.photos && service.media.recordings
      ? t('media.titleBoth')
      : service?.media.recordings
        ? t('media.titleRecordings')
        : t('media.titlePhotos');
  const errors = [
    ...(photoError ? [{ field: 'photos-input', message: photoError }] : []),
    ...(recordingError ? [{ field: 'recordings', message: recordingError }] : []),
  ];
  return (
    <StepForm
      title={title}
      back={back}
      caption={service?.service_name}
      errors={errors}
      onContinue={() => !busy && goNext(draft)}
    >
      <PageHeading>{title}</PageHeading>
      {items === null ? null : (
        <>
          {service?.media.photos && (
            <PhotoSection
              photos={photos}
              places={photoPlaces}
              error={photoError}
              status={status}
              busy={busy}
              onFiles={(files) => void addPhotos(files)}
              onRemove={(item) => void remove(item)}
              onUsePlace={(_item, place) => choosePlace(place)}
            />
          )}
          {service?.media.recordings && (
            <div id="recordings">
              <RecordingSection
                recordings={recordings}
                error={recordingError}
                onClip={addClip}
                onRemove={(item) => void remove(item)}
              />
            </div>
          )}
        </>
      )}
    </StepForm>
  );
}
