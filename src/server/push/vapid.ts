/**
 * The server's VAPID key pair: from the settings when given, otherwise made on first start and
 * kept in the store (`app_meta`), so every instance and every restart signs with the same key and
 * the browsers' subscriptions stay valid. The insert-if-absent decides between instances starting
 * together: whichever key pair was stored first is the one all of them read back.
 */
import webpush from 'web-push';
import type { Store } from '../store/store';
import type { VapidKeys } from './settings';

const META_KEY = 'push_vapid_keys';

export async function loadVapidKeys(
  store: Store,
  configured: VapidKeys | null,
): Promise<VapidKeys> {
  if (configured) return configured;
  const made = webpush.generateVAPIDKeys();
  await store.meta.setIfAbsent(META_KEY, JSON.stringify(made), new Date());
  const kept = JSON.parse((await store.meta.get(META_KEY)) ?? 'null') as VapidKeys | null;
  if (!kept?.publicKey || !kept.privateKey) throw new Error(`${META_KEY} in app_meta is broken`);
  return kept;
}
