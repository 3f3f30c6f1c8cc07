/**
 * The security headers on the app's HTML and the API: the CSP allows only this origin's scripts
 * and the council's tiles, no framing; Permissions-Policy keeps location, camera and microphone to
 * this origin; HSTS only over HTTPS; COOP same-origin.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tileOrigin } from '../../src/server/http/security-headers';
import { demoCouncil, describeEachStore } from './helpers';

const dist = mkdtempSync(join(tmpdir(), 'nr-dist-'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>t</title>');

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describeEachStore(
  'security headers',
  (t) => {
    it('the HTML has a strict CSP, no framing, Permissions-Policy and COOP', async () => {
      const res = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      const csp = directives(String(res.headers['content-security-policy']));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('img-src')).toContain(tileOrigin(demoCouncil.map.tileUrl));
      // The service worker fetches the tiles it keeps, under the policy sent with sw.js.
      expect(csp.get('connect-src')).toContain(tileOrigin(demoCouncil.map.tileUrl));
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(res.headers['permissions-policy']).toBe(
        'geolocation=(self), camera=(self), microphone=(self)',
      );
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('HSTS over HTTPS (as a trusted proxy says)', async () => {
      const app = await t.openInstance({ trustProxy: 1, distDir: dist });
      const res = await app.inject({
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    });
  },
  { distDir: dist },
);

describe('tileOrigin', () => {
  it('takes the origin of a tile template, {s} subdomains as a wildcard', () => {
    expect(tileOrigin('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
      'https://tile.openstreetmap.org',
    );
    expect(tileOrigin('https://{s}.tiles.example:8443/{z}/{x}/{y}.png')).toBe(
      'https://*.tiles.example:8443',
    );
    expect(tileOrigin('http://127.0.0.1:9/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:9');
  });
});
