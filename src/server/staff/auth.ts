/**
 * Who is asking: a staff member (session cookie), an integration (API key) or the public.
 *
 * Notes
 * - Sessions live in the database (any instance can check them); the cookie holds a random token
 *   and the database only its sha256. The cookie is HttpOnly, SameSite=Strict, Path=/, and Secure
 *   with the `__Host-` prefix when the request arrived over HTTPS (directly, or as the proxy says
 *   with TRUST_PROXY).
 * - Sessions end after 2 hours without use and at most 12 hours after sign-in; use slides the idle
 *   limit, written at most every 5 minutes.
 * - CSRF: SameSite=Strict keeps the cookie off cross-site requests, and every cookie-authenticated
 *   POST must also come from this origin: the Origin header (PUBLIC_URL's origin when it is set),
 *   or Sec-Fetch-Site where there is no Origin, must say so. A request with neither is not from a browser page, so it is not CSRF.
 * - An API key comes in a header (`Authorization: Bearer <key>` or `X-Api-Key`) or as Open311's
 *   `api_key` form field of a POST. A key in a query string is refused (400): URLs end up in
 *   logs and browser histories. A key that is presented but unknown or disabled is a 401, never
 *   quietly the public view.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '../fastify-augment';
import { HttpError } from '../http/errors';
import type { ApiKey, StaffMember } from './staff-repository';
import { newSessionToken, sha256Hex, type ApiKeyScope } from './tokens';

export const SESSION_COOKIE = 'nr-staff';
export const SECURE_SESSION_COOKIE = '__Host-nr-staff';
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export const unauthorised = (what = 'Sign in as council staff to use this.') =>
  new HttpError(401, [what]);
export const forbidden = (what: string) => new HttpError(403, [what]);

interface SessionHit {
  staff: StaffMember;
  tokenHash: string;
}
const resolved = new WeakMap<FastifyRequest, Promise<SessionHit | null>>();

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

function presentedToken(request: FastifyRequest): string | null {
  const cookies = request.cookies ?? {};
  const token = cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE];
  return typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

async function lookUp(app: FastifyInstance, request: FastifyRequest): Promise<SessionHit | null> {
  const token = presentedToken(request);
  if (!token) return null;
  const tokenHash = sha256Hex(token);
  const now = new Date();
  const hit = await app.store.sessions.find(tokenHash, now);
  if (!hit) return null;
  const { session } = hit;
  if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
    const cap = Date.parse(session.created_at) + SESSION_MAX_MS;
    const expires = new Date(Math.min(cap, now.getTime() + SESSION_IDLE_MS));
    await app.store.sessions.touch(tokenHash, now, expires);
  }
  return { staff: hit.staff, tokenHash };
}

/** The signed-in staff member, or null (no cookie, unknown, expired or disabled). */
export function currentStaff(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<SessionHit | null> {
  let hit = resolved.get(request);
  if (!hit) {
    hit = lookUp(app, request);
    resolved.set(request, hit);
  }
  return hit;
}

/** The signed-in staff member; a 401 otherwise. */
export async function requireStaff(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<StaffMember> {
  const hit = await currentStaff(app, request);
  if (!hit) throw unauthorised();
  return hit.staff;
}

/** The signed-in staff member if an administrator; a 401 without a session, a 403 otherwise. */
export async function requireAdmin(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<StaffMember> {
  const staff = await requireStaff(app, request);
  if (staff.role !== 'admin') {
    throw forbidden(
      'Only an administrator can use this. Ask an administrator of the staff console.',
    );
  }
  return staff;
}

/** Refuses (403) a cookie-authenticated POST that a page on another site made the browser send. */
export function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    // PUBLIC_URL is where our pages are; the Host header is the client's to write, so it is
    // the measure only on a local start without PUBLIC_URL.
    const ours = request.server.configuredPublicUrl ?? `${request.protocol}://${request.host}`;
    if (origin === ours) return;
    throw forbidden('This request came from another site. Use the staff pages of this service.');
  }
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw forbidden('This request came from another site. Use the staff pages of this service.');
  }
}

/** Starts a session for the staff member and sets its cookie. */
export async function startSession(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  staff: StaffMember,
): Promise<void> {
  const token = newSessionToken();
  const now = new Date();
  await app.store.sessions.create({
    token_hash: sha256Hex(token),
    staff_id: staff.id,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
  });
  const secure = isHttps(request);
  reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_MAX_MS / 1000,
  });
}

/** Ends the request's session (if any) and clears its cookie. */
export async function endSession(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = presentedToken(request);
  if (token) await app.store.sessions.delete(sha256Hex(token));
  const secure = isHttps(request);
  reply.clearCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
  });
}

/** The API key a request presents, from a header or the `api_key` form field. */
export function presentedApiKey(
  request: FastifyRequest,
  fields: ReadonlyArray<readonly [string, string]> = [],
): string | null {
  if ((request.query as Record<string, unknown> | undefined)?.api_key !== undefined) {
    throw new HttpError(400, [
      'api_key: send the API key in the Authorization header (Bearer) or the X-Api-Key header, not in the address.',
    ]);
  }
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '');
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const fromBody = fields.find(([name]) => name === 'api_key')?.[1];
  return fromBody ? fromBody : null;
}

/** The enabled API key presented, null when none was presented; a 401 for an unknown key. */
export async function currentApiKey(
  app: FastifyInstance,
  request: FastifyRequest,
  fields: ReadonlyArray<readonly [string, string]> = [],
): Promise<ApiKey | null> {
  const presented = presentedApiKey(request, fields);
  if (presented === null) return null;
  const key = await app.store.apiKeys.findByHash(sha256Hex(presented.trim()));
  if (!key) throw unauthorised('This API key is not valid (unknown or disabled).');
  void app.store.apiKeys.markUsed(key.id, new Date()).catch(() => undefined);
  return key;
}

/** A 403 unless the key has the scope. */
export function requireScope(key: ApiKey, scope: ApiKeyScope): void {
  if (!key.scopes.includes(scope)) {
    throw forbidden(`This API key does not have the "${scope}" scope.`);
  }
}

/** Who may see everything of a report: staff, or an integration with one of the scopes. */
export async function isPrivileged(
  app: FastifyInstance,
  request: FastifyRequest,
  scopes: readonly ApiKeyScope[],
): Promise<boolean> {
  if (await currentStaff(app, request)) return true;
  const key = await currentApiKey(app, request);
  return key !== null && scopes.some((s) => key.scopes.includes(s));
}
