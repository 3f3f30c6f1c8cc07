/**
 * The restore drill of docs/operations.md, on SQLite and a media folder: back up a running
 * server's database (VACUUM INTO, safe while it writes) and its media folder (a plain copy),
 * lose the data folder, restore both into a new one and start from it: the report and its photo
 * are there, byte for byte, and new reports are taken.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { openStore, SQLITE_FILE } from '../../src/server/store/open-store';
import { cameraJpeg } from '../fixtures/photos';
import { demoCouncil, flyTipping, newKey, TEST_LOAD } from './helpers';
import { postWithFiles } from './media-helpers';

const work = mkdtempSync(join(tmpdir(), 'nr-restore-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function serverOn(dataDir: string) {
  return buildApp({
    load: TEST_LOAD,
    council: demoCouncil,
    store: await openStore({ kind: 'sqlite', dataDir }),
    distDir: join(work, 'no-dist'),
    media: { kind: 'folder', dir: join(dataDir, 'media') },
  });
}

describe('Restore drill on SQLite and a media folder', () => {
  it('brings back every report and photo from the backup into a new data folder', async () => {
    const live = join(work, 'data');
    const app = await serverOn(live);
    const key = newKey();
    const photo = await cameraJpeg({ width: 640 });
    const sent = await postWithFiles(
      app,
      flyTipping(),
      [{ name: 'p.jpg', type: 'image/jpeg', bytes: photo }],
      key,
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const ref = (JSON.parse(sent.body) as Array<{ service_request_id: string }>)[0]!
      .service_request_id;
    const view = await app.inject({ url: `/open311/v2/requests/${ref}.json` });
    const mediaPath = new URL(JSON.parse(view.body)[0].media_url as string).pathname;
    const served = (await app.inject({ url: mediaPath })).rawPayload;

    // Backup while the server runs: the database first, then the media folder (files are
    // written before their rows, so every row in the copy has its file in the later copy).
    const backup = join(work, 'backup');
    const raw = new BetterSqlite3(join(live, SQLITE_FILE));
    raw.exec(`VACUUM INTO '${join(work, 'backup.sqlite')}'`);
    raw.close();
    cpSync(join(live, 'media'), join(backup, 'media'), { recursive: true });
    await app.close();

    // The disk is lost.
    rmSync(live, { recursive: true, force: true });

    // Restore into a new data folder and start from it.
    const restored = join(work, 'restored');
    cpSync(join(backup, 'media'), join(restored, 'media'), { recursive: true });
    cpSync(join(work, 'backup.sqlite'), join(restored, SQLITE_FILE));
    const again = await serverOn(restored);
    const back = await again.inject({
      url: `/open311/v2/requests/${ref}.json`,
      headers: { 'x-report-secret': key },
    });
    expect(back.statusCode).toBe(200);
    expect(JSON.parse(back.body)[0]).toMatchObject({
      service_request_id: ref,
      email: 'resident@example.com',
    });
    const photoBack = await again.inject({ url: mediaPath });
    expect(photoBack.statusCode).toBe(200);
    expect(photoBack.rawPayload.equals(served)).toBe(true);
    const next = await postWithFiles(again, flyTipping(), []);
    expect(next.statusCode, next.body).toBe(201);
    await again.close();
  });
});
