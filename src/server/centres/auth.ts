/**
 * Centre users' sessions: the staff session design (staff/auth.ts) with a shared-device idle limit.
 *
 * Notes
 * - The cookie (`nr-centre`, or `__Host-nr-centre` over HTTPS) holds a random token; the database
 *   keeps only its sha256. HttpOnly, SameSite=Strict, Path=/; POSTs must come from this origin.
 * - A session ends after `idle_seconds` without use (15 minutes unless CENTRE_IDLE_MINUTES or
 *   CENTRE_IDLE_SECONDS says otherwise; the value is kept on the session row) and at most 12 hours
 *   after sign-in. Requests the app makes by itself (sending queued reports, refreshing the list)
 *   carry `X-Centre-Background: 1` and do not count as use, so a tablet left alone signs out even
 *   while the app keeps working in the background.
 * - The app has its own timer for the same limit; this expiry is what holds if the page is gone.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '../fastify-augment';
import { HttpError } from '../http/errors';
import { newSessionToken, sha256Hex } from '../staff/tokens';
import type { Centre, CentreSession, CentreUser } from './centres-repository';

export const CENTRE_COOKIE = 'nr-centre';
export const SECURE_CENTRE_COOKIE = '__Host-nr-centre';
export const DEFAULT_CENTRE_IDLE_MS = 15 * 60 * 1000;
export const CENTRE_SESSION_MAX_MS = 12 * 60 * 60 * 1000;
export const BACKGROUND_HEADER = 'x-centre-background';

export interface CentreHit {
  user: CentreUser;
  centre: Centre;
  session: CentreSession;
  tokenHash: string;
}

const resolved = new WeakMap<FastifyRequest, Promise<CentreHit | null>>();

export const centreUnauthorised = () =>
  new HttpError(401, ['Sign in as a reporting centre to use this.']);

function presentedToken(request: FastifyRequest): string | null {
  const cookies = request.cookies ?? {};
  const token = cookies[SECURE_CENTRE_COOKIE] ?? cookies[CENTRE_COOKIE];
  return typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/** True when the request says the app sent it by itself (not the user's activity). */
export const isBackground = (request: FastifyRequest) => request.headers[BACKGROUND_HEADER] === '1';

async function lookUp(app: FastifyInstance, request: FastifyRequest): Promise<CentreHit | null> {
  const token = presentedToken(request);
  if (!token) return null;
  const tokenHash = sha256Hex(token);
  const now = new Date();
  const hit = await app.store.centres.findSession(tokenHash, now);
  if (!hit) return null;
  const { session } = hit;
  const idleMs = session.idle_seconds * 1000;
  // Use slides the idle limit; written at most every 30 s (sooner for very short limits).
  const touchEvery = Math.min(30_000, idleMs / 4);
  if (!isBackground(request) && now.getTime() - Date.parse(session.last_seen_at) >= touchEvery) {
    const cap = Date.parse(session.created_at) + CENTRE_SESSION_MAX_MS;
    const expires = new Date(Math.min(cap, now.getTime() + idleMs));
    await app.store.centres.touchSession(tokenHash, now, expires);
    session.last_seen_at = now.toISOString();
    session.expires_at = expires.toISOString();
  }
  return { ...hit, tokenHash };
}

/** The signed-in centre user, or null (no cookie, unknown, expired, disabled). */
export function currentCentreUser(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<CentreHit | null> {
  let hit = resolved.get(request);
  if (!hit) {
    hit = lookUp(app, request);
    resolved.set(request, hit);
  }
  return hit;
}

/** The signed-in centre user; a 401 otherwise. */
export async function requireCentreUser(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<CentreHit> {
  const hit = await currentCentreUser(app, request);
  if (!hit) throw centreUnauthorised();
  return hit;
}

const cookieOptions = (secure: boolean) =>
  ({ httpOnly: true, sameSite: 'strict', secure, path: '/' }) as const;

/** Starts a session with the given idle limit and sets its cookie. */
export async function startCentreSession(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  user: CentreUser,
  idleMs: number,
): Promise<CentreSession> {
  const token = newSessionToken();
  const now = new Date();
  const session: CentreSession = {
    token_hash: sha256Hex(token),
    user_id: user.id,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + idleMs).toISOString(),
    idle_seconds: Math.max(1, Math.round(idleMs / 1000)),
  };
  await app.store.centres.createSession(session);
  const secure = request.protocol === 'https';
  reply.setCookie(secure ? SECURE_CENTRE_COOKIE : CENTRE_COOKIE, token, {
    ...cookieOptions(secure),
    maxAge: CENTRE_SESSION_MAX_MS / 1000,
  });
  return session;
}

/** Ends the request's centre session (if any) and clears its cookie. */
export async function endCentreSession(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = presentedToken(request);
  if (token) await app.store.centres.deleteSession(sha256Hex(token));
  const secure = request.protocol === 'https';
  reply.clearCookie(secure ? SECURE_CENTRE_COOKIE : CENTRE_COOKIE, cookieOptions(secure));
}
