/**
 * On the category step after photos were shared into the app: attaches them to the report being
 * written (take-shared.ts) and says what happened, including what was left out and why.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS } from '../../shared/media';
import { takeSharedPhotos, type ShareOutcome } from './take-shared';

/** One take per page load (a re-run effect must not find the batch gone and say "nothing"). */
let taking: Promise<ShareOutcome | null> | null = null;

const wasShared = () => new URLSearchParams(window.location.search).has('shared');
const noSubscription = () => () => {};

export function SharedPhotosNotice({ draftId }: { draftId: string }) {
  const { t } = useTranslation();
  // undefined until the take is done; null when there was nothing to take.
  const [outcome, setOutcome] = useState<ShareOutcome | null | undefined>(undefined);
  // The server renders this step too (no window, no share there): false while hydrating.
  const shared = useSyncExternalStore(noSubscription, wasShared, () => false);
  const working = shared && outcome === undefined;

  useEffect(() => {
    if (!shared) return;
    let live = true;
    taking ??= takeSharedPhotos(draftId).catch(() => ({
      attached: 0,
      tooMany: 0,
      notImages: 0,
      failed: 1,
    }));
    void taking.then((o) => {
      if (live) setOutcome(o);
    });
    return () => {
      live = false;
    };
  }, [draftId, shared]);

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
