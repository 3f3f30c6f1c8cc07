/**
 * Photos of the problem: take or choose up to 5, each shrunk on the phone (no camera details or
 * place left in it), shown with a preview and a Remove button; a photo that recorded where it was
 * taken offers "Use this photo's location".
 *
 * Notes
 * - Also the centre flow's photos section, which gives its own hint (a shared tablet, not the
 *   resident's phone).
 */
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatLong } from '../../shared/geo';
import { MAX_PHOTOS, PHOTO_ACCEPT } from '../../shared/media';
import type { DraftMediaItem } from './draft-media';
import { useObjectUrl } from './use-object-url';

export interface PhotoSectionProps {
  photos: DraftMediaItem[];
  /** Positions read from the originals' EXIF, by item id (memory only). */
  places: ReadonlyMap<string, LatLong>;
  error: string | null;
  status: string;
  busy: boolean;
  onFiles: (files: File[]) => void;
  onRemove: (item: DraftMediaItem) => void;
  onUsePlace: (item: DraftMediaItem, place: LatLong) => void;
  /** The hint under the heading; the resident flow's ("on your phone") when not given. */
  hint?: string;
}

function PhotoItem({
  item,
  index,
  place,
  onRemove,
  onUsePlace,
}: {
  item: DraftMediaItem;
  index: number;
  place: LatLong | undefined;
  onRemove: () => void;
  onUsePlace: (p: LatLong) => void;
}) {
  const { t } = useTranslation();
  const url = useObjectUrl(item.bytes, item.type);
  const n = index + 1;
  return (
    <li className="app-media-item" data-testid="photo-item">
      {url && (
        <img
          className="app-media-item__preview"
          src={url}
          alt={t('media.photoAlt', { number: n, name: item.name })}
          width={item.width}
          height={item.height}
        />
      )}
      <div className="app-media-item__actions">
        <p className="govuk-body govuk-!-margin-bottom-2">
          {t('media.photoLabel', { number: n })}
          <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
            {t('media.photoSize', { kb: Math.max(1, Math.round(item.bytes.byteLength / 1024)) })}
          </span>
        </p>
        {place && (
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
            onClick={() => onUsePlace(place)}
          >
            {t('media.usePhotoLocation')}
            <span className="govuk-visually-hidden"> {t('media.photoLabel', { number: n })}</span>
          </button>
        )}
        <button
          type="button"
          className="govuk-button govuk-button--warning govuk-!-margin-bottom-2"
          onClick={onRemove}
        >
          {t('media.removePhoto', { number: n })}
        </button>
      </div>
    </li>
  );
}

export function PhotoSection(p: PhotoSectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputId = `photos-input`;
  const [inputKey, setInputKey] = useState(0);
  const full = p.photos.length >= MAX_PHOTOS;
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    setInputKey((k) => k + 1); // the same file can be chosen again after removing it
    if (files.length) p.onFiles(files);
  };
  return (
    <div className={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <h2 className="govuk-heading-m">{t('media.photosHeading')}</h2>
      <div id={`${id}-hint`} className="govuk-hint">
        {p.hint ?? t('media.photosHint', { max: MAX_PHOTOS })}
      </div>
      {p.error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">{t('errors.prefix')}</span> {p.error}
        </p>
      )}
      {!full && (
        <>
          <label className="govuk-label govuk-label--s" htmlFor={inputId}>
            {p.photos.length ? t('media.addAnotherPhoto') : t('media.addPhotos')}
          </label>
          <input
            key={inputKey}
            id={inputId}
            className={`govuk-file-upload${p.error ? ' govuk-file-upload--error' : ''}`}
            type="file"
            accept={PHOTO_ACCEPT.join(',')}
            multiple
            disabled={p.busy}
            aria-describedby={`${id}-hint${p.error ? ` ${id}-error` : ''}`}
            onChange={onChange}
          />
        </>
      )}
      {full && <p className="govuk-body">{t('media.photosFull', { max: MAX_PHOTOS })}</p>}
      <div
        aria-live="polite"
        className="govuk-body govuk-!-margin-top-2"
        data-testid="photo-status"
      >
        {p.status}
      </div>
      {p.photos.length > 0 && (
        <ul className="app-media-list" aria-label={t('media.photosListLabel')}>
          {p.photos.map((item, i) => (
            <PhotoItem
              key={item.id}
              item={item}
              index={i}
              place={p.places.get(item.id)}
              onRemove={() => p.onRemove(item)}
              onUsePlace={(place) => p.onUsePlace(item, place)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
