/** The start page: what can be reported, emergency numbers first, and "Start now". */
import { useTranslation } from 'react-i18next';
import { useCouncil } from '../council/council-context';
import { ltr } from '../i18n/bidi';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';

export function StartPage() {
  const { t } = useTranslation();
  const council = useCouncil();
  const { contacts } = council;
  useDocumentTitle(t('start.title'));
  const examples = council.services.filter((s) => s.active).map((s) => s.service_name);
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading className="govuk-heading-xl">{t('start.heading')}</PageHeading>
          <p className="govuk-body-l">{t('start.lead', { council: council.name })}</p>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">{t('common.warning')}</span>
              {t('start.emergency.prefix')}{' '}
              <a className="govuk-link app-emergency-number" href={`tel:${contacts.emergency}`}>
                {contacts.emergency}
              </a>
            </strong>
          </div>
          <p className="govuk-body">
            {t('start.police.prefix')}{' '}
            <a className="govuk-link app-emergency-number" href={`tel:${contacts.police}`}>
              {contacts.police}
            </a>
            {t('start.police.suffix')}
          </p>
          <p className="govuk-body">
            {t('start.textRelay', {
              emergency: ltr(contacts.textRelayEmergency),
              police: ltr(contacts.textRelayPolice),
            })}
          </p>
          <h2 className="govuk-heading-m">{t('start.whatHeading')}</h2>
          <ul className="govuk-list govuk-list--bullet">
            {examples.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          <p className="govuk-body">{t('start.offline')}</p>
          <p className="govuk-body">
            <Link to="/response-times" className="govuk-link">
              {t('informedNav.responseTimesLead')}
            </Link>
          </p>
          <Link
            to="/report/category"
            draggable={false}
            className="govuk-button govuk-button--start"
          >
            {t('start.startNow')}
            <svg
              className="govuk-button__start-icon"
              xmlns="http://www.w3.org/2000/svg"
              width="17.5"
              height="19"
              viewBox="0 0 33 40"
              aria-hidden="true"
              focusable="false"
            >
              <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
            </svg>
          </Link>
          <p className="govuk-body">
            {t('start.councilPhone', { phone: ltr(contacts.councilPhone) })}
          </p>
        </div>
      </div>
    </main>
  );
}
