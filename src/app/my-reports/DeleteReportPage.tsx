/** "Are you sure?" before a report leaves the phone (GOV.UK: confirm destructive actions). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../components/BackLink';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link, navigate } from '../router/router';
import { isSubscribed, residentTarget, unsubscribeReport } from '../push/push-client';
import { useOutbox } from './outbox-context';

export function DeleteReportPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { outbox, records, loaded } = useOutbox();
  const [busy, setBusy] = useState(false);
  const record = records.find((r) => r.id === id);
  useDocumentTitle(t('deleteReport.title'));
  if (!loaded) return null;

  const remove = async () => {
    if (!outbox || busy) return;
    setBusy(true);
    // The report's secret leaves with it, so stop its notifications first (best effort: offline,
    // the council keeps the subscription and the phone shows the report as no longer here).
    const target = record?.reference ? residentTarget({ id, reference: record.reference }) : null;
    if (target && isSubscribed(target)) await unsubscribeReport(target);
    await outbox.remove(id);
    navigate('/reports?deleted=1', { replace: true });
  };
  return (
    <>
      <BackLink to="/reports" />
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <PageHeading>{t('deleteReport.title')}</PageHeading>
            {!record ? (
              <p className="govuk-body">{t('deleteReport.notFound')}</p>
            ) : (
              <>
                <p className="govuk-body">
                  <strong>{record.summary.serviceName}</strong>
                </p>
                <p className="govuk-body">
                  {record.state === 'sent'
                    ? t('deleteReport.sent', { reference: record.reference ?? '' })
                    : t('deleteReport.unsent')}
                </p>
                <div className="govuk-button-group">
                  <button
                    type="button"
                    className="govuk-button govuk-button--warning"
                    onClick={() => void remove()}
                    disabled={busy || record.state === 'sending'}
                  >
                    {t('deleteReport.confirm')}
                  </button>
                  <Link to="/reports" className="govuk-link">
                    {t('deleteReport.cancel')}
                  </Link>
                </div>
              </>
            )}
          </div>
        </div>
      </main>
    </>
  );
}
