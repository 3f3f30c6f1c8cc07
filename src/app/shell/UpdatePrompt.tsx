/**
 * "A new version is available: Reload". The service worker waits (registerType 'prompt') until
 * the resident chooses to reload. If another tab takes the new version while this one is in the
 * middle of a report, this tab does not reload by itself: it keeps offering the reload.
 */
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';

const HOUR_MS = 60 * 60 * 1000;

/** True while the resident is writing a report (the page must not reload under them). */
export function isWritingReport(path: string = window.location.pathname): boolean {
  return path.startsWith('/report/') && !path.startsWith('/report/sent/');
}

export function UpdatePrompt() {
  const { t } = useTranslation();
  const asked = useRef(false);
  const onRegisteredSW = useCallback((_url: string, r: ServiceWorkerRegistration | undefined) => {
    if (!r) return;
    setInterval(() => {
      if (navigator.onLine && !r.installing) void r.update().catch(() => undefined);
    }, HOUR_MS);
  }, []);
  const onNeedReload = useCallback(() => {
    if (asked.current || !isWritingReport()) window.location.reload();
  }, []);
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({ onRegisteredSW, onNeedReload });

  if (!needRefresh) return null;
  const reload = () => {
    asked.current = true;
    void updateServiceWorker(true);
  };
  return (
    <div className="app-status-bar" role="status">
      <div className="govuk-width-container app-status-bar__inner">
        <p className="govuk-body govuk-!-margin-bottom-0">{t('update.available')}</p>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={reload}>
          {t('update.reload')}
        </button>
      </div>
    </div>
  );
}
