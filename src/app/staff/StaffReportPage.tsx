/**
 * One report as staff see it: what, where, when, priority and due date, the resident's answers
 * (question and answer as the council configured them), contact details, photos and recordings,
 * the history of updates, its legal hold (set by admins), and the form to post the next one.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceRequestView } from '../../shared/open311';
import { effectiveAttributes } from '../../shared/risk';
import { BackLink } from '../components/BackLink';
import { useCouncil } from '../council/council-context';
import { formatDay, formatWhen } from '../my-reports/format-when';
import { STATUS_TAG_CLASS, statusWords } from '../my-reports/status-words';
import { UpdateTimeline } from '../my-reports/UpdateTimeline';
import { PageHeading, useDocumentTitle } from '../router/page';
import { FiledByCentre } from '../centre/FiledByCentre';
import { LegalHold } from './LegalHold';
import { PriorityTag } from './priority';
import { report, type ApiError } from './staff-api';
import { UpdateForm } from './UpdateForm';

function SummaryRow({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{k}</dt>
      <dd className="govuk-summary-list__value">{v}</dd>
    </div>
  );
}

export function StaffReportPage({
  reference,
  isAdmin,
  onSignedOut,
}: {
  reference: string;
  isAdmin: boolean;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const council = useCouncil();
  const [view, setView] = useState<ServiceRequestView | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [posted, setPosted] = useState(false);
  useDocumentTitle(
    view
      ? t('staff.report.title', { reference: view.service_request_id })
      : t('staff.report.loading'),
  );

  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void report(reference).then((r) => {
      if (!live) return;
      if (r.ok) {
        setView(r.value);
        setFailed(null);
      } else if (r.error.kind === 'signed-out') onSignedOut();
      else setFailed(r.error);
    });
    return () => {
      live = false;
    };
  }, [reference, onSignedOut, version]);

  const lng = i18n.language;
  if (failed) {
    return (
      <>
        <BackLink to="/staff" />
        <main className="govuk-main-wrapper" id="main-content">
          <PageHeading>{t('staff.report.notFoundTitle')}</PageHeading>
          <p className="govuk-body">
            {failed.kind === 'refused' && failed.status === 404
              ? t('staff.report.notFound', { reference })
              : failed.kind === 'offline'
                ? t('staff.offline')
                : t('staff.failed')}
          </p>
        </main>
      </>
    );
  }
  if (!view) return null;
  const service = council.services.find((s) => s.service_code === view.service_code);
  const questions = service ? effectiveAttributes(council, service) : [];
  const answers = Object.entries(view.attributes ?? {});
  const answerText = (code: string, value: string | string[]) => {
    const q = questions.find((a) => a.code === code);
    const name = (v: string) => q?.values?.find((x) => x.key === v)?.name ?? v;
    return Array.isArray(value) ? value.map(name).join(', ') : name(value);
  };
  const contact = [view.first_name, view.last_name].filter(Boolean).join(' ');
  return (
    <>
      <BackLink to="/staff" />
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {posted && (
              <div
                className="govuk-notification-banner govuk-notification-banner--success"
                role="status"
              >
                <div className="govuk-notification-banner__header">
                  <h2 className="govuk-notification-banner__title">
                    {t('staff.report.doneTitle')}
                  </h2>
                </div>
                <div className="govuk-notification-banner__content">
                  <p className="govuk-notification-banner__heading">{t('staff.report.posted')}</p>
                </div>
              </div>
            )}
            <span className="govuk-caption-l">{view.service_name}</span>
            <PageHeading>{view.service_request_id}</PageHeading>
            <FiledByCentre view={view} />
            <dl className="govuk-summary-list">
              <SummaryRow
                k={t('staff.report.status')}
                v={
                  <strong className={`govuk-tag ${STATUS_TAG_CLASS[view.extended_status]}`}>
                    {statusWords(t, view.extended_status)}
                  </strong>
                }
              />
              <SummaryRow
                k={t('staff.report.priority')}
                v={<PriorityTag band={view.risk_band} />}
              />
              <SummaryRow
                k={t('staff.report.received')}
                v={formatWhen(view.requested_datetime, lng)}
              />
              <SummaryRow
                k={t('staff.report.due')}
                v={
                  view.expected_datetime
                    ? formatDay(view.expected_datetime, lng)
                    : t('staff.queue.noDue')
                }
              />
              {view.occurred_datetime && (
                <SummaryRow
                  k={t('staff.report.occurred')}
                  v={formatWhen(view.occurred_datetime, lng)}
                />
              )}
              <SummaryRow
                k={t('staff.report.where')}
                v={
                  [
                    view.address,
                    view.lat != null && view.long != null ? `${view.lat}, ${view.long}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || t('staff.report.none')
                }
              />
              <SummaryRow
                k={t('staff.report.description')}
                v={view.description || t('staff.report.none')}
              />
              <SummaryRow
                k={t('staff.report.contact')}
                v={
                  [contact, view.email, view.phone].filter(Boolean).join(' · ') ||
                  t('staff.report.anonymous')
                }
              />
            </dl>
            <h2 className="govuk-heading-m">{t('staff.report.answers')}</h2>
            {answers.length === 0 ? (
              <p className="govuk-body">{t('staff.report.noAnswers')}</p>
            ) : (
              <dl className="govuk-summary-list">
                {answers.map(([code, value]) => (
                  <SummaryRow
                    key={code}
                    k={questions.find((a) => a.code === code)?.description ?? code}
                    v={answerText(code, value)}
                  />
                ))}
              </dl>
            )}
            {(view.media_urls?.length ?? 0) > 0 && (
              <>
                <h2 className="govuk-heading-m">{t('staff.report.media')}</h2>
                <ul className="govuk-list">
                  {view.media_urls!.map((url, i) => (
                    <li key={url}>
                      <a className="govuk-link" href={url} target="_blank" rel="noreferrer">
                        {t('staff.report.mediaItem', { n: i + 1 })}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h2 className="govuk-heading-m">{t('staff.report.history')}</h2>
            <UpdateTimeline updates={view.updates ?? []} empty={t('staff.report.noUpdates')} />
            <LegalHold
              reference={view.service_request_id}
              isAdmin={isAdmin}
              onSignedOut={onSignedOut}
            />
            <UpdateForm
              key={view.updated_datetime}
              reference={view.service_request_id}
              current={view.extended_status}
              onSignedOut={onSignedOut}
              onPosted={() => {
                setPosted(true);
                setVersion((v) => v + 1);
              }}
            />
          </div>
        </div>
      </main>
    </>
  );
}
