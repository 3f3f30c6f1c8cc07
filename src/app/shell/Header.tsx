/**
 * The council's header (GOV.UK generic header on the council's brand colour, no crown) and the
 * service navigation with the service name and "Reports on this phone".
 */
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { Link, useLocation } from '../router/router';

export function Header({ councilName }: { councilName: string | null }) {
  return (
    <header className="govuk-generic-header app-header">
      <div className="govuk-generic-header__container govuk-width-container">
        <div className="govuk-generic-header__logo">
          <Link to="/" className="govuk-generic-header__homepage-link">
            <img
              className="app-header__logo"
              src="/icons/logo-white.svg"
              alt=""
              width="28"
              height="28"
            />
            <span className="app-header__name">{councilName ?? '\u00a0'}</span>
          </Link>
        </div>
      </div>
    </header>
  );
}

export function ServiceNavigation() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const onReports = path === '/reports' || path.startsWith('/reports/');
  return (
    <section className="govuk-service-navigation" aria-label={t('nav.label')}>
      <div className="govuk-width-container govuk-service-navigation__inlining-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/" className="govuk-service-navigation__link">
              {t('app.serviceName')}
            </Link>
          </span>
          <nav aria-label={t('nav.menu')} className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list">
              <li
                className={`govuk-service-navigation__item${onReports ? ' govuk-service-navigation__item--active' : ''}`}
              >
                <Link
                  to="/reports"
                  className="govuk-service-navigation__link"
                  aria-current={onReports ? 'page' : undefined}
                >
                  {onReports ? (
                    <strong className="govuk-service-navigation__active-fallback">
                      {t('nav.reports')}
                    </strong>
                  ) : (
                    t('nav.reports')
                  )}
                </Link>
              </li>
            </ul>
          </nav>
        </div>
        <LanguageSwitch />
      </div>
    </section>
  );
}

export function PhaseBanner() {
  const { t } = useTranslation();
  return (
    <div className="govuk-phase-banner govuk-width-container">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">{t('phase.tag')}</strong>
        <span className="govuk-phase-banner__text">{t('phase.text')}</span>
      </p>
    </div>
  );
}

export function Footer({ councilName }: { councilName: string | null }) {
  const { t } = useTranslation();
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">{t('informedNav.footerLinks')}</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/response-times">
                  {t('informedNav.responseTimes')}
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/case-review">
                  {t('informedNav.caseReview')}
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/staff">
                  {t('informedNav.staff')}
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/privacy">
                  {t('privacy.links.privacy')}
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/accessibility">
                  {t('privacy.links.accessibility')}
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/cookies">
                  {t('privacy.links.cookies')}
                </Link>
              </li>
            </ul>
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              {councilName ? t('footer.run', { council: councilName }) : null}
            </p>
            <p className="govuk-body-s govuk-!-margin-bottom-0">{t('footer.notEmergency')}</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
