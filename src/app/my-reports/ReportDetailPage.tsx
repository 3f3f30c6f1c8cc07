/**
 * One report this phone sent, as the council last described it: status, expected response,
 * every update with the officer's notes (newest first), a refresh, and the satisfaction survey
 * once the report is closed. Readable offline from the last refresh.
 *
 * Notes
 * - The history is the shared UpdateTimeline (also on reporting centres' report page), so the
 *   two read and behave the same.
 */
import { useTranslation } from 'react-i18next';
import { isClosed } from '../../shared/statuses';
import { BackLink } from '../components/BackLink';
import { PushOptIn } from '../push/PushOptIn';
import { residentTarget } from '../push/push-client';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';
import { formatDay, formatWhen } from './format-when';
import { useOutbox } from './outbox-context';
import { STATUS_TAG_CLASS, statusWords } from './status-words';
import { UpdateTimeline } from './UpdateTimeline';
import { useOnline } from './use-online';
import { useReportStatuses } from './use-report-statuses';
import './council-status.scss';

export function ReportDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { records, loaded } = useOutbox();
  const online = useOnline();
  // By its record id, or by its reference (a push notification knows only the reference).
  const record = records.find((r) => r.id === id || (r.reference !== null && r.reference === id));
  const statuses = useReportStatuses(record ? [record] : []);
  useDocumentTitle(record ? record.summary.serviceName : t('reportDetail.notFoundTitle'));
  if (!loaded || !statuses.loaded) return null;

  if (!record || record.state !== 'sent' || !record.reference) {
    return (
      <>
        <BackLink to="/reports" />
        <main className="govuk-main-wrapper" id="main-content">
          <PageHeading>{t('reportDetail.notFoundTitle')}</PageHeading>
          <p className="govuk-body">{t('reportDetail.notFound')}</p>
        </main>
      </>
    );
  }
  const entry = statuses.entries[record.id];
  const error = statuses.errors[record.id];
  const view = entry?.view;
  const lng = i18n.language;
  return (
    <>
      <BackLink to="/reports" />
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">
              {t('reportDetail.reference', { reference: record.reference })}
            </span>
            <PageHeading>{record.summary.serviceName}</PageHeading>
            {!online && <div className="govuk-inset-text">{t('reportDetail.offline')}</div>}
            {online && error && error !== 'offline' && (
              <div className="govuk-inset-text">{t('reportDetail.refreshFailed')}</div>
            )}
            {!view ? (
              <p className="govuk-body">{t('councilStatus.notChecked')}</p>
            ) : (
              <>
                <dl className="govuk-summary-list">
                  <div className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">{t('reportDetail.status')}</dt>
                    <dd className="govuk-summary-list__value">
                      <strong className={`govuk-tag ${STATUS_TAG_CLASS[view.extended_status]}`}>
                        {statusWords(t, view.extended_status)}
                      </strong>
                    </dd>
                  </div>
                  <div className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">{t('reportDetail.sent')}</dt>
                    <dd className="govuk-summary-list__value">
                      {formatWhen(view.requested_datetime, lng)}
                    </dd>
                  </div>
                  {view.expected_datetime && view.extended_status === 'open' && (
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">{t('reportDetail.expected')}</dt>
                      <dd className="govuk-summary-list__value">
                        {formatDay(view.expected_datetime, lng)}
                      </dd>
                    </div>
                  )}
                  <div className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">{t('reportDetail.checked')}</dt>
                    <dd className="govuk-summary-list__value">
                      {formatWhen(entry.fetchedAt, lng)}
                    </dd>
                  </div>
                </dl>
                {isClosed(view.extended_status) &&
                  (entry.surveyAnswered ? (
                    <p className="govuk-body">{t('reportDetail.surveyThanks')}</p>
                  ) : (
                    <div className="govuk-inset-text">
                      <p className="govuk-body">{t('reportDetail.surveyInvite')}</p>
                      <Link
                        to={`/survey/${record.id}`}
                        className="govuk-button govuk-!-margin-bottom-0"
                      >
                        {t('reportDetail.surveyStart')}
                      </Link>
                    </div>
                  ))}
                <h2 className="govuk-heading-m">{t('reportDetail.historyHeading')}</h2>
                <UpdateTimeline updates={view.updates ?? []} empty={t('reportDetail.noUpdates')} />
              </>
            )}
            {online && (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => void statuses.refresh()}
                disabled={statuses.refreshing}
                aria-disabled={statuses.refreshing}
              >
                {statuses.refreshing ? t('reportDetail.refreshing') : t('reportDetail.refresh')}
              </button>
            )}
            <div aria-live="polite" className="govuk-visually-hidden">
              {statuses.refreshing ? t('reportDetail.refreshing') : ''}
            </div>
            <PushOptIn report={residentTarget({ id: record.id, reference: record.reference })} />
          </div>
        </div>
      </main>
    </>
  );
}
