import { useTranslation } from 'react-i18next';
import { useOnline } from '../my-reports/use-online';

/**
 * Says plainly when the phone is offline, and that reports are kept and sent later. It is the one
 * place that says "You are offline": pages below it say only what being offline means for them.
 */
export function OfflineBar() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <div role="status">
      {!online && (
        <div className="app-status-bar" data-testid="offline-indicator">
          <div className="govuk-width-container">
            <p className="govuk-body govuk-!-margin-bottom-0">
              <strong>{t('offline.title')}</strong> {t('offline.body')}
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
