/**
 * The security headers of every answer, through @fastify/helmet: a Content-Security-Policy that
 * allows only this origin's scripts (no inline or eval) and the council's map tiles, no framing,
 * a Permissions-Policy keeping location, camera and microphone to this origin, and HSTS when the
 * request came over HTTPS.
 *
 * Notes
 * - style-src allows inline styles: Leaflet positions tiles and markers with style attributes.
 * - connect-src names the tile server too: the service worker fetches viewed tiles to keep them,
 *   and its fetches are governed by the policy sent with sw.js.
 * - img-src and media-src allow blob: (photo previews, recordings played back before sending)
 *   and data: (Leaflet's default marker images).
 * - HSTS is set per request, only over HTTPS (directly or as a trusted proxy says): over plain
 *   HTTP it would be ignored by browsers at best and pin a development host at worst.
 */
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const HSTS = 'max-age=31536000; includeSubDomains';
const PERMISSIONS = 'geolocation=(self), camera=(self), microphone=(self)';

/** The origin of a tile URL template, `{s}` subdomains as a wildcard (`https://*.tile.example`). */
export function tileOrigin(tileUrl: string): string | null {
  try {
    const url = new URL(tileUrl.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/gi, '0'));
    const host = /\/\/[^/]*\{s\}/.test(tileUrl) ? url.host.replace(/^a\./, '*.') : url.host;
    return `${url.protocol}//${host}`;
  } catch {
    return null;
  }
}

export async function registerSecurityHeaders(app: FastifyInstance, tileUrl: string) {
  const tiles = tileOrigin(tileUrl);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'blob:', 'data:', ...(tiles ? [tiles] : [])],
        mediaSrc: ["'self'", 'blob:'],
        // The service worker fetches the tiles it keeps, under sw.js's own policy.
        connectSrc: ["'self'", ...(tiles ? [tiles] : [])],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
