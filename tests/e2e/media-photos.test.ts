/**
 * Photos end to end: a 12-megapixel camera JPEG carrying EXIF GPS and a camera make is attached
 * on the phone, shrunk off the main thread, and stored by the server at most 1920 px and 600 KB
 * with no EXIF at all (the test reads the stored file); choosing "Use this photo's location"
 * moves the map's pin there. Map tiles come from a loopback tile server.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cameraJpeg } from '../fixtures/photos';
import { PageChecker, onPage } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import {
  CHECK_TITLE,
  SENT,
  continueToCheck,
  mediaPath,
  openAtStep,
  storedFor,
} from './media-helpers';

const GPS = { lat: 51.7997, long: -0.2068 };
const e2e = serverAndBrowser({ tiles: true });
let camera: Buffer;

beforeAll(async () => {
  camera = await cameraJpeg({ gps: GPS, make: 'Example Camera Co', model: 'Phone 12' });
});

describe('photos', () => {
  it('stores a 12 MP camera photo small and without EXIF; its location moves the pin', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'media-photos');
    try {
      const draft = await openAtStep(page, e2e.server.url, 'fly-tipping', 'evidence');
      await onPage(page, 'Add photos (optional)');
      await checker.check('empty');

      // Chromium cannot decode HEIC: the resident is told what to do instead.
      await page.getByLabel('Take or choose photos').setInputFiles({
        name: 'IMG_2040.HEIC',
        mimeType: 'image/heic',
        buffer: Buffer.concat([Buffer.from('\0\0\0\x18ftypheic', 'latin1'), Buffer.alloc(64)]),
      });
      await page
        .locator('.govuk-error-message')
        .getByText('"IMG_2040.HEIC" is a HEIC photo, which this browser cannot open.', {
          exact: false,
        })
        .waitFor();
      expect(await page.getByTestId('photo-item').count()).toBe(0);
      await checker.check('heic-refused');

      const meta = await sharp(camera).metadata();
      expect(meta.width! * meta.height!).toBeGreaterThanOrEqual(12_000_000);
      expect(meta.exif).toBeDefined();
      await page
        .getByLabel('Take or choose photos')
        .setInputFiles({ name: 'IMG_2041.JPG', mimeType: 'image/jpeg', buffer: camera });
      await page.getByTestId('photo-item').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('photo-status').innerText()).toBe('1 photo added.');
      const preview = page.getByRole('img', { name: 'Photo 1 you added (IMG_2041.jpg)' });
      await preview.waitFor();
      const size = await preview.evaluate((img: HTMLImageElement) => [
        img.naturalWidth,
        img.naturalHeight,
      ]);
      expect(Math.max(...size)).toBe(1920);
      await checker.check('photo-added');

      await page.getByRole('button', { name: "Use this photo's location" }).click();
      await page.getByText('The place of the problem is now where this photo was taken').waitFor();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();

      await onPage(page, 'Where is the problem?');
      expect(Number(await page.getByLabel(/^Latitude/).inputValue())).toBeCloseTo(GPS.lat, 5);
      expect(Number(await page.getByLabel(/^Longitude/).inputValue())).toBeCloseTo(GPS.long, 5);
      // The pin stands on the photo's place, in the middle of the map's view.
      const pin = page.locator('.app-map-pin');
      await pin.waitFor();
      const mapBox = (await page.locator('.app-map').boundingBox())!;
      const pinBox = (await pin.boundingBox())!;
      expect(Math.abs(pinBox.x + pinBox.width / 2 - (mapBox.x + mapBox.width / 2))).toBeLessThan(
        40,
      );
      await page.locator('.leaflet-tile-loaded').first().waitFor();
      await checker.check('where-pin-from-photo');

      await page.getByLabel('Where is the problem?').fill('Behind the garages off Parkway');
      await continueToCheck(page);
      await onPage(page, CHECK_TITLE);
      expect(await page.getByTestId('media-summary').innerText()).toBe('1 photo');
      await checker.check('check-answers');
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.getByText(SENT).waitFor({ timeout: 30_000 });

      const stored = storedFor(e2e.server.dataDir, draft.id);
      expect(stored.reports).toHaveLength(1);
      expect(stored.media).toHaveLength(1);
      const file = readFileSync(mediaPath(e2e.server.dataDir, stored.media[0]!));
      const m = await sharp(file).metadata();
      expect(m.format).toBe('jpeg');
      expect(Math.max(m.width!, m.height!)).toBeLessThanOrEqual(1920);
      expect(file.length).toBeLessThanOrEqual(600 * 1024);
      expect(m.exif).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(file.includes(Buffer.from('Example Camera Co'))).toBe(false);
      expect(e2e.tiles.served.length).toBeGreaterThan(0);
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });
});
