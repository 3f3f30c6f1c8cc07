/**
 * Every route the app registers, each with one or more valid requests the mutations start from.
 * The fuzz suite compares this list with the app's own (registered-routes.ts), so a new route
 * without an entry here fails it instead of going unfuzzed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { centreFields, flyTipping, harassment, hateOnBehalf } from '../server/request-fields';
import { PASSWORD, PUBLIC_URL, PUSH_ORIGIN, type FuzzTargets, type Role } from './fuzz-app';
import type { Body, FilePart } from './fuzz-request';

export interface ValidRequest {
  path: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: Body;
  role?: Role;
}

export interface Endpoint {
  method: 'GET' | 'POST';
  /** As registered, like /open311/v2/requests/:id.json; `/*` is the app shell and static files. */
  route: string;
  valid: (t: FuzzTargets) => ValidRequest[];
}

const SAME_ORIGIN = { origin: PUBLIC_URL };
const form = (fields: Array<[string, string]>): Body => ({ kind: 'form', fields });
const photo = (t: FuzzTargets): FilePart => ({ name: 'p.jpg', type: 'image/jpeg', bytes: t.photo });
const b64 = (n: number, first?: number) => {
  const bytes = randomBytes(n);
  if (first !== undefined) bytes[0] = first;
  return bytes.toString('base64url');
};
const today = () => new Date().toISOString().slice(0, 10);
const get = (route: string, valid: Endpoint['valid']): Endpoint => ({
  method: 'GET',
  route,
  valid,
});
const post = (route: string, valid: Endpoint['valid']): Endpoint => ({
  method: 'POST',
  route,
  valid,
});
const O = '/open311/v2';

export const ENDPOINTS: Endpoint[] = [
  get(`${O}/discovery.json`, () => [{ path: `${O}/discovery.json` }]),
  get(`${O}/services.json`, () => [{ path: `${O}/services.json` }]),
  get(`${O}/services/:code.json`, () => [{ path: `${O}/services/fly-tipping.json` }]),
  get(`${O}/requests.json`, (t) => [
    {
      path: `${O}/requests.json`,
      query: [
        ['status', 'open'],
        ['service_code', 'fly-tipping'],
        ['start_date', `${today()}T00:00:00Z`],
      ],
    },
    { path: `${O}/requests.json`, query: [['service_request_id', t.publicRef]], role: 'reader' },
  ]),
  get(`${O}/requests/:id.json`, (t) => [
    { path: `${O}/requests/${t.publicRef}.json` },
    {
      path: `${O}/requests/${t.personalRef}.json`,
      headers: { 'x-report-secret': t.personalSecret },
    },
    { path: `${O}/requests/${t.centreRef}.json`, role: 'reader' },
  ]),
  post(`${O}/requests.json`, (t) => [
    { path: `${O}/requests.json`, body: form(flyTipping()) },
    { path: `${O}/requests.json`, body: form(harassment()) },
    {
      path: `${O}/requests.json`,
      body: { kind: 'multipart', fields: flyTipping(), files: [photo(t)] },
    },
    {
      path: `${O}/requests.json`,
      body: form([...hateOnBehalf(), ...centreFields()]),
      role: 'centre',
    },
  ]),
  get(`${O}/servicerequestupdates.json`, (t) => [
    { path: `${O}/servicerequestupdates.json`, query: [['service_request_id', t.publicRef]] },
    {
      path: `${O}/servicerequestupdates.json`,
      query: [
        ['start_date', '2020-01-01'],
        ['end_date', today()],
      ],
      role: 'writer',
    },
  ]),
  post(`${O}/servicerequestupdates.json`, (t) => {
    const update = (): Array<[string, string]> => [
      ['update_id', randomUUID()],
      ['service_request_id', t.publicRef],
      ['status', 'investigating'],
      ['description', 'Looking into it.'],
    ];
    return [
      { path: `${O}/servicerequestupdates.json`, body: form(update()), role: 'writer' },
      {
        path: `${O}/servicerequestupdates.json`,
        body: form(update()),
        role: 'staff',
        headers: SAME_ORIGIN,
      },
    ];
  }),
  get('/api/health', () => [{ path: '/api/health' }]),
  get('/api/ready', () => [{ path: '/api/ready' }]),
  get('/api/council.json', () => [{ path: '/api/council.json' }]),
  get('/api/gazetteer.json', () => [{ path: '/api/gazetteer.json', query: [['q', 'Howards']] }]),
  get('/api/media/:id', (t) => [
    { path: `/api/media/${t.mediaId}`, headers: { range: 'bytes=0-99' } },
  ]),
  get('/api/performance.json', () => [{ path: '/api/performance.json' }]),
  get('/api/performance.csv', () => [{ path: '/api/performance.csv' }]),
  get('/api/push/key.json', () => [{ path: '/api/push/key.json' }]),
  post('/api/push/subscriptions', (t) => [
    {
      path: '/api/push/subscriptions',
      headers: { 'x-report-secret': t.personalSecret },
      body: form([
        ['service_request_id', t.personalRef],
        ['endpoint', `${PUSH_ORIGIN}/push/${randomUUID()}`],
        ['p256dh', b64(65, 4)],
        ['auth', b64(16)],
        ['lang', 'en'],
      ]),
    },
  ]),
  post('/api/push/subscriptions/remove', (t) => [
    {
      path: '/api/push/subscriptions/remove',
      headers: { 'x-report-secret': t.personalSecret },
      body: form([
        ['service_request_id', t.personalRef],
        ['endpoint', `${PUSH_ORIGIN}/push/${randomUUID()}`],
      ]),
    },
  ]),
  post('/api/surveys', (t) => [
    {
      path: '/api/surveys',
      headers: { 'x-report-secret': t.closedSecret },
      body: form([
        ['service_request_id', t.closedRef],
        ['satisfaction', '4'],
        ['comment', 'Quick work.'],
      ]),
    },
  ]),
  post('/api/case-reviews', (t) => [
    {
      path: '/api/case-reviews',
      body: form([
        ['application_id', randomUUID()],
        ['name', 'Sam Resident'],
        ['email', 'sam@example.com'],
        ['phone', '01707 123456'],
        ['address', '12 Howardsgate'],
        ['details', 'It keeps happening.'],
        ['consent', 'yes'],
        ...t.caseReports.map(([ref, secret]): [string, string] => [`report[${ref}]`, secret]),
      ]),
    },
  ]),
  ...staffEndpoints(),
  ...centreEndpoints(),
  get('/manifest.webmanifest', () => [{ path: '/manifest.webmanifest' }]),
  get('/report', () => [{ path: '/report', query: [['lang', 'cy']] }]),
  get('/', () => [{ path: '/', headers: { accept: 'text/html' } }]),
  get('/*', () =>
    ['/report/category', '/privacy', '/response-times', '/staff', '/centre', '/sw.js'].map(
      (path) => ({ path, headers: { accept: 'text/html', 'accept-language': 'cy, en;q=0.5' } }),
    ),
  ),
];

function staffEndpoints(): Endpoint[] {
  const S = '/api/staff';
  const asStaff = { role: 'staff' as const, headers: SAME_ORIGIN };
  const asAdmin = { role: 'admin' as const, headers: SAME_ORIGIN };
  return [
    post(`${S}/sign-in`, (t) => [
      {
        path: `${S}/sign-in`,
        body: form([
          ['email', t.staffEmail],
          ['password', PASSWORD],
        ]),
      },
    ]),
    post(`${S}/sign-out`, () => [{ path: `${S}/sign-out`, role: 'freshStaff' }]),
    get(`${S}/me`, () => [{ path: `${S}/me`, ...asStaff }]),
    get(`${S}/reports`, () => [
      {
        path: `${S}/reports`,
        query: [
          ['status', 'all'],
          ['limit', '20'],
          ['offset', '0'],
        ],
        ...asStaff,
      },
    ]),
    get(`${S}/reports/:id/hold`, (t) => [{ path: `${S}/reports/${t.publicRef}/hold`, ...asStaff }]),
    post(`${S}/reports/:id/hold`, (t) => [
      {
        path: `${S}/reports/${t.publicRef}/hold`,
        body: form([
          ['hold', 'no'],
          ['reason', 'No claim expected.'],
        ]),
        // Only an administrator sets or lifts a legal hold.
        ...asAdmin,
      },
    ]),
    get(`${S}/audit`, (t) => [
      {
        path: `${S}/audit`,
        query: [
          ['report', t.centreRef],
          ['from', '2020-01-01'],
          ['to', today()],
          ['limit', '50'],
        ],
        ...asAdmin,
      },
    ]),
    get(`${S}/audit.csv`, () => [{ path: `${S}/audit.csv`, query: [['limit', '5']], ...asAdmin }]),
    get(`${S}/rights`, () => [
      { path: `${S}/rights`, query: [['email', 'resident@example.com']], ...asAdmin },
    ]),
    get(`${S}/rights/export.tar.gz`, (t) => [
      { path: `${S}/rights/export.tar.gz`, query: [['reference', t.closedRef]], ...asAdmin },
    ]),
    // Aimed at nobody's records: an erasure that worked would take the targets away.
    post(`${S}/rights/erase`, () => [
      {
        path: `${S}/rights/erase`,
        body: form([
          ['email', 'nobody-here@example.com'],
          ['mode', 'anonymise'],
          ['reason', 'Asked by letter.'],
        ]),
        ...asAdmin,
      },
    ]),
    post(`${S}/rights/correct`, (t) => [
      {
        path: `${S}/rights/correct`,
        body: form([
          ['reference', t.closedRef],
          ['field', 'first_name'],
          ['value', 'Sam'],
          ['reason', 'Asked by phone.'],
        ]),
        ...asAdmin,
      },
    ]),
  ];
}

function centreEndpoints(): Endpoint[] {
  const C = '/api/centre';
  const asCentre = { role: 'centre' as const, headers: SAME_ORIGIN };
  return [
    post(`${C}/sign-in`, (t) => [
      {
        path: `${C}/sign-in`,
        body: form([
          ['email', t.centreEmail],
          ['password', PASSWORD],
        ]),
      },
    ]),
    post(`${C}/sign-out`, () => [{ path: `${C}/sign-out`, role: 'freshCentre' }]),
    get(`${C}/me`, () => [{ path: `${C}/me`, ...asCentre }]),
    get(`${C}/seal-key`, () => [{ path: `${C}/seal-key`, ...asCentre }]),
    get(`${C}/reports`, () => [
      {
        path: `${C}/reports`,
        query: [
          ['limit', '10'],
          ['offset', '0'],
        ],
        ...asCentre,
      },
    ]),
    get(`${C}/reports/:id.json`, (t) => [
      { path: `${C}/reports/${t.centreRef}.json`, ...asCentre },
    ]),
    post(`${C}/reports/:id.json`, (t) => [
      {
        path: `${C}/reports/${t.centreRef}.json`,
        body: form([
          ['centre_police_consent', 'no'],
          ['centre_reference', 'LIB-0043'],
        ]),
        ...asCentre,
      },
    ]),
  ];
}
