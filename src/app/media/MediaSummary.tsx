/** The "Photos and recordings" answer on check answers: how many of each will be sent. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listDraftMedia, type DraftMediaItem } from './draft-media';

export function MediaSummary({ draftId }: { draftId: string }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<DraftMediaItem[] | null>(null);
  useEffect(() => {
    let live = true;
    void listDraftMedia(draftId).then(
      (list) => live && setItems(list),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [draftId]);
  if (!items) return null;
  const photos = items.filter((i) => i.kind === 'photo').length;
  const recordings = items.length - photos;
  const parts = [
    photos ? t('media.checkPhotos', { count: photos }) : null,
    recordings ? t('media.checkRecordings', { count: recordings }) : null,
  ].filter(Boolean);
  return (
    <span data-testid="media-summary">
      {parts.length ? parts.join(', ') : <span className="govuk-hint">{t('media.checkNone')}</span>}
    </span>
  );
}
