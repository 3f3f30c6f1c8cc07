import { expect, it } from 'vitest';
import { Open311ErrorSchema } from '../../src/shared/open311';
import { demoCouncil, describeEachStore } from './helpers';

describeEachStore('discovery, services, health and council', (t) => {
  it('GET discovery.json names the Open311 endpoint on the public URL', async () => {
    const app = await t.openInstance({ publicUrl: 'http://reports.example' });
    const res = await app.inject({ url: '/open311/v2/discovery.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.contact).toContain('Demo Borough Council');
    expect(doc.endpoints[0]).toMatchObject({
      url: 'http://reports.example/open311/v2',
      type: 'production',
      formats: ['application/json'],
    });
  });

  it('GET services.json lists every category with its NSIR group', async () => {
    const res = await t.app.inject({ url: '/open311/v2/services.json' });
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<Record<string, unknown>>;
    expect(list.map((s) => s.service_code)).toEqual(
      demoCouncil.services.map((s) => s.service_code),
    );
    expect(new Set(list.map((s) => s.group))).toEqual(
      new Set(['Personal', 'Nuisance', 'Environmental']),
    );
    expect(list.find((s) => s.service_code === 'fly-tipping')).toEqual({
      service_code: 'fly-tipping',
      service_name: 'Fly-tipping',
      description: expect.any(String),
      metadata: true,
      type: 'realtime',
      keywords: 'dumping,rubbish,waste',
      group: 'Environmental',
    });
  });

  it('GET services/{code}.json gives the questions in order with the promise', async () => {
    const res = await t.app.inject({ url: '/open311/v2/services/fly-tipping.json' });
    expect(res.statusCode).toBe(200);
    const def = res.json();
    expect(def.service_code).toBe('fly-tipping');
    expect(def.group).toBe('Environmental');
    expect(def.target.promise).toMatch(/^Cleared within 2 working days/);
    const orders = def.attributes.map((a: { order: number }) => a.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(def.attributes[0]).toMatchObject({
      code: 'size',
      datatype: 'singlevaluelist',
      required: true,
      description: 'How much has been dumped?',
    });
  });

  it('GET services/{code}.json for an unknown category is a 404 error body', async () => {
    const res = await t.app.inject({ url: '/open311/v2/services/no-such-thing.json' });
    expect(res.statusCode).toBe(404);
    expect(Open311ErrorSchema.parse(res.json())).toEqual([
      { code: 404, description: 'There is no category "no-such-thing".' },
    ]);
  });

  it('GET /api/health answers ok while the process runs', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('GET /api/council.json is the configuration, with its privacy notice and retention', async () => {
    const res = await t.app.inject({ url: '/api/council.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(demoCouncil)));
    expect(res.json().privacy.retention.Personal.anonymiseAfterMonths).toBeGreaterThan(0);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('GET /manifest.webmanifest is built from the configuration', async () => {
    const res = await t.app.inject({ url: '/manifest.webmanifest' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const m = res.json();
    expect(m).toMatchObject({
      name: 'Demo Borough Council: report a problem',
      short_name: 'Demo Borough',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      theme_color: demoCouncil.colours.brand,
      background_color: demoCouncil.colours.background,
    });
    expect(m.icons).toEqual([
      expect.objectContaining({ src: '/icons/icon-192.png', sizes: '192x192' }),
      expect.objectContaining({ src: '/icons/icon-512.png', sizes: '512x512' }),
      expect.objectContaining({
        src: '/icons/icon-512.png',
        sizes: '512x512',
        purpose: 'maskable',
      }),
    ]);
  });

  it.each([
    ['GET', '/api/nothing-here'],
    ['GET', '/open311/v2/services.xml'],
    ['GET', '/open311/v2/nothing.json'],
    ['DELETE', '/open311/v2/requests.json'],
    ['POST', '/api/health'],
  ] as const)(
    '%s %s is a 404 with an Open311 error body, even for a browser',
    async (method, url) => {
      const res = await t.app.inject({ method, url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Open311ErrorSchema.parse(res.json())[0]!.code).toBe(404);
    },
  );

  it('sets nosniff on every answer', async () => {
    const res = await t.app.inject({ url: '/open311/v2/services.json' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
