/**
 * i18next set-up. English ships inside the first bundle; other languages (cy, pl, ur) are
 * separate chunks loaded on demand from ./locales, so adding one is adding a JSON file.
 * `lang` and `dir` on <html> follow the active language (ur is right-to-left; i18n.scss mirrors
 * the GOV.UK components that are laid out left to right). A `?lang=cy` link chooses a language.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import './types';
import './i18n.scss';

export const DEFAULT_LANGUAGE = 'en';
const LANGUAGE_KEY = 'nr-language';
export const LANGUAGE_COOKIE = 'nr-language';

const loaders = import.meta.glob<{ default: Resource[string] }>([
  './locales/*.json',
  '!./locales/en.json',
]);

/** Languages the app can show: English plus every locale file present. */
export const LANGUAGES: readonly string[] = [
  DEFAULT_LANGUAGE,
  ...Object.keys(loaders).map((p) => p.replace(/^.*\/(.+)\.json$/, '$1')),
];

export function preferredLanguage(): string {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    // storage may be blocked; fall through to the browser's languages
  }
  let asked: string | null = null;
  try {
    asked = new URLSearchParams(window.location.search).get('lang');
  } catch {
    // no location (tests)
  }
  const wanted = [asked, saved, ...(navigator.languages ?? [navigator.language])].filter(
    (l): l is string => !!l,
  );
  for (const l of wanted) {
    const base = l.toLowerCase().split('-')[0]!;
    if (LANGUAGES.includes(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

function applyToDocument(i18n: I18n, lng: string): void {
  // No document when a page is rendered on the server (src/app/ssr): the server sets both.
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.documentElement.dir = i18n.dir(lng);
}

/** Loads a language's resources if needed and switches to it. */
export async function changeLanguage(i18n: I18n, lng: string): Promise<void> {
  const loader = loaders[`./locales/${lng}.json`];
  if (loader && !i18n.hasResourceBundle(lng, 'translation')) {
    const mod = await loader();
    i18n.addResourceBundle(lng, 'translation', mod.default);
  }
  await i18n.changeLanguage(lng);
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
    // The server renders the first page in this language on the next visit (src/server/ssr).
    document.cookie = `${LANGUAGE_COOKIE}=${lng}; path=/; max-age=31536000; samesite=lax`;
  } catch {
    // not remembered; harmless
  }
}

/** Creates and initialises an i18next instance (one per app, one per test). */
export async function createI18n(lng: string = preferredLanguage()): Promise<I18n> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  if (lng !== DEFAULT_LANGUAGE) await changeLanguage(i18n, lng);
  // Only now: English on the way to another language would flip an Urdu page the server rendered
  // right to left over to left to right and back.
  applyToDocument(i18n, i18n.language);
  i18n.on('languageChanged', (l) => applyToDocument(i18n, l));
  return i18n;
}
