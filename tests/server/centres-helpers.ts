/**
 * Helpers for the reporting-centre server tests: centres and users made through the code
 * `npm run admin` uses, sign-in through the real route, and a complete hate incident report filed
 * on a victim's behalf.
 *
 * Notes
 * - `signedInCentre` is the start of most centre tests (a centre, its first user, signed in);
 *   it goes through the same code and route as `makeCentre` then `centreSignedIn`.
 * - `json` and `Row` read the API's JSON answers loosely: the tests say what they expect.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createCentre, createCentreUser } from '../../src/server/centres/accounts';
import type { Store } from '../../src/server/store/store';
import { postReport, type Fields } from './helpers';
import { centreFields, hateOnBehalf } from './request-fields';

export { VICTIM, centreFields, hateOnBehalf } from './request-fields';
import { form } from './staff-helpers';

export const CENTRE_PASSWORD = 'a centre password long enough';

export interface TestCentre {
  id: string;
  code: string;
  email: string;
}

/** A new centre with one user; returns the centre and the user's email. */
export async function makeCentre(store: Store, name = 'Test centre'): Promise<TestCentre> {
  const code = `c-${randomUUID().slice(0, 8)}`;
  const centre = await createCentre(store, { code, name });
  if (!centre.ok) throw new Error(centre.error);
  const email = await makeCentreUser(store, code);
  return { id: centre.value.id, code, email };
}

/** Another user of an existing centre; returns the email. */
export async function makeCentreUser(store: Store, code: string): Promise<string> {
  const email = `worker-${randomUUID().slice(0, 8)}@centre.example`;
  const user = await createCentreUser(store, {
    centreCode: code,
    email,
    name: 'Centre worker',
    password: CENTRE_PASSWORD,
  });
  if (!user.ok) throw new Error(user.error);
  return email;
}

export function centreSignInRequest(app: FastifyInstance, email: string, password: string) {
  return form(app, '/api/centre/sign-in', [
    ['email', email],
    ['password', password],
  ]);
}

/** Signs a centre user in; returns the Cookie header value. */
export async function centreSignedIn(app: FastifyInstance, email: string): Promise<string> {
  const res = await centreSignInRequest(app, email, CENTRE_PASSWORD);
  if (res.statusCode !== 200) throw new Error(`centre sign-in: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies[0]!;
  return `${cookie.name}=${cookie.value}`;
}

/** A new centre with one user, signed in: the centre and the user's Cookie header value. */
export async function signedInCentre(
  t: { store: Store; app: FastifyInstance },
  name?: string,
): Promise<{ centre: TestCentre; cookie: string }> {
  const centre = await makeCentre(t.store, name);
  return { centre, cookie: await centreSignedIn(t.app, centre.email) };
}

/** One row of an API answer, read loosely. */
export type Row = Record<string, unknown>;
export const json = (body: string) => JSON.parse(body) as unknown;

/** Files a centre report with the cookie; returns its reference. */
export async function fileOnBehalf(
  app: FastifyInstance,
  cookie: string,
  fields: Fields = [...hateOnBehalf(), ...centreFields()],
  key = randomUUID(),
): Promise<string> {
  const res = await postReport(app, fields, { key, headers: { cookie } });
  if (res.statusCode !== 201) throw new Error(`centre report: ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
}
