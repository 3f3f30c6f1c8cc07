/** "24 months" in the resident's language (the browser's own plural rules and words). */
export function formatMonths(months: number, lng: string): string {
  try {
    return new Intl.NumberFormat(lng, { style: 'unit', unit: 'month', unitDisplay: 'long' }).format(
      months,
    );
  } catch {
    return `${months}`;
  }
}

/** A configured date (YYYY-MM-DD) written out in the resident's language. */
export function formatDate(isoDate: string, lng: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(lng, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
