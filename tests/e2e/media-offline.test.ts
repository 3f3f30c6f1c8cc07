/**
 * Offline: a report with 3 photos and 1 recording is written and filed with no connection, kept
 * in the outbox, and arrives after reconnection with every attachment byte-identical to what the
 * phone stored (the phone's bytes hashed from IndexedDB before going online, compared with the
 * hash the server keeps of each upload: photos are stored re-encoded) and nothing duplicated.
 *
 * The demo council's noise category takes recordings only; this test's council copy lets it take
 * photos as well, so one report carries both.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CouncilConfigSchema } from '../../src/shared/council-config';
import { DEMO_COUNCIL_PATH } from '../../src/server/config/load-council';
import { DEFAULT_DB_NAME } from '../../src/app/outbox/schema';
import { cameraJpeg } from '../fixtures/photos';
import { PageChecker, goOffline, onPage } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import {
  CHECK_TITLE,
  SENT,
  continueToCheck,
  draftUpTo,
  installApp,
  recordAtLeast,
  seedDraft,
  storedFor,
} from './media-helpers';

const councilJson = JSON.parse(readFileSync(DEMO_COUNCIL_PATH, 'utf8'));
for (const s of councilJson.services) {
  if (s.service_code === 'noise') s.media = { photos: true, recordings: true };
}
const council = CouncilConfigSchema.parse(councilJson);

const e2e = serverAndBrowser({
  tiles: true,
  env: () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-media-council-'));
    writeFileSync(join(dir, 'council.json'), JSON.stringify(councilJson));
    return { COUNCIL_CONFIG: join(dir, 'council.json') };
  },
});

describe('media offline', () => {
  it('sends 3 photos and 1 recording filed offline, byte for byte, once', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'media-offline');
    try {
      await installApp(page, e2e.server.url);
      const draft = draftUpTo('noise', 'evidence', council);
      await seedDraft(page, draft);
      await goOffline(context, page);

      await page.goto(e2e.server.url + '/report/evidence');
      await onPage(page, 'Add photos or recordings (optional)');
      const photos = await Promise.all(
        [11, 12, 13].map((seed) => cameraJpeg({ width: 2400, height: 1800, seed })),
      );
      await page.getByLabel('Take or choose photos').setInputFiles(
        photos.map((buffer, i) => ({
          name: `party-${i + 1}.jpg`,
          mimeType: 'image/jpeg',
          buffer,
        })),
      );
      await page.getByTestId('photo-status').getByText('3 photos added.').waitFor({
        timeout: 60_000,
      });
      await page.getByRole('button', { name: 'Start recording' }).click();
      await page.getByTestId('recording-timer').waitFor();
      await recordAtLeast(page, 2);
      await page.getByRole('button', { name: 'Stop recording' }).click();
      await page.getByTestId('recording-item').waitFor({ timeout: 15_000 });
      await checker.check('photos-and-recording');

      await continueToCheck(page);
      await onPage(page, CHECK_TITLE);
      expect(await page.getByTestId('media-summary').innerText()).toBe('3 photos, 1 recording');
      await page.getByRole('button', { name: 'Send report' }).click();
      await onPage(page, 'Report saved on this phone');
      await checker.check('saved-offline');

      // What the phone holds, hashed in the page from IndexedDB, before any connection.
      const phone = await page.evaluate(
        async ({ dbName, id }) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open(dbName);
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const get = (store: string, key: string) =>
            new Promise<unknown>((resolve, reject) => {
              const r = db.transaction(store).objectStore(store).get(key);
              r.onsuccess = () => resolve(r.result);
              r.onerror = () => reject(r.error);
            });
          const report = (await get('reports', id)) as { state: string; mediaIds: string[] };
          const out: Array<{ type: string; sha256: string }> = [];
          for (const mediaId of report.mediaIds) {
            const m = (await get('media', mediaId)) as { bytes: ArrayBuffer; type: string };
            const digest = await crypto.subtle.digest('SHA-256', m.bytes);
            const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0'));
            out.push({ type: m.type, sha256: hex.join('') });
          }
          db.close();
          return { state: report.state, media: out };
        },
        { dbName: DEFAULT_DB_NAME, id: draft.id },
      );
      expect(phone.state).toBe('queued');
      expect(phone.media.map((m) => m.type.split(';')[0])).toEqual([
        'image/jpeg',
        'image/jpeg',
        'image/jpeg',
        'audio/mp4',
      ]);
      expect(storedFor(e2e.server.dataDir, draft.id).reports).toEqual([]);

      await context.setOffline(false);
      await page.getByText(SENT).waitFor({ timeout: 60_000 });

      const stored = storedFor(e2e.server.dataDir, draft.id);
      expect(stored.reports).toHaveLength(1);
      expect(stored.media.map((m) => m.upload_sha256)).toEqual(phone.media.map((m) => m.sha256));
      expect(stored.media.map((m) => m.kind)).toEqual(['photo', 'photo', 'photo', 'recording']);
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });
});
