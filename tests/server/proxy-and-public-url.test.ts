/**
 * Whom the server believes: the client's address comes from a configured number of proxies or
 * their addresses, never from the left-most X-Forwarded-For value the client wrote itself; and the
 * URLs the server writes (media, discovery) come from PUBLIC_URL, never from the Host header.
 */
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/server/settings';
import { describeEachStore, fileReport, flyTipping } from './helpers';
import { postWithFiles } from './media-helpers';
import { STAFF_PASSWORD, form, makeStaff } from './staff-helpers';
import sharp from 'sharp';

describe('TRUST_PROXY and PUBLIC_URL settings', () => {
  const read = (env: Record<string, string>) => readSettings(env);

  it('takes a number of proxies in front', () => {
    const r = read({ TRUST_PROXY: '2' });
    expect(r.ok && r.value.trustProxy).toBe(2);
  });

  it('takes a list of proxy addresses and networks', () => {
    const r = read({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' });
    expect(r.ok && r.value.trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16']);
  });

  it('is off when unset or false', () => {
    for (const v of [undefined, 'false', '0']) {
      const r = read(v === undefined ? {} : { TRUST_PROXY: v });
      expect(r.ok && r.value.trustProxy).toBe(false);
    }
  });

  it('refuses "true" and says what to give instead', () => {
    const r = read({ TRUST_PROXY: 'true' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.join('\n')).toMatch(/TRUST_PROXY: .*number of proxies.*addresses/);
  });

  it('refuses a value that is neither', () => {
    const r = read({ TRUST_PROXY: 'the load balancer' });
    expect(r.ok).toBe(false);
  });

  it('PUBLIC_URL is an http(s) origin; unset it is left to the listening address', () => {
    const ok = read({ PUBLIC_URL: 'https://reports.council.example/' });
    expect(ok.ok && ok.value.publicUrl).toBe('https://reports.council.example');
    const unset = read({});
    expect(unset.ok && unset.value.publicUrl).toBeNull();
    for (const bad of ['reports.example', 'ftp://x.example', 'https://x.example/path?q']) {
      const r = read({ PUBLIC_URL: bad });
      expect(r.ok, bad).toBe(false);
    }
  });
});

describeEachStore('client address and our own URLs', (t) => {
  async function failedSignInFrom(trustProxy: false | number | string[], xff: string) {
    const app = await t.openInstance({ trustProxy });
    const email = `nobody-${Math.random().toString(36).slice(2)}@example.com`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/staff/sign-in',
      remoteAddress: '127.0.0.1',
      payload: new URLSearchParams({ email, password: 'wrong' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff },
    });
    expect(res.statusCode).toBe(401);
    const rows = (await t.db.query(
      `SELECT bucket FROM sign_in_attempts WHERE bucket LIKE 'ip:%' ORDER BY bucket`,
    )) as Array<{ bucket: string }>;
    return rows.map((r) => r.bucket);
  }

  it('one proxy hop: the address the proxy appended, not the one the client wrote', async () => {
    const buckets = await failedSignInFrom(1, '6.6.6.6, 203.0.113.50');
    expect(buckets).toContain('ip:203.0.113.50');
    expect(buckets).not.toContain('ip:6.6.6.6');
  });

  it('a list of proxies: the first address from the right that is not a proxy', async () => {
    const buckets = await failedSignInFrom(
      ['127.0.0.1', '10.0.0.0/8'],
      '6.6.6.7, 203.0.113.51, 10.1.2.3',
    );
    expect(buckets).toContain('ip:203.0.113.51');
    expect(buckets).not.toContain('ip:6.6.6.7');
  });

  it('no proxy trusted: X-Forwarded-For is ignored', async () => {
    const buckets = await failedSignInFrom(false, '6.6.6.8');
    expect(buckets).not.toContain('ip:6.6.6.8');
  });

  it('discovery.json names PUBLIC_URL whatever the Host header says', async () => {
    const app = await t.openInstance({ publicUrl: 'https://reports.council.example' });
    const res = await app.inject({
      url: '/open311/v2/discovery.json',
      headers: { host: 'evil.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('evil.example');
    expect(res.json().endpoints[0].url).toBe('https://reports.council.example/open311/v2');
  });

  it('media_url is on PUBLIC_URL whatever the Host header says', async () => {
    const app = await t.openInstance({ publicUrl: 'https://reports.council.example' });
    const photo = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    const posted = await postWithFiles(app, flyTipping(), [
      { name: 'p.png', type: 'image/png', bytes: photo },
    ]);
    expect(posted.statusCode, posted.body).toBe(201);
    const id = (JSON.parse(posted.body) as Array<{ service_request_id: string }>)[0]!
      .service_request_id;
    const view = await app.inject({
      url: `/open311/v2/requests/${id}.json`,
      headers: { host: 'evil.example' },
    });
    expect(view.body).not.toContain('evil.example');
    expect(view.json()[0].media_url).toMatch(/^https:\/\/reports\.council\.example\/api\/media\//);
  });

  it('with PUBLIC_URL, a cookie POST must come from its origin, whatever the Host says', async () => {
    const app = await t.openInstance({ publicUrl: 'https://reports.council.example' });
    const email = await makeStaff(app.store);
    const signIn = (headers: Record<string, string>) =>
      form(
        app,
        '/api/staff/sign-in',
        [
          ['email', email],
          ['password', STAFF_PASSWORD],
        ],
        headers,
      );
    // A page on evil.example posting to a server reached as evil.example (DNS rebinding).
    const rebound = await signIn({ host: 'evil.example', origin: 'http://evil.example' });
    expect(rebound.statusCode, rebound.body).toBe(403);
    // Our own page, through a proxy that passes on its internal Host.
    const ours = await signIn({
      host: 'app-internal:3000',
      origin: 'https://reports.council.example',
    });
    expect(ours.statusCode, ours.body).toBe(200);
  });

  it('without PUBLIC_URL the Host header is not used either', async () => {
    const res = await t.app.inject({
      url: '/open311/v2/discovery.json',
      headers: { host: 'evil.example' },
    });
    expect(res.body).not.toContain('evil.example');
    await fileReport(t.app, flyTipping());
  });
});
