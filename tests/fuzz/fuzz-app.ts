/**
 * The app the fuzzer attacks: the real `buildApp` on a real SQLite file in a temporary folder,
 * with the people and records a hostile request could aim at (a public report with a photo, a
 * Personal report, a closed report, a centre's report, staff, an administrator, a centre user and
 * both API key scopes), all made through the real routes and the code `npm run admin` uses.
 *
 * Notes
 * - Sign-in limits stay on, but a slowed failure pauses 5 ms instead of a second: the fuzzer
 *   sends many wrong passwords on purpose, and the limiter's counting is what it exercises.
 * - Push endpoints are allowed on a loopback port nothing listens on, so a subscription the
 *   fuzzer makes never reaches out of the machine.
 * - Sign-out ends a session, so those requests use a session made for them (`freshCookie`), by
 *   an account the sign-in requests never guess at, from an address of its own.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { createCentre, createCentreUser } from '../../src/server/centres/accounts';
import { DEMO_COUNCIL_PATH, loadCouncilConfig } from '../../src/server/config/load-council';
import { createApiKey, createStaff } from '../../src/server/staff/accounts';
import { openSqliteStore } from '../../src/server/store/sqlite';
import { cameraJpeg } from '../fixtures/photos';
import { multipartWithFiles } from '../server/media-helpers';
import {
  centreFields,
  flyTipping,
  harassment,
  hateOnBehalf,
  urlEncoded,
  type Fields,
} from '../server/request-fields';

export const PASSWORD = 'correct horse battery staple';
export const PUSH_ORIGIN = 'http://127.0.0.1:9';
/** PUBLIC_URL as production sets it: the origin staff and centre pages post from. */
export const PUBLIC_URL = 'https://reports.council.example';
const ROOT = resolve(import.meta.dirname, '../..');

/** What the requests aim at; fixed once the app is open. */
export interface FuzzTargets {
  publicRef: string;
  personalRef: string;
  personalSecret: string;
  closedRef: string;
  closedSecret: string;
  centreRef: string;
  /** Three Personal reports and their secrets: enough for a case review. */
  caseReports: Array<[string, string]>;
  mediaId: string;
  staffEmail: string;
  centreEmail: string;
  photo: Buffer;
}

export type Role =
  'public' | 'staff' | 'admin' | 'centre' | 'writer' | 'reader' | 'freshStaff' | 'freshCentre';
export const ROLES: readonly Role[] = [
  'public',
  'staff',
  'admin',
  'centre',
  'writer',
  'reader',
  'freshStaff',
  'freshCentre',
];

export interface FuzzApp {
  app: FastifyInstance;
  targets: FuzzTargets;
  /** The headers that make a request come from the role (a new session for the fresh roles). */
  credentials(role: Role): Promise<Record<string, string>>;
  close(): Promise<void>;
}

async function must<T>(made: Promise<{ ok: true; value: T } | { ok: false; error: string }>) {
  const r = await made;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function form(app: FastifyInstance, url: string, fields: Fields, headers = {}) {
  return app.inject({
    method: 'POST',
    url,
    payload: urlEncoded(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

let signInAddress = 0;
async function cookieOf(app: FastifyInstance, path: string, email: string): Promise<string> {
  signInAddress++;
  const res = await app.inject({
    method: 'POST',
    url: path,
    remoteAddress: `198.51.100.${signInAddress % 250}`,
    payload: new URLSearchParams({ email, password: PASSWORD }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  const c = res.cookies[0]!;
  return `${c.name}=${c.value}`;
}

async function fileReport(app: FastifyInstance, fields: Fields, headers = {}) {
  const key = randomUUID();
  const res = await form(app, '/open311/v2/requests.json', fields, {
    'idempotency-key': key,
    ...headers,
  });
  if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
  return { ref: (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id, key };
}

/** Opens the app on a new SQLite file with everything a request may aim at. */
export async function openFuzzApp(): Promise<FuzzApp> {
  const dir = mkdtempSync(join(tmpdir(), 'nr-fuzz-'));
  const council = await loadCouncilConfig(DEMO_COUNCIL_PATH);
  if (!council.ok) throw new Error(council.error);
  const dist = join(ROOT, 'dist');
  const store = openSqliteStore(join(dir, 'reports.sqlite'));
  const app = await buildApp({
    council: council.value,
    store,
    distDir: existsSync(join(dist, 'index.html')) ? dist : join(dir, 'no-dist'),
    mediaDir: join(dir, 'media'),
    publicUrl: PUBLIC_URL,
    signInLimits: { slowDelayMs: 5 },
    push: { endpointOrigins: [PUSH_ORIGIN] },
    load: { rateLimitMax: 1_000_000, figuresCacheSeconds: 0, maxEventLoopDelayMs: 0 },
  });

  const unique = () => randomUUID().slice(0, 8);
  const staffEmail = `officer-${unique()}@council.example`;
  const adminEmail = `admin-${unique()}@council.example`;
  const freshEmail = `sessions-${unique()}@council.example`;
  for (const [email, role] of [
    [staffEmail, 'case_officer'],
    [adminEmail, 'admin'],
    [freshEmail, 'case_officer'],
  ] as const) {
    await must(createStaff(store, { email, name: 'Fuzz officer', password: PASSWORD, role }));
  }
  const centre = await must(createCentre(store, { code: `c-${unique()}`, name: 'Fuzz centre' }));
  const centreEmails = [`worker-${unique()}@centre.example`, `fresh-${unique()}@centre.example`];
  for (const email of centreEmails) {
    const user = { centreCode: centre.code, email, name: 'Centre worker', password: PASSWORD };
    await must(createCentreUser(store, user));
  }
  const writer = (await must(createApiKey(store, { name: 'w', scopes: ['updates:write'] }))).key;
  const reader = (await must(createApiKey(store, { name: 'r', scopes: ['reports:read'] }))).key;

  const staff = await cookieOf(app, '/api/staff/sign-in', staffEmail);
  const admin = await cookieOf(app, '/api/staff/sign-in', adminEmail);
  const centreCookie = await cookieOf(app, '/api/centre/sign-in', centreEmails[0]!);

  const photo = await cameraJpeg({ width: 64, height: 48 });
  const withPhoto = multipartWithFiles(flyTipping(), [
    { name: 'p.jpg', type: 'image/jpeg', bytes: photo },
  ]);
  const posted = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: withPhoto.payload,
    headers: { 'content-type': withPhoto.contentType, 'idempotency-key': randomUUID() },
  });
  if (posted.statusCode !== 201) throw new Error(`photo report: ${posted.body}`);
  const publicRef = (posted.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
  const shown = await app.inject({ url: `/open311/v2/requests/${publicRef}.json` });
  const mediaId = String((shown.json() as Array<{ media_url: string }>)[0]!.media_url)
    .split('/')
    .pop()!;

  const personal = await fileReport(app, harassment());
  const more = [await fileReport(app, harassment()), await fileReport(app, harassment())];
  const closed = await fileReport(app, flyTipping());
  const closing = await form(
    app,
    '/open311/v2/servicerequestupdates.json',
    [
      ['update_id', randomUUID()],
      ['service_request_id', closed.ref],
      ['status', 'fixed'],
      ['description', 'Cleared.'],
    ],
    { authorization: `Bearer ${writer}` },
  );
  if (closing.statusCode !== 201) throw new Error(`closing: ${closing.body}`);
  const centreRef = (
    await fileReport(app, [...hateOnBehalf(), ...centreFields()], { cookie: centreCookie })
  ).ref;

  const fixed: Partial<Record<Role, Record<string, string>>> = {
    public: {},
    staff: { cookie: staff },
    admin: { cookie: admin },
    centre: { cookie: centreCookie },
    writer: { authorization: `Bearer ${writer}` },
    reader: { 'x-api-key': reader },
  };
  return {
    app,
    targets: {
      publicRef,
      personalRef: personal.ref,
      personalSecret: personal.key,
      closedRef: closed.ref,
      closedSecret: closed.key,
      centreRef,
      caseReports: [personal, ...more].map((r): [string, string] => [r.ref, r.key]),
      mediaId,
      staffEmail,
      centreEmail: centreEmails[0]!,
      photo,
    },
    async credentials(role) {
      if (role === 'freshStaff') {
        return { cookie: await cookieOf(app, '/api/staff/sign-in', freshEmail) };
      }
      if (role === 'freshCentre') {
        return { cookie: await cookieOf(app, '/api/centre/sign-in', centreEmails[1]!) };
      }
      return fixed[role]!;
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
