/**
 * The service worker (vite-plugin-pwa, injectManifest).
 *
 * Notes
 * - The app shell (HTML, JS, CSS, icons) is precached from the build's manifest, so a second visit
 *   loads with no network. Outdated precaches are removed on activation.
 * - Navigations to app routes (e.g. /report/where after a reload) get the precached index.html;
 *   /api/ and /open311/ are never answered with the shell.
 * - The council's configuration (/api/council.json): network first, waiting at most
 *   COUNCIL_TIMEOUT_SECONDS, then the last copy. A category the council withdraws is gone on the
 *   next load (stale-while-revalidate would show the old copy once more, taking two), and the app
 *   still starts offline, or on a connection too slow to answer, from the copy kept.
 * - The manifest and icons: stale-while-revalidate (a stale icon harms nobody).
 * - The street gazetteer (/api/gazetteer.json) is fetched at install and kept like the
 *   configuration, so "Can't use the map?" works offline after one visit.
 * - Map tiles: only tiles the resident has viewed are kept (cache-first, at most 500 for 7 days,
 *   dropped first when storage runs short), never a bulk download (OpenStreetMap's tile policy).
 *   The tile server is the council's choice, so tiles are recognised by their /z/x/y path.
 * - Updates wait for the page to ask (SKIP_WAITING) after the resident chose "Reload".
 * - Report sending stays the page's job; where Background Sync exists the `sync` event also drains
 *   the outbox (outbox-sync.ts), even with the app closed.
 * - Survey answers and case-review applications have their own queue and sync tag (`messages`,
 *   messages-sync.ts), drained next to the outbox in the same way.
 * - Web push (push.ts): "your report has an update" notifications, opening the report's page.
 * - The share target (share-target.ts): photos shared from the gallery start a report, offline too.
 */
/// <reference lib="WebWorker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { registerOutboxSync } from './outbox-sync';
import { registerMessagesSync } from './messages-sync';
import { registerPush } from './push';
import { registerShareTarget } from './share-target';

/** The published response times (src/app/response-times), readable offline. */
const PERFORMANCE_PATH = '/api/performance.json';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/** Paths the app shell must never answer (the API and anything that is a file). */
const NOT_SHELL = [/^\/api\//, /^\/open311\//, /^\/manifest\.webmanifest$/, /\/[^/?]+\.[^/?]+$/];

const CONFIG_CACHE = 'app-config';
const COUNCIL = '/api/council.json';
/** How long a start waits for a fresh configuration before using the kept one. */
const COUNCIL_TIMEOUT_SECONDS = 3;
const GAZETTEER = '/api/gazetteer.json';
/** A map tile: an image at .../{z}/{x}/{y}.png (or .jpg, .webp, @2x). */
const TILE_PATH = /\/\d{1,2}\/\d{1,7}\/\d{1,7}(@2x)?\.(png|jpe?g|webp)$/;

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_SHELL }));

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === 'GET' &&
    (url.pathname === GAZETTEER ||
      url.pathname === '/manifest.webmanifest' ||
      url.pathname.startsWith('/icons/')),
  new StaleWhileRevalidate({
    cacheName: CONFIG_CACHE,
    plugins: [new ExpirationPlugin({ maxEntries: 20, purgeOnQuotaError: false })],
  }),
);

// In CONFIG_CACHE with the other small files, so the copy an installed app holds keeps serving
// offline after an update (one URL, one entry: nothing to expire).
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin && request.method === 'GET' && url.pathname === COUNCIL,
  new NetworkFirst({ cacheName: CONFIG_CACHE, networkTimeoutSeconds: COUNCIL_TIMEOUT_SECONDS }),
);

registerRoute(
  ({ url, request }) => request.method === 'GET' && TILE_PATH.test(url.pathname),
  new CacheFirst({
    cacheName: 'map-tiles',
    plugins: [
      new ExpirationPlugin({
        maxEntries: 500,
        maxAgeSeconds: 7 * 24 * 60 * 60,
        purgeOnQuotaError: true,
      }),
    ],
  }),
);

// The gazetteer is small: keep it from the first visit (a failure must not stop the install).
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CONFIG_CACHE)
      .then((cache) => cache.add(GAZETTEER))
      .catch(() => undefined),
  );
});

// Published response times: network first (today's figures online), the last copy offline.
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === 'GET' &&
    url.pathname === PERFORMANCE_PATH,
  new NetworkFirst({
    cacheName: 'published-data',
    networkTimeoutSeconds: 5,
    plugins: [new ExpirationPlugin({ maxEntries: 5, purgeOnQuotaError: true })],
  }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

registerOutboxSync(self);
registerMessagesSync(self);
registerPush(self);
registerShareTarget(self);
