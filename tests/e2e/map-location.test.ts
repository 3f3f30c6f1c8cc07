/**
 * Saying where: the map with the keyboard only (arrows pan, Space drops the pin at the centre,
 * arrows move it, every change announced), tapping the map, a place outside the council's area
 * refused with a link to find the right council, the viewed tiles kept by the service worker, and
 * the street search working offline after one online visit. Tiles come from a loopback server;
 * nothing leaves loopback.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PageChecker, goOffline, onPage } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { draftUpTo, installApp, seedDraft } from './media-helpers';

const e2e = serverAndBrowser({ tiles: true });

const coords = async (page: Page) => ({
  lat: await page.getByLabel(/^Latitude/).inputValue(),
  long: await page.getByLabel(/^Longitude/).inputValue(),
});
const live = (page: Page) => page.getByTestId('map-live');
/** Where Leaflet has moved the map's pane (px): a pan has ended when it reaches its target. */
const panePos = (page: Page) =>
  page.locator('.leaflet-map-pane').evaluate((el: HTMLElement) => {
    const m = /translate3d\((-?[\d.]+)px, (-?[\d.]+)px/.exec(el.style.transform);
    return m ? ([Number(m[1]), Number(m[2])] as const) : ([0, 0] as const);
  });
/** The map's keyboard pan (keyboardPanDelta in LocationMap.tsx). */
const PAN_PX = 80;

async function openWhere(page: Page): Promise<void> {
  await installApp(page, e2e.server.url);
  await seedDraft(page, draftUpTo('fly-tipping', 'where'));
  await page.goto(e2e.server.url + '/report/where');
  await onPage(page, 'Where is the problem?');
}

describe('the map', () => {
  it('places and moves the pin with the keyboard only', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'map');
    try {
      await openWhere(page);
      await page.locator('.leaflet-tile-loaded').first().waitFor();
      expect(await page.locator('.app-map-pin').count()).toBe(0);
      await checker.check('where-with-map');

      // Tab to the map itself.
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (
          await page.evaluate(() => document.activeElement?.classList.contains('leaflet-container'))
        )
          break;
      }
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Map. Put the pin on the place of the problem',
      );
      await expect.poll(() => live(page).innerText()).toMatch(/^Map\. Arrow keys move the map/);

      // Arrows pan the map (no pin yet), Space drops the pin in the middle.
      const [x0, y0] = await panePos(page);
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => panePos(page), { timeout: 10_000 }).toEqual([x0 + PAN_PX, y0]);
      await page.keyboard.press('Space');
      await page.locator('.app-map-pin').waitFor();
      await expect.poll(() => live(page).innerText()).toMatch(/^Pin placed in the middle/);
      const dropped = await coords(page);
      expect(Number(dropped.lat)).toBeCloseTo(51.78, 2);
      expect(Number(dropped.long)).toBeLessThan(-0.21); // panned west first
      await checker.check('pin-selected');

      // Selected: the arrows move the pin, not the map.
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      const moved = await coords(page);
      expect(Number(moved.long)).toBeGreaterThan(Number(dropped.long));
      expect(Number(moved.lat)).toBeGreaterThan(Number(dropped.lat));

      // Space leaves it there; the arrows pan the map again and the pin stays put.
      await page.keyboard.press('Space');
      await expect.poll(() => live(page).innerText()).toMatch(/^Pin left here/);
      const [x1, y1] = await panePos(page);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => panePos(page), { timeout: 10_000 }).toEqual([x1, y1 - PAN_PX]);
      expect(await coords(page)).toEqual(moved);

      // Tapping the map moves the pin there.
      const box = (await page.locator('.app-map').boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.7);
      await expect.poll(() => coords(page)).not.toEqual(moved);

      // The tiles seen are kept for offline use (and only those).
      const cached = await page.evaluate(async () =>
        (await (await caches.open('map-tiles')).keys()).map((r) => new URL(r.url).pathname),
      );
      expect(cached.length).toBeGreaterThan(0);
      expect(cached.length).toBeLessThanOrEqual(e2e.tiles.served.length);

      await page.getByLabel('Where is the problem?').fill('Service road behind the shops');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await onPage(page, 'What happened?');
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });

  it('says when the pin is outside the council and refuses it', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'map-outside');
    try {
      await openWhere(page);
      await page.getByLabel(/^Latitude/).fill('52.4862');
      await page.getByLabel(/^Longitude/).fill('-1.8904');
      const warning = page.getByTestId('outside-boundary');
      await warning.waitFor();
      expect(await warning.innerText()).toContain(
        "The pin is outside Demo Borough Council's area, so this council cannot deal with it.",
      );
      expect(
        await warning
          .getByRole('link', { name: /Find the council for this place/ })
          .getAttribute('href'),
      ).toBe('https://www.gov.uk/find-local-council');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        "This place is outside Demo Borough Council's area",
      );
      expect(await page.locator('h1').first().innerText()).toBe('Where is the problem?');
      await checker.check('outside');
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });

  it('finds a street offline after one online visit, and shows a map without tiles', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'gazetteer');
    try {
      await installApp(page, e2e.server.url); // the one online visit: the map was never opened
      await seedDraft(page, draftUpTo('fly-tipping', 'where'));
      await goOffline(context, page);
      await page.goto(e2e.server.url + '/report/where');
      await onPage(page, 'Where is the problem?');
      await page
        .getByText('The map cannot be shown without an internet connection')
        .waitFor({ timeout: 20_000 });

      await page.getByText("Can't use the map?").click();
      await page.getByLabel('Search for a street').fill('queens');
      await page.getByText('1 street found.').waitFor();
      await checker.check('street-search');
      await page.getByRole('button', { name: 'Queensway, Hatfield' }).click();
      await page.getByText('Chosen: Queensway, Hatfield.').first().waitFor();
      expect(await page.getByLabel('Where is the problem?').inputValue()).toBe(
        'Queensway, Hatfield',
      );
      expect(await coords(page)).toEqual({ lat: '51.764500', long: '-0.224500' });
      await page.locator('.app-map-pin').waitFor();
      await checker.check('street-chosen');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await onPage(page, 'What happened?');
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });
});
