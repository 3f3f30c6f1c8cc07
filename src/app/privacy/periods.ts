/**
 * "24 months" in the resident's language: the browser's own words and plural rules where it has
 * them for the language, else the app's own short form (`fallback`, e.g. "24 mis").
 */
export function formatMonths(months: number, lng: string, fallback: string): string {
  try {
    const f = new Intl.NumberFormat(lng, { style: 'unit', unit: 'month', unitDisplay: 'long' });
    if (f.resolvedOptions().locale.split('-')[0] === lng.split('-')[0]) return f.format(months);
  } catch {
    // No unit formatting in this browser.
  }
  return fallback;
}

/** A configured date (YYYY-MM-DD) written out in the resident's language. */
export function formatDate(isoDate: string, lng: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(lng, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
