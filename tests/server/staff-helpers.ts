/**
 * Helpers for the staff side of the server tests: accounts and API keys made through the same
 * code `npm run admin` uses, sign-in through the real route, and updates posted through the
 * real Open311 endpoint.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApiKey, createStaff } from '../../src/server/staff/accounts';
import type { StaffRole } from '../../src/server/staff/staff-repository';
import type { Store } from '../../src/server/store/store';
import { urlEncoded, type Fields } from './helpers';

export const STAFF_PASSWORD = 'correct horse battery staple';

/** A new staff account with a unique email; returns its email. */
export async function makeStaff(
  store: Store,
  name = 'Case officer',
  role: StaffRole = 'case_officer',
): Promise<string> {
  const email = `officer-${randomUUID().slice(0, 8)}@council.example`;
  const made = await createStaff(store, { email, name, password: STAFF_PASSWORD, role });
  if (!made.ok) throw new Error(made.error);
  return email;
}

/** A new API key with the scopes; returns the key. */
export async function makeApiKey(store: Store, scopes: string[]): Promise<string> {
  const made = await createApiKey(store, { name: `test ${scopes.join(' ')}`, scopes });
  if (!made.ok) throw new Error(made.error);
  return made.value.key;
}

export function form(
  app: FastifyInstance,
  url: string,
  fields: Fields,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    payload: urlEncoded(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

export function signInRequest(app: FastifyInstance, email: string, password: string) {
  return form(app, '/api/staff/sign-in', [
    ['email', email],
    ['password', password],
  ]);
}

/** Signs in; returns the Cookie header value for later requests. */
export async function signedIn(app: FastifyInstance, email: string): Promise<string> {
  const res = await signInRequest(app, email, STAFF_PASSWORD);
  if (res.statusCode !== 200) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies[0]!;
  return `${cookie.name}=${cookie.value}`;
}

export const UPDATES_URL = '/open311/v2/servicerequestupdates.json';

export interface UpdateInput {
  reference: string;
  status: string;
  note?: string;
  updateId?: string;
  at?: string;
  extra?: Fields;
}

export function updateFields(u: UpdateInput): Fields {
  return [
    ['update_id', u.updateId ?? randomUUID()],
    ['service_request_id', u.reference],
    ['status', u.status],
    ...(u.note !== undefined ? ([['description', u.note]] as Fields) : []),
    ...(u.at ? ([['updated_datetime', u.at]] as Fields) : []),
    ...(u.extra ?? []),
  ];
}

export function postUpdate(
  app: FastifyInstance,
  u: UpdateInput,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return form(app, UPDATES_URL, updateFields(u), headers);
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
