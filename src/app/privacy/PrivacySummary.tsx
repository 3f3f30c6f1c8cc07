/**
 * The privacy notice in brief, shown at the contact step of the report flow and of a centre's
 * on-behalf flow, before anything personal is asked (UK GDPR Article 13): who will see the
 * report, who it may be shared with, how long it is kept, and a link to the full notice.
 */
import { useTranslation } from 'react-i18next';
import type { NsirGroup } from '../../shared/council-config';
import { useCouncil } from '../council/council-context';
import { Link } from '../router/router';
import { formatMonths } from './periods';

export function PrivacySummary({ group }: { group: NsirGroup }) {
  const { t, i18n } = useTranslation();
  const council = useCouncil();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const retention = council.privacy.retention[group];
  const partners = council.privacy.sharing.map((p) => p.name);
  return (
    <section className="govuk-inset-text" aria-labelledby="privacy-summary-title">
      <h2 className="govuk-heading-s" id="privacy-summary-title">
        {t('privacy.summary.title')}
      </h2>
      <p className="govuk-body">{t('privacy.summary.who', { council: council.name })}</p>
      {partners.length > 0 && (
        <p className="govuk-body">
          {t('privacy.summary.shared', {
            partners: new Intl.ListFormat(lng, { type: 'conjunction' }).format(partners),
          })}
        </p>
      )}
      <p className="govuk-body">
        {t('privacy.summary.kept', {
          period: formatMonths(
            retention.anonymiseAfterMonths,
            lng,
            t('privacy.months', { months: retention.anonymiseAfterMonths }),
          ),
          mediaPeriod: formatMonths(
            retention.deleteMediaAfterMonths,
            lng,
            t('privacy.months', { months: retention.deleteMediaAfterMonths }),
          ),
        })}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-0">
        <Link to="/privacy" className="govuk-link">
          {t('privacy.summary.link')}
        </Link>
      </p>
    </section>
  );
}
