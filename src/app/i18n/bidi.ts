/**
 * Keeps a value left to right inside right-to-left text (Urdu): phone numbers such as
 * "18001 101", coordinates such as "-0.2237", dates and times. Without the Unicode isolates the
 * bidi algorithm would show "101 18001". Harmless in left-to-right languages.
 */
export const ltr = (value: string | number): string => `\u2066${value}\u2069`;
