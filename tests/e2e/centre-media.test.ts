/**
 * A photo with a report a reporting centre files on a victim's behalf, end to end: the centre
 * user attaches a camera photo (EXIF with GPS and a camera make) while the tablet is offline; it
 * is shrunk in the photo worker and shown on the check page; while the report waits, nothing in
 * the tablet's storage is a plain JPEG (no value starts with the JPEG SOI marker, no JFIF or Exif
 * header, no camera make); online it is sent once, the tablet keeps nothing, the council stores
 * it without metadata, the centre user sees it on the report's page, and a council officer opens
 * it from the report (each read audited). The photo step, the check page and the report page
 * pass axe and are photographed at 390x844.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRES } from '../../src/server/seed/seed';
import { cameraJpeg } from '../fixtures/photos';
import { onPage, PageChecker } from './flow-helpers';
import { signInToCentre } from './centre-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { installApp, staffPage, staffSignInAt } from './informed-helpers';

const CENTRE = DEMO_CENTRES[0];
const CENTRE_REF = 'LIB-PHOTO-7';
const CAMERA_MAKE = 'Example Camera Co';

const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });
let camera: Buffer;

beforeAll(async () => {
  camera = await cameraJpeg({
    width: 2400,
    height: 1800,
    gps: { lat: 51.8003, long: -0.2051 },
    make: CAMERA_MAKE,
    model: 'Phone 12',
  });
}, 120_000);

/** The council's copies of this centre's report and their media, from its SQLite file. */
function stored() {
  const db = new Database(join(e2e.server.dataDir, 'reports.sqlite'), { readonly: true });
  try {
    const reports = db
      .prepare('SELECT report_id FROM centre_reports WHERE centre_reference = ?')
      .all(CENTRE_REF) as Array<{ report_id: string }>;
    const media = reports.length
      ? (db
          .prepare('SELECT id, file_name FROM media WHERE report_id = ? ORDER BY position')
          .all(reports[0]!.report_id) as Array<{ id: string; file_name: string }>)
      : [];
    const audit = reports.length
      ? (db
          .prepare('SELECT actor_kind, action FROM centre_audit WHERE report_id = ?')
          .all(reports[0]!.report_id) as Array<{ actor_kind: string; action: string }>)
      : [];
    return { reports: reports.map((r) => r.report_id), media, audit };
  } finally {
    db.close();
  }
}

describe('a photo with a centre report', () => {
  it('is sealed on the tablet while offline, sent once, and seen by staff', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'centre-media');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/open311/v2/requests.json')) {
        posts.push(r.headers()['idempotency-key'] ?? '');
      }
    });
    try {
      // The service worker controls the page, so the photo worker loads with no signal.
      await installApp(page, e2e.server.url);
      await page.goto(e2e.server.url + '/centre');
      await signInToCentre(page, CENTRE);

      await context.setOffline(true);
      await page.getByRole('link', { name: 'Report for a victim' }).click();
      await onPage(page, "The victim's consent");
      await page.getByLabel('The victim agrees to this report being made').check();
      await page.locator('input[name="centre-police"][value="no"]').check();
      await page.locator('input[name="centre-support"][value="no"]').check();
      await page.getByLabel("Your centre's case reference").fill(CENTRE_REF);
      const next = () => page.locator('main form button[type=submit]').click();
      await next();
      await onPage(page, 'Contacting the victim');
      await page.getByLabel('Only through this centre').check();
      await next();
      await onPage(page, 'What kind of incident is it?');
      await page.getByLabel('Hate incident or hate crime').check();
      await next();

      // The category's questions ("No" where offered, else the first choice), then the photos.
      for (let i = 0; i < 20; i++) {
        const h1 = (await page.locator('h1').first().innerText()).trim();
        if (h1 === 'Add photos (optional)') break;
        const form = page.locator('main form');
        const no = form.locator('input[type=radio][value="no"]');
        const radios = form.locator('input[type=radio]');
        const boxes = form.locator('input[type=checkbox]');
        if ((await radios.count()) > 0) {
          await ((await no.count()) > 0 ? no.first() : radios.first()).check();
        } else if ((await boxes.count()) > 0) await boxes.first().check();
        else await form.locator('textarea, input[type=text]').first().fill('Weekday mornings');
        await next();
        await page.waitForFunction(
          (before) => document.querySelector('h1')?.textContent?.trim() !== before,
          h1,
        );
      }
      await onPage(page, 'Add photos (optional)');
      // The hint speaks of the shared tablet, not a phone.
      expect(await page.locator('main .govuk-hint').first().innerText()).toContain(
        'They are made smaller on this tablet',
      );
      await page.getByLabel('Take or choose photos').setInputFiles({
        name: 'IMG_0042.JPG',
        mimeType: 'image/jpeg',
        buffer: camera,
      });
      await page
        .getByTestId('photo-status')
        .getByText('1 photo added.')
        .waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('photo-item').count()).toBe(1);
      await checker.check('photo-step');
      await next();

      await onPage(page, 'Where exactly did it happen?');
      await page.getByLabel('Where exactly did it happen?').fill('The library car park');
      await next();
      await onPage(page, 'What happened?');
      await page.getByLabel('What happened?').fill('Hateful graffiti sprayed on the car.');
      await next();
      await onPage(page, 'Check the report before saving it');
      const photosRow = page.locator('.govuk-summary-list__row', {
        hasText: 'Photos and recordings',
      });
      expect(await photosRow.locator('.govuk-summary-list__value').innerText()).toBe('1 photo');
      await checker.check('check');
      await page.getByRole('button', { name: 'Save and send' }).click();
      await onPage(page, `Reports for ${CENTRE.name}`);
      await expect.poll(() => page.locator('.app-centre-waiting li').count()).toBe(1);

      // What the tablet holds while the report waits: sealed bytes, no plain JPEG anywhere.
      const held = await page.evaluate(async () => {
        const latin1 = new TextDecoder('latin1');
        const buffers: ArrayBuffer[] = [];
        const walk = (v: unknown): void => {
          if (v instanceof ArrayBuffer) buffers.push(v);
          else if (ArrayBuffer.isView(v)) buffers.push(v.buffer as ArrayBuffer);
          else if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') Object.values(v).forEach(walk);
        };
        const texts: string[] = [];
        const stores: string[] = [];
        for (const info of await indexedDB.databases()) {
          const db = await new Promise<IDBDatabase>((res, rej) => {
            const r = indexedDB.open(info.name!);
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
          for (const store of Array.from(db.objectStoreNames)) {
            stores.push(`${info.name}/${store}`);
            const values = await new Promise<unknown[]>((res) => {
              const r = db.transaction(store).objectStore(store).getAll();
              r.onsuccess = () => res(r.result);
            });
            walk(values);
            texts.push(JSON.stringify(values));
          }
          db.close();
        }
        return {
          stores,
          text: texts.join('\n') + buffers.map((b) => latin1.decode(b)).join('\n'),
          soi: buffers.filter((b) => {
            const u = new Uint8Array(b, 0, Math.min(3, b.byteLength));
            return u[0] === 0xff && u[1] === 0xd8 && u[2] === 0xff;
          }).length,
          largest: Math.max(0, ...buffers.map((b) => b.byteLength)),
        };
      });
      expect(held.stores).toContain('neighbourhood-reporter-centre/media');
      // The photo is there, sealed (tens of kilobytes of ciphertext) ...
      expect(held.largest).toBeGreaterThan(20_000);
      // ... and none of it is a JPEG anyone could open.
      expect(held.soi).toBe(0);
      for (const plain of ['JFIF', 'Exif', CAMERA_MAKE, 'IMG_0042', 'image/jpeg', CENTRE_REF]) {
        expect(held.text, plain).not.toContain(plain);
      }
      expect(stored().reports).toEqual([]);

      // Online: sent once, and the tablet keeps nothing of it.
      await context.setOffline(false);
      await page.getByText('No reports are waiting on this tablet.').waitFor({ timeout: 60_000 });
      const council = stored();
      expect(council.reports).toHaveLength(1);
      expect(council.media).toHaveLength(1);
      expect(new Set(posts).size).toBe(1);
      const after = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('neighbourhood-reporter-centre');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const count = (store: string) =>
          new Promise<number>((res) => {
            const r = db.transaction(store).objectStore(store).count();
            r.onsuccess = () => res(r.result);
          });
        const out = { sealed: await count('sealed'), media: await count('media') };
        db.close();
        return out;
      });
      expect(after).toEqual({ sealed: 0, media: 0 });

      // The centre user opens the report from the list and sees the photo (fetched, audited).
      const reference = council.reports[0]!;
      await page
        .getByRole('link', { name: new RegExp(`^${CENTRE_REF} ?, council reference`) })
        .click();
      await onPage(page, 'Hate incident or hate crime');
      expect(new URL(page.url()).pathname).toBe(`/centre/reports/${reference}`);
      await page.getByRole('heading', { name: 'Photos and recordings', level: 2 }).waitFor();
      const shown = page.getByRole('img', { name: 'Photo 1 of 1' });
      expect(await shown.getAttribute('loading')).toBe('lazy');
      await shown.scrollIntoViewIfNeeded();
      await expect
        .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      // It fits the phone's width.
      const box = (await shown.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      await checker.check('report-page');
      expect(stored().audit).toContainEqual({ actor_kind: 'centre_user', action: 'read_media' });
      const file = join(e2e.server.dataDir, 'media', council.media[0]!.file_name);
      const meta = await sharp(file).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1920);

      // A council officer sees the photo on the report; the read is in the centre audit log.
      const staff = await staffPage(e2e.browser);
      try {
        await staffSignInAt(staff.page, `${e2e.server.url}/staff/reports/${reference}`);
        await onPage(staff.page, reference);
        const link = staff.page.getByRole('link', { name: 'File 1' });
        const href = await link.getAttribute('href');
        expect(href).toMatch(new RegExp(`/api/media/${council.media[0]!.id}$`));
        const got = await staff.page.evaluate(async (url) => {
          const r = await fetch(url);
          return {
            status: r.status,
            type: r.headers.get('content-type'),
            size: (await r.arrayBuffer()).byteLength,
          };
        }, href!);
        expect(got).toMatchObject({ status: 200, type: 'image/jpeg' });
        expect(got.size).toBeGreaterThan(10_000);
      } finally {
        await staff.close();
      }
      expect(stored().audit).toContainEqual({ actor_kind: 'staff', action: 'read_media' });
      // Nobody without a sign-in gets it.
      const anonymous = await fetch(`${e2e.server.url}/api/media/${council.media[0]!.id}`);
      expect(anonymous.status).toBe(404);
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  }, 180_000);
});
