/**
 * Data the server writes into a page for the app to read before its first render, as
 * `<script type="application/json" id="...">` elements: data the browser never executes, so a
 * strict Content-Security-Policy with no inline scripts allows them.
 */

/** The public council configuration (the body of /api/council.json). */
export const COUNCIL_DATA_ID = 'council-config';

/**
 * The published figures a page was rendered with (the body of /api/performance.json) and their
 * ETag, so the app can ask whether they are still current instead of fetching them again.
 */
export const PERFORMANCE_DATA_ID = 'performance-data';
export interface EmbeddedPerformance {
  etag: string;
  performance: unknown;
}

/** JSON safe inside a script element: no `<` (so no `</script>` or `<!--`) and no JS line breaks. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
