/** The accessibility statement (Public Sector Bodies Accessibility Regulations 2018). */
import { useTranslation } from 'react-i18next';
import { useCouncil } from '../council/council-context';
import { PageHeading, useDocumentTitle } from '../router/page';
import { formatDate } from './periods';

export function AccessibilityPage() {
  const { t, i18n } = useTranslation();
  const council = useCouncil();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const a = council.accessibility;
  useDocumentTitle(t('privacy.accessibility.title'));
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('privacy.accessibility.title')}</PageHeading>
      <p className="govuk-body">{t('privacy.accessibility.intro', { council: council.name })}</p>
      <h2 className="govuk-heading-m">{t('privacy.accessibility.statusHeading')}</h2>
      <p className="govuk-body">{t(`privacy.accessibility.status_${a.compliance}`)}</p>
      <h2 className="govuk-heading-m">{t('privacy.accessibility.issuesHeading')}</h2>
      {a.knownIssues.length === 0 ? (
        <p className="govuk-body">{t('privacy.accessibility.noIssues')}</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {a.knownIssues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      <h2 className="govuk-heading-m">{t('privacy.accessibility.contactHeading')}</h2>
      <p className="govuk-body">
        {t('privacy.accessibility.contact', {
          email: a.contactEmail,
          phone: council.contacts.councilPhone,
        })}
      </p>
      <h2 className="govuk-heading-m">{t('privacy.accessibility.enforcementHeading')}</h2>
      <p className="govuk-body">{t('privacy.accessibility.enforcement')}</p>
      <p className="govuk-body">
        {t('privacy.accessibility.prepared', { date: formatDate(a.statementDate, lng) })}
        {a.reviewedDate &&
          ` ${t('privacy.accessibility.reviewed', { date: formatDate(a.reviewedDate, lng) })}`}
      </p>
    </main>
  );
}
