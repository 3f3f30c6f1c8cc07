/**
 * What a case officer sees at an admin page (the access audit, people's rights): a plain
 * explanation instead of an empty page. The API refuses them anyway (403).
 */
import { useTranslation } from 'react-i18next';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';

export function NeedsAdmin() {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.needsAdmin.title'));
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('staff.needsAdmin.title')}</PageHeading>
      <p className="govuk-body">{t('staff.needsAdmin.body')}</p>
      <p className="govuk-body">{t('staff.needsAdmin.ask')}</p>
      <p className="govuk-body">
        <Link to="/staff" className="govuk-link">
          {t('staff.needsAdmin.back')}
        </Link>
      </p>
    </main>
  );
}
