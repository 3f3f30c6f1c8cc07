/** The full privacy notice (UK GDPR Articles 13-14), from the council configuration. */
import { useTranslation } from 'react-i18next';
import { NSIR_GROUPS } from '../../shared/council-config';
import { useCouncil } from '../council/council-context';
import { PageHeading, useDocumentTitle } from '../router/page';
import { formatMonths } from './periods';

export function PrivacyNoticePage() {
  const { t, i18n } = useTranslation();
  const council = useCouncil();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const p = council.privacy;
  const months = (n: number) => formatMonths(n, lng, t('privacy.months', { months: n }));
  useDocumentTitle(t('privacy.notice.title'));
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('privacy.notice.title')}</PageHeading>
      <p className="govuk-body">{t('privacy.notice.intro')}</p>

      <h2 className="govuk-heading-m">{t('privacy.notice.controllerHeading')}</h2>
      <p className="govuk-body">
        {t('privacy.notice.controller', {
          name: p.controller.name,
          address: p.controller.address,
          ico: p.controller.icoRegistration,
        })}
      </p>
      <p className="govuk-body">{t('privacy.notice.email', { email: p.controller.email })}</p>

      <h2 className="govuk-heading-m">{t('privacy.notice.dpoHeading')}</h2>
      <p className="govuk-body">{t('privacy.notice.dpo', { address: p.dpo.address })}</p>
      <p className="govuk-body">{t('privacy.notice.email', { email: p.dpo.email })}</p>
      {p.dpo.phone && (
        <p className="govuk-body">{t('privacy.notice.phone', { phone: p.dpo.phone })}</p>
      )}

      <h2 className="govuk-heading-m">{t('privacy.notice.whyHeading')}</h2>
      <p className="govuk-body">{p.purpose}</p>

      <h2 className="govuk-heading-m">{t('privacy.notice.basesHeading')}</h2>
      <dl className="govuk-summary-list">
        {NSIR_GROUPS.map((g) => (
          <div className="govuk-summary-list__row" key={g}>
            <dt className="govuk-summary-list__key">{t(`privacy.groups.${g}`)}</dt>
            <dd className="govuk-summary-list__value">{p.lawfulBases[g]}</dd>
          </div>
        ))}
      </dl>

      <h2 className="govuk-heading-m">{t('privacy.notice.specialHeading')}</h2>
      <p className="govuk-body">{p.specialCategory}</p>

      <h2 className="govuk-heading-m">{t('privacy.notice.sharingHeading')}</h2>
      {p.sharing.length === 0 ? (
        <p className="govuk-body">{t('privacy.notice.noSharing')}</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {p.sharing.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong>: {s.why}
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m">{t('privacy.notice.retentionHeading')}</h2>
      <dl className="govuk-summary-list">
        {NSIR_GROUPS.map((g) => (
          <div className="govuk-summary-list__row" key={g}>
            <dt className="govuk-summary-list__key">{t(`privacy.groups.${g}`)}</dt>
            <dd className="govuk-summary-list__value">
              {t('privacy.notice.retentionRow', {
                period: months(p.retention[g].anonymiseAfterMonths),
                mediaPeriod: months(p.retention[g].deleteMediaAfterMonths),
              })}
            </dd>
          </div>
        ))}
      </dl>
      <p className="govuk-body">{t('privacy.notice.retentionFigures')}</p>
      <p className="govuk-body">
        {t('privacy.notice.retentionOther', {
          period: months(p.retention.centreFilingsMonths),
          audit: months(p.retention.auditMonths),
        })}
      </p>

      <h2 className="govuk-heading-m">{t('privacy.notice.rightsHeading')}</h2>
      <p className="govuk-body">{t('privacy.notice.rights')}</p>

      <h2 className="govuk-heading-m">{t('privacy.notice.complainHeading')}</h2>
      <p className="govuk-body">{t('privacy.notice.complain')}</p>
      <p className="govuk-body">
        <a className="govuk-link" href={p.complaintsUrl} rel="noreferrer">
          {t('privacy.notice.complainLink')}
        </a>
      </p>
    </main>
  );
}
