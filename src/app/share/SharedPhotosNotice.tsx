/**
 * On the category step after photos were shared into the app: attaches them to the report being
 * written (take-shared.ts) and says what happened, including what was left out and why.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS } from '../../shared/media';
import { takeSharedPhotos, type ShareOutcome } from './take-shared';

/** One take per page load (a re-run effect must not find the batch gone and say "nothing"). */
let taking: Promise<ShareOutcome | null> | null = null;

const wasShared = () => new URLSearchParams(window.location.search).has('shared');

export function SharedPhotosNotice({ draftId }: { draftId: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ShareOutcome | null>(null);
  const [working, setWorking] = useState(wasShared);

  useEffect(() => {
    if (!wasShared()) return;
    let live = true;
    taking ??= takeSharedPhotos(draftId).catch(() => ({
      attached: 0,
      tooMany: 0,
      notImages: 0,
      failed: 1,
    }));
    void taking.then((o) => {
      if (!live) return;
      setWorking(false);
      setOutcome(o);
    });
    return () => {
      live = false;
    };
  }, [draftId]);

  if (!working && !outcome) return null;
  const lines: string[] = [];
  if (outcome) {
    if (outcome.attached > 0) lines.push(t('share.attached', { number: outcome.attached }));
    if (outcome.tooMany > 0) lines.push(t('share.tooMany', { max: MAX_PHOTOS }));
    if (outcome.notImages > 0) lines.push(t('share.notImage', { number: outcome.notImages }));
    if (outcome.failed > 0) lines.push(t('share.failed', { number: outcome.failed }));
    if (outcome.attached === 0) lines.push(t('share.nothing'));
  }
  return (
    <div className="govuk-inset-text" role="status" data-testid="shared-photos">
      {working ? (
        <p className="govuk-body">{t('share.working')}</p>
      ) : (
        lines.map((line) => (
          <p className="govuk-body" key={line}>
            {line}
          </p>
        ))
      )}
    </div>
  );
}
