/**
 * Translation keys are typed from the English file: a key that does not exist in en.json, or a
 * missing interpolation value, is a compile error. Other languages are checked against English
 * by the unit tests (same keys), not by the compiler.
 */
import type en from './locales/en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}

export {};
