import { expect, it } from 'vitest';
import { CreatedRequestSchema, Open311ErrorSchema } from '../../src/shared/open311';
import {
  REFERENCE,
  demoCouncil,
  describeEachStore,
  fileReport,
  flyTipping,
  multipartBody,
  newKey,
  postReport,
  replacing,
  without,
  type Encoding,
  type Fields,
} from './helpers';

const FLY_TIPPING_PROMISE = demoCouncil.services.find((s) => s.service_code === 'fly-tipping')!
  .target.promise;

const descriptions = (body: string) =>
  Open311ErrorSchema.parse(JSON.parse(body)).map((e) => e.description);

describeEachStore('POST requests.json', (t) => {
  it.each(['urlencoded', 'multipart'] as const)(
    'accepts a valid report sent %s',
    async (encoding) => {
      const before = await t.store.reports.count();
      const res = await postReport(t.app, flyTipping(), { encoding, key: newKey() });
      expect(res.statusCode).toBe(201);
      const [created] = CreatedRequestSchema.parse(res.json());
      expect(created!.service_request_id).toMatch(REFERENCE);
      expect(created!.service_notice).toBe(FLY_TIPPING_PROMISE);
      expect(await t.store.reports.count()).toBe(before + 1);
    },
  );

  it('stores what was sent, as the reporter reads it back', async () => {
    const key = newKey();
    const id = await fileReport(
      t.app,
      flyTipping([['occurred_datetime', '2026-11-20T18:30:00+00:00']]),
      key,
    );
    const res = await t.app.inject({
      url: `/open311/v2/requests/${id}.json`,
      headers: { 'x-report-secret': key },
    });
    const [view] = res.json();
    expect(view).toMatchObject({
      service_request_id: id,
      service_code: 'fly-tipping',
      status: 'open',
      extended_status: 'open',
      description: 'Six black bags and a mattress by the garages.',
      lat: 51.8003,
      long: -0.2051,
      address: 'Back lane behind the parade, Welwyn Garden City',
      attributes: {
        size: 'car_boot',
        waste_types: ['household', 'furniture'],
        hazards: ['none'],
        land_type: 'back_alley',
        witnessed: 'yes',
        vehicle_registration: 'AB12 CDE',
      },
      email: 'resident@example.com',
      occurred_datetime: '2026-11-20T18:30:00Z',
      visibility: 'full',
    });
    const stored = await t.store.reports.findById(id);
    expect(stored!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.secret_hash).not.toContain(key);
  });

  it('keeps a description as text, markup and all', async () => {
    const text = '<script>alert(1)</script> & "quotes" — ünïcödé 🚮';
    const key = newKey();
    const id = await fileReport(t.app, replacing(flyTipping(), 'description', text), key);
    const stored = await t.store.reports.findById(id);
    expect(stored!.description).toBe(text);
  });

  it('refuses a point outside the council area (London) with a 400 saying so', async () => {
    const fields = replacing(replacing(flyTipping(), 'lat', '51.5074'), 'long', '-0.1278');
    const res = await postReport(t.app, fields);
    expect(res.statusCode).toBe(400);
    expect(descriptions(res.body)).toEqual([
      "lat: this location is outside Demo Borough Council's area; report it to the council for that place",
    ]);
  });

  it('names a missing required answer by its attribute field', async () => {
    const res = await postReport(t.app, without(flyTipping(), 'attribute[size]'));
    expect(res.statusCode).toBe(400);
    expect(descriptions(res.body)).toEqual([
      'attribute[size]: "How much has been dumped?" needs an answer',
    ]);
  });

  const invalid: Array<[string, Fields, string]> = [
    [
      'an unknown category',
      replacing(flyTipping(), 'service_code', 'potholes'),
      'service_code: there is no category "potholes"',
    ],
    ['no category', without(flyTipping(), 'service_code'), 'service_code: is required'],
    [
      'an answer not in the list',
      replacing(flyTipping(), 'attribute[size]', 'huge'),
      'attribute[size]: "How much has been dumped?": "huge" is not one of the answers to choose from',
    ],
    [
      'an unknown question',
      flyTipping([['attribute[colour]', 'blue']]),
      'attribute[colour]: "Fly-tipping" has no question "colour"',
    ],
    [
      'an unknown field',
      flyTipping([['postcode', 'AL8 6AB']]),
      'postcode: is not a field of a service request',
    ],
    [
      'a repeated field',
      flyTipping([['email', 'other@example.com']]),
      'email: is given more than once',
    ],
    [
      'a latitude that is not a number',
      replacing(flyTipping(), 'lat', 'north'),
      'lat: must be a decimal number like 51.8',
    ],
    [
      'a latitude without longitude',
      without(flyTipping(), 'long'),
      'long: lat and long must be given together',
    ],
    [
      'no location at all',
      without(without(without(flyTipping(), 'lat'), 'long'), 'address_string'),
      'lat: a location is required: give lat and long, address_string or address_id',
    ],
    [
      'a description over 4,000 characters',
      replacing(flyTipping(), 'description', 'x'.repeat(4001)),
      'description: must be at most 4000 characters',
    ],
    [
      'a bad email',
      replacing(flyTipping(), 'email', 'not-an-email'),
      'email: must be an email address like name@example.com',
    ],
    [
      'a control character',
      replacing(flyTipping(), 'description', 'bell\u0007'),
      'description: contains characters that are not allowed (control characters or broken encoding)',
    ],
  ];

  it.each(invalid)(
    'refuses %s, with the same message in both encodings',
    async (_name, fields, message) => {
      for (const encoding of ['urlencoded', 'multipart'] as Encoding[]) {
        const before = await t.store.reports.count();
        const res = await postReport(t.app, fields, { encoding, key: newKey() });
        expect(res.statusCode, encoding).toBe(400);
        expect(descriptions(res.body), encoding).toContain(message);
        expect(await t.store.reports.count()).toBe(before);
      }
    },
  );

  it('accepts a description of exactly 4,000 characters', async () => {
    const res = await postReport(t.app, replacing(flyTipping(), 'description', 'y'.repeat(4000)));
    expect(res.statusCode).toBe(201);
  });

  it('refuses a file part whose bytes are not a real photo (media.test.ts has the rest)', async () => {
    const boundary = 'nrfileboundary';
    const { payload } = multipartBody(flyTipping(), boundary);
    const file = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="bags.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0fakejpeg\r\n`,
      'latin1',
    );
    const body = Buffer.concat([file, payload]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(415);
    expect(descriptions(res.body)[0]).toBe('media: "bags.jpg" could not be read as a photo.');
  });

  it('refuses JSON with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: JSON.stringify({ service_code: 'fly-tipping' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(415);
    expect(descriptions(res.body)[0]).toMatch(/x-www-form-urlencoded/);
  });

  it('refuses a form in latin-1 with 415, and bytes that are not UTF-8 with 400', async () => {
    const latin1 = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: Buffer.from('service_code=fly-tipping&description=caf\xe9', 'latin1'),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' },
    });
    expect(latin1.statusCode).toBe(415);
    expect(descriptions(latin1.body)[0]).toMatch(/UTF-8/);
    const raw = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: Buffer.from('service_code=fly-tipping&description=caf\xe9', 'latin1'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(raw.statusCode).toBe(400);
    const encoded = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: 'service_code=fly-tipping&description=caf%E9',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(encoded.statusCode).toBe(400);
    expect(descriptions(encoded.body)).toEqual([
      'description: the value is not valid percent-encoded UTF-8.',
    ]);
  });

  it('refuses a form over 64 KB with 413', async () => {
    const res = await postReport(t.app, flyTipping([['device_id', 'z'.repeat(70_000)]]));
    expect(res.statusCode).toBe(413);
    expect(descriptions(res.body)[0]).toMatch(/64 KB/);
  });

  it('refuses an oversized multipart field with 413', async () => {
    const res = await postReport(
      t.app,
      replacing(flyTipping(), 'description', 'w'.repeat(20_000)),
      {
        encoding: 'multipart',
      },
    );
    expect(res.statusCode).toBe(413);
    expect(descriptions(res.body)[0]).toMatch(/^description: the field is too long/);
  });

  it('refuses a bad Idempotency-Key with 400 before reading the body', async () => {
    const res = await postReport(t.app, flyTipping(), { key: 'not-a-uuid' });
    expect(res.statusCode).toBe(400);
    expect(descriptions(res.body)[0]).toMatch(/^Idempotency-Key must be one UUID/);
  });

  it('accepts the spec fields it does not use (api_key, jurisdiction_id)', async () => {
    const res = await postReport(
      t.app,
      flyTipping([
        ['api_key', 'abc'],
        ['jurisdiction_id', 'demo-borough.example'],
      ]),
    );
    expect(res.statusCode).toBe(201);
  });

  it('refuses a withdrawn category with a 400 that says so', async () => {
    const council = {
      ...demoCouncil,
      services: demoCouncil.services.map((s) =>
        s.service_code === 'graffiti' ? { ...s, active: false } : s,
      ),
    };
    const app = await t.openInstance({ council });
    const res = await postReport(app, [
      ['service_code', 'graffiti'],
      ['address_string', 'Town centre'],
      ['attribute[offensive]', 'no'],
      ['attribute[surface]', 'wall'],
      ['attribute[ownership]', 'public'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(descriptions(res.body)[0]).toMatch(
      /^service_code: "Graffiti.*no longer takes new reports/,
    );
  });
});
