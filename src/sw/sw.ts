/**
 * The service worker (vite-plugin-pwa, injectManifest).
 *
 * Notes
 * - The app shell (HTML, JS, CSS, icons) is precached from the build's manifest, so a second visit
 *   loads with no network. Outdated precaches are removed on activation.
 * - Navigations to app routes (e.g. /report/where after a reload) get the precached index.html;
 *   /api/ and /open311/ are never answered with the shell.
 * - The council's configuration, the manifest and icons: stale-while-revalidate, so the app starts
 *   offline with the last copy and picks up changes on the next visit.
 * - Updates wait for the page to ask (SKIP_WAITING) after the resident chose "Reload".
 * - Report sending stays the page's job; where Background Sync exists the `sync` event also drains
 *   the outbox (outbox-sync.ts), even with the app closed.
 */
/// <reference lib="WebWorker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { StaleWhileRevalidate } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { registerOutboxSync } from './outbox-sync';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/** Paths the app shell must never answer (the API and anything that is a file). */
const NOT_SHELL = [/^\/api\//, /^\/open311\//, /^\/manifest\.webmanifest$/, /\/[^/?]+\.[^/?]+$/];

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_SHELL }));

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === 'GET' &&
    (url.pathname === '/api/council.json' ||
      url.pathname === '/manifest.webmanifest' ||
      url.pathname.startsWith('/icons/')),
  new StaleWhileRevalidate({
    cacheName: 'app-config',
    plugins: [new ExpirationPlugin({ maxEntries: 20, purgeOnQuotaError: false })],
  }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

registerOutboxSync(self);
