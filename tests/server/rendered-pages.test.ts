/**
 * The pages the server renders (src/server/ssr), from the real build (`dist/`, or E2E_DIST_DIR:
 * the render module is a product of `vite build`) through the real app on SQLite: each holds its
 * content in the HTML in the language asked for, with no inline script and no moved Suspense
 * boundary (the CSP would block the script that puts one back, and the page would hydrate twice).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { localiseCouncil } from '../../src/shared/council-text';
import { PERFORMANCE_DATA_ID } from '../../src/shared/page-data';
import {
  demoCouncil,
  fileReport,
  flyTipping,
  sqliteDatabase,
  TEST_LOAD,
  type Database,
} from './helpers';

const DIST = resolve(import.meta.dirname, '../..', process.env.E2E_DIST_DIR ?? 'dist');
const LANGUAGES = ['en', 'cy', 'pl', 'ur'] as const;

type Locale = Record<string, Record<string, unknown>>;
const locale = (lng: string) =>
  JSON.parse(readFileSync(`src/app/i18n/locales/${lng}.json`, 'utf8')) as Locale;

/** Text as React writes it into HTML. */
const asHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

/** What the browser would put inside <div id="root">. */
function root(html: string): string {
  const start = html.indexOf('<div id="root">');
  const end = html.indexOf('<script type="application/json"', start);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, end);
}

function expectNothingForAScript(html: string): void {
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    expect(tag, 'a script is a file or JSON data').toMatch(/\bsrc="|type="application\/json"/);
  }
  expect(html, 'a Suspense boundary moved out of place').not.toMatch(/<template\b|<!--\$[?!]-->/);
  expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
}

describe('pages rendered on the server', () => {
  let db: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    if (!existsSync(join(DIST, '.ssr', 'render.js'))) {
      throw new Error(`${DIST}/.ssr/render.js is missing: run \`npm run build\` first.`);
    }
    db = sqliteDatabase();
    app = await buildApp({
      council: demoCouncil,
      store: await db.openStore(),
      distDir: DIST,
      load: TEST_LOAD,
    });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const page = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ url, headers: { accept: 'text/html', ...headers } });

  it.each(LANGUAGES)(
    '/report/category in %s holds every category the council offers',
    async (lng) => {
      const res = await page('/report/category', { 'accept-language': `${lng};q=0.9` });
      expect(res.statusCode).toBe(200);
      expect(res.headers.vary).toMatch(/accept-language/);
      const html = res.body;
      expect(html).toMatch(new RegExp(`<html lang="${lng}" dir="${lng === 'ur' ? 'rtl' : 'ltr'}"`));
      const body = root(html);
      expect(body.match(/<form\b/g)).toHaveLength(1);
      const words = locale(lng).category!;
      expect(body).toMatch(/<legend[^>]*><h1[^>]*>[^<]+<\/h1><\/legend>/);
      expect(body).toContain(`>${asHtml(String(words.title))}</h1></legend>`);
      const council = localiseCouncil(demoCouncil, lng);
      const active = council.services.filter((s) => s.active);
      expect(active.length).toBeGreaterThan(3);
      for (const s of active) {
        expect(body).toContain(`value="${s.service_code}"`);
        expect(body).toContain(asHtml(s.service_name));
      }
      // Not the English names where the council has its own words in this language.
      if (lng !== 'en') {
        const english = demoCouncil.services.filter((s) => s.active).map((s) => s.service_name);
        expect(active.map((s) => s.service_name)).not.toEqual(english);
      }
      expectNothingForAScript(html);
    },
  );

  it.each(['/', '/response-times', '/report/category'])(
    '%s needs no inline script in any language',
    async (path) => {
      for (const lng of LANGUAGES) {
        const res = await page(`${path}?lang=${lng}`);
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain(`<html lang="${lng}"`);
        expect(root(res.body)).toMatch(/<main[^>]*id="main-content"/);
        expectNothingForAScript(res.body);
      }
    },
  );

  /** The rows of a category's "last 90 days" table, as [heading, value] pairs. */
  function last90Rows(html: string, serviceCode: string): Array<[string, string]> {
    const section = new RegExp(
      `<section[^>]*aria-labelledby="category-${serviceCode}"[^>]*>([\\s\\S]*?)</section>`,
    ).exec(html)?.[1];
    expect(section, `a section for ${serviceCode}`).toBeDefined();
    const table = section!.slice(0, section!.indexOf('</table>'));
    return [...table.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th><td[^>]*>([^<]*)<\/td>/g)].map(
      (m) => [m[1]!, m[2]!],
    );
  }

  it('/response-times holds the published figures, the same as /api/performance.json', async () => {
    await fileReport(app, flyTipping());
    const res = await page('/response-times');
    const body = root(res.body);
    const words = locale('en').responseTimes!;
    const json = await app.inject({ url: '/api/performance.json' });
    const published = JSON.parse(json.body) as { categories: Array<{ serviceCode: string }> };
    expect(published.categories.length).toBeGreaterThan(3);
    for (const c of published.categories) {
      const name = demoCouncil.services.find((s) => s.service_code === c.serviceCode)!.service_name;
      expect(body).toContain(asHtml(`${name}: the last 90 days`));
      expect(last90Rows(body, c.serviceCode).map(([head]) => head)).toContain(words.received);
    }
    expect(last90Rows(body, 'fly-tipping')).toContainEqual([words.received, '1']);

    // The figures the page was rendered with are in it for the app, with their ETag.
    const data = new RegExp(
      `<script type="application/json" id="${PERFORMANCE_DATA_ID}">([^<]*)</script>`,
    ).exec(res.body)?.[1];
    expect(JSON.parse(data!)).toEqual({ etag: json.headers.etag, performance: published });
  });

  it('/response-times is rendered again when a figure changes, in the language asked for', async () => {
    const before = last90Rows(root((await page('/response-times?lang=cy')).body), 'fly-tipping');
    const received = Number(
      before.find(([head]) => head === locale('cy').responseTimes!.received)![1],
    );
    await fileReport(app, flyTipping());
    const after = root((await page('/response-times?lang=cy')).body);
    const cy = localiseCouncil(demoCouncil, 'cy');
    const name = cy.services.find((s) => s.service_code === 'fly-tipping')!.service_name;
    expect(after).toContain(
      asHtml(String(locale('cy').responseTimes!.last90Caption).replace('{{name}}', name)),
    );
    expect(last90Rows(after, 'fly-tipping')).toContainEqual([
      locale('cy').responseTimes!.received,
      String(received + 1),
    ]);
  });
});
