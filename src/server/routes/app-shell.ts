/**
 * Serving the built PWA from DIST_DIR: the web app manifest (made from the council
 * configuration), static files with cache headers, and the single-page-app fallback.
 *
 * Notes
 * - Vite names files under /assets/ by content hash, so they are cached for a year as immutable.
 *   Everything else (index.html, sw.js, registerSW.js, icons, the manifest) is `no-cache`: the
 *   browser revalidates it, so a new release is seen on the next visit and the service worker's
 *   update prompt can do its work.
 * - The fallback answers only GETs that accept HTML outside /api and /open311; an unknown API
 *   path is a 404 with an Open311 error body, never the app's HTML.
 * - App pages are index.html with the council configuration in it, and the first pages rendered
 *   into it, when the build has the server-rendering module (ssr/page-renderer.ts).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicCouncil, type CouncilConfig } from '../../shared/council-config';
import { SHARE_FIELD, SHARE_TARGET_PATH } from '../../shared/share';
import { errorBody, open311ErrorHandler } from '../http/errors';
import { loadPageRenderer } from '../ssr/page-renderer';
import type {} from '../fastify-augment';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const NOT_BUILT = [
  'Neighbourhood Reporter: the app has not been built yet.',
  'Run `npm run build` (or `npm start`, which builds it first), then reload this page.',
  'The API is running: see /open311/v2/services.json and /api/health.',
  '',
].join('\n');

/** The web app manifest for the council. */
export function webManifest(council: CouncilConfig) {
  return {
    id: '/',
    name: `${council.name}: report a problem`,
    short_name: council.shortName,
    description: `Report anti-social behaviour and environmental problems to ${council.name}.`,
    lang: 'en-GB',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: council.colours.brand,
    background_color: council.colours.background,
    // Photos shared from the gallery start a report (src/sw/share-target.ts).
    share_target: {
      action: SHARE_TARGET_PATH,
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { files: [{ name: SHARE_FIELD, accept: ['image/*'] }] },
    },
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      // The 512 icon is full-bleed with its glyph inside the central 80% safe zone, so it is
      // also the maskable icon.
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}

function isApiPath(path: string): boolean {
  return /^\/(api|open311)(\/|$)/.test(path);
}

export async function appShellRoutes(app: FastifyInstance, opts: { distDir: string }) {
  const root = resolve(opts.distDir);
  const indexFile = join(root, 'index.html');
  const hasStatic = existsSync(root);

  const manifest = JSON.stringify(webManifest(app.council));
  app.get('/manifest.webmanifest', async (_request, reply) =>
    reply.type('application/manifest+json').header('cache-control', REVALIDATE).send(manifest),
  );

  if (hasStatic) {
    await app.register(async (files) => {
      // `send` refuses a folder's path (and one leaving the root) with a bare 403 "Forbidden";
      // to a client that is a path with nothing at it, answered as every other one is.
      files.setErrorHandler((error: FastifyError, request, reply) =>
        error.statusCode === 403
          ? reply.callNotFound()
          : open311ErrorHandler(error, request, reply),
      );
      await files.register(fastifyStatic, {
        root,
        prefix: '/',
        index: false,
        cacheControl: false,
        dotfiles: 'ignore',
        // brotli and gzip copies written at build time (scripts/vite-precompress.ts).
        preCompressed: true,
        setHeaders(res, path) {
          const rel = relative(root, path).split(sep).join('/');
          res.header('cache-control', rel.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
        },
      });
    });
  }

  const renderer = hasStatic
    ? await loadPageRenderer(root, publicCouncil(app.council), () => app.figures.get())
    : null;

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (renderer) {
      // Joined, not resolved: "//x" or "///" is a path here, never a host of its own.
      const url = new URL(`http://app.invalid${request.url}`);
      const html = await renderer.page({
        path: url.pathname,
        query: url.searchParams,
        cookie: request.headers.cookie,
        acceptLanguage: request.headers['accept-language'],
      });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', REVALIDATE)
        .header('vary', 'accept-language, cookie')
        .send(html);
    }
    if (hasStatic && existsSync(indexFile)) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', REVALIDATE)
        .send(await readFile(indexFile));
    }
    return reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(NOT_BUILT);
  };

  app.get('/', async (request, reply) => sendIndex(request, reply));
  // The report flow starts at its first step; the app would go there itself, a step later.
  app.get('/report', async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.header('cache-control', REVALIDATE).redirect(`/report/category${query}`, 302);
  });

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const readsPage = request.method === 'GET' || request.method === 'HEAD';
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (readsPage && wantsHtml && !isApiPath(path)) return sendIndex(request, reply);
    return reply
      .code(404)
      .send(errorBody(404, [`There is nothing at ${request.method} ${path.slice(0, 120)}.`]));
  });
}
