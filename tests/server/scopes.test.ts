/**
 * What each API key scope sees: `updates:write` posts updates and reads what the public reads of a
 * report (never Personal or centre reports in full, never contact details); `reports:read` reads
 * reports in full. Keys come in a header (Authorization: Bearer or X-Api-Key), or as Open311's
 * `api_key` form field when posting; never in a query string, which ends up in logs.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore, fileReport, flyTipping, harassment } from './helpers';
import { UPDATES_URL, bearer, makeApiKey, postUpdate } from './staff-helpers';
import { fileOnBehalf, signedInCentre } from './centres-helpers';

describeEachStore('API key scopes', (t) => {
  let writer: string;
  let reader: string;
  let ref: string;
  beforeAll(async () => {
    writer = await makeApiKey(t.store, ['updates:write']);
    reader = await makeApiKey(t.store, ['reports:read']);
    ref = await fileReport(t.app, harassment());
  });

  it('updates:write does not read a Personal report in full', async () => {
    const res = await t.app.inject({
      url: `/open311/v2/requests/${ref}.json`,
      headers: { authorization: `Bearer ${writer}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0].visibility).toBe('status_only');
    expect(res.body).not.toContain('victim@example.com');
  });

  it('updates:write lists no contact details', async () => {
    const res = await t.app.inject({
      url: '/open311/v2/requests.json',
      headers: { authorization: `Bearer ${writer}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('victim@example.com');
  });

  it('updates:write posts an update with the key in X-Api-Key', async () => {
    const res = await postUpdate(
      t.app,
      { reference: ref, status: 'investigating', note: 'Looking into it.' },
      { 'x-api-key': writer },
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('updates:write reads the updates of Personal reports only as the public does', async () => {
    const note = 'Visited the victim at home; they named the neighbour.';
    const posted = await postUpdate(
      t.app,
      { reference: ref, status: 'investigating', note },
      bearer(writer),
    );
    expect(posted.statusCode, posted.body).toBe(201);
    const own = await t.app.inject({
      url: `${UPDATES_URL}?service_request_id=${ref}`,
      headers: bearer(writer),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual([]);
    const listed = await t.app.inject({ url: UPDATES_URL, headers: bearer(writer) });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(note);
    expect(
      listed.json().map((u: { service_request_id: string }) => u.service_request_id),
    ).not.toContain(ref);
    const full = await t.app.inject({
      url: `${UPDATES_URL}?service_request_id=${ref}`,
      headers: { 'x-api-key': reader },
    });
    expect(full.body).toContain(note);
  });

  it("updates:write reads no updates of a centre's report", async () => {
    const { cookie } = await signedInCentre(t);
    const filed = await fileOnBehalf(t.app, cookie);
    const res = await t.app.inject({
      url: `${UPDATES_URL}?service_request_id=${filed}`,
      headers: bearer(writer),
    });
    expect(res.statusCode).toBe(404);
  });

  it('updates:write reads the updates of other reports in full', async () => {
    const street = await fileReport(t.app, flyTipping());
    const note = 'Crew booked for Tuesday.';
    await postUpdate(
      t.app,
      { reference: street, status: 'action_scheduled', note },
      bearer(writer),
    );
    const res = await t.app.inject({
      url: `${UPDATES_URL}?service_request_id=${street}`,
      headers: bearer(writer),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ description: note });
  });

  it('reports:read reads the report in full, with the key in X-Api-Key', async () => {
    const res = await t.app.inject({
      url: `/open311/v2/requests/${ref}.json`,
      headers: { 'x-api-key': reader },
    });
    expect(res.json()[0]).toMatchObject({ visibility: 'full', email: 'victim@example.com' });
  });

  it('refuses a key in the query string, saying to send it in a header', async () => {
    const res = await t.app.inject({ url: `/open311/v2/requests/${ref}.json?api_key=${reader}` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/X-Api-Key|Authorization/);
  });
});

describeEachStore('request logs', (t) => {
  it('never hold the query string (where a key or secret may be)', async () => {
    let log = '';
    const app = await t.openInstance({
      logger: {
        level: 'info',
        stream: { write: (line: string) => void (log += line) },
      },
    });
    await app.inject({ url: '/open311/v2/requests.json?api_key=k3y-in-the-address&status=open' });
    expect(log).toContain('/open311/v2/requests.json');
    expect(log).not.toContain('k3y-in-the-address');
  });
});
