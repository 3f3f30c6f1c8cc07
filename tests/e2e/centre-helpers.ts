/**
 * Helpers for the reporting-centre end-to-end tests: a demo centre's user signing in through the
 * sign-in page, a hate incident filed for a victim as the centre files it (over HTTP, signed
 * in), and everything the tablet keeps (every IndexedDB database and web storage) as one text,
 * to show what is and is not left on it.
 *
 * Notes
 * - The server runs in demo mode (SEED_DEMO=true), which makes the demo centres and their users.
 * - `storageDump` decodes stored bytes as latin1 text, so a word kept in sealed or binary data
 *   is found as well as one kept as plain text: a test that expects a word to be gone fails if
 *   it is anywhere, and one that expects it sealed sees whether it can be read.
 */
import { randomUUID } from 'node:crypto';
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

/**
 * Files a hate incident for a victim as the centre's user would (signed in, POST requests.json
 * with the `centre_*` fields), contact only through the centre; returns the council reference.
 */
export async function fileForVictim(
  baseUrl: string,
  centre: DemoCentre,
  centreReference: string,
): Promise<string> {
  const signIn = await fetch(`${baseUrl}/api/centre/sign-in`, {
    method: 'POST',
    headers: { origin: baseUrl },
    body: new URLSearchParams({ email: centre.user.email, password: centre.user.password }),
  });
  if (signIn.status !== 200) throw new Error(`centre sign-in: ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const risk = ['in_danger_now', 'happened_before', 'often', 'targeted', 'health'];
  const filed = await fetch(`${baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { origin: baseUrl, cookie, 'idempotency-key': randomUUID() },
    body: new URLSearchParams([
      ['service_code', 'hate-incident'],
      ['address_string', 'Outside the parade of shops, Howardsgate'],
      ['description', 'Shouted slurs at the victim outside the shop on three evenings.'],
      ['attribute[strands][]', 'race'],
      ['attribute[hostility][]', 'words'],
      ['attribute[location_type]', 'street'],
      ['attribute[role]', 'on_behalf'],
      ['attribute[victim_consent]', 'yes'],
      ['attribute[police_consent]', 'yes'],
      ['attribute[anonymity]', 'anonymous'],
      ...[...risk, 'vulnerable', 'unsafe_home'].map((c) => [`attribute[risk_${c}]`, 'no']),
      ['centre_consent_to_report', 'yes'],
      ['centre_police_consent', 'yes'],
      ['centre_contact', 'centre'],
      ['centre_not_to_share', 'Do not tell the landlord.'],
      ['centre_reference', centreReference],
      ['centre_victim_support', 'no'],
    ]),
  });
  const body = await filed.text();
  if (!filed.ok) throw new Error(`filing: ${filed.status} ${body}`);
  return (JSON.parse(body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
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
