/**
 * What of the app is ready, on <html data-app-ready="...">: `hydrated` once the app's script has
 * taken over the page (a page the server rendered shows before it, but does not yet respond to
 * what is pressed), `outbox` once the outbox database is
 * open (created or upgraded, its stores there), `messages` the same for the messages queue, and
 * `offline` while a service worker controls the page (it then loads with no network).
 *
 * Notes
 * - Nothing in the app reads it: it is the signal end-to-end tests wait for before they reach
 *   into IndexedDB or go offline, instead of sleeping and hoping (opening a database before the
 *   app has created it makes an empty one).
 * - The first visit is not controlled (the service worker only takes the pages loaded after it
 *   is active), so `offline` appears after a reload.
 */
export type ReadyPart = 'hydrated' | 'outbox' | 'messages' | 'offline';

/** Adds (or with `ready` false removes) one part of the marker. */
export function markReady(part: ReadyPart, ready = true): void {
  if (typeof document === 'undefined') return;
  const html = document.documentElement;
  const parts = new Set((html.dataset.appReady ?? '').split(' ').filter(Boolean));
  if (ready) parts.add(part);
  else parts.delete(part);
  if (parts.size > 0) html.dataset.appReady = [...parts].sort().join(' ');
  else delete html.dataset.appReady;
}

/** Keeps `offline` in step with whether a service worker controls the page. */
export function watchServiceWorkerControl(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const check = () => markReady('offline', !!navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', check);
  check();
}
