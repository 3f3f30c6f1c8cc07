/**
 * Web push from the server: the VAPID key kept in the store, opting a report in and out (its
 * secret, or its centre's session), and pushes leaving for a push service on loopback that
 * decrypts them with the subscription's keys: what they say, that nothing of the report is in
 * them, and what happens when the push service answers 410 or 503.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_KEY_PATH, PUSH_SUBSCRIBE_PATH, PUSH_UNSUBSCRIBE_PATH } from '../../src/shared/push';
import { decryptPush, makePushKeys, startPushService, type PushService } from '../push-service';
import {
  centreFields,
  fileOnBehalf,
  hateOnBehalf,
  signedInCentre,
  VICTIM,
} from './centres-helpers';
import {
  describeEachStore,
  fileReport,
  flyTipping,
  harassment,
  newKey,
  type Fields,
} from './helpers';
import { bearer, form, makeApiKey, makeStaff, postUpdate, signedIn } from './staff-helpers';

interface Subscriber {
  name: string;
  keys: ReturnType<typeof makePushKeys>;
}

function subscribeFields(ref: string, push: PushService, s: Subscriber, lang = 'en'): Fields {
  return [
    ['service_request_id', ref],
    ['endpoint', push.endpoint(s.name)],
    ['p256dh', s.keys.p256dh],
    ['auth', s.keys.auth],
    ['lang', lang],
  ];
}

const subscriber = (): Subscriber => ({ name: randomUUID(), keys: makePushKeys() });

/** Every text of the filed report a push must not carry. */
function reportTexts(fields: Fields): string[] {
  const personal = /^(description|address_string|first_name|last_name|email|phone|attribute\[)/;
  return fields
    .filter(([name, value]) => personal.test(name) && value.length >= 4)
    .map(([, value]) => value);
}

describeEachStore('web push', (t) => {
  let push: PushService;
  let app: FastifyInstance;
  let writer: string;
  beforeAll(async () => {
    push = await startPushService();
    // Every instance on the database sends pushes, so all of them know the loopback service;
    // the suite's default instance is stopped to leave the sending to `app`.
    await t.app.push.stop();
    app = await t.openInstance({ push: { endpointOrigins: [push.origin] }, pushPollMs: 200 });
    writer = await makeApiKey(t.store, ['updates:write']);
  });
  afterAll(() => push.close());

  const update = (reference: string, note = 'We have cleared the waste.') =>
    postUpdate(app, { reference, status: 'investigating', note }, bearer(writer));

  async function receive(s: Subscriber) {
    const got = await push.next(`/push/${s.name}`);
    const plain = decryptPush(got.body, s.keys).toString('utf8');
    return { got, plain, payload: JSON.parse(plain) as Record<string, unknown> };
  }

  it('makes its VAPID key pair once and keeps it in the store for every instance', async () => {
    const first = await app.inject({ method: 'GET', url: PUSH_KEY_PATH });
    expect(first.statusCode).toBe(200);
    const key = (JSON.parse(first.body) as { publicKey: string }).publicKey;
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    const other = await t.openInstance({ push: { endpointOrigins: [push.origin] } });
    const second = await other.inject({ method: 'GET', url: PUSH_KEY_PATH });
    expect(JSON.parse(second.body)).toEqual({ publicKey: key });
  });

  it('refuses a broken subscription with 400s naming what to fix', async () => {
    const ref = await fileReport(app, flyTipping(), newKey());
    const s = subscriber();
    const broken = await form(
      app,
      PUSH_SUBSCRIBE_PATH,
      [
        ['service_request_id', ref],
        ['endpoint', 'not a url'],
        ['p256dh', 'short'],
        ['auth', s.keys.auth],
      ],
      {},
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('endpoint:');
    expect(broken.body).toContain('p256dh:');
    const unknown = await form(app, PUSH_SUBSCRIBE_PATH, [
      ...subscribeFields(ref, push, s),
      ['name', 'x'],
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('name: is not a field');
    // The server posts to endpoints: one in its own network is refused unless configured.
    const inside = subscribeFields(ref, push, s).map(([n, v]): [string, string] =>
      n === 'endpoint' ? [n, 'https://10.0.0.1/push/x'] : [n, v],
    );
    const refused = await form(app, PUSH_SUBSCRIBE_PATH, inside);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('endpoint: give the https address of a push service');
  });

  it('takes a subscription only with the report secret (else the 404 of no report)', async () => {
    const key = newKey();
    const ref = await fileReport(app, flyTipping(), key);
    const s = subscriber();
    const none = await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s));
    expect(none.statusCode).toBe(404);
    const wrong = await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), {
      'x-report-secret': newKey(),
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(none.body.replace(ref, ref));
    const right = await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), {
      'x-report-secret': key,
    });
    expect(right.statusCode).toBe(201);
    expect(await t.store.push.countForReport(ref)).toBe(1);
    const rows = await t.db.query(`select * from push_subscriptions where report_id = '${ref}'`);
    expect(Object.keys(rows[0] as object).sort()).toEqual(
      ['audience', 'auth', 'created_at', 'endpoint', 'id', 'lang', 'p256dh', 'report_id'].sort(),
    );
  });

  for (const [kind, fields] of [
    ['an Environmental report', flyTipping()],
    [
      'a Personal report',
      harassment([
        ['first_name', 'Pat'],
        ['last_name', 'Quinnell'],
      ]),
    ],
  ] as const) {
    it(`pushes "has an update" for ${kind}, in the subscriber's language, with nothing of the report`, async () => {
      const key = newKey();
      const ref = await fileReport(app, fields, key);
      const s = subscriber();
      const res = await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s, 'cy'), {
        'x-report-secret': key,
      });
      expect(res.statusCode).toBe(201);
      const note = `Officer Hargreaves visited ${randomUUID()}`;
      expect((await update(ref, note)).statusCode).toBe(201);
      const { got, plain, payload } = await receive(s);
      expect(payload).toEqual({ ref, lang: 'cy', key: 'update', audience: 'resident' });
      for (const text of [...reportTexts(fields), note]) expect(plain).not.toContain(text);
      expect(got.headers['content-encoding']).toBe('aes128gcm');
      const { publicKey } = JSON.parse(
        (await app.inject({ method: 'GET', url: PUSH_KEY_PATH })).body,
      ) as { publicKey: string };
      expect(got.headers.authorization).toMatch(new RegExp(`^vapid t=[^,]+, k=${publicKey}$`));
    });
  }

  it('for a centre report, only the centre that filed it may subscribe, and its push says nothing of the victim', async () => {
    const { centre, cookie } = await signedInCentre(t);
    const other = await signedInCentre(t, 'Another centre');
    const fields = [...hateOnBehalf(), ...centreFields()];
    const ref = await fileOnBehalf(app, cookie, fields);
    const s = subscriber();
    const byOther = await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), {
      cookie: other.cookie,
    });
    expect(byOther.statusCode).toBe(404);
    const bySecret = await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), {
      'x-report-secret': newKey(),
    });
    expect(bySecret.statusCode).toBe(404);
    const byCentre = await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s, 'pl'), {
      cookie,
    });
    expect(byCentre.statusCode).toBe(201);
    const rows = (await t.db.query(
      `select audience from push_subscriptions where report_id = '${ref}'`,
    )) as Array<{ audience: string }>;
    expect(rows).toEqual([{ audience: 'centre' }]);
    const note = `Spoke to the victim ${randomUUID()}`;
    expect((await update(ref, note)).statusCode).toBe(201);
    const { plain, payload } = await receive(s);
    // Marked as the centre's, so the service worker opens the centre's page for it.
    expect(payload).toEqual({ ref, lang: 'pl', key: 'update', audience: 'centre' });
    const centreTexts = ['Do not tell the landlord.', 'LIB-0042', 'Test centre', centre.email];
    for (const text of [
      ...reportTexts(fields),
      ...centreTexts,
      VICTIM.first_name,
      VICTIM.phone,
      note,
    ]) {
      expect(plain).not.toContain(text);
    }
  });

  it("unsubscribes a centre's device with its session only", async () => {
    const { cookie } = await signedInCentre(t);
    const other = await signedInCentre(t, 'Another centre');
    const ref = await fileOnBehalf(app, cookie, [...hateOnBehalf(), ...centreFields()]);
    const s = subscriber();
    await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), { cookie });
    const removeFields: Fields = [
      ['service_request_id', ref],
      ['endpoint', push.endpoint(s.name)],
    ];
    const byOther = await form(app, PUSH_UNSUBSCRIBE_PATH, removeFields, {
      cookie: other.cookie,
    });
    expect(byOther.statusCode).toBe(404);
    expect(await t.store.push.countForReport(ref)).toBe(1);
    const removed = await form(app, PUSH_UNSUBSCRIBE_PATH, removeFields, { cookie });
    expect(removed.statusCode).toBe(204);
    expect(await t.store.push.countForReport(ref)).toBe(0);
  });

  it('pushes nothing for a report nobody subscribed to, and once for a repeated update', async () => {
    const key = newKey();
    const ref = await fileReport(app, harassment(), key);
    const before = push.received.length;
    expect((await update(ref)).statusCode).toBe(201);
    await app.push.drain();
    expect(push.received.length).toBe(before);
    const s = subscriber();
    await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), { 'x-report-secret': key });
    const updateId = randomUUID();
    const once = { reference: ref, status: 'action_scheduled', updateId };
    expect((await postUpdate(app, once, bearer(writer))).statusCode).toBe(201);
    expect((await postUpdate(app, once, bearer(writer))).statusCode).toBe(200);
    await receive(s);
    await app.push.drain();
    expect(push.received.filter((p) => p.path === `/push/${s.name}`)).toHaveLength(1);
  });

  it('queues the push in the transaction that stores the update, so no stored update lacks it', async () => {
    const key = newKey();
    const ref = await fileReport(app, flyTipping(), key);
    const s = subscriber();
    await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), { 'x-report-secret': key });
    // Written straight to the store, as a process that dies right after its commit leaves it.
    const at = new Date().toISOString();
    const stored = await t.store.updates.post({
      update_id: randomUUID(),
      report_id: ref,
      status: 'investigating',
      description: '',
      media_url: null,
      external_status_code: null,
      updated_datetime: at,
      created_at: at,
      author_kind: 'integration',
      author_id: null,
      content_hash: randomUUID(),
    });
    expect(stored.kind).toBe('created');
    const { plain } = await receive(s);
    expect(plain).toContain(ref);
  });

  it('removes a subscription whose push service answers 410 (gone)', async () => {
    const key = newKey();
    const ref = await fileReport(app, flyTipping(), key);
    const s = subscriber();
    await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), { 'x-report-secret': key });
    push.answer = (path) => (path === `/push/${s.name}` ? 410 : 201);
    try {
      expect((await update(ref)).statusCode).toBe(201);
      await receive(s);
      await app.push.drain();
      expect(await t.store.push.countForReport(ref)).toBe(0);
      const left = await t.db.query(
        `select * from push_deliveries d join push_subscriptions s on s.id = d.subscription_id where s.report_id = '${ref}'`,
      );
      expect(left).toHaveLength(0);
    } finally {
      push.answer = () => 201;
    }
  });

  it('keeps a push the push service could not take (503) and tries it again later', async () => {
    const key = newKey();
    const ref = await fileReport(app, flyTipping(), key);
    const s = subscriber();
    await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), { 'x-report-secret': key });
    push.answer = (path) => (path === `/push/${s.name}` ? 503 : 201);
    try {
      expect((await update(ref)).statusCode).toBe(201);
      await receive(s);
      await app.push.drain();
      const rows = (await t.db.query(
        `select d.attempts from push_deliveries d join push_subscriptions s on s.id = d.subscription_id where s.report_id = '${ref}'`,
      )) as Array<{ attempts: number }>;
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]!.attempts)).toBe(1);
      expect(await t.store.push.countForReport(ref)).toBe(1);
    } finally {
      push.answer = () => 201;
    }
  });

  it('erasing a report for a rights request removes its subscriptions too', async () => {
    const key = newKey();
    const ref = await fileReport(app, flyTipping(), key);
    await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, subscriber()), {
      'x-report-secret': key,
    });
    expect(await t.store.push.countForReport(ref)).toBe(1);
    const admin = await signedIn(app, await makeStaff(t.store, 'Admin', 'admin'));
    const erased = await form(
      app,
      '/api/staff/rights/erase',
      [
        ['reference', ref],
        ['mode', 'erase'],
        ['reason', 'Erasure request by email'],
      ],
      { cookie: admin },
    );
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ mode: 'erase', reports: 1 });
    expect(await t.store.push.countForReport(ref)).toBe(0);
    expect(await t.store.reports.findById(ref)).toBeNull();
  });

  it('unsubscribes with the secret: no more pushes for that phone', async () => {
    const key = newKey();
    const ref = await fileReport(app, flyTipping(), key);
    const s = subscriber();
    await form(app, PUSH_SUBSCRIBE_PATH, subscribeFields(ref, push, s), { 'x-report-secret': key });
    const removeFields: Fields = [
      ['service_request_id', ref],
      ['endpoint', push.endpoint(s.name)],
    ];
    expect((await form(app, PUSH_UNSUBSCRIBE_PATH, removeFields)).statusCode).toBe(404);
    const removed = await form(app, PUSH_UNSUBSCRIBE_PATH, removeFields, {
      'x-report-secret': key,
    });
    expect(removed.statusCode).toBe(204);
    expect(await t.store.push.countForReport(ref)).toBe(0);
    expect((await update(ref)).statusCode).toBe(201);
    await app.push.drain();
    expect(push.received.some((p) => p.path === `/push/${s.name}`)).toBe(false);
  });
});

describe('push settings', () => {
  it('reads VAPID keys, subject and extra origins, naming each problem', async () => {
    const { readPushSettings, endpointAllowed } = await import('../../src/server/push/settings');
    const problems: string[] = [];
    readPushSettings(
      { VAPID_PUBLIC_KEY: 'abc', VAPID_SUBJECT: 'nobody', PUSH_ENDPOINT_ORIGINS: 'x' },
      problems,
    );
    expect(problems.join('\n')).toMatch(
      /VAPID_PUBLIC_KEY[\s\S]*VAPID_PRIVATE_KEY[\s\S]*VAPID_SUBJECT[\s\S]*PUSH_ENDPOINT_ORIGINS/,
    );
    const none = { endpointOrigins: [] };
    expect(endpointAllowed('https://fcm.googleapis.com/fcm/send/abc', none)).toBe(true);
    expect(endpointAllowed('http://fcm.googleapis.com/fcm/send/abc', none)).toBe(false);
    expect(endpointAllowed('https://127.0.0.1/x', none)).toBe(false);
    expect(endpointAllowed('https://localhost/x', none)).toBe(false);
    expect(
      endpointAllowed('http://127.0.0.1:9/x', { endpointOrigins: ['http://127.0.0.1:9'] }),
    ).toBe(true);
  });
});
