/**
 * No client can starve the others: a per-address rate limit on the public endpoints (429 with
 * Retry-After) and load shedding when the event loop lags (503 with Retry-After, which the app's
 * outbox honours), both as Open311 error bodies.
 *
 * Notes
 * - Public means the Open311 API and /api, except the staff and centre APIs (signed in, with
 *   their own sign-in limits, and often many users behind one office address) and /api/health.
 *   The app's pages and assets are static files and are not counted.
 * - The client address is `request.ip` (TRUST_PROXY decides whether it comes from
 *   X-Forwarded-For). Counts are kept per instance, in memory.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyUnderPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { OPEN311_BASE } from '../../shared/open311';
import { HttpError } from '../http/errors';
import type { LoadSettings } from './load-settings';

const NOT_COUNTED = ['/api/staff/', '/api/centre/', '/api/health'];

/** Whether a request path is a public endpoint that the rate limit counts. */
export function isRateLimited(url: string): boolean {
  if (NOT_COUNTED.some((p) => url.startsWith(p))) return false;
  return url.startsWith(`${OPEN311_BASE}/`) || url.startsWith('/api/');
}

export async function registerLoadLimits(app: FastifyInstance, load: LoadSettings) {
  if (load.maxEventLoopDelayMs > 0) {
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: load.maxEventLoopDelayMs,
      retryAfter: load.retryAfterSeconds,
      // Thrown after the plugin set 503 and Retry-After; the error handler keeps both.
      customError: class extends HttpError {
        constructor() {
          super(503, [
            `The service is busy. Please try again in ${load.retryAfterSeconds} seconds.`,
          ]);
        }
      },
    });
  }
  await app.register(fastifyRateLimit, {
    max: load.rateLimitMax,
    timeWindow: load.rateLimitWindowSeconds * 1000,
    allowList: (request) => !isRateLimited(request.url),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, [
        `Too many requests from your address: at most ${context.max} in ${load.rateLimitWindowSeconds} seconds. Please try again in ${context.after}.`,
      ]),
  });
}
