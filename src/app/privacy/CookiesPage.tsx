/**
 * What the service keeps on the phone and which cookies it sets: only strictly necessary
 * storage (the outbox and draft in IndexedDB, the language in localStorage, offline caches, and
 * staff and centre sign-in cookies), so no consent banner is needed.
 */
import { useTranslation } from 'react-i18next';
import { PageHeading, useDocumentTitle } from '../router/page';

const PHONE = ['outbox', 'draft', 'messages', 'language', 'offline'] as const;

export function CookiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('privacy.cookies.title'));
  const table = (rows: readonly string[], caption: string) => (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            {t('privacy.cookies.what')}
          </th>
          <th scope="col" className="govuk-table__header">
            {t('privacy.cookies.why')}
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r) => (
          <tr className="govuk-table__row" key={r}>
            <td className="govuk-table__cell">
              {t(`privacy.cookies.${r}What` as 'privacy.cookies.draftWhat')}
            </td>
            <td className="govuk-table__cell">
              {t(`privacy.cookies.${r}Why` as 'privacy.cookies.draftWhy')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('privacy.cookies.title')}</PageHeading>
      <p className="govuk-body">{t('privacy.cookies.intro')}</p>
      {table(PHONE, t('privacy.cookies.phoneHeading'))}
      {table(['session'], t('privacy.cookies.cookiesHeading'))}
      <p className="govuk-body">{t('privacy.cookies.remove')}</p>
    </main>
  );
}
