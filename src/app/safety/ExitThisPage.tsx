/**
 * "Exit this page" (GOV.UK pattern) on every page of a sensitive flow: the button, or Shift
 * pressed three times, hides the page at once, deletes the unsent draft from the phone and
 * replaces the page with a neutral site (council setting `safety.exitUrl`) without adding to the
 * history, so Back does not come back to the form.
 *
 * Notes
 * - The button is a real link to the neutral site, so it works even before scripts run.
 * - Deleting the draft waits at most EXIT_WAIT_MS: leaving fast matters more than anything else.
 */
import { useCallback, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_EXIT_URL } from '../../shared/council-config';
import { useCouncil } from '../council/council-context';
import { useOutbox } from '../my-reports/outbox-context';
import { useOptionalFlow } from '../report/flow-context';
import { SHIFT_PRESSES, useShiftExit } from './use-shift-exit';
import './safety.scss';

const EXIT_WAIT_MS = 1000;
const HIDE_CLASS = 'govuk-exit-this-page-hide-content';

/** Covers the page straight away, so nothing stays on screen while the next site loads. */
function hidePage(): void {
  document.body.classList.add(HIDE_CLASS);
  const overlay = document.createElement('div');
  overlay.className = 'govuk-exit-this-page-overlay';
  document.body.appendChild(overlay);
  document.title = '\u00a0';
}

export function ExitThisPage({
  onExit,
}: {
  /** More to forget before leaving (centre mode signs out and drops its key); awaited like the draft. */
  onExit?: () => unknown;
} = {}) {
  const { t } = useTranslation();
  const council = useCouncil();
  const flow = useOptionalFlow();
  const { outbox } = useOutbox();
  const leaving = useRef(false);
  // `?.`: a configuration cached by an older app may not have the setting yet.
  const url = council.safety?.exitUrl ?? DEFAULT_EXIT_URL;

  const exit = useCallback(() => {
    if (leaving.current) return;
    leaving.current = true;
    hidePage();
    const discard = Promise.all([
      flow ? flow.discard() : (outbox?.clearDraft() ?? Promise.resolve()),
      Promise.resolve(onExit?.()),
    ]);
    const wait = new Promise((r) => setTimeout(r, EXIT_WAIT_MS));
    void Promise.race([discard.catch(() => undefined), wait]).then(() =>
      window.location.replace(url),
    );
  }, [flow, outbox, url, onExit]);

  const { presses, expired } = useShiftExit(exit);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    exit();
  };
  const left = SHIFT_PRESSES - presses;

  return (
    <div className="govuk-exit-this-page app-exit-this-page">
      <a
        href={url}
        role="button"
        draggable={false}
        rel="nofollow noreferrer"
        className="govuk-button govuk-button--warning govuk-exit-this-page__button"
        onClick={onClick}
      >
        <span className="govuk-visually-hidden">{t('safety.exit.emergency')} </span>
        {t('safety.exit.button')}
      </a>
      <div
        className={`govuk-exit-this-page__indicator${presses > 0 ? ' govuk-exit-this-page__indicator--visible' : ''}`}
        aria-hidden="true"
      >
        {Array.from({ length: SHIFT_PRESSES }, (_, i) => (
          <span
            key={i}
            className={`govuk-exit-this-page__indicator-light${i < presses ? ' govuk-exit-this-page__indicator-light--on' : ''}`}
          />
        ))}
      </div>
      <div className="govuk-visually-hidden" aria-live="polite">
        {presses > 0 && left > 0
          ? t('safety.exit.pressesLeft', { count: left })
          : expired
            ? t('safety.exit.expired')
            : ''}
      </div>
    </div>
  );
}
