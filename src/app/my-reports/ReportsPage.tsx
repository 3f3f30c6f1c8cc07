/**
 * "Reports on this phone": every report the outbox holds, its state in words, Send now, and
 * delete (with a confirmation page). Records that could not be read are counted, never hidden.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCouncil } from '../council/council-context';
import type { OutboxRecord } from '../outbox/schema';
import { draftFromSubmission } from '../report/draft';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link, navigate, useLocation } from '../router/router';
import { useOutbox } from './outbox-context';
import { stateWords, TAG_CLASS, tagWords } from './state-words';
import { useOnline } from './use-online';
import { CaseReviewBanner } from '../case-review/CaseReviewBanner';
import { CouncilStatus } from './CouncilStatus';
import { useReportStatuses, type ReportStatuses } from './use-report-statuses';

/** "22 Nov 2026, 18:30": the app's English is British English ('en' alone formats US-style). */
export function formatWhen(iso: string, lng: string): string {
  const locale = lng === 'en' ? 'en-GB' : lng;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

function ReportCard({ record, statuses }: { record: OutboxRecord; statuses?: ReportStatuses }) {
  const { t, i18n } = useTranslation();
  const council = useCouncil();
  const { outbox } = useOutbox();
  const fix = async () => {
    if (!outbox) return;
    await outbox.saveDraft(draftFromSubmission(council, record.id, record.report));
    navigate('/report/check');
  };
  return (
    <section className="app-report-card" aria-labelledby={`report-${record.id}`}>
      <h2 className="govuk-heading-m govuk-!-margin-bottom-2" id={`report-${record.id}`}>
        {record.summary.serviceName}
      </h2>
      <p className="govuk-body govuk-!-margin-bottom-2">
        <strong className={`govuk-tag ${TAG_CLASS[record.state]}`}>
          {tagWords(t, record.state)}
        </strong>
      </p>
      <p className="govuk-body" data-testid="report-state">
        {stateWords(t, record)}
      </p>
      {record.state === 'sent' && statuses && (
        <CouncilStatus
          record={record}
          entry={statuses.entries[record.id]}
          error={statuses.errors[record.id]}
        />
      )}
      <dl className="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-4">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('reports.saved')}</dt>
          <dd className="govuk-summary-list__value">
            {formatWhen(record.createdAt, i18n.language)}
          </dd>
        </div>
        {record.sentAt && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('reports.sent')}</dt>
            <dd className="govuk-summary-list__value">
              {formatWhen(record.sentAt, i18n.language)}
            </dd>
          </div>
        )}
        {record.report.address_string && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('reports.where')}</dt>
            <dd className="govuk-summary-list__value">{record.report.address_string}</dd>
          </div>
        )}
      </dl>
      <div className="app-report-card__actions govuk-body">
        {record.state === 'needs-attention' && (
          <button type="button" className="govuk-button" onClick={() => void fix()}>
            {t('reports.fix')}
            <span className="govuk-visually-hidden"> {record.summary.serviceName}</span>
          </button>
        )}
        {record.state !== 'sending' && (
          <Link to={`/reports/${record.id}/delete`} className="govuk-link app-link-warning">
            {record.state === 'sent' ? t('reports.remove') : t('reports.delete')}
            <span className="govuk-visually-hidden"> {record.summary.serviceName}</span>
          </Link>
        )}
      </div>
    </section>
  );
}

export function ReportsPage() {
  const { t } = useTranslation();
  const { outbox, records, corrupt, failed, loaded } = useOutbox();
  const online = useOnline();
  const { search } = useLocation();
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  useDocumentTitle(t('reports.title'));

  const waiting = records.filter((r) => r.state === 'queued' || r.state === 'sending').length;
  const sendNow = async () => {
    if (!outbox || sending) return;
    setSending(true);
    setResult(null);
    const r = await outbox.drain({ force: true });
    setSending(false);
    setResult(
      r.sent.length > 0
        ? t('reports.sendResult.sent', { count: r.sent.length })
        : online
          ? t('reports.sendResult.notYet')
          : t('reports.sendResult.offline'),
    );
  };
  const sorted = [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const statuses = useReportStatuses(records);
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {search.get('deleted') === '1' && (
            <div
              className="govuk-notification-banner govuk-notification-banner--success"
              role="status"
            >
              <div className="govuk-notification-banner__header">
                <h2 className="govuk-notification-banner__title">{t('reports.doneTitle')}</h2>
              </div>
              <div className="govuk-notification-banner__content">
                <p className="govuk-notification-banner__heading">{t('reports.deleted')}</p>
              </div>
            </div>
          )}
          <PageHeading>{t('reports.title')}</PageHeading>
          <CaseReviewBanner records={records} />
          {failed && <p className="govuk-body">{t('reports.noStorage')}</p>}
          {/* No offline notice here: the app-wide bar says it, once (OfflineBar). */}
          {corrupt.length > 0 && (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">{t('common.warning')}</span>
                {t('reports.corrupt', { count: corrupt.length })}
              </strong>
            </div>
          )}
          {loaded && !failed && records.length === 0 && (
            <p className="govuk-body">{t('reports.none')}</p>
          )}
          {waiting > 0 && (
            <div className="govuk-!-margin-bottom-6">
              <p className="govuk-body">{t('reports.waiting', { count: waiting })}</p>
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                onClick={() => void sendNow()}
                disabled={sending}
                aria-disabled={sending}
              >
                {sending ? t('reports.sending') : t('reports.sendNow')}
              </button>
            </div>
          )}
          {/* Outside the block above: once everything is sent the block goes, the answer stays. */}
          <div aria-live="polite">{result && <p className="govuk-body">{result}</p>}</div>
          {sorted.map((r) => (
            <ReportCard key={r.id} record={r} statuses={statuses} />
          ))}
          <p className="govuk-body">
            <Link to="/report/category" className="govuk-link">
              {t('reports.startNew')}
            </Link>
          </p>
        </div>
      </div>
    </main>
  );
}
