/**
 * After "Send report": says where the report really is. It never says "sent" before the council's
 * server has answered; it follows the outbox live, from "Saved on this phone" to "Sent. Your
 * reference is ...", or to "Needs your attention" with the server's message.
 */
import { useTranslation } from 'react-i18next';
import { assessRisk } from '../../shared/risk';
import { useCouncil } from '../council/council-context';
import { useOutbox } from '../my-reports/outbox-context';
import { stateWords } from '../my-reports/state-words';
import { PushOptIn } from '../push/PushOptIn';
import { residentTarget } from '../push/push-client';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';
import { ExitThisPage } from '../safety/ExitThisPage';
import { InDangerBanner } from '../safety/InDangerBanner';
import { findService } from './draft';

export function ConfirmationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const council = useCouncil();
  const { records, loaded } = useOutbox();
  const record = records.find((r) => r.id === id);
  const state = record?.state;
  const title = !record
    ? t('confirmation.notFoundTitle')
    : state === 'sent'
      ? t('confirmation.sentTitle')
      : state === 'needs-attention'
        ? t('confirmation.attentionTitle')
        : t('confirmation.savedTitle');
  useDocumentTitle(title);
  if (!loaded) return null;

  const service = record ? findService(council, record.report.service_code) : undefined;
  // The same scoring as the server's, so the band is shown even while the report is on the phone.
  const risk =
    record && service ? assessRisk(council, service, record.report.attributes ?? {}) : null;
  return (
    <main className="govuk-main-wrapper" id="main-content">
      {service?.sensitive && <ExitThisPage />}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {risk?.emergencyFirst && <InDangerBanner testId="emergency-first" />}
          {!record ? (
            <>
              <PageHeading>{title}</PageHeading>
              <p className="govuk-body">{t('confirmation.notFound')}</p>
            </>
          ) : state === 'sent' ? (
            <div className="govuk-panel govuk-panel--confirmation">
              <PageHeading className="govuk-panel__title">{title}</PageHeading>
              <div className="govuk-panel__body">
                {t('confirmation.referenceIntro')}
                <br />
                <strong className="app-reference">{record.reference}</strong>
              </div>
            </div>
          ) : (
            <PageHeading>{title}</PageHeading>
          )}
          {record && (
            // Announces every change of state; once sent, the panel above shows the same words.
            <div aria-live="polite" aria-atomic="true">
              <p
                className={`govuk-body-l${state === 'sent' ? ' govuk-visually-hidden' : ''}`}
                data-testid="report-state"
              >
                {stateWords(t, record)}
              </p>
            </div>
          )}
          {record?.state === 'needs-attention' && (
            <p className="govuk-body">
              <Link to="/reports" className="govuk-link">
                {t('confirmation.fixIt')}
              </Link>
            </p>
          )}
          {record && record.state !== 'sent' && record.state !== 'needs-attention' && (
            <p className="govuk-body">{t('confirmation.keepApp')}</p>
          )}
          {/* A refused report has no "what happens next" from the council until it is fixed. */}
          {service && state !== 'needs-attention' && (
            <>
              <h2 className="govuk-heading-m">{t('confirmation.nextHeading')}</h2>
              {risk?.band && risk.contactDays !== null && (
                <p className="govuk-body" data-testid="risk-band">
                  {t('confirmation.risk', {
                    band: t(`confirmation.riskBand.${risk.band}`),
                    count: risk.contactDays,
                  })}
                </p>
              )}
              <p className="govuk-body">
                {(state === 'sent' && record?.serviceNotice) || service.target.promise}
              </p>
            </>
          )}
          {record?.state === 'sent' && record.reference && (
            <PushOptIn report={residentTarget({ id: record.id, reference: record.reference })} />
          )}
          <p className="govuk-body">
            <Link to="/reports" className="govuk-link">
              {t('confirmation.seeReports')}
            </Link>
          </p>
          <p className="govuk-body">
            <Link to="/report/category" className="govuk-link">
              {t('confirmation.another')}
            </Link>
          </p>
        </div>
      </div>
    </main>
  );
}
