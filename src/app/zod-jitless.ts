/**
 * Zod without eval: its fast path compiles validators with `new Function`, which the page's
 * Content-Security-Policy forbids (script-src 'self'). Imported first by main.tsx, so it is set
 * before any schema runs; even the probe for eval would be reported as a CSP violation.
 */
import { z } from 'zod';

z.config({ jitless: true });
