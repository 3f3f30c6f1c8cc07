/**
 * The language switch (GOV.UK language navigation) in the service navigation. The choice is
 * remembered on the phone (`changeLanguage`); `lang` and `dir` on <html> follow it.
 *
 * Language names are autonyms (each in its own language and script), the same whatever language
 * the page is in, so they are constants here rather than translations.
 */
import { useTranslation } from 'react-i18next';
import type { MouseEvent } from 'react';
import { changeLanguage, LANGUAGES } from './index';

export const AUTONYMS: Record<string, string> = {
  en: 'English',
  cy: 'Cymraeg',
  pl: 'Polski',
  ur: 'اردو',
};

/** The languages in the order shown: English, Welsh, then the others alphabetically by code. */
const ORDER = ['en', 'cy'];
export const shownLanguages = () =>
  [...LANGUAGES].sort((a, b) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a.localeCompare(b);
  });

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  const choose = (e: MouseEvent<HTMLAnchorElement>, lng: string) => {
    e.preventDefault();
    void changeLanguage(i18n, lng);
  };
  return (
    <nav
      className="govuk-language-navigation app-language-navigation"
      aria-label={t('language.label')}
    >
      <ul className="govuk-language-navigation__list">
        {shownLanguages().map((lng) => (
          <li className="govuk-language-navigation__list-item" key={lng}>
            {lng === current ? (
              <span className="govuk-language-navigation__text" aria-current="true" lang={lng}>
                {AUTONYMS[lng] ?? lng}
              </span>
            ) : (
              <a
                className="govuk-language-navigation__link"
                href={`?lang=${lng}`}
                rel="alternate"
                lang={lng}
                hrefLang={lng}
                onClick={(e) => choose(e, lng)}
              >
                {AUTONYMS[lng] ?? lng}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
