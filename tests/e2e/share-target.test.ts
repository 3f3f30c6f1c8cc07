/**
 * The share target: photos shared into the installed app (a multipart POST to the manifest's
 * share_target action, as Android's share sheet sends it) start a report at the category step
 * with them attached, shrunk and without their metadata, with no signal; a shared file that is
 * not a photo is left out with a message saying so.
 *
 * The POST is a real navigation from the page (a form with the files set through DataTransfer),
 * so the service worker receives it as it would a share.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DRAFT_MEDIA_DB } from '../../src/app/media/draft-media';
import { SHARE_FIELD, SHARE_TARGET_PATH } from '../../src/shared/share';
import { cameraJpeg, pdfBytes } from '../fixtures/photos';
import { installApp, onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';

const e2e = serverAndBrowser();

interface Shared {
  name: string;
  type: string;
  /** Base64: a large array of numbers is slow to pass into the page. */
  base64: string;
}

/** Submits the files to the share target from the page, as a navigation. */
async function share(page: Page, files: Shared[]) {
  await page.evaluate(
    ({ files, action, field }) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.enctype = 'multipart/form-data';
      form.action = action;
      const input = document.createElement('input');
      input.type = 'file';
      input.name = field;
      input.multiple = true;
      const dt = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      input.files = dt.files;
      form.append(input);
      document.body.append(form);
      form.submit();
    },
    { files, action: SHARE_TARGET_PATH, field: SHARE_FIELD },
  );
}

/** The photos attached to drafts on the phone: type, size and whether EXIF is left. */
function draftPhotos(page: Page) {
  return page.evaluate(
    (dbName) =>
      new Promise<Array<{ type: string; size: number; exif: boolean }>>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('items').objectStore('items').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as Array<{ kind: string; type: string; bytes: ArrayBuffer }>)
                .filter((i) => i.kind === 'photo')
                .map((i) => ({
                  type: i.type,
                  size: i.bytes.byteLength,
                  exif: new TextDecoder('latin1').decode(i.bytes).includes('Exif\0'),
                })),
            );
          };
          all.onerror = () => reject(all.error);
        };
      }),
    DRAFT_MEDIA_DB,
  );
}

describe('sharing photos into the app', () => {
  it('two photos shared with no signal start a report with both attached, shrunk and without metadata', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'share');
    try {
      await installApp(page, e2e.server.url);
      const photo = async (seed: number): Promise<Shared> => {
        // Larger than the 1920 px the pipeline keeps, so shrinking shows.
        const bytes = await cameraJpeg({
          seed,
          width: 2400,
          height: 1800,
          gps: { lat: 51.8, long: -0.2 },
        });
        return { name: `IMG_${seed}.jpg`, type: 'image/jpeg', base64: bytes.toString('base64') };
      };
      const photos = [await photo(1), await photo(2)];
      await context.setOffline(true);
      await share(page, photos);
      await page.waitForURL(/\/report\/category\?shared=1$/);
      await onPage(page, 'What is the problem?');
      const notice = page.getByTestId('shared-photos');
      await notice.getByText('Photos you shared, attached to this report: 2.').waitFor({
        timeout: 30_000,
      });
      await checker.check('category-with-shared-photos');
      const attached = await draftPhotos(page);
      expect(attached).toHaveLength(2);
      for (const p of attached) {
        expect(p.type).toBe('image/jpeg');
        expect(p.exif).toBe(false);
        expect(p.size).toBeLessThan(Buffer.from(photos[0]!.base64, 'base64').length);
      }

      // A file that is not a photo is left out, saying so.
      await share(page, [
        { name: 'letter.pdf', type: 'application/pdf', base64: pdfBytes().toString('base64') },
      ]);
      await page.waitForURL(/\/report\/category\?shared=1$/);
      await notice.getByText('Shared files left out because they are not photos: 1.').waitFor();
      await notice.getByText('Nothing you shared could be attached.', { exact: false }).waitFor();
      await checker.check('category-not-a-photo');
      expect(await draftPhotos(page)).toHaveLength(2);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });
});
