/**
 * Helpers for the reporting-centre end-to-end tests: a demo centre's user signing in through the
 * sign-in page, and everything the tablet keeps (every IndexedDB database and web storage) as
 * one text, to show what is and is not left on it.
 *
 * Notes
 * - The server runs in demo mode (SEED_DEMO=true), which makes the demo centres and their users.
 * - `storageDump` decodes stored bytes as latin1 text, so a word kept in sealed or binary data
 *   is found as well as one kept as plain text: a test that expects a word to be gone fails if
 *   it is anywhere, and one that expects it sealed sees whether it can be read.
 */
import type { Page } from 'playwright-core';
import { DEMO_CENTRES } from '../../src/server/seed/seed';
import { onPage } from './flow-helpers';

export type DemoCentre = (typeof DEMO_CENTRES)[number];

/** Fills the centre sign-in form with the centre user's details and presses "Sign in". */
export async function submitCentreSignIn(page: Page, centre: DemoCentre): Promise<void> {
  await page.getByLabel('Email address').fill(centre.user.email);
  await page.getByLabel('Password').fill(centre.user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** From the centre sign-in page to the centre's list of reports. */
export async function signInToCentre(page: Page, centre: DemoCentre): Promise<void> {
  await onPage(page, 'Sign in to the reporting centre');
  await submitCentreSignIn(page, centre);
  await onPage(page, `Reports for ${centre.name}`);
}

/** Everything in every IndexedDB database and in web storage, sealed bytes as text. */
export function storageDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const text = (v: unknown): unknown => {
      if (v instanceof ArrayBuffer) return new TextDecoder('latin1').decode(v);
      if (ArrayBuffer.isView(v)) return new TextDecoder('latin1').decode(v as Uint8Array);
      if (Array.isArray(v)) return v.map(text);
      if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]));
      }
      return v;
    };
    const out: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        out[`${info.name}/${store}`] = await new Promise((res) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => res(text(r.result));
        });
      }
      db.close();
    }
    out.localStorage = { ...localStorage };
    out.sessionStorage = { ...sessionStorage };
    return JSON.stringify(out);
  });
}
