/** The app's English is British English ('en' alone formats US-style). */
const locale = (lng: string) => (lng === 'en' ? 'en-GB' : lng);

/** Dates and times in the resident's language, e.g. "21 Nov 2026, 18:30". */
export function formatWhen(iso: string, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** A date alone, e.g. "21 November 2026". */
export function formatDay(iso: string, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'long' }).format(new Date(iso));
}

/** A short date, e.g. "21 Nov 2026" (tables on a phone). */
export function formatShortDay(iso: string, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium' }).format(new Date(iso));
}
