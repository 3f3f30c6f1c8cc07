/**
 * The soak's traffic: what residents, staff, centres, open-data readers and attackers send, in
 * proportions like a council's day (reads far outnumber writes). Each call picks one request by
 * weight and sends it over HTTP to the running server; the answer's status and time are returned.
 *
 * Notes
 * - Sessions are made once per client with the demo accounts (the server runs in demo mode), so
 *   the soak measures the work, not sign-in's deliberate cost.
 * - Reports posted here are read back and updated later: references are kept (at most 200).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_API_KEY, DEMO_CENTRES, DEMO_STAFF } from '../../src/server/seed/seed';
import { bombPng } from '../fixtures/photos';
import { multipartWithFiles, type FilePart } from '../server/media-helpers';
import { centreFields, flyTipping, harassment, hateOnBehalf } from '../server/request-fields';

export interface Sent {
  kind: string;
  status: number;
  ms: number;
}

interface Shared {
  base: string;
  photos: Buffer[];
  refs: string[];
  mediaUrls: string[];
}

type Send = (path: string, init?: RequestInit) => Promise<Response>;

async function signIn(base: string, path: string, email: string, password: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password }),
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

const formInit = (fields: Array<[string, string]>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields),
});

function multipartInit(fields: Array<[string, string]>, files: FilePart[]): RequestInit {
  const m = multipartWithFiles(fields, files);
  return {
    method: 'POST',
    headers: { 'content-type': m.contentType, 'idempotency-key': randomUUID() },
    body: new Uint8Array(m.payload),
  };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const keep = (list: string[], item: string) => {
  list.push(item);
  if (list.length > 200) list.shift();
};

/** One client: its sessions, and `next()` that sends one request of the mix. */
export async function newClient(shared: Shared) {
  const { base } = shared;
  const staff = await signIn(base, '/api/staff/sign-in', DEMO_STAFF.email, DEMO_STAFF.password);
  const centreUser = DEMO_CENTRES[0].user;
  const centre = await signIn(base, '/api/centre/sign-in', centreUser.email, centreUser.password);
  const send: Send = (path, init) => fetch(`${base}${path}`, init);
  const aRef = () => (shared.refs.length ? pick(shared.refs) : 'DBC-00000000');

  const postReport = async () => {
    const files = Array.from({ length: Math.floor(Math.random() * 3) }, (_, i) => ({
      name: `photo-${i}.jpg`,
      type: 'image/jpeg',
      bytes: pick(shared.photos),
    }));
    const fields = Math.random() < 0.8 ? flyTipping() : harassment();
    const res = await send('/open311/v2/requests.json', multipartInit(fields, files));
    if (res.status === 201) {
      const [view] = (await res.json()) as Array<{ service_request_id: string }>;
      keep(shared.refs, view!.service_request_id);
    } else await res.arrayBuffer();
    return res;
  };

  const readReport = async () => {
    const res = await send(`/open311/v2/requests/${aRef()}.json`);
    const body = (await res.json()) as Array<{ media_url?: string | null }>;
    const url = Array.isArray(body) ? body[0]?.media_url : null;
    if (url) keep(shared.mediaUrls, new URL(url).pathname);
    return new Response(null, { status: res.status });
  };

  const mix: Array<[string, number, () => Promise<Response>]> = [
    ['services', 8, () => send('/open311/v2/services.json')],
    ['list', 10, () => send('/open311/v2/requests.json?status=open')],
    ['report', 12, readReport],
    ['media', 6, () => send(shared.mediaUrls.length ? pick(shared.mediaUrls) : '/api/media/none')],
    ['page', 6, () => send('/', { headers: { accept: 'text/html' } })],
    ['council', 4, () => send('/api/council.json')],
    ['gazetteer', 4, () => send('/api/gazetteer.json?q=Howards')],
    ['figures', 8, () => send(pick(['/api/performance.json', '/api/performance.csv']))],
    ['post', 12, postReport],
    [
      'update',
      6,
      () =>
        send(
          '/open311/v2/servicerequestupdates.json',
          formInit(
            [
              ['update_id', randomUUID()],
              ['service_request_id', aRef()],
              ['status', pick(['investigating', 'in_progress', 'action_scheduled'])],
              ['description', 'Checked on site.'],
            ],
            { cookie: staff, origin: base },
          ),
        ),
    ],
    [
      'integration',
      2,
      () =>
        send(
          '/open311/v2/servicerequestupdates.json',
          formInit(
            [
              ['update_id', randomUUID()],
              ['service_request_id', aRef()],
              ['status', 'investigating'],
            ],
            { authorization: `Bearer ${DEMO_API_KEY}` },
          ),
        ),
    ],
    [
      'queue',
      5,
      () => send('/api/staff/reports?status=open&limit=50', { headers: { cookie: staff } }),
    ],
    [
      'centre',
      2,
      () =>
        send(
          '/open311/v2/requests.json',
          formInit([...hateOnBehalf(), ...centreFields()], {
            cookie: centre,
            origin: base,
            'idempotency-key': randomUUID(),
          }),
        ),
    ],
    [
      'hostile',
      3,
      () =>
        pick([
          () => send('/open311/v2/requests.json', formInit([['__proto__', 'x'], ...flyTipping()])),
          () =>
            send('/open311/v2/requests.json', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"a":'.repeat(2000),
            }),
          () =>
            send(
              '/open311/v2/requests.json',
              multipartInit(flyTipping(), [{ name: 'x.png', type: 'image/png', bytes: bombPng() }]),
            ),
          () => send(`/open311/v2/requests/${'%ff'.repeat(50)}.json`),
          () =>
            send(
              '/api/staff/sign-in',
              formInit([
                ['email', 'x@y.z'],
                ['password', 'guess'],
              ]),
            ),
        ])(),
    ],
  ];
  const total = mix.reduce((n, [, w]) => n + w, 0);

  return async function next(): Promise<Sent> {
    let roll = Math.random() * total;
    const [kind, , run] = mix.find(([, w]) => (roll -= w) < 0) ?? mix[0]!;
    const started = performance.now();
    try {
      const res = await run();
      if (!res.bodyUsed && res.body) await res.arrayBuffer();
      return { kind, status: res.status, ms: performance.now() - started };
    } catch {
      // A broken connection: counted with the 5xx, as a client sees no answer at all.
      return { kind, status: 599, ms: performance.now() - started };
    }
  };
}

export type { Shared };
