/** GET /api/gazetteer.json: the whole list for the app, or a search with ?q=. */
import { expect, it } from 'vitest';
import { describeEachStore } from './helpers';

describeEachStore('Street gazetteer', (t) => {
  it('lists every street without q, for the app to keep offline', async () => {
    const res = await t.app.inject({ url: '/api/gazetteer.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const { streets } = res.json() as { streets: Array<{ name: string }> };
    expect(streets.length).toBeGreaterThanOrEqual(40);
  });

  it('searches with q and refuses a query that is too long', async () => {
    const res = await t.app.inject({ url: '/api/gazetteer.json?q=howards' });
    expect(res.json()).toEqual({
      streets: [
        {
          id: 'wgc-001',
          name: 'Howardsgate',
          locality: 'Welwyn Garden City',
          lat: 51.8016,
          long: -0.2046,
        },
      ],
    });
    const long = await t.app.inject({ url: `/api/gazetteer.json?q=${'a'.repeat(101)}` });
    expect(long.statusCode).toBe(400);
    expect(long.json()[0].description).toMatch(/^q: give one search of at most 100 characters/);
  });
});
